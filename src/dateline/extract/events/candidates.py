"""The typed working records of the event coder: a slot, a candidate event, and the article's context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from dateline.extract import roles
from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.syntax import token_column
from dateline.model import Actor, Mention, Place, Quote, Span, TimeRef
from dateline.nlp import ParsedArticle
from dateline.read.article import dateline_end
from dateline.resources.events import EventLexicon, Trigger
from dateline.resources.place_model import PlaceModel
from dateline.resources.role_model import RoleModel

PRECISION_RANK = {"exact": 0, "admin": 1, "region": 2, "country": 3}
GRANULARITY_RANK = {"day": 0, "time": 0, "part_of_day": 0, "week": 1, "month": 2, "year": 3}


@dataclass(slots=True)
class Slot:
    text: str | None = None
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = None
    head: Token | None = None  # the word the slot was read from, for the roles check before the record is made


@dataclass(slots=True)
class Candidate:
    """One trigger in one sentence, with its slots; merged candidates become one Event."""

    trigger: Trigger
    kind: str
    head: Token
    trigger_span: Span
    sentence: Span
    source: Slot
    target: Slot
    mode: str | None
    acled: str | None
    # Where it happened, read on first ask (``place``) from ``find_place``: about a quarter of the candidates are
    # set aside (their clause tells of no happening, or nature acted) before anything asks.
    stated: Place | None = None
    find_place: Callable[[], Place | None] | None = None
    time: TimeRef | None = None
    counts: dict[str, int] = field(default_factory=dict)
    modality: str = "asserted"
    quote: Quote | None = None
    definite: bool = False
    # Its doer is a definite description with no name ("The participants chanted"): it may point back to a
    # happening told in an earlier sentence.
    doer_described: bool = False
    mentions: list[tuple[Span, Span]] = field(default_factory=list)
    quoted: list[Quote | None] = field(default_factory=list)
    confidence: float = 0.5
    happening: float = 1.0  # the happening detector's probability that the clause reports a happening

    @property
    def place(self) -> Place | None:
        if self.find_place is not None:
            self.stated, self.find_place = self.find_place(), None
        return self.stated

    @place.setter
    def place(self, place: Place | None) -> None:
        self.stated, self.find_place = place, None


@dataclass(frozen=True, slots=True)
class Context:
    """What earlier stages found in the article, indexed for slot filling."""

    mentions: list[Mention]
    actors: dict[str, Actor]
    places: list[Place]
    times: list[TimeRef]
    # The times after the dateline opener: "KYIV, July 9 (Wire) -" is when the report was filed, never the date
    # of the clause the parser joins it to.
    clause_times: list[TimeRef]
    quotes: list[Quote]
    # Each quote's content, continuation and cue as (start, end, quote), in the quotes' order: every trigger asks
    # which quote carries it.
    quote_parts: tuple[tuple[int, int, Quote], ...]
    speaker_spans: tuple[tuple[int, int], ...]  # the quotes' speaker mentions: a trigger there names who speaks
    chants: list[Quote]
    dateline: Place | None
    dateline_end: int
    published: datetime | None
    event_nouns: frozenset[str]  # nouns the lexicon reads as happenings: never an actor
    text: str  # the article's text, which the parse covers exactly (``Doc.text`` is rebuilt on every ask)
    source_model: RoleModel  # choose a source and a target the rules missed; empty: the rules' choices stand
    target_model: RoleModel
    place_model: PlaceModel  # which of a sentence's places is its event's (``event_place.stated_place``)
    # The words any of ``mentions`` overlaps, by index: the role models ask it of every noun of a sentence, once
    # per trigger and role.
    actor_words: frozenset[int]


def _event_nouns(lexicon: EventLexicon) -> frozenset[str]:
    """The lexicon's one-word noun triggers, worked out once per lexicon (kept beside it, so its id stays its)."""
    kept = _EVENT_NOUNS.get(id(lexicon))
    if kept is None or kept[0] is not lexicon:
        nouns = frozenset(
            entry.lemmas[0]
            for entries in lexicon.triggers.values()
            for entry in entries
            if entry.pos in ("noun", "any") and len(entry.lemmas) == 1
        )
        kept = _EVENT_NOUNS[id(lexicon)] = (lexicon, nouns - HUMAN_NOUNS - roles.BODIES)
    return kept[1]


_EVENT_NOUNS: dict[int, tuple[EventLexicon, frozenset[str]]] = {}


def context_of(
    parsed: ParsedArticle,
    lexicon: EventLexicon,
    source_model: RoleModel,
    target_model: RoleModel,
    place_model: PlaceModel,
) -> Context:
    places, quotes, mentions = parsed.of(Place), parsed.of(Quote), parsed.of(Mention)
    dateline = next((place for place in places if place.is_dateline), None)
    statements = [quote for quote in quotes if quote.kind in ("direct", "indirect", "mixed")]
    times = [time for time in parsed.of(TimeRef) if time.value and time.type in ("DATE", "TIME")]
    dateline_end = _dateline_end(parsed.article.text, dateline)
    return Context(
        mentions=mentions,
        actors={actor.actor_id: actor for actor in parsed.of(Actor)},
        places=[place for place in places if not place.is_dateline],
        times=times,
        clause_times=[time for time in times if time.evidence.start >= dateline_end],
        quotes=statements,
        quote_parts=tuple(
            (part.start, part.end, quote)
            for quote in statements
            for part in (quote.content, quote.continuation, quote.cue)
            if part is not None
        ),
        speaker_spans=tuple(
            (quote.speaker_mention.start, quote.speaker_mention.end)
            for quote in statements
            if quote.speaker_mention is not None
        ),
        chants=[quote for quote in quotes if quote.kind in ("chant", "title")],
        dateline=dateline,
        dateline_end=dateline_end,
        published=parsed.article.published,
        event_nouns=_event_nouns(lexicon),
        text=parsed.article.text,
        source_model=source_model,
        target_model=target_model,
        place_model=place_model,
        actor_words=_words_in(parsed.doc, mentions),
    )


def _words_in(doc: Doc, mentions: list[Mention]) -> frozenset[int]:
    """The indices of the words whose characters overlap one of ``mentions``."""
    if not mentions:
        return frozenset()
    starts = token_column(doc, IDX).view(np.int64)
    ends = starts + token_column(doc, LENGTH).view(np.int64)
    # Words are in text order and never overlap: those after a mention's start and before its end are a run, found
    # for every mention in one search each side (``bisect_right`` and ``bisect_left`` of the word bounds).
    firsts = np.searchsorted(ends, [mention.evidence.start for mention in mentions], side="right").tolist()
    lasts = np.searchsorted(starts, [mention.evidence.end for mention in mentions], side="left").tolist()
    return frozenset(index for first, last in zip(firsts, lasts, strict=True) for index in range(first, last))


def _dateline_end(text: str, dateline: Place | None) -> int:
    """Where the dateline opener ("BAGHDAD (Dispatches) --", "KHARTOUM, June 30 (Meridian) -") ends: nothing
    before it is a slot. The reader's pattern finds openers with a date or country; the resolved dateline place
    covers those it does not (a title-case city)."""
    end = dateline_end(text)
    if dateline is None:
        return end
    dash = re.compile(r"\s*(?:\([^()\n]{0,40}\))?\s*(?:--?|[–—])\s*").match(text, dateline.evidence.end)
    return max(end, dash.end() if dash else dateline.evidence.end)


def place_rank(place: Place) -> int:
    return PRECISION_RANK.get(place.precision, 4)


def time_rank(time: TimeRef) -> int:
    return GRANULARITY_RANK.get(time.granularity, 4)
