"""Event-to-time anchoring gold from TempEval-3 (TimeBank + AQUAINT): which day, if any, each event happened on.

For each event instance of a ``.tml`` document the TLINKs say what dates it: a link putting it inside or at a
dated time (IS_INCLUDED, DURING, SIMULTANEOUS, IDENTITY, or the time INCLUDES it) names the time, whose value is
its day (the document creation time, or "now", is the publication day); failing that, its link to the document
creation time says whether it happened on the publication day (IS_INCLUDED, INCLUDES, DURING, SIMULTANEOUS) or
before or after it, with no day (BEFORE, AFTER). An event with neither link has no gold and is left out, as are
states (STATE, I_STATE: no happening to date). The split is by document (``splits/tempeval3.tsv``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

from spacy.language import Language
from spacy.tokens import Token

from dateline.errors import GoldDataError
from dateline.eval.split import Part, in_part
from dateline.eval.time import timeml_root
from dateline.extract import anchoring, run_stages_through, when_where
from dateline.extract.anchoring import Anchor
from dateline.extract.events.candidates import time_rank
from dateline.extract.events.recode import nearest_in_phrase
from dateline.model import Article, Span, TimeRef
from dateline.nlp import parse
from dateline.resources import Resources

TEMPEVAL = "tempeval3"
# Relations that put the event inside or at a time (event -> time), and their inverse (time -> event).
INSIDE = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "IDENTITY"})
CONTAINS = frozenset({"INCLUDES", "SIMULTANEOUS", "IDENTITY"})
# An event's relation to the creation time: on the publication day (ongoing included), or before or after it.
ON_THE_DAY = frozenset({"IS_INCLUDED", "INCLUDES", "DURING", "SIMULTANEOUS", "IDENTITY"})
INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES"}
STATES = frozenset({"STATE", "I_STATE"})


@dataclass(frozen=True, slots=True)
class GoldAnchor:
    """One event and the day it happened on: ``day`` is an ISO value or ``None`` (no day); ``kind`` says why
    (``time``: a time of the text, ``published``, ``before`` or ``after`` the publication day)."""

    span: Span
    event_class: str
    kind: str
    day: str | None
    time: Span | None


@dataclass(frozen=True, slots=True)
class AnchorDocument:
    name: str
    text: str
    published: datetime
    events: tuple[GoldAnchor, ...]


def read_anchors(path: Path) -> AnchorDocument:
    """The text of ``<TEXT>`` without tags and the gold anchor of each of its linked events."""
    root, body = timeml_root(path)
    dct = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if dct is None:
        raise GoldDataError(f"{path}: no creation time (DCT); is this a TempEval TimeML file?")
    published = datetime.fromisoformat((dct.get("value") or "")[:10])
    pieces: list[str] = []
    spans: dict[str, tuple[Span, ElementTree.Element]] = {}
    _walk(body, pieces, spans, 0)
    instances = {item.get("eiid"): item.get("eventID") for item in root.iter("MAKEINSTANCE")}
    anchors: dict[str, str] = {}  # event id -> time id dating it
    to_dct: dict[str, str] = {}  # event id -> its relation to the creation time
    dct_id = dct.get("tid")
    for link in root.iter("TLINK"):
        relation = link.get("relType") or ""
        if link.get("eventInstanceID") and link.get("relatedToTime"):
            event, time = instances.get(link.get("eventInstanceID")), link.get("relatedToTime")
        elif link.get("timeID") and link.get("relatedToEventInstance"):
            event, time = instances.get(link.get("relatedToEventInstance")), link.get("timeID")
            relation = "IS_INCLUDED" if relation in CONTAINS else INVERSE.get(relation, relation)
        else:
            continue
        if event is None:
            continue
        if time == dct_id:
            to_dct[event] = relation
        elif relation in INSIDE:
            anchors.setdefault(event, time)
    events = []
    for event_id, (span, element) in spans.items():
        if element.tag != "EVENT" or element.get("class") in STATES:
            continue
        gold = _gold(anchors.get(event_id), to_dct.get(event_id), spans, published)
        if gold is not None:
            events.append(GoldAnchor(span, element.get("class") or "", *gold))
    return AnchorDocument(path.stem, "".join(pieces), published, tuple(sorted(events, key=lambda e: e.span)))


def _gold(
    time_id: str | None, relation: str | None, spans: dict, published: datetime
) -> tuple[str, str | None, Span | None] | None:
    """(kind, day, time span) of an event from its anchoring time and its relation to the creation time."""
    if time_id in spans:
        span, timex = spans[time_id]
        value = timex.get("value") or ""
        if timex.get("type") in ("DATE", "TIME") and value == "PRESENT_REF":
            return "published", published.date().isoformat(), span
        if timex.get("type") in ("DATE", "TIME") and value[:1].isdigit() and "X" not in value:
            return "time", day_of(value), span
    if relation in ON_THE_DAY:
        return "published", published.date().isoformat(), None
    if relation in ("BEFORE", "IBEFORE"):
        return "before", None, None
    if relation in ("AFTER", "IAFTER"):
        return "after", None, None
    return None


def day_of(value: str) -> str:
    """A time's value as the day it dates (a time of day or a part of a day: its day); coarser values as they are."""
    return value[:10] if len(value) > 10 and value[10] == "T" else value


def _walk(element: ElementTree.Element, pieces: list[str], spans: dict, offset: int) -> int:
    """Append the element's text (without tags) to ``pieces``, recording each EVENT's and TIMEX3's extent."""
    start = offset
    if element.text:
        pieces.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _walk(child, pieces, spans, offset)
        if child.tail:
            pieces.append(child.tail)
            offset += len(child.tail)
    key = element.get("eid") or element.get("tid")
    if element.tag in ("EVENT", "TIMEX3") and key:
        text = "".join(pieces)[start:offset]
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        spans[key] = (Span(start + lead, offset - trail), element)
    return offset


def tempeval_files(root: Path) -> list[Path]:
    return sorted((root / "time" / "tbaq").rglob("*.tml"))


def anchor_documents(root: Path, part: Part | None) -> Iterator[AnchorDocument]:
    """The gold documents of ``part`` (by file name) below the gold root."""
    for path in tempeval_files(root):
        if in_part(TEMPEVAL, path.stem, part):
            yield read_anchors(path)


@dataclass(frozen=True, slots=True)
class Example:
    """One gold event as the chooser sees it: its candidates with their features, which are right, and whether
    the rules' pick is right."""

    document: str
    kind: str
    options: tuple[Anchor, ...]
    values: tuple[dict[str, float], ...]
    right: tuple[bool, ...]
    rule_right: bool


def examples(documents: Iterable[AnchorDocument], nlp: Language) -> list[Example]:
    """Parse each document with its creation time as publication day, run the stages up to the times, and
    describe every gold event's candidates (the chooser's features, on the pipeline's own times)."""
    documents = list(documents)
    articles = [Article(id=doc.name, text=doc.text, published=doc.published) for doc in documents]
    resources = Resources()
    found = []
    for document, parsed in zip(documents, parse(articles, nlp, selective=False), strict=True):
        parsed = run_stages_through(parsed, resources, "times")
        times = [time for time in parsed.of(TimeRef) if time.value and time.type in ("DATE", "TIME")]
        for gold in document.events:
            words = parsed.doc.char_span(gold.span.start, gold.span.end, alignment_mode="expand")
            if words is None or not len(words):
                continue
            head = words.root
            sentence = Span(head.sent.start_char, head.sent.end_char)
            stated = stated_time(head, sentence, times)
            options = anchoring.candidates(head, times, document.published)
            rule = anchoring.rule_date(stated, head, sentence.start, times, document.published)
            described = anchoring.features(head, options, stated, rule, times, document.published)
            found.append(
                Example(
                    document.name,
                    gold.kind,
                    tuple(options),
                    tuple(values for _, values in described),
                    tuple(is_right(option, gold, document.published) for option in options),
                    is_right(rule, gold, document.published),
                )
            )
    return found


def stated_time(head: Token, sentence: Span, times: list[TimeRef]) -> TimeRef | None:
    """The time the events stage hands the dater as the clause's own: a day of the trigger's clause, else the
    nearest time of its phrase (``extract/events/recode.py``), so training reads what the stage passes."""
    return when_where.clause_time(head, sentence, times) or nearest_in_phrase(head, sentence, times, time_rank)


def is_right(option: Anchor, gold: GoldAnchor, published: datetime) -> bool:
    """Whether an anchor dates the event as the gold does: the gold's own time, or the same day (or no day)."""
    if option.time is not None:
        return (gold.time is not None and gold.time.overlaps(option.time.evidence)) or (
            gold.day is not None and day_of(option.time.value or "") == gold.day
        )
    if option.kind == "published":
        return gold.day == published.date().isoformat()
    return gold.day is None


def scores(found: list[Example], chosen: list[int]) -> dict[str, float | int]:
    """Accuracy of the chosen candidate of each example and of the rules' pick, overall and by gold kind."""
    figures: dict[str, float | int] = {"events": len(found)}
    for kind in (None, "time", "published", "before", "after"):
        picked = [
            (example, choice) for example, choice in zip(found, chosen, strict=True) if kind in (None, example.kind)
        ]
        name = kind or "all"
        figures[f"model_{name}"] = _share(sum(example.right[choice] for example, choice in picked), len(picked))
        figures[f"rules_{name}"] = _share(sum(example.rule_right for example, _ in picked), len(picked))
        figures[f"n_{name}"] = len(picked)
    return figures


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0
