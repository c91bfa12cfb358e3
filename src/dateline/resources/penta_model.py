"""The trained CAMEO PentaClass model: a multinomial logistic regression over a sentence's features, as arrays.

``penta_model.npz`` beside this module holds the feature names, the classes (CAMEO's 0-4), one weight per feature
and class, the intercepts, the decision threshold chosen by cross-validation, and the name and sha256 of every file
it was fitted on, so a scorer can tell a held-out figure from a training one. ``scripts/train_penta_model.py``
writes it (``make train-penta``); only numpy reads it back, with no pickled objects. The fitter lives here too,
in numpy alone, because the benchmark refits the model on every cross-validation fold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import LinearModel, check_linear_arrays, read_arrays

MODEL_PATH = Path(__file__).with_name("penta_model.npz")
ARRAYS = (
    "classes",
    "features",
    "weights",
    "intercepts",
    "threshold",
    "trained_on",
    "training_files",
    "training_sha256",
)
PENTA_CLASSES = (0, 1, 2, 3, 4)
MIN_ROWS = 2  # a feature seen in fewer training sentences than this is noise
L2 = 1.0  # default penalty on the summed squared weights, per training sentence's share of the loss
STEPS = 400
LEARNING_RATE = 0.05


@dataclass(frozen=True, slots=True)
class PentaModel(LinearModel[int]):
    """Scores CAMEO PentaClasses for one sentence's features."""

    # The model overrules the rules' class only when this sure of its own (the rules coding nothing: always).
    threshold: float = 0.0
    training_sha256: tuple[str, ...] = ()

    def was_trained_on(self, path: Path) -> bool:
        """Whether ``path`` holds the very bytes of a file this model was fitted on."""
        return bool(self.training_sha256) and file_sha256(path) in self.training_sha256


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def training_digests(path: Path, arrays: dict[str, np.ndarray]) -> tuple[str, ...]:
    """The sha256 of each file a model was fitted on; ``ResourceError`` naming ``path`` when they do not fit."""
    digests = tuple(str(value) for value in arrays["training_sha256"].tolist())
    if len(digests) != arrays["training_files"].size or any(len(value) != 64 for value in digests):
        raise ResourceError(f"{path}: training_sha256 must hold one sha256 hex digest per training file")
    return digests


def fit(
    features: Sequence[Sequence[str]],
    labels: Sequence[int],
    rows: Sequence[int] | None = None,
    threshold: float = 0.0,
    l2: float = L2,
) -> PentaModel:
    """A model fitted on ``rows`` (all by default): deterministic full-batch Adam on the ``l2``-penalised,
    class-balanced cross-entropy; the same data always gives the same weights."""
    rows = list(range(len(labels))) if rows is None else list(rows)
    seen: dict[str, int] = {}
    for row in rows:
        for name in set(features[row]):
            seen[name] = seen.get(name, 0) + 1
    names = sorted(name for name, count in seen.items() if count >= MIN_ROWS)
    index = {name: column for column, name in enumerate(names)}
    matrix = np.zeros((len(rows), len(names)), dtype=np.float64)
    for position, row in enumerate(rows):
        matrix[position, [index[name] for name in set(features[row]) if name in index]] = 1.0
    classes = sorted({labels[row] for row in rows})
    target = np.zeros((len(rows), len(classes)))
    target[np.arange(len(rows)), [classes.index(labels[row]) for row in rows]] = 1.0
    # Balanced: each class weighs the same in the loss, since the score is macro-F1.
    row_weight = (target / target.sum(axis=0)).sum(axis=1) / len(classes)
    weights = np.zeros((len(names), len(classes)))
    intercepts = np.zeros(len(classes))
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros_like(intercepts), np.zeros_like(intercepts)]
    for step in range(1, STEPS + 1):
        scores = matrix @ weights + intercepts
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores /= scores.sum(axis=1, keepdims=True)
        error = (scores - target) * row_weight[:, None]
        gradients = (matrix.T @ error + l2 / len(rows) * weights, error.sum(axis=0))
        for number, (value, gradient) in enumerate(zip((weights, intercepts), gradients, strict=True)):
            first, second = moments[2 * number], moments[2 * number + 1]
            first *= 0.9
            first += 0.1 * gradient
            second *= 0.999
            second += 0.001 * gradient**2
            value -= LEARNING_RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return PentaModel(
        classes=tuple(classes),
        index=index,
        weights=weights.astype(np.float32),
        intercepts=intercepts,
        threshold=threshold,
    )


def stratified_folds(labels: Sequence[int], folds: int, seed: int) -> list[list[int]]:
    """Row numbers of ``folds`` disjoint held-out parts covering every row once, each class spread evenly over
    them (shuffled with ``seed``, so the same labels and seed give the same folds)."""
    generator = np.random.default_rng(seed)
    parts: list[list[int]] = [[] for _ in range(folds)]
    offset = 0
    for label in sorted(set(labels)):
        members = [row for row, value in enumerate(labels) if value == label]
        for position, row in enumerate(generator.permutation(members).tolist()):
            parts[(offset + position) % folds].append(row)
        offset += len(members)
    return [sorted(part) for part in parts]


def save_penta_model(model: PentaModel, path: Path, training_files: Sequence[Path], trained_on: str) -> None:
    names = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(
        path,
        classes=np.array(model.classes, dtype=np.int64),
        features=np.array(names),
        weights=model.weights,
        intercepts=model.intercepts,
        threshold=np.array(model.threshold),
        trained_on=np.array(trained_on),
        training_files=np.array([file.name for file in training_files]),
        training_sha256=np.array([file_sha256(file) for file in training_files]),
    )


def load_penta_model(path: Path = MODEL_PATH) -> PentaModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the PentaClass model", "make train-penta")
    features = [str(name) for name in arrays["features"].tolist()]
    weights, intercepts = arrays["weights"], arrays["intercepts"]
    try:
        classes = tuple(int(value) for value in arrays["classes"].tolist())
        threshold = float(arrays["threshold"])
    except (TypeError, ValueError) as error:
        raise ResourceError(f"{path}: classes and threshold must be numbers ({error})") from error
    if not classes or any(value not in PENTA_CLASSES for value in classes) or len(set(classes)) != len(classes):
        raise ResourceError(f"{path}: classes {list(classes)} are not distinct CAMEO PentaClasses 0-4")
    check_linear_arrays(path, features, classes, weights, intercepts)
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{path}: the threshold must be within [0, 1]")
    digests = training_digests(path, arrays)
    return PentaModel(
        classes=classes,
        index={name: row for row, name in enumerate(features)},
        weights=weights.astype(np.float32),
        intercepts=intercepts.astype(np.float64),
        threshold=threshold,
        trained_on=str(arrays["trained_on"]),
        training_sha256=digests,
    )
