"""Publish dates as sources print them, read without inventing what they leave out.

ISO 8601 and RFC 2822 keep their offsets; a time without a zone stays naive; dateparser reads the
rest but must find day, month and year, and relative dates ("yesterday") are refused.
"""

from __future__ import annotations

import email.utils
from datetime import datetime, timezone

from dateline.read.issue import ReadIssue

_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}
# The seed's own layout is tried before dateparser, which spends most of a second loading every
# language the first time a string defeats it.
_SEED_FORMATS = ("%d %B %Y - %H:%M", "%d %B %Y")


def parse_date(raw: str) -> datetime | None:
    """The datetime a source's date string states, or None when it states no real date."""
    raw = " ".join(raw.split())
    if not raw:
        return None
    parsed = _standard(raw) or _dateparser(raw)
    if parsed is None or parsed.tzinfo is None:
        return parsed
    # dateparser's StaticTzInfo and the like become a plain fixed offset, comparable and picklable.
    return parsed.replace(tzinfo=timezone(parsed.utcoffset()))


def published(raw: str | None, path: str) -> tuple[datetime | None, ReadIssue | None]:
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
    import dateparser  # a fifth of a second to import; most dates never get this far

    try:
        return dateparser.parse(raw, settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
