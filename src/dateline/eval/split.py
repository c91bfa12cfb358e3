"""The one tune/report split of every gold set: a record belongs to a part by a hash of its id, never by choice.

``tune`` is the part whose failures may be read, rules written from, models trained and thresholds chosen on;
``report`` is only ever scored as a whole. The split is a pure function of the set's name and the record's id, so
it is the same on every machine and for every record ever added; ``write_manifest`` commits it as a readable list
under ``splits/`` so a reviewer can see which records were tuned on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

Part = Literal["tune", "report"]
TUNE: Part = "tune"
REPORT: Part = "report"
# Half of each set is reported: the gold sets are small (PLOVER GSR has 258 sentences), and a report part much
# smaller than that would move by several points between two honest runs.
REPORT_SHARE = 0.5
MANIFEST_DIR = Path(__file__).resolve().parents[3] / "splits"


def part_of(gold_set: str, record_id: str) -> Part:
    """``tune`` or ``report`` for record ``record_id`` of ``gold_set`` (the set's name keeps splits independent)."""
    digest = hashlib.sha256(f"{gold_set}\x1f{record_id}".encode()).digest()
    return REPORT if int.from_bytes(digest[:8], "big") / 2**64 < REPORT_SHARE else TUNE


def in_part(gold_set: str, record_id: str, part: Part | None) -> bool:
    """Whether a record is scored when ``part`` is asked for (``None``: the whole set)."""
    return part is None or part_of(gold_set, record_id) == part


def write_manifest(gold_set: str, record_ids: Iterable[str], directory: Path = MANIFEST_DIR) -> Path:
    """Write ``splits/<gold_set>.tsv``: every record id with its part, sorted, so the split is reviewable in git."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{gold_set}.tsv"
    rows = sorted({str(record_id) for record_id in record_ids})
    path.write_text(
        "record_id\tpart\n" + "".join(f"{record_id}\t{part_of(gold_set, record_id)}\n" for record_id in rows),
        encoding="utf-8",
    )
    return path
