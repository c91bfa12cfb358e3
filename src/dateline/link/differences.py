"""Event alignment inside a story and the resolved values its sources disagree on.

Each independent member article's asserted events are grouped by kind (PLOVER type, and the weapon family for an
assault); events dated far from the story's happening are background ("the 2020 drone strike") and left out. One
story event per kind links every article's events of that kind. For each material story event told by two or
more independent sources (near-duplicates are not independent), an article's claim for a field is the resolved
value of its most told event of that kind that states one, with that event's sentence as evidence. A row is listed
only when two sources' resolved values disagree, and says what kind of difference it is: a ``count`` ("five" vs
"six" killed), a ``date`` (days compared as days), a ``place`` (gazetteer places; a town and its province agree:
the gazetteer nests one in the other's area), a ``place_level`` (one area told at two levels the gazetteer does not
nest: "Khartoum" and "Khartoum North", a city and the town at its edge), the ``party_blamed`` or
``party_targeted`` (actor ids, a state's forces counting as the state: "US strikes" and
"American aggression" name one party), a ``denied_claim`` (one source asserts the happening, another's says it was
denied), and, across the whole story, ``loaded_wording`` in each outlet's own voice (framing stage). Words that
differ but resolve to one value are not differences; words that resolve to nothing are not compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from dateline.model import Event, EventMention, Frame, Place
from dateline.resources.events import QUAD_CLASS
from dateline.store import Store

COUNTS = ("killed", "injured", "arrested", "participants")
NAMES = ("source_text", "target_text")
# What kind of disagreement each field's rows are.
KIND_OF_FIELD = {
    **{name: "count" for name in COUNTS}, "date": "date", "place": "place", "source_text": "party_blamed",
    "target_text": "party_targeted", "modality": "denied_claim", "loaded_wording": "loaded_wording",
}  # fmt: skip
# Two places this close (or one named after the other: "Khartoum North") are one area told at two levels: a city and
# its district or the town at its edge, where two reports of one happening often name either.
NEARBY_KM = 25.0
OWN_VOICE = frozenset({"narration", "headline"})
# A date further than this from the publication is background, not the news ("since the 2018 uprising").
NEWS_DAYS = 3
# How many of a story's independent reports its events and differences are worked out from.
REFRESH_MEMBERS = 200
# Two name keys of one person or group written differently ("hamid-qurishi", "hamid-quraishi").
SAME_NAME = 85
_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d{2})?")
# Number words and day names as regular-expression alternatives: names are compared without them, and a wire copy
# repeats them (stories.py).
NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|dozens?"
    r"|hundreds?|thousands?"
)
WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_QUANTITY = re.compile(
    rf"\b(?:\d[\d,.]*|at least|more than|over|about|some|around|nearly|scores? of|{NUMBER_WORDS}|a|an|the|other"
    rf"|{WEEKDAYS}(?:['’]s)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Difference:
    story_event_id: str | None
    field: str
    article_id: str
    source: str | None
    value: str | None
    evidence_start: int | None
    evidence_end: int | None
    subject: str | None = None  # what the value is about when no story event says it
    kind: str | None = (
        None  # count, date, place, place_level, party_blamed, party_targeted, denied_claim, loaded_wording
    )


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
GUNFIRE = ("opened fire", "gunfire", "shot dead", "shooting")
# Armed forces that "bombed" a place bombed it from the air ("the army bombed homes in Ramadi", "jets bombed the
# port"); a bomb set off on the spot is told as a blast or a bomb that went off, or by a group that is no army.
AIR_RAID_VERBS = ("bombed",)
MILITARY = "MIL"


def event_kind(event: Event) -> str:
    """The kind a story aligns events on: the PLOVER type, and for an ASSAULT the family of its weapon."""
    if event.type != "ASSAULT":
        return event.type
    # A trigger that names gunfire is a shooting whatever weapon the mode was coded with ("opened fire").
    trigger = (event.trigger_text or "").casefold()
    family = "armed" if any(word in trigger for word in GUNFIRE) else VIOLENCE_FAMILY.get(event.mode or "")
    for named in (event.source_text, event.trigger_text):
        if family is None and named:
            folded = named.casefold()
            family = next((name for name, words in WEAPON_WORDS.items() if any(w in folded for w in words)), None)
    if family == "bomb" and event.source_sector == MILITARY and trigger in AIR_RAID_VERBS:
        family = "air"
    return f"ASSAULT/{family}" if family else "ASSAULT"


def material(kind: str) -> bool:
    return QUAD_CLASS[kind.split("/", 1)[0]].startswith("material")


def ranked(events: list[Event], mentions: Counter[str]) -> list[Event]:
    """An article's asserted events, most told first (material events before verbal). Whether the outlet tells
    them in its own voice or through a source does not matter here: a toll is nearly always attributed."""
    told = [event for event in events if event.modality == "asserted"]
    told.sort(key=lambda e: (not e.quad_class.startswith("material"), -mentions[e.event_id], e.evidence.start))
    return told


def event_day(event: Event) -> int | None:
    """The event's day as a date ordinal, when the text dates it to the day (a date inferred from the article or
    its publication day is no claim of the outlet's)."""
    if event.time_precision not in ("day", "time") or not event.date or event.date_basis not in (None, "clause"):
        return None
    return day_of(event.date)


def day_of(value: str) -> int | None:
    """A date value's day as a date ordinal ("2021-06-28", "2021-06-28T10:00"), or None when it names no day."""
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def near_news(day: int, published: int) -> bool:
    """Whether a day told lies within ``NEWS_DAYS`` of the publication (0: undated, so any day)."""
    return not published or abs(day - published) <= NEWS_DAYS


def main_day(told: list[Event], published: int) -> int | None:
    """The day of the article's main happening: the first day-dated event near the publication (0: undated)."""
    for event in told:
        day = event_day(event)
        if day is not None and near_news(day, published):
            return day
    return None


def refresh(store: Store, story_id: str, added: str | None = None) -> None:
    """Recompute the story's events and differences from its members' stored records.

    Only the first ``REFRESH_MEMBERS`` independent reports (in publication order) count: beyond them another
    report of the same story changes no count worth the cost, and recomputing from every member would make each
    new member of a story of ``k`` cost ``k`` (a corpus of near-identical reports would link in quadratic time).
    When ``added`` is an article that is not among those counted (a near-duplicate, or a late report of a big
    story), nothing changes and nothing is recomputed.
    """
    members = [member for member in store.story_members(story_id) if member.role != "near_duplicate"]
    members = members[:REFRESH_MEMBERS]
    if added is not None and all(member.article_id != added for member in members):
        return
    independent = [(member.article_id, member.source) for member in members]
    told: dict[str, list[Event]] = {}
    for article_id, _ in independent:
        told[article_id] = store.derived(("told", article_id), lambda article_id=article_id: _told(store, article_id))
    days = {
        day
        for member in members
        if (day := main_day(told[member.article_id], member.published.toordinal() if member.published else 0))
    }
    agencies = {member.article_id: member.dateline_agency for member in members}
    story_days = frozenset(days)
    kinds = {
        article_id: store.derived(("kinds", article_id, story_days), lambda events=events: _kinds(events, days))
        for article_id, events in told.items()
    }
    families = {kind for grouped in kinds.values() for kind in grouped if _lethal_family(kind)}
    by_kind: dict[str, list[tuple[str, str | None, list[Event]]]] = defaultdict(list)
    for article_id, source in independent:
        for kind, events in kinds[article_id].items():
            # An assault of no known weapon is the story's one kind of assault when it has only one.
            by_kind[families.copy().pop() if kind == "ASSAULT" and len(families) == 1 else kind].append(
                (article_id, source, events)
            )
    story_events, links, rows = [], [], []
    # In the order the first report tells its kinds (most told first): the linker reads a story's main kind as its
    # most told, and a story of one article must keep that article's main kind, not the alphabet's first.
    for kind, members in by_kind.items():
        story_event_id = f"{story_id}:{kind}"
        sources = {source or article_id for article_id, source, _ in members}
        story_events.append((story_event_id, kind, len(members), len(sources)))
        links.extend((story_event_id, article_id, e.event_id) for article_id, _, events in members for e in events)
        if len(sources) > 1 and material(kind):
            rows.extend(_field_differences(store, story_event_id, members, agencies))
    rows.extend(_denials(store, story_id, by_kind, independent, story_days))
    rows.extend(_wording_differences(store, independent))
    store.replace_story_events(story_id, story_events, links, rows)


def _told(store: Store, article_id: str) -> list[Event]:
    mentions = Counter(mention.event_id for mention in store.article_records(EventMention, article_id))
    return ranked(list(store.article_records(Event, article_id)), mentions)


def _kinds(events: list[Event], days: set[int]) -> dict[str, list[Event]]:
    """The article's events by kind, background left out; an assault of no known weapon joins the article's one
    weapon family when it has exactly one ("three others were wounded" in a report of an air strike)."""
    grouped: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if not _background(event, days):
            grouped[event_kind(event)].append(event)
    families = [kind for kind in grouped if _lethal_family(kind)]
    if "ASSAULT" in grouped and len(families) == 1:
        grouped[families[0]].extend(grouped.pop("ASSAULT"))
    return grouped


def _lethal_family(kind: str) -> bool:
    """A weapon family an assault of unknown weapon may belong to: tear gas and water cannon, made not to kill,
    do not take over "one protester was killed" from the shooting told beside them."""
    return kind.startswith("ASSAULT/") and kind != "ASSAULT/repression"


def _background(event: Event, days: set[int]) -> bool:
    if not days or not event.date:
        return False
    day = event_day(event)
    if day is not None:
        return min(abs(day - other) for other in days) > NEWS_DAYS
    # A year or a month ("2019", "2021-06") is background when no day of the story falls in it; other values
    # ("PRESENT_REF", a week) say too little to leave the event out.
    if not _YEAR_OR_MONTH.fullmatch(event.date):
        return False
    return not any(date.fromordinal(other).isoformat().startswith(event.date) for other in days)


def _field_differences(
    store: Store,
    story_event_id: str,
    members: list[tuple[str, str | None, list[Event]]],
    agencies: dict[str, str | None],
) -> list[Difference]:
    datelines = {article_id: _dateline(store, article_id, agencies[article_id]) for article_id, _, _ in members}
    fields: dict[str, tuple[Callable[[Event, str], str | None], Callable[[list[tuple[str, Event]]], str | None]]] = {
        **{name: (_count(name), _distinct(KIND_OF_FIELD[name])) for name in COUNTS},
        "date": (lambda event, _: event.date[:10] if event_day(event) is not None else None, _distinct("date")),
        "place": (lambda event, article_id: _place(event, datelines[article_id]), _places_disagree),
        "source_text": (lambda event, _: _party(event, "source"), _parties_disagree("party_blamed")),
        "target_text": (lambda event, _: _party(event, "target"), _parties_disagree("party_targeted")),
    }
    lead = {article_id: _lead(events) for article_id, _, events in members}
    rows = []
    for name, (value_of, disagree) in fields.items():
        claims = []
        for article_id, source, events in members:
            # A party is read off the article's lead event only: two events' slots would mix two sentences.
            told = [lead[article_id]] if name in NAMES else events
            event = next((event for event in told if value_of(event, article_id) is not None), None)
            claims.append((article_id, source, event, value_of(event, article_id) if event else None))
        stated = [(value, event) for _, _, event, value in claims if event is not None and value is not None]
        if len(stated) > 1 and (kind := disagree(stated)):
            rows.extend(_rows(story_event_id, name, claims, kind=kind))
    return rows


def _lead(events: list[Event]) -> Event:
    """The article's event that carries its claim: the most told one stating a count, else the most told."""
    return next((event for event in events if any(getattr(event, name) is not None for name in COUNTS)), events[0])


def _count(name: str) -> Callable[[Event, str], str | None]:
    def value(event: Event, _: str) -> str | None:
        count = getattr(event, name)
        return None if count is None else str(count)

    return value


def _rows(
    story_event_id: str | None, name: str, claims: list, subject: str | None = None, kind: str | None = None
) -> list[Difference]:
    return [
        Difference(
            story_event_id,
            name,
            article_id,
            source,
            value,
            event.evidence.start if event else None,
            event.evidence.end if event else None,
            subject,
            kind or KIND_OF_FIELD[name],
        )
        for article_id, source, event, value in claims
    ]


def _distinct(kind: str) -> Callable[[list[tuple[str, Event]]], str | None]:
    """Values that differ as written (counts, days) are a difference of ``kind``."""

    def disagree(stated: list[tuple[str, Event]]) -> str | None:
        return kind if len({value for value, _ in stated}) > 1 else None

    return disagree


def _party(event: Event, slot: str) -> str | None:
    """The party a slot resolves to, as "name [key]": a state's forces and its people are the state (the key is
    the country), anyone else their actor id. Words that resolve to no actor are no party, and an event its clause
    does not date to a day is no claim about the happening's parties (see ``_place``)."""
    actor_id, country, text = (getattr(event, f"{slot}_{part}") for part in ("actor_id", "country", "text"))
    if actor_id is None or event_day(event) is None:
        return None
    key = country if country and (actor_id == country or actor_id.startswith(f"{country}-")) else actor_id
    return f"{text or actor_id} [{key}]"


def _parties_disagree(kind: str) -> Callable[[list[tuple[str, Event]]], str | None]:
    """Two parties differ when their keys do, two name keys of one spelling-variant name counting as one."""

    def disagree(stated: list[tuple[str, Event]]) -> str | None:
        keys: list[str] = []
        for value, _ in stated:
            key = value.rsplit("[", 1)[1].rstrip("]")
            if not any(
                key == known or (key.startswith("name:") and fuzz.ratio(key, known) >= SAME_NAME) for known in keys
            ):
                keys.append(key)
        return kind if len(keys) > 1 else None

    return disagree


def _places_disagree(stated: list[tuple[str, Event]]) -> str | None:
    """Places the gazetteer nests (a town in its province) agree; one area told at two levels (a city and its
    district, "Khartoum" and "Khartoum North") is a ``place_level`` row; any other pair of places (another town,
    another province, another country) makes the rows a ``place`` disagreement."""
    events = [event for _, event in stated]
    pairs = [
        (a, b) for i, a in enumerate(events) for b in events[i + 1 :] if not _contains(a, b) and not _contains(b, a)
    ]
    if not pairs:
        return None
    return "place_level" if all(_one_area(a, b) for a, b in pairs) else "place"


def _contains(outer: Event, inner: Event) -> bool:
    if outer.geonames_id is not None and outer.geonames_id == inner.geonames_id:
        return True
    if outer.country is None or outer.country != inner.country:
        return (outer.place_text or "").casefold() == (inner.place_text or "-").casefold()
    if outer.geo_precision == "country":
        return True
    return outer.geo_precision == "admin" and outer.admin1 is not None and outer.admin1 == inner.admin1


def _one_area(one: Event, other: Event) -> bool:
    """Two places of one country that are one area at two levels: one named after the other ("Khartoum North"
    and "Khartoum"), or their coordinates within ``NEARBY_KM``."""
    if one.country is None or one.country != other.country:
        return False
    names = sorted(((one.place_text or "").casefold().split(), (other.place_text or "").casefold().split()), key=len)
    if names[0] and names[1][: len(names[0])] == names[0]:
        return True
    if None in (one.latitude, one.longitude, other.latitude, other.longitude):
        return False
    return _km(one, other) <= NEARBY_KM


def _km(one: Event, other: Event) -> float:
    """Great-circle distance between two placed events (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (one.latitude, one.longitude, other.latitude, other.longitude))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _place(event: Event, dateline: set[str]) -> str | None:
    """Where the event's own clause places it, resolved in the gazetteer. The dateline names where the reporter
    files from, and a place taken from the article around the clause is no claim about this event; a name the
    gazetteer did not resolve ("the Iraqi-Syrian border") cannot be compared with anything. An event the clause does
    not date to a day (dated only by the publication, or to a year: a background attack, a recollection in a
    follow-up) is no claim about where this happening was."""
    if event.place_text is None or event.place_text in dateline or event.geonames_id is None or not event_day(event):
        return None
    return event.place_text if event.place_basis in (None, "clause") else None


def _dateline(store: Store, article_id: str, agency: str | None) -> set[str]:
    """The dateline's place as the text writes it ("BAGHDAD") and its agency ("Meridian")."""
    return store.derived(("dateline", article_id, agency), lambda: _dateline_parts(store, article_id, agency))


def _dateline_parts(store: Store, article_id: str, agency: str | None) -> set[str]:
    parts = {
        place.text
        for place in store.article_records(Place, article_id)
        if place.is_dateline or (place.evidence.start == 0 and place.text.isupper())
    }
    return parts | ({agency} if agency else set())


def _denials(
    store: Store,
    story_id: str,
    by_kind: dict[str, list[tuple[str, str | None, list[Event]]]],
    independent: list[tuple[str, str | None]],
    days: frozenset[int],
) -> list[Difference]:
    """A happening one source asserts and another's article denies ("the ministry denied hitting civilians"): the
    asserting and the denying sentence, side by side."""
    rows = []
    for kind, members in sorted(by_kind.items()):
        if not material(kind):
            continue
        asserted = {article_id: (source, events[0]) for article_id, source, events in members}
        denied = []
        for article_id, source in independent:
            events = [
                event
                for event in store.article_records(Event, article_id)
                if event.modality == "denied" and _same_kind(event, kind) and not _background(event, set(days))
            ]
            if events:
                denied.append((article_id, source, events[0]))
        sides = {source or article_id for article_id, (source, _) in asserted.items()}
        deniers = {source or article_id for article_id, source, _ in denied}
        if not denied or not sides - deniers:
            continue
        claims = [(article_id, source, event, "asserted") for article_id, (source, event) in asserted.items()]
        claims += [(article_id, source, event, "denied") for article_id, source, event in denied]
        rows.extend(_rows(f"{story_id}:{kind}", "modality", claims))
    return rows


def _same_kind(event: Event, kind: str) -> bool:
    """A denied event is of the story event's kind when its own kind is, or names no weapon of another family."""
    own = event_kind(event)
    return own == kind or (own == "ASSAULT" and kind.startswith("ASSAULT"))


def _wording_differences(store: Store, members: list[tuple[str, str | None]]) -> list[Difference]:
    wording = {}
    for article_id, source in members:
        frames = [
            frame
            for frame in store.article_records(Frame, article_id)
            if frame.voice in OWN_VOICE and not frame.negated
        ]
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
                kind=KIND_OF_FIELD["loaded_wording"],
            )
        )
    return rows
