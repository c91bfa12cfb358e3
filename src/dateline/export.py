"""Tables out of the store as CSV, JSON Lines or Parquet, streamed in chunks.

Columns are exactly the store's, so an export and a SQL query over the store agree.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.errors import DatelineError
from dateline.store import Store


def export_table(db: str | Path, table: str, fmt: str, output: Path | None) -> int:
    """Write ``table`` of the store at ``db`` to ``output`` (stdout when None); return the row count."""
    with Store.read(db) as store:
        if table not in store.tables():
            raise DatelineError(f"no table {table!r} in {db}; choose from {', '.join(store.tables())}")
        chunks = store.iter_rows(table)
        if fmt == "parquet":
            if output is None:
                raise DatelineError("Parquet needs an output file (-o).")
            return _write_parquet(store, table, chunks, output)
        handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            return _write_text(handle, fmt, chunks)
        finally:
            if output:
                handle.close()


def _write_text(handle: Any, fmt: str, chunks: Any) -> int:
    count = 0
    writer = csv.writer(handle) if fmt == "csv" else None
    for columns, rows in chunks:
        if writer is not None:
            if count == 0:
                writer.writerow(columns)
            writer.writerows(rows)
        else:
            for row in rows:
                handle.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
        count += len(rows)
    if writer is not None and count == 0:
        raise DatelineError("the table is empty; nothing exported")
    return count


def _write_parquet(store: Store, table: str, chunks: Any, output: Path) -> int:
    schema = _arrow_schema(store, table)
    count = 0
    with pq.ParquetWriter(output, schema) as writer:
        for columns, rows in chunks:
            data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
            writer.write_table(pa.table(data, schema=schema))
            count += len(rows)
    return count


_SQLITE_TO_ARROW = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}


def _arrow_schema(store: Store, table: str) -> pa.Schema:
    # Declared column types make an empty or all-null column keep its type in Parquet.
    columns = store.query(f"PRAGMA table_info({table})")
    return pa.schema([(row[1], _SQLITE_TO_ARROW.get(str(row[2]).upper(), pa.string())) for row in columns])
