"""Train the CAMEO PentaClass model from ConfliBERT's labelled sentences, deterministically, and write it as arrays.

Reads only the ``tune`` part (``splits/pentaclass.tsv``) of ``events/conflibert_cameo/cameo_class_*.tsv`` below the
gold root (sentence TAB class 0-4): the ``report`` part is never seen, so its score is a held-out one. Each sentence
is run through the whole pipeline, rules and all, and ``dateline.eval.events.penta_features`` turns its parse and
the rules' reading into features; the L2 strength and the threshold above which the model overrules the rules are
chosen by a cross-validation inside the tune part, then the model (numpy logistic regression, no randomness beyond
the fixed fold seed) is fitted on every tune sentence and written to
``src/dateline/resources/penta_model.npz`` with the sha256 of each file read, so ``dateline eval events`` can say
when it scores rows the model has seen. The honest figures are the report part's and the 5-fold cross-validation
inside the tune part (``benchmarks/events.py``).
Usage: python scripts/train_penta_model.py [--output PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dateline.eval import gold_root
from dateline.eval.events import choose_settings, penta_readings, read_tsv
from dateline.eval.parts import PENTACLASS, select, text_key
from dateline.eval.split import TUNE
from dateline.resources.penta_model import MODEL_PATH, fit, load_penta_model, save_penta_model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    options = parser.parse_args()
    files = sorted((gold_root() / "events" / "conflibert_cameo").glob("cameo_class_*.tsv"))
    if not files:
        print(f"no cameo_class_*.tsv below {gold_root() / 'events' / 'conflibert_cameo'}: nothing to train on")
        return 1
    every_row = [row for path in files for row in read_tsv(path)]
    rows = select(PENTACLASS, every_row, lambda row: text_key(row["text"]), TUNE)
    labels = [int(row["label"]) for row in rows]
    readings = penta_readings(rows)
    l2, threshold = choose_settings(readings, labels, list(range(len(rows))))
    model = fit([reading.features for reading in readings], labels, threshold=threshold, l2=l2)
    described = (
        f"the tune part of ConfliBERT's PentaClass sentences ({len(rows)}): {', '.join(p.name for p in files)};"
        f" L2 {l2} and threshold {threshold} by cross-validation inside it"
    )
    save_penta_model(model, options.output, files, described)
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(model.index)} features,")
    print(f"  L2 {l2} and threshold {threshold} chosen by cross-validation inside the tune part)")
    load_penta_model(options.output)  # the file it wrote passes the loader's checks
    return 0


if __name__ == "__main__":
    sys.exit(main())
