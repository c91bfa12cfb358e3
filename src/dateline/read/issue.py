"""What a reader yields instead of an article when an input, or a record inside it, is wrong.

A ReadIssue is data, not an exception: the batch goes on and the issue lands in the store's
input log. Its reason is one sentence a user can act on without opening the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "skipped"]


@dataclass(frozen=True, slots=True)
class ReadIssue:
    """One input problem: ``error`` (nothing read from it), ``warning`` (article kept with a defect)
    or ``skipped`` (``count`` records that are deliberately not articles, such as WARC requests)."""

    path: str
    reason: str
    severity: Severity
    count: int = 1


def over_limit(path: str, size: int | None, max_bytes: int) -> ReadIssue:
    """The size refusal, worded the same wherever a file, a decompressed stream or a record is too big."""
    what = f"file is {_megabytes(size)}," if size is not None else "content is"
    return ReadIssue(path, f"{what} over the {_megabytes(max_bytes)} limit; raise it with --max-bytes", "error")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
