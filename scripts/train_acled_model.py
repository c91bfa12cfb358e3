"""Train the ACLED sub-event model from ACLED's coder notes and the CASE-2021 tune part, deterministically.

Reads below the gold root: ``acled/train/acled_notes.jsonl.gz`` (ACLED events with their coders' summaries; the
house style news prose lacks is stripped: the "Looting:" label prefix, the "On 2 June 2020," opener, bracketed
"[size=…]" notes; at most ``CAP`` notes per sub-event type, chosen by a hash of the event id, since Peaceful
protest alone is 60% of the file), the ``tune`` part of ``acled/case2021_dev.tsv`` (news snippets, weighted
``CASE_WEIGHT`` times: they are the prose the coder meets), and as "none" examples the ``tune`` part of the
PentaClass sentences of classes 0-3 (statements, appeals, verbal and material cooperation, verbal conflict).
Each text runs through the whole pipeline and ``dateline.extract.acled.coding_features`` turns its parse and the
rules' reading into features. The penalty is chosen by a 5-fold cross-validation over the CASE tune snippets (the
notes and negatives always in training); a class-balanced multinomial logistic regression (scikit-learn, lbfgs: no
randomness) is then fitted on everything and written as arrays to ``src/dateline/resources/acled_model.npz`` with
the sha256 of each file read. Needs the ``train`` extra (scikit-learn); analysis reads the file with numpy alone.
Usage: python scripts/train_acled_model.py [--output PATH] [--cache PATH]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from dateline.eval import gold_root
from dateline.eval.events import analyse_parsed, label_scores, read_tsv
from dateline.eval.parts import CASE_ACLED, PENTACLASS, text_key
from dateline.eval.split import TUNE, part_of
from dateline.extract.acled import NONE, coding_features
from dateline.model import Event
from dateline.resources import load_resources
from dateline.resources.acled_model import MODEL_PATH, AcledModel, load_acled_model, save_acled_model
from dateline.resources.penta_model import stratified_folds

CAP = 300  # notes per sub-event type
CASE_WEIGHT = 10.0
NEGATIVE_CLASSES = ("0", "1", "2", "3")
MIN_ROWS = 2  # a feature seen in fewer training texts than this is noise
PENALTIES = (0.03, 0.1, 0.3)  # scikit-learn's C: the inverse of the L2 penalty
FOLDS = 5
SEED = 20240601
LABEL_PREFIX = re.compile(r"^[A-Z][\w/ -]{0,40}:\s+")
DATE_OPENER = re.compile(r"^(On|Around|Between|Sometime|During|In)\s[^,]{0,60}?\d[^,]{0,60},\s*")
BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def house_style_stripped(note: str) -> str:
    """A coder note as news prose: no label prefix, no date opener, no bracketed size or count."""
    text = BRACKETED.sub("", LABEL_PREFIX.sub("", note.strip(), count=1))
    text = DATE_OPENER.sub("", text, count=1)
    return text[:1].upper() + text[1:]


def training_rows(root: Path) -> tuple[list[tuple[str, str, float, bool]], list[Path]]:
    """(text, label, weight, is a CASE tune snippet) for every training text, and the files read."""
    notes_path = root / "acled" / "train" / "acled_notes.jsonl.gz"
    case_path = root / "acled" / "case2021_dev.tsv"
    penta_path = root / "events" / "conflibert_cameo" / "cameo_class_train.tsv"
    by_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with gzip.open(notes_path, "rt", encoding="utf-8") as handle:
        for line in handle:
            note = json.loads(line)
            if note.get("notes") and note.get("sub_event_type"):
                digest = hashlib.sha256(note["event_id_cnty"].encode()).hexdigest()
                by_type[note["sub_event_type"]].append((digest, house_style_stripped(note["notes"])))
    rows = [(text, label, 1.0, False) for label, notes in sorted(by_type.items()) for _, text in sorted(notes)[:CAP]]
    for row in read_tsv(case_path, ("id", "text", "sub_event_type")):
        if part_of(CASE_ACLED, row["id"]) == TUNE:
            rows.append((row["text"], row["sub_event_type"] or NONE, CASE_WEIGHT, True))
    for row in read_tsv(penta_path):
        if row["label"] in NEGATIVE_CLASSES and part_of(PENTACLASS, text_key(row["text"])) == TUNE:
            rows.append((row["text"], NONE, 1.0, False))
    return rows, [notes_path, case_path, penta_path]


def readings(texts: list[str], cache: Path | None) -> list[list[str]]:
    """Each text's features; with ``cache``, read back from (or written to) a JSON file keyed by the texts."""
    digest = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()
    if cache is not None and cache.exists():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored["digest"] == digest:
            return stored["features"]
    lexicon = load_resources().events
    features = [
        coding_features(doc, analysis.of(Event), lexicon)
        for analysis, doc in analyse_parsed((str(number), text, None) for number, text in enumerate(texts))
    ]
    if cache is not None:
        cache.write_text(json.dumps({"digest": digest, "features": features}), encoding="utf-8")
    return features


def fit(features: list[list[str]], labels: list[str], weights: list[float], rows: list[int], penalty: float):
    """A class-balanced multinomial logistic regression on ``rows``, as an ``AcledModel``."""
    seen = Counter(name for row in rows for name in set(features[row]))
    names = sorted(name for name, count in seen.items() if count >= MIN_ROWS)
    index = {name: column for column, name in enumerate(names)}
    matrix = _matrix([features[row] for row in rows], index)
    classifier = LogisticRegression(C=penalty, class_weight="balanced", max_iter=500, tol=1e-3)
    classifier.fit(matrix, [labels[row] for row in rows], sample_weight=[weights[row] for row in rows])
    return AcledModel(
        classes=tuple(str(label) for label in classifier.classes_),
        index=index,
        weights=classifier.coef_.T.astype(np.float32),
        intercepts=classifier.intercept_.astype(np.float64),
    )


def _matrix(rows: list[list[str]], index: dict[str, int]) -> csr_matrix:
    columns = [sorted({index[name] for name in row if name in index}) for row in rows]
    pointers = np.cumsum([0] + [len(row) for row in columns])
    flat = np.array([column for row in columns for column in row], dtype=np.int64)
    return csr_matrix((np.ones(len(flat)), flat, pointers), shape=(len(rows), len(index)))


def cross_validate(
    features: list[list[str]], labels: list[str], weights: list[float], case: list[int], penalty: float
) -> dict:
    """Weighted F1 over the CASE tune snippets, each predicted by a model fitted without its fold."""
    others = [row for row in range(len(labels)) if row not in set(case)]
    kinds = sorted({labels[row] for row in case})
    folds = stratified_folds([kinds.index(labels[row]) for row in case], FOLDS, SEED)
    gold, predicted = [], []
    for fold in folds:
        held_out = [case[position] for position in fold]
        kept = others + [row for row in case if row not in set(held_out)]
        model = fit(features, labels, weights, kept, penalty)
        for row in held_out:
            probabilities = model.probabilities(features[row])
            predicted.append(max(probabilities, key=probabilities.__getitem__))
            gold.append(labels[row])
    return label_scores(gold, predicted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--cache", type=Path, default=None, help="keep the texts' features here between runs")
    options = parser.parse_args()
    root = gold_root()
    if not (root / "acled" / "train").is_dir():
        print(f"no ACLED notes below {root / 'acled' / 'train'}: nothing to train on")
        return 1
    rows, files = training_rows(root)
    print(f"{len(rows)} training texts: {dict(Counter(label for _, label, _, _ in rows).most_common())}")
    features = readings([text for text, _, _, _ in rows], options.cache)
    labels = [label for _, label, _, _ in rows]
    weights = [weight for _, _, weight, _ in rows]
    case = [number for number, row in enumerate(rows) if row[3]]
    scores = {}
    for penalty in PENALTIES:
        scores[penalty] = cross_validate(features, labels, weights, case, penalty)
        print(f"C {penalty}: {FOLDS}-fold CV on the CASE tune snippets, weighted F1 {scores[penalty]['weighted_f1']}")
    penalty = max(PENALTIES, key=lambda value: (scores[value]["weighted_f1"], -value))
    model = fit(features, labels, weights, list(range(len(rows))), penalty)
    described = (
        f"{len(rows)} texts: ACLED notes (at most {CAP} per type), the CASE-2021 tune part (x{CASE_WEIGHT}), "
        f"PentaClass tune classes {'/'.join(NEGATIVE_CLASSES)} as none; C {penalty} by {FOLDS}-fold CV "
        f"(weighted F1 {scores[penalty]['weighted_f1']})"
    )
    save_acled_model(
        AcledModel(model.classes, model.index, model.weights, model.intercepts, described), options.output, files
    )
    print(f"wrote {options.output} ({options.output.stat().st_size / 1e6:.2f} MB, {len(model.index)} features)")
    load_acled_model(options.output)  # the file it wrote passes the loader's checks
    return 0


if __name__ == "__main__":
    sys.exit(main())
