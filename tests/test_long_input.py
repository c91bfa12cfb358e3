"""A plain text far longer than any article is read as articles of whole paragraphs, parsed part by part."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from dateline import parts
from dateline.config import settings_from_env
from dateline.extract import run_stages
from dateline.model import Article
from dateline.nlp import parse
from dateline.read import read_inputs
from dateline.resources import load_resources
from dateline.run import analyze_paths
from dateline.store import Store

PARAGRAPHS = [
    f"Officials in Mosul said {number} people were detained on Monday after clashes near the market. "
    f"The governor told reporters that order had been restored in district {number}."
    for number in range(120)
]


@pytest.fixture
def small_limits(monkeypatch):
    # The real limits (a million characters, parts of 50,000) shrunk, so a 20 KB file is "huge".
    monkeypatch.setattr(parts, "LONG_TEXT_CHARS", 8_000)
    monkeypatch.setattr(parts, "PART_CHARS", 2_000)


def test_paragraph_parts_concatenate_to_the_text_and_cut_only_between_paragraphs():
    text = "\n\n".join(PARAGRAPHS)
    pieces = parts.split_text(text, 1_000, parts.PARAGRAPHS)
    assert "".join(pieces) == text
    assert all(len(piece) <= 1_000 for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


def test_a_text_of_article_size_stays_one_article():
    assert parts.long_text_parts("\n\n".join(PARAGRAPHS)) is None


def test_a_huge_plain_text_becomes_articles_of_whole_paragraphs(tmp_path, small_limits):
    path = tmp_path / "transcript.txt"
    path.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    warnings = [item for item in items if not hasattr(item, "text")]
    articles = [item for item in items if hasattr(item, "text")]
    assert len(warnings) == 1 and "read as" in warnings[0].reason and warnings[0].severity == "warning"
    assert len(articles) > 5
    assert all(len(article.text) <= 2_000 for article in articles)
    assert len({article.id for article in articles}) == len(articles)
    assert [article.origin for article in articles[:2]] == [f"{path}#part1", f"{path}#part2"]
    # Every paragraph is in exactly one part, whole.
    assert sorted(p for article in articles for p in article.text.split("\n\n")) == sorted(PARAGRAPHS)


@pytest.mark.slow
def test_analyze_stores_each_part_once_with_progress_and_a_rerun_adds_nothing(tmp_path, small_limits):
    path = tmp_path / "transcript.txt"
    path.write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    settings = replace(settings_from_env(), db=tmp_path / "d.db")
    seen = []
    report = analyze_paths([str(path)], settings, on_progress=lambda report: seen.append(report.articles_added))
    assert report.errors == 0 and report.warnings == 1
    assert report.articles_added > 5
    assert seen[0] == 0 and seen[-1] == report.articles_added  # told at the start, before any part is parsed
    with Store.read(settings.db) as store:
        stored = list(store.articles())
        assert len(stored) == report.articles_added
        assert all(store.analysis(article.id).records for article in stored)
    again = analyze_paths([str(path)], settings)
    assert (again.articles_added, again.duplicates) == (0, report.articles_added)


def test_progress_lines_come_on_a_timer_even_while_no_batch_finishes(monkeypatch, capsys):
    from dateline.cli_progress import Progress
    from dateline.run import RunReport

    monkeypatch.setattr(Progress, "LOG_EVERY", 0.02)
    progress = Progress(enabled=True, files=1)
    time.sleep(0.1)  # the model loading: nothing reported yet
    report = RunReport(run_id=1)
    progress.update(report)
    report.articles_read = 7  # the reader goes on; no batch is stored
    time.sleep(0.1)
    progress.close()
    lines = capsys.readouterr().err.splitlines()
    assert any(line.startswith("progress: starting") for line in lines)
    assert any("7 articles read" in line for line in lines)


def test_the_first_progress_line_comes_at_once_not_a_period_after_start_up(monkeypatch, capsys):
    from dateline.cli_progress import Progress

    monkeypatch.setattr(Progress, "LOG_EVERY", 3600.0)
    Progress(enabled=True, files=1).close()
    assert capsys.readouterr().err.startswith("progress: starting (0s)")


def test_while_its_parts_are_read_the_huge_text_is_held_once_not_four_times_over(tmp_path, small_limits):
    import tracemalloc

    # Curly quotes make Python store the text at two bytes a character, as most real news is.
    path = tmp_path / "transcript.txt"
    path.write_text("\n\n".join(f"“{paragraph}”" for paragraph in PARAGRAPHS * 40), encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        items = read_inputs([str(path)], max_bytes=10 * size)
        next(items), next(items), next(items)  # the warning, then the first articles: the parts are cut
        held, _ = tracemalloc.get_traced_memory()
        items.close()
    finally:
        tracemalloc.stop()
    # The file's bytes and the parts left to build; the whole text, its lines and its body are let go.
    assert held < 4 * size


def test_once_a_part_is_analysed_nothing_keeps_its_parse_alive(nlp):
    import gc
    import weakref

    # Every stage runs, the events stage's places among them; a parse kept past its article (a cache holding its
    # entity spans, which hold the Doc) grows a huge text's run by a part's parse each time.
    articles = [
        Article(id=f"part{number}", text=f"Police arrested {number} students in Lahore on Monday. {PARAGRAPHS[number]}")
        for number in range(4)
    ]
    docs = []
    for parsed in parse(articles, nlp):
        docs.append(weakref.ref(parsed.doc))
        assert run_stages(parsed, load_resources()).records
    del parsed
    gc.collect()
    assert sum(doc() is not None for doc in docs[:-1]) == 0


def test_the_file_count_holds_skipped_files_so_progress_never_passes_it_nor_shows_a_negative_eta(
    tmp_path, monkeypatch, capsys
):
    from dateline.cli_progress import Progress, count_files
    from dateline.run import RunReport

    (tmp_path / "one.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Another article.", encoding="utf-8")
    (tmp_path / "build.py").write_text("print('not news')", encoding="utf-8")  # skipped, but the run passes it
    assert count_files((str(tmp_path),)) == 3
    monkeypatch.setattr(Progress, "LOG_EVERY", 3600.0)
    progress = Progress(enabled=True, files=3)
    progress.update(RunReport(run_id=1, files_done=3))
    progress._log()
    progress.close()
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("progress: 3 of 3 files") and "ETA" not in last
