"""The trained toponym ranker loads, names a damaged file, and scores candidates by its features."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract.toponyms import FEATURES
from dateline.resources import load_resources
from dateline.resources.toponym_model import MODEL_PATH, ToponymModel, load_toponym_model, save_toponym_model


def test_the_shipped_ranker_loads_with_one_weight_per_feature_and_names_its_training_parts():
    model = load_resources().toponym_model
    assert model.features == FEATURES and model.weights.shape == (len(FEATURES),)
    assert "(tune) sha256:" in model.trained_on and "(report)" not in model.trained_on
    assert MODEL_PATH.stat().st_size < 100_000


def test_the_shipped_ranker_ranks_by_the_rules_score_first():
    weights = dict(zip(FEATURES, load_resources().toponym_model.weights, strict=True))
    assert weights["rule_score"] > 0


def test_a_saved_ranker_reads_back_and_scores_rows(tmp_path):
    source = tmp_path / "gold.xml"
    source.write_text("<articles/>", encoding="utf-8")
    path = tmp_path / "model.npz"
    save_toponym_model(ToponymModel(("a", "b"), np.array([1.0, -2.0])), path, [(source, "tune")])
    model = load_toponym_model(path)
    assert model.scores(np.array([[1.0, 0.0], [0.0, 1.0]])).tolist() == [1.0, -2.0]
    assert model.trained_on.startswith("gold.xml (tune) sha256:")


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_a_damaged_file_is_named_with_the_fix(tmp_path, content):
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with pytest.raises(ResourceError, match=r"model\.npz.*make train-geo"):
        load_toponym_model(path)


def test_weights_that_do_not_fit_the_features_are_refused(tmp_path):
    path = tmp_path / "model.npz"
    np.savez(path, features=np.array(["a", "b"]), weights=np.array([1.0]), trained_on="x")
    with pytest.raises(ResourceError, match="2 distinct features"):
        load_toponym_model(path)
