"""The role choosers' training (``scripts/train_role_models.py``): the models its folds fit score as shipped ones."""

from __future__ import annotations

from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_role_models.py"


def test_a_fitted_model_scores_candidates_by_their_features_as_the_events_stage_does(training):
    # The cross-fitted PLOVER figure runs the events stage with ``fit``'s models, whose chooser sums feature
    # margins (``RoleModel.margin``): a model fitted without them scored every word by its intercept alone.
    sentence = training.Sentence("plover", "plover:1", "", {}, {"source": True, "target": True})
    choice = training.Choice(sentence, [["dep=dobj", "ent=GPE"], ["dep=nsubj", "ent=GPE"]], [True, False], 0)
    model = training.fit("target", [choice] * 6)
    rows = choice.features
    object_, subject = (model.logistic(model.margin(row)) for row in rows)
    assert object_ > 0.5 > subject
    assert [object_, subject] == pytest.approx([model.probabilities(row)["target"] for row in rows])
