"""`dateline eval --part`: a split gold set is scored whole, or only its tune or report part, and the scorer warns
when what it scored was tuned or trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.eval.parts import CASE_ACLED, EVENT_LOCATION, PENTACLASS, PLOVER_GSR, manifest, tuned_warning
from dateline.eval.split import REPORT, TUNE, part_of


@pytest.mark.parametrize("gold_set", [PLOVER_GSR, CASE_ACLED, PENTACLASS, EVENT_LOCATION])
def test_the_committed_manifest_is_the_split_function(gold_set):
    listed = manifest(gold_set)
    assert len(listed) > 100
    assert all(part == part_of(gold_set, key) for key, part in listed.items())
    assert {TUNE, REPORT} == set(listed.values())


def _first(gold_set: str, part: str) -> str:
    return next(key for key, listed in sorted(manifest(gold_set).items()) if listed == part)


def test_records_of_the_tune_part_are_warned_about_and_report_records_are_not():
    tuned, reported = _first(CASE_ACLED, TUNE), _first(CASE_ACLED, REPORT)
    warning = tuned_warning(CASE_ACLED, [tuned, reported])
    assert warning is not None and "1 of the 2" in warning and "--part report" in warning
    assert tuned_warning(CASE_ACLED, [reported]) is None
    assert tuned_warning(CASE_ACLED, ["not-a-record-of-the-set"]) is None


@pytest.fixture(scope="module")
def snippets(tmp_path_factory) -> Path:
    """Two snippets written for this test, filed under a tune id and a report id of the CASE-2021 split."""
    gold = tmp_path_factory.mktemp("acled")
    rows = [
        "id\ttext\tsub_event_type",
        f"{_first(CASE_ACLED, TUNE)}\tA roadside bomb exploded under an army truck, killing three soldiers.\t"
        "Remote explosive/landmine/IED",
        f"{_first(CASE_ACLED, REPORT)}\tHundreds of students marched through the city to demand lower fees.\t"
        "Peaceful protest",
    ]
    (gold / "snippets.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return gold


def test_part_report_scores_only_the_report_records_and_warns_of_nothing(snippets):
    result = CliRunner().invoke(cli, ["eval", "acled", "--gold", str(snippets), "--part", "report", "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 1 and metrics["part"] == "report" and "tuned_on" not in metrics
    assert "warning" not in result.stderr


def test_the_whole_file_is_scored_by_default_and_its_tuned_records_are_warned_about(snippets):
    result = CliRunner().invoke(cli, ["eval", "acled", "--gold", str(snippets), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 2 and metrics["part"] == "all"
    assert "warning: 1 of the 2 case2021_acled records scored are in its tune part" in result.stderr
    assert {"accuracy", "macro_f1", "weighted_f1", "per_label_f1", "rules"} <= set(metrics)


def test_part_is_refused_for_a_stage_whose_gold_is_not_split(tmp_path):
    result = CliRunner().invoke(cli, ["eval", "stories", "--gold", str(tmp_path), "--part", "tune"])
    assert result.exit_code == 2 and "not split" in result.output
