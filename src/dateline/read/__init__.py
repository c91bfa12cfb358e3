"""Reading inputs (files, directories, glob patterns, stdin) into Articles, the reader chosen by sniffing content.

Bad input never raises: it becomes a ReadIssue and the batch goes on. WARC and JSON Lines are streamed
record by record; any other file is one document, refused up front when it is over ``max_bytes``.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from typing import IO

from dateline.config import DEFAULT_MAX_BYTES
from dateline.model import Article
from dateline.read import feed, html, jsonl, plaintext, warc
from dateline.read.gunzip import GunzipStream
from dateline.read.issue import ReadIssue, over_limit
from dateline.read.sniff import sniff
from dateline.read.walk import expand, unreadable

__all__ = ["ReadIssue", "read_bytes", "read_inputs"]

_DOCUMENT_READERS = {"text": plaintext.read, "html": html.read, "feed": feed.read}
_SNIFF_BYTES = 64 * 1024
_BEFORE_BREAK = "the part before the break:"


def read_inputs(inputs: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadIssue]:
    """Every article in ``inputs`` (file paths, directories read recursively, glob patterns, or
    ``-`` for stdin), in a stable order, with a ReadIssue for each input or record that fails."""
    for item in map(os.fspath, inputs):
        if item == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", None, max_bytes)
            continue
        for path in expand(item):
            if isinstance(path, ReadIssue):
                yield path
            else:
                yield from _read_file(path, max_bytes)


def read_bytes(data: bytes, origin: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadIssue]:
    """Every article in one file's bytes; ``origin`` names it in articles and issues."""
    yield from _read_stream(io.BufferedReader(io.BytesIO(data), _SNIFF_BYTES), origin, len(data), max_bytes)


def _read_file(path: str, max_bytes: int) -> Iterator[Article | ReadIssue]:
    try:
        stream = open(path, "rb", buffering=_SNIFF_BYTES)  # noqa: SIM115 -- closed below, after the yields
    except OSError as error:
        yield ReadIssue(path, unreadable(path, error, top=False), "error")  # it existed when listed
        return
    with stream:
        info = os.fstat(stream.fileno())
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        yield from _read_stream(stream, path, size, max_bytes)


def _read_stream(
    stream: io.BufferedReader, origin: str, size: int | None, max_bytes: int
) -> Iterator[Article | ReadIssue]:
    """Sniff, undo gzip, and hand the content to its reader; ``size`` is the file's, when known."""
    try:
        yield from _dispatch(stream, origin, size, max_bytes)
    except OSError as error:
        yield ReadIssue(origin, f"reading failed part way ({error.strerror or error})", "error")
    except Exception as error:  # a reader's bug must cost one file, not the whole batch
        reason = f"unexpected error while reading ({type(error).__name__}: {error}); please report it"
        yield ReadIssue(origin, reason, "error")


def _dispatch(
    stream: io.BufferedReader, origin: str, size: int | None, max_bytes: int
) -> Iterator[Article | ReadIssue]:
    head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if not head:
        yield ReadIssue(origin, "file is empty", "error")
        return
    kind = sniff(head)
    content: IO[bytes] = stream
    gunzipped: GunzipStream | None = None
    if kind == "gzip":
        try:
            # Decompress only what was peeked, so the stream is still whole for warcio.
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _SNIFF_BYTES)
        except zlib.error as error:
            yield ReadIssue(origin, f"not a readable gzip file ({error})", "error")
            return
        gunzipped = GunzipStream(stream)
        kind, content, size = sniff(head), io.BufferedReader(gunzipped, _SNIFF_BYTES), None
    if kind == "warc":
        yield from warc.read(stream, origin, max_bytes=max_bytes)
        return
    if kind == "jsonl" and b"\x00" not in head:
        items = _guard_gzip(jsonl.read(content, origin, max_bytes=max_bytes), origin)
    else:
        items = _read_document(content, kind, origin, size, max_bytes, gunzipped)
    read_any = told = False
    for item in items:
        read_any = read_any or isinstance(item, Article)
        if gunzipped and gunzipped.truncated and isinstance(item, ReadIssue) and item.path == origin:
            # The reader refused what was left before the break: one error that says both.
            item, told = ReadIssue(origin, f"the gzip file is truncated; {_BEFORE_BREAK} {item.reason}", "error"), True
        yield item
    if gunzipped and gunzipped.truncated and not told:
        yield _truncated(origin, read_any)


def _read_document(
    content: IO[bytes], kind: str, origin: str, size: int | None, max_bytes: int, gunzipped: GunzipStream | None
) -> Iterator[Article | ReadIssue]:
    if size is not None and size > max_bytes:
        yield over_limit(origin, size, max_bytes)
        return
    try:
        data = content.read(max_bytes + 1)
    except zlib.error as error:
        yield _gzip_issue(origin, error)
        return
    if len(data) > max_bytes:
        yield over_limit(origin, None, max_bytes)
    elif not data:
        if not (gunzipped and gunzipped.truncated):  # else the truncation is the reason, given by the caller
            yield ReadIssue(origin, "file is empty once decompressed", "error")
    elif kind == "jsonl":  # UTF-16 or UTF-32 JSON Lines: decoded whole, not line by line
        yield from jsonl.read(data, origin, max_bytes=max_bytes)
    else:
        yield from _DOCUMENT_READERS[kind](data, origin)


def _guard_gzip(items: Iterator[Article | ReadIssue], origin: str) -> Iterator[Article | ReadIssue]:
    """A streamed gzip that is corrupt part way keeps the records read before the damage."""
    try:
        yield from items
    except zlib.error as error:
        yield _gzip_issue(origin, error)


def _truncated(origin: str, read_any: bool) -> ReadIssue:
    if read_any:
        return ReadIssue(origin, "the gzip file is truncated; the part before the break was read", "warning")
    return ReadIssue(origin, f"the gzip file is truncated; {_BEFORE_BREAK} no content", "error")


def _gzip_issue(origin: str, error: Exception) -> ReadIssue:
    return ReadIssue(origin, f"not a readable gzip file ({error}); nothing after the damage was read", "error")
