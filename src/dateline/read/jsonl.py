"""The JSON Lines reader: one article per line, each line one JSON object; bad lines cost only themselves.

Schema, one object a line (UTF-8; blank lines are passed over, unknown keys ignored):

==============  ========  ===========================================================================
key             required  value
==============  ========  ===========================================================================
``text``        yes       the article body, a non-empty string; a dateline at its start is recognised
``title``       no        the headline
``published``   no        ISO 8601 (``2021-07-12T09:40:00+03:00``; an offset is kept, none means local
                          time at the outlet) or any full date dateparser reads (``12 July 2021 09:40``)
``source``      no        the outlet's name
``url``         no        the article's address
``id``          no        string or number; default: the first 16 hex digits of the content hash
``author``      no        the byline
``language``    no        a language tag such as ``en`` or ``ar``
==============  ========  ===========================================================================

Example line::

    {"id": "w-1", "title": "Strikes hit border posts", "published": "2021-07-12T09:40:00+03:00",
     "source": "Meridian Press Agency", "text": "BAGHDAD, July 12 (Meridian) - ..."}

(one line in the file; wrapped here). A file is streamed, so only a single line is bounded by
``max_bytes``. A line that is not JSON, not an object, or has no ``text`` is an error at ``path#line N``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from dateline import text
from dateline.config import DEFAULT_MAX_BYTES
from dateline.model import Article
from dateline.read import dates
from dateline.read.article import build_article
from dateline.read.issue import ReadIssue, over_limit

_FIELDS = ("title", "source", "url", "id", "author", "language")
# json's messages, some cut mid-phrase ("Expecting value: line 1 column 9"), said in plain words.
_JSON_PROBLEMS = (
    ("Expecting value", "a value is missing or is not JSON (text goes in double quotes)"),
    ("Expecting property name", "a key is not in double quotes"),
    ("Expecting ':'", "a key is not followed by a colon"),
    ("Expecting ','", "a comma is missing between two items"),
    ("Unterminated string", "a string is not closed by a double quote"),
    ("Invalid \\u", r"a \u escape without four hexadecimal digits"),
    ("Invalid \\escape", "a backslash that starts no valid escape"),
    ("Extra data", "more than one JSON value on the line"),
)
# The control characters typed into strings most often, by name and by the escape that writes them.
_CONTROLS = {"\t": ("tab", "\\t"), "\n": ("line break", "\\n"), "\r": ("carriage return", "\\r")}
_NOT_LINES = "a JSON document, not JSON Lines; put one JSON object on each line"


def read(
    data: bytes | str | IO[bytes], origin: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | ReadIssue]:
    """One article per line (``format="jsonl"``, origin ``path#line N``)."""
    try:
        lines = _lines(data, max_bytes)
    except text.NotText as error:
        yield ReadIssue(origin, f"{error}, not JSON Lines", "error")
        return
    first = True
    for number, line in enumerate(lines, 1):
        where = f"{origin}#line {number}"
        if line is None:
            yield over_limit(where, None, max_bytes)
            continue
        if isinstance(line, bytes):
            try:
                line = text.decode(line)
            except text.NotText as error:
                yield ReadIssue(where, f"{error}; each line must be one JSON object", "error")
                continue
        if not line.strip():
            continue
        if first and (line.strip() == "{" or line.lstrip().startswith("[")):
            yield ReadIssue(origin, _NOT_LINES, "error")
            return
        first = False
        yield from _article(line, where, number)


def _article(line: str, where: str, number: int) -> Iterator[Article | ReadIssue]:
    try:
        # Without its line break: a string left open at the end of the line is then told as unclosed, not as
        # holding a raw newline.
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        problem = next((plain for message, plain in _JSON_PROBLEMS if error.msg.startswith(message)), None)
        if problem is None and error.msg.startswith("Invalid control character"):
            problem = _raw_control(line[error.pos])
        problem = problem or error.msg
        reason = f"not valid JSON at line {number}, column {error.colno}: {problem}; each line must be one object"
        yield ReadIssue(where, reason, "error")
        return
    except RecursionError:
        yield ReadIssue(where, "JSON nested too deeply to read; each line must be one flat object", "error")
        return
    if not isinstance(record, dict):
        yield ReadIssue(where, f"a JSON {type(record).__name__}, not an object; each line must be one object", "error")
        return
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        yield ReadIssue(where, 'no "text" field with the article text; every line needs one', "error")
        return
    fields = {key: _scalar(record.get(key)) for key in _FIELDS}
    published, warning = dates.published(_scalar(record.get("published")), where)
    yield build_article(
        body, origin=where, format="jsonl", empty='the "text" field is empty', published=published, **fields
    )
    if warning:
        yield warning


def _lines(data: bytes | str | IO[bytes], max_bytes: int) -> Iterator[bytes | str | None]:
    """The file's lines; None for a line longer than ``max_bytes`` (which is skipped, not held)."""
    if isinstance(data, bytes):
        data = text.decode(data)
    if isinstance(data, str):
        return iter(data.split("\n"))
    return _stream_lines(data, max_bytes)


def _stream_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(max_bytes + 1)
        yield None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def _raw_control(character: str) -> str:
    """What json calls an invalid control character, named: a tab or other control typed into a string."""
    name, escape = _CONTROLS.get(character, (f"U+{ord(character):04X}", f"\\u{ord(character):04x}"))
    return f"a raw {name} inside a string (write it as {escape})"
