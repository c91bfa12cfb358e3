"""Bad input: each problem is one clear ReadIssue naming the file, and the rest of the batch is still read."""

from __future__ import annotations

import gzip
import io
import os
import struct
import sys
import zlib
from pathlib import Path

import pytest

import dateline.read
from dateline.read import read_inputs

GOOD = "News ID: 1\nPublish Date : 2 May 2022 - 08:00\nCanal Reopens\n\nUTRECHT (Canal Wire) -- The canal reopened.\n"
ARABIC = (
    "أعلنت السلطات المحلية في المدينة أن الأمطار الغزيرة تسببت في إغلاق عدد من الطرق الرئيسية صباح اليوم، "
    "وقال متحدث باسم البلدية إن فرق الطوارئ تعمل على فتحها قبل المساء.\n"
    "وأضاف أن المدارس ستبقى مفتوحة كالمعتاد."
)


def png() -> bytes:
    """A real 2x2 red PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


def only_issue(read_paths, path: Path, **options: int):
    articles, issues = read_paths(path, **options)
    assert articles == []
    (issue,) = issues
    assert issue.path == str(path) and issue.severity == "error"
    return issue


def test_empty_file(tmp_path, read_paths):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert only_issue(read_paths, tmp_path / "empty.txt").reason == "file is empty"


def test_binary_file_is_refused_as_not_text(tmp_path, read_paths):
    (tmp_path / "photo.png").write_bytes(png())
    reason = only_issue(read_paths, tmp_path / "photo.png").reason
    assert reason.startswith("binary content") and "not text" in reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_file_is_read(tmp_path, read_paths, encoding):
    path = tmp_path / "wide.txt"
    path.write_bytes(GOOD.encode(encoding) if encoding == "utf-16-le" else GOOD.encode("utf-16"))
    (article,), issues = read_paths(path)
    assert issues == []
    assert article.title == "Canal Reopens" and article.text == "UTRECHT (Canal Wire) -- The canal reopened."


def test_utf16_arabic_file_with_byte_order_mark_is_read(tmp_path, read_paths):
    (tmp_path / "ar.txt").write_bytes(ARABIC.encode("utf-16"))
    (article,), issues = read_paths(tmp_path / "ar.txt")
    assert issues == [] and article.text == ARABIC


def test_windows_1256_arabic_file_is_read(tmp_path, read_paths):
    (tmp_path / "ar.txt").write_bytes(ARABIC.encode("cp1256"))
    (article,), issues = read_paths(tmp_path / "ar.txt")
    assert issues == [] and article.text == ARABIC


def test_html_page_with_no_article_text(tmp_path, read_paths):
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2022</footer></body></html>"
    )
    assert only_issue(read_paths, tmp_path / "menu.html").reason == "no article text found in the HTML page"


def test_50_mb_html_page_is_refused_by_size_without_being_read(tmp_path, read_paths, monkeypatch):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<!doctype html><html><body><p>")
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written
    reads: list[int] = []

    class Spy(io.BufferedReader):
        def read(self, size: int | None = -1) -> bytes:
            reads.append(size)
            return super().read(size)

    monkeypatch.setattr(dateline.read, "open", lambda name, mode, buffering: Spy(io.FileIO(name, mode)), raising=False)
    issue = only_issue(read_paths, path)
    assert issue.reason == "file is 50.0 MB, over the 20.0 MB limit; raise it with --max-bytes"
    assert reads == []


def test_gzip_that_inflates_past_the_limit_is_refused(tmp_path, read_paths):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 200_000))
    issue = only_issue(read_paths, tmp_path / "bomb.txt.gz", max_bytes=100_000)
    assert issue.reason == "content is over the 0.1 MB limit; raise it with --max-bytes"


def test_a_truncated_gzip_yields_its_readable_part_and_a_warning_naming_the_break(tmp_path, read_paths):
    paragraphs = [f"Paragraph {number}: {os.urandom(60).hex()}." for number in range(400)]
    data = gzip.compress(GOOD.encode() + "\n".join(paragraphs).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    (article,), (warning,) = read_paths(path)
    assert article.title == "Canal Reopens" and article.text.startswith("UTRECHT (Canal Wire) -- The canal reopened.")
    assert "Paragraph 100:" in article.text and "Paragraph 399:" not in article.text
    assert (warning.path, warning.severity) == (str(path), "warning")
    assert warning.reason == "the gzip file is truncated; the part before the break was read"


def test_a_gzip_cut_inside_its_header_is_an_error_not_an_empty_article(tmp_path, read_paths):
    (tmp_path / "stub.txt.gz").write_bytes(gzip.compress(GOOD.encode())[:12])
    reason = only_issue(read_paths, tmp_path / "stub.txt.gz").reason
    assert reason == "the gzip file is truncated; the part before the break: no content"


def test_a_truncated_gzipped_jsonl_keeps_its_whole_lines_and_names_the_cut_one(tmp_path, read_paths):
    lines = "".join(f'{{"id": "w{n}", "text": "Line {n}: {os.urandom(40).hex()}"}}\n' for n in range(300))
    data = gzip.compress(lines.encode())
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    articles, issues = read_paths(path)
    assert 100 < len(articles) < 300 and [a.id for a in articles] == [f"w{n}" for n in range(len(articles))]
    assert [issue.severity for issue in issues] == ["error", "warning"]  # the cut line, then the truncation
    assert issues[0].path == f"{path}#line {len(articles) + 1}"


def test_truncated_warc(tmp_path, read_paths):
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\n"
        b"WARC-Date: 2022-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
        b"Content-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Cut"
    )
    (tmp_path / "cut.warc").write_bytes(record)
    assert "WARC file is truncated" in only_issue(read_paths, tmp_path / "cut.warc").reason


def test_jsonl_line_that_is_not_json_and_line_missing_text(tmp_path, read_paths):
    (tmp_path / "wire.jsonl").write_text('{"text": "Fine."}\n{oops\n{"title": "no text"}\n{"text": "Also fine."}\n')
    articles, issues = read_paths(tmp_path / "wire.jsonl")
    assert [article.text for article in articles] == ["Fine.", "Also fine."]
    assert [(issue.path, issue.severity) for issue in issues] == [
        (f"{tmp_path / 'wire.jsonl'}#line 2", "error"),
        (f"{tmp_path / 'wire.jsonl'}#line 3", "error"),
    ]


def test_impossible_header_date_keeps_the_article_with_a_warning(tmp_path, read_paths):
    path = tmp_path / "odd.txt"
    path.write_text(GOOD.replace("2 May 2022 - 08:00", "31 February 2021"))
    (article,), (warning,) = read_paths(path)
    assert article.published is None and article.title == "Canal Reopens"
    assert (warning.path, warning.severity) == (str(path), "warning")
    assert warning.reason == "publish date '31 February 2021' is not a valid date; the article is kept without one"


def test_symlink_loop_is_reported_once_and_the_walk_ends(tmp_path, read_paths):
    (tmp_path / "news" / "sub").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(GOOD)
    (tmp_path / "news" / "sub" / "back").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "self").symlink_to("self")
    articles, issues = read_paths(tmp_path / "news")
    assert [article.origin for article in articles] == [str(tmp_path / "news" / "a.txt")]
    assert sorted((issue.path, issue.severity) for issue in issues) == [
        (str(tmp_path / "news" / "self"), "error"),
        (str(tmp_path / "news" / "sub" / "back"), "error"),
    ]
    assert all("symbolic link loop" in issue.reason for issue in issues)


def test_pipe_met_in_a_directory_is_not_opened(tmp_path, read_paths):
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "pipe")
    (article,), (issue,) = read_paths(tmp_path)
    assert article.origin == str(tmp_path / "a.txt")
    assert issue.path == str(tmp_path / "pipe") and issue.reason.startswith("not a regular file")


def test_file_that_vanishes_between_listing_and_reading(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text(GOOD)
    items = read_inputs([str(tmp_path)])
    first = next(items)
    assert first.origin == str(tmp_path / "a.txt")
    (tmp_path / "b.txt").unlink()
    (issue,) = list(items)
    assert (issue.path, issue.reason) == (str(tmp_path / "b.txt"), "file vanished before it could be read")


def test_file_that_vanishes_between_its_check_and_its_opening(tmp_path, read_paths, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(GOOD)

    def open_after_deleting(name, *args, **kwargs):
        Path(name).unlink()
        return open(name, *args, **kwargs)

    monkeypatch.setattr(dateline.read, "open", open_after_deleting, raising=False)
    assert only_issue(read_paths, path).reason == "file vanished before it could be read"


def test_path_that_does_not_exist(tmp_path, read_paths):
    assert only_issue(read_paths, tmp_path / "nowhere.txt").reason == "no such file or directory"


def test_directory_with_no_readable_files(tmp_path, read_paths):
    (tmp_path / "quiet" / ".git").mkdir(parents=True)
    (tmp_path / "quiet" / ".notes.txt").write_text(GOOD)
    reason = only_issue(read_paths, tmp_path / "quiet").reason
    assert reason.startswith("no readable files in this directory")


def test_glob_pattern_with_no_match(tmp_path, read_paths):
    assert only_issue(read_paths, tmp_path / "*.jsonl").reason == "no files match this pattern"


def test_hidden_files_are_skipped_silently_and_listings_are_sorted(tmp_path, read_paths):
    for name in ("b.txt", "a.txt", ".hidden.txt", "c/z.txt", "c/.d/y.txt", "C.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD)
    articles, issues = read_paths(tmp_path)
    assert issues == []
    assert [Path(article.origin).relative_to(tmp_path).as_posix() for article in articles] == [
        "C.txt",
        "a.txt",
        "b.txt",
        "c/z.txt",
    ]


def test_program_files_in_a_folder_of_articles_are_skipped_unless_named(tmp_path, read_paths):
    (tmp_path / "story.txt").write_text(GOOD)
    (tmp_path / "build_archive.py").write_text(f'"""Rebuild the archive."""\nTEXT = """{GOOD}"""\n')
    (tmp_path / "settings.yaml").write_text("outlet: The Northern Ledger\nlanguage: en\n")
    articles, issues = read_paths(tmp_path)
    assert [Path(article.origin).name for article in articles] == ["story.txt"]
    assert [(Path(issue.path).name, issue.severity) for issue in issues] == [
        ("build_archive.py", "skipped"),
        ("settings.yaml", "skipped"),
    ]
    assert "name the file itself" in issues[0].reason
    # named, one by one or by a pattern of their own kind, they are read like any text
    named, _ = read_paths(tmp_path / "build_archive.py")
    matched, _ = read_paths(tmp_path / "*.py")
    assert [len(named), len(matched)] == [1, 1]
    everything, skipped = read_paths(tmp_path / "*")
    assert [Path(article.origin).name for article in everything] == ["story.txt"] and len(skipped) == 2


def test_glob_patterns_and_stdin_are_inputs_too(tmp_path, read_paths, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(GOOD.encode()))))
    articles, issues = read_paths(tmp_path / "*.txt", "-")
    assert issues == []
    assert [article.origin for article in articles] == [str(tmp_path / "a.txt"), "<stdin>"]


def test_one_batch_of_every_bad_input_still_reads_the_good_files(tmp_path, read_paths):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "0-good.txt").write_text(GOOD)
    (inbox / "1-empty.txt").write_bytes(b"")
    (inbox / "2-photo.png").write_bytes(png())
    (inbox / "3-menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    (inbox / "4-cut.txt.gz").write_bytes(gzip.compress(os.urandom(5000).hex().encode())[:300])
    (inbox / "5-loop").symlink_to(inbox)
    (inbox / "6-wide.txt").write_bytes(GOOD.encode("utf-16"))
    articles, issues = read_paths(inbox, tmp_path / "missing.txt", tmp_path / "empty-dir")
    assert [Path(article.origin).name for article in articles] == ["0-good.txt", "6-wide.txt"]
    assert [Path(issue.path).name for issue in issues] == [
        "1-empty.txt",
        "2-photo.png",
        "3-menu.html",
        "4-cut.txt.gz",
        "5-loop",
        "missing.txt",
        "empty-dir",
    ]
    assert all(issue.severity == "error" and "\n" not in issue.reason for issue in issues)
    cut = next(issue.reason for issue in issues if issue.path.endswith("4-cut.txt.gz"))
    assert cut.startswith("the gzip file is truncated; the part before the break: too short to be an article")


def test_a_text_file_too_short_to_be_an_article_is_refused_with_the_reason(tmp_path, read_paths):
    (tmp_path / "stray.txt").write_bytes(b"18363\n")
    reason = only_issue(read_paths, tmp_path / "stray.txt").reason
    assert reason.startswith("too short to be an article (0 words: '18363')")


def test_a_wire_brief_of_one_sentence_is_still_an_article(tmp_path, read_paths):
    (tmp_path / "brief.txt").write_text("MOSUL (Wire) -- Five people were killed on Monday.\n")
    (article,), issues = read_paths(tmp_path / "brief.txt")
    assert issues == [] and article.dateline_place == "Mosul"


def test_a_malformed_json_line_names_its_line_and_column_in_plain_words(tmp_path, read_paths):
    (tmp_path / "wire.jsonl").write_text('{"text": "Fine."}\n{"id": "x", "text": "a\tb"}\n{"id": 7 "text": "c"}\n')
    articles, issues = read_paths(tmp_path / "wire.jsonl")
    assert [article.text for article in articles] == ["Fine."]
    assert [issue.reason for issue in issues] == [
        "not valid JSON at line 2, column 23: a raw tab inside a string (write it as \\t);"
        " each line must be one object",
        "not valid JSON at line 3, column 10: a comma is missing between two items; each line must be one object",
    ]
