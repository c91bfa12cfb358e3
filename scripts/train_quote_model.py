"""Train the attribution tagger on PolNeAR's ``tune`` part, deterministically, and write it as arrays.

Reads ``quotes/polnear/{train,dev}`` below the gold root, keeps the articles ``dateline.eval.split`` puts in
``tune`` (the ``report`` part is never read here; ``splits/polnear.tsv`` lists both), parses them once (cached in
the dateline cache folder), runs the stages before quotes and the quote rules, and labels every token from the
gold: content, cue and source as BIO. A logistic regression (scikit-learn, lbfgs: no randomness) over the feature
keys of ``dateline.extract.quote_tagger`` is fitted and written to ``src/dateline/resources/quote_model.npz`` with
the sha256 of every training text. ``--folds K`` first prints a K-fold cross-validation inside ``tune`` with the
strict scorer: the figure to choose settings by. Needs the ``train`` extra (scikit-learn).
Usage: python scripts/train_quote_model.py [--output PATH] [--folds K] [--c C]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.quotes import GOLD_SET, Attribution, from_quote, read_polnear, score_predictions
from dateline.eval.split import TUNE, write_manifest
from dateline.extract import STAGES, quotes
from dateline.extract.quote_tagger import ROLES
from dateline.model import Article
from dateline.nlp import ParsedArticle, load_pipeline, parse
from dateline.resources import Resources, load_resources
from dateline.resources.gazetteer import cache_dir
from dateline.resources.quote_model import LABELS, MODEL_PATH, QuoteModel, save_quote_model

MIN_COUNT = 2  # a feature key seen on fewer training tokens than this is noise
C = 0.5  # inverse L2 strength, chosen by --folds on tune
MAX_ITER = 200
# Inner roles win where spans overlap (a nested attribution's cue inside another's content keeps its cue).
ROLE_ORDER = ("content", "source", "cue")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=0, help="print a K-fold cross-validation on tune first")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    options = parser.parse_args()
    root = gold_root() / "quotes" / "polnear"
    if not root.is_dir():
        print(f"no PolNeAR gold at {root}: nothing to train on")
        return 1
    names = sorted(path.stem for path in root.glob("*/text/*.txt"))
    print(f"split manifest: {write_manifest(GOLD_SET, names)}")
    texts, golds = read_polnear(root, TUNE)
    resources = load_resources()
    parsed = [_before_quotes(one, resources) for one in _parsed(texts)]
    print(f"tune: {len(texts)} articles, {sum(len(g) for g in golds.values())} attributions")
    rows = [_rows(one, golds[one.article.id], resources) for one in parsed]
    if options.folds:
        _cross_validate(parsed, rows, golds, texts, resources, options.folds, options.c)
    keys, weights, intercepts = fit(rows, options.c)
    save_quote_model(options.output, keys, weights, intercepts, texts)
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(keys)} feature keys)")
    return 0


def _parsed(texts: dict[str, str]) -> list[ParsedArticle]:
    """The tune articles parsed by the configured pipeline, from the cache when the same texts were parsed."""
    model = settings_from_env().spacy_model
    digest = hashlib.sha256("".join(f"{name}\0{texts[name]}\0" for name in sorted(texts)).encode()).hexdigest()
    path = cache_dir() / f"polnear-tune-{model}-{digest[:16]}.spacy"
    nlp = load_pipeline(model)
    articles = [Article(id=name, text=texts[name], origin=name) for name in sorted(texts)]
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        return [ParsedArticle(article, doc) for article, doc in zip(articles, docs, strict=True)]
    parsed = list(parse(articles, nlp))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=[one.doc for one in parsed], store_user_data=False).to_disk(path)
    return parsed


def _before_quotes(parsed: ParsedArticle, resources: Resources) -> ParsedArticle:
    for name, stage in STAGES:
        if name == "quotes":
            break
        parsed = replace(parsed, records=parsed.records + tuple(stage(parsed, resources)))
    return parsed


def _rows(parsed: ParsedArticle, gold: list[Attribution], resources: Resources) -> tuple[np.ndarray, np.ndarray]:
    """One article's feature keys and gold labels, token by token."""
    finder, drafts = quotes.rule_reading(parsed, resources)
    keys = quotes.tagger_keys(finder, drafts, resources)
    starts = np.array([token.idx for token in parsed.doc], dtype=np.int64)
    labels = np.zeros(len(starts), dtype=np.int64)
    for role in ROLE_ORDER:
        begin, inside = ROLES[role]
        for item in gold:
            for span in {"content": item.content, "source": item.speaker, "cue": item.cue}[role]:
                low, high = np.searchsorted(starts, [span.start, span.end])
                while low < high and parsed.doc[low].is_space:
                    low += 1
                if high > low:
                    labels[low:high] = inside
                    labels[low] = begin
    return keys, labels


def fit(rows: list[tuple[np.ndarray, np.ndarray]], c: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature keys, their weights (keys x labels) and intercepts of a logistic regression on the rows."""
    keys = np.concatenate([one for one, _ in rows])
    labels = np.concatenate([one for _, one in rows])
    vocabulary, counts = np.unique(keys, return_counts=True)
    vocabulary = vocabulary[counts >= MIN_COUNT]
    columns = np.searchsorted(vocabulary, keys)
    known = vocabulary[np.minimum(columns, len(vocabulary) - 1)] == keys
    row_index = np.repeat(np.arange(len(keys)), keys.shape[1]).reshape(keys.shape)
    matrix = csr_matrix(
        (np.ones(int(known.sum()), dtype=np.float32), (row_index[known], columns[known])),
        shape=(len(keys), len(vocabulary)),
    )
    model = LogisticRegression(C=c, max_iter=MAX_ITER, tol=1e-4)
    model.fit(matrix, labels)
    weights = np.zeros((len(vocabulary), len(LABELS)), dtype=np.float32)
    intercepts = np.full(len(LABELS), -30.0, dtype=np.float32)
    weights[:, model.classes_] = model.coef_.T
    intercepts[model.classes_] = model.intercept_
    return vocabulary, weights, intercepts


def _cross_validate(
    parsed: list[ParsedArticle],
    rows: list[tuple[np.ndarray, np.ndarray]],
    golds: dict[str, list[Attribution]],
    texts: dict[str, str],
    resources: Resources,
    folds: int,
    c: float,
) -> None:
    """Strict figures of the rules alone and of the tagger, each article scored by a model that never saw it."""
    fold_of = [int(hashlib.sha256(one.article.id.encode()).hexdigest(), 16) % folds for one in parsed]
    predicted: dict[str, dict[str, list[Attribution]]] = {"rules": {}, "tagger": {}}
    rules_only = replace(resources, quote_model=QuoteModel())
    for fold in range(folds):
        train = [row for row, number in zip(rows, fold_of, strict=True) if number != fold]
        keys, weights, intercepts = fit(train, c)
        padded = np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)])
        with_model = replace(resources, quote_model=QuoteModel(keys, padded, intercepts))
        for one, number in zip(parsed, fold_of, strict=True):
            if number != fold:
                continue
            for system, used in (("rules", rules_only), ("tagger", with_model)):
                found = quotes.extract(one, used)
                predicted[system][one.article.id] = [
                    from_quote(quote) for quote in found if quote.kind not in ("chant", "title", "scare")
                ]
        print(f"fold {fold + 1}/{folds} done", flush=True)
    for system, by_article in predicted.items():
        metrics = score_predictions(by_article, golds, texts)
        print(f"{folds}-fold CV on tune, {system}, C={c}:")
        for bucket in ("direct", "indirect", "all"):
            figures = metrics[bucket]
            print(
                f"  {bucket:<9} P {figures['strict_precision']:.3f}  R {figures['strict_recall']:.3f}  "
                f"F1 {figures['strict_f1']:.3f}  speaker {figures['strict_speaker_accuracy']:.3f}  "
                f"cue {figures['strict_cue_accuracy']:.3f}  (gold {figures['n_gold']}, pred {figures['n_pred']})"
            )


if __name__ == "__main__":
    sys.exit(main())
