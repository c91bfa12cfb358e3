"""Shared fixtures for the reader tests: run a reader and split what it yields into articles and issues."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from dateline.model import Article
from dateline.read import ReadIssue, read_bytes, read_inputs

Results = tuple[list[Article], list[ReadIssue]]


def split(items: Iterable[Article | ReadIssue]) -> Results:
    items = list(items)
    assert all(isinstance(item, Article | ReadIssue) for item in items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadIssue)]


@pytest.fixture()
def read_data() -> Callable[..., Results]:
    """``read_data(bytes_or_text, origin="x", **options)``: read one in-memory file."""

    def read(data: bytes | str, origin: str = "input", **options: int) -> Results:
        return split(read_bytes(data.encode() if isinstance(data, str) else data, origin, **options))

    return read


@pytest.fixture()
def read_paths() -> Callable[..., Results]:
    """``read_paths(path, ...)``: read files, directories or patterns as the CLI does."""

    def read(*inputs: str | Path, **options: int) -> Results:
        return split(read_inputs([str(item) for item in inputs], **options))

    return read
