"""When and where an event happened, and the basis of each: the clause, the article, the dateline or the day.

A date or place stated in the event's own clause wins (``clause``). Failing that, the article's other times and
places stand in when they come shortly before and the clause's tense allows it ("on Monday ... Later, police
arrested six": ``article``); the wire dateline places what the text does not (``dateline``); and a report in the
past or present tense that names no day is dated on the day it was published (``published``), the way a
newspaper reports the news of the day. A pluperfect ("had attacked") or future clause is not news of the day and
takes no inferred date. Only ISO dates are stored: TIMEX3 placeholders such as ``PAST_REF`` are no date.
"""

from __future__ import annotations

import re
from datetime import datetime

from spacy.tokens import Token

from dateline.model import Place, TimeRef

# A stored date is an ISO day, time, week, month or year; nothing else (PAST_REF, PRESENT_REF) is a date.
ISO_DATE = re.compile(r"\d{4}(?:-W\d\d|-\d\d(?:-\d\d(?:T[\d:]+)?)?)?")
DAY_GRANULARITIES = frozenset({"day", "time"})
PRECISION_RANK = {"exact": 0, "admin": 1, "country": 2}
# How far back, in characters, an earlier time or place may be to stand in for one the clause does not state:
# about two sentences of news prose, the span over which a report keeps talking of the same scene.
INHERIT_CHARS = 320
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
NOT_OF_THE_DAY = frozenset({"future", "pluperfect", "conditional"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should"})


def is_date(value: str | None) -> bool:
    return value is not None and ISO_DATE.fullmatch(value) is not None


def when(
    stated: TimeRef | None, head: Token, sentence_start: int, times: list[TimeRef], published: datetime | None
) -> tuple[str | None, str | None, str | None]:
    """(date, time precision, date basis) of an event headed by ``head`` whose clause states ``stated``."""
    if stated is not None and is_date(stated.value):
        return stated.value, stated.granularity, "clause"
    tense = tense_of(head)
    if tense in NOT_OF_THE_DAY:
        return None, None, None
    earlier = [
        time
        for time in times
        if sentence_start - INHERIT_CHARS <= time.evidence.start < sentence_start
        and time.granularity in DAY_GRANULARITIES
        and is_date(time.value)
    ]
    if earlier:
        nearest = max(earlier, key=lambda time: time.evidence.start)
        return nearest.value, nearest.granularity, "article"
    if published is not None:
        return published.date().isoformat(), "day", "published"
    return None, None, None


def where(
    stated: Place | None, sentence_start: int, places: list[Place], dateline: Place | None
) -> tuple[Place | None, str | None]:
    """(place, place basis) of an event whose clause states ``stated``; ``places`` are the article's places
    that can say where something happened (not those naming an actor)."""
    if stated is not None:
        return stated, "clause"
    earlier = [
        place
        for place in places
        if sentence_start - INHERIT_CHARS <= place.evidence.start < sentence_start and place.precision != "region"
    ]
    if earlier:
        # The most precise of the scene's places, then the nearest: "in Al-Jadriya ... U.S. attacks" is Al-Jadriya.
        return min(
            earlier, key=lambda place: (PRECISION_RANK.get(place.precision, 4), -place.evidence.start)
        ), "article"
    if dateline is not None:
        return dateline, "dateline"
    return None, None


def tense_of(head: Token) -> str:
    """``future``, ``pluperfect``, ``conditional`` or ``reported`` (past or present) for the trigger's verb."""
    verb = head
    # A noun's tense is its governing verb's: "had arrested them after an earlier rally".
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    lemmas = {child.lower_ for child in auxiliaries}
    if lemmas & FUTURE_AUX or any(child.lower_ == "going" for child in auxiliaries):
        return "future"
    if lemmas & CONDITIONAL_AUX:
        return "conditional"
    if "had" in lemmas and verb.tag_ == "VBN":
        return "pluperfect"
    return "reported"
