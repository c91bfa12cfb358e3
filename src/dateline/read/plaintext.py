"""The plain-text reader: the seed's layout (``News ID``, ``Source``, ``Publish Date`` header, headline,
body, trailing ``* Comment:`` block, which is cut) or bare text, all body unless a short unpunctuated
first line stands alone as its title.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from dateline import text
from dateline.model import Article
from dateline.parts import long_text_parts
from dateline.read import dates
from dateline.read.article import build_article, find_dateline
from dateline.read.issue import ReadIssue

_HEADER = re.compile(r"\s*(?P<key>news\s*id|source|publish(?:ed)?(?:\s*date)?|date)\s*:\s*(?P<value>.*)", re.I)
_HEADER_FIELDS = {"newsid": "id", "source": "source"}  # every other key is a publish date
_COMMENTS = re.compile(r"^\*\s*comments?\s*:", re.IGNORECASE | re.MULTILINE)
_HEADLINE_MAX = 300
# A first line taken as a title when there is no header must look like one: short, standing alone,
# not ending the way a sentence does.
_BARE_TITLE_MAX = 150
_SENTENCE_ENDS = tuple('.!?;:,…"”’')
# Like a page's, a text file must hold some words to be an article: "18363" alone is a stray number, not news.
# Wire briefs run to a sentence, so the bar is low.
_MIN_WORDS = 3
_TOKEN = re.compile(r"\S+")
_LONGEST_WORD = 40
_NOT_TEXT_HINT = "dateline reads plain text, HTML, RSS/Atom, JSON Lines and WARC"


def read(data: bytes | str, origin: str) -> Iterator[Article | ReadIssue]:
    """One article from a plain-text file (``format="text"``), or the reason there is none."""
    if isinstance(data, bytes):
        try:
            data = text.decode(data)
        except text.NotText as error:
            yield ReadIssue(origin, f"{error}; {_NOT_TEXT_HINT}", "error")
            return
    lines = data.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, start = _header(lines)
    title, start = _title(lines, start, after_header=bool(header))
    body = "\n".join(lines[start:])
    comments = _COMMENTS.search(body)
    if comments:
        body = body[: comments.start()]
    words = _words_up_to(body, _MIN_WORDS)
    if body.strip() and words < _MIN_WORDS:
        shown = " ".join(body.split())
        shown = shown if len(shown) <= 40 else shown[:40] + "…"
        yield ReadIssue(origin, f"too short to be an article ({words} words: {shown!r}); {_NOT_TEXT_HINT}", "error")
        return
    published, warning = dates.published(header.get("date"), origin)
    parts = long_text_parts(body)
    if parts is None:
        yield build_article(
            body,
            origin=origin,
            format="text",
            empty="no article text after the header" if header or title else "file has no text, only white space",
            id=header.get("id"),
            title=title,
            source=header.get("source"),
            published=published,
        )
    else:
        # Far longer than any article: each part (whole paragraphs) is an article, built as it is needed. The
        # whole text's other copies are let go first, and each part once built, so a 30 MB file is not held
        # four times over while it is analysed.
        yield ReadIssue(
            origin, f"{len(body):,} characters: read as {len(parts)} articles of whole paragraphs", "warning"
        )
        del data, lines, body
        parts.reverse()
        for number in range(1, len(parts) + 1):
            part = parts.pop()
            article = build_article(
                part,
                origin=f"{origin}#part{number}",
                format="text",
                empty="",
                id=f"{header['id']}-part{number}" if header.get("id") else None,
                title=title,
                source=header.get("source"),
                published=published,
            )
            if isinstance(article, Article):  # a part of white space alone is no article, and no error either
                yield article
    if warning:
        yield warning


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    header: dict[str, str] = {}
    index = _skip_blank(lines, 0)
    while index < len(lines) and (match := _HEADER.fullmatch(lines[index])):
        key = re.sub(r"\s+", "", match["key"]).lower()
        header[_HEADER_FIELDS.get(key, "date")] = match["value"].strip()
        index += 1
    return header, index if header else 0


def _title(lines: list[str], start: int, *, after_header: bool) -> tuple[str | None, int]:
    index = _skip_blank(lines, start)
    if index >= len(lines):
        return None, start
    line = lines[index].strip()
    if find_dateline(line) != (None, None):
        return None, index
    if after_header and len(line) <= _HEADLINE_MAX:
        return line, index + 1
    stands_alone = index + 1 < len(lines) and not lines[index + 1].strip()
    more_follows = _skip_blank(lines, index + 1) < len(lines)
    if stands_alone and more_follows and len(line) <= _BARE_TITLE_MAX and not line.endswith(_SENTENCE_ENDS):
        return line, index + 1
    return None, index


def _words_up_to(body: str, limit: int) -> int:
    """How many words ``body`` holds, counted up to ``limit``: a huge text's millions of tokens need not be looked
    at. (A function of its own, so that no iterator over the text outlives the count in the reader's frame.)"""
    tokens = (found.group() for found in _TOKEN.finditer(body))
    return sum(1 for _ in itertools.islice(filter(_is_word, tokens), limit))


def _is_word(token: str) -> bool:
    """A token that reads as a word: letters, at least two, make up most of it (not "18363", not a hex blob)."""
    letters = sum(char.isalpha() for char in token)
    return letters >= 2 and letters * 2 >= len(token) and len(token) <= _LONGEST_WORD


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index
