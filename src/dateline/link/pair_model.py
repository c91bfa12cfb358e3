"""The trained story-pair scorer: boosted decision trees over what an article and a candidate story share.

Trees, not a linear model: the signals matter in combination (alike words weigh one way where the main events are
deeds in one town and the other way where they are statements of politics), which a weighted sum cannot say.
``story_model.npz`` in ``dateline/resources`` holds the feature names (they must be ``features.FEATURES``, in
order), the trees' nodes as flat arrays (split feature, split value, children, leaf value), each tree's root, the
prior log-odds, the join threshold chosen on the ``tune`` part of the real stream and on the generated development
stream, and what it was fitted on. Only numpy reads it back, with no pickled objects; ``scripts/
train_story_model.py`` fits it with scikit-learn and writes it (``make train-stories``).
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
NODES = ("split_feature", "split_value", "left", "right", "leaf_value")
ARRAYS = ("features", *NODES, "roots", "prior", "threshold", "trained_on")
RETRAIN = "make train-stories"
# A few thousand candidate pairs: shallow trees, a slow rate and subsampling keep the fit from memorising them.
TREES, DEPTH, RATE, SUBSAMPLE, MIN_LEAF = 150, 3, 0.1, 0.8, 5
SEEDS = (0, 1, 2)
LEAF = -1


@dataclass(frozen=True, slots=True)
class StoryModel:
    features: tuple[str, ...]
    split_feature: np.ndarray  # per node: the feature it splits on, ``LEAF`` for a leaf
    split_value: np.ndarray  # rows at most this go left
    left: np.ndarray
    right: np.ndarray
    leaf_value: np.ndarray  # a leaf's contribution to the log-odds, the learning rate applied
    roots: np.ndarray
    prior: float
    threshold: float
    trained_on: str = ""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that the article belongs to each candidate story (one row of features each)."""
        # Compared in single precision, as the fitter compared them.
        values = np.asarray(rows, dtype=np.float32).reshape(-1, len(self.features))
        nodes = np.tile(self.roots, (len(values), 1))
        line = np.arange(len(values))[:, None]
        while (inner := self.split_feature[nodes] != LEAF).any():
            feature = np.where(inner, self.split_feature[nodes], 0)
            goes_left = values[line, feature] <= self.split_value[nodes]
            nodes = np.where(inner, np.where(goes_left, self.left[nodes], self.right[nodes]), nodes)
        scores = self.prior + self.leaf_value[nodes].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-scores))


def fit(rows: np.ndarray, labels: np.ndarray, features: Sequence[str], threshold: float = 0.5) -> StoryModel:
    """Gradient-boosted trees on the log loss (scikit-learn, a training-time dependency), fitted once per seed in
    ``SEEDS`` and averaged (each fit's trees kept, their leaves weighed by 1/len(SEEDS)): one subsampled fit of a
    few thousand pairs may put a borderline pair on either side of the threshold by the luck of its draws, and
    the mean of several does not. The same pairs give the same model."""
    from sklearn.ensemble import GradientBoostingClassifier

    parts: dict[str, list[np.ndarray]] = {name: [] for name in NODES}
    roots, offset, priors = [], 0, []
    for seed in SEEDS:
        fitted = GradientBoostingClassifier(
            n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE, subsample=SUBSAMPLE, min_samples_leaf=MIN_LEAF,
            random_state=seed,
        ).fit(np.asarray(rows, dtype=np.float64), labels)  # fmt: skip
        priors.append(float(fitted.init_.class_prior_[1]))
        for estimator in fitted.estimators_[:, 0]:
            tree = estimator.tree_
            leaf = tree.children_left == -1
            roots.append(offset)
            parts["split_feature"].append(np.where(leaf, LEAF, tree.feature))
            parts["split_value"].append(tree.threshold)
            parts["left"].append(np.where(leaf, -1, tree.children_left + offset))
            parts["right"].append(np.where(leaf, -1, tree.children_right + offset))
            parts["leaf_value"].append(np.where(leaf, RATE * tree.value[:, 0, 0] / len(SEEDS), 0.0))
            offset += tree.node_count
    nodes = {name: np.concatenate(values) for name, values in parts.items()}
    prior = float(np.mean(priors))  # the class prior: the same in every fit
    return StoryModel(
        tuple(features),
        nodes["split_feature"].astype(np.int64),
        nodes["split_value"].astype(np.float64),
        nodes["left"].astype(np.int64),
        nodes["right"].astype(np.int64),
        nodes["leaf_value"].astype(np.float64),
        np.array(roots, dtype=np.int64),
        float(np.log(prior / (1 - prior))),
        threshold,
    )


def save_story_model(model: StoryModel, path: Path, trained_on: str) -> None:
    np.savez_compressed(
        path,
        features=np.array(model.features),
        **{name: getattr(model, name) for name in (*NODES, "roots")},
        prior=np.array(model.prior),
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
    nodes = {name: arrays[name] for name in NODES}
    size = len(nodes["split_feature"])
    if any(values.shape != (size,) for values in nodes.values()) or not np.isfinite(nodes["leaf_value"]).all():
        raise ResourceError(f"{path}: the trees' node arrays must be {size} finite values each")
    inner = nodes["split_feature"] != LEAF
    links = np.concatenate([nodes["left"][inner], nodes["right"][inner], arrays["roots"]])
    if (nodes["split_feature"] >= len(features)).any() or (links.size and (links.min() < 0 or links.max() >= size)):
        raise ResourceError(f"{path}: a tree node points outside the model; retrain it (`{RETRAIN}`)")
    threshold = float(arrays["threshold"])
    if not 0.0 <= threshold <= 1.0:
        raise ResourceError(f"{path}: the threshold must be within [0, 1]")
    return StoryModel(
        features,
        nodes["split_feature"].astype(np.int64),
        nodes["split_value"].astype(np.float64),
        nodes["left"].astype(np.int64),
        nodes["right"].astype(np.int64),
        nodes["leaf_value"].astype(np.float64),
        arrays["roots"].astype(np.int64),
        float(arrays["prior"]),
        threshold,
        str(arrays["trained_on"]),
    )
