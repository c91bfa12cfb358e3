"""Page clutter cut before analysis: link boxes, teaser lists under "SEE MORE"-style headings, timestamp lines.

Two passes, because the extractor keeps clutter in two shapes. On the page, a block whose text is mostly link
text (a list of headlines, "Read more: <a>…</a>") is removed before extraction; bylines and dates are left for
the metadata. On the extracted lines, a box heading ("DON'T MISS", "Top stories", a short all-capitals line)
goes with the teaser lines under it (short, unpunctuated, as headlines are), and a line made only of date,
time and labels ("Updated 08:15 EST, Wed March 6, 2024", "Published 3 hours ago") goes alone. Prose ends with
punctuation, which is what keeps an article's own short lines and lists.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Blocks that can be a link box; inline elements are judged with the block around them.
_BOX_TAGS = frozenset({"p", "div", "ul", "ol", "li", "aside", "section", "h2", "h3", "h4", "h5", "h6"})
_LINK_SHARE = 0.6
# A link box is short; a long block that is mostly link text is a page wrapped in a link, not a box.
_BOX_MAX_CHARS = 1000
_METADATA_HINT = re.compile(r"author|byline|date|time|dateline|credit", re.IGNORECASE)
_TEASER_HEADINGS = re.compile(
    r"""(?:see|read|watch|listen)[ ](?:more|also)(?:[ ]on[ ]this(?:[ ]story)?)?|also[ ]read|read[ ]next
    |don['’]?t[ ]miss|do[ ]not[ ]miss|must[ ]read|top[ ]stor(?:y|ies)|(?:related|more|latest|other|popular)
    (?:[ ](?:stories|articles|news|coverage|content|topics|links|videos|reading))?|more[ ](?:from|on)\b.{0,30}
    |recommended(?:[ ]for[ ]you)?|you[ ](?:may|might)[ ](?:also[ ])?like|most[ ](?:read|popular|viewed|shared)
    |trending(?:[ ]now)?|editor['’]?s[ ]picks?|in[ ]other[ ]news|latest[ ]news|watch|advertisement|sponsored""",
    re.IGNORECASE | re.VERBOSE,
)
_TEASER_LEAD = re.compile(
    r"(?:read|see|watch)[ ](?:more|also)|also[ ]read|related|don['’]?t[ ]miss|more|watch|listen|recommended",
    re.IGNORECASE,
)
_LEAD_SEPARATOR = re.compile(r"\s*[:|»>]\s*|\s+[–—-]\s+")
_SENTENCE_END = tuple('.!?…:;"”’)')
_TEASER_MAX = 160
_HEADING_MAX = 40
_TIMESTAMP_MAX = 90
_TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "am", "pm", "a", "m", "p", "utc", "gmt", "bst", "cet", "cest", "eet",
    "eest", "msk", "ist", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "aest",
    "aedt", "jst", "wib", "sast", "eat", "published", "updated", "posted", "last", "first", "modified", "created",
    "on", "at", "ago", "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "second", "seconds",
    "secs", "day", "days", "week", "weeks", "month", "months", "year", "years", "yesterday", "today", "just",
    "now", "read", "time", "date"
})  # fmt: skip
_WHEN = re.compile(r"\d|\b(?:ago|yesterday|today|now)\b", re.IGNORECASE)
_TOKENS = re.compile(r"[^\W\d_]+|\d+")


def cut_link_boxes(tree: HtmlElement) -> None:
    """Remove, in place, every short block whose text is mostly link text (a box of headlines, a
    "Read more" link line); blocks that hold a byline or a date are kept for the metadata."""
    elements = [element for element in tree.iter() if isinstance(element.tag, str)]
    total: dict[HtmlElement, int] = {}
    linked: dict[HtmlElement, int] = {}
    for element in reversed(elements):  # children before their parents
        chars = _chars(element.text)
        links = 0
        for child in element:
            chars += total.get(child, 0) + _chars(child.tail)
            links += linked.get(child, 0)
        total[element] = chars
        linked[element] = chars if element.tag == "a" else links
    for element in elements:
        chars = total[element]
        if (
            element.tag in _BOX_TAGS
            and 0 < chars <= _BOX_MAX_CHARS
            and linked[element] >= _LINK_SHARE * chars
            and not _METADATA_HINT.search(f"{element.get('class', '')} {element.get('id', '')}")
            and element.getparent() is not None
        ):
            element.drop_tree()


def cut_clutter_lines(text: str) -> str:
    """The extracted text without box headings and their teaser lines, "Read more: …" lines and timestamp lines."""
    lines = text.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if is_timestamp(line) or _is_teaser_lead(line):
            index += 1
            continue
        if _is_box_heading(line):
            end = index + 1
            while end < len(lines) and _is_teaser(lines[end].strip()):
                end += 1
            if _TEASER_HEADINGS.fullmatch(line.rstrip(":")) or end - index > 2:
                index = end
                continue
        kept.append(lines[index])
        index += 1
    return "\n".join(kept)


def is_timestamp(line: str) -> bool:
    """Whether a line states only when something was published or updated."""
    if not line or len(line) > _TIMESTAMP_MAX or not _WHEN.search(line):
        return False
    words = [token.casefold() for token in _TOKENS.findall(line) if not token.isdigit()]
    return all(word in _TIME_WORDS for word in words)


def _is_box_heading(line: str) -> bool:
    if not line or len(line) > _HEADING_MAX:
        return False
    if _TEASER_HEADINGS.fullmatch(line.rstrip(":")):
        return True
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 3 and line.isupper() and not line.endswith(_SENTENCE_END)


def _is_teaser(line: str) -> bool:
    """A headline-shaped line: short, not a sentence's end, not a heading of its own."""
    return 0 < len(line) <= _TEASER_MAX and not line.endswith(_SENTENCE_END) and not _is_box_heading(line)


def _is_teaser_lead(line: str) -> bool:
    """ "Read more: Ministers agree to resume talks", a link line whose link the extractor turned into text."""
    lead = _TEASER_LEAD.match(line)
    if lead is None or len(line) > _TEASER_MAX:
        return False
    separator = _LEAD_SEPARATOR.match(line, lead.end())
    return separator is not None and separator.end() < len(line)


def _chars(text: str | None) -> int:
    return len(text.strip()) if text else 0
