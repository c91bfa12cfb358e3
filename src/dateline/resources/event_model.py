"""The trained event-type model: a multinomial logistic regression over sentence features, stored as arrays.

``event_type_model.npz`` beside this module holds the feature names, the class names (PLOVER event types), one
weight per feature and class, and the intercepts; ``scripts/train_event_model.py`` writes it (``make
train-events``). Only numpy reads it back: no pickled objects, so the file is data a person can inspect. The
loader checks every array and names the file at fault.
"""

from __future__ import annotations

import itertools
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.events import QUAD_CLASS

# What an unknown feature weighs, for as many features as a row has.
_ZEROS = itertools.repeat(0.0)

MODEL_PATH = Path(__file__).with_name("event_type_model.npz")
ARRAYS = ("classes", "features", "weights", "intercepts", "trained_on")


Label = TypeVar("Label", str, int)


@dataclass(frozen=True, slots=True)
class LinearModel(Generic[Label]):
    """A multinomial logistic regression over binary features; empty (no classes) means no model."""

    classes: tuple[Label, ...] = ()
    index: dict[str, int] = field(default_factory=dict)
    weights: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    intercepts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    trained_on: str = ""
    # A two-class model's weight of each feature toward its second class (the first one's subtracted): scoring it
    # is then a sum over dictionary look-ups, where numpy's per-call cost exceeded the arithmetic. Built on load.
    margins: dict[str, float] = field(default_factory=dict)
    # A two-class model's intercept toward its second class as a Python float, worked out on construction: the role
    # choosers ask ``logistic`` of every word of a sentence, and numpy's scalar arithmetic cost more than the rest.
    bias: float = field(default=0.0, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.intercepts) == 2:
            object.__setattr__(self, "bias", float(self.intercepts[1] - self.intercepts[0]))

    def __bool__(self) -> bool:
        return bool(self.classes)

    def probabilities(self, features: Iterable[str]) -> dict[Label, float]:
        """The probability of each class given binary features; features the model never saw count nothing."""
        if self.margins:
            positive = self._logistic(features)
            return dict(zip(self.classes, (1.0 - positive, positive), strict=True))
        return dict(zip(self.classes, softmax_of(features, self.index, self.weights, self.intercepts), strict=True))

    def probabilities_of_rows(self, rows: Sequence[Iterable[str]]) -> list[dict[Label, float]]:
        """``probabilities`` of each row, the rows scored together."""
        if self.margins:
            return [self.probabilities(features) for features in rows]
        scored = softmax_rows(rows, self.index, self.weights, self.intercepts)
        return [dict(zip(self.classes, row, strict=True)) for row in scored]

    def _logistic(self, features: Iterable[str]) -> float:
        return self.logistic(self.margin(features))

    def margin(self, features: Iterable[str]) -> float:
        """A two-class model's summed weights of the distinct features toward its second class, intercept left out:
        an example's features scored in parts (some shared by many examples) add up to the whole."""
        # An unknown feature adds 0.0, which leaves any sum as it was: one look-up per feature, not two.
        return sum(map(self.margins.get, set(features), _ZEROS))

    def logistic(self, margin: float) -> float:
        """A two-class model's probability of its second class given the summed ``margin`` of an example."""
        score = self.bias + margin
        return 1.0 / (1.0 + math.exp(-score)) if score >= 0 else 1.0 - 1.0 / (1.0 + math.exp(score))

    def probabilities_of(self, rows: list[list[str]], label: Label | None = None) -> np.ndarray:
        """The probability of ``label`` (by default the last class, a binary model's positive one) for each row of
        binary features, in one pass over all rows: what a role or attribution model asks of many candidates."""
        if not rows:
            return np.zeros(0)
        if self.margins and (label is None or label == self.classes[1]):
            return np.array([self._logistic(features) for features in rows])
        owners, columns = [], []
        for number, features in enumerate(rows):
            found = {self.index.get(name, -1) for name in features} - {-1}
            owners.extend([number] * len(found))
            columns.extend(found)
        # Summed per class with bincount: ``np.add.at`` over the same pairs cost more than the features did.
        found = self.weights[columns].astype(np.float64)
        scores = np.column_stack(
            [np.bincount(owners, weights=found[:, number], minlength=len(rows)) for number in range(found.shape[1])]
        )
        scores += self.intercepts
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        scores /= scores.sum(axis=1, keepdims=True)
        return scores[:, -1 if label is None else self.classes.index(label)]


@dataclass(frozen=True, slots=True)
class EventTypeModel(LinearModel[str]):
    """Scores PLOVER event types for one sentence's features."""


def softmax_of(
    features: Iterable[str], index: dict[str, int], weights: np.ndarray, intercepts: np.ndarray
) -> list[float]:
    """A linear model's class probabilities for binary features; a feature missing from ``index`` counts nothing."""
    rows = known_rows(features, index)
    scores = intercepts + weights.take(rows, axis=0).sum(axis=0, dtype=np.float64)  # take: faster than [rows]
    scores = np.exp(scores - scores.max())
    scores /= scores.sum()
    return scores.tolist()


def known_rows(features: Iterable[str], index: dict[str, int]) -> list[int]:
    """The weight rows of the distinct features ``index`` knows, in ascending order (the order they are summed in)."""
    # The names the index holds are found in one pass in C (a look-up per feature), then only those mapped to rows.
    return sorted(map(index.__getitem__, index.keys() & features))


def softmax_rows(
    rows: Sequence[Iterable[str]], index: dict[str, int], weights: np.ndarray, intercepts: np.ndarray
) -> list[list[float]]:
    """``softmax_of`` for many rows in one pass (numpy's cost per call exceeded the arithmetic): each row's weights
    summed in the same order, so each row's probabilities are exactly ``softmax_of``'s."""
    columns = [known_rows(features, index) for features in rows]
    filled = [number for number, found in enumerate(columns) if found]
    sums = np.zeros((len(columns), weights.shape[1]))
    if filled:
        # Each row's first weight in the joined rows, counted in Python: numpy's cumsum of a short list, and
        # assigning the sums through an index when every row has a known feature (nearly always), cost more.
        starts = [0, *itertools.accumulate(len(columns[number]) for number in filled[:-1])]
        taken = weights.take(list(itertools.chain.from_iterable(columns)), axis=0)
        summed = np.add.reduceat(taken, starts, axis=0, dtype=np.float64)
        if len(filled) == len(columns):
            sums = summed
        else:
            sums[filled] = summed
    scores = intercepts + sums
    scores = np.exp(scores - scores.max(axis=1, keepdims=True))
    scores /= scores.sum(axis=1, keepdims=True)
    return scores.tolist()


def read_arrays(path: Path, names: tuple[str, ...], what: str, retrain: str) -> dict[str, np.ndarray]:
    """The named arrays of a model file, read without pickles; ``ResourceError`` names the file and the fix."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            missing = [name for name in names if name not in stored.files]
            if missing:
                raise ResourceError(f"{path}: {what} lacks the arrays {missing}; retrain it (`{retrain}`)")
            return {name: stored[name] for name in names}
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ResourceError(f"{path}: cannot read {what} ({error}); run `{retrain}`") from error


def check_linear_arrays(
    path: Path, features: list[str], classes: tuple[Any, ...], weights: np.ndarray, intercepts: np.ndarray
) -> None:
    """Raise ``ResourceError`` naming ``path`` when a model's arrays do not fit together or hold non-numbers."""
    if weights.shape != (len(features), len(classes)) or intercepts.shape != (len(classes),):
        raise ResourceError(
            f"{path}: weights {weights.shape} and intercepts {intercepts.shape} do not fit "
            f"{len(features)} features and {len(classes)} classes"
        )
    if len(set(features)) != len(features):
        raise ResourceError(f"{path}: a feature name occurs twice")
    if not (np.isfinite(weights).all() and np.isfinite(intercepts).all()):
        raise ResourceError(f"{path}: weights must be finite numbers")


def load_event_model(path: Path = MODEL_PATH) -> EventTypeModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the event-type model", "make train-events")
    classes = tuple(str(name) for name in arrays["classes"].tolist())
    features = [str(name) for name in arrays["features"].tolist()]
    weights, intercepts = arrays["weights"], arrays["intercepts"]
    unknown = [name for name in classes if name not in QUAD_CLASS]
    if unknown:
        raise ResourceError(f"{path}: {unknown} are not PLOVER v0.8 event types")
    check_linear_arrays(path, features, classes, weights, intercepts)
    return EventTypeModel(classes=classes, **linear_fields(features, arrays))


def linear_fields(features: list[str], arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    """A ``LinearModel``'s fields other than its classes, from checked arrays."""
    weights = arrays["weights"].astype(np.float32)
    two_classes = weights.ndim == 2 and weights.shape[1] == 2 and len(features) > 0
    differences = (weights[:, 1].astype(np.float64) - weights[:, 0]).tolist() if two_classes else []
    return {
        "index": {name: row for row, name in enumerate(features)},
        "weights": weights,
        "intercepts": arrays["intercepts"].astype(np.float64),
        "trained_on": str(arrays["trained_on"]),
        "margins": dict(zip(features, differences, strict=True)) if two_classes else {},
    }
