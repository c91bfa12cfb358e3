"""The trained target chooser: which word of a sentence names the party an event is done to, or the rules' choice.

``target_model.npz`` beside this module holds a logistic regression over one (trigger, candidate word) pair's
features (``dateline.extract.events.targets.pair_features``), its two classes (``other``, ``target``), the
probability above which its best candidate replaces the rules' target (chosen by cross-validation inside the
training data), and the name and sha256 of every file it was fitted on. ``scripts/train_target_model.py`` writes
it (``make train-targets``); only numpy reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, linear_fields, read_arrays

MODEL_PATH = Path(__file__).with_name("target_model.npz")
CLASSES = ("other", "target")
ARRAYS = ("classes", "features", "weights", "intercepts", "threshold", "trained_on", "training_sha256")


@dataclass(frozen=True, slots=True)
class TargetModel(LinearModel[str]):
    """Scores whether a candidate word names an event's target; empty means the rules' targets stand."""

    threshold: float = 1.0
    training_sha256: tuple[str, ...] = ()


def load_target_model(path: Path = MODEL_PATH) -> TargetModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the target model", "make train-targets")
    classes = tuple(str(name) for name in arrays["classes"].tolist())
    if classes != CLASSES:
        raise ResourceError(f"{path}: classes must be {list(CLASSES)}, not {list(classes)}")
    features = [str(name) for name in arrays["features"].tolist()]
    check_linear_arrays(path, features, classes, arrays["weights"], arrays["intercepts"])
    threshold = float(arrays["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{path}: threshold {threshold} is not a probability")
    return TargetModel(
        classes=classes,
        **linear_fields(features, arrays),
        threshold=threshold,
        training_sha256=tuple(str(digest) for digest in arrays["training_sha256"].tolist()),
    )
