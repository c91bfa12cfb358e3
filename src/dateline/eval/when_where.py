"""Scorers for an event's place and date: the event_location gold and coverage on real news.

``event_location_scores``: for each sentence where an event's trigger overlaps the gold verb, the event's place is
right when its place from the sentence names one of the gold locations (case-folded, either containing the
other), or when the gold has none and the event has no place from the sentence (the gold's README). A place the
event inherited from the article or the dateline is not "from the sentence". ``coverage``: the share of asserted
events that carry a date and a place, by basis.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from dateline.eval.happening import INDIA_POLICE_EVENTS
from dateline.eval.parts import EVENT_LOCATION, event_location_key
from dateline.eval.split import Part, in_part, part_of
from dateline.model import Analysis, Article, Event, Span

Metrics = dict[str, float | int | dict[str, int]]


def event_location_rows(path: Path, part: Part | None) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["verb"] and in_part(EVENT_LOCATION, event_location_key(row), part):
                yield row


def event_location_scores(rows: list[dict], analyses: list[Analysis]) -> Metrics:
    """Place accuracy among the sentences with an event coded at the gold verb, overall and by whether the
    gold states a place."""
    right = Counter()
    seen = Counter()
    for row, analysis in zip(rows, analyses, strict=True):
        verb = Span(row["verb"][0]["start"], row["verb"][0]["end"])
        event = next((event for event in analysis.of(Event) if _overlaps(event.trigger, verb)), None)
        if event is None:
            continue
        kind = "stated" if row["locations"] else "none"
        seen[kind] += 1
        right[kind] += place_is_right(event, [location["text"] for location in row["locations"]])
    total = sum(seen.values())
    return {
        "sentences": len(rows),
        "coded_at_verb": total,
        "place_accuracy": round(sum(right.values()) / total, 3) if total else 0.0,
        "where_stated": round(right["stated"] / seen["stated"], 3) if seen["stated"] else 0.0,
        "where_none": round(right["none"] / seen["none"], 3) if seen["none"] else 0.0,
        "n_stated": seen["stated"],
        "n_none": seen["none"],
    }


def place_is_right(event: Event, gold: list[str]) -> bool:
    # A place inherited from the article or the dateline is not the sentence's (an old store has no basis).
    stated = event.place_text if getattr(event, "place_basis", None) in (None, "clause") else None
    if not gold:
        return stated is None
    if stated is None:
        return False
    mine = stated.casefold()
    return any(mine in place.casefold() or place.casefold() in mine for place in gold)


def coverage(analyses: list[Analysis]) -> Metrics:
    """Among asserted events: how many carry a date (``with_day``: a day, not a month, a year or the bound "on or
    before publication") and a place, and on what basis and precision."""
    events = [event for analysis in analyses for event in analysis.of(Event) if event.modality == "asserted"]
    dated = [event for event in events if event.date]
    days = [event for event in dated if event.time_precision in ("day", "time")]
    placed = [event for event in events if event.place_text]
    return {
        "asserted_events": len(events),
        "with_date": round(len(dated) / len(events), 3) if events else 0.0,
        "with_day": round(len(days) / len(events), 3) if events else 0.0,
        "time_precision": dict(Counter(str(event.time_precision) for event in dated)),
        "with_place": round(len(placed) / len(events), 3) if events else 0.0,
        "date_basis": dict(Counter(str(getattr(event, "date_basis", None)) for event in dated)),
        "place_basis": dict(Counter(str(getattr(event, "place_basis", None)) for event in placed)),
    }


def _overlaps(left: Span, right: Span) -> bool:
    return left.start < right.end and right.start < left.end


def india_articles(root: Path, part: Part, limit: int) -> list[Article]:
    """The first ``limit`` articles of ``part`` of the India police-events corpus, with their publication days."""
    folder = root / "corpora" / "india_police_events"
    with (folder / "metadata.jsonl").open(encoding="utf-8") as lines:
        days = {row["doc_id"]: row["date"] for row in map(json.loads, lines)}
    articles = []
    with (folder / "docs.jsonl").open(encoding="utf-8") as lines:
        for row in map(json.loads, lines):
            if len(articles) >= limit:
                break
            if part_of(INDIA_POLICE_EVENTS, str(row["doc_id"])) == part:
                day = days.get(row["doc_id"])
                published = datetime.fromisoformat(day) if day else None
                articles.append(Article(id=str(row["doc_id"]), text=row["doc_text"], published=published))
    return articles
