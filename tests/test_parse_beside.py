"""A one-process run with a spare core parses the next articles beside the stages: the same analyses, in the same
order, as parsing and analysing one article after the other; by default only when the rest of the machine left a
core idle while the model loaded, and the run's config says which it chose."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.config import DEFAULT_SPACY_MODEL, Settings
from dateline.read import ReadIssue, read_inputs
from dateline.run import CpuTimes, _analyze_in_process, analyze_paths, core_to_spare, cpu_times

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def analyses(parse_beside: bool) -> list:
    issues: list[ReadIssue] = []
    articles = [item for item in read_inputs([str(EXAMPLES)]) if not isinstance(item, ReadIssue)]
    found = list(_analyze_in_process(articles, DEFAULT_SPACY_MODEL, {}, issues.append, parse_beside=parse_beside))
    assert not issues
    return found


def test_parsing_beside_the_stages_gives_every_record_of_parsing_before_them():
    beside, in_turn = analyses(parse_beside=True), analyses(parse_beside=False)
    assert len(beside) >= 10
    assert [analysis.article.id for analysis in beside] == [analysis.article.id for analysis in in_turn]
    assert beside == in_turn


def run_config(tmp_path: Path, setting: str, monkeypatch) -> dict:
    monkeypatch.setenv("DATELINE_PARSE_THREAD", setting)
    db = tmp_path / f"thread-{setting}.db"
    report = analyze_paths([str(EXAMPLES / "al-mahwar" / "104388.txt")], Settings(db=db))
    assert report.articles_added == 1
    with sqlite3.connect(db) as connection:
        (config,) = connection.execute("SELECT config FROM runs").fetchone()
    return json.loads(config)


@pytest.mark.parametrize(("value", "chosen"), [("1", True), ("on", True), ("0", False), ("off", False)])
def test_the_parse_thread_can_be_turned_on_or_off_whatever_the_machine_and_the_run_records_it(
    tmp_path, monkeypatch, value, chosen
):
    assert run_config(tmp_path, value, monkeypatch).get("parse_thread", False) is chosen


def test_auto_parses_beside_only_when_the_rest_of_the_machine_left_a_core_idle(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    # Over one second this process used 0.9 s of CPU: the machine's busy time beyond it is the others'.
    assert core_to_spare(CpuTimes(0, 100, 5), CpuTimes(1, 101.0, 5.9)) is True  # others: 0.1 of a core
    assert core_to_spare(CpuTimes(0, 100, 5), CpuTimes(1, 101.9, 5.9)) is False  # others: a whole core
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert core_to_spare(CpuTimes(0, 100, 5), CpuTimes(1, 100.9, 5.9)) is False  # no second core at all


def test_a_load_average_that_still_counts_a_job_just_ended_does_not_decide(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (1.4, 1.2, 1.0))
    assert core_to_spare(CpuTimes(0, 100, 5), CpuTimes(1, 101.0, 5.9)) is True
    # Too short a window to measure, or no accounts: the load average is all there is.
    assert core_to_spare(CpuTimes(0, 100, 5), CpuTimes(0.1, 100.1, 5.1)) is False
    assert core_to_spare(None, None) is False
    monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 0.5, 0.8))
    assert core_to_spare(None, None) is True


@pytest.mark.skipif(cpu_times() is None, reason="the system keeps no CPU accounts in /proc/stat")
def test_a_busy_neighbour_on_every_spare_core_is_seen_as_it_runs(tmp_path):
    spare = len(os.sched_getaffinity(0)) - 1
    busy = "import time\nend = time.monotonic() + 3\nwhile time.monotonic() < end: pass\n"
    neighbours = [subprocess.Popen([sys.executable, "-c", busy]) for _ in range(max(spare, 1))]
    try:
        time.sleep(0.5)  # the neighbours are past their start-up and spinning
        before = cpu_times()
        time.sleep(0.6)
        assert core_to_spare(before, cpu_times()) is False
    finally:
        for neighbour in neighbours:
            neighbour.kill()
            neighbour.wait()


def test_a_misspelt_parse_thread_setting_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="DATELINE_PARSE_THREAD"):
        run_config(tmp_path, "sometimes", monkeypatch)
