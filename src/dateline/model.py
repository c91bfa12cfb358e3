"""The typed records dateline produces, defined once.

Every record is a frozen, slotted dataclass carrying the ``article_id`` it belongs to, an
``evidence`` span of character offsets into ``Article.text`` and a ``confidence`` in [0, 1].
``RECORD_TABLES`` maps each record type to its store table; adding a record type means adding
a class here, a line there and a migration in ``store.py``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import TypeAlias, TypeVar


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def content_hash(text: str, title: str | None = None, source: str | None = None) -> str:
    """The key that makes a rerun idempotent: the same outlet's same story hashes the same.

    The outlet is part of the key on purpose: a wire copy printed by two outlets is two
    articles (the linking stage marks them as near-duplicates), not one.
    """
    digest = hashlib.sha256()
    for part in (source or "", title or "", text):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read, with its text normalised once and never changed afterwards.

    ``published`` is timezone-aware when the source states a zone or offset; when it does
    not (the seed's ``22:23``), it stays naive, meaning local time at the outlet, and
    ``published_has_zone`` is False. dateline never invents UTC. ``published_precision`` says how
    much of it the source stated: ``day`` (a date alone, kept as a naive midnight that the store
    writes as the date only), ``minute`` or ``second``; when not given it is judged from the value.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: datetime | None = None
    published_has_zone: bool = False
    published_precision: str | None = None
    dateline_place: str | None = None
    dateline_agency: str | None = None
    language: str | None = None
    summary_only: bool = False
    format: str = "text"
    origin: str = ""
    content_hash: str = field(default="")

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text, self.title, self.source))
        if self.published is not None and self.published_has_zone != (self.published.tzinfo is not None):
            raise ValueError("published_has_zone must say whether published carries a timezone")
        if self.published is None:
            if self.published_precision is not None:
                raise ValueError("published_precision needs a published date")
            return
        if self.published_precision is None:
            object.__setattr__(self, "published_precision", precision_of(self.published))
        if self.published_precision not in PUBLISHED_PRECISIONS:
            raise ValueError(f"published_precision must be one of {', '.join(PUBLISHED_PRECISIONS)}")
        if self.published_precision == "day" and (self.published.tzinfo or self.published.time() != time()):
            raise ValueError("a publish date of day precision is a naive midnight: no time, no zone")

    @property
    def published_text(self) -> str | None:
        """The publish date as ISO 8601 to the precision the source stated: "2021-06-30", "2021-06-30T22:23"."""
        if self.published is None:
            return None
        if self.published_precision == "day":
            return self.published.date().isoformat()
        return self.published.isoformat(timespec="minutes" if self.published_precision == "minute" else "auto")


PUBLISHED_PRECISIONS = ("day", "minute", "second")


def precision_of(published: datetime) -> str:
    """How precise a publish time is, judged from the value alone: an exact naive midnight is a date
    without a time (what a source stating only the day gives), seconds make it ``second``."""
    if published.second or published.microsecond:
        return "second"
    if published.tzinfo is None and published.time() == time():
        return "day"
    return "minute"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence boundary from the parse, so every record can be shown in its sentence."""

    article_id: str
    position: int
    evidence: Span
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span as the statistical pipeline labels it (PERSON, ORG, GPE, ...)."""

    article_id: str
    evidence: Span
    text: str
    label: str
    confidence: float


# A string alias, so record types defined further down (appended at the end) can join it.
Record: TypeAlias = (
    "Sentence | Entity | TimeRef | Frame | Place | Actor | Mention | Quote | Event | EventMention | WordCount"
)
R = TypeVar("R")

RECORD_TABLES: dict[type, str] = {
    Sentence: "sentences",
    Entity: "entities",
}


@dataclass(frozen=True, slots=True)
class Analysis:
    """One article and every record the stages extracted from it."""

    article: Article
    records: tuple[Record, ...] = ()

    def of(self, kind: type[R]) -> list[R]:
        return [record for record in self.records if type(record) is kind]

    @property
    def sentences(self) -> list[Sentence]:
        return self.of(Sentence)

    @property
    def entities(self) -> list[Entity]:
        return self.of(Entity)


def to_json(value: object) -> object:
    """A record, article or analysis as plain JSON values (spans as ``{"start", "end"}``)."""
    if isinstance(value, Analysis):
        tables: dict[str, list[object]] = {table: [] for table in RECORD_TABLES.values()}
        for record in value.records:
            tables[RECORD_TABLES[type(record)]].append(to_json(record))
        return {"article": to_json(value.article), **tables}
    if isinstance(value, Article):
        return {name: to_json(getattr(value, name)) for name in value.__dataclass_fields__} | {
            "published": value.published_text
        }
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {name: to_json(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A temporal expression and its TIMEX3-style value, anchored on the publish date or the text.

    ``type`` is the TIMEX3 type (DATE, TIME, DURATION, SET); ``value`` is None when the text does
    not honestly resolve ("Monday" with no publish date, "31 February"); ``anchor`` says what a
    relative value was computed from: "publish_date", "dateline", "text" or "none".
    """

    article_id: str
    evidence: Span
    text: str
    type: str
    value: str | None
    granularity: str
    anchor: str
    confidence: float

    @property
    def label(self) -> str:
        """How listings such as ``dateline show`` label it: "DATE 2021-06-28", "DATE ?" when unresolved."""
        return f"{self.type} {self.value or '?'}"


RECORD_TABLES[TimeRef] = "times"


@dataclass(frozen=True, slots=True)
class Frame:
    """A loaded or evaluative expression, whose voice it is, and the neutral wording an analyst would use.

    ``voice`` is ``narration`` (the outlet's own), ``headline``, ``direct_quote``, ``indirect_quote``
    (both with ``speaker_text`` when found) or ``scare_quote`` (quotation marks and no speaker).
    ``neutral`` is inflected like the evidence ("martyred" -> "killed"); "" means a neutral
    rendering drops the word (an intensifier); the evidence itself means no neutral wording is known
    (a span the tagger found that the lexicon lacks). ``technique`` is the SemEval-2020 Task 11 label
    the expression counts as in context (the span tagger's reading), or None; ``technique_span`` is the
    phrase that technique covers, which may reach past the evidence: the noun a loaded adjective
    qualifies ("botched investigation"), an intensifier ("grossly negligent"), the noun phrase of a
    label ("the infidels").
    """

    article_id: str
    evidence: Span
    text: str
    lemma_key: str
    category: str
    technique: str | None
    neutral: str
    favours: str | None
    voice: str
    speaker_text: str | None
    negated: bool
    confidence: float
    technique_span: Span | None = None

    @property
    def label(self) -> str:
        # What `dateline show` prints beside the evidence.
        voice = f"{self.voice}: {self.speaker_text}" if self.speaker_text else self.voice
        negated = ", negated" if self.negated else ""
        return f"{self.category} [{voice}{negated}] -> {self.neutral or '(drop)'!r}"


# Registered beside its class so that record types added in parallel merge without conflict.
RECORD_TABLES[Frame] = "frames"


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved offline to a gazetteer place.

    ``country`` is ISO-3 (as for actors); ``countries`` lists every country a border or region
    spans ("the Iraqi-Syrian border" → IRQ, SYR, with ``border`` set). ``admin1`` is the GeoNames
    admin-1 code ("IQ.07"). ``precision`` says what the coordinates locate: ``exact`` (the place
    itself), ``admin`` (an admin region, or only the enclosing city of an unknown district),
    ``country``, or ``region`` (borders, multi-country regions, continents).
    """

    article_id: str
    evidence: Span
    text: str
    geonames_id: int | None
    name: str
    feature: str
    country: str | None
    countries: tuple[str, ...]
    admin1: str | None
    latitude: float | None
    longitude: float | None
    precision: str
    border: bool
    is_dateline: bool
    confidence: float


# Registered here, after its class, so the table list above stays as it was for other stages' merges.
RECORD_TABLES[Place] = "places"


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, organisation, state or group that an article mentions, once per article.

    ``actor_id`` is stable across articles and outlets: the dictionary id for a known actor ("IRQ",
    "AAH"), the state and sector for a state institution ("IRQ-GOV", "USA-MIL"), else ``name:`` and the
    spelling-insensitive key of the name ("name:ilijah-magniir"), so one unknown name gets one id
    everywhere. ``country`` is ISO-3; ``sector`` a PLOVER actor sector (GOV, MIL, REB, ...) or IGO,
    NGO, MED. ``evidence`` is the first mention by name.
    """

    article_id: str
    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None
    evidence: Span
    confidence: float

    @property
    def label(self) -> str:
        # What `dateline show` prints beside the evidence.
        return f"{self.actor_id} {self.kind} {self.country or '-'}/{self.sector or '-'}"


RECORD_TABLES[Actor] = "actors"


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface form that refers to an actor: a name, alias, acronym, pronoun, description, demonym
    ("Iraqi government") or metonym ("Washington")."""

    article_id: str
    actor_id: str
    evidence: Span
    text: str
    mention_kind: str
    confidence: float

    @property
    def label(self) -> str:
        return f"{self.mention_kind} -> {self.actor_id}"


RECORD_TABLES[Mention] = "mentions"


@dataclass(frozen=True, slots=True)
class Quote:
    """Reported speech: who said what, how, and through which medium, each part a span of the text.

    ``evidence`` covers the whole attribution (content, cue and the speaker's mention); ``content`` is
    the quoted or reported words (inside the quote marks for a direct quote), and ``continuation`` the
    second part of a quote split around its cue ("“…,” he said. “…”"). ``kind`` is ``direct``,
    ``indirect``, ``mixed`` (a reported clause holding a quoted fragment), ``chant`` (slogans shouted or
    written: no one's own words), ``title`` (a work's name), ``scare`` (marks of distance, no speaker) or
    ``unattributed`` (a quoted passage the article says no one said: no cue, no speaker).
    ``speaker_mention`` is how the attribution names the speaker ("he", "the Brussels-based analyst");
    ``speaker`` is the named mention it resolves to within the article, or the mention itself when it
    is a description that names no one ("a source"), or None when unknown. ``speaker_actor_id`` is the
    actor (see ``Actor``) the speaker's mention belongs to, when the actors stage found one.
    """

    article_id: str
    evidence: Span
    content: Span
    continuation: Span | None
    kind: str
    speaker: Span | None
    speaker_text: str | None
    speaker_mention: Span | None
    speaker_actor_id: str | None
    cue: Span | None
    cue_text: str | None
    medium: str | None
    medium_span: Span | None
    confidence: float

    @property
    def label(self) -> str:
        """How listings such as ``dateline show`` label it: "direct Khazali (said)"."""
        return f"{self.kind} {self.speaker_text or '?'} ({self.cue_text or '-'})"


# Registered beside its class so that record types added in parallel merge without conflict.
RECORD_TABLES[Quote] = "quotes"


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where, when and how many: one happening coded to PLOVER v0.8, once per article.

    ``type``/``mode``/``quad_class`` follow PLOVER. The source and target slots name the actor (an ``Actor`` id
    when the actors stage knows it, with its ISO-3 country and sector); place and time slots copy the ``Place``
    and ``TimeRef`` chosen by syntax and proximity. Counts are the minimum the text states ("at least five" -> 5,
    "thousands" -> 1000), the largest over the sentences that restate the same happening, never their sum.
    ``modality`` says how the text holds it (``asserted``, ``alleged`` by an accuser, ``negated``, ``threatened``,
    ``conditional``, ``denied``; what only may happen is no event) and ``attribution`` in whose voice (``outlet``
    or ``quote``, then ``quote_evidence`` is the quote's evidence). ``acled_sub_event``/``acled_event_type`` code
    it in ACLED's typology when it is an ACLED event. Every sentence that reports it is an ``EventMention``.
    """

    article_id: str
    event_id: str
    evidence: Span
    trigger: Span
    trigger_text: str
    type: str
    mode: str | None
    quad_class: str
    source_actor_id: str | None
    source_text: str | None
    source_country: str | None
    source_sector: str | None
    target_actor_id: str | None
    target_text: str | None
    target_country: str | None
    target_sector: str | None
    place_text: str | None
    geonames_id: int | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    date: str | None
    time_precision: str | None
    killed: int | None
    injured: int | None
    arrested: int | None
    participants: int | None
    modality: str
    attribution: str
    quote_evidence: Span | None
    acled_sub_event: str | None
    acled_event_type: str | None
    confidence: float
    # Where the date and the place come from: ``clause`` (stated in the event's clause), ``article`` (inferred
    # from the article's other times or places), ``dateline``, or ``published`` (the publication day of a report
    # of the day's news). None when the event has no date or place.
    date_basis: str | None = None
    place_basis: str | None = None
    # The trained ACLED coder's probability of ``acled_sub_event`` (None when the event has none).
    acled_confidence: float | None = None

    @property
    def label(self) -> str:
        """ "ASSAULT/aerial USA-MIL -> AAH @ Iraq(clause) 2021-06-28(clause) killed>=5 [outlet]"."""
        who = f"{self.source_actor_id or self.source_text or '?'} -> {self.target_actor_id or self.target_text or '?'}"
        counts = " ".join(
            f"{name}>={value}"
            for name, value in (
                ("killed", self.killed),
                ("injured", self.injured),
                ("arrested", self.arrested),
                ("participants", self.participants),
            )
            if value is not None
        )
        place = f"{self.place_text}({self.place_basis})" if self.place_text else "?"
        date = f"{self.date}({self.date_basis})" if self.date else "?"
        where_when = f"@ {place} {date}"
        return " ".join(
            part
            for part in (
                f"{self.type}/{self.mode or '-'}",
                who,
                where_when,
                counts,
                f"[{self.modality}, {self.attribution}]",
            )
            if part
        )


RECORD_TABLES[Event] = "events"


@dataclass(frozen=True, slots=True)
class EventMention:
    """One sentence that reports an event (the first one included): one happening, several evidence spans."""

    article_id: str
    event_id: str
    evidence: Span
    trigger: Span
    confidence: float

    @property
    def label(self) -> str:
        return f"mention of {self.event_id}"


RECORD_TABLES[EventMention] = "event_mentions"


@dataclass(frozen=True, slots=True)
class WordCount:
    """How many words an article has, and how many of them are the outlet's and how many quoted.

    The framing summaries divide loaded expressions by these (per 1,000 words in each voice), so that
    the store and the interfaces never count words in text themselves. ``evidence`` is the whole text;
    headline and scare quotes count as the outlet's words, direct and reported speech as quoted.
    """

    article_id: str
    evidence: Span
    words: int
    outlet_words: int
    quoted_words: int
    confidence: float

    @property
    def label(self) -> str:
        return f"{self.words} words: {self.outlet_words} the outlet's, {self.quoted_words} quoted"


RECORD_TABLES[WordCount] = "word_counts"
