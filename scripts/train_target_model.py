"""Train the target chooser, deterministically, and write it as arrays.

Training data: ConfliBERT's CAMEO role tags (``events/conflibert_cameo/cameo_ner_train.txt``: 1,153 news sentences
with their source and target spans, a training file) and the ``tune`` part of the PLOVER GSR (its recipients'
texts). Each sentence runs through every stage with the rules' targets; its main event (as the PLOVER scorer picks
it) gives the trigger, and every candidate word of the sentence (``dateline.extract.events.targets.candidates``)
is one example, positive when it lies inside a gold target. A logistic regression (scikit-learn, fixed settings)
learns them. Five-fold cross-validation, grouped by sentence, prints the share of sentences whose chosen target is
right (for a sentence whose gold names no target: left empty) for the rules alone and for rules plus model at
each threshold, with the share of the model's overrides that are right, and chooses the lowest threshold whose
overrides are right at least 80% of the time; then the model is
fitted on all and written to ``src/dateline/resources/target_model.npz``.
Usage: python scripts/train_target_model.py
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from training import binary_matrix

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.events import main_event, read_gold_items
from dateline.eval.parts import PLOVER_GSR, select
from dateline.eval.split import TUNE
from dateline.extract import run_stages
from dateline.extract.events import targets
from dateline.extract.events.candidates import context_of
from dateline.extract.events.recode import rule_slots
from dateline.extract.events.slots import has_actor
from dateline.extract.events.triggers import TriggerMatch, find_triggers
from dateline.model import Article, Event, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.events import Trigger
from dateline.resources.target_model import CLASSES, MODEL_PATH, TargetModel

ROLE_TAGS = Path("events/conflibert_cameo/cameo_ner_train.txt")
PLOVER_FILE = Path("events/derived/plover_gsr_cameo_v08.jsonl")
MIN_EXAMPLES = 3  # a feature seen in fewer candidate words than this is noise
REGULARISATION = 0.5
FOLDS = 5
# The model replaces the rules' target only where, held out, such replacements were right this often.
OVERRIDE_PRECISION = 0.8
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never override the rules


@dataclass(frozen=True, slots=True)
class Sentence:
    source: str
    record: str
    text: str
    targets: tuple[Span, ...]  # character spans of the gold target(s)


@dataclass(frozen=True, slots=True)
class Choice:
    """One sentence's candidates: features, labels, and which one the rules chose (-1: none)."""

    sentence: Sentence
    features: list[list[str]]
    labels: list[bool]
    rules: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    root = gold_root()
    if not (root / ROLE_TAGS).exists():
        print(f"no training data below {root}: nothing to train on")
        return 1
    sentences = [*role_tag_sentences(root / ROLE_TAGS), *plover_sentences(root / PLOVER_FILE)]
    # A gold target that is none of the candidates (a clause the main event is not in) teaches nothing.
    choices = [choice for choice in choices_of(sentences) if any(choice.labels) or not choice.sentence.targets]
    print(f"{len(choices)} sentences with a main event and a gold target among its words or none, of {len(sentences)}")
    folds = np.array([_fold(choice.sentence) for choice in choices])
    held_out: list[list[float]] = [[] for _ in choices]
    for fold in range(FOLDS):
        model = fit([choice for choice, f in zip(choices, folds, strict=True) if f != fold])
        for position in np.flatnonzero(folds == fold):
            held_out[position] = [model.probabilities(row)["target"] for row in choices[position].features]
    threshold = report_cross_validation(choices, held_out)
    model = fit(choices)
    files = [root / ROLE_TAGS, root / PLOVER_FILE]
    sources = ", ".join(
        f"{s} {sum(c.sentence.source == s for c in choices)}" for s in sorted({c.sentence.source for c in choices})
    )
    names = sorted(model.index, key=model.index.__getitem__)
    np.savez_compressed(
        options.output,
        classes=np.array(CLASSES),
        features=np.array(names),
        weights=model.weights.astype(np.float32),
        intercepts=model.intercepts,
        threshold=np.array(threshold),
        trained_on=np.array(f"{sources} sentences: ConfliBERT CAMEO role tags, the PLOVER GSR tune part"),
        training_sha256=np.array([f"{path.name}:{_sha256(path)}" for path in files]),
    )
    print(f"wrote {options.output}: {len(names)} features, threshold {threshold}")
    return 0


def role_tag_sentences(path: Path) -> list[Sentence]:
    """The CoNLL file's sentences that tag a target, words joined by single spaces, with the T tags' spans."""
    sentences, words, tags, count = [], [], [], 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, tag = line.rsplit(maxsplit=1)
            words.append(word)
            tags.append(tag)
            continue
        if words:
            spans, offset = [], 0
            for word, tag in zip(words, tags, strict=True):
                if tag.endswith("-T"):
                    if tag.startswith("B-") or not spans:
                        spans.append(Span(offset, offset + len(word)))
                    else:
                        spans[-1] = Span(spans[-1].start, offset + len(word))
                offset += len(word) + 1
            if spans:  # no T tag: a reciprocal (R) or source-only sentence, not one that names no target
                sentences.append(Sentence("conflibert", f"conflibert:{count}", " ".join(words), tuple(spans)))
            count += 1
        words, tags = [], []
    return sentences


def plover_sentences(path: Path) -> list[Sentence]:
    """The PLOVER GSR tune part's sentences, with the first occurrence of each recipient's text as a gold span;
    a sentence with no recipient teaches the model to leave the rules' empty target alone."""
    items = select(PLOVER_GSR, list(read_gold_items(path, PLOVER_GSR)), lambda item: str(item["id"]), TUNE)
    sentences = []
    for item in items:
        text, folded = item["text"], item["text"].casefold()
        spans = []
        for recipient, _ in item["recipients"]:
            start = folded.find((recipient or "\x00").casefold())
            if start >= 0:
                spans.append(Span(start, start + len(recipient)))
        if spans or not item["recipients"]:  # a recipient the text does not spell out cannot be chosen
            sentences.append(Sentence("plover_tune", f"plover:{item['id']}", text, tuple(spans)))
    return sentences


def choices_of(sentences: list[Sentence]) -> list[Choice]:
    """Run every stage (rules' targets only) and read the main event's candidates."""
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = replace(load_resources(), target_model=TargetModel())
    articles = [Article(id=sentence.record, text=sentence.text) for sentence in sentences]
    choices = []
    for sentence, parsed in zip(sentences, parse(articles, nlp), strict=True):
        analysis = run_stages(parsed, resources)
        event = main_event(analysis)
        if event is None:
            continue
        match = _match_of(event, parsed.doc, resources)
        if match is None:
            continue
        context = context_of(replace(parsed, records=analysis.records), resources.events, TargetModel())
        source, rules = rule_slots(match)
        words = targets.candidates(match, match.head.sent, context.dateline_end)
        features = [
            targets.pair_features(match.head, match.trigger.event, word, source, rules, has_actor(word, context))
            for word in words
        ]
        labels = [any(span.start <= word.idx < span.end for span in sentence.targets) for word in words]
        chosen = next((position for position, word in enumerate(words) if rules is not None and word.i == rules.i), -1)
        choices.append(Choice(sentence, features, labels, chosen))
    return choices


def _match_of(event: Event, doc, resources) -> TriggerMatch | None:  # type: ignore[no-untyped-def]
    """The trigger match the events stage coded ``event`` from: the lexicon's, or the type model's verb."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    for match in find_triggers(head.sent, resources.events):
        if match.head.i == head.i:
            return match
    added = Trigger((head.lemma_.lower(),), "verb", event.type, None, None, frozenset(), None, None, line=0)
    return TriggerMatch(added, head, (head,))


def fit(choices: list[Choice]) -> TargetModel:
    rows = [row for choice in choices for row in choice.features]
    labels = np.array([label for choice in choices for label in choice.labels])
    seen: dict[str, int] = {}
    for row in rows:
        for name in set(row):
            seen[name] = seen.get(name, 0) + 1
    names = sorted(name for name, count in seen.items() if count >= MIN_EXAMPLES)
    columns = {name: column for column, name in enumerate(names)}
    classifier = LogisticRegression(C=REGULARISATION, max_iter=3000)
    classifier.fit(binary_matrix(rows, columns), labels)
    weights = np.zeros((len(names), 2), dtype=np.float32)
    weights[:, 1] = classifier.coef_[0]
    return TargetModel(
        classes=CLASSES,
        index=columns,
        weights=weights,
        intercepts=np.array([0.0, float(classifier.intercept_[0])]),
        threshold=0.5,
    )


def report_cross_validation(choices: list[Choice], held_out: list[list[float]]) -> float:
    """Print, at each threshold, the share of sentences whose target is right by source, and how often the model's
    overrides of the rules are right; return the lowest threshold whose overrides are right at least
    ``OVERRIDE_PRECISION`` of the time (a wrong party is worse than none: it makes a false row)."""
    sources = sorted({choice.sentence.source for choice in choices})
    rules = {s: np.mean([_right(c, c.rules) for c in choices if c.sentence.source == s]) for s in sources}
    print(
        f"{FOLDS}-fold cross-validation, grouped by sentence; rules alone: "
        + ", ".join(f"{s} {rules[s]:.3f}" for s in sources)
    )
    chosen_threshold = THRESHOLDS[-1]
    for threshold in reversed(THRESHOLDS):
        right: dict[str, list[bool]] = {s: [] for s in sources}
        overrides = []
        for choice, probabilities in zip(choices, held_out, strict=True):
            top = int(np.argmax(probabilities)) if probabilities else -1
            chosen = top if top >= 0 and probabilities[top] >= threshold else choice.rules
            right[choice.sentence.source].append(_right(choice, chosen))
            if chosen != choice.rules:
                overrides.append(_right(choice, chosen))
        precision = float(np.mean(overrides)) if overrides else 1.0
        print(
            f"  threshold {threshold:.2f}: "
            + ", ".join(f"{s} {np.mean(right[s]):.3f}" for s in sources)
            + f"; {len(overrides)} overrides, {precision:.3f} of them right"
        )
        if precision >= OVERRIDE_PRECISION:
            chosen_threshold = threshold
    print(f"threshold {chosen_threshold}")
    return chosen_threshold


def _right(choice: Choice, chosen: int) -> bool:
    """A target inside a gold one; for a sentence whose gold names no target, none."""
    if not choice.sentence.targets:
        return chosen < 0
    return chosen >= 0 and choice.labels[chosen]


def _fold(sentence: Sentence) -> int:
    return hashlib.sha256(sentence.record.encode()).digest()[0] % FOLDS


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


if __name__ == "__main__":
    sys.exit(main())
