"""A killed run loses nothing and duplicates nothing: `kill -9` mid-run, rerun, every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dateline.run import stop_on_signals

ARTICLES = 240


def write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(ARTICLES):
            body = " ".join(
                f"Officials in Mosul said {number + k} people were detained on Monday after clashes near the market."
                for k in range(12)
            )
            handle.write(json.dumps({"id": f"n{number}", "text": body, "source": "Resume Wire"}) + "\n")


def count(db: Path, sql: str) -> int:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        connection.close()


def started_and_storing(command: list[str], db: Path, **popen: Any) -> subprocess.Popen[str]:
    """The command started, once it has stored 20 articles (so that stopping it leaves work on both sides)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, **popen)
    deadline = time.monotonic() + 240
    while count(db, "SELECT count(*) FROM articles") < 20:
        assert process.poll() is None, "the run ended before it could be stopped; make the corpus bigger"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return process


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_kill_9_then_rerun_stores_every_article_exactly_once(tmp_path, workers):
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "d.db"
    write_corpus(corpus)
    command = [sys.executable, "-m", "dateline", "analyze", str(corpus), "--db", str(db), "--workers", workers, "-q"]
    process = started_and_storing(command, db, stderr=subprocess.DEVNULL, start_new_session=True)
    # Kill the whole process group, workers included, as a power cut or OOM killer would.
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    stored_before = count(db, "SELECT count(*) FROM articles")
    assert 0 < stored_before < ARTICLES

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored_before} already stored" in rerun.stderr
    assert count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert count(db, "SELECT count(DISTINCT id) FROM articles") == ARTICLES
    # Records are written with their article: none orphaned, none twice, none missing.
    assert count(db, "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)") == 0
    assert (
        count(db, "SELECT count(*) FROM (SELECT article_id, position FROM sentences GROUP BY 1, 2 HAVING count(*) > 1)")
        == 0
    )
    assert (
        count(
            db,
            "SELECT count(*) FROM (SELECT article_id, evidence_start, label FROM entities "
            "GROUP BY 1, 2, 3 HAVING count(*) > 1)",
        )
        == 0
    )
    statuses = [row[0] for row in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["interrupted", "completed"]


def runs(db: Path) -> list[tuple[str, int, int]]:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute("SELECT status, articles_added, articles_read FROM runs ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.mark.slow
@pytest.mark.parametrize(("stop", "workers"), [(signal.SIGTERM, "1"), (signal.SIGINT, "1"), (signal.SIGTERM, "2")])
def test_sigterm_or_ctrl_c_stops_the_run_cleanly_marks_it_interrupted_and_a_rerun_adds_only_the_rest(
    tmp_path, stop, workers
):
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "d.db"
    write_corpus(corpus)
    command = [sys.executable, "-m", "dateline", "analyze", str(corpus), "--db", str(db), "--workers", workers, "-q"]
    process = started_and_storing(command, db, stderr=subprocess.PIPE, text=True)
    process.send_signal(stop)  # to the writer alone, as `kill PID` or a service manager would
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    stored = count(db, "SELECT count(*) FROM articles")
    assert 0 < stored < ARTICLES
    # The row says what happened and how far it got: every stored article counted, no more.
    ((status, added, read),) = runs(db)
    assert (status, added) == ("interrupted", stored)
    assert read >= stored

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{stored} already stored" in rerun.stderr
    assert count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert count(db, "SELECT count(DISTINCT content_hash) FROM articles") == ARTICLES
    assert [row[0] for row in runs(db)] == ["interrupted", "completed"]


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_first_stop_signal_asks_the_run_to_stop_and_a_second_stops_it_at_once(stop):
    before = signal.getsignal(stop)
    with stop_on_signals() as stopping:
        os.kill(os.getpid(), stop)
        assert stopping.is_set()  # the run ends after the article in hand
        with pytest.raises(KeyboardInterrupt):  # the run's own handler marks it interrupted and re-raises
            os.kill(os.getpid(), stop)
    assert signal.getsignal(stop) is before
