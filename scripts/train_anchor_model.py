"""Train the event date chooser on the tune part of TempEval-3, deterministically, and write it.

Reads only the ``tune`` documents (``splits/tempeval3.tsv``, by file name) of ``time/tbaq`` below the gold root.
Each linked event (``dateline.eval.anchoring``) runs through the pipeline up to the times stage; every candidate
(each dated time of its sentence and the two before, the publication day, no day) is one example, right when it
dates the event as the gold does. A logistic regression (scikit-learn, fixed settings, no randomness) learns the
weights of ``dateline.extract.anchoring.features``; at run time the best candidate wins. A 5-fold cross-validation
inside the tune part (folds by document) prints how often the best candidate is right, beside the rules. The
model is written to ``src/dateline/resources/anchor_model.npz`` with the sha256 of every file it read. The report
part is never read here: ``benchmarks/anchoring.py`` scores it. Usage: python scripts/train_anchor_model.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.anchoring import TEMPEVAL, Example, anchor_documents, examples, scores, tempeval_files
from dateline.eval.split import TUNE, in_part, write_manifest
from dateline.nlp import load_pipeline
from dateline.resources.anchor_model import ANCHOR_MODEL_PATH, load_anchor_model
from dateline.resources.place_model import place_model_of, save_place_model

FOLDS = 5
C = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ANCHOR_MODEL_PATH)
    options = parser.parse_args()
    root = gold_root()
    files = tempeval_files(root)
    if not files:
        print(f"no TempEval-3 gold below {root / 'time'}: nothing to train on")
        return 1
    write_manifest(TEMPEVAL, [path.stem for path in files])
    found = examples(anchor_documents(root, TUNE), load_pipeline(settings_from_env().spacy_model))
    vectorizer = DictVectorizer(sort=True)
    vectorizer.fit([values for example in found for values in example.values])
    print(f"{len(found)} events of {len({example.document for example in found})} tune documents")
    figures = scores(found, cross_validated(found, vectorizer))
    print(f"  {FOLDS}-fold cross-validation inside tune (folds by document): {figures}")
    fitted = fit(found, vectorizer)
    model = place_model_of(vectorizer.get_feature_names_out().tolist(), fitted.coef_[0], fitted.intercept_[0], 0.5, "")
    save_place_model(model, options.output, [(path, TUNE) for path in files if in_part(TEMPEVAL, path.stem, TUNE)])
    load_anchor_model(options.output)  # the file it wrote passes the loader's checks
    print(f"wrote {options.output}: {len(model.features)} features")
    return 0


def fit(found: list[Example], vectorizer: DictVectorizer) -> LogisticRegression:
    values = [values for example in found for values in example.values]
    labels = [right for example in found for right in example.right]
    return LogisticRegression(C=C, max_iter=3000).fit(vectorizer.transform(values), labels)


def cross_validated(found: list[Example], vectorizer: DictVectorizer) -> list[int]:
    """The candidate each example's fold-out model picks (folds by document, in a fixed order)."""
    documents = sorted({example.document for example in found})
    fold_of = {document: number % FOLDS for number, document in enumerate(documents)}
    chosen = [0] * len(found)
    for fold in range(FOLDS):
        model = fit([example for example in found if fold_of[example.document] != fold], vectorizer)
        for number, example in enumerate(found):
            if fold_of[example.document] == fold:
                chosen[number] = pick(model, vectorizer, example)
    return chosen


def pick(model: LogisticRegression, vectorizer: DictVectorizer, example: Example) -> int:
    return int(np.argmax(model.predict_proba(vectorizer.transform(list(example.values)))[:, 1]))


if __name__ == "__main__":
    sys.exit(main())
