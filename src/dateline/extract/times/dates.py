"""Resolvers of the expressions that name a point on the calendar: a date, month, year, decade, century, quarter,
weekday, clock time, holiday or season, written out ("June 30, 2021") or relative to the publication day ("last
Monday", "next month", "the third quarter") or to the last date the text gave ("the next day"). A month-day
without a year takes the anchor's year unless tense or distance crosses new year."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateline.extract.times.values import (
    SEASON_START,
    Context,
    Value,
    month_key,
    quarter_of,
    shift_quarter,
    shifted,
    spelled_number,
    year_number,
    year_text,
)
from dateline.resources.times import TimeLexicon

# Words that point a bare date forward: a dividend is "payable Jan. 2", a rule "effective Feb. 1" (whatever the
# clause's tense: "named him chairman, effective Feb. 1"); "until"/"through" do unless the clause is past.
_AHEAD_CUES = frozenset({"payable", "effective"})
_UNTIL_CUES = frozenset({"until", "till", "through", "thru"})


# How far ahead a month-day may lie and still be this year's (a past tense there is more often a misparse,
# "of record Nov. 17", than last year's date); further, and not in the future tense, it is last year's.
# A future-tense one may lie a while back: the parse misreads tense more often than news looks a year ahead.
_NEAR_FUTURE_DAYS = 45
_RECENT_PAST_DAYS = 120


def _choose_year(context: Context, month: int, day: int, start: int, end: int) -> int:
    """The year of a month-day written without one: the anchor's, unless tense or distance crosses new year."""
    assert context.anchor is not None
    anchor = context.anchor
    tense = context.tense(start, end)
    cue = _word_before(context.text, start)
    if cue in _AHEAD_CUES or (cue in _UNTIL_CUES and tense != "past"):
        tense = "future"
    ahead = (date(anchor.year, month, day) - anchor).days
    if cue == "since" and ahead > 0:
        return anchor.year - 1  # "fighting since April" in a story of March began last April
    if ahead > _NEAR_FUTURE_DAYS and tense != "future":
        return anchor.year - 1
    if ahead < -_RECENT_PAST_DAYS and tense == "future":
        return anchor.year + 1
    return anchor.year


def _word_before(text: str, start: int) -> str:
    """The lower-cased word just before ``start`` (punctuation between them stripped), or ""."""
    words = text[max(0, start - 20) : start].split()
    return words[-1].strip(",;:(").lower() if words else ""


def resolve_date(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    month = lexicon.months[month_key(match)]
    day = int(match.group("day"))
    if match.group("year"):
        return Value("DATE", date(year_number(match.group("year")), month, day).isoformat(), "absolute")
    if context.anchor is None:
        date(2000, month, day)  # still reject "31 February"
        return Value("DATE", None, "none")
    year = _choose_year(context, month, day, start, end)
    return Value("DATE", date(year, month, day).isoformat(), "tense", anchored=True)


def resolve_week_of(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    """ "the week of March 6": the ISO week holding that date."""
    dated = resolve_date(match, lexicon, context, start, end)
    if dated.value is None:
        return dated
    iso = date.fromisoformat(dated.value).isocalendar()
    return Value("DATE", f"{iso.year}-W{iso.week:02d}", dated.basis, dated.anchored)


def resolve_iso(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    raw = match.group("iso")
    if "/" in raw:
        month, day, year = (int(part) for part in raw.split("/"))
        return Value("DATE", date(year, month, day).isoformat(), "absolute")
    return Value("DATE", date.fromisoformat(raw).isoformat(), "absolute")


def resolve_month_year(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    month = lexicon.months[month_key(match)]
    if match.group("year"):
        year = year_number(match.group("year"))
        return Value("DATE", f"{year_text(year)}-{month:02d}", "absolute")
    if context.anchor is None:
        return Value("DATE", None, "none")
    year = context.anchor.year + {"this": 0, "last": -1, "next": 1}[match.group("rel").lower()]
    return Value("DATE", f"{year_text(year)}-{month:02d}", "deictic", anchored=True)


def resolve_month(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    month = lexicon.months[month_key(match)]
    if context.anchor is None:
        return Value("DATE", None, "none")
    anchor = context.anchor
    rel = (match.group("rel") or "").lower()
    if rel == "last":
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel == "next":
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        # Compared at month grain: "October" in a story of 5 October is this October.
        same_day = min(context.anchor.day, calendar.monthrange(context.anchor.year, month)[1])
        year = _choose_year(context, month, same_day, start, end)
    return Value("DATE", f"{year_text(year)}-{month:02d}", "tense", anchored=True)


def resolve_year(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    return Value("DATE", year_text(year_number(match.group("year"))), "absolute")


def resolve_spelled_year(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    return Value("DATE", year_text(_spelled_year(match.group("spelled"), lexicon)), "absolute")


def _spelled_year(words: str, lexicon: TimeLexicon) -> int:
    words = words.lower()
    if words.startswith("two"):
        return 2000
    century, rest = re.split(r"[-\s]+", words, maxsplit=1)
    if rest == "hundred":
        return lexicon.numbers[century] * 100
    return lexicon.numbers[century] * 100 + spelled_number(rest, lexicon)


def resolve_decade(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    raw = match.group("decade")
    if raw.startswith("'"):
        return Value("DATE", "19" + raw[1], "absolute")
    return Value("DATE", raw[:3], "absolute")


def resolve_century(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if match.group("ordinal"):
        return Value("DATE", f"{int(match.group('ordinal')) - 1:02d}", "absolute")
    if context.anchor is None:
        return Value("DATE", None, "none")
    shift = {"this": 0, "last": -1, "past": -1, "next": 1}[match.group("rel").lower()]
    return Value("DATE", f"{context.anchor.year // 100 + shift:02d}", "deictic", anchored=True)


def resolve_quarter(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    number = lexicon.ordinals[match.group("ordinal").lower()]
    unit = match.group("unit").lower()
    if unit == "half":
        number = 2 if number > 1 else 1
    letter = "H" if unit == "half" else "Q"
    adjectives = (match.group("adj") or "").lower()
    ago = "earlier" in adjectives or "ago" in adjectives or "previous" in adjectives or "prior" in adjectives
    written_year = match.group("year") or match.group("lead_year")
    if written_year:
        return Value("DATE", f"{year_text(year_number(written_year))}-{letter}{number}", "absolute")
    if context.anchor is None:
        return Value("DATE", None, "none")
    owner = (match.group("owner") or match.group("rel") or "").lower()
    if owner:
        year = context.anchor.year + {"this": 0, "last": -1, "next": 1}[owner]
        return Value("DATE", f"{year_text(year)}-{letter}{number}", "deictic", anchored=True)
    year = context.anchor.year
    if letter == "Q" and context.tense(start, end) == "past" and (number - 1) * 3 + 1 > context.anchor.month:
        year -= 1
    return Value("DATE", f"{year_text(year - ago)}-{letter}{number}", "tense", anchored=True)


def resolve_this_quarter(
    match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int
) -> Value | None:
    det = match.group("det").lower()
    adjectives = (match.group("adj") or "").lower()
    unit = match.group("unit").lower()
    written_year = match.group("lead_year")
    if unit == "period" and not adjectives and not written_year:
        return None  # "the period" alone is no time expression
    if written_year and context.last is not None and context.last[0] == "quarter":
        # "the 1988 quarter", "the 1989 period": the quarter the story is about, in the year it names.
        return Value("DATE", f"{year_text(int(written_year))}-Q{quarter_of(context.last[1])[1]}", "text", anchored=True)
    if context.anchor is None:
        return Value("DATE", None, "none")
    year, quarter = quarter_of(context.anchor)
    basis = "deictic"
    if det == "this" or "current" in adjectives:
        pass
    elif det == "last" or "previous" in adjectives or "prior" in adjectives or "preceding" in adjectives:
        year, quarter = shift_quarter(year, quarter, -1)
    elif det == "next":
        year, quarter = shift_quarter(year, quarter, 1)
    elif context.last is not None and context.last[0] == "quarter":
        year, quarter = quarter_of(context.last[1])
        basis = "text"
    else:
        # Reports speak of "the quarter" once it has closed: the last complete quarter.
        year, quarter = shift_quarter(year, quarter, -1)
        basis = "tense"
    if written_year:
        year = int(written_year)
    elif "earlier" in adjectives or "ago" in adjectives:
        year -= 1
    return Value("DATE", f"{year_text(year)}-Q{quarter}", basis, anchored=True)


def resolve_year_ago(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if context.last is not None and context.last[0] == "quarter":
        year, quarter = quarter_of(context.last[1])
        return Value("DATE", f"{year_text(year - 1)}-Q{quarter}", "text", anchored=True)
    if context.anchor is None:
        return Value("DATE", None, "none")
    return Value("DATE", year_text(context.anchor.year - 1), "deictic", anchored=True)


def _clock_value(match: re.Match[str]) -> str:
    if match.group("noon"):
        word = match.group("noon").lower()
        return "T24:00" if word == "midnight" else "T12:00"
    hour = int(match.group("hour"))
    minute = int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").lower()
    if hour > 12 or minute > 59:
        raise ValueError("not a clock time")
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def _weekday_date(context: Context, weekday: int, rel: str, start: int, end: int) -> tuple[date, str]:
    assert context.anchor is not None
    anchor = context.anchor
    back = (anchor.isoweekday() - weekday) % 7
    ahead = (weekday - anchor.isoweekday()) % 7
    if rel in ("last", "past"):
        return anchor - timedelta(days=back or 7), "deictic"
    if rel in ("next", "coming"):
        return anchor + timedelta(days=ahead or 7), "deictic"
    if context.tense(start, end) == "future":
        return anchor + timedelta(days=ahead), "tense"
    # Past, present ("says Monday") or unknown: news mostly reports what has happened.
    return anchor - timedelta(days=back), "tense"


def resolve_weekday(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if context.anchor is None:
        return Value("DATE", None, "none")
    weekday = lexicon.weekdays[match.group("weekday").lower().rstrip(".")]
    day, basis = _weekday_date(context, weekday, (match.group("rel") or "").lower(), start, end)
    if match.group("hour") or match.group("noon"):
        return Value("TIME", day.isoformat() + _clock_value(match), basis, anchored=True)
    if match.group("part"):
        return Value("DATE", day.isoformat() + "T" + lexicon.parts_of_day[match.group("part").lower()], basis, True)
    return Value("DATE", day.isoformat(), basis, anchored=True)


def resolve_clock(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    clock = _clock_value(match)
    if match.group("month"):
        # "until 5 p.m. EST, Nov. 6": the clock time of the date that follows it.
        dated = resolve_date(match, lexicon, context, start, end)
        return Value("TIME", dated.value + clock if dated.value else None, dated.basis, dated.anchored)
    if context.anchor is None:
        return Value("TIME", None, "none")
    if match.group("weekday"):
        weekday = lexicon.weekdays[match.group("weekday").lower().rstrip(".")]
        day, basis = _weekday_date(context, weekday, "", start, end)
    else:
        shift = {"yesterday": -1, "tomorrow": 1}.get((match.group("dayword") or "").lower(), 0)
        day, basis = context.anchor + timedelta(days=shift), "deictic"
    return Value("TIME", day.isoformat() + clock, basis, anchored=True)


def resolve_weekdays(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    word = match.group("weekday").lower().rstrip(".")
    weekday = lexicon.weekdays[word[:-1] if word.endswith("s") and word[:-1] in lexicon.weekdays else word]
    value = f"XXXX-WXX-{weekday}"
    if "nights" in match.re.groupindex and match.group("nights"):
        value += "T" + lexicon.parts_of_day[match.group("nights").lower()[:-1]]
    return Value("SET", value, "absolute")


_DAYWORD_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolve_dayword(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if context.anchor is None:
        return Value("DATE", None, "none")
    word = " ".join(match.group("word").lower().split())
    shift = _DAYWORD_SHIFT.get(word, -2 if "before" in word else 2)
    day = context.anchor + timedelta(days=shift)
    part = match.group("part")
    if word == "tonight":
        return Value("TIME", day.isoformat() + "TNI", "deictic", anchored=True)
    if part:
        return Value("TIME", day.isoformat() + "T" + lexicon.parts_of_day[part.lower()], "deictic", anchored=True)
    return Value("DATE", day.isoformat(), "deictic", anchored=True)


def resolve_this_part(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if context.anchor is None:
        return Value("TIME", None, "none")
    part = match.group("part").lower()
    day = context.anchor - timedelta(days=1 if match.group("word").lower() == "last" else 0)
    return Value("TIME", day.isoformat() + "T" + lexicon.parts_of_day[part], "deictic", anchored=True)


_SEASON_UNITS = {"summer", "spring", "fall", "autumn", "winter"}


def resolve_relative(
    match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int
) -> Value | None:
    rel = match.group("rel").lower()
    unit = " ".join(match.group("unit").lower().split())
    the = bool(match.group("the"))
    if rel == "the" and unit == "weekend" and context.anchor is not None:
        # "the weekend" a story reports is the last one; one it announces is the coming one.
        saturday, _ = _weekday_date(context, 6, "", start, end)
        iso = saturday.isocalendar()
        return Value("DATE", f"{iso.year}-W{iso.week:02d}-WE", "tense", anchored=True)
    if rel == "the" and unit in _SEASON_UNITS and context.anchor is not None:
        # "over the summer": the season of the story's year, the last one unless the clause looks ahead.
        code = lexicon.seasons[unit]
        year = context.anchor.year
        if SEASON_START[code] > context.anchor.month and context.tense(start, end) != "future":
            year -= 1
        return Value("DATE", f"{year_text(year)}-{code}", "tense", anchored=True)
    if rel == "the" and not match.group("mod"):
        return None  # "the year" alone is too often a duration or a generic year
    anaphoric = rel in ("that", "same", "following") or (the and rel in ("next", "previous"))
    base = context.anchor
    basis = "deictic"
    if anaphoric and context.last is not None:
        base, basis = context.last[1], "text"
    if base is None:
        return Value("DATE", None, "none")
    shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit in _SEASON_UNITS:
        return Value("DATE", _season_value(base, lexicon.seasons[unit], shift), basis, True)
    if unit == "fiscal year":
        unit = "year"
    value = shifted(base, unit, shift)
    return Value("DATE", value, basis, anchored=True)


def _season_value(base: date, code: str, shift: int) -> str:
    # Winter straddles new year; TIMEX3 files it under the year it starts in.
    start_month = SEASON_START[code]
    year = base.year
    if shift < 0:
        year = year - 1 if start_month >= base.month else year
    elif shift > 0:
        year = year + 1 if start_month <= base.month else year
    return f"{year_text(year)}-{code}"


def resolve_season(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    code = lexicon.seasons[match.group("season").lower()]
    year = year_number(match.group("year")) if match.group("year") else _spelled_year(match.group("spelled"), lexicon)
    return Value("DATE", f"{year_text(year)}-{code}", "absolute")


def resolve_holiday(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    if context.anchor is None:
        return Value("DATE", None, "none")
    rule = lexicon.holidays[" ".join(match.group("holiday").lower().split())]
    rel = (match.group("rel") or "").lower()
    anchor = context.anchor
    this_year = _holiday_date(rule, anchor.year)
    tense = context.tense(start, end)
    if rel == "next" or (not rel and tense == "future"):
        day = _holiday_date(rule, anchor.year + 1) if this_year <= anchor else this_year
    elif rel == "this":
        day = this_year
    else:
        day = _holiday_date(rule, anchor.year - 1) if this_year >= anchor else this_year
    return Value("DATE", day.isoformat(), "tense", anchored=True)


def _holiday_date(rule: str, year: int) -> date:
    parts = [int(part) for part in rule.split("-")]
    if len(parts) == 2:
        return date(year, parts[0], parts[1])
    month, weekday, nth = parts
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    if day.month != month:
        raise ValueError(f"no {nth}th weekday {weekday} in {year}-{month}")
    return day


def resolve_anaphoric(match: re.Match[str], lexicon: TimeLexicon, context: Context, start: int, end: int) -> Value:
    rel = " ".join(match.group("rel").lower().split())
    unit = match.group("unit").lower()
    shift = 1 if rel.endswith(("next", "following")) else -1 if rel.endswith(("previous", "preceding", "prior")) else 0
    base, basis = (context.last[1], "text") if context.last is not None else (context.anchor, "deictic")
    if base is None:
        return Value("DATE", None, "none")
    if unit in lexicon.parts_of_day:
        return Value("TIME", shifted(base, "day", shift) + "T" + lexicon.parts_of_day[unit], basis, anchored=True)
    return Value("DATE", shifted(base, unit, shift), basis, anchored=True)
