"""Train the framing span tagger on the tune part of PTC, deterministically, and write it as arrays.

Reads only the PTC articles whose ``dateline.eval.split.part_of("ptc", file name)`` is ``tune`` below the gold root
(``framing/ptc``), and writes the split's manifest ``splits/ptc.tsv``. Each article goes through the whole pipeline, so
the lexicon's hits and the quotes stage's voices are features exactly as at run time
(``dateline.extract.framing_spans.token_features``), beside the tokens' GloVe vectors and their nearness to the
lexicon's terms (``framing_model.lexicon_neighbours``, stored with the model). Per technique, a B/I/O logistic
regression (scikit-learn, fixed settings, no randomness) is fitted; the O-class bias that decoding adds and the floor
below which the model overrules a lexicon hit are chosen by 5-fold cross-validation over articles, scoring the stage's
own combination of lexicon and tagger (``dateline.extract.framing.lexicon_technique``); the span F1 at the chosen
settings is printed and stored as the honest tune figure. The final model is fitted on the whole tune part and written
to ``src/dateline/resources/framing_model.npz`` with the sha256 of every file read, so ``dateline eval framing`` can
warn when it scores a file the model has seen.
Usage: python scripts/train_framing_model.py [--output PATH]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.framing import GOLD_SET, Labels, read_ptc, score_predictions, select_part
from dateline.eval.split import write_manifest
from dateline.extract import run_stages
from dateline.extract.framing import lexicon_technique, match_lexicon, tagged_phrase, voice_regions
from dateline.extract.framing_spans import decode, inside_probabilities, scores, token_features
from dateline.model import Span
from dateline.nlp import ParsedArticle, load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.framing_lexicon import LexiconEntry
from dateline.resources.framing_model import (
    MODEL_PATH,
    TAGS,
    FramingModel,
    LexiconNeighbours,
    build_model,
    lexicon_neighbours,
    load_framing_model,
    save_framing_model,
)

# Exaggeration, Doubt and Appeal_to_fear were tried: their spans are clauses, and token features found none of
# them (cross-validated F1 under 0.03 on tune), so the tagger leaves them out.
TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
MIN_COUNT = 2  # a feature seen on fewer training tokens than this is noise
C = 0.15  # inverse L2 strength; 0.5 memorised words (cross-validated F1 fell), 0.05 learned too little
MAX_ITER = 1000
O_BIASES = (-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5)
FLOORS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 1.01)
FOLDS = 5


@dataclass(frozen=True, slots=True)
class Example:
    """One article ready to learn from: its parse, lexicon hits, feature columns and gold B/I/O per technique."""

    article_id: str
    doc: Doc
    hits: list[tuple[LexiconEntry, TokenSpan]]
    columns: dict[str, np.ndarray]
    dense: np.ndarray  # tokens x dense features: word vector and nearness to the lexicon's groups
    tags: np.ndarray  # tokens x techniques, indices into TAGS


def examples_of(parsed: Sequence[ParsedArticle], labels: Labels, neighbours: LexiconNeighbours) -> list[Example]:
    lexicon = load_resources().framing
    examples = []
    for one in parsed:
        regions = [(span, voice) for span, voice, _ in voice_regions(one)]
        hits = list(match_lexicon(one.doc, lexicon))
        columns, dense = token_features(one.doc, hits, regions, neighbours)
        tags = gold_tags(one.doc, labels.get(one.article.id, []))
        examples.append(Example(one.article.id, one.doc, hits, columns, dense, tags))
    return examples


def gold_tags(doc: Doc, spans: Sequence[tuple[str, Span]]) -> np.ndarray:
    """B on the first token a gold span touches, I on the rest; overlapping spans of one technique merge."""
    tags = np.zeros((len(doc), len(TECHNIQUES)), dtype=np.int64)
    starts = np.array([token.idx for token in doc])
    ends = starts + np.array([len(token) for token in doc])
    for column, technique in enumerate(TECHNIQUES):
        merged: list[list[int]] = []
        for span in sorted(span for name, span in spans if name == technique):
            if merged and span.start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], span.end)
            else:
                merged.append([span.start, span.end])
        for start, end in merged:
            touched = np.nonzero((starts < end) & (ends > start) & ~doc.to_array(["IS_SPACE"]).astype(bool))[0]
            if len(touched):
                tags[touched, column] = TAGS.index("I")
                tags[touched[0], column] = TAGS.index("B")
    return tags


def vocabulary(examples: Sequence[Example]) -> list[tuple[str, int, str]]:
    """(template, key, readable name) of every feature seen on at least ``MIN_COUNT`` training tokens, sorted."""
    features = []
    for template in sorted(examples[0].columns):
        keys, counts = np.unique(
            np.concatenate([example.columns[template] for example in examples]), return_counts=True
        )
        strings = examples[0].doc.vocab.strings
        for key, count in zip(keys.tolist(), counts.tolist(), strict=True):
            if key and count >= MIN_COUNT:
                features.append((template, key, f"{template}={_readable(strings, key)}"))
    return features


def _readable(strings: StringStore, key: int) -> str:
    # Conjunction features mix two ids into a number no string hashes to; those keep the number.
    try:
        return strings[key]
    except KeyError:
        return str(key)


def design(examples: Sequence[Example], features: Sequence[tuple[str, int, str]]) -> sparse.csr_matrix:
    """Tokens x (features, then the dense features), built from the same columns the stage scores."""
    index = {(template, key): row for row, (template, key, _) in enumerate(features)}
    blocks = []
    for example in examples:
        rows, cols = [], []
        for template, column in example.columns.items():
            for token, key in enumerate(column.tolist()):
                at = index.get((template, key))
                if at is not None:
                    rows.append(token)
                    cols.append(at)
        binary = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(example.doc), len(features))
        )
        blocks.append(sparse.hstack([binary, sparse.csr_matrix(example.dense)], format="csr"))
    return sparse.vstack(blocks, format="csr")


def fit(
    examples: Sequence[Example],
    o_bias: Sequence[float],
    floor: Sequence[float],
    pipeline: str,
    neighbours: LexiconNeighbours,
) -> tuple[FramingModel, list[tuple[str, int, str]]]:
    """A model fitted on ``examples``: one B/I/O logistic regression per technique; returns it and its features."""
    features = vocabulary(examples)
    matrix = design(examples, features)
    tags = np.concatenate([example.tags for example in examples])
    weights = np.zeros((matrix.shape[1], len(TAGS) * len(TECHNIQUES)), dtype=np.float64)
    intercepts = np.zeros(len(TAGS) * len(TECHNIQUES))
    for column in range(len(TECHNIQUES)):
        classifier = LogisticRegression(C=C, max_iter=MAX_ITER, tol=1e-4)
        classifier.fit(matrix, tags[:, column])
        # A class never seen in this fold keeps weights of zero and a very low intercept.
        block = slice(column * len(TAGS), (column + 1) * len(TAGS))
        intercepts[block] = -30.0
        if len(classifier.classes_) == 2:  # a class unseen in this fold: the binary model scores the other
            weights[:, block.start + classifier.classes_[1]] = classifier.coef_[0]
            intercepts[block.start + classifier.classes_[1]] = classifier.intercept_[0]
            intercepts[block.start + classifier.classes_[0]] = 0.0
            continue
        for position, label in enumerate(classifier.classes_.tolist()):
            weights[:, block.start + label] = classifier.coef_[position]
            intercepts[block.start + label] = classifier.intercept_[position]
    binary, dense = weights[: len(features)], weights[len(features) :]
    model = build_model(TECHNIQUES, features, binary, intercepts, o_bias, floor, pipeline, neighbours, dense)
    return model, features


def stage_phrases(example: Example, model: FramingModel, log_probabilities: np.ndarray) -> list[tuple[str, Span]]:
    """What the framing stage would score for this article: lexicon hits the tagger lets keep a technique, their
    phrases, and the phrases of the tagged spans no hit absorbed (``dateline.extract.framing.extract``, without the
    records)."""
    tagged = decode(example.doc, model, log_probabilities)
    inside = inside_probabilities(model, log_probabilities)
    phrases, claimed = [], set()
    for entry, match in example.hits:
        technique, phrase, _, found = lexicon_technique(entry, match, tagged, inside, model)
        claimed.update(found)
        if technique is not None and phrase is not None:
            phrases.append((technique, phrase))
    phrases.extend((span.technique, tagged_phrase(example.doc, span)) for span in tagged if span not in claimed)
    return phrases


def with_settings(model: FramingModel, o_bias: Sequence[float], floor: Sequence[float]) -> FramingModel:
    return replace(model, o_bias=np.asarray(o_bias, dtype=np.float32), lexicon_floor=np.asarray(floor, np.float32))


def cross_validate(
    examples: Sequence[Example], labels: Labels, pipeline: str, neighbours: LexiconNeighbours
) -> tuple[list[float], list[float], dict]:
    """Out-of-fold log-probabilities for every tune article; per technique, the O bias and lexicon floor whose
    combination with the lexicon scores the best span F1 (the other techniques switched off meanwhile)."""
    folds = [examples[k::FOLDS] for k in range(FOLDS)]
    held_out = []
    unbiased = [0.0] * len(TECHNIQUES)
    for k, fold in enumerate(folds):
        training = [example for j, other in enumerate(folds) if j != k for example in other]
        model, _ = fit(training, unbiased, unbiased, pipeline, neighbours)
        held_out.extend((example, model, scores(model, example.columns, example.dense)) for example in fold)
        print(f"  fold {k + 1}/{FOLDS} fitted", flush=True)
    gold = {example.article_id: labels.get(example.article_id, []) for example in examples}
    biases, floors, figures = [], [], {}
    for column, technique in enumerate(TECHNIQUES):
        best = (-1.0, 0.0, 0.0, {})
        for bias in O_BIASES:
            for floor in FLOORS:
                # The other techniques tag nothing and never overrule: this technique's settings alone.
                o_bias = [bias if other == column else 50.0 for other in range(len(TECHNIQUES))]
                floor_of = [floor if other == column else 0.0 for other in range(len(TECHNIQUES))]
                predicted = {}
                for example, model, log_probabilities in held_out:
                    shifted = log_probabilities.copy()
                    shifted[:, :, 0] += o_bias
                    phrases = stage_phrases(example, with_settings(model, o_bias, floor_of), shifted)
                    predicted[example.article_id] = [(name, span) for name, span in phrases if name == technique]
                metrics = score_predictions(predicted, gold, {technique: frozenset({technique})})[technique]
                if metrics["f1"] > best[0]:
                    best = (metrics["f1"], bias, floor, metrics)
        biases.append(best[1])
        floors.append(best[2])
        figures[technique] = best[3]
        print(f"  {technique:24} O bias {best[1]:+.2f}, floor {best[2]:.2f}: CV {_row(best[3])}", flush=True)
    return biases, floors, figures


def _row(metrics: dict) -> str:
    return f"P {metrics['precision']:.3f} R {metrics['recall']:.3f} F1 {metrics['f1']:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    gold = gold_root() / "framing" / "ptc"
    if not (gold / "articles").is_dir():
        print(f"no PTC articles below {gold}: nothing to train on")
        return 1
    articles, labels = read_ptc(gold)
    write_manifest(GOLD_SET, [Path(article.origin).name for article in articles])  # splits/ptc.tsv, for review
    tune = select_part(articles, "tune")
    settings = settings_from_env()
    nlp = load_pipeline(settings.spacy_model)
    resources = load_resources()
    parsed = [ParsedArticle(one.article, one.doc, run_stages(one, resources).records) for one in parse(tune, nlp)]
    neighbours = lexicon_neighbours(resources.framing)
    examples = examples_of(parsed, labels, neighbours)
    print(f"{len(examples)} tune articles, {sum(len(e.doc) for e in examples)} tokens; {FOLDS}-fold CV:", flush=True)
    o_bias, floor, figures = cross_validate(examples, labels, settings.spacy_model, neighbours)
    model, features = fit(examples, o_bias, floor, settings.spacy_model, neighbours)
    files = sorted(Path(article.origin) for article in tune)
    files += [gold / "labels" / f"article{article.id}.task2-TC.labels" for article in tune]
    described = f"PTC tune part ({len(tune)} articles), {len(features)} features; CV " + "; ".join(
        f"{technique} {_row(metrics)}" for technique, metrics in figures.items()
    )
    save_framing_model(model, features, options.output, sorted(files), described)
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(features)} features)")
    load_framing_model(options.output)  # the file it wrote passes the loader's checks
    return 0


if __name__ == "__main__":
    sys.exit(main())
