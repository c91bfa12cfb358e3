"""The trained ACLED sub-event model: a multinomial logistic regression over a text's features, stored as arrays.

``acled_model.npz`` beside this module holds the feature names, the classes (ACLED sub-event types and "none"),
one weight per feature and class, the intercepts, and the name and sha256 of every file it was fitted on with the
gold part used of each, so a scorer can tell a held-out figure from a training one. ``scripts/train_acled_model.py``
writes it (``make train-acled``, with scikit-learn); only numpy reads it back, with no pickled objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays
from dateline.resources.penta_model import file_sha256, training_digests

MODEL_PATH = Path(__file__).with_name("acled_model.npz")
ARRAYS = ("classes", "features", "weights", "intercepts", "trained_on", "training_files", "training_sha256")


@dataclass(frozen=True, slots=True)
class AcledModel(LinearModel[str]):
    """Scores ACLED sub-event types (and "none") for one text's features."""

    training_sha256: tuple[str, ...] = ()

    def was_trained_on(self, path: Path) -> bool:
        """Whether ``path`` holds the very bytes of a file this model was fitted on (whole or in part)."""
        return bool(self.training_sha256) and file_sha256(path) in self.training_sha256


def save_acled_model(model: AcledModel, path: Path, training_files: Sequence[Path]) -> None:
    names = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(
        path,
        classes=np.array(model.classes),
        features=np.array(names),
        weights=model.weights,
        intercepts=model.intercepts,
        trained_on=np.array(model.trained_on),
        training_files=np.array([file.name for file in training_files]),
        training_sha256=np.array([file_sha256(file) for file in training_files]),
    )


def load_acled_model(path: Path = MODEL_PATH) -> AcledModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the ACLED sub-event model", "make train-acled")
    classes = tuple(str(name) for name in arrays["classes"].tolist())
    features = [str(name) for name in arrays["features"].tolist()]
    weights, intercepts = arrays["weights"], arrays["intercepts"]
    if not classes or len(set(classes)) != len(classes):
        raise ResourceError(f"{path}: the classes must be distinct ACLED sub-event types")
    check_linear_arrays(path, features, classes, weights, intercepts)
    digests = training_digests(path, arrays)
    return AcledModel(classes=classes, **linear_fields(features, arrays), training_sha256=digests)
