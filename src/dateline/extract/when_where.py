"""When and where an event happened, and the basis of each: the clause, the article, the dateline or the day.

Which time dates an event is a trained choice (``extract/anchoring.py``): a time in its own clause
(``clause``), one of the article's times around it (``article``: "on Monday ... Later, police arrested six"), the
publication day for news of the day (``published``, precision ``day``), or no day: what is told as done before the
day of the report without saying when ("recently", "had attacked", "when X attacked") is stored as the publication
day at precision ``before``, a bound and never a day; a future or conditional clause takes no inferred date. Only
ISO dates are stored: TIMEX3 placeholders such as ``PAST_REF`` are no date.
A place stated in the event's own clause wins (``clause``). Failing that, the dateline places what the text does
not (``dateline``), and without one the article's other places stand in when they come shortly before
(``article``).

Which of the sentence's places is the event's own is a trained choice (``extract/event_place.py``).
"""

from __future__ import annotations

from datetime import datetime

from spacy.tokens import Doc, Token

from dateline.extract import anchoring
from dateline.extract.anchoring import (
    DAY_GRANULARITIES,
    clause_of,
    in_clause,
    is_date,
    stored_date,
    tense_of,
)
from dateline.extract.event_place import PRECISION_RANK
from dateline.extract.events.syntax import (
    per_doc_in_hand,
    sentence_of,
)
from dateline.model import Place, Span, TimeRef
from dateline.resources.anchor_model import AnchorModel

__all__ = ["clause_time", "is_date", "stored_date", "when", "where"]

# How far back, in characters, an earlier place may be to stand in for one the clause does not state: about two
# sentences of news prose, the span over which a report keeps talking of the same scene.
INHERIT_CHARS = 320


def when(
    stated: TimeRef | None,
    head: Token,
    sentence_start: int,
    times: list[TimeRef],
    published: datetime | None,
    model: AnchorModel,
) -> tuple[str | None, str | None, str | None]:
    """(date, time precision, date basis) of an asserted event headed by ``head`` whose clause states ``stated``.

    The trained chooser (``model``) picks among the times around the event, the
    publication day and no day; without a model the rules do. "No day" for what is told as done is stored as the
    publication day at precision ``before`` (it happened on that day or earlier): a bound, never an invented day.
    """
    if model:
        anchor, _ = anchoring.choose(model, stated, head, times, published)
        # A day the clause of a later mention of the same happening states ("airstrikes ... on Monday", merged
        # into the first telling) lies beyond what the chooser reads around the first one: it dates the event.
        later = stated is not None and stated.evidence.start >= sentence_of(head).end_char and is_date(stated.value)
        if later and (anchor.time is None or anchor.time.granularity not in DAY_GRANULARITIES):
            anchor = anchoring.Anchor("time", stated)
    else:
        anchor = anchoring.rule_date(stated, head, sentence_start, times, published)
    if anchor.time is not None:
        # A time of the event's own clause, or the one the events stage found for it ("killed when police fired
        # on Monday"), is stated for it; one from another clause or sentence is inferred from the article.
        own = anchor.time == stated or in_clause(head, anchor.time)
        return *stored_date(anchor.time), "clause" if own else "article"
    if published is None:
        return None, None, None
    if anchor.kind == "published":
        return published.date().isoformat(), "day", "published"
    if model and tense_of(head) in ("reported", "pluperfect"):
        return published.date().isoformat(), "before", "published"
    return None, None, None


def where(
    stated: Place | None, sentence_start: int, places: list[Place], dateline: Place | None
) -> tuple[Place | None, str | None]:
    """(place, place basis) of an event whose clause states ``stated``; ``places`` are the article's places
    that can say where something happened (not those naming an actor)."""
    if stated is not None:
        return stated, "clause"
    # A dated, placed report ("lucknow: ...", "MOSUL (Wire) --") tells what happened where it was filed unless a
    # clause says otherwise: a place named earlier is more often what the report talks about ("condemned the
    # incident in godhra") than the scene of the next act (in a hand check of India tune articles, inherited places
    # were right 4 times in 15, datelines 15 in 17).
    if dateline is not None:
        return dateline, "dateline"
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
    return None, None


def clause_time(anchor: Token, sentence: Span, times: list[TimeRef]) -> TimeRef | None:
    """The date stated in the trigger's own clause, however deep the trigger sits in it: "began the process by
    meeting Rajnath Singh on Thursday" dates the meeting; a time in another clause ("a funeral for those killed on
    Monday") does not date this one."""
    own = clause_of(anchor).i
    found = [time for time, clause in _sentence_dates(anchor.doc, sentence, times) if clause == own]
    return min(
        found,
        key=lambda time: (time.granularity not in DAY_GRANULARITIES, abs(time.evidence.start - anchor.idx)),
        default=None,
    )


def _sentence_dates(doc: Doc, sentence: Span, times: list[TimeRef]) -> list[tuple[TimeRef, int]]:
    """The dates among ``times`` that the sentence states, in their order, each with the index of the head of the
    clause it lies in: found once per sentence (of the document in hand), as each of its triggers asks."""
    by_sentence = _dates_by_sentence(doc)
    kept = by_sentence.get(sentence)
    if kept is None or kept[0] is not times:
        dated = []
        for time in times:
            start, end = time.evidence.start, time.evidence.end
            if not (sentence.start <= start and end <= sentence.end and is_date(time.value)):
                continue
            words = doc.char_span(start, end, alignment_mode="expand")
            if words is not None and len(words):
                dated.append((time, clause_of(words.root).i))
        kept = by_sentence[sentence] = (times, dated)
    return kept[1]


@per_doc_in_hand
def _dates_by_sentence(doc: Doc) -> dict[Span, tuple[list[TimeRef], list[tuple[TimeRef, int]]]]:
    # Filled by ``_sentence_dates``: each sentence's dates with the list of times they were found in.
    return {}
