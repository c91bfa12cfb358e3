"""Event-to-time anchoring on TempEval-3: the trained date chooser beside the rules it replaces, on the same events.

Each event of the TempEval-3 TBAQ documents linked to a time or to the document creation time (``dateline.eval.
anchoring``) is dated by the trained chooser (``resources/anchor_model.npz``, fitted on the ``tune`` documents) and
by the rules (``anchoring.rule_date``) from the pipeline's own times; an answer is right when it names the gold's
time or the gold's day, or no day where the gold has none (before or after the publication day, with no time).
Printed for the ``report`` documents (never trained on) and for ``tune``, with the gap, overall and by gold kind.
Usage: python benchmarks/anchoring.py
"""

from __future__ import annotations

import json
import sys

import numpy as np

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.anchoring import anchor_documents, examples, scores, tempeval_files
from dateline.eval.split import REPORT, TUNE
from dateline.nlp import load_pipeline
from dateline.resources.anchor_model import load_anchor_model


def main() -> int:
    root = gold_root()
    if not tempeval_files(root):
        print(f"skipped: no TempEval-3 gold below {root / 'time'} (clone the repository beside shared/)")
        return 0
    model = load_anchor_model()
    if not model:
        print("skipped: no anchor model ships (run `make train-dates`)")
        return 0
    nlp = load_pipeline(settings_from_env().spacy_model)
    print("== event date anchoring on TempEval-3 (model: the trained chooser; rules: the dater it replaces)")
    figures = {}
    for part in (REPORT, TUNE):
        found = examples(anchor_documents(root, part), nlp)
        chosen = [int(np.argmax([model.probability(values) for values in example.values])) for example in found]
        figures[part] = scores(found, chosen)
        print(f"  {part:6} " + json.dumps(figures[part]))
    gap = figures[TUNE]["model_all"] - figures[REPORT]["model_all"]
    # The chooser is fitted on the whole tune part, so its tune figure is in-sample; the cross-validated figure
    # inside tune (printed by ``make train-dates``) is the one a report figure should match.
    print(f"  tune (in-sample) - report gap {gap:+.3f}; compare report with the 5-fold CV of make train-dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
