"""Tables out of the store as CSV, JSON Lines or Parquet, streamed in chunks.

Columns are exactly the store's, so an export and a SQL query over the store agree. Two derived tables speak
other tools' languages: ``acled`` (ACLED codebook columns) and ``plover`` (POLECAT-style nested records in JSON
Lines, flat in CSV and Parquet); both keep the article id and evidence offsets on every row.
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
from dateline.store import EXPORT_VIEWS, Store


def export_table(db: str | Path, table: str, fmt: str, output: Path | None) -> int:
    """Write ``table`` of the store at ``db`` to ``output`` (stdout when None); return the row count."""
    with Store.read(db) as store:
        view = table in EXPORT_VIEWS and "events" in store.tables()
        if table not in store.tables() and not view:
            choices = ", ".join([*store.tables(), *EXPORT_VIEWS])
            raise DatelineError(f"no table {table!r} in {db}; choose from {choices}")
        chunks = store.iter_view(table) if view else store.iter_rows(table)
        if fmt == "parquet":
            if output is None:
                raise DatelineError("Parquet needs an output file (-o).")
            schema = None if view else _arrow_schema(store, table)
            return _write_parquet(schema, chunks, output)
        if table == "plover" and fmt == "jsonl":
            chunks = _nested_plover(chunks)
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
        if rows and any(isinstance(value, bytes) for value in rows[0]):
            rows = [_hex_blobs(row) for row in rows]
        if writer is not None:
            if count == 0:
                writer.writerow(columns)
            writer.writerows(rows)
        else:
            for row in rows:
                # A nested record arrives whole in a one-column row; a table row becomes an object.
                value = row[0] if columns == ["record"] else dict(zip(columns, row, strict=True))
                handle.write(json.dumps(value, ensure_ascii=False) + "\n")
        count += len(rows)
    if writer is not None and count == 0:
        raise DatelineError("the table is empty; nothing exported")
    return count


def _hex_blobs(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A binary column (a MinHash signature) as hex text: JSON has no bytes, and CSV would print their repr."""
    return tuple(value.hex() if isinstance(value, bytes) else value for value in row)


def _write_parquet(schema: pa.Schema | None, chunks: Any, output: Path) -> int:
    count = 0
    writer: pq.ParquetWriter | None = None
    try:
        for columns, rows in chunks:
            data = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
            # A derived table's types come from its first chunk; the store's tables declare theirs.
            table = pa.table(data, schema=schema)
            schema = table.schema
            writer = writer or pq.ParquetWriter(output, schema)
            writer.write_table(table)
            count += len(rows)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        if schema is None:
            raise DatelineError("the table is empty; nothing exported")
        pq.write_table(schema.empty_table(), output)
    return count


def _nested_plover(chunks: Any) -> Any:
    """Flat event rows -> one POLECAT-like object each: event, actor and recipient, location, counts, evidence."""
    for columns, rows in chunks:
        records = []
        for row in rows:
            flat = dict(zip(columns, row, strict=True))
            record = {
                "id": flat["event_id"],
                "article_id": flat["article_id"],
                "published": flat["published"],
                "published_precision": flat["published_precision"],
                "outlet": flat["outlet"],
                "url": flat["url"],
                "event_date": flat["date"],
                "time_precision": flat["time_precision"],
                "event_type": flat["type"],
                "event_mode": flat["mode"],
                "quad_class": flat["quad_class"],
                "actor": _party(flat, "source"),
                "recipient": _party(flat, "target"),
                "location": {
                    "name": flat["place_text"],
                    "geonames_id": flat["geonames_id"],
                    "country": flat["country"],
                    "admin1": flat["admin1"],
                    "lat": flat["latitude"],
                    "lon": flat["longitude"],
                    "precision": flat["geo_precision"],
                },
                "counts": {role: flat[role] for role in ("killed", "injured", "arrested", "participants")},
                "modality": flat["modality"],
                "attribution": flat["attribution"],
                "evidence": {
                    "start": flat["evidence_start"],
                    "end": flat["evidence_end"],
                    "text": flat["evidence_text"],
                    "trigger": [flat["trigger_start"], flat["trigger_end"]],
                },
                "confidence": flat["confidence"],
            }
            records.append((record,))
        yield ["record"], records


def _party(flat: dict[str, Any], role: str) -> dict[str, Any]:
    return {
        "text": flat[f"{role}_text"],
        "actor_id": flat[f"{role}_actor_id"],
        "country": flat[f"{role}_country"],
        "sector": flat[f"{role}_sector"],
    }


_SQLITE_TO_ARROW = {"INTEGER": pa.int64(), "REAL": pa.float64(), "TEXT": pa.string()}


def _arrow_schema(store: Store, table: str) -> pa.Schema:
    # Declared column types make an empty or all-null column keep its type in Parquet.
    columns = store.query(f"PRAGMA table_info({table})")
    return pa.schema([(row[1], _SQLITE_TO_ARROW.get(str(row[2]).upper(), pa.string())) for row in columns])
