"""The WARC reader: HTML responses become articles, other records are counted once, a cut-off file keeps its start."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.read import warc

WARC_DATE = "2022-03-10T12:00:00Z"


def article_page(number: int, *, dated: bool = True) -> bytes:
    date = '<meta property="article:published_time" content="2022-03-09T08:00:00+02:00">' if dated else ""
    paragraphs = "".join(
        f"<p>Paragraph {n} of story {number}: the harbour authority reported calm seas and steady traffic.</p>"
        for n in range(3)
    )
    return f"""<html lang="en"><head><title>Story {number}</title>{date}</head>
<body><article><h1>Story {number}</h1>{paragraphs}</article></body></html>""".encode()


def build_warc(responses: list[tuple[str, bytes, str]], *, gzip: bool = True, extras: bool = True) -> bytes:
    """A WARC of ``(status, body, content type)`` responses, with warcinfo and request records when ``extras``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    if extras:
        writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for number, (status, body, content_type) in enumerate(responses):
        uri = f"https://harbour.example/{number}"
        if extras:
            request = StatusAndHeaders(f"GET /{number} HTTP/1.1", [("Host", "harbour.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": WARC_DATE}
        )
        writer.write_record(record)
    return buffer.getvalue()


CRAWL = [
    ("200 OK", article_page(1), "text/html; charset=utf-8"),
    ("200 OK", b"\x89PNG\r\n\x1a\n", "image/png"),
    ("404 Not Found", article_page(2), "text/html"),
    ("200 OK", article_page(3, dated=False), "application/xhtml+xml"),
]


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles_and_other_records_are_reported_once(gzip):
    items = list(warc.read(build_warc(CRAWL, gzip=gzip), "crawl.warc"))
    first, third, skipped = items
    assert first.format == "warc" and first.origin == "crawl.warc#record 3"
    assert first.url == "https://harbour.example/0"
    assert first.title == "Story 1" and first.text.startswith("Paragraph 0 of story 1")
    assert third.origin == "crawl.warc#record 9"
    assert (skipped.path, skipped.severity, skipped.count) == ("crawl.warc", "skipped", 7)
    assert skipped.reason == (
        "WARC records that are not HTML pages skipped (1 image/png response, 4 request, 1 response with status 404, "
        "1 warcinfo)"
    )


def test_page_date_wins_and_warc_date_is_the_zone_aware_fallback():
    first, third, _ = warc.read(build_warc(CRAWL), "crawl.warc")
    assert first.published.isoformat() == "2022-03-09T08:00:00+02:00"
    assert third.published == datetime(2022, 3, 10, 12, 0, tzinfo=UTC)
    assert third.published_has_zone


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("lost", [0.7, 0.4, 0.1, 0.02])
def test_truncated_file_keeps_the_articles_before_the_break_then_names_the_file(gzip, lost):
    pages = [("200 OK", article_page(n), "text/html") for n in range(3)]
    data = build_warc(pages, gzip=gzip, extras=False)
    whole = list(warc.read(data, "cut.warc"))
    assert len(whole) == 3
    items = list(warc.read(data[: -int(len(data) * lost)], "cut.warc"))
    *articles, issue = items
    assert articles == whole[: len(articles)]
    assert (issue.path, issue.severity) == ("cut.warc", "error")
    assert "truncated" in issue.reason


def test_record_over_the_size_limit_is_refused_alone():
    pages = [("200 OK", article_page(1), "text/html"), ("200 OK", article_page(2) + b" " * 5000, "text/html")]
    first, refused = warc.read(build_warc(pages, extras=False), "big.warc", max_bytes=4000)
    assert first.title == "Story 1"
    assert (refused.path, refused.severity) == ("big.warc#record 2", "error")
    assert "raise it with --max-bytes" in refused.reason


def test_not_a_warc_at_all_is_one_error():
    (issue,) = warc.read(b"WARC/1.0\r\nthis is not a record\r\n", "junk.warc")
    assert issue.severity == "error" and issue.path == "junk.warc"
