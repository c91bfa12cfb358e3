"""Parquet shards: what a Dask worker writes for one partition of the input, and reads back for the store.

A shard is a folder with one Parquet file per table (``articles``, each record table, ``input_issues``)
whose columns are the store's own, plus ``manifest.json`` (the partition's files and counters). It is
written under a temporary name and renamed when complete, so a worker killed mid-write leaves no shard.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import types
import typing
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.model import RECORD_TABLES, Analysis, Article, Record, Span
from dateline.read import ReadIssue
from dateline.store import ARTICLE_COLUMNS, article_from_row, article_row, flatten, unflatten

MANIFEST = "manifest.json"
ISSUES_TABLE = "input_issues"
ISSUES_SCHEMA = pa.schema(
    [("path", pa.string()), ("reason", pa.string()), ("severity", pa.string()), ("count", pa.int64())]
)
_ARROW_TYPES = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


@dataclass(frozen=True, slots=True)
class Shard:
    """One partition's output as read back: its analyses, its input issues and the counters of its reading."""

    folder: Path
    analyses: list[Analysis]
    issues: list[ReadIssue]
    files: list[str]
    articles_read: int
    duplicates: int
    stage_seconds: dict[str, float]


def table_schema(kind: type) -> pa.Schema:
    """The Arrow schema of ``Article`` or a record type: the store's columns, spans as ``*_start``/``*_end``.

    Times are ISO 8601 strings and tuples JSON strings, exactly as the store keeps them.
    """
    fields: list[tuple[str, pa.DataType]] = []
    for name, annotation in typing.get_type_hints(kind).items():
        base = _without_none(annotation)
        if base is Span:
            fields += [(f"{name}_start", pa.int64()), (f"{name}_end", pa.int64())]
        elif base is datetime or typing.get_origin(base) in (tuple, list, dict):
            fields.append((name, pa.string()))
        elif base in _ARROW_TYPES:
            fields.append((name, _ARROW_TYPES[base]))
        else:
            raise TypeError(f"{kind.__name__}.{name}: no Parquet column type for {annotation!r}")
    return pa.schema(fields)


def _without_none(annotation: Any) -> Any:
    if isinstance(annotation, types.UnionType):
        rest = [arg for arg in annotation.__args__ if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def is_shard(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def write_shard(
    folder: Path,
    analyses: list[Analysis],
    issues: list[ReadIssue],
    *,
    files: list[str],
    articles_read: int,
    duplicates: int,
    stage_seconds: dict[str, float],
    timing: dict[str, Any] | None = None,
) -> Path:
    """Write one partition's shard at ``folder``, atomically; an existing complete shard is replaced.

    ``timing``: when and in which process the partition was analysed (``cluster.analyze_partition``), kept in the
    manifest so that a run's timeline per worker can be read back from its shards."""
    partial = folder.with_name(f".{folder.name}.{uuid.uuid4().hex}.partial")
    partial.mkdir(parents=True)
    try:
        articles = [_article_columns(analysis.article) for analysis in analyses]
        _write_table(partial / "articles.parquet", articles, table_schema(Article))
        by_table: dict[type, list[dict[str, Any]]] = defaultdict(list)
        for analysis in analyses:
            for record in analysis.records:
                by_table[type(record)].append(flatten(record))
        for kind, table in RECORD_TABLES.items():
            _write_table(partial / f"{table}.parquet", by_table[kind], table_schema(kind))
        rows = [dataclasses.asdict(issue) for issue in issues]
        _write_table(partial / f"{ISSUES_TABLE}.parquet", rows, ISSUES_SCHEMA)
        manifest = {
            "files": files,
            "articles_read": articles_read,
            "duplicates": duplicates,
            "stage_seconds": stage_seconds,
        }
        if timing is not None:
            manifest["timing"] = timing
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if folder.exists():  # a retried partition whose first attempt finished after all
            shutil.rmtree(folder)
        os.replace(partial, folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return folder


def _article_columns(article: Article) -> dict[str, Any]:
    # The store's row, with its two flags kept boolean: Parquet has the type SQLite lacks.
    flags = {"published_has_zone": article.published_has_zone, "summary_only": article.summary_only}
    return article_row(article) | flags


def _write_table(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression="zstd")


def read_shard(folder: Path) -> Shard:
    """Read a shard back into analyses; records keep their order within each table."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    articles = [
        # .get: a shard written before a column was added (published_precision) reads it as unknown.
        article_from_row(tuple(row.get(column) for column in ARTICLE_COLUMNS))
        for row in _rows(folder / "articles.parquet")
    ]
    records: dict[str, list[Record]] = defaultdict(list)
    for kind, table in RECORD_TABLES.items():
        path = folder / f"{table}.parquet"
        if not path.exists():  # written by a dateline that had no such table yet
            continue
        for row in _rows(path):
            records[row["article_id"]].append(unflatten(kind, row))
    issues = [ReadIssue(**row) for row in _rows(folder / f"{ISSUES_TABLE}.parquet")]
    return Shard(
        folder=folder,
        analyses=[Analysis(article, tuple(records[article.id])) for article in articles],
        issues=issues,
        files=manifest["files"],
        articles_read=manifest["articles_read"],
        duplicates=manifest["duplicates"],
        stage_seconds=manifest["stage_seconds"],
    )


def _rows(path: Path) -> list[dict[str, Any]]:
    # One file's reader, no thread pool, columns zipped into rows: half the CPU of read_table(...).to_pylist() on a
    # shard's small files (read_table goes through the datasets layer), which the writer reads beside busy workers.
    with pq.ParquetFile(path) as table:
        columns = table.read(use_threads=False).to_pydict()
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def find_shards(paths: Iterable[str | Path]) -> Iterator[Path | ReadIssue]:
    """The shard folders ``paths`` name: shards themselves, or folders holding shards at any depth."""
    for path in map(Path, paths):
        if is_shard(path):
            yield path
            continue
        found = sorted(manifest.parent for manifest in path.rglob(MANIFEST)) if path.is_dir() else []
        found = [folder for folder in found if not folder.name.startswith(".")]
        if not found:
            yield ReadIssue(str(path), "not a shard folder, and no shard folders inside it", "error")
        yield from found
