"""Temporal expressions with TIMEX3 extents and values, anchored on the publish date and the tense.

The stage, one concern a module: ``grammar`` builds the rules, regular expressions over the text made once from
the time lexicon, and finds their admissible matches; ``tense`` reads off the parse whether a clause looks back or
ahead, which decides whether "Monday" is the last one or the next one; ``dates`` resolves the expressions that
name a day, month, quarter or year against the publication day, ``durations`` the stretches of time, sets and vague
references; ``values`` holds the records and calendar arithmetic they share. This module keeps the longest
non-overlapping matches, anchors them (the publish date, else a dated dateline; anaphora such as "a year earlier"
or "the next day" on the last date the text mentioned) and makes the records. Relative values need an anchor:
without one they stay None, as does an impossible date.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date

from dateline.extract.times.dates import (
    resolve_anaphoric,
    resolve_century,
    resolve_clock,
    resolve_date,
    resolve_dayword,
    resolve_decade,
    resolve_holiday,
    resolve_iso,
    resolve_month,
    resolve_month_year,
    resolve_quarter,
    resolve_relative,
    resolve_season,
    resolve_spelled_year,
    resolve_this_part,
    resolve_this_quarter,
    resolve_week_of,
    resolve_weekday,
    resolve_weekdays,
    resolve_year,
    resolve_year_ago,
)
from dateline.extract.times.durations import (
    resolve_ago,
    resolve_duration,
    resolve_plural,
    resolve_reference,
    resolve_set,
    resolve_whole_year,
)
from dateline.extract.times.grammar import admissible_matches
from dateline.extract.times.tense import clause_tense
from dateline.extract.times.values import Context, Value, month_key, start_of, year_number
from dateline.model import Span, TimeRef
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.times import TimeLexicon

# Confidence priors by how a value was reached; none is calibrated yet, only ordered.
CONFIDENCE = {"absolute": 0.95, "deictic": 0.9, "tense": 0.8, "text": 0.65, "vague": 0.7, "none": 0.5}
# What an expression is precise to when it has no value ("Monday" in an undated story).
_RULE_GRAIN = {
    "date": "day", "day_month": "day", "week_of": "week", "weekday": "day", "dayword": "day", "holiday": "day",
    "anaphoric": "day",
    "month": "month", "month_year": "month", "year": "year", "spelled_year": "year", "quarter": "quarter",
    "this_quarter": "quarter", "year_ago": "year", "whole_year": "year", "relative": "relative", "ago": "relative",
    "clock": "time", "this_part": "part_of_day", "century": "century", "season": "season",
}  # fmt: skip
# Granularity of a value, from the shape of the value itself.
_GRANULARITY = (
    (re.compile(r"P.*|.*PT.*"), "duration"),
    (re.compile(r".*_REF"), "reference"),
    (re.compile(r"\d{4}-\d\d-\d\dT(?:MO|AF|EV|NI)"), "part_of_day"),
    (re.compile(r"\d{4}-\d\d-\d\dT.*"), "time"),
    (re.compile(r"\d{4}-\d\d-\d\d"), "day"),
    (re.compile(r"\d{4}-W\d\d-WE"), "weekend"),
    (re.compile(r"\d{4}-W\d\d"), "week"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-Q\d"), "quarter"),
    (re.compile(r"\d{4}-H\d"), "half"),
    (re.compile(r"\d{4}-(?:SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
    (re.compile(r"\d{2}"), "century"),
)


def extract(parsed: ParsedArticle, resources: Resources) -> list[TimeRef]:
    """Every temporal expression of the article, in text order."""
    article = parsed.article
    lexicon = resources.times
    text = article.text
    candidates = list(admissible_matches(text, lexicon, parsed.doc))
    chosen = _longest_first(candidates)
    anchor: date | None = article.published.date() if article.published else None
    anchor_name = "publish_date"
    if anchor is None:
        anchor = _dateline_date(chosen, text, lexicon)
        anchor_name = "dateline"
    context = Context(anchor, anchor_name, functools.partial(clause_tense, parsed.doc), text=text)
    records = []
    for start, end, name, match in chosen:
        resolved = _resolve(name, match, lexicon, context, start, end)
        if resolved is None:
            continue
        value = resolved.value
        basis = resolved.basis if value is not None else "none"
        if value is not None and resolved.type == "DATE" and basis != "text":
            # Values computed from the text's own last date do not become the reference in turn,
            # so a run of "a year earlier" cannot drift further back.
            _remember(context, value)
        records.append(
            TimeRef(
                article_id=article.id,
                evidence=Span(start, end),
                text=text[start:end],
                type=resolved.type,
                value=value,
                granularity=granularity(value, resolved.type) if value else _RULE_GRAIN.get(name, "unknown"),
                anchor=_anchor_name(resolved, value, context),
                confidence=CONFIDENCE[basis],
            )
        )
    return records


def _anchor_name(resolved: Value, value: str | None, context: Context) -> str:
    if not resolved.anchored or value is None:
        return "none"
    return "text" if resolved.basis == "text" else context.anchor_name


def granularity(value: str | None, kind: str) -> str:
    """The unit a value is precise to: "day", "week", "month", ... or "set", "unknown"."""
    if kind == "SET":
        return "set"
    if value is None:
        return "unknown"
    return next((name for pattern, name in _GRANULARITY if pattern.fullmatch(value)), "unknown")


def _longest_first(candidates: list[tuple[int, int, str, re.Match[str]]]) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping candidates, longer extents first; on equal extents the earlier rule wins."""
    order = {name: rank for rank, name in enumerate(name for name, _ in _GRAMMAR_ORDER)}
    taken: list[tuple[int, int, str, re.Match[str]]] = []
    occupied: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], order[c[2]])):
        start, end = candidate[0], candidate[1]
        if any(start < other_end and other_start < end for other_start, other_end in occupied):
            continue
        taken.append(candidate)
        occupied.append((start, end))
    return sorted(taken, key=lambda c: c[0])


def _dateline_date(chosen: list[tuple[int, int, str, re.Match[str]]], text: str, lexicon: TimeLexicon) -> date | None:
    """A full date written in the dateline ("BAGHDAD, June 30, 2021 (AFP) --") anchors a story with no publish date."""
    head = text[:200]
    cut = min((head.find(mark) for mark in ("--", " — ", " - ", "\n\n") if head.find(mark) > 0), default=-1)
    for start, _end, name, match in chosen:
        if cut < 0 or start > cut:
            break
        if name == "date" and match.group("year"):
            try:
                return date(year_number(match.group("year")), lexicon.months[month_key(match)], int(match.group("day")))
            except ValueError:
                return None  # "31 February 2021" in a dateline anchors nothing
    return None


def _remember(context: Context, value: str) -> None:
    kind = granularity(value, "DATE")
    if kind in ("day", "month", "quarter", "year", "week", "half", "season"):
        context.last = (kind, start_of(value))


def _resolve(
    name: str, match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int
) -> Value | None:
    resolver = _RESOLVERS[name]
    try:
        return resolver(match, lexicon, context, start, end)
    except (ValueError, OverflowError):
        # An impossible date ("31 February", year 20215) keeps its span and gets no value.
        return Value("DATE", None, "none")


_RESOLVERS: dict[str, Callable[..., Value | None]] = {
    "date": resolve_date,
    "day_month": resolve_date,
    "week_of": resolve_week_of,
    "iso": resolve_iso,
    "month_year": resolve_month_year,
    "month": resolve_month,
    "year": resolve_year,
    "spelled_year": resolve_spelled_year,
    "decade": resolve_decade,
    "century": resolve_century,
    "quarter": resolve_quarter,
    "this_quarter": resolve_this_quarter,
    "year_ago": resolve_year_ago,
    "clock": resolve_clock,
    "weekday": resolve_weekday,
    "weekdays": resolve_weekdays,
    "every_weekday": resolve_weekdays,
    "dayword": resolve_dayword,
    "this_part": resolve_this_part,
    # Before "relative", which leaves a bare "the year" unresolved: "for the year" is the anchor's year.
    "whole_year": resolve_whole_year,
    "relative": resolve_relative,
    "season": resolve_season,
    "ago": resolve_ago,
    "duration": resolve_duration,
    "reference": resolve_reference,
    "plural": resolve_plural,
    "set": resolve_set,
    "holiday": resolve_holiday,
    "anaphoric": resolve_anaphoric,
}
_GRAMMAR_ORDER = tuple(_RESOLVERS.items())
