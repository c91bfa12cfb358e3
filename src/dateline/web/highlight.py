"""Lay record spans over an article's text: the text cut at every span boundary, each piece knowing what covers it.

Spans overlap freely (a quote holds actors, an event's sentence holds its trigger), so the text is not nested into
elements: it is cut into segments, and each segment lists the annotations that cover it. Templates render a segment
as one element whose classes and data attributes say what it is; the text itself is always escaped by the template.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Annotation:
    """A span of the text that belongs to a record: ``ref`` names the record ("e12"), ``kind`` its layer."""

    start: int
    end: int
    kind: str
    ref: str
    note: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text and what covers it, worked out once: templates read these per piece."""

    start: int
    end: int
    text: str
    kinds: tuple[str, ...]  # layers covering it, sorted, for CSS classes
    refs: tuple[str, ...]  # records covering it, in the order their spans were given
    note: str  # the covering records' notes, one per line, for the hover title
    opens: tuple[str, ...]  # refs whose first span starts here: the anchor a record links to


def segments(text: str, annotations: list[Annotation]) -> list[Segment]:
    """Cut ``text`` at every annotation boundary; spans outside the text are clipped, empty ones dropped.

    One sweep over the cut points, keeping the annotations open at each, so a long article with hundreds of
    records costs what its records cost, not their product.
    """
    kept = [
        Annotation(max(0, a.start), min(len(text), a.end), a.kind, a.ref, a.note)
        for a in annotations
        if min(len(text), a.end) > max(0, a.start)
    ]
    cuts = sorted({0, len(text), *(a.start for a in kept), *(a.end for a in kept)})
    starting: dict[int, list[tuple[int, Annotation]]] = {}
    for order, annotation in enumerate(kept):
        starting.setdefault(annotation.start, []).append((order, annotation))
    first_start: dict[str, int] = {}
    for annotation in kept:
        first_start[annotation.ref] = min(first_start.get(annotation.ref, annotation.start), annotation.start)
    opening: dict[int, list[str]] = {}
    for ref, first in first_start.items():
        opening.setdefault(first, []).append(ref)
    open_now: dict[int, Annotation] = {}
    out = []
    for start, end in itertools.pairwise(cuts):
        for order, annotation in starting.get(start, ()):
            open_now[order] = annotation
        for order in [order for order, annotation in open_now.items() if annotation.end <= start]:
            del open_now[order]
        covering = [open_now[order] for order in sorted(open_now)]
        out.append(
            Segment(
                start,
                end,
                text[start:end],
                tuple(sorted({a.kind for a in covering})),
                tuple(dict.fromkeys(a.ref for a in covering)),
                "\n".join(dict.fromkeys(a.note for a in covering if a.note)),
                tuple(opening.get(start, ())),
            )
        )
    return out


def _slot(value: Any) -> str:
    return "" if value is None else str(value)


def article_annotations(view: dict[str, Any]) -> list[Annotation]:
    """The highlighted layers of the article page, from the records ``queries.article`` returns."""
    actors = {row["actor_id"]: row for row in view["actors"]}
    out: list[Annotation] = []
    for row in view["mentions"]:
        actor = actors.get(row["actor_id"], {})
        note = f"actor: {actor.get('name') or row['actor_id']} ({row['mention_kind']}"
        note += f", {actor['country']}/{actor.get('sector') or '-'})" if actor.get("country") else ")"
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "actor", f"a{actor.get('id', 0)}", note))
    for row in view["times"]:
        note = f"time: {row['type']} {row['value'] or '?'} ({row['granularity']})"
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "time", f"t{row['id']}", note))
    for row in view["places"]:
        where = ", ".join(_slot(v) for v in (row["name"], row["country"]) if v)
        note = f"place: {where} ({row['precision']})"
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "place", f"p{row['id']}", note))
    for row in view["quotes"]:
        note = f"quote ({row['kind']}): {row['speaker_text'] or 'speaker unknown'}"
        if row["cue_text"]:
            note += f" — {row['cue_text']}"
        ref = f"q{row['id']}"
        out.append(Annotation(row["content_start"], row["content_end"], "quote", ref, note))
        if row["continuation_start"] is not None:
            out.append(Annotation(row["continuation_start"], row["continuation_end"], "quote", ref, note))
        if row["speaker_start"] is not None:
            out.append(Annotation(row["speaker_start"], row["speaker_end"], "speaker", ref, f"speaker of {note}"))
    for row in view["frames"]:
        neutral = repr(row["neutral"]) if row["neutral"] else "(drop the word)"
        note = f"framing: {row['category']}, voice {row['voice']}; neutral wording {neutral}"
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "frame", f"f{row['id']}", note))
    by_event_id = {row["event_id"]: row for row in view["events"]}
    for row in view["events"]:
        ref = f"e{row['id']}"
        note = f"event: {row['type']}{'/' + row['mode'] if row['mode'] else ''} ({row['modality']})"
        out.append(Annotation(row["trigger_start"], row["trigger_end"], "event", ref, note))
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "event-sentence", ref, ""))
    for row in view["event_mentions"]:
        event = by_event_id.get(row["event_id"])
        if event is None:
            continue
        ref = f"e{event['id']}"
        note = f"event: {event['type']} (restated)"
        out.append(Annotation(row["trigger_start"], row["trigger_end"], "event", ref, note))
        out.append(Annotation(row["evidence_start"], row["evidence_end"], "event-sentence", ref, ""))
    return out


def difference_annotations(article_id: str, difference_rows: list[dict[str, Any]]) -> list[Annotation]:
    """A story's differences as spans of one of its articles: the sentence each source's value comes from."""
    return [
        Annotation(
            row["evidence_start"],
            row["evidence_end"],
            "difference",
            f"d{row['id']}",
            f"{row['field']}: {row['value'] if row['value'] is not None else '(not stated)'}",
        )
        for row in difference_rows
        if row["article_id"] == article_id and row["evidence_start"] is not None
    ]
