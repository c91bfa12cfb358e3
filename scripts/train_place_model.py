"""Train the event place chooser on the tune part of the event-location gold, deterministically, and write it.

Reads only the ``tune`` part (``splits/event_location.tsv``) of ``events/event_location/event_location.jsonl``
below the gold root. Each sentence runs through the pipeline up to the actors and places stages (no event model is
involved: the anchor is the annotated verb); its choices are every place it names, right when it overlaps or names
a gold location, and "none", right when the gold states no place. A conditional logit (a softmax over one
sentence's choices, L2-penalised, fitted by L-BFGS from zero: no randomness) learns one weight per feature of
``dateline.extract.event_place.place_features`` and a score for "none": the places of a sentence compete with each
other and with "none", where a logistic regression per place learnt each alone against one threshold. The model
file keeps the logistic form the chooser reads: a place's probability is that of it against "none" (the score of
"none" is the negated intercept), and the threshold it must reach is chosen by a 5-fold cross-validation inside the
tune part (folds by sentence text: the gold annotates other verbs of one sentence in other rows, and the
split keeps them in one part), to make the most sentences right, a sentence that states no place counting as right
when nothing is chosen. The model is written to ``src/dateline/resources/place_model.npz`` with the sha256 of the
file it read. The report part is never read here: ``benchmarks/when_where.py`` scores it.
``--fold-seed K`` (K > 0) scores the cross-validation on another assignment of texts to folds (each text by a salted
hash), to tell a change of the chooser from the luck of one assignment; the model written is the same.
Usage: python scripts/train_place_model.py [--output PATH] [--fold-seed K]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from training import conditional_logit

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.split import TUNE
from dateline.eval.when_where import event_location_rows
from dateline.extract import run_stages_through
from dateline.extract.event_place import place_features, sentence_places
from dateline.model import Article, Mention, Place, Quote, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import Resources
from dateline.resources.gazetteer import load_gazetteer
from dateline.resources.place_model import MODEL_PATH, PlaceModel, load_place_model, place_model_of, save_place_model

FOLDS = 5
C = 1.0  # the L2 penalty's inverse weight; 0.5 to 2 scored alike in the cross-validation
# The lexical indicators (the act's lemma and its pairs, the word a place qualifies, the dependency path) are
# penalised less: each is seen in few sentences, and held to the others' penalty they were shrunk below what they
# tell (2.25 times C, as if scaled by 1.5: tune CV up on each of twelve fold assignments; 1.7 times gained less, 4
# times less still).
LEXICAL = ("act=", "describes=", "path=")
LEXICAL_C = 2.25 * C
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.025), 3)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One gold sentence: its candidates' features, which are right, and whether the gold states any place."""

    values: list[dict[str, float]]
    right: list[bool]
    stated: bool
    text: str = ""  # the sentence, which decides its fold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--fold-seed", type=int, default=0, help="0: the n-th text in fold n %% 5; K: a salted hash")
    options = parser.parse_args()
    path = gold_root() / "events" / "event_location" / "event_location.jsonl"
    if not path.exists():
        print(f"no event-location gold at {path}: nothing to train on")
        return 1
    sentences = examples(list(event_location_rows(path, TUNE)))
    vectorizer = DictVectorizer(sort=True)
    vectorizer.fit([values for sentence in sentences for values in sentence.values])
    threshold, accuracy, per_fold = choose_threshold(sentences, vectorizer, options.fold_seed)
    fitted = fit(sentences, vectorizer)
    model = place_model_of(vectorizer.get_feature_names_out().tolist(), fitted.weights, -fitted.none, threshold, "")
    save_place_model(model, options.output, [(path, TUNE)])
    load_place_model(options.output)  # the file it wrote passes the loader's checks
    stated = sum(sentence.stated for sentence in sentences)
    print(f"wrote {options.output}: {len(model.features)} features, threshold {threshold}")
    print(
        f"  {FOLDS}-fold cross-validation inside the tune part ({len(sentences)} sentences, {stated} stating a "
        f"place): place right {accuracy:.3f}; per fold {', '.join(f'{share:.3f}' for share in per_fold)}, mean "
        f"{np.mean(per_fold):.3f}"
    )
    return 0


def examples(rows: list[dict]) -> list[Sentence]:
    """The candidates of each gold sentence, anchored on its annotated verb."""
    resources = Resources(gazetteer=load_gazetteer(), place_model=PlaceModel())
    nlp = load_pipeline(settings_from_env().spacy_model)
    articles = [Article(id=f"el{number}", text=row["text"]) for number, row in enumerate(rows)]
    sentences = []
    for row, parsed in zip(rows, parse(articles, nlp), strict=True):
        parsed = run_stages_through(parsed, resources, "places")
        verb = row["verb"][0]
        words = parsed.doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        if words is None or not len(words):
            continue
        anchor = words.root
        sentence = Span(anchor.sent.start_char, anchor.sent.end_char)
        places = [place for place in parsed.of(Place) if not place.is_dateline]
        chants = [quote for quote in parsed.of(Quote) if quote.kind in ("chant", "title")]
        candidates = sentence_places(parsed.doc, sentence, places, chants)
        gold = row["locations"]
        described = place_features(anchor, candidates, parsed.of(Mention)) if candidates else []
        sentences.append(
            Sentence(
                [values for _, values in described],
                [is_gold(place, gold) for place, _ in described],
                bool(gold),
                row["text"],
            )
        )
    return sentences


def is_gold(place: Place, gold: list[dict]) -> bool:
    """Right when it overlaps a gold location or names one (the scorer's case-folded containment)."""
    mine = place.text.casefold()
    return any(
        Span(location["start"], location["end"]).overlaps(place.evidence)
        or mine in location["text"].casefold()
        or location["text"].casefold() in mine
        for location in gold
    )


@dataclass(frozen=True, slots=True)
class Fitted:
    """A place's score is ``weights`` times its features; "none" scores ``none``."""

    weights: np.ndarray
    none: float

    def probabilities(self, values: csr_matrix) -> np.ndarray:
        """Each place against "none": the probability the model file gives it."""
        return 1.0 / (1.0 + np.exp(self.none - values @ self.weights))


def fit(sentences: list[Sentence], vectorizer: DictVectorizer) -> Fitted:
    """The conditional logit over each sentence's places and "none", on the sentences with a right choice (one
    whose stated place is none of its candidates teaches nothing about choosing)."""
    taught = [sentence for sentence in sentences if sentence.values and (any(sentence.right) or not sentence.stated)]
    values = vectorizer.transform([values for sentence in taught for values in sentence.values]).tocsr()
    right = np.array([right for sentence in taught for right in sentence.right], dtype=np.float64)
    owner = np.repeat(np.arange(len(taught)), [len(sentence.values) for sentence in taught])
    none_right = np.array([not sentence.stated for sentence in taught], dtype=np.float64)
    names = vectorizer.get_feature_names_out()
    penalty = np.array([1.0 / LEXICAL_C if name.startswith(LEXICAL) else 1.0 / C for name in names])
    weights, none = conditional_logit(values, right, owner, penalty, none_right)
    return Fitted(weights, none)


def choose_threshold(
    sentences: list[Sentence], vectorizer: DictVectorizer, seed: int = 0
) -> tuple[float, float, list[float]]:
    """The threshold that makes the most sentences right on out-of-fold probabilities, that share, and the share in
    each fold, which says how much a change of a few sentences weighs against the folds' own spread."""
    folds = fold_of(sentences, seed)
    best: list[tuple[float, bool] | None] = [None] * len(sentences)  # (best probability, is it right)
    for fold in range(FOLDS):
        model = fit([sentence for sentence, held in zip(sentences, folds, strict=True) if held != fold], vectorizer)
        for number, sentence in enumerate(sentences):
            if folds[number] == fold and sentence.values:
                scores = model.probabilities(vectorizer.transform(sentence.values))
                top = int(np.argmax(scores))
                best[number] = (float(scores[top]), sentence.right[top])
    right = np.array([[is_right(sentence, chosen, threshold) for threshold in THRESHOLDS]
                      for sentence, chosen in zip(sentences, best, strict=True)])  # fmt: skip
    index = int(np.argmax(right.mean(axis=0)))
    per_fold = [float(right[folds == fold, index].mean()) for fold in range(FOLDS)]
    return float(THRESHOLDS[index]), float(right[:, index].mean()), per_fold


def fold_of(sentences: list[Sentence], seed: int = 0) -> np.ndarray:
    """Each sentence's fold, fixed: the ``n``-th distinct sentence text is in fold ``n % FOLDS``. The rows of one
    text (other verbs of one sentence, with mostly the same places) stay together, as the tune/report split keeps
    them: folds by row let a sentence be scored with its own twin among the training rows. A ``seed`` above 0
    assigns each text by the sha256 of ``s{seed}:`` and its text instead (shifting ``n`` would only rename the same
    five folds)."""
    if seed:
        return np.array(
            [int(hashlib.sha256(f"s{seed}:{sentence.text}".encode()).hexdigest(), 16) % FOLDS for sentence in sentences]
        )
    first: dict[str, int] = {}
    return np.array([first.setdefault(sentence.text, len(first)) % FOLDS for sentence in sentences])


def is_right(sentence: Sentence, chosen: tuple[float, bool] | None, threshold: float) -> bool:
    """A sentence is right when its best candidate is gold and likely enough, or none is and it states no place."""
    if chosen is None or chosen[0] < threshold:
        return not sentence.stated
    return chosen[1]


if __name__ == "__main__":
    sys.exit(main())
