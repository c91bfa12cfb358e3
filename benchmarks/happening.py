"""The happening detector and the events' when and where, on the ``report`` parts of the gold sets.

1. Detector: for each scored set's ``report`` part (PentaClass, CASE-2021, event_location, India police events;
   never trained on), the detector's probability for the clause each example means, as accuracy at 0.5, the
   share of happenings and of the others the gate lets through at the model's threshold, and a reliability table
   (predicted probability against the share that were happenings). ``--part tune`` prints the same on the tune
   parts, so the gap between the two shows what was fitted.
2. Event place on the event_location gold, scored as its README says (place right at the gold verb).
3. Date and place coverage of asserted events on real news: the India police-events corpus (Times of India
   articles with their publication dates), ``--docs`` articles of the chosen part.
Usage: python benchmarks/happening.py [--part report|tune] [--docs N] [--skip-detector]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.events import analyse
from dateline.eval.happening import clause_of, reliability_table, scored_examples
from dateline.eval.when_where import coverage, event_location_rows, event_location_scores, india_articles
from dateline.extract import run_stages
from dateline.extract.happening import probability
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

PLACE_TARGET = "place right >= 0.85 among events coded at the gold verb (published model: about 0.83)"
COVERAGE_TARGET = ">= 90% of asserted events with a date, >= 80% with a place"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("report", "tune"), default="report")
    parser.add_argument("--docs", type=int, default=100, help="India police-events articles for coverage")
    parser.add_argument("--skip-detector", action="store_true")
    options = parser.parse_args()
    root = gold_root()
    if not (root / "events" / "event_location" / "event_location.jsonl").exists():
        print(f"skipped: no gold at {root} (clone the repository beside shared/)")
        return 0
    if not options.skip_detector:
        print_detector(root, options.part)
    print_event_location(root, options.part)
    print_coverage(root, options.part, options.docs)
    return 0


def print_detector(root: Path, part: str) -> None:
    resources = load_resources()
    model = resources.happening_model
    nlp = load_pipeline(settings_from_env().spacy_model)
    print(f"== happening detector on the {part} parts (threshold {model.threshold:.3f}; trained on {model.trained_on})")
    all_labels, all_predicted = [], []
    for name, examples in scored_examples(root, part).items():
        docs = nlp.pipe([example.text for example in examples], batch_size=64)
        predicted = []
        for example, doc in zip(examples, docs, strict=True):
            sentence, head, reading = clause_of(doc, example, resources.events)
            predicted.append(probability(model, head, sentence, reading))
        labels = np.array([example.happening for example in examples])
        scores = np.array(predicted)
        passed = scores >= model.threshold
        others = f"{passed[~labels].mean():.3f}" if (~labels).any() else "  -  "
        print(
            f"  {name:20} n={len(examples):5} happenings {labels.mean():.2f}  accuracy@0.5 "
            f"{((scores >= 0.5) == labels).mean():.3f}  gate keeps happenings {passed[labels].mean():.3f}, "
            f"others {others}"
        )
        all_labels.append(labels)
        all_predicted.append(scores)
    print(reliability_table(np.concatenate(all_labels), np.concatenate(all_predicted)))


def print_event_location(root: Path, part: str) -> None:
    rows = list(event_location_rows(root / "events" / "event_location" / "event_location.jsonl", part))
    analyses = analyse((f"el{number}", row["text"], None) for number, row in enumerate(rows))
    scores = event_location_scores(rows, analyses)
    print(f"== event place on event_location, {part} part (target: {PLACE_TARGET})")
    print("  " + json.dumps(scores))


def print_coverage(root: Path, part: str, limit: int) -> None:
    articles = india_articles(root, part, limit)
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    analyses = [run_stages(parsed, resources) for parsed in parse(articles, nlp)]
    print(f"== date and place of asserted events, India police events, {part} part, {len(articles)} articles")
    print(f"  (target: {COVERAGE_TARGET})")
    print("  " + json.dumps(coverage(analyses)))


if __name__ == "__main__":
    sys.exit(main())
