"""Write the tune/report manifests of the event gold sets under ``splits/`` (one ``record_id TAB part`` per line).

The split itself is ``dateline.eval.split.part_of``: a hash of the set's name and the record key, so rerunning this
only adds the records a newer copy of a gold file brings; the manifest makes the split reviewable in git.
Usage: python scripts/write_splits.py
"""

from __future__ import annotations

import sys
from collections import Counter

from dateline.eval import gold_jsonl, gold_root
from dateline.eval.events import read_tsv
from dateline.eval.parts import CASE_ACLED, EVENT_LOCATION, PENTACLASS, PLOVER_GSR, event_location_key, text_key
from dateline.eval.split import part_of, write_manifest


def main() -> int:
    root = gold_root()
    events = root / "events"
    if not events.is_dir():
        print(f"skipped: no gold at {events}")
        return 1
    keys = {
        PLOVER_GSR: [record["id"] for _, record in gold_jsonl(events / "derived" / "plover_gsr_cameo_v08.jsonl")],
        CASE_ACLED: [
            row["id"] for row in read_tsv(root / "acled" / "case2021_dev.tsv", ("id", "text", "sub_event_type"))
        ],
        PENTACLASS: [text_key(row["text"]) for row in read_tsv(events / "conflibert_cameo" / "cameo_class_train.tsv")],
        EVENT_LOCATION: [
            event_location_key(record) for _, record in gold_jsonl(events / "event_location" / "event_location.jsonl")
        ],
    }
    for gold_set, ids in keys.items():
        path = write_manifest(gold_set, ids)
        parts = Counter(part_of(gold_set, key) for key in set(ids))
        print(f"{path}: {len(set(ids))} records, tune {parts['tune']}, report {parts['report']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
