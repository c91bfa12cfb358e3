"""The trained toponym ranker: one weight per candidate feature, stored as arrays.

A conditional logit (a softmax over the gazetteer candidates of one toponym): the place chosen is the candidate
with the largest ``weights · features``. ``toponym_model.npz`` beside this module holds the feature names, the
weights, a per-feature scale and the training files' hashes; ``scripts/train_geo_ranker.py`` writes it (``make
train-geo``) from the tune parts of the geoparsing gold. Only numpy reads it back, without pickles.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import read_arrays

MODEL_PATH = Path(__file__).with_name("toponym_model.npz")
ARRAYS = ("features", "weights", "trained_on")
RETRAIN = "make train-geo"


@dataclass(frozen=True, slots=True)
class ToponymModel:
    """Scores gazetteer candidates from their feature rows; empty (no features) means no model."""

    features: tuple[str, ...] = ()
    weights: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))
    trained_on: str = ""

    def __bool__(self) -> bool:
        return bool(self.features)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """One score per candidate row (columns in ``features`` order); higher is the likelier place."""
        return rows @ self.weights


def load_toponym_model(path: Path = MODEL_PATH) -> ToponymModel:
    """Read and validate the model file; raise ``ResourceError`` naming it and what is wrong."""
    arrays = read_arrays(path, ARRAYS, "the toponym ranker", RETRAIN)
    features = tuple(str(name) for name in arrays["features"].tolist())
    weights = arrays["weights"].astype(np.float64)
    if weights.shape != (len(features),) or len(set(features)) != len(features):
        raise ResourceError(f"{path}: {weights.shape} weights for {len(features)} distinct features; run `{RETRAIN}`")
    if not np.isfinite(weights).all():
        raise ResourceError(f"{path}: weights must be finite numbers; run `{RETRAIN}`")
    return ToponymModel(features, weights, str(arrays["trained_on"]))


def save_toponym_model(model: ToponymModel, path: Path, sources: Iterable[tuple[Path, str]]) -> None:
    """Write the arrays with the sha256 of each training file and the part of it that was read."""
    trained_on = "; ".join(
        f"{source.name} ({part}) sha256:{hashlib.sha256(source.read_bytes()).hexdigest()}" for source, part in sources
    )
    np.savez_compressed(
        path, features=np.array(model.features), weights=model.weights.astype(np.float64), trained_on=trained_on
    )
