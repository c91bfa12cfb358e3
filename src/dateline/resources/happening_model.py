"""The trained happening detector: a logistic regression over a clause's features, stored as arrays.

``happening_model.npz`` beside this module holds the feature names, the two classes (``other``, ``happening``),
one weight per feature and class, the intercepts, the threshold below which the events stage drops a candidate
(chosen on the tune parts only), and the name and sha256 of every file it was fitted on.
``scripts/train_happening_model.py`` writes it (``make train-happening``); only numpy reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays

MODEL_PATH = Path(__file__).with_name("happening_model.npz")
CLASSES = ("other", "happening")
ARRAYS = ("classes", "features", "weights", "intercepts", "threshold", "trained_on", "training_sha256")


@dataclass(frozen=True, slots=True)
class HappeningModel(LinearModel[str]):
    """Scores whether a clause reports a happening; empty means every clause passes."""

    threshold: float = 0.0
    training_sha256: tuple[str, ...] = ()


def load_happening_model(path: Path = MODEL_PATH) -> HappeningModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the happening model", "make train-happening")
    classes = tuple(str(name) for name in arrays["classes"].tolist())
    if classes != CLASSES:
        raise ResourceError(f"{path}: classes must be {list(CLASSES)}, not {list(classes)}")
    features = [str(name) for name in arrays["features"].tolist()]
    weights, intercepts = arrays["weights"], arrays["intercepts"]
    check_linear_arrays(path, features, classes, weights, intercepts)
    threshold = float(arrays["threshold"])
    if not 0.0 <= threshold < 1.0:
        raise ResourceError(f"{path}: threshold {threshold} is not a probability below 1")
    return HappeningModel(
        classes=classes,
        **linear_fields(features, arrays),
        threshold=threshold,
        training_sha256=tuple(str(digest) for digest in arrays["training_sha256"].tolist()),
    )
