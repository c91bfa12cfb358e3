"""The local process pool (``--workers N``) survives a dead worker: the run ends, and only a culprit fails."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
from pathlib import Path

import pytest

from dateline import extract
from dateline.config import Settings
from dateline.run import WORKER_DIED, analyze_paths

ARTICLES = 48


def write_corpus(path: Path, poison: int | None = None) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(ARTICLES):
            text = f"Police in Basra said {number} people were detained on Monday near the port."
            if number == poison:
                text += " POISON"
            handle.write(json.dumps({"id": f"p{number}", "text": text, "source": "Pool Wire"}) + "\n")


def stored(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]


def die_on_poison(parsed, resources):
    # A stage that kills its own process, as the kernel's OOM killer would, on one article only.
    if "POISON" in parsed.article.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return []


@pytest.mark.slow
def test_a_worker_killed_from_outside_costs_nothing_its_batches_are_retried(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl")
    killed: list[int] = []

    def kill_one_worker(report) -> None:
        workers = multiprocessing.active_children()
        if not killed and workers:
            os.kill(workers[0].pid, signal.SIGKILL)
            killed.append(workers[0].pid)

    report = analyze_paths(
        [str(tmp_path / "corpus.jsonl")], Settings(db=tmp_path / "d.db"), workers=2, on_progress=kill_one_worker
    )
    assert killed
    assert (report.articles_added, report.errors) == (ARTICLES, 0)
    assert stored(tmp_path / "d.db") == ARTICLES


@pytest.mark.slow
def test_an_article_that_kills_its_worker_every_time_fails_alone_with_a_clear_error(tmp_path, monkeypatch):
    # Workers are forked, so they inherit the extra stage.
    monkeypatch.setattr(extract, "STAGES", (*extract.STAGES, ("die_on_poison", die_on_poison)))
    write_corpus(tmp_path / "corpus.jsonl", poison=20)
    report = analyze_paths([str(tmp_path / "corpus.jsonl")], Settings(db=tmp_path / "d.db"), workers=2)
    assert [(issue.path.rsplit("/", 1)[-1], issue.reason) for issue in report.issues] == [
        ("corpus.jsonl#line 21", WORKER_DIED)
    ]
    assert report.articles_added == stored(tmp_path / "d.db") == ARTICLES - 1
