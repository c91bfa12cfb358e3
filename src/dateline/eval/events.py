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
the quote-cue lexicon) and otherwise counts as a miss: class 0 is a statement or appeal, not a default.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from dateline.config import settings_from_env
from dateline.errors import GoldDataError
from dateline.eval import Metrics, gold_jsonl, scorer
from dateline.extract import run_stages
from dateline.model import Analysis, Article, Event, Quote, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.events import PENTA_CLASS, QUAD_CLASS, EventLexicon

NONE = "none"
GOLD_KINDS = {
    "plover_gsr": "plover_gsr_*.jsonl",
    "petrarch2_unittest": "petrarch2_unittest_records.jsonl",
    "petr2_gsr": "petr2_gsr_validation_en.jsonl",
    "pentaclass": "cameo_class_*.tsv",
}
# ACLED-salience of PLOVER types when a snippet codes several: violence first, then protest, then the rest.
ACLED_PRIORITY = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "SUPPORT", "AGREE")


@scorer("events", gold="events", description="PLOVER type, quad class and actors; CAMEO PentaClass")
def score(gold: Path) -> Metrics:
    found = {kind: sorted(gold.rglob(pattern)) for kind, pattern in GOLD_KINDS.items()}
    if not any(found.values()):
        raise GoldDataError(f"no {', '.join(GOLD_KINDS.values())} below {gold}")
    metrics: Metrics = {}
    for kind, paths in found.items():
        if not paths:
            continue
        if kind == "pentaclass":
            metrics[kind] = score_pentaclass([row for path in paths for row in _read_tsv(path)])
        else:
            items = [item for path in paths for item in _read_jsonl(path, kind)]
            metrics[kind] = score_plover(items)
    return metrics


@scorer("acled", gold="acled", description="ACLED sub-event type of CASE-2021 snippets, via PLOVER")
def score_acled(gold: Path) -> Metrics:
    paths = sorted(gold.rglob("*.tsv")) if gold.is_dir() else [gold]
    rows = [row for path in paths for row in _read_tsv(path, columns=("id", "text", "sub_event_type"))]
    if not rows:
        raise GoldDataError(f"no TSV rows (id, text, sub_event_type) below {gold}")
    analyses = analyse([(row["id"], row["text"], None) for row in rows])
    lexicon = load_resources().events
    predicted = [acled_coding(analysis.of(Event), lexicon) for analysis in analyses]
    gold_labels = [row["sub_event_type"] or NONE for row in rows]
    return {**label_scores(gold_labels, predicted), "n": len(rows)}


# -- reading gold ------------------------------------------------------------------------------------------------


def _read_jsonl(path: Path, kind: str) -> Iterator[dict]:
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


def _read_tsv(path: Path, columns: tuple[str, ...] = ("text", "label")) -> list[dict[str, str]]:
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
    articles = [Article(id=item_id, text=text, published=_gold_date(day)) for item_id, text, day in items]
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    return [run_stages(parsed, resources) for parsed in parse(articles, nlp)]


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


def score_plover(items: list[dict]) -> Metrics:
    analyses = analyse((item["id"], item["text"], item["date"]) for item in items)
    gold_labels, predicted = [], []
    quad_right = actor_right = actor_n = recipient_right = recipient_n = 0
    for item, analysis in zip(items, analyses, strict=True):
        event = main_event(analysis)
        guess = event.type if event else NONE
        gold_types = item["types"] or {NONE}
        gold_label = guess if guess in gold_types else sorted(gold_types)[0]
        gold_labels.append(gold_label)
        predicted.append(guess)
        gold_quads = {QUAD_CLASS.get(kind, NONE) for kind in gold_types}
        quad_right += (QUAD_CLASS.get(guess, NONE)) in gold_quads
        if item["actors"]:
            actor_n += 1
            actor_right += event is not None and _party_matches(event, "source", item["actors"])
        if item["recipients"]:
            recipient_n += 1
            recipient_right += event is not None and _party_matches(event, "target", item["recipients"])
    scores = label_scores(gold_labels, predicted, ignore=NONE)
    return {
        "type_macro_f1": scores["macro_f1"],
        "type_accuracy": scores["accuracy"],
        "quad_accuracy": round(quad_right / len(items), 4) if items else 0.0,
        "actor_accuracy": round(actor_right / actor_n, 4) if actor_n else None,
        "recipient_accuracy": round(recipient_right / recipient_n, 4) if recipient_n else None,
        "n": len(items),
        "per_label_f1": scores["per_label_f1"],
    }


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


def score_pentaclass(rows: list[dict[str, str]]) -> Metrics:
    analyses = analyse((str(number), row["text"], None) for number, row in enumerate(rows))
    lexicon = load_resources().events
    predicted = [str(pentaclass_of(analysis, lexicon)) for analysis in analyses]
    scores = label_scores([row["label"] for row in rows], predicted)
    return {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"], "n": len(rows)}


def pentaclass_of(analysis: Analysis, lexicon: EventLexicon) -> int:
    event = main_event(analysis)
    if event is None:
        return 0 if _reports_speech(analysis) else -1
    first = event.trigger_text.split()[0].casefold() if event.trigger_text else ""
    for trigger in lexicon.triggers.get(first, ()):
        if trigger.event == event.type and trigger.penta is not None:
            return trigger.penta
    return PENTA_CLASS[QUAD_CLASS[event.type]]


def _reports_speech(analysis: Analysis) -> bool:
    if analysis.of(Quote):
        return True
    verbs = load_resources().quote_cues.verbs
    return any(
        word.casefold().strip(".,;:") in verbs or word.casefold().rstrip("sd") in verbs for word in _words(analysis)
    )


def _words(analysis: Analysis) -> list[str]:
    return analysis.article.text.split()


# -- ACLED ----------------------------------------------------------------------------------------------------------


def acled_coding(events: list[Event], lexicon: EventLexicon) -> str:
    """One ACLED sub-event type for a snippet, or "none"; a protest met by force is coded as the force."""
    coded = [event for event in events if event.acled_sub_event and event.modality in ("asserted", "denied")]
    if not coded:
        return NONE
    kinds = {event.type for event in coded}
    modes = {(event.type, event.mode) for event in coded}
    if (("ASSAULT", "crowd-control") in modes and "PROTEST" in kinds) or any(_on_protesters(e) for e in coded):
        return "Excessive force against protesters"
    if "PROTEST" in kinds and ("COERCE", "arrest") in modes:
        return "Protest with intervention"
    if "PROTEST" in kinds and any(_protest_violence(event) for event in coded):
        return "Violent demonstration"

    def rank(event: Event) -> tuple[int, bool, float]:
        # Violence before protest before the rest; a weapon-specific sub-event before its type's generic one.
        priority = ACLED_PRIORITY.index(event.type) if event.type in ACLED_PRIORITY else len(ACLED_PRIORITY)
        generic = event.acled_sub_event == lexicon.acled_sub_event(event.type, "*")
        return priority, generic, -event.confidence

    return min(coded, key=rank).acled_sub_event or NONE


def _on_protesters(event: Event) -> bool:
    target = (event.target_text or "").casefold()
    return event.type == "ASSAULT" and any(word in target for word in ("protester", "demonstrator"))


def _protest_violence(event: Event) -> bool:
    """Protesters fighting police or fighting each other make a riot; force used on them is coded apart."""
    if event.type != "ASSAULT":
        return False
    protesters = ("protester", "demonstrator", "rioter", "crowd")
    source, target = (event.source_text or "").casefold(), (event.target_text or "").casefold()
    on_protesters = any(word in target for word in protesters)
    return (event.acled_sub_event == "Armed clash" and not on_protesters) or any(word in source for word in protesters)


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
