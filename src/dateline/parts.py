"""Cutting text that is too long to handle whole into consecutive pieces, without spaCy.

Two sizes: a parse chunk (``nlp.parse`` joins an article's chunks back into one Doc) and, for a text far
longer than any article (a 30 MB transcript, a dump of pasted pages), parts that each become an article
of their own, cut between paragraphs, so that memory and progress follow the part, not the file.
"""

from __future__ import annotations

# Beyond spaCy's own length guard no single text is an article: it is split into parts of whole paragraphs.
LONG_TEXT_CHARS = 1_000_000
PART_CHARS = 50_000
# Where to cut, best first; separators in one group are equally good.
LINES = (("\n",), (". ",), (" ", "\t"))  # a line break, after a sentence-final stop, any white space
PARAGRAPHS = (("\n\n",), *LINES)


def split_text(text: str, limit: int, separators: tuple[tuple[str, ...], ...] = LINES) -> list[str]:
    """Cut text into pieces of at most ``limit`` characters whose concatenation is ``text``.

    A cut falls after the last separator in the second half of the window, trying the groups of
    ``separators`` in order, else at the limit.
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, limit, separators)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _cut(text: str, start: int, limit: int, separators: tuple[tuple[str, ...], ...]) -> int:
    low, high = start + limit // 2, start + limit
    for group in separators:
        ends = [found + len(each) for each in group if (found := text.rfind(each, low, high)) >= 0]
        if ends:
            return max(ends) - start
    return limit


def long_text_parts(text: str) -> list[str] | None:
    """The parts a text far longer than an article is read as, or None when it is short enough to be one."""
    if len(text) <= LONG_TEXT_CHARS:
        return None
    return split_text(text, PART_CHARS, PARAGRAPHS)
