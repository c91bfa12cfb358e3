"""Which reader a file needs, judged from its first bytes (magic numbers, a leading JSON object, the
first markup element) rather than its name. Anything else is plain text, binary junk included, which
the plain-text reader then refuses with a reason.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

from dateline import text

Format = Literal["gzip", "warc", "jsonl", "feed", "html", "text"]

_GZIP_MAGIC = b"\x1f\x8b"
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Declarations, processing instructions, comments and non-HTML doctypes that may precede the root.
_PROLOG = re.compile(
    r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)(?:[^>\[]|\[[^\]]*\])*>)*", re.DOTALL | re.IGNORECASE
)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|article|section|main|h[1-6]|table)[\s>/]",
    re.IGNORECASE,
)
_HTML_ANYWHERE = re.compile(r"<(?:!doctype\s+html|html|body)[\s>]", re.IGNORECASE)
_JSON_ARRAY_OF_OBJECTS = re.compile(r"\[\s*\{")


def sniff(head: bytes) -> Format:
    """The format of a file whose first bytes are ``head``."""
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"WARC/1."):
        return "warc"
    start = _PROLOG.match(_head_text(head))
    rest = start.string[start.end() :]
    if rest.startswith("{") or _JSON_ARRAY_OF_OBJECTS.match(rest):
        return "jsonl"
    if _FEED_ROOT.match(rest):
        return "feed"
    if _HTML_TAG.match(rest) or _HTML_ANYWHERE.search(rest, 0, 1024):
        return "html"
    return "text"


def _head_text(head: bytes) -> str:
    # Every marker sniffed for is ASCII, so any ASCII-compatible encoding reads well enough as
    # UTF-8 with errors ignored; UTF-16 and UTF-32 (a BOM or NUL bytes) need a real decode.
    if b"\x00" not in head and not head.startswith(_UTF16_32_BOMS):
        return head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    try:
        return text.decode(head[: len(head) // 4 * 4])
    except (text.NotText, UnicodeDecodeError):
        return ""
