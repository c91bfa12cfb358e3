"""Quote marks paired in one linear scan over the paragraphs: curly (also one turned the wrong way), straight,
guillemets, nesting, and a quote that runs on into the next paragraph by the newswire convention (that paragraph opens
with a mark). An unbalanced mark ends with its paragraph, so it never swallows the rest of the article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.model import Span

# The closing marks each opening mark accepts. A straight mark opens when no quote is open.
CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"”'}
# Every character an opening or closing mark may be, and two apostrophes (some wires' double quote).
_MARK_OR_PAIR = re.compile("''|[" + "".join(sorted(set(CLOSERS) | set("".join(CLOSERS.values())))) + "]")

# Curly marks a writer may turn the wrong way, and the punctuation a closing mark may stand before.
_MIRRORED = frozenset("“”")
_PUNCTUATION = frozenset(",.;:!?)")


@dataclass(frozen=True, slots=True)
class Marks:
    """A stretch of text between paired quote marks: ``inner`` holds the words, trimmed of space."""

    start: int
    end: int
    inner: Span
    closed: bool


def paragraph_spans(text: str) -> list[Span]:
    """Non-empty lines, trimmed of surrounding space: news text puts one paragraph on a line."""
    spans, start = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            left = start + line.index(stripped[0])
            spans.append(Span(left, left + len(stripped)))
        start += len(line) + 1
    return spans


def quote_marks(text: str, paragraphs: list[Span]) -> list[Marks]:
    """Pair quote marks in one pass. A quote left open at a paragraph's end runs on only when the next
    paragraph opens with a mark (the convention for quotes spanning paragraphs); otherwise it ends with
    its paragraph, so an unbalanced mark never swallows the rest of the article."""
    found: list[Marks] = []
    opened: tuple[int, str] | None = None
    depth = 0
    for number, paragraph in enumerate(paragraphs):
        index = paragraph.start
        if opened is not None:
            # A carried-over quote's reopening mark at the paragraph start is not a new quote.
            index += _mark_width(text, index)
        # Only marks change the state: the scan steps from one to the next.
        for found_mark in _MARK_OR_PAIR.finditer(text, index, paragraph.end):
            index, char = found_mark.start(), found_mark.group()
            width = len(char)
            if width == 2:
                char = '"'
            elif char in _MIRRORED:
                char = _as_typed(text, index, char)
            if opened is None:
                if char in CLOSERS:
                    opened, depth = (index, char), 1
            elif char in CLOSERS[opened[1]]:
                depth -= 1
                if depth == 0:
                    found.append(_marks(text, opened[0], index + width, close_width=width))
                    opened = None
            elif char == opened[1]:
                depth += 1
        if opened is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is None or (text[following.start] not in CLOSERS and _mark_width(text, following.start) < 2):
                found.append(_marks(text, opened[0], paragraph.end, close_width=0))
                opened = None
    return [marks for marks in found if len(marks.inner)]


def _as_typed(text: str, index: int, char: str) -> str:
    """A curly mark turned the wrong way by its writer, read by where it stands: one glued to the word before it and
    followed by a space, punctuation or the line's end closes (“abhorrent“ in a tweet), one glued to the word after
    it and following a space or the line's start opens (”Fortunately, …")."""
    before = text[index - 1 : index] if index else "\n"
    after = text[index + 1 : index + 2] or "\n"
    if char == "“" and not before.isspace() and (after.isspace() or after in _PUNCTUATION):
        return "”"
    if char == "”" and before.isspace() and after.isalnum():
        return "“"
    return char


def _mark_width(text: str, index: int) -> int:
    # Some newswires print a double quote as two apostrophes: ''like this''.
    return 2 if text.startswith("''", index) else 1


def _marks(text: str, start: int, end: int, close_width: int) -> Marks:
    """The stretch from an opening mark to ``end``; ``close_width`` is 0 for a quote its paragraph ended."""
    inner_start, inner_end = start + _mark_width(text, start), end - close_width
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Marks(start, end, Span(inner_start, inner_end), closed=close_width > 0)
