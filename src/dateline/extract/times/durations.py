"""Resolvers of stretches of time and what counts by them: durations ("three weeks", "for years", "the year ended
March 31"), a day counted back or ahead by one ("two years ago", "a year earlier"), sets ("every week", "daily")
and vague references ("recently", "soon")."""

from __future__ import annotations

import re

from dateline.extract.times.values import Context, Value, quarter_of, shifted, spelled_number, year_text
from dateline.resources.times import TimeLexicon


def _number(match: re.Match[str], lexicon: TimeLexicon) -> str:
    """The quantity of a number group as TIMEX3 writes it: "3", "1.5", or "X" when vague."""
    raw = " ".join(match.group("number").lower().split())
    if raw in lexicon.vague_numbers:
        return "X"
    if raw in lexicon.numbers:
        amount = float(lexicon.numbers[raw])
    elif raw[0].isdigit():
        whole, _, fraction = raw.partition(" ")
        amount = float(whole.replace(",", ""))
        if fraction:
            top, bottom = fraction.split("/")
            amount += int(top) / int(bottom)
    else:
        amount = float(spelled_number(raw, lexicon))
    if match.group("half"):
        amount += 0.5
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


# TIMEX3 writes decades and centuries in years, and a half in the next smaller unit ("P2Y6M").
_IN_YEARS = {"DE": 10, "CE": 100}
_HALF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "TH": "30M", "TM": "30S"}


def _duration(amount: str, unit: str) -> str:
    if unit == "2W" and amount != "X":
        amount, unit = str(float(amount) * 2).removesuffix(".0"), "W"
    elif unit in _IN_YEARS and amount != "X":
        amount, unit = str(float(amount) * _IN_YEARS[unit]).removesuffix(".0"), "Y"
    half = ""
    if amount.endswith(".5") and unit in _HALF:
        amount, half = amount[:-2], _HALF[unit]
    if unit.startswith("T"):
        return f"PT{amount}{unit[1:]}{half}"
    return f"P{amount}{unit}{half}"


def resolve_duration(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    unit = lexicon.units[match.group("unit").lower()]
    amount = "X" if match.group("upper") else _number(match, lexicon)
    return Value("DURATION", _duration(amount, unit), "absolute")


_YEAR_ENDED = re.compile(r"\s+end(?:ed|ing)\b", re.IGNORECASE)


def resolve_whole_year(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    text = match.string
    if _YEAR_ENDED.match(text, end) or text[max(0, start - 11) : start].lower().startswith("throughout"):
        # "the year ended March 31": twelve months up to a date; "throughout the year": its whole length.
        return Value("DURATION", "P1Y", "absolute")
    if context.anchor is None:
        return Value("DATE", None, "none")
    return Value("DATE", year_text(context.anchor.year), "deictic", anchored=True)


def resolve_plural(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    unit = lexicon.units[match.group("unit").lower()]
    return Value("DURATION", _duration("X", unit), "vague")


_CALENDAR_UNITS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year", "DE": "decade", "CE": "century"}


def resolve_ago(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    unit = lexicon.units[match.group("unit").lower()]
    direction = " ".join(match.group("direction").lower().split())
    amount = _number(match, lexicon)
    sign = -1 if direction in ("ago", "earlier") else 1
    if amount == "X":
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "vague")
    base, basis = context.anchor, "deictic"
    if direction in ("earlier", "later") and context.last is not None:
        base, basis = context.last[1], "text"
    if base is None or unit not in _CALENDAR_UNITS or "." in amount:
        return Value("DATE", None, "none")
    steps = sign * int(amount)
    calendar_unit = _CALENDAR_UNITS[unit]
    if calendar_unit == "year" and context.last is not None and context.last[0] == "quarter":
        # "a year earlier" in a story about a quarter means that quarter a year before.
        year, quarter = quarter_of(context.last[1])
        return Value("DATE", f"{year_text(year + steps)}-Q{quarter}", "text", anchored=True)
    if calendar_unit == "decade":
        calendar_unit, steps = "year", steps * 10
    elif calendar_unit == "century":
        calendar_unit, steps = "year", steps * 100
    return Value("DATE", shifted(base, calendar_unit, steps), basis, anchored=True)


_SOON_RELATIONS = re.compile(r"\s+(?:after|before|afterwards?|thereafter)\b", re.IGNORECASE)


def resolve_reference(
    match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int
) -> Value | None:
    word = " ".join(match.group("word").lower().split())
    value = lexicon.references[word]
    # "was soon released", "soon after the raid": soon after a past or named moment, not after today.
    if word == "soon" and (_SOON_RELATIONS.match(context.text, end) or context.tense(start, end) == "past"):
        return None
    return Value("DATE", value, "vague")


def resolve_set(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if match.group("word"):
        return Value("SET", lexicon.sets[match.group("word").lower()], "absolute")
    unit = lexicon.units[match.group("unit").lower()]
    return Value("SET", _duration("1", unit), "absolute")
