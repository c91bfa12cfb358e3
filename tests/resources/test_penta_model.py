"""The trained PentaClass model loads, names a damaged file, fits deterministically, and its folds hold out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.resources import load_resources
from dateline.resources.penta_model import (
    MODEL_PATH,
    PentaModel,
    file_sha256,
    fit,
    load_penta_model,
    save_penta_model,
    stratified_folds,
)


def test_the_shipped_model_loads_scores_the_five_classes_and_names_its_training_files():
    model = load_resources().penta_model
    assert model.classes == (0, 1, 2, 3, 4)
    assert 0.0 <= model.threshold <= 1.0
    assert model.training_sha256 and all(len(digest) == 64 for digest in model.training_sha256)
    assert "cameo_class" in model.trained_on
    assert sum(model.probabilities(["w=attack", "never-seen-feature"]).values()) == pytest.approx(1.0)
    assert model.probabilities(["nothing-it-knows"]) == model.probabilities([])
    assert MODEL_PATH.stat().st_size < 50_000_000


def _features_and_labels() -> tuple[list[list[str]], list[int]]:
    cues = {0: "w=say", 1: "w=praise", 2: "w=deliver", 3: "w=accuse", 4: "w=shell"}
    features, labels = [], []
    for label, cue in cues.items():
        for number in range(6):
            features.append([cue, f"w=filler{number % 3}"])
            labels.append(label)
    return features, labels


def test_fitting_learns_a_separable_fixture_and_is_deterministic():
    features, labels = _features_and_labels()
    model = fit(features, labels)
    again = fit(features, labels)
    assert np.array_equal(model.weights, again.weights)
    for cue, label in (("w=shell", 4), ("w=praise", 1), ("w=say", 0)):
        probabilities = model.probabilities([cue])
        assert max(probabilities, key=probabilities.__getitem__) == label


def test_a_stronger_penalty_keeps_the_weights_smaller():
    features, labels = _features_and_labels()
    strong, weak = fit(features, labels, l2=3.0), fit(features, labels, l2=0.1)
    assert np.abs(strong.weights).sum() < np.abs(weak.weights).sum()


def test_a_saved_model_reads_back_with_the_digest_of_each_training_file(tmp_path: Path):
    features, labels = _features_and_labels()
    training = tmp_path / "train.tsv"
    training.write_text("Artillery shelled the port.\t4\n", encoding="utf-8")
    other = tmp_path / "other.tsv"
    other.write_text("Artillery shelled the harbour.\t4\n", encoding="utf-8")
    path = tmp_path / "penta.npz"
    save_penta_model(fit(features, labels, threshold=0.6), path, [training], "a fixture")
    model = load_penta_model(path)
    assert model.threshold == pytest.approx(0.6) and model.trained_on == "a fixture"
    assert model.training_sha256 == (file_sha256(training),)
    assert model.was_trained_on(training) and not model.was_trained_on(other)
    assert not PentaModel().was_trained_on(training)


def test_a_truncated_file_raises_naming_it(tmp_path: Path):
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(MODEL_PATH.read_bytes()[:4000])
    with pytest.raises(ResourceError, match=r"damaged\.npz"):
        load_penta_model(damaged)


def test_a_missing_file_raises_naming_it(tmp_path: Path):
    with pytest.raises(ResourceError, match=r"absent\.npz"):
        load_penta_model(tmp_path / "absent.npz")


def _write(path: Path, **arrays: np.ndarray) -> Path:
    good = {
        "classes": np.array([3, 4]),
        "features": np.array(["w=accuse", "w=shell"]),
        "weights": np.array([[2.0, -1.0], [-1.0, 2.0]], dtype=np.float32),
        "intercepts": np.zeros(2),
        "threshold": np.array(0.5),
        "trained_on": np.array("a fixture"),
        "training_files": np.array(["train.tsv"]),
        "training_sha256": np.array(["0" * 64]),
    }
    good.update(arrays)
    np.savez(path, **good)
    return path


@pytest.mark.parametrize(
    ("arrays", "fault"),
    [
        ({"classes": np.array([3, 7])}, "PentaClasses"),
        ({"classes": np.array([3, 3])}, "PentaClasses"),
        ({"weights": np.zeros((3, 2), dtype=np.float32)}, "do not fit"),
        ({"weights": np.array([[np.nan, 0.0], [0.0, 0.0]])}, "finite"),
        ({"threshold": np.array(1.5)}, "threshold"),
        ({"features": np.array(["w=shell", "w=shell"])}, "twice"),
        ({"training_sha256": np.array(["not-a-digest"])}, "sha256"),
    ],
)
def test_an_inconsistent_file_raises_naming_it_and_the_fault(tmp_path: Path, arrays, fault):
    path = _write(tmp_path / "inconsistent.npz", **arrays)
    with pytest.raises(ResourceError, match=fault) as raised:
        load_penta_model(path)
    assert "inconsistent.npz" in str(raised.value)


def test_a_file_without_its_arrays_raises(tmp_path: Path):
    path = tmp_path / "partial.npz"
    np.savez(path, classes=np.array([0, 1]))
    with pytest.raises(ResourceError, match="lacks the arrays"):
        load_penta_model(path)


def test_stratified_folds_partition_the_rows_and_spread_each_class_evenly():
    labels = [0] * 10 + [1] * 7 + [2] * 5 + [4] * 3
    folds = stratified_folds(labels, 5, seed=3)
    assert len(folds) == 5
    assert sorted(row for fold in folds for row in fold) == list(range(len(labels)))
    for label, total in Counter(labels).items():
        per_fold = [sum(labels[row] == label for row in fold) for fold in folds]
        assert max(per_fold) - min(per_fold) <= 1 and sum(per_fold) == total
    assert stratified_folds(labels, 5, seed=3) == folds
    assert stratified_folds(labels, 5, seed=4) != folds
