"""The trained story-pair scorer: a logistic regression over what an article and a candidate story share.

``story_model.npz`` in ``dateline/resources`` holds the feature names (they must be ``features.FEATURES``, in
order), each feature's mean and scale, the weights, the intercept, the join threshold chosen on the ``tune`` part
of the real stream and on the generated development stream, and what it was fitted on. Only numpy reads it back,
with no pickled objects; ``scripts/train_story_model.py`` writes it (``make train-stories``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from dateline.errors import ResourceError
from dateline.resources.event_model import read_arrays

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "story_model.npz"
ARRAYS = ("features", "mean", "scale", "weights", "intercept", "threshold", "trained_on")
RETRAIN = "make train-stories"
L2 = 30.0  # on the standardised weights: a few thousand pairs of correlated signals; a firmer prior keeps them apart
ITERATIONS = 50


@dataclass(frozen=True, slots=True)
class StoryModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float
    threshold: float
    trained_on: str = ""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that the article belongs to each candidate story (one row of features each)."""
        scores = ((rows - self.mean) / self.scale) @ self.weights + self.intercept
        return 1.0 / (1.0 + np.exp(-scores))


def fit(rows: np.ndarray, labels: np.ndarray, features: Sequence[str], threshold: float = 0.5) -> StoryModel:
    """Deterministic Newton steps on the L2-penalised log loss, classes weighed equally (joins are the rarer)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    design = np.hstack([(rows - mean) / scale, np.ones((len(rows), 1))])
    positive = labels.sum()
    weight = np.where(
        labels == 1, len(labels) / (2 * max(positive, 1)), len(labels) / (2 * max(len(labels) - positive, 1))
    )
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[-1] = 0.0  # the intercept is not shrunk
    for _ in range(ITERATIONS):
        probability = 1.0 / (1.0 + np.exp(-(design @ beta)))
        gradient = design.T @ (weight * (probability - labels)) + penalty * beta
        hessian = (design * (weight * probability * (1 - probability))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return StoryModel(tuple(features), mean, scale, beta[:-1], float(beta[-1]), threshold)


def save_story_model(model: StoryModel, path: Path, trained_on: str) -> None:
    np.savez_compressed(
        path,
        features=np.array(model.features),
        mean=model.mean,
        scale=model.scale,
        weights=model.weights,
        intercept=np.array(model.intercept),
        threshold=np.array(model.threshold),
        trained_on=np.array(trained_on),
    )


@lru_cache(maxsize=4)
def load_story_model(path: Path = MODEL_PATH) -> StoryModel:
    """Read and validate the model file once per process; ``ResourceError`` names it and the fix."""
    from dateline.link.features import FEATURES

    arrays = read_arrays(path, ARRAYS, "the story-pair model", RETRAIN)
    features = tuple(str(name) for name in arrays["features"].tolist())
    if features != FEATURES:
        raise ResourceError(f"{path}: fitted on features {list(features)}, the linker computes {list(FEATURES)}; "
                            f"retrain it (`{RETRAIN}`)")  # fmt: skip
    vectors = [arrays[name].astype(np.float64) for name in ("mean", "scale", "weights")]
    if any(vector.shape != (len(features),) or not np.isfinite(vector).all() for vector in vectors):
        raise ResourceError(f"{path}: mean, scale and weights must be {len(features)} finite numbers each")
    threshold = float(arrays["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{path}: the threshold must be within [0, 1]")
    return StoryModel(features, *vectors, float(arrays["intercept"]), threshold, str(arrays["trained_on"]))
