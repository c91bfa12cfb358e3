"""Train the role choosers (source and target), deterministically, and write them as arrays.

Training data: ConfliBERT's CAMEO role tags (``events/conflibert_cameo/cameo_ner_train.txt``: 1,153 news sentences
with their source (S) and target (T) spans, a training file) and the ``tune`` part of the PLOVER GSR (the texts of
its actors and recipients). Each sentence runs through every stage with the rules' sources and targets; its main
event (as the PLOVER scorer picks it) gives the trigger, and every candidate word of the sentence
(``dateline.extract.events.parties.candidates``) is one example for each role, positive when it lies inside a gold
span of that role. A logistic regression per role (scikit-learn, fixed settings) learns them. Five-fold
cross-validation, grouped by sentence, prints the share of sentences whose word for the role is right (for a PLOVER
sentence whose gold names no one in the role: left empty), for the rules alone and with the model at each
threshold from 0.5 up (the source model only where the rules found no source, as the events stage uses it),
with the share of the model's overrides that are right; the lowest threshold whose
overrides are right at least 80% of the time is kept. Each model is then fitted on all and written to
``src/dateline/resources/{source,target}_model.npz``.
``--fold-seed N`` draws the folds with another seed and writes nothing: a setting compared over several draws.
Usage: python scripts/train_role_models.py [--role source|target] [--fold-seed N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from training import binary_matrix, frequent_features

from dateline.config import settings_from_env
from dateline.eval import Metrics, gold_root
from dateline.eval.events import main_event, plover_metrics, plover_outcomes, read_gold_items
from dateline.eval.parts import PLOVER_GSR, select
from dateline.eval.split import TUNE
from dateline.extract import run_stages
from dateline.extract.events import parties
from dateline.extract.events.candidates import context_of
from dateline.extract.events.filling import has_actor
from dateline.extract.events.parties import rule_slots
from dateline.extract.events.triggers import TriggerMatch, find_triggers
from dateline.model import Article, Event, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.event_model import linear_fields
from dateline.resources.events import Trigger
from dateline.resources.penta_model import file_sha256
from dateline.resources.realness_model import RealnessModel
from dateline.resources.role_model import MODEL_PATHS, Role, RoleModel, classes_of

ROLE_TAGS = Path("events/conflibert_cameo/cameo_ner_train.txt")
PLOVER_FILE = Path("events/derived/plover_gsr_cameo_v08.jsonl")
ROLES: tuple[Role, ...] = ("source", "target")
TAGS = {"source": "S", "target": "T"}
GOLD_KEYS = {"source": "actors", "target": "recipients"}
MIN_EXAMPLES = 3  # a feature seen in fewer candidate words than this is noise
REGULARISATION = 0.5
FOLDS = 5
# A model replaces the rules' word only where, held out, such replacements were right this often: a wrong party
# makes a false row, a missing one does not.
OVERRIDE_PRECISION = 0.8
# The roles a model may overrule the rules in; in the others it only fills a word the rules left empty, as the
# events stage uses it (``parties.chosen_parties``).
OVERRULES: frozenset[Role] = frozenset({"target"})
# Never below an even chance: the model must think its word more likely right than not to overrule the rules.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never override the rules


@dataclass(frozen=True, slots=True)
class Sentence:
    source: str
    record: str
    text: str
    spans: dict[str, tuple[Span, ...]]  # role -> character spans of its gold words
    named: dict[str, bool]  # role -> whether the gold names anyone in it (spelt out in the text or not)


@dataclass(frozen=True, slots=True)
class Choice:
    """One sentence's candidates for one role: features, labels, and which one the rules chose (-1: none)."""

    sentence: Sentence
    features: list[list[str]]
    labels: list[bool]
    rules: int


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", choices=ROLES, action="append", help="train only this role (default: both)")
    parser.add_argument(
        "--fold-seed", type=int, default=0, help="draw the folds with this seed and write no model (a comparison)"
    )
    options = parser.parse_args()
    root = gold_root()
    if not (root / ROLE_TAGS).exists():
        print(f"no training data below {root}: nothing to train on")
        return 1
    sentences = training_sentences(root)
    by_role = choices_of(sentences)
    thresholds = {
        role: train(role, by_role[role], len(sentences), [root / ROLE_TAGS, root / PLOVER_FILE], options.fold_seed)
        for role in options.role or ROLES
    }
    if len(thresholds) == len(ROLES):
        print_cross_fitted_plover(root / PLOVER_FILE, by_role, thresholds, options.fold_seed)
    return 0


def training_sentences(root: Path) -> list[Sentence]:
    """Every sentence the role models learn from: ConfliBERT's role tags, then the PLOVER GSR tune part."""
    return [*role_tag_sentences(root / ROLE_TAGS), *plover_sentences(root / PLOVER_FILE)]


def learnable(role: Role, choices: list[Choice]) -> list[Choice]:
    # A gold word that is none of the candidates (outside the main event's sentence) teaches nothing.
    return [choice for choice in choices if any(choice.labels) or not choice.sentence.named[role]]


def train(role: Role, choices: list[Choice], total: int, files: list[Path], seed: int = 0) -> float:
    """Cross-validate, fit and write one role's model (with folds drawn by ``seed``, 0 for the shipped ones; with
    another, written not at all); return its threshold."""
    choices = learnable(role, choices)
    print(f"{role}: {len(choices)} of {total} sentences have a main event and a gold {role} among its words, or none")
    folds = np.array([_fold_of(choice.sentence.record, seed) for choice in choices])
    held_out: list[list[float]] = [[] for _ in choices]
    for fold in range(FOLDS):
        model = fit(role, [choice for choice, f in zip(choices, folds, strict=True) if f != fold])
        for position in np.flatnonzero(folds == fold):
            held_out[position] = [model.probabilities(row)[role] for row in choices[position].features]
    threshold = report_cross_validation(role, choices, held_out)
    if seed:
        return threshold
    model = fit(role, choices)
    counts = {name: sum(choice.sentence.source == name for choice in choices) for name in ("conflibert", "plover")}
    names = sorted(model.index, key=model.index.__getitem__)
    path = MODEL_PATHS[role]
    np.savez_compressed(
        path,
        classes=np.array(classes_of(role)),
        features=np.array(names),
        weights=model.weights.astype(np.float32),
        intercepts=model.intercepts,
        threshold=np.array(threshold),
        trained_on=np.array(
            f"ConfliBERT CAMEO role tags ({counts['conflibert']} sentences), "
            f"the PLOVER GSR tune part ({counts['plover']})"
        ),
        training_sha256=np.array([f"{file.name}:{file_sha256(file)}" for file in files]),
    )
    print(f"wrote {path}: {len(names)} features, threshold {threshold}")
    return threshold


def print_cross_fitted_plover(
    path: Path, by_role: dict[Role, list[Choice]], thresholds: dict[Role, float], seed: int
) -> None:
    metrics = cross_fitted_plover(path, by_role, thresholds, seed)
    print(
        f"PLOVER tune part, role models cross-fitted ({FOLDS} folds; n {metrics['n']}): "
        f"actor {metrics['actor_accuracy']}, recipient {metrics['recipient_accuracy']}, "
        f"type accuracy {metrics['type_accuracy']}, macro-F1 {metrics['type_macro_f1']}, "
        f"quad {metrics['quad_accuracy']}"
    )


def cross_fitted_plover(
    path: Path, by_role: dict[Role, list[Choice]], thresholds: dict[Role, float], seed: int = 0
) -> Metrics:
    """The PLOVER tune part scored as ``dateline eval events --part tune`` scores it, each item read by role models
    fitted without its fold's PLOVER sentences (everything else as shipped; folds drawn by ``seed``, as in
    ``train``). The eval's own tune figure is partly a training score, since the shipped models saw every tune item;
    this one is not, so its distance to the report part's figure is what the rules read from tune failures (not the
    models) still fit."""
    items = select(PLOVER_GSR, list(read_gold_items(path, PLOVER_GSR)), lambda item: str(item["id"]), TUNE)
    shipped = load_resources()
    outcomes = []
    for fold in range(FOLDS):
        models = {
            role: replace(
                fit(role, [c for c in learnable(role, by_role[role]) if not _held_out(c.sentence, fold, seed)]),
                threshold=thresholds[role],
            )
            for role in ROLES
        }
        held = [item for item in items if _fold_of(f"plover:{item['id']}", seed) == fold]
        resources = replace(shipped, source_model=models["source"], target_model=models["target"])
        outcomes.extend(plover_outcomes(held, resources))
    return plover_metrics(outcomes)


def role_tag_sentences(path: Path) -> list[Sentence]:
    """The CoNLL file's sentences, words joined by single spaces, with the spans of their S and T tags. A sentence
    without a tag for a role says nothing about it (a reciprocal R, or a tag left out), so it names someone."""
    sentences, words, tags, count = [], [], [], 0
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, tag = line.rsplit(maxsplit=1)
            words.append(word)
            tags.append(tag)
            continue
        if words:
            spans = {role: _tag_spans(words, tags, TAGS[role]) for role in ROLES}
            named = dict.fromkeys(ROLES, True)
            sentences.append(Sentence("conflibert", f"conflibert:{count}", " ".join(words), spans, named))
            count += 1
        words, tags = [], []
    return sentences


def _tag_spans(words: list[str], tags: list[str], letter: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    offset = 0
    for word, tag in zip(words, tags, strict=True):
        if tag.endswith(f"-{letter}"):
            if tag.startswith("B-") or not spans:
                spans.append(Span(offset, offset + len(word)))
            else:
                spans[-1] = Span(spans[-1].start, offset + len(word))
        offset += len(word) + 1
    return tuple(spans)


def plover_sentences(path: Path) -> list[Sentence]:
    """The PLOVER GSR tune part's sentences, with the first occurrence of each actor's and recipient's text as a
    gold span; a sentence with no recipient teaches the target model to leave the rules' empty target alone."""
    items = select(PLOVER_GSR, list(read_gold_items(path, PLOVER_GSR)), lambda item: str(item["id"]), TUNE)
    sentences = []
    for item in items:
        folded = item["text"].casefold()
        spans: dict[str, tuple[Span, ...]] = {}
        for role in ROLES:
            found = []
            for text, _ in item[GOLD_KEYS[role]]:
                start = folded.find((text or "\x00").casefold())
                if start >= 0:
                    found.append(Span(start, start + len(text)))
            spans[role] = tuple(found)
        named = {role: bool(item[GOLD_KEYS[role]]) for role in ROLES}
        sentences.append(Sentence("plover", f"plover:{item['id']}", item["text"], spans, named))
    return sentences


def choices_of(sentences: list[Sentence]) -> dict[Role, list[Choice]]:
    """Run every stage with the rules' roles only and read the main event's candidates for each role. The realness
    model stays out: roles are chosen before it decides what is stored, and what it leaves out is still a sentence
    with roles to learn from."""
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = replace(
        load_resources(), source_model=RoleModel(), target_model=RoleModel(), realness_model=RealnessModel()
    )
    articles = [Article(id=sentence.record, text=sentence.text) for sentence in sentences]
    by_role: dict[Role, list[Choice]] = {role: [] for role in ROLES}
    for sentence, parsed in zip(sentences, parse(articles, nlp), strict=True):
        analysis = run_stages(parsed, resources)
        event = main_event(analysis)
        match = _match_of(event, parsed.doc, resources) if event is not None else None
        if match is None:
            continue
        context = context_of(
            replace(parsed, records=analysis.records), resources.events, RoleModel(), RoleModel(), resources.place_model
        )
        rules = dict(zip(ROLES, rule_slots(match), strict=True))
        for role, other in zip(ROLES, reversed(ROLES), strict=True):
            words = parties.candidates(match, match.head.sent, rules[role], context.dateline_end)
            features = parties.pair_rows(
                match.head, match.trigger.event, words, rules[role], rules[other], partial(has_actor, context=context)
            )
            labels = [any(span.start <= word.idx < span.end for span in sentence.spans[role]) for word in words]
            chosen = next(
                (n for n, word in enumerate(words) if rules[role] is not None and word.i == rules[role].i), -1
            )
            by_role[role].append(Choice(sentence, features, labels, chosen))
    return by_role


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


def fit(role: Role, choices: list[Choice]) -> RoleModel:
    rows = [row for choice in choices for row in choice.features]
    labels = np.array([label for choice in choices for label in choice.labels])
    names = frequent_features(rows, MIN_EXAMPLES)
    columns = {name: column for column, name in enumerate(names)}
    classifier = LogisticRegression(C=REGULARISATION, max_iter=3000)
    classifier.fit(binary_matrix(rows, columns), labels)
    weights = np.zeros((len(names), 2), dtype=np.float32)
    weights[:, 1] = classifier.coef_[0]
    arrays = {"weights": weights, "intercepts": np.array([0.0, classifier.intercept_[0]]), "trained_on": np.array("")}
    # The fields a loaded model has, its feature margins among them: without those the events stage's chooser
    # (``parties.pair_margins``) scores every candidate by the intercept alone and never overrules the rules.
    return RoleModel(classes=classes_of(role), **linear_fields(names, arrays))


def report_cross_validation(role: Role, choices: list[Choice], held_out: list[list[float]]) -> float:
    """Print, at each threshold, the share of sentences whose word for ``role`` is right by source, and how often
    the model's overrides of the rules are right; return the lowest threshold whose overrides are right at least
    ``OVERRIDE_PRECISION`` of the time."""
    sources = sorted({choice.sentence.source for choice in choices})
    rules = {s: np.mean([_right(role, c, c.rules) for c in choices if c.sentence.source == s]) for s in sources}
    print(
        f"  {FOLDS}-fold cross-validation, grouped by sentence; rules alone: "
        + ", ".join(f"{s} {rules[s]:.3f}" for s in sources)
    )
    chosen_threshold = THRESHOLDS[-1]
    for threshold in reversed(THRESHOLDS):
        right: dict[str, list[bool]] = {s: [] for s in sources}
        overrides = []
        for choice, probabilities in zip(choices, held_out, strict=True):
            top = int(np.argmax(probabilities)) if probabilities else -1
            may_override = role in OVERRULES or choice.rules < 0
            chosen = top if may_override and top >= 0 and probabilities[top] >= threshold else choice.rules
            right[choice.sentence.source].append(_right(role, choice, chosen))
            if chosen != choice.rules:
                overrides.append(_right(role, choice, chosen))
        precision = float(np.mean(overrides)) if overrides else 1.0
        print(
            f"  threshold {threshold:.2f}: "
            + ", ".join(f"{s} {np.mean(right[s]):.3f}" for s in sources)
            + f"; {len(overrides)} overrides, {precision:.3f} of them right"
        )
        if precision >= OVERRIDE_PRECISION:
            chosen_threshold = threshold
    print(f"  {role} threshold {chosen_threshold}")
    return chosen_threshold


def _right(role: Role, choice: Choice, chosen: int) -> bool:
    """A word inside a gold one; for a sentence whose gold names no one in the role, none."""
    if not choice.sentence.named[role]:
        return chosen < 0
    return chosen >= 0 and choice.labels[chosen]


def _fold_of(record: str, seed: int = 0) -> int:
    """The record's fold: by its hash alone (seed 0), or by its hash with the seed's."""
    salt = f"{seed}:" if seed else ""
    return hashlib.sha256(f"{salt}{record}".encode()).digest()[0] % FOLDS


def _held_out(sentence: Sentence, fold: int, seed: int) -> bool:
    """Whether a PLOVER sentence of ``fold`` (left out of the models that read that fold's items)."""
    return sentence.source == "plover" and _fold_of(sentence.record, seed) == fold


if __name__ == "__main__":
    sys.exit(main())
