"""What the training scripts share (run as ``python scripts/train_*.py``, which puts this folder on the path)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

NGEC_ARCHIVES = "gpt_synthetic_events_*.csv.zip"  # below ``events/ngec_silver`` of the gold root


def ngec_archives(root: Path) -> list[Path]:
    """NGEC's synthetic story archives below the gold root, in a fixed order."""
    return sorted((root / "events" / "ngec_silver").glob(NGEC_ARCHIVES))


def ngec_stories(archive: Path) -> Iterator[dict[str, str]]:
    """Every story row (``label``, ``mode``, ``prompt``, ``text``, ...) of one NGEC archive, unzipped in memory."""
    with zipfile.ZipFile(archive) as bundle:
        for name in bundle.namelist():
            with bundle.open(name) as handle:
                yield from csv.DictReader(io.TextIOWrapper(handle, encoding="utf-8"))


def binary_matrix(features: list[list[str]], columns: dict[str, int]) -> csr_matrix:
    """One row per example, a 1 in the column of each of its features the model keeps."""
    cells = [(row, columns[name]) for row, names in enumerate(features) for name in set(names) if name in columns]
    rows, cols = zip(*cells, strict=True) if cells else ((), ())
    return csr_matrix((np.ones(len(cells), dtype=np.float32), (rows, cols)), shape=(len(features), len(columns)))


def frequent_features(rows: Iterable[list[str]], at_least: int) -> list[str]:
    """The feature names seen in at least ``at_least`` examples, sorted: rarer ones are noise."""
    seen = Counter(name for row in rows for name in set(row))
    return sorted(name for name, count in seen.items() if count >= at_least)


def binary_model_arrays(coef: np.ndarray, intercept: float) -> dict[str, np.ndarray]:
    """A binary logistic regression as the two-class weights and intercepts a ``LinearModel`` reads: the first
    class scores zero, so the softmax over the two is the regression's logistic."""
    return {
        "weights": np.stack([np.zeros_like(coef), coef], axis=1).astype(np.float32),
        "intercepts": np.array([0.0, intercept]),
    }


def save_thresholded_model(
    path: Path,
    classes: tuple[str, str],
    names: list[str],
    fitted: tuple[np.ndarray, float],
    threshold: float,
    trained_on: str,
    training_sha256: Iterable[str],
) -> None:
    """A binary logistic regression with its decision threshold and its training texts' hashes, as the arrays
    ``dateline.resources.attribution_model.load_thresholded_model`` reads."""
    coef, intercept = fitted
    np.savez_compressed(
        path,
        classes=np.array(classes),
        features=np.array(names),
        **binary_model_arrays(coef, intercept),
        threshold=np.array(threshold),
        trained_on=np.array(trained_on),
        training_sha256=np.array(sorted(training_sha256)),
    )


def conditional_logit(
    values: csr_matrix, right: np.ndarray, owner: np.ndarray, penalty: np.ndarray, none_right: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """The weights of a conditional logit, fitted by L-BFGS from zero (no randomness): the rows of each group
    (``owner``: each row's group, groups in order, each with a row at least) compete in a softmax, the ``right`` ones
    being the group's answer. With ``none_right``, an outside option ("none") of one learnt score competes in every
    group too, right where ``none_right`` is 1. ``penalty``: each weight's L2 penalty (the inverse of C). Returns the
    weights and the outside option's score (0.0 without one)."""
    groups = int(owner[-1]) + 1
    starts = np.flatnonzero(np.diff(owner, prepend=-1))  # where each group's rows begin
    outside = none_right is not None

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        weights = parameters[:-1] if outside else parameters
        scores = values @ weights
        top = np.maximum.reduceat(scores, starts)  # for a stable exponent
        if outside:
            top = np.maximum(top, parameters[-1])
        rows = np.exp(scores - top[owner])
        total = np.bincount(owner, rows, groups)
        good = np.bincount(owner, rows * right, groups)
        if outside:
            nothing = np.exp(parameters[-1] - top)
            total, good = total + nothing, good + nothing * none_right
        # The gradient of -log(good / total): what the model expects of each choice less what the right ones do.
        expected = rows / total[owner] - rows * right / good[owner]
        gradient = values.T @ expected + weights * penalty
        if outside:
            gradient = np.append(gradient, (nothing / total - nothing * none_right / good).sum())
        return float(np.log(total).sum() - np.log(good).sum() + weights @ (weights * penalty) / 2), gradient

    start = np.zeros(values.shape[1] + outside)
    fitted = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 5000}).x
    return (fitted[:-1], float(fitted[-1])) if outside else (fitted, 0.0)
