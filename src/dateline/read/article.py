"""Builds the Article every reader returns: text normalised once here, its id, and the body's dateline.

A dateline (``BAGHDAD (Dispatches) --``, ``KYIV, July 9 (Reuters) -``) stays in the text; only an
upper-case place, or a place followed by an agency in parentheses, counts as one.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateline.model import Article, content_hash
from dateline.read.dates import Stamp
from dateline.read.issue import ReadIssue
from dateline.text import normalise

_DATELINE = re.compile(
    r"""(?P<place>[^\W\d_]+(?:[ '’.-]{1,2}[^\W\d_]+){0,4}\.?)  # BAGHDAD, NEW YORK, AL-QAIM, ST. LOUIS
    (?:,[ ]*[^\W_][\w'’. ]{0,40}?){0,2}                         # , Iraq / , June 30
    [ ]*(?:\((?P<agency>[^()\n]{1,40})\))?                      # (Dispatches)
    [ ]*(?:--?\s|[–—]\s*)""",
    re.VERBOSE,
)
# Upper-case openers that are labels, not places; two letters alone are an acronym (US, UN), not a city.
_NOT_PLACES = frozenset({"BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "LIVE"})


def build_article(
    text: str,
    *,
    origin: str,
    format: str,
    empty: str,
    id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    published: Stamp | datetime | None = None,
    language: str | None = None,
    summary_only: bool = False,
) -> Article | ReadIssue:
    """An Article from what a reader found, or an error saying ``empty`` when no text is left. A ``published``
    datetime without its Stamp has its precision judged from the value (see ``precision_of``)."""
    # Strip before repairing: mojibake is judged on its neighbours, so "\xa0Â¡" and "Â¡" repair differently,
    # and repairing after stripping keeps the stored text a fixed point of ``normalise``.
    text = normalise(text.strip())
    if text != text.strip():
        text = normalise(text.strip())
    if not text:
        return ReadIssue(origin, empty, "error")
    title, source = _line(title), _line(source)
    digest = content_hash(text, title, source)
    place, agency = find_dateline(text)
    when, precision = published if isinstance(published, Stamp) else (published, None)
    return Article(
        id=(id or "").strip() or digest[:16],
        text=text,
        title=title,
        source=source,
        url=(url or "").strip() or None,
        author=_line(author),
        published=when,
        published_has_zone=when is not None and when.tzinfo is not None,
        published_precision=precision,
        dateline_place=place,
        dateline_agency=agency,
        language=(language or "").strip() or None,
        summary_only=summary_only,
        format=format,
        origin=origin,
        content_hash=digest,
    )


def dateline_end(text: str) -> int:
    """Where a "CITY (Agency) --" opener ends (0 when the text has none): nothing before it is prose."""
    match = _DATELINE.match(text)
    if match is None or find_dateline(text) == (None, None):
        return 0
    return match.end()


def dateline_place_span(text: str) -> tuple[int, int] | None:
    """Where the place of a dateline opening ``text`` stands ("KYIV" in "KYIV, March 3 (Reuters) - "), if any."""
    match = _DATELINE.match(text)
    if match is None or find_dateline(text) == (None, None):
        return None
    return match.start("place"), match.end("place")


def find_dateline(text: str) -> tuple[str | None, str | None]:
    """The place (title-cased) and agency of a dateline opening ``text``, or (None, None)."""
    match = _DATELINE.match(text)
    if match is None:
        return None, None
    place, agency = match["place"], match["agency"]
    if agency is None and (len(place) < 3 or place in _NOT_PLACES):
        return None, None
    if not (place.isupper() or (agency and place.istitle())):
        return None, None
    return place.title(), agency.strip() if agency else None


def _line(value: str | None) -> str | None:
    """A one-line field (title, outlet, author): normalised, whitespace collapsed, None when blank."""
    if not value:
        return None
    return " ".join(normalise(value).split()) or None
