"""Train the attribution tagger on PolNeAR's ``tune`` part, deterministically, and write it as arrays.

Reads ``quotes/polnear/{train,dev}`` below the gold root, keeps the articles ``dateline.eval.split`` puts in
``tune`` (the ``report`` part is never read here; ``splits/polnear.tsv`` lists both), parses them once (cached in
the dateline cache folder), runs the stages before quotes and the quote rules, and labels every token from the
gold: content, cue and source as BIO. A logistic regression (scikit-learn, lbfgs: no randomness) over the feature
keys of ``dateline.extract.quote_tagger`` is fitted and written to ``src/dateline/resources/quote_model.npz`` with
the sha256 of every training text. ``--folds K`` first prints a K-fold cross-validation inside ``tune`` with the
strict scorer, the tagger and the chooser both fitted per fold, overall and fold by fold: the figure to choose settings
by. The candidate chooser (``attribution_model.npz``) reads the
tagger's probabilities as features; it is fitted on probabilities from taggers that did not see the article
(3 folds), as the shipped tagger's are on any text it scores. Needs the ``train`` extra (scikit-learn).
``--fold-seed N`` draws that cross-validation's folds anew (0: the folds ``make train-quotes`` fits by), so a change
can be judged by its mean over several draws. Usage: python scripts/train_quote_model.py [--output PATH] [--folds K]
[--fold-seed N] [--c C]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, vstack
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc, DocBin
from training import binary_matrix, binary_model_arrays, frequent_features

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.quotes import (
    GOLD_SET,
    NOT_ATTRIBUTIONS,
    Attribution,
    from_quote,
    read_polnear,
    score_predictions,
    words,
)
from dateline.eval.split import TUNE, write_manifest
from dateline.extract import STAGES, quote_candidates, quotes
from dateline.extract.quote_tagger import ROLES, normalised
from dateline.model import Article, Span
from dateline.nlp import ParsedArticle, load_pipeline, parse
from dateline.resources import Resources, load_resources
from dateline.resources.attribution_model import CLASSES as ATTRIBUTION_CLASSES
from dateline.resources.attribution_model import MODEL_PATH as ATTRIBUTION_PATH
from dateline.resources.attribution_model import AttributionModel, load_attribution_model
from dateline.resources.cache import cache_dir
from dateline.resources.quote_model import LABELS, MODEL_PATH, QuoteModel, save_quote_model, text_sha256

MIN_COUNT = 2  # a feature key seen on fewer training tokens than this is noise
C = 0.5  # inverse L2 strength, chosen by --folds on tune
MAX_ITER = 200
# Inner roles win where spans overlap (a nested attribution's cue inside another's content keeps its cue).
ROLE_ORDER = ("content", "source", "cue")
# The candidate chooser: features seen fewer times than this are dropped; its inverse L2 strength; the folds and
# thresholds its cross-validation on tune chooses among.
ATTRIBUTION_MIN_COUNT = 3
# 0.1 over 0.3: with the chooser fitted per fold too (not the shipped one), 5-fold CV on tune gave indirect F1 0.610
# against 0.608 (1.0: 0.600), and 0.614 with the nearest lexicon verb's features beside it, on every fold.
ATTRIBUTION_C = 0.1
ATTRIBUTION_FOLDS = 3
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
TIE = 0.005


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=0, help="print a K-fold cross-validation on tune first")
    parser.add_argument("--fold-seed", type=int, default=0, help="draw the --folds folds anew (0: as fitted)")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    parser.add_argument("--attribution-output", type=Path, default=ATTRIBUTION_PATH)
    options = parser.parse_args()
    tune = tune_part(manifest=True)
    if tune is None:
        return 1
    texts, golds, parsed = tune
    resources = load_resources()
    print(f"tune: {len(texts)} articles, {sum(len(g) for g in golds.values())} attributions")
    rows = [_rows(one, golds[one.article.id], resources) for one in parsed]
    if options.folds:
        _cross_validate(parsed, rows, golds, texts, resources, options.folds, options.c, options.fold_seed)
    keys, weights, intercepts = fit(rows, options.c)
    save_quote_model(options.output, keys, weights, intercepts, texts)
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(keys)} feature keys)")
    tagged = cross_fitted(parsed, rows, options.c)
    train_attribution_model(parsed, golds, texts, resources, options.attribution_output, tagged)
    return 0


def tune_part(
    manifest: bool = False,
) -> tuple[dict[str, str], dict[str, list[Attribution]], list[ParsedArticle]] | None:
    """PolNeAR's tune texts, their gold and their parses through the stages before quotes (None, said, without the
    gold); ``manifest`` rewrites the split's manifest first."""
    root = gold_root() / "quotes" / "polnear"
    if not root.is_dir():
        print(f"no PolNeAR gold at {root}: nothing to train on")
        return None
    if manifest:
        names = sorted(path.stem for path in root.glob("*/text/*.txt"))
        print(f"split manifest: {write_manifest(GOLD_SET, names)}")
    texts, golds = read_polnear(root, TUNE)
    resources = load_resources()
    return texts, golds, [_before_quotes(one, resources) for one in _parsed(texts)]


def cross_fitted(parsed: list[ParsedArticle], rows: list[tuple[np.ndarray, np.ndarray]], c: float) -> list[np.ndarray]:
    """Each article's tagger log probabilities from a tagger fitted on the other folds: the chooser learns how
    far to trust the tagger on text it never saw, as it will be at run time."""
    fold_of = [_fold(one.article.id, ATTRIBUTION_FOLDS) for one in parsed]
    tagged: list[np.ndarray] = [np.zeros((0, len(LABELS)))] * len(parsed)
    for fold in range(ATTRIBUTION_FOLDS):
        keys, weights, intercepts = fit([row for row, n in zip(rows, fold_of, strict=True) if n != fold], c)
        padded = np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)])
        model = QuoteModel(keys, padded, intercepts)
        for number in (n for n, one in enumerate(fold_of) if one == fold):
            scores = model.scores(rows[number][0])
            tagged[number] = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
        print(f"tagger fold {fold + 1}/{ATTRIBUTION_FOLDS} fitted for the chooser's features", flush=True)
    return tagged


def train_attribution_model(
    parsed: list[ParsedArticle],
    golds: dict[str, list[Attribution]],
    texts: dict[str, str],
    resources: Resources,
    output: Path,
    tagged: list[np.ndarray],
) -> None:
    """Fit the candidate chooser, choose its threshold by cross-validation on tune, and write it; ``tagged``
    holds each article's cross-fitted tagger log probabilities."""
    articles = [
        _candidate_rows(one, golds[one.article.id], resources, tags) for one, tags in zip(parsed, tagged, strict=True)
    ]
    fold_of = np.array([_fold(one.article.id, ATTRIBUTION_FOLDS) for one in parsed])
    held_out: list[np.ndarray] = [np.zeros(0)] * len(articles)
    for fold in range(ATTRIBUTION_FOLDS):
        names, coef, intercept = _fit_attribution([a for a, n in zip(articles, fold_of, strict=True) if n != fold])
        index = {name: column for column, name in enumerate(names)}
        for number in np.flatnonzero(fold_of == fold):
            held_out[number] = _probabilities(articles[number], index, coef, intercept)
    print(f"attribution candidates: {sum(len(a.candidates) for a in articles)}, {ATTRIBUTION_FOLDS}-fold CV on tune:")
    f1 = {threshold: _chosen_f1(articles, held_out, threshold, texts) for threshold in THRESHOLDS}
    # F1 is flat near its top: of the thresholds within TIE of the best, the highest (fewer, surer attributions).
    best = max(threshold for threshold in THRESHOLDS if f1[threshold] >= max(f1.values()) - TIE)
    print(f"threshold {best}")
    names, coef, intercept = _fit_attribution(articles)
    np.savez_compressed(
        output,
        classes=np.array(ATTRIBUTION_CLASSES),
        features=np.array(names),
        **binary_model_arrays(coef, intercept),
        threshold=np.array(best),
        trained_on=np.array(f"PolNeAR tune part: {len(articles)} articles"),
        training_sha256=np.array(sorted(text_sha256(text) for text in texts.values())),
    )
    load_attribution_model(output)  # the file it wrote passes the loader's checks
    print(f"wrote {output} ({output.stat().st_size / 1e6:.2f} MB, {len(names)} features)")


@dataclass(frozen=True)
class _Candidates:
    """One article's candidates, their features and how well each matches an indirect gold content: the greatest
    word Jaccard with one (0 for none)."""

    name: str
    doc: Doc
    candidates: list[quote_candidates.Candidate]
    features: list[list[str]]
    overlaps: np.ndarray
    gold: list[Attribution]


def _candidate_rows(
    parsed: ParsedArticle, gold: list[Attribution], resources: Resources, tagged: np.ndarray
) -> _Candidates:
    finder, drafts = quotes.rule_reading(parsed, resources)
    ruled = {draft.cue.i: draft.kind for draft in drafts if draft.cue is not None}
    doc, text = parsed.doc, parsed.article.text
    indirect = [item for item in gold if not item.direct]
    gold_words = [words(text, item.content) for item in indirect]
    found = quote_candidates.candidates(doc)
    parts = quote_candidates.feature_parts(doc, found, resources.quote_cues, finder.inside, ruled, tagged)
    named = quote_candidates.features_of(parts, found)
    overlaps = np.array([_overlap(words(text, [_span(doc, one)]), gold_words) for one in found], dtype=np.float64)
    return _Candidates(parsed.article.id, doc, found, named, overlaps, indirect)


def _span(doc: Doc, candidate: quote_candidates.Candidate) -> Span:
    return Span(doc[candidate.low].idx, doc[candidate.high].idx + len(doc[candidate.high]))


def _overlap(found: frozenset[int], gold_words: list[frozenset[int]]) -> float:
    return max((len(found & gold) / len(found | gold) for gold in gold_words if found | gold), default=0.0)


def _fit_attribution(articles: list[_Candidates]) -> tuple[list[str], np.ndarray, float]:
    """The chooser's features and weights. Each candidate is learned as an attribution in proportion to its word
    Jaccard with the gold content it best matches, and as none in proportion to the rest (a soft label): of a cue's
    complements, the one nearer the gold's extent learns to score higher, where a match at Jaccard 0.5 had taught
    a near miss and a whole match alike, and a miss at 0.49 like one sharing no word."""
    rows = [row for article in articles for row in article.features]
    overlaps = np.concatenate([article.overlaps for article in articles])
    names = frequent_features(rows, ATTRIBUTION_MIN_COUNT)
    matrix = binary_matrix(rows, {name: column for column, name in enumerate(names)})
    weights = np.concatenate([overlaps, 1 - overlaps])
    kept = weights > 0
    labels = np.repeat([True, False], len(overlaps))
    model = LogisticRegression(C=ATTRIBUTION_C, max_iter=3000)
    model.fit(vstack([matrix, matrix]).tocsr()[kept], labels[kept], sample_weight=weights[kept])
    return names, model.coef_[0], float(model.intercept_[0])


def _probabilities(article: _Candidates, index: dict[str, int], coef: np.ndarray, intercept: float) -> np.ndarray:
    scores = [intercept + sum(coef[index[name]] for name in set(row) if name in index) for row in article.features]
    return 1 / (1 + np.exp(-np.array(scores)))


def _chosen_f1(
    articles: list[_Candidates], held_out: list[np.ndarray], threshold: float, texts: dict[str, str]
) -> float:
    """Indirect F1 of the candidates alone at a threshold, decoded as the stage decodes them, strictly scored."""
    predicted, gold = {}, {}
    for article, probabilities in zip(articles, held_out, strict=True):
        scored = list(zip(article.candidates, probabilities.tolist(), strict=True))
        kept = [_span(article.doc, candidate) for candidate, _ in quote_candidates.chosen(scored, threshold)]
        predicted[article.name] = [Attribution((span,), (), (), False) for span in kept]
        gold[article.name] = article.gold
    figures = score_predictions(predicted, gold, texts)["indirect"]
    print(
        f"  threshold {threshold:.2f}: candidates alone, indirect P {figures['strict_precision']:.3f}  "
        f"R {figures['strict_recall']:.3f}  F1 {figures['strict_f1']:.3f}"
    )
    return float(figures["strict_f1"])


def _fold(name: str, folds: int, seed: int = 0) -> int:
    """The fold of an article, by a hash of its name (and of ``seed``, when not 0: another draw of the folds)."""
    key = f"{seed}\0{name}" if seed else name
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


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
    seed: int = 0,
) -> None:
    """Strict figures of the rules alone and of the whole stage, each article scored by a tagger and a chooser
    that never saw it. (The shipped chooser was fitted on all of tune: scored with it, the folds read 0.68 indirect F1
    where the held-out chooser reads 0.61, as the report part does.)"""
    fold_of = [_fold(one.article.id, folds, seed) for one in parsed]
    taggers, tagged = held_out_tagging(rows, fold_of, folds, c)
    # The chooser reads each training article's probabilities from the fold's tagger that did not see it.
    articles = [
        _candidate_rows(one, golds[one.article.id], resources, tags) for one, tags in zip(parsed, tagged, strict=True)
    ]
    predicted: dict[str, dict[str, list[Attribution]]] = {"rules": {}, "stage": {}}
    rules_only = replace(resources, quote_model=QuoteModel(), attribution_model=AttributionModel())
    for fold in range(folds):
        chooser = _fold_chooser(
            [one for one, number in zip(articles, fold_of, strict=True) if number != fold], resources
        )
        with_models = replace(resources, quote_model=taggers[fold], attribution_model=chooser)
        for one in (one for one, number in zip(parsed, fold_of, strict=True) if number == fold):
            for system, used in (("rules", rules_only), ("stage", with_models)):
                found = quotes.extract(one, used)
                predicted[system][one.article.id] = [
                    from_quote(quote) for quote in found if quote.kind not in NOT_ATTRIBUTIONS
                ]
        print(f"fold {fold + 1}/{folds} scored", flush=True)
    for system, by_article in predicted.items():
        # Each fold's indirect figure too: a change is judged fold by fold against the same articles.
        per_fold = []
        for fold in range(folds):
            names = [one.article.id for one, number in zip(parsed, fold_of, strict=True) if number == fold]
            part = score_predictions({name: by_article[name] for name in names}, {n: golds[n] for n in names}, texts)
            per_fold.append(f"{part['indirect']['strict_f1']:.3f}")
        print(f"{system}: indirect F1 per fold {' '.join(per_fold)}")
        metrics = score_predictions(by_article, golds, texts)
        print(f"{folds}-fold CV on tune (fold seed {seed}), {system}, C={c}:")
        for bucket in ("direct", "indirect", "all"):
            figures = metrics[bucket]
            print(
                f"  {bucket:<9} P {figures['strict_precision']:.3f}  R {figures['strict_recall']:.3f}  "
                f"F1 {figures['strict_f1']:.3f}  speaker {figures['strict_speaker_accuracy']:.3f}  "
                f"cue {figures['strict_cue_accuracy']:.3f}  (gold {figures['n_gold']}, pred {figures['n_pred']})"
            )


def held_out_tagging(
    rows: list[tuple[np.ndarray, np.ndarray]], fold_of: list[int], folds: int, c: float
) -> tuple[list[QuoteModel], list[np.ndarray]]:
    """Per fold, the tagger fitted on the other folds; and each article's tag probabilities from the one that did
    not see it."""
    taggers, tagged = [], [np.zeros((0, len(LABELS)))] * len(rows)
    for fold in range(folds):
        keys, weights, intercepts = fit([row for row, number in zip(rows, fold_of, strict=True) if number != fold], c)
        taggers.append(QuoteModel(keys, np.vstack([weights, np.zeros((1, len(LABELS)), dtype=np.float32)]), intercepts))
        for number in (number for number, one in enumerate(fold_of) if one == fold):
            tagged[number] = normalised(taggers[fold].scores(rows[number][0]))
        print(f"tagger fold {fold + 1}/{folds} fitted", flush=True)
    return taggers, tagged


def _fold_chooser(articles: list[_Candidates], resources: Resources) -> AttributionModel:
    """The chooser fitted on ``articles``, at the shipped threshold, read back as the stage reads it."""
    names, coef, intercept = _fit_attribution(articles)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "attribution_model.npz"
        np.savez_compressed(
            path,
            classes=np.array(ATTRIBUTION_CLASSES),
            features=np.array(names),
            **binary_model_arrays(coef, intercept),
            threshold=np.array(resources.attribution_model.threshold),
            trained_on=np.array("a cross-validation fold of PolNeAR tune"),
            training_sha256=np.array([], dtype=str),
        )
        return load_attribution_model(path)


if __name__ == "__main__":
    sys.exit(main())
