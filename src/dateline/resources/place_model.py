"""The trained chooser of an event's place in its own sentence: a linear score over candidate features.

Each place the sentence names (resolved by the places stage or only tagged as one) is scored against the event's
trigger; the best-scoring one is the event's place when its probability reaches ``threshold``, else the sentence
states none. The place chooser is fitted as a conditional logit over a sentence's places and "none", and a place's
probability here is that of it against "none" (the intercept is minus the score of "none"). ``place_model.npz``
beside this module holds the feature names, one weight each, the intercept, the threshold and the training files'
hashes; ``scripts/train_place_model.py`` writes it (``make train-places``) from the tune part of the event-location
gold. Only numpy reads it back, without pickles.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import read_arrays

MODEL_PATH = Path(__file__).with_name("place_model.npz")
ARRAYS = ("features", "weights", "intercept", "threshold", "trained_on")
RETRAIN = "make train-places"
# What a feature the model lacks weighs, for as many features as an example has.
_ZEROS = itertools.repeat(0.0)


@dataclass(frozen=True, slots=True)
class PlaceModel:
    """Scores one candidate place of an event; empty (no features) means no model."""

    features: tuple[str, ...] = ()
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    intercept: float = 0.0
    threshold: float = 0.5
    trained_on: str = ""
    index: dict[str, int] = field(default_factory=dict)
    # Each feature's weight as a Python float, by name, filled in on construction: a candidate's score then reads no
    # numpy scalar (each cost more than the multiplication it served).
    weight_of: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.weight_of.update(zip(self.features, self.weights.tolist(), strict=True))

    def __bool__(self) -> bool:
        return bool(self.features)

    def probability(self, values: Mapping[str, float]) -> float:
        """The probability that the candidate described by ``values`` is where the event happened."""
        return 1.0 / (1.0 + math.exp(-self.score(values)))

    def score(self, values: Mapping[str, float]) -> float:
        """The candidate's linear score (the log-odds ``probability`` reads; a conditional logit's softmax input)."""
        # One look-up per name, in C; the products summed in the same order as ever. A name the model lacks weighs
        # 0.0, and a zero product leaves the sum's bits as they were (the values are finite).
        weights = map(self.weight_of.get, values.keys(), _ZEROS)
        return self.intercept + sum(map(operator.mul, weights, values.values()))


def place_model_of(
    features: Iterable[str], weights: np.ndarray, intercept: float, threshold: float, trained_on: str
) -> PlaceModel:
    names = tuple(features)
    return PlaceModel(
        names, weights, float(intercept), float(threshold), trained_on, {name: i for i, name in enumerate(names)}
    )


def load_place_model(
    path: Path = MODEL_PATH, what: str = "the event place chooser", retrain: str = RETRAIN
) -> PlaceModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong (and ``retrain``,
    the command that rebuilds it)."""
    arrays = read_arrays(path, ARRAYS, what, retrain)
    features = [str(name) for name in arrays["features"].tolist()]
    weights = arrays["weights"].astype(np.float64)
    intercept, threshold = float(arrays["intercept"]), float(arrays["threshold"])
    if weights.shape != (len(features),) or len(set(features)) != len(features):
        raise ResourceError(f"{path}: {weights.shape} weights for {len(features)} distinct features; run `{retrain}`")
    if not (np.isfinite(weights).all() and math.isfinite(intercept) and 0.0 <= threshold <= 1.0):
        raise ResourceError(f"{path}: weights must be finite and the threshold in [0, 1]; run `{retrain}`")
    return place_model_of(features, weights, intercept, threshold, str(arrays["trained_on"]))


def load_if_shipped(path: Path, what: str, retrain: str) -> PlaceModel:
    """A model of this file format that a stage can do without: empty when no file ships."""
    return load_place_model(path, what, retrain) if path.exists() else PlaceModel()


def save_place_model(model: PlaceModel, path: Path, sources: Iterable[tuple[Path, str]]) -> None:
    """Write the arrays with the sha256 of each training file and the part of it that was read."""
    trained_on = "; ".join(
        f"{source.name} ({part}) sha256:{hashlib.sha256(source.read_bytes()).hexdigest()}" for source, part in sources
    )
    np.savez_compressed(
        path,
        features=np.array(model.features),
        weights=model.weights.astype(np.float64),
        intercept=np.float64(model.intercept),
        threshold=np.float64(model.threshold),
        trained_on=trained_on,
    )
