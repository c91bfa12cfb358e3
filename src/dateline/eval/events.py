"""Event coding scored against PLOVER, CAMEO PentaClass and ACLED gold (``../shared/data/events``, ``acled``).

Every gold item is one sentence or snippet. The whole pipeline runs on it as a one-sentence article; the event
it codes is the sentence's *main* event: an asserted one before a threatened or hypothetical one, then the one
whose trigger is highest in the parse ("officials said X attacked Y" is the attack). Gold codings of one
sentence are collapsed to the set of their PLOVER types (CAMEO-era gold repeats an event per dyad); the
prediction is right when it is in that set, and a sentence with no PLOVER event in its gold is right only when
we code none.

PentaClass (CAMEO's 0-4) maps a PLOVER event through its quad class (verbal cooperation 1, material cooperation 2,
verbal conflict 3, material conflict 4); a trigger may set its own class (appeals such as "urge" are class 0, as
in CAMEO). A sentence where we code no event is class 0 when it reports speech (a quote, or a speech verb from
the quote-cue lexicon) and otherwise counts as a miss: class 0 is a statement or appeal, not a default. The
trained PentaClass model (``resources/penta_model.npz``) then corrects that reading: it sees the sentence's lemmas
and bigrams, its main verb's dependency path, and the rules' own output (main event type, quad class, their
class, modality, voice, whether speech is reported), and its class stands when the rules' class is a miss or the
model is at least as sure as its cross-validated threshold; otherwise the rules' class stands. A gold file whose
bytes the shipped model was fitted on is flagged ``trained_on_this_file``: its figure is not a held-out score.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, gold_jsonl, scorer
from dateline.eval.parts import CASE_ACLED, PENTACLASS, PLOVER_GSR, part_label, select, text_key, tuned_warning
from dateline.eval.split import REPORT, Part
from dateline.extract import acled, run_stages
from dateline.extract.acled import NONE, coding_features, rules_coding
from dateline.extract.events import features_by_sentence
from dateline.model import Analysis, Article, Event, Quote, Span
from dateline.nlp import ParsedArticle, load_pipeline, parse
from dateline.resources import Resources, load_resources
from dateline.resources.acled_model import AcledModel
from dateline.resources.events import PENTA_CLASS, QUAD_CLASS, EventLexicon
from dateline.resources.penta_model import PentaModel, fit, stratified_folds

GOLD_KINDS = {
    "plover_gsr": "plover_gsr_*.jsonl",
    "petrarch2_unittest": "petrarch2_unittest_records.jsonl",
    "petr2_gsr": "petr2_gsr_validation_en.jsonl",
    "pentaclass": "cameo_class_*.tsv",
}
PENTA_MASKED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY"})


@scorer("events", gold="events", description="PLOVER type, quad class and actors; CAMEO PentaClass")
def score(gold: Path, part: Part | None = None) -> Metrics:
    """Every event gold set below ``gold``; ``part`` scores only that part of the split sets (PLOVER GSR,
    PentaClass), while the sets never tuned on (PETRARCH2 unit tests, PETR2 GSR) are always scored whole."""
    found = {kind: sorted(gold.rglob(pattern)) for kind, pattern in GOLD_KINDS.items()}
    if not any(found.values()):
        raise GoldDataError(f"no {', '.join(GOLD_KINDS.values())} below {gold}")
    metrics: Metrics = {}
    for kind, paths in found.items():
        if not paths:
            continue
        if kind == "pentaclass":
            rows = select(PENTACLASS, [row for path in paths for row in read_tsv(path)], _penta_key, part)
            metrics[kind] = {**score_pentaclass(rows, paths, part), **_part_keys(PENTACLASS, rows, _penta_key, part)}
        else:
            items = [item for path in paths for item in read_gold_items(path, kind)]
            if kind == PLOVER_GSR:
                items = select(PLOVER_GSR, items, _item_key, part)
                metrics[kind] = {**score_plover(items), **_part_keys(PLOVER_GSR, items, _item_key, part)}
            else:
                metrics[kind] = {**score_plover(items), "part": "all (never tuned on)"}
    return metrics


@scorer("acled", gold="acled", description="ACLED sub-event type of CASE-2021 snippets: the trained coder")
def score_acled(gold: Path, part: Part | None = None) -> Metrics:
    """The trained ACLED coder's sub-event type per snippet (the rules' own coding beside it, under ``rules``);
    ``part`` scores only that part of the CASE-2021 split."""
    paths = sorted(gold.rglob("*.tsv")) if gold.is_dir() else [gold]
    rows = [row for path in paths for row in read_tsv(path, columns=("id", "text", "sub_event_type"))]
    rows = select(CASE_ACLED, rows, _item_key, part)
    if not rows:
        raise GoldDataError(f"no TSV rows (id, text, sub_event_type) below {gold} in part {part_label(part)}")
    resources = load_resources()
    model = resources.acled_model
    gold_labels = [row["sub_event_type"] or NONE for row in rows]
    rules, coded, stored = [], [], []
    for analysis, doc in analyse_parsed([(row["id"], row["text"], None) for row in rows], rules_resources()):
        events = analysis.of(Event)
        rules.append(rules_coding(events, resources.events))
        features = coding_features(doc, events, resources.events)
        coded.append(acled.code(features, model)[0] if model else rules[-1])
        stored.append(_stored_coding(acled.recoded(analysis.records, doc, model, resources.events)))
    metrics: Metrics = {**label_scores(gold_labels, coded), "n": len(rows)}
    metrics["rules"] = {key: value for key, value in label_scores(gold_labels, rules).items() if key != "per_label_f1"}
    metrics["per_event"] = {
        key: value for key, value in label_scores(gold_labels, stored).items() if key != "per_label_f1"
    }
    metrics.update(_part_keys(CASE_ACLED, rows, _item_key, part))
    if part != REPORT and any(resources.acled_model.was_trained_on(path) for path in paths):
        metrics["trained_on_this_file"] = True
    return metrics


def _stored_coding(records: Iterable[Any]) -> str:
    """A snippet's sub-event as the pipeline stores it: each sentence coded alone, the surest event's code."""
    coded = [record for record in records if isinstance(record, Event) and record.acled_sub_event]
    return max(coded, key=lambda event: event.acled_confidence or 0.0).acled_sub_event if coded else NONE


def _item_key(item: dict) -> str:
    return str(item["id"])


def _penta_key(row: dict[str, str]) -> str:
    return text_key(row["text"])


def _part_keys(gold_set: str, records: list, key: Callable[[Any], str], part: Part | None) -> Metrics:
    """The part scored, and why it is not held out when some of it was tuned on."""
    warning = tuned_warning(gold_set, (key(record) for record in records))
    return {"part": part_label(part), **({"tuned_on": warning} if warning else {})}


# -- reading gold ------------------------------------------------------------------------------------------------


def read_gold_items(path: Path, kind: str) -> Iterator[dict]:
    for _, record in gold_jsonl(path):
        yield _gold_item(record, kind)


def _gold_item(record: dict, kind: str) -> dict:
    if kind == "plover_gsr":
        return {
            "id": record["id"],
            "text": record["text"],
            "date": None,
            "types": {record["event_v08"]},
            "actors": [(actor.get("text"), actor.get("code")) for actor in record.get("actor") or []],
            "recipients": [(actor.get("text"), actor.get("code")) for actor in record.get("recipient") or []],
        }
    codings = record.get("gold") or []
    types = {c["plover_v08_from_cameo"] for c in codings if c.get("plover_v08_from_cameo") in QUAD_CLASS}
    return {
        "id": record["id"],
        "text": record["text"],
        "date": record.get("date"),
        "types": types,
        # PETRARCH codes: the first three letters are the country (ISO-3) or a synthetic state's code.
        "actors": [(None, (c.get("sourcecode") or "")[:3]) for c in codings if c.get("sourcecode")],
        "recipients": [(None, (c.get("targetcode") or "")[:3]) for c in codings if c.get("targetcode")],
    }


def read_tsv(path: Path, columns: tuple[str, ...] = ("text", "label")) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and rows[0] == list(columns):
        rows = rows[1:]
    out = []
    for number, row in enumerate(rows, start=1):
        if not row:
            continue
        if len(row) != len(columns):
            raise GoldDataError(f"{path}:{number}: expected {len(columns)} TAB-separated columns, got {len(row)}")
        out.append(dict(zip(columns, row, strict=True)))
    return out


# -- running the pipeline ------------------------------------------------------------------------------------------


def analyse(items: Iterable[tuple[str, str, str | None]]) -> list[Analysis]:
    """Run every stage on each (id, text, yyyymmdd date) as its own article."""
    return [analysis for analysis, _ in analyse_parsed(items)]


def analyse_parsed(
    items: Iterable[tuple[str, str, str | None]], resources: Resources | None = None
) -> list[tuple[Analysis, Doc]]:
    """Like ``analyse``, keeping each article's parse beside its analysis; ``resources`` default to the shipped."""
    articles = [Article(id=item_id, text=text, published=_gold_date(day)) for item_id, text, day in items]
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = resources or load_resources()
    return [(run_stages(parsed, resources), parsed.doc) for parsed in parse(articles, nlp)]


def rules_resources() -> Resources:
    """The shipped resources without the ACLED coder: events then carry the rules' sub-events, what the coder reads
    (its training and its scorer see the rules' reading, never an earlier model's)."""
    return replace(load_resources(), acled_model=AcledModel())


def _gold_date(day: str | None) -> datetime | None:
    """PETRARCH dates are yyyymmdd or yymmdd; anything else anchors nothing."""
    for layout in ("%Y%m%d", "%y%m%d"):
        try:
            return datetime.strptime(day or "", layout)
        except ValueError:
            continue
    return None


def main_event(analysis: Analysis) -> Event | None:
    """The sentence's main event: asserted first, then the trigger highest in the parse, then the first."""
    events = analysis.of(Event)
    if not events:
        return None
    reported = [part for quote in analysis.of(Quote) for part in (quote.content, quote.continuation) if part]
    return min(
        events, key=lambda event: (event.modality != "asserted", _depth_hint(event, reported), event.trigger.start)
    )


def _depth_hint(event: Event, reported: list[Span]) -> int:
    # Events of the outlet's own clause come before those inside reported speech; a speech act that is itself
    # the event ("rebels demanded a truce": the cue is the trigger) is told in the outlet's clause.
    inside = event.attribution != "outlet" and any(part.contains(event.trigger) for part in reported)
    return 1 if inside else 0


# -- PLOVER ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PloverOutcome:
    """How the pipeline read one PLOVER item: the type scored (the gold type it hit, else the first), the guess,
    and whether the quad class, the actor and the recipient were right (None where the gold names none)."""

    gold: str
    guess: str
    quad: bool
    actor: bool | None
    recipient: bool | None


def score_plover(items: list[dict]) -> Metrics:
    return plover_metrics(plover_outcomes(items))


def plover_outcomes(items: list[dict], resources: Resources | None = None) -> list[PloverOutcome]:
    """Each item's outcome with the shipped resources, or ``resources`` (a model refitted without it)."""
    analyses = analyse_parsed(((item["id"], item["text"], item["date"]) for item in items), resources)
    outcomes = []
    for item, (analysis, _) in zip(items, analyses, strict=True):
        event = main_event(analysis)
        guess = event.type if event else NONE
        gold_types = item["types"] or {NONE}
        outcomes.append(
            PloverOutcome(
                gold=guess if guess in gold_types else sorted(gold_types)[0],
                guess=guess,
                quad=QUAD_CLASS.get(guess, NONE) in {QUAD_CLASS.get(kind, NONE) for kind in gold_types},
                actor=_role_right(event, "source", item["actors"]),
                recipient=_role_right(event, "target", item["recipients"]),
            )
        )
    return outcomes


def plover_metrics(outcomes: list[PloverOutcome]) -> Metrics:
    scores = label_scores([o.gold for o in outcomes], [o.guess for o in outcomes], ignore=NONE)
    actors = [o.actor for o in outcomes if o.actor is not None]
    recipients = [o.recipient for o in outcomes if o.recipient is not None]
    return {
        "type_macro_f1": scores["macro_f1"],
        "type_accuracy": scores["accuracy"],
        "quad_accuracy": round(sum(o.quad for o in outcomes) / len(outcomes), 4) if outcomes else 0.0,
        "actor_accuracy": round(sum(actors) / len(actors), 4) if actors else None,
        "recipient_accuracy": round(sum(recipients) / len(recipients), 4) if recipients else None,
        "n": len(outcomes),
        "per_label_f1": scores["per_label_f1"],
    }


def _role_right(event: Event | None, role: str, gold: list[tuple[str | None, str | None]]) -> bool | None:
    """Whether the event's ``role`` matches a gold party; None where the gold names none."""
    if not gold:
        return None
    return event is not None and _party_matches(event, role, gold)


def _party_matches(event: Event, role: str, gold: list[tuple[str | None, str | None]]) -> bool:
    """Right when our slot's text overlaps a gold party's text, or its country equals the gold code."""
    text = (getattr(event, f"{role}_text") or "").casefold()
    country = getattr(event, f"{role}_country")
    for gold_text, gold_code in gold:
        if gold_text and text and (gold_text.casefold() in text or text in gold_text.casefold()):
            return True
        if gold_code and country and gold_code[:3].upper() == country:
            return True
    return False


# -- PentaClass -----------------------------------------------------------------------------------------------------


def score_pentaclass(rows: list[dict[str, str]], paths: Iterable[Path] = (), part: Part | None = None) -> Metrics:
    """Macro-F1 and accuracy of the rules plus the shipped model; ``trained_on_this_file`` when one of ``paths`` is
    a file the model was fitted on and ``part`` is not the report part it never saw (the figure is then a
    training score, not a held-out one)."""
    readings = penta_readings(rows)
    model = load_resources().penta_model
    predicted = [str(pentaclass_of(reading, model)) for reading in readings]
    scores = label_scores([row["label"] for row in rows], predicted)
    metrics: Metrics = {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"], "n": len(rows)}
    if part != REPORT and any(model.was_trained_on(path) for path in paths):
        metrics["trained_on_this_file"] = True
    return metrics


@dataclass(frozen=True, slots=True)
class PentaReading:
    """What the PentaClass decision reads of one sentence: the rules' class (-1: a miss) and the model's features."""

    rules: int
    features: tuple[str, ...]


def penta_readings(rows: list[dict[str, str]]) -> list[PentaReading]:
    """Run the pipeline on each row's text and read off the rules' class and the model's features."""
    articles = [Article(id=str(number), text=row["text"]) for number, row in enumerate(rows)]
    resources = load_resources()
    return [
        penta_reading(parsed, run_stages(parsed, resources), resources)
        for parsed in parse(articles, load_pipeline(settings_from_env().spacy_model))
    ]


def penta_reading(parsed: ParsedArticle, analysis: Analysis, resources: Resources) -> PentaReading:
    """The rules' class of one analysed sentence and the model's features, the event-type model's reading included."""
    types = [resources.event_model.probabilities(row) for row in features_by_sentence(parsed, resources)]
    features = penta_features(analysis, parsed.doc, resources.events, types if resources.event_model else [])
    return PentaReading(rules_pentaclass(analysis, resources.events), tuple(features))


def pentaclass_of(reading: PentaReading, model: PentaModel) -> int:
    """The rules' class, unless they miss or the model is at least ``model.threshold`` sure of another."""
    if not model:
        return reading.rules
    probabilities = model.probabilities(reading.features)
    best = max(probabilities, key=probabilities.__getitem__)
    return best if reading.rules < 0 or probabilities[best] >= model.threshold else reading.rules


THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)  # 0: the model always decides; 1: only on the rules' misses
PENALTIES = (1.0, 0.3, 0.1)  # the L2 strengths tried (``penta_model.fit``'s ``l2``; scikit-learn's C is 1 / l2)
FOLDS = 5
SEED = 20240601


def choose_settings(
    readings: list[PentaReading], labels: list[int], rows: list[int], seed: int = SEED
) -> tuple[float, float]:
    """The L2 strength and threshold with the best macro-F1 over a cross-validation inside ``rows`` alone (ties:
    the stronger penalty and the higher threshold, which fit less and leave more to the rules)."""
    inner = stratified_folds([labels[row] for row in rows], FOLDS - 1, seed)
    predicted: dict[tuple[float, float], list[int]] = {
        (l2, threshold): [] for l2 in PENALTIES for threshold in THRESHOLDS
    }
    gold: list[int] = []
    for part in inner:
        held_out = [rows[position] for position in part]
        kept = sorted(set(rows) - set(held_out))
        gold += [labels[row] for row in held_out]
        for l2 in PENALTIES:
            model = fit([readings[row].features for row in kept], [labels[row] for row in kept], l2=l2)
            for threshold in THRESHOLDS:
                tuned = replace(model, threshold=threshold)
                predicted[l2, threshold] += [pentaclass_of(readings[row], tuned) for row in held_out]

    def macro_f1(setting: tuple[float, float]) -> float:
        return label_scores([str(value) for value in gold], [str(value) for value in predicted[setting]])["macro_f1"]

    return max(predicted, key=lambda setting: (macro_f1(setting), setting))


def cross_validate(readings: list[PentaReading], labels: list[int], seed: int = SEED) -> dict[str, Metrics]:
    """Stratified 5-fold cross-validation: on each fold the penalty and threshold are chosen and the model refitted
    on the other four fifths only, then the pipeline is scored on the held-out fifth. Figures pool the held-out
    predictions of all folds; ``rules`` is the rules alone on the same rows."""
    predicted = [0] * len(labels)
    settings = []
    for held_out in stratified_folds(labels, FOLDS, seed):
        kept = sorted(set(range(len(labels))) - set(held_out))
        l2, threshold = choose_settings(readings, labels, kept, seed)
        model = fit([readings[row].features for row in kept], [labels[row] for row in kept], threshold=threshold, l2=l2)
        settings.append((l2, threshold))
        for row in held_out:
            predicted[row] = pentaclass_of(readings[row], model)
    gold = [str(label) for label in labels]
    with_model = label_scores(gold, [str(value) for value in predicted])
    rules = label_scores(gold, [str(reading.rules) for reading in readings])
    changed = sum(guess != reading.rules for guess, reading in zip(predicted, readings, strict=True))
    combined = {
        **with_model,
        "penalties": [l2 for l2, _ in settings],
        "thresholds": [threshold for _, threshold in settings],
        "changed_from_rules": changed,
    }
    return {"rules": rules, "rules_and_model": combined}


def rules_pentaclass(analysis: Analysis, lexicon: EventLexicon) -> int:
    """The rules' class: the main event's (a trigger's own ``penta`` first), 0 for speech with no event, else -1."""
    event = main_event(analysis)
    if event is None:
        return 0 if _reports_speech(analysis) else -1
    return _event_pentaclass(event, lexicon)


def _event_pentaclass(event: Event, lexicon: EventLexicon) -> int:
    first = event.trigger_text.split()[0].casefold() if event.trigger_text else ""
    for trigger in lexicon.triggers.get(first, ()):
        if trigger.event == event.type and trigger.penta is not None:
            return trigger.penta
    return PENTA_CLASS[QUAD_CLASS[event.type]]


def penta_features(
    analysis: Analysis, doc: Doc, lexicon: EventLexicon, types: Sequence[dict[str, float]] = ()
) -> list[str]:
    """The PentaClass model's binary features of a one-sentence article: its words and bigrams (names, numbers
    and dates masked by their entity label), its main verb's lemma, dependency path and dependents, the
    rules' reading (main event type, quad class, the rules' class, modality, voice, speech reported), every verb's
    lemma with its arguments' kinds, negation and modal, and the
    event-type model's reading of each sentence (``types``: PLOVER type probabilities), a model trained on other
    data (NGEC stories), so stacking it adds what the PentaClass sentences alone cannot teach."""
    words = [_penta_word(token) for token in doc if not (token.is_punct or token.is_space)]
    features = [f"w={word}" for word in words] + [f"b={left}_{right}" for left, right in pairwise(words)]
    features += _type_model_features(types)
    features += _predicate_features(doc)
    event = main_event(analysis)
    verb = _main_verb(doc, event)
    if verb is not None:
        features += _verb_features(verb)
    speech = _reports_speech(analysis)
    features += [f"speech={speech}", f"quotes={min(len(analysis.of(Quote)), 2)}"]
    if event is None:
        return [*features, "rule=none", f"rule_class={0 if speech else -1}"]
    trigger = event.trigger_text.casefold()
    features += [
        f"rule={event.type}",
        f"quad={event.quad_class}",
        f"rule_class={_event_pentaclass(event, lexicon)}",
        f"rule_mode={event.type}|{event.mode}",
        f"modality={event.modality}",
        f"voice={event.attribution}",
        f"rule_trigger={event.type}|{trigger}",
        f"rule_modality={event.type}|{event.modality}",
    ]
    features += sorted({f"also={other.type}" for other in analysis.of(Event) if other is not event})
    return features


TYPE_BELIEFS = (0.3, 0.5, 0.7, 0.9)


def _type_model_features(types: Sequence[dict[str, float]]) -> list[str]:
    """The most probable PLOVER type over the sentences, and how sure the model is of each PentaClass at most."""
    classes: dict[str, float] = {}
    for probabilities in types:
        for kind, probability in probabilities.items():
            penta = str(PENTA_CLASS[QUAD_CLASS[kind]]) if kind in QUAD_CLASS else NONE
            classes[penta] = max(classes.get(penta, 0.0), probability)
    features = [
        f"type_model={penta}>={belief}" for penta, top in classes.items() for belief in TYPE_BELIEFS if top >= belief
    ]
    best = max(((probability, kind) for row in types for kind, probability in row.items()), default=None)
    return features + ([f"type_model_top={best[1]}"] if best else [])


def _main_verb(doc: Doc, event: Event | None) -> Token | None:
    """The main event's trigger word, else the first sentence's root (its reported clause when it only reports)."""
    if event is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    sentences = list(doc.sents)
    if not sentences:
        return None
    root = sentences[0].root
    if root.lemma_.lower() in load_resources().quote_cues.verbs:
        return next((child for child in root.children if child.dep_ == "ccomp"), root)
    return root


def _verb_features(verb: Token) -> list[str]:
    path = []
    token = verb
    # spaCy makes a fresh Token object on every access: compare by index, or the walk never sees the root.
    while token.head.i != token.i and len(path) < 4:
        path.append(token.dep_)
        token = token.head
    governor = verb.head.lemma_.lower() if verb.head.i != verb.i else "ROOT"
    features = [f"verb={verb.lemma_.lower()}", f"verb_path={'/'.join(path) or 'ROOT'}", f"verb_gov={governor}"]
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "nsubj", "nsubjpass", "attr", "xcomp", "prep", "neg", "aux", "agent"):
            features.append(f"verb_{child.dep_}={_penta_word(child)}")
    return features


def _predicate_features(doc: Doc) -> list[str]:
    """Every verb's lemma with the kind of its subject and object, its negation and modal: who does what to whom in
    general terms ("accuse" with a PERSON subject, "will attack", "not sign") beyond the main verb the rules chose."""
    features = []
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        subject = next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)
        thing = next((child for child in verb.children if child.dep_ in ("dobj", "obj")), None)
        features += [f"pred={lemma}", f"pred={lemma}|subj={_kind(subject)}", f"pred={lemma}|obj={_kind(thing)}"]
        if any(child.dep_ == "neg" for child in verb.children):
            features += ["pred_negated", f"pred={lemma}|negated"]
        modals = [child.lemma_.lower() for child in verb.children if child.dep_ == "aux" and child.tag_ == "MD"]
        features += [f"modal={modal}" for modal in modals] + ([f"pred={lemma}|modal"] if modals else [])
        if verb.dep_ == "xcomp":
            features.append(f"pred_chain={verb.head.lemma_.lower()}_{lemma}")
    return features


def _kind(token: Token | None) -> str:
    """A verb's argument in general terms: its entity label, a pronoun, a noun, or none."""
    if token is None:
        return "none"
    return token.ent_type_ or ("pron" if token.pos_ == "PRON" else "noun")


def _penta_word(token: Token) -> str:
    if token.ent_type_ in PENTA_MASKED:
        return f"<{token.ent_type_}>"
    return "<NUM>" if token.like_num else token.lemma_.lower()


def _reports_speech(analysis: Analysis) -> bool:
    if analysis.of(Quote):
        return True
    verbs = load_resources().quote_cues.verbs
    return any(
        word.casefold().strip(".,;:") in verbs or word.casefold().rstrip("sd") in verbs for word in _words(analysis)
    )


def _words(analysis: Analysis) -> list[str]:
    return analysis.article.text.split()


# -- arithmetic -----------------------------------------------------------------------------------------------------


def label_scores(gold: list[str], predicted: list[str], ignore: str | None = None) -> Metrics:
    """Accuracy, macro-F1 (over gold labels, ``ignore`` left out of the average) and support-weighted F1."""
    support = Counter(gold)
    labels = [label for label in support if label != ignore]
    f1s = {}
    for label in labels:
        true_positive = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        predicted_count = sum(p == label for p in predicted)
        precision = true_positive / predicted_count if predicted_count else 0.0
        recall = true_positive / support[label]
        f1s[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    weighted_total = sum(support[label] for label in labels)
    return {
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(f1s.values()) / len(f1s), 4) if f1s else 0.0,
        "weighted_f1": round(sum(f1s[label] * support[label] for label in labels) / weighted_total, 4)
        if weighted_total
        else 0.0,
        "per_label_f1": {label: round(value, 3) for label, value in sorted(f1s.items())},
    }
