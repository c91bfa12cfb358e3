"""A one-process run with a spare core parses the next articles beside the stages: the same analyses, in the same
order, as parsing and analysing one article after the other; by default only when a core is idle as the run starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dateline.config import DEFAULT_SPACY_MODEL
from dateline.read import ReadIssue, read_inputs
from dateline.run import _analyze_in_process, _parse_beside

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


@pytest.mark.parametrize(("value", "chosen"), [("1", True), ("on", True), ("0", False), ("off", False)])
def test_the_parse_thread_can_be_turned_on_or_off_whatever_the_machine(monkeypatch, value, chosen):
    monkeypatch.setenv("DATELINE_PARSE_THREAD", value)
    assert _parse_beside() is chosen


def test_auto_parses_beside_only_with_a_core_idle_as_the_run_starts(monkeypatch):
    monkeypatch.setenv("DATELINE_PARSE_THREAD", "auto")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 0.4, 0.4))
    assert _parse_beside() is True
    monkeypatch.setattr(os, "getloadavg", lambda: (2.7, 2.5, 2.0))  # other jobs keep both cores busy
    assert _parse_beside() is False
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert _parse_beside() is False


def test_a_misspelt_parse_thread_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DATELINE_PARSE_THREAD", "sometimes")
    with pytest.raises(ValueError, match="DATELINE_PARSE_THREAD"):
        _parse_beside()
