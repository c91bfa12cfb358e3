"""Train the quote-kind model on PolNeAR's ``tune`` part, deterministically, and write it as arrays.

Reads the ``tune`` articles of ``quotes/polnear`` below the gold root (the ``report`` part is never read here),
parses them (the same cache as ``train_quote_model.py``), runs the stages before quotes and the quote rules, and
labels each quote the rules call direct by the gold content it matches best (word Jaccard >= 0.5, as the scorer
pairs them): ``direct`` when that gold is enclosed in marks, ``other`` when it is a reported clause holding the
fragment or when no gold matches. A logistic regression (scikit-learn, lbfgs: no randomness) over
``dateline.extract.quote_kinds`` features is fitted; the probability below which the stage re-kinds a quote as
mixed is chosen by 3-fold cross-validation on ``tune`` (the direct F1 of the quotes kept direct), then the model
is refitted on all of ``tune`` and written to ``src/dateline/resources/quote_kind_model.npz``.
Usage: python scripts/train_quote_kind_model.py [--output PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from train_quote_model import tune_part
from training import binary_matrix, frequent_features, save_thresholded_model

from dateline.eval.quotes import PARTIAL_JACCARD, Attribution, words
from dateline.extract import quotes
from dateline.extract.quote_kinds import kind_features, may_be_fragment
from dateline.nlp import ParsedArticle
from dateline.resources import Resources, load_resources
from dateline.resources.quote_kind_model import CLASSES, MODEL_PATH, load_quote_kind_model
from dateline.resources.quote_model import text_sha256

MIN_COUNT = 3  # a feature seen on fewer quotes than this is noise
CS = (0.1, 0.3, 1.0)  # inverse L2 strengths the cross-validation chooses among
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
FOLDS = 3
TIE = 0.002


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    tune = tune_part()
    if tune is None:
        return 1
    texts, golds, parsed = tune
    resources = load_resources()
    rows, labels, articles = [], [], []
    fixed, fixed_hits = 0, 0
    for one in parsed:
        features, found, whole, whole_hits = _quoted(one, golds[one.article.id], resources)
        fixed, fixed_hits = fixed + whole, fixed_hits + whole_hits
        rows += features
        labels += found
        articles += [one.article.id] * len(found)
    gold_direct = sum(item.direct for items in golds.values() for item in items)
    y = np.array(labels, dtype=bool)
    print(f"tune: {len(texts)} articles, {len(rows)} rule direct quotes that may be fragments ({int(y.sum())} direct)")
    fold_of = np.array([int(hashlib.sha256(name.encode()).hexdigest(), 16) % FOLDS for name in articles])
    results = {}
    for c in CS:
        held_out = np.zeros(len(rows))
        for fold in range(FOLDS):
            train = np.flatnonzero(fold_of != fold)
            names, coef, intercept = _fit([rows[i] for i in train], y[train], c)
            index = {name: column for column, name in enumerate(names)}
            for i in np.flatnonzero(fold_of == fold):
                score = intercept + sum(coef[index[name]] for name in set(rows[i]) if name in index)
                held_out[i] = 1 / (1 + np.exp(-score))
        for threshold in THRESHOLDS:
            kept = held_out >= threshold
            results[(c, threshold)] = _f1(int((kept & y).sum()) + fixed_hits, int(kept.sum()) + fixed, gold_direct)
            print(f"  C {c}, threshold {threshold:.2f}: direct F1, quotes kept direct {results[c, threshold]:.3f}")
    print(f"  rules alone: direct F1 {_f1(int(y.sum()) + fixed_hits, len(rows) + fixed, gold_direct):.3f}")
    top = max(results.values())
    # Of the settings within TIE of the best, the strongest regularisation and then the lowest threshold (fewer
    # quotes re-kinded).
    c, threshold = min((key for key, value in results.items() if value >= top - TIE), key=lambda key: key)
    print(f"chosen: C {c}, threshold {threshold} ({FOLDS}-fold CV on tune, direct F1 {results[(c, threshold)]:.3f})")
    names, coef, intercept = _fit(rows, y, c)
    save_thresholded_model(
        options.output,
        CLASSES,
        names,
        (coef, intercept),
        threshold,
        f"PolNeAR tune part: {len(texts)} articles, {len(rows)} quotes",
        (text_sha256(text) for text in texts.values()),
    )
    load_quote_kind_model(options.output)  # the file it wrote passes the loader's checks
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e3:.0f} kB, {len(names)} features)")
    return 0


def _quoted(
    parsed: ParsedArticle, gold: list[Attribution], resources: Resources
) -> tuple[list[list[str]], list[bool], int, int]:
    """The features of each quote the rules call direct that may be a fragment, and whether the gold it matches
    best is direct; how many of the others (whole sentences, kept direct) there are, and how many match."""
    finder, drafts = quotes.rule_reading(parsed, resources)
    text = parsed.article.text
    gold_words = [(words(text, item.content), item.direct) for item in gold]
    features, labels = [], []
    fixed = [0, 0]
    for draft in drafts:
        if draft.kind != "direct":
            continue
        found = words(text, [part for part in (draft.content, draft.continuation) if part is not None])
        best, direct = 0.0, False
        for other, enclosed in gold_words:
            union = len(found | other)
            jaccard = len(found & other) / union if union else 0.0
            if jaccard > best:
                best, direct = jaccard, enclosed
        if not may_be_fragment(text, draft.content):
            fixed[0] += 1
            fixed[1] += best >= PARTIAL_JACCARD and direct
            continue
        features.append(
            kind_features(
                finder.doc, text, finder.starts, draft.content, draft.cue, draft.continuation is not None, draft.how
            )
        )
        labels.append(best >= PARTIAL_JACCARD and direct)
    return features, labels, fixed[0], fixed[1]


def _fit(rows: list[list[str]], labels: np.ndarray, c: float) -> tuple[list[str], np.ndarray, float]:
    names = frequent_features(rows, MIN_COUNT)
    matrix = binary_matrix(rows, {name: column for column, name in enumerate(names)})
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, labels)
    return names, model.coef_[0], float(model.intercept_[0])


def _f1(hits: int, predicted: int, gold: int) -> float:
    precision, recall = hits / predicted if predicted else 0.0, hits / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


if __name__ == "__main__":
    sys.exit(main())
