"""Event alignment inside a story and the claims its sources disagree on.

Each member article's asserted events are grouped by PLOVER type; an article's representative for a type is its
most reported event (most mentions, then largest count). One story event per type links those representatives.
For every story event told by two or more independent sources (near-duplicates are not independent), each field
whose values differ yields one row per source: counts ("five" vs "six" killed), date, place, the names given to the
source and the target ("resistance fighters" vs "militia members"), and whose voice tells it. Loaded wording in
the outlet's own voice (framing stage) is compared per source the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from dateline.model import Event, EventMention, Frame
from dateline.store import Store

FIELDS = (
    "killed",
    "injured",
    "arrested",
    "participants",
    "date",
    "place_text",
    "source_text",
    "target_text",
    "attribution",
)
OWN_VOICE = frozenset({"narration", "headline"})


@dataclass(frozen=True, slots=True)
class Difference:
    story_event_id: str | None
    field: str
    article_id: str
    source: str | None
    value: str | None
    evidence_start: int | None
    evidence_end: int | None


# Violence of different kinds is different happenings: a market bombing and the shooting at a protest that day.
VIOLENCE_FAMILY = {
    "aerial": "air", "drone": "air", "heavy-weapons": "shelling", "explosives": "bomb", "suicide-attack": "bomb",
    "firearms": "armed", "crowd-control": "repression", "abduct": "abduction", "sexual": "sexual",
}  # fmt: skip


# An assault whose mode names no weapon ("a blast killed", "warplanes bombed": mode "destroy") takes the family
# of the weapon its trigger or its source names.
# The source is read before the trigger: "warplanes bombed" is an air strike.
WEAPON_WORDS = {
    "air": ("warplane", "airstrike", "air strike", "aircraft", "drone"),
    "bomb": ("blast", "bomb", "explosi", "suicide"),
    "shelling": ("shell", "artillery", "mortar", "rocket"),
    "armed": ("gunm", "gunfire", "shot", "shooting", "sniper"),
}


def event_kind(event: Event) -> str:
    """The kind a story aligns events on: the PLOVER type, and for an ASSAULT the family of its weapon."""
    if event.type != "ASSAULT":
        return event.type
    family = VIOLENCE_FAMILY.get(event.mode or "")
    for named in (event.source_text, event.trigger_text):
        if family is None and named:
            folded = named.casefold()
            family = next((name for name, words in WEAPON_WORDS.items() if any(w in folded for w in words)), None)
    return f"ASSAULT/{family}" if family else "ASSAULT"


def refresh(store: Store, story_id: str) -> None:
    """Recompute the story's events and differences from its members' stored records."""
    members = store.story_members(story_id)  # (article_id, source, role)
    independent = [(article_id, source) for article_id, source, role in members if role != "near_duplicate"]
    by_type: dict[str, list[tuple[str, str | None, Event]]] = defaultdict(list)
    for article_id, source in independent:
        mentions = _mention_counts(store, article_id)
        chosen: dict[str, Event] = {}
        for event in store.records(Event, article_id):
            if event.modality != "asserted":
                continue
            kind = event_kind(event)
            best = chosen.get(kind)
            if best is None or _weight(event, mentions) > _weight(best, mentions):
                chosen[kind] = event
        for kind, event in chosen.items():
            by_type[kind].append((article_id, source, event))
    story_events, links, rows = [], [], []
    for kind, told in sorted(by_type.items()):
        story_event_id = f"{story_id}:{kind}"
        sources = {source for _, source, _ in told}
        story_events.append((story_event_id, kind, len(told), len(sources)))
        links.extend((story_event_id, article_id, event.event_id) for article_id, _, event in told)
        if len(sources) > 1:
            rows.extend(_field_differences(story_event_id, told))
    rows.extend(_wording_differences(store, independent))
    store.replace_story_events(story_id, story_events, links, rows)


def _mention_counts(store: Store, article_id: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for mention in store.records(EventMention, article_id):
        counts[mention.event_id] += 1
    return counts


def _weight(event: Event, mentions: dict[str, int]) -> tuple[int, int, float]:
    largest = max(value or 0 for value in (event.killed, event.injured, event.arrested, event.participants))
    return mentions.get(event.event_id, 0), largest, event.confidence


def _field_differences(story_event_id: str, told: list[tuple[str, str | None, Event]]) -> list[Difference]:
    rows = []
    for name in FIELDS:
        values = {article_id: getattr(event, name) for article_id, _, event in told}
        distinct = {_normal(value) for value in values.values() if value is not None}
        if len(distinct) < 2:
            continue
        for article_id, source, event in told:
            value = getattr(event, name)
            rows.append(
                Difference(
                    story_event_id,
                    name,
                    article_id,
                    source,
                    None if value is None else str(value),
                    event.evidence.start,
                    event.evidence.end,
                )
            )
    return rows


def _wording_differences(store: Store, members: list[tuple[str, str | None]]) -> list[Difference]:
    wording = {}
    for article_id, source in members:
        frames = [frame for frame in store.records(Frame, article_id) if frame.voice in OWN_VOICE and not frame.negated]
        wording[article_id] = (source, frames)
    terms = {
        article_id: sorted({frame.text.casefold() for frame in frames}) for article_id, (_, frames) in wording.items()
    }
    if len({tuple(value) for value in terms.values()}) < 2 or len({source for source, _ in wording.values()}) < 2:
        return []
    rows = []
    for article_id, (source, frames) in wording.items():
        first = frames[0] if frames else None
        rows.append(
            Difference(
                None,
                "loaded_wording",
                article_id,
                source,
                ", ".join(terms[article_id]) or None,
                first.evidence.start if first else None,
                first.evidence.end if first else None,
            )
        )
    return rows


def _normal(value: object) -> str:
    return " ".join(str(value).casefold().replace("the ", "").split())
