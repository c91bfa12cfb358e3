"""The trained ACLED sub-event model loads from numpy arrays alone, names its training files, and names a damaged
file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.resources import load_resources
from dateline.resources.acled_model import MODEL_PATH, AcledModel, load_acled_model, save_acled_model


def test_the_shipped_model_scores_acled_sub_events_and_none_and_names_its_training_files():
    model = load_resources().acled_model
    assert {"none", "Armed clash", "Peaceful protest", "Air/drone strike", "Chemical weapon"} <= set(model.classes)
    assert len(model.training_sha256) == 4 and all(len(digest) == 64 for digest in model.training_sha256)
    assert all(source in model.trained_on for source in ("ACLED notes", "CASE-2021 tune part", "NGEC openings"))
    assert sum(model.probabilities(["w=protest", "never-seen-feature"]).values()) == pytest.approx(1.0)
    assert MODEL_PATH.stat().st_size < 20_000_000


def test_a_saved_model_reads_back_the_same_and_remembers_the_bytes_it_was_fitted_on(tmp_path: Path):
    training = tmp_path / "notes.tsv"
    training.write_text("some training text\n", encoding="utf-8")
    weights = np.array([[2.0, -1.0], [0.0, 1.0]], dtype=np.float32)
    model = AcledModel(("Attack", "none"), {"w=attack": 0, "w=budget": 1}, weights, np.zeros(2), "a fixture")
    path = tmp_path / "acled.npz"
    save_acled_model(model, path, [training])
    loaded = load_acled_model(path)
    assert loaded.classes == model.classes and loaded.trained_on == "a fixture"
    assert loaded.probabilities(["w=attack"]) == pytest.approx(model.probabilities(["w=attack"]))
    assert loaded.was_trained_on(training)
    training.write_text("other bytes\n", encoding="utf-8")
    assert not loaded.was_trained_on(training)


def test_a_damaged_model_file_is_refused_naming_it(tmp_path: Path):
    broken = tmp_path / "acled.npz"
    broken.write_bytes(b"not a zip archive")
    with pytest.raises(ResourceError, match=r"acled\.npz"):
        load_acled_model(broken)
