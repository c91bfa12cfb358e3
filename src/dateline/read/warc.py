"""The WARC reader: each HTML page (a 200 ``response``) becomes an article; other records are counted once.

Streamed, gzipped or not, one record bounded by ``max_bytes``. warcio stops quietly at a cut-off file,
so record lengths and leftover bytes are checked and a truncated file ends with an error.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from dateline.config import DEFAULT_MAX_BYTES
from dateline.model import Article
from dateline.read import dates
from dateline.read.html import page_article
from dateline.read.issue import ReadIssue, over_limit

_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# What a cut-off or corrupt file raises inside warcio; AttributeError is warcio tripping over a
# record header cut in half.
_BROKEN = (ArchiveLoadFailed, ChunkedDataException, EOFError, OSError, zlib.error, ValueError, AttributeError)


class _Truncated(Exception):
    """A record ends before its stated length: the file was cut short."""


def read(data: bytes | IO[bytes], origin: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | ReadIssue]:
    """One article per HTML response (``format="warc"``, origin ``path#record N``)."""
    records = ArchiveIterator(io.BytesIO(data) if isinstance(data, bytes) else data)
    skipped: Counter[str] = Counter()
    pages = _pages(records, skipped, max_bytes)
    last = 0
    while True:
        try:
            last, record, content = next(pages)
        except StopIteration:
            broken = not _only_blank_left(records)
            break
        except (_Truncated, *_BROKEN):
            broken = True
            break
        yield _article(record, content, f"{origin}#record {last}", max_bytes)
    if skipped:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))
        yield ReadIssue(origin, f"WARC records that are not HTML pages skipped ({kinds})", "skipped", skipped.total())
    if broken:
        where = f"after record {last}" if last else "at its first record"
        yield ReadIssue(origin, f"the WARC file is truncated or corrupt {where}; nothing after it was read", "error")


def _pages(
    records: ArchiveIterator, skipped: Counter[str], max_bytes: int
) -> Iterator[tuple[int, ArcWarcRecord, bytes]]:
    """Each HTML response with its content (at most ``max_bytes + 1`` bytes); counts the rest in ``skipped``."""
    for number, record in enumerate(records, 1):
        if record.rec_type is None:
            if record.rec_headers.protocol or record.rec_headers.headers:
                raise _Truncated  # a record header cut in half
            return  # blank lines after the last gzip member, which warcio yields as an empty record
        kind = _not_a_page(record)
        content = record.content_stream().read(max_bytes + 1) if kind is None else b""
        # Reading to the end of the record shows whether it is whole: a cut-off file leaves bytes owed.
        while record.raw_stream.read(64 * 1024):
            pass
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise _Truncated
        if kind is None:
            yield number, record, content
        else:
            skipped[kind] += 1


def _only_blank_left(records: ArchiveIterator) -> bool:
    """Whether the bytes after the last whole record, if any, are only white space (not a cut-off record)."""
    end, consumed = records.offset, records.fh.tell()
    if consumed - end > 4096:
        return False
    try:
        records.fh.seek(end)
        return not records.fh.read(consumed - end).strip()
    except (AttributeError, OSError):  # stdin cannot seek back: any leftover counts as a break
        return end == consumed


def _article(record: ArcWarcRecord, content: bytes, where: str, max_bytes: int) -> Article | ReadIssue:
    if len(content) > max_bytes:
        return over_limit(where, None, max_bytes)
    content_type = record.http_headers.get_header("Content-Type") or ""
    charset = _CHARSET.search(content_type)
    return page_article(
        content,
        where,
        format="warc",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        published=dates.parse_date(record.rec_headers.get_header("WARC-Date") or ""),
        charset=charset[1] if charset else None,
    )


def _not_a_page(record: ArcWarcRecord) -> str | None:
    """What kind of record this is when it is not an HTML page, else None."""
    if record.rec_type != "response":
        return str(record.rec_type)
    if record.http_headers is None:
        return "non-HTTP response"
    status = record.http_headers.get_statuscode()
    if status != "200":
        return f"response with status {status}"
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _PAGE_TYPES:
        return f"{content_type or 'untyped'} response"
    return None
