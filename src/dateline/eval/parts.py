"""The split gold sets of event coding, how their records are keyed, and what a scored part was tuned on.

Each set is split once by ``dateline.eval.split.part_of`` on a stable record key: the record's own id where the
gold has one (PLOVER GSR, CASE-2021), else a hash of its text (PentaClass rows and event-location sentences carry
none that is unique: event-location ids name a source document, and every Wikipedia sentence shares "wiki"). The
manifests under ``splits/`` are written by ``scripts/write_splits.py``. Before the split existed the event rules
were written while reading the whole of the PLOVER GSR and CASE-2021 files, so a ``report`` figure of the rules is
only as clean as the rules written since; the trained models never see ``report``.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from dateline.eval.split import MANIFEST_DIR, REPORT, TUNE, Part, in_part

PLOVER_GSR = "plover_gsr"
CASE_ACLED = "case2021_acled"
PENTACLASS = "pentaclass"
EVENT_LOCATION = "event_location"
PARTS: tuple[Part, ...] = (TUNE, REPORT)
# What reading, rule-writing or training touched, per split set: the whole file before the split, its tune part since.
TUNED_ON: dict[str, str] = {
    PLOVER_GSR: "the event rules were written reading its failures",
    CASE_ACLED: "the ACLED rules were written reading it and the ACLED model is trained on its tune part",
    PENTACLASS: "the PentaClass model is trained on its tune part and its threshold chosen there",
    EVENT_LOCATION: "the event place chooser is trained and its threshold chosen on its tune part",
}

Record = TypeVar("Record")


def text_key(text: str) -> str:
    """The record key of a gold row that has no id of its own: a hash of its text, stable across copies."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:16]


def event_location_key(record: dict) -> str:
    """Event-location sentences are keyed by their text: their ``id`` names a document (or just "wiki")."""
    return text_key(record["text"])


def select(gold_set: str, records: Iterable[Record], key: Callable[[Record], str], part: Part | None) -> list[Record]:
    """The records of ``part`` (all of them for ``None``), in their order."""
    return [record for record in records if in_part(gold_set, key(record), part)]


def part_label(part: Part | None) -> str:
    return part or "all"


@functools.cache
def manifest(gold_set: str, directory: Path = MANIFEST_DIR) -> dict[str, Part]:
    """The committed split of ``gold_set``: record key -> part (empty when no manifest is committed)."""
    path = directory / f"{gold_set}.tsv"
    if not path.exists():
        return {}
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    return {key: TUNE if part == TUNE else REPORT for key, part in rows}


def tuned_warning(gold_set: str, keys: Iterable[str]) -> str | None:
    """Why a figure over the records ``keys`` of ``gold_set`` is not a held-out one (some are listed in the
    committed manifest as ``tune``), or ``None`` when none of them was tuned on."""
    keys = list(keys)
    listed = manifest(gold_set)
    tuned = sum(listed.get(key) == TUNE for key in keys)
    if not tuned or gold_set not in TUNED_ON:
        return None
    return (
        f"{tuned} of the {len(keys)} {gold_set} records scored are in its tune part, which was tuned on "
        f"({TUNED_ON[gold_set]}): not a held-out figure; quote `--part report`"
    )
