"""Publish dates as sources print them, read without inventing what they leave out.

ISO 8601 and RFC 2822 keep their offsets; a time without a zone stays naive; dateparser reads the
rest but must find day, month and year, and relative dates ("yesterday") are refused. Each date comes
with the precision the string states: a date alone is ``day`` (never a midnight that reads as a time),
a time is ``minute`` or, with seconds, ``second``.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, time, timezone
from typing import NamedTuple

import dateparser

from dateline.read.issue import ReadIssue

_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
# The seed's own layout is tried before dateparser, which spends most of a second loading every
# language the first time a string defeats it.
_SEED_FORMATS = ("%d %B %Y - %H:%M", "%d %B %Y")
_SECONDS = re.compile(r"\d:\d\d:\d\d")
_A_TIME = re.compile(r"\d:\d\d|T\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)


class Stamp(NamedTuple):
    """A publish date and how much of it the source stated: ``day``, ``minute`` or ``second``."""

    when: datetime
    precision: str


def parse_date(raw: str) -> Stamp | None:
    """The date a source's date string states, or None when it states no real date.

    An exact midnight is read as a date alone: pages and URLs that give only the day are printed with
    ``T00:00:00`` (often with a zone) by the tools that format them, and a real midnight is rare.
    """
    raw = " ".join(raw.split())
    if not raw:
        return None
    parsed = _standard(raw) or _dateparser(raw)
    if parsed is None:
        return None
    if parsed.time() == time():
        return Stamp(datetime.combine(parsed.date(), time()), "day")
    if parsed.tzinfo is not None:
        # dateparser's StaticTzInfo and the like become a plain fixed offset, comparable and picklable.
        parsed = parsed.replace(tzinfo=timezone(parsed.utcoffset()))
    seconds = parsed.second or parsed.microsecond or _SECONDS.search(raw)
    if not seconds and not _A_TIME.search(raw):
        return Stamp(datetime.combine(parsed.date(), time()), "day")  # a time dateparser supplied
    return Stamp(parsed, "second" if seconds else "minute")


def published(raw: str | None, path: str) -> tuple[Stamp | None, ReadIssue | None]:
    """Read a publish date, with a warning when a date is given but cannot be read."""
    if raw is None or not str(raw).strip():
        return None, None
    parsed = parse_date(str(raw))
    if parsed is None:
        reason = f"publish date {str(raw).strip()!r} is not a valid date; the article is kept without one"
        return None, ReadIssue(path, reason, "warning")
    return parsed, None


def _standard(raw: str) -> datetime | None:
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        pass
    for layout in _SEED_FORMATS:
        try:
            return datetime.strptime(raw, layout)
        except ValueError:
            pass
    if "," in raw or raw[:1].isdigit():
        try:
            return email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            pass
    return None


def _dateparser(raw: str) -> datetime | None:
    try:
        return dateparser.parse(raw, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
