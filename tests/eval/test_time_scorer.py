"""The TempEval-3 scorer: reading TimeML offsets, the matching arithmetic, and the registered command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import GoldDataError
from dateline.eval.time import gold_documents, match, read_timeml, score, score_documents

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "time"
HARBOUR = FIXTURES / "harbour.tml"


def test_reads_text_offsets_and_creation_time_but_not_the_dct_or_title_timexes() -> None:
    document = read_timeml(HARBOUR)
    assert str(document.dct) == "2021-06-30"
    assert document.text.startswith("\nThe harbour board met on Monday")
    spans = [(document.text[start:end], kind, value) for start, end, kind, value in document.timexes]
    assert spans == [
        ("Monday", "DATE", "2021-06-28"),
        ("three hours", "DURATION", "PT3H"),
        ("next month", "DATE", "2021-07"),
    ]


def test_arithmetic_of_relaxed_strict_type_and_value_figures() -> None:
    document = read_timeml(HARBOUR)
    monday, hours, month = document.timexes
    predicted = [
        monday,  # exact extent, right value
        (hours[0], hours[1] - 6, "DURATION", "PT4H"),  # "three" overlaps: relaxed only, wrong value
        (month[1] + 2, month[1] + 9, "DATE", "2021"),  # spurious
    ]
    metrics = score_documents([document], [predicted])
    assert metrics["relaxed"] == {"precision": 0.6667, "recall": 0.6667, "f1": 0.6667}
    assert metrics["strict"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert metrics["type_accuracy"] == 1.0
    assert metrics["value_accuracy"] == 0.5
    assert metrics["value_f1"] == pytest.approx(0.3333, abs=1e-4)
    assert metrics["n_gold"] == 3


def test_one_prediction_matches_at_most_one_gold_expression() -> None:
    gold = [(0, 6, "DATE", "a"), (7, 12, "DATE", "b")]
    assert match(gold, [(0, 12, "DATE", "a")], strict=False) == [(gold[0], (0, 12, "DATE", "a"))]


def test_nothing_predicted_scores_zero_without_dividing_by_zero() -> None:
    metrics = score_documents([read_timeml(HARBOUR)], [[]])
    assert metrics["relaxed"]["f1"] == 0.0 and metrics["value_f1"] == 0.0


def test_malformed_and_missing_gold_say_which_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(GoldDataError, match=r"broken\.tml"):
        read_timeml(broken)
    with pytest.raises(GoldDataError, match=r"no \.tml files"):
        gold_documents(tmp_path / "empty")


def test_registered_scorer_runs_the_real_pipeline_on_a_folder() -> None:
    metrics = score(FIXTURES)
    assert set(metrics) == {"relaxed", "strict", "type_accuracy", "value_accuracy", "value_f1", "n_gold"}
    assert metrics["n_gold"] == 3
    assert metrics["relaxed"]["f1"] == 1.0 and metrics["value_accuracy"] == 1.0


def test_eval_command_prints_the_issue_json() -> None:
    result = CliRunner().invoke(cli, ["eval", "time", "--gold", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert set(metrics["relaxed"]) == {"precision", "recall", "f1"}
    assert metrics["value_f1"] == 1.0
