"""Train the event realness model on the hand audit's tune part, deterministically, and write it.

Reads the tune audit's judgments (``benchmarks/audit/judged_tune.tsv`` and ``labelled_tune.tsv``: events the
pipeline coded in tune articles of PolNeAR and the India police-events corpus, each judged real or not by hand),
runs the pipeline on those articles, and matches each event it codes now to a judged clause by article, evidence
offsets and trigger. Each matched event is one example, labelled by its clause's verdict, described by
``dateline.extract.events.realness.features``. A logistic regression (scikit-learn, no randomness) is fitted with
its L2 strength chosen by a 5-fold cross-validation with folds by article; the cross-validated probabilities print
the share of events kept, the share of those that are real and the share of real events kept at each threshold.
No report-part article is read: ``benchmarks/event_audit.py --sample report --round N`` measures the model.
Usage: python scripts/train_realness_model.py
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.audit import event_row, india_articles, polnear_articles, read_rows
from dateline.eval.split import TUNE, part_of
from dateline.extract import run_stages_through
from dateline.extract.events import with_realness_features
from dateline.model import Event
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.place_model import place_model_of, save_place_model
from dateline.resources.realness_model import REALNESS_MODEL_PATH, RealnessModel, load_realness_model

AUDIT = Path(__file__).resolve().parents[1] / "benchmarks" / "audit"
JUDGED = ("judged_tune.tsv", "labelled_tune.tsv")
FOLDS = 5
STRENGTHS = (0.03, 0.1, 0.3, 1.0)
# Every coded event is stored by default, its probability as its confidence: a reader filters afterwards at the
# precision they need, where a floor at storage loses events for good (`--min-event-confidence` sets one).
THRESHOLD = 0.0

Key = tuple[str, str, str, str]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REALNESS_MODEL_PATH)
    options = parser.parse_args()
    root = gold_root()
    polnear, india = polnear_articles(root), india_articles(root)
    if polnear is None or india is None:
        print(f"no PolNeAR or India police-events texts under {root}: nothing to train on")
        return 1
    labels = judged_clauses()
    articles = {**polnear, **india}
    values, real, groups = examples(labels, [articles[name] for name in sorted({key[0] for key in labels})])
    print(f"{len(real)} events matched to {len(labels)} judged tune clauses, {np.mean(real):.0%} real")
    vectorizer = DictVectorizer(sort=True).fit(values)
    matrix, truth = vectorizer.transform(values), np.array(real)
    best = min(STRENGTHS, key=lambda strength: log_loss(truth, cross_validated(matrix, truth, groups, strength)))
    predicted = cross_validated(matrix, truth, groups, best)
    print(f"  C {best} by cross-validated log-loss; AUC {roc_auc_score(truth, predicted):.3f}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = predicted >= threshold
        precision = truth[kept].mean() if kept.any() else 0.0
        print(
            f"  at {threshold}: kept {kept.mean():.0%}, real among kept {precision:.0%},"
            f" real kept {(truth & kept).sum() / truth.sum():.0%}"
        )
    fitted = LogisticRegression(C=best, max_iter=3000).fit(matrix, truth)
    model = place_model_of(
        vectorizer.get_feature_names_out().tolist(), fitted.coef_[0], fitted.intercept_[0], THRESHOLD, ""
    )
    save_place_model(model, options.output, [(AUDIT / name, TUNE) for name in JUDGED])
    load_realness_model(options.output)  # the file it wrote passes the loader's checks
    print(f"wrote {options.output}: {len(model.features)} features, threshold {THRESHOLD}")
    return 0


def judged_clauses() -> dict[Key, bool]:
    """Each judged tune clause's verdict, by article, evidence offsets and where the trigger sits."""
    labels = {}
    for name in JUDGED:
        for row in read_rows(AUDIT / name):
            if row["real"] not in ("y", "n"):
                continue
            if part_of(row["set"], row["article_id"]) != TUNE:
                raise SystemExit(f"{name}: {row['article_id']} is no tune article of {row['set']}")
            labels[row["article_id"], row["start"], row["end"], row["trigger_at"]] = row["real"] == "y"
    return labels


def examples(labels: dict[Key, bool], articles: list) -> tuple[list[dict[str, float]], list[bool], list[str]]:
    """The features, verdict and article of every event coded now at a judged clause."""
    resources = replace(load_resources(), realness_model=RealnessModel())
    values, real, groups = [], [], []
    for parsed in parse(articles, load_pipeline(settings_from_env().spacy_model)):
        article = parsed.article
        for record, features in with_realness_features(run_stages_through(parsed, resources, "framing"), resources):
            if not isinstance(record, Event):
                continue
            row = event_row("", article.id, article.text, record, None)
            verdict = labels.get((article.id, row["start"], row["end"], row["trigger_at"]))
            if verdict is not None:
                values.append(features)
                real.append(verdict)
                groups.append(article.id)
    return values, real, groups


def cross_validated(matrix, truth: np.ndarray, groups: list[str], strength: float) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Each example's probability from the model fitted on the other folds (folds by article, in a fixed order)."""
    fold_of = {article: number % FOLDS for number, article in enumerate(sorted(set(groups)))}
    folds = np.array([fold_of[article] for article in groups])
    predicted = np.zeros(len(truth))
    for fold in range(FOLDS):
        held = folds == fold
        model = LogisticRegression(C=strength, max_iter=3000).fit(matrix[~held], truth[~held])
        predicted[held] = model.predict_proba(matrix[held])[:, 1]
    return predicted


if __name__ == "__main__":
    sys.exit(main())
