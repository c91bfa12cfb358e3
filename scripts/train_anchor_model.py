"""Train the event date chooser on the tune part of TempEval-3, deterministically, and write it.

Reads only the ``tune`` documents (``splits/tempeval3.tsv``, by file name) of ``time/tbaq`` below the gold root.
Each linked event (``dateline.eval.anchoring``) runs through the pipeline up to the times stage; its candidates
(each dated time of its sentence and the two before, the publication day, no day) are described by the features of
``dateline.extract.anchoring.features``, and those that date it as the gold does are right. A conditional logit (a
softmax over one event's candidates, L2-penalised, fitted by L-BFGS from zero: no randomness) learns one weight per
feature, so an event's candidates compete with each other where a logistic regression per candidate learnt each
alone; an event none of whose candidates is right teaches nothing about choosing and is left out of the fit. At run
time the best-scoring candidate wins. A 5-fold cross-validation inside the tune part (folds by document:
``--fold-seed`` 0, the default, puts the ``n``-th document by name in fold ``n % 5``; another seed shuffles the
documents first) prints how often the best candidate is right, beside the rules, and each fold's share. The model
is written to ``src/dateline/resources/anchor_model.npz`` with the sha256 of every file it read. The report part
is never read here: ``benchmarks/anchoring.py`` scores it.
Usage: python scripts/train_anchor_model.py [--output PATH] [--fold-seed N ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from training import conditional_logit

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.anchoring import TEMPEVAL, Example, anchor_documents, examples, scores, tempeval_files
from dateline.eval.split import TUNE, in_part, write_manifest
from dateline.nlp import load_pipeline
from dateline.resources.anchor_model import ANCHOR_MODEL_PATH, load_anchor_model
from dateline.resources.place_model import place_model_of, save_place_model

FOLDS = 5
# The L2 penalty's inverse weight, chosen by the cross-validation over twelve fold assignments (0.1 to 0.3 scored
# within 0.002 of each other; 1, the logistic regression's, 0.008 lower).
C = 0.15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ANCHOR_MODEL_PATH)
    parser.add_argument(
        "--fold-seed",
        type=int,
        nargs="+",
        default=[0],
        help="fold assignments to cross-validate over (0: the n-th document by name in fold n %% 5)",
    )
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
    overall = []
    for seed in options.fold_seed:
        chosen = cross_validated(found, vectorizer, seed)
        figures = scores(found, chosen)
        folds = fold_of(found, seed)
        per_fold = [
            np.mean([example.right[choice] for example, choice in zip(found, chosen, strict=True)
                     if folds[example.document] == fold])
            for fold in range(FOLDS)
        ]  # fmt: skip
        overall.append(np.mean([example.right[choice] for example, choice in zip(found, chosen, strict=True)]))
        print(f"  {FOLDS}-fold cross-validation inside tune (folds by document, fold seed {seed}): {figures}")
        print(f"    per fold {', '.join(f'{share:.3f}' for share in per_fold)}")
    if len(overall) > 1:
        print(f"  mean over {len(overall)} fold assignments: {np.mean(overall):.4f}")
    weights = fit(found, vectorizer)
    model = place_model_of(vectorizer.get_feature_names_out().tolist(), weights, 0.0, 0.5, "")
    save_place_model(model, options.output, [(path, TUNE) for path in files if in_part(TEMPEVAL, path.stem, TUNE)])
    load_anchor_model(options.output)  # the file it wrote passes the loader's checks
    print(f"wrote {options.output}: {len(model.features)} features")
    return 0


def fit(found: list[Example], vectorizer: DictVectorizer) -> np.ndarray:
    """The weights of the conditional logit over each event's candidates (on the events with a right one)."""
    taught = [example for example in found if any(example.right)]
    values = vectorizer.transform([values for example in taught for values in example.values]).tocsr()
    right = np.array([right for example in taught for right in example.right], dtype=np.float64)
    owner = np.repeat(np.arange(len(taught)), [len(example.values) for example in taught])
    return conditional_logit(values, right, owner, np.full(values.shape[1], 1.0 / C))[0]


def fold_of(found: list[Example], seed: int) -> dict[str, int]:
    """Each document's fold: the ``n``-th document by name in fold ``n % FOLDS`` (seed 0), or the ``n``-th of the
    documents shuffled by ``seed``."""
    documents = sorted({example.document for example in found})
    if seed:
        documents = [documents[index] for index in np.random.default_rng(seed).permutation(len(documents))]
    return {document: number % FOLDS for number, document in enumerate(documents)}


def cross_validated(found: list[Example], vectorizer: DictVectorizer, seed: int = 0) -> list[int]:
    """The candidate each example's fold-out model picks (folds by document, ``fold_of``)."""
    folds = fold_of(found, seed)
    chosen = [0] * len(found)
    for fold in range(FOLDS):
        weights = fit([example for example in found if folds[example.document] != fold], vectorizer)
        for number, example in enumerate(found):
            if folds[example.document] == fold:
                chosen[number] = int(np.argmax(vectorizer.transform(list(example.values)) @ weights))
    return chosen


if __name__ == "__main__":
    sys.exit(main())
