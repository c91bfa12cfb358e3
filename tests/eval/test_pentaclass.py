"""CAMEO PentaClass: the rules' class of a sentence, when the trained model overrules it, the flag on a file the
model was fitted on, and a cross-validation that never lets a model see the rows it is scored on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import dateline.eval.events as scorer
from dateline.cli import cli
from dateline.eval.events import PentaReading, cross_validate, penta_readings, pentaclass_of, score
from dateline.resources import load_resources
from dateline.resources.penta_model import PentaModel, fit, save_penta_model

FIXTURE = [
    ("Artillery units shelled the northern suburbs of the town overnight.", 4),
    ("The foreign minister praised the new trade agreement with its neighbours.", 1),
    ("Rebel commanders accused the army of breaking the truce.", 3),
    ("The committee will publish its findings next spring.", -1),
]


def _rows(sentences: list[tuple[str, int]]) -> list[dict[str, str]]:
    return [{"text": text, "label": str(label)} for text, label in sentences]


def test_the_rules_class_follows_the_main_events_quad_class_and_a_sentence_without_event_is_a_miss():
    readings = penta_readings(_rows(FIXTURE))
    assert [reading.rules for reading in readings] == [label for _, label in FIXTURE]
    assert "rule=ASSAULT" in readings[0].features and "quad=material_conflict" in readings[0].features
    assert "rule=none" in readings[3].features and "speech=False" in readings[3].features
    assert any(feature.startswith("verb_path=") for feature in readings[0].features)


def test_every_verb_is_read_with_its_arguments_kinds_its_negation_and_its_modal():
    (reading,) = penta_readings(_rows([("The rebels would not sign the deal that the army offered.", 3)]))
    assert {"pred=sign|subj=noun", "pred=sign|negated", "pred=sign|modal", "modal=would"} <= set(reading.features)
    assert "pred=offer|subj=noun" in reading.features and "pred_negated" in reading.features


def test_a_sentence_that_only_reports_speech_is_a_statement_when_the_rules_code_no_event():
    (reading,) = penta_readings(_rows([("The spokesman said the weather in the capital had been unusually cold.", 0)]))
    assert reading.rules == 0 and "speech=True" in reading.features


def _model(feature: str, label: int, threshold: float) -> PentaModel:
    """A model 95% sure of ``label`` when it sees ``feature``, and unsure otherwise."""
    weights = np.zeros((1, 5), dtype=np.float32)
    weights[0, label] = 5.0
    return PentaModel((0, 1, 2, 3, 4), {feature: 0}, weights, np.zeros(5), threshold=threshold)


def test_the_model_decides_when_the_rules_miss_and_overrules_them_only_when_sure_enough():
    missed = PentaReading(-1, ("w=committee",))
    coded = PentaReading(4, ("w=committee",))
    assert pentaclass_of(missed, _model("w=committee", 0, threshold=0.99)) == 0
    assert pentaclass_of(coded, _model("w=committee", 2, threshold=0.9)) == 2
    assert pentaclass_of(coded, _model("w=committee", 2, threshold=0.99)) == 4
    assert pentaclass_of(coded, _model("w=unseen", 2, threshold=0.5)) == 4
    assert pentaclass_of(missed, PentaModel()) == -1


def test_a_cross_validation_fold_never_sees_the_rows_it_is_scored_on(monkeypatch):
    labels = [number % 5 for number in range(40)]
    readings = [PentaReading(label, (f"row={number}", f"w=cue{label}")) for number, label in enumerate(labels)]
    fits = []

    def fit_remembering_rows(features, fitted_labels, rows=None, threshold=0.0, l2=1.0):
        seen = sorted(name for names in features for name in names if name.startswith("row="))
        fits.append(seen)
        return replace(fit(features, fitted_labels, threshold=threshold, l2=l2), trained_on=" ".join(seen))

    def scored(reading, model):
        assert reading.features[0] not in model.trained_on.split(), "a model was scored on a row it was fitted on"
        return pentaclass_of(reading, model)

    monkeypatch.setattr(scorer, "fit", fit_remembering_rows)
    monkeypatch.setattr(scorer, "pentaclass_of", scored)
    result = cross_validate(readings, labels, seed=1)
    # each outer fold: four inner fits per penalty to choose the penalty and threshold, then its own
    assert len(fits) == 5 * (4 * len(scorer.PENALTIES) + 1)
    assert all(len(seen) < len(labels) for seen in fits)
    assert result["rules"]["accuracy"] == 1.0 and len(result["rules_and_model"]["thresholds"]) == 5
    assert set(result["rules_and_model"]["penalties"]) <= set(scorer.PENALTIES)


@pytest.fixture
def gold_and_model(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A gold folder of fixture sentences and a model fitted on exactly that file, installed as the shipped one."""
    gold = tmp_path / "gold"
    gold.mkdir()
    training = gold / "cameo_class_fixture.tsv"
    training.write_text("".join(f"{text}\t{max(label, 0)}\n" for text, label in FIXTURE), encoding="utf-8")
    readings = penta_readings(_rows(FIXTURE))
    model_path = tmp_path / "penta.npz"
    model = fit([reading.features for reading in readings], [max(label, 0) for _, label in FIXTURE], threshold=0.5)
    save_penta_model(model, model_path, [training], "the fixture")
    from dateline.resources.penta_model import load_penta_model

    resources = replace(load_resources(), penta_model=load_penta_model(model_path))
    monkeypatch.setattr(scorer, "load_resources", lambda: resources)
    return gold, training


def test_a_file_the_model_was_fitted_on_is_flagged_and_another_is_not(gold_and_model, tmp_path: Path):
    gold, training = gold_and_model
    flagged = score(gold)["pentaclass"]
    assert flagged["trained_on_this_file"] is True and {"macro_f1", "accuracy", "n"} <= set(flagged)
    other = tmp_path / "other"
    other.mkdir()
    (other / "cameo_class_other.tsv").write_text(training.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "trained_on_this_file" not in score(other)["pentaclass"]


def test_the_cli_warns_on_stderr_that_a_training_file_gives_no_held_out_score(gold_and_model):
    gold, _ = gold_and_model
    result = CliRunner().invoke(cli, ["eval", "events", "--gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    assert "not a held-out" in result.stderr
    assert '"trained_on_this_file": true' in result.stdout
