"""What resolving an expression gives and reads: the ``Value`` a rule resolves to, the ``Context`` it is resolved
in (the anchor day, the tense oracle, the last date the text gave), and the calendar arithmetic TIMEX3 values are
written in (four-digit years, quarters, a value shifted by whole units, the first day a value covers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.resources.times import TimeLexicon


@dataclass(frozen=True, slots=True)
class Value:
    """A resolved expression: TIMEX3 type and value, and how the value was reached."""

    type: str
    value: str | None
    basis: str  # a key of CONFIDENCE
    anchored: bool = False  # computed from an anchor date rather than read off the text


@dataclass(slots=True)
class Context:
    """What resolution needs: the anchor date, the tense oracle and the last date mentioned."""

    anchor: date | None
    anchor_name: str
    tense: Callable[[int, int], str | None]
    last: tuple[str, date] | None = None  # (granularity, date) of the last date the text gave
    text: str = ""


def month_key(match: re.Match[str]) -> str:
    return match.group("month").lower().rstrip(".")


def year_number(text: str) -> int:
    return 1900 + int(text[1:]) if text.startswith("'") else int(text)


def year_text(year: int) -> str:
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} out of range")
    return f"{year:04d}"


def spelled_number(words: str, lexicon: TimeLexicon) -> int:
    return sum(lexicon.numbers[word] for word in re.split(r"[-\s]+", words.lower()) if word in lexicon.numbers)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + by
    return index // 4, index % 4 + 1


SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def shifted(base: date, unit: str, shift: int) -> str:
    if unit == "week":
        iso = (base + timedelta(weeks=shift)).isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if unit == "weekend":
        iso = (base + timedelta(weeks=shift)).isocalendar()
        return f"{iso.year}-W{iso.week:02d}-WE"
    if unit == "month":
        index = base.year * 12 + base.month - 1 + shift
        return f"{year_text(index // 12)}-{index % 12 + 1:02d}"
    if unit == "year":
        return year_text(base.year + shift)
    if unit == "decade":
        return f"{base.year // 10 + shift:03d}"
    if unit == "century":
        return f"{base.year // 100 + shift:02d}"
    if unit == "quarter":
        year, quarter = shift_quarter(*quarter_of(base), shift)
        return f"{year_text(year)}-Q{quarter}"
    if unit == "day":
        return (base + timedelta(days=shift)).isoformat()
    raise ValueError(f"no calendar unit {unit}")


def start_of(value: str) -> date:
    """The first day a DATE value covers."""
    if value[5:7] in SEASON_START:
        return date(int(value[:4]), SEASON_START[value[5:7]], 1)
    if "-W" in value:
        year, week = value.split("-W")
        return date.fromisocalendar(int(year), int(week[:2]), 1)
    if "-Q" in value:
        year, quarter = value.split("-Q")
        return date(int(year), (int(quarter) - 1) * 3 + 1, 1)
    if "-H" in value:
        year, half = value.split("-H")
        return date(int(year), 1 if half == "1" else 7, 1)
    parts = value[:10].split("-")
    return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
