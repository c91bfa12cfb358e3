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
    start: int
    end: int
    text: str
    annotations: tuple[Annotation, ...]
    opens: tuple[str, ...]  # refs whose first span starts here: the anchor a record links to

    @property
    def kinds(self) -> list[str]:
        return sorted({annotation.kind for annotation in self.annotations})

    @property
    def refs(self) -> list[str]:
        return list(dict.fromkeys(annotation.ref for annotation in self.annotations))

    @property
    def note(self) -> str:
        return "\n".join(dict.fromkeys(annotation.note for annotation in self.annotations if annotation.note))


def segments(text: str, annotations: list[Annotation]) -> list[Segment]:
    """Cut ``text`` at every annotation boundary; spans outside the text are clipped, empty ones dropped."""
    kept = [
        Annotation(max(0, a.start), min(len(text), a.end), a.kind, a.ref, a.note)
        for a in annotations
        if min(len(text), a.end) > max(0, a.start)
    ]
    cuts = sorted({0, len(text), *(a.start for a in kept), *(a.end for a in kept)})
    first_start: dict[str, int] = {}
    for annotation in kept:
        first_start[annotation.ref] = min(first_start.get(annotation.ref, annotation.start), annotation.start)
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(a for a in kept if a.start <= start and end <= a.end)
        opens = tuple(ref for ref, first in first_start.items() if first == start)
        out.append(Segment(start, end, text[start:end], covering, opens))
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
