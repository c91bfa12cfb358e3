"""The feed reader: RSS 2.0, RSS 1.0 (RDF) and Atom through feedparser, one article per entry.

Full text when the entry has it, else the summary (``summary_only=True``). Dates come from the entry's
own string: feedparser's parsed dates are converted to UTC and lose the outlet's offset.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import feedparser

from dateline.model import Article
from dateline.read import dates
from dateline.read.article import build_article
from dateline.read.html import fragment_text
from dateline.read.issue import ReadIssue


def read(data: bytes | str, origin: str) -> Iterator[Article | ReadIssue]:
    """One article per feed entry (``format="feed"``, origin ``path#entry N``)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    # A stream, never a string: feedparser fetches a string that looks like a URL or a file name.
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" (it is not well-formed XML: {problem})" if problem else ""
        yield ReadIssue(origin, f"the feed has no entries{detail}", "error")
        return
    source = parsed.feed.get("title")
    language = parsed.feed.get("language")
    for number, entry in enumerate(parsed.entries, 1):
        yield from _entry(entry, f"{origin}#entry {number}", source, language)


def _entry(entry: Any, origin: str, source: str | None, language: str | None) -> Iterator[Article | ReadIssue]:
    content = next((part for part in entry.get("content", []) if (part.get("value") or "").strip()), None)
    body = _text(content or entry.get("summary_detail"))
    published, warning = dates.published(entry.get("published") or entry.get("updated"), origin)
    yield build_article(
        body,
        origin=origin,
        format="feed",
        empty="feed entry has no text (no content and no summary)",
        title=_text(entry.get("title_detail")),
        source=source,
        url=entry.get("link"),
        author=entry.get("author"),
        published=published,
        language=(content or {}).get("language") or language,
        summary_only=content is None,
    )
    if warning:
        yield warning


def _text(detail: Any) -> str:
    if not detail:
        return ""
    value = detail.get("value") or ""
    return value if detail.get("type") == "text/plain" else fragment_text(value)
