"""Train the happening detector, deterministically, and write it as arrays.

Reads ``dateline.eval.happening.training_examples``: ACLED coder notes and NGEC opening sentences (happenings),
the clauses labelled by hand in ``scripts/happening_clauses.tsv``, and the ``tune`` parts of PentaClass,
CASE-2021, event_location and the India police-events corpus. Each example's clause is parsed and turned into
features by ``dateline.extract.happening.clause_features``; a logistic regression (scikit-learn, fixed settings,
no randomness) learns them, each class weighted to the same total. Five-fold cross-validation, grouped by record,
gives held-out scores: a Platt scaling fitted on them calibrates the model's probabilities, then they print
accuracy and a reliability table and choose the gate's threshold (the highest that still keeps
``KEEP_POSITIVES`` of the happenings); then the model is fitted on all, scaled, and written to
``src/dateline/resources/happening_model.npz``. Usage: python scripts/train_happening_model.py [--parse-cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from training import binary_matrix, binary_model_arrays, frequent_features

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.happening import (
    INDIA_POLICE_EVENTS,
    Example,
    clause_of,
    india_documents,
    reliability_table,
    training_examples,
    training_files,
)
from dateline.eval.split import write_manifest
from dateline.extract.happening import clause_features
from dateline.nlp import load_pipeline
from dateline.resources.events import load_event_lexicon
from dateline.resources.happening_model import CLASSES, MODEL_PATH, load_happening_model

MIN_EXAMPLES = 3  # a feature seen in fewer training clauses than this is noise
REGULARISATION = 0.5  # scikit-learn's C
FOLDS = 5
# The gate may drop at most one happening in twenty of any source (cross-validated): it is a veto; the confidence
# does the rest.
KEEP_POSITIVES = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parse-cache", type=Path, help="keep the parses here to retrain without reparsing")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    root = gold_root()
    if not (root / "acled" / "train" / "acled_notes.jsonl.gz").exists():
        print(f"no training data below {root}: nothing to train on")
        return 1
    write_manifest(INDIA_POLICE_EVENTS, india_documents(root))  # the one split not written by write_splits.py
    examples = training_examples(root)
    features = features_of(examples, options.parse_cache)
    labels = np.array([example.happening for example in examples])
    weights = balanced_weights(examples)
    folds = np.array([_fold(example) for example in examples])
    predicted = np.zeros(len(examples))
    for fold in range(FOLDS):
        names, coef, intercept = fit(features, labels, weights, folds != fold)
        predicted[folds == fold] = predict(features, folds == fold, names, coef, intercept)
    slope, shift = platt(predicted, labels)
    predicted = 1 / (1 + np.exp(-(slope * _logit(predicted) + shift)))
    threshold = report_cross_validation(examples, labels, predicted)
    names, coef, intercept = fit(features, labels, weights, np.ones(len(examples), dtype=bool))
    coef, intercept = coef * slope, intercept * slope + shift
    files = [path for path in training_files(root) if path.exists()]
    counts = ", ".join(f"{source} {sum(e.source == source for e in examples)}" for source in _sources(examples))
    np.savez_compressed(
        options.output,
        classes=np.array(CLASSES),
        features=np.array(names),
        **binary_model_arrays(coef, intercept),
        threshold=np.array(threshold),
        trained_on=np.array(f"clauses: {counts}; tune parts only of the scored sets"),
        training_sha256=np.array([hashlib.sha256(path.read_bytes()).hexdigest() for path in files]),
    )
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(names)} features)")
    load_happening_model(options.output)  # the file it wrote passes the loader's checks
    return 0


def features_of(examples: list[Example], cache: Path | None) -> list[list[str]]:
    nlp = load_pipeline(settings_from_env().spacy_model)
    docs = parses(nlp, [example.text for example in examples], cache)
    lexicon = load_event_lexicon()
    rows = []
    for example in examples:
        sentence, head, reading = clause_of(docs[example.text], example, lexicon)
        rows.append(clause_features(head, sentence, reading))
    return rows


def parses(nlp: Language, texts: list[str], cache: Path | None) -> dict[str, Doc]:
    """Each distinct text's parse; with a cache folder, only texts it does not hold yet are parsed."""
    docs: dict[str, Doc] = {}
    stored, names = (cache / "happening.spacy", cache / "happening.json") if cache else (None, None)
    if stored is not None and names is not None and stored.exists() and names.exists():
        kept = json.loads(names.read_text(encoding="utf-8"))
        docs.update(zip(kept, DocBin().from_disk(stored).get_docs(nlp.vocab), strict=True))
    missing = sorted({text for text in texts if text not in docs})
    docs.update(zip(missing, nlp.pipe(missing, batch_size=64), strict=True))
    if stored is not None and names is not None and missing:
        stored.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=list(docs.values())).to_disk(stored)
        names.write_text(json.dumps(list(docs)), encoding="utf-8")
    return docs


def balanced_weights(examples: list[Example]) -> np.ndarray:
    """Each example's own weight, scaled so both classes weigh the same in total."""
    weights = np.array([example.weight for example in examples])
    labels = np.array([example.happening for example in examples])
    for label in (True, False):
        weights[labels == label] *= len(examples) / 2 / weights[labels == label].sum()
    return weights


def fit(
    features: list[list[str]], labels: np.ndarray, weights: np.ndarray, rows: np.ndarray
) -> tuple[list[str], np.ndarray, float]:
    """Feature names, one weight per feature (toward ``happening``) and the intercept, fitted on ``rows``."""
    names = frequent_features((features[row] for row in np.flatnonzero(rows)), MIN_EXAMPLES)
    columns = {name: col for col, name in enumerate(names)}
    matrix = binary_matrix([features[row] for row in np.flatnonzero(rows)], columns)
    classifier = LogisticRegression(C=REGULARISATION, max_iter=3000)
    classifier.fit(matrix, labels[rows], sample_weight=weights[rows])
    return names, classifier.coef_[0], float(classifier.intercept_[0])


def predict(features: list[list[str]], rows: np.ndarray, names: list[str], coef: np.ndarray, intercept: float):
    index = {name: column for column, name in enumerate(names)}
    scores = [
        intercept + sum(coef[index[name]] for name in set(features[row]) if name in index)
        for row in np.flatnonzero(rows)
    ]
    return 1 / (1 + np.exp(-np.array(scores)))


def platt(predicted: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Slope and shift that map the cross-validated scores to observed frequencies (Platt scaling): balancing the
    classes for training moves every probability toward the rarer class, and this moves it back."""
    scaler = LogisticRegression(C=1e6, max_iter=1000)
    scaler.fit(_logit(predicted).reshape(-1, 1), labels)
    return float(scaler.coef_[0][0]), float(scaler.intercept_[0])


def _logit(predicted: np.ndarray) -> np.ndarray:
    clipped = np.clip(predicted, 1e-6, 1 - 1e-6)
    return np.log(clipped / (1 - clipped))


def report_cross_validation(examples: list[Example], labels: np.ndarray, predicted: np.ndarray) -> float:
    """Print the cross-validated figures and return the gate's threshold chosen from them."""
    print(f"{FOLDS}-fold cross-validation over {len(examples)} clauses (grouped by record)")
    for source in _sources(examples):
        rows = np.array([example.source == source for example in examples])
        right = ((predicted[rows] >= 0.5) == labels[rows]).mean()
        print(f"  {source:22} n={rows.sum():5}  happenings {labels[rows].mean():.2f}  accuracy {right:.3f}")
    print(reliability_table(labels, predicted))
    # Each source's happenings are kept at that rate: pooled, the easy ACLED notes would set it for all.
    quantiles = []
    for source in _sources(examples):
        kept = np.sort(predicted[labels & np.array([example.source == source for example in examples])])
        if len(kept):
            quantiles.append(float(kept[int((1 - KEEP_POSITIVES) * len(kept))]))
    threshold = min(quantiles)
    dropped = (predicted[~labels] < threshold).mean()
    print(
        f"threshold {threshold:.3f}: keeps {KEEP_POSITIVES:.0%} or more of each source's happenings, "
        f"drops {dropped:.1%} of the others"
    )
    return round(threshold, 3)


def _fold(example: Example) -> int:
    digest = hashlib.sha256(f"{example.source}\x1f{example.record.split(':')[0]}".encode()).digest()
    return digest[0] % FOLDS


def _sources(examples: list[Example]) -> list[str]:
    return sorted({example.source for example in examples})


if __name__ == "__main__":
    sys.exit(main())
