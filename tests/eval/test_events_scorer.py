"""The event scorers: finding gold files by name, collapsing codings, and the label arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import GoldDataError
from dateline.eval import scorers
from dateline.eval.events import PloverOutcome, label_scores, plover_metrics, score, score_acled


def test_label_scores_macro_and_weighted_f1_by_hand():
    gold = ["a", "a", "b", "none"]
    predicted = ["a", "b", "b", "a"]
    scores = label_scores(gold, predicted, ignore="none")
    # a: P 1/2, R 1/2 -> F1 0.5; b: P 1/2, R 1 -> F1 2/3; "none" is left out of the average
    assert scores["macro_f1"] == pytest.approx((0.5 + 2 / 3) / 2, abs=1e-4)
    assert scores["weighted_f1"] == pytest.approx((0.5 * 2 + 2 / 3) / 3, abs=1e-4)
    assert scores["accuracy"] == 0.5


def test_plover_and_pentaclass_gold_are_found_by_name_and_scored(tmp_path: Path):
    folder = tmp_path / "deep" / "er"
    folder.mkdir(parents=True)
    record = {
        "id": "g1",
        "text": "Police arrested twelve protesters in Nairobi on Monday.",
        "event_v08": "COERCE",
        "actor": [{"text": "Police", "code": "KEN", "sector": "COP"}],
        "recipient": [{"text": "protesters", "code": "KEN", "sector": "OPP"}],
    }
    (folder / "plover_gsr_tiny.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "cameo_class_tiny.tsv").write_text(
        "Rebels shelled the town overnight.\t4\nThe minister praised the new agreement.\t1\n", encoding="utf-8"
    )
    metrics = score(tmp_path)
    assert set(metrics) == {"plover_gsr", "pentaclass"}
    assert metrics["plover_gsr"]["type_accuracy"] == 1.0
    assert metrics["plover_gsr"]["actor_accuracy"] == 1.0 and metrics["plover_gsr"]["recipient_accuracy"] == 1.0
    assert metrics["pentaclass"] == {"macro_f1": 1.0, "accuracy": 1.0, "n": 2, "part": "all"}


def test_acled_snippets_are_coded_and_a_non_event_must_stay_none(tmp_path: Path):
    rows = [
        "id\ttext\tsub_event_type",
        "1\tA suicide bomber blew himself up at a checkpoint, killing six soldiers.\tSuicide bomb",
        "2\tThe finance ministry published its annual budget report on Tuesday.\tnone",
    ]
    (tmp_path / "snippets.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    metrics = score_acled(tmp_path)
    assert metrics["accuracy"] == 1.0 and metrics["n"] == 2


def test_a_folder_with_no_gold_is_refused(tmp_path: Path):
    with pytest.raises(GoldDataError):
        score(tmp_path)
    assert {"events", "acled"} <= set(scorers())


def test_a_speech_act_that_is_the_event_is_the_main_event_not_what_it_asks_for(nlp):
    from dateline.eval.events import main_event
    from dateline.extract import run_stages
    from dateline.model import Article
    from dateline.nlp import parse
    from dateline.resources import load_resources

    text = "The rebels demanded the removal of the governor at a meeting in the capital on Monday."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    event = main_event(run_stages(parsed, load_resources()))
    assert event is not None and event.type == "REQUEST"


def test_plover_actor_and_recipient_are_scored_only_where_the_gold_names_one():
    outcomes = [
        PloverOutcome(gold="ASSAULT", guess="ASSAULT", quad=True, actor=True, recipient=None),
        PloverOutcome(gold="PROTEST", guess="ASSAULT", quad=False, actor=False, recipient=True),
        PloverOutcome(gold="ACCUSE", guess="ACCUSE", quad=True, actor=None, recipient=None),
    ]
    metrics = plover_metrics(outcomes)
    assert metrics["n"] == 3 and metrics["type_accuracy"] == round(2 / 3, 4)
    assert metrics["actor_accuracy"] == 0.5 and metrics["recipient_accuracy"] == 1.0
    assert metrics["quad_accuracy"] == round(2 / 3, 4)
