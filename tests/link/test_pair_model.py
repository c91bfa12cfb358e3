"""The story-pair model file: the shipped one loads and fits the linker's features; a broken one is refused with its
path; the fitter is deterministic and learns what separates joins from the rest, and the trees read back from the
file score as the fitted ones did."""

from __future__ import annotations

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.link.features import FEATURES
from dateline.link.pair_model import MODEL_PATH, fit, load_story_model, save_story_model


def test_the_shipped_model_loads_with_the_linker_s_features_and_a_threshold_chosen_on_tune():
    model = load_story_model(MODEL_PATH)
    assert model.features == FEATURES
    assert 0.0 < model.threshold < 1.0
    assert "tune part" in model.trained_on


def test_a_model_file_of_other_features_is_refused_naming_the_file(tmp_path):
    rows = np.array([[0.0, 1.0], [1.0, 0.0], [0.9, 0.1], [0.1, 0.8]])
    model = fit(rows, np.array([0.0, 1.0, 1.0, 0.0]), ("a", "b"))
    path = tmp_path / "other.npz"
    save_story_model(model, path, "two features")
    with pytest.raises(ResourceError, match=r"other\.npz"):
        load_story_model(path)


def test_a_file_that_is_not_a_model_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"not a zip")
    with pytest.raises(ResourceError, match=r"broken\.npz"):
        load_story_model(path)


def test_the_fit_is_deterministic_and_ranks_joins_above_the_rest():
    generator = np.random.default_rng(3)
    joins = generator.normal(1.0, 0.5, size=(40, 3))
    others = generator.normal(-1.0, 0.5, size=(60, 3))
    rows = np.vstack([joins, others])
    labels = np.array([1.0] * 40 + [0.0] * 60)
    first, second = fit(rows, labels, ("x", "y", "z")), fit(rows, labels, ("x", "y", "z"))
    assert np.array_equal(first.split_value, second.split_value)
    assert np.array_equal(first.leaf_value, second.leaf_value)
    probabilities = first.probabilities(rows)
    assert probabilities[:40].min() > probabilities[40:].max()


def test_the_trees_read_back_from_the_file_score_as_the_fitted_ones(tmp_path):
    generator = np.random.default_rng(5)
    rows = generator.normal(size=(200, len(FEATURES)))
    labels = (rows[:, 0] + rows[:, 1] * rows[:, 2] > 0).astype(float)
    model = fit(rows, labels, FEATURES)
    path = tmp_path / "story_model.npz"
    save_story_model(model, path, "random rows")
    assert np.allclose(load_story_model(path).probabilities(rows), model.probabilities(rows))
