"""When and where events happened, with their basis: the figures issue 16 names, on the gold's held-out parts.

1. Event place on the event_location gold (scored as its README says: among the events coded at the gold verb,
   the place from the sentence names a gold location, or there is none when the gold has none), on the ``report``
   part (never trained on; the place chooser is trained on ``tune``) and on ``tune``, with the gap between them,
   split by whether the sentence states a place.
2. Date and place coverage of asserted events on real news, the India police-events corpus (lower-case Times of
   India articles with their publication days), ``--docs`` articles of the ``report`` part: the share with a
   date and with a place, and the basis of each (clause, article, dateline, published).
3. ``--sample N`` prints N dated and placed asserted events drawn (seeded) from ``tune`` articles, each with its
   sentence, for checking by hand; the report part is never printed record by record.
Usage: python benchmarks/when_where.py [--docs N] [--sample N] [--skip-location]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.events import analyse
from dateline.eval.split import REPORT, TUNE
from dateline.eval.when_where import coverage, event_location_rows, event_location_scores, india_articles
from dateline.extract import run_stages
from dateline.model import Analysis, Event
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

PLACE_TARGET = "place right >= 0.85 among events coded at the gold verb (published model: about 0.83)"
COVERAGE_TARGET = ">= 90% of asserted events with a date, >= 80% with a place"
SAMPLE_SEED = 16


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=150, help="India police-events articles for coverage")
    parser.add_argument("--sample", type=int, default=0, help="dated and placed events from tune to check by hand")
    parser.add_argument("--skip-location", action="store_true")
    options = parser.parse_args()
    root = gold_root()
    location = root / "events" / "event_location" / "event_location.jsonl"
    if not location.exists() or not (root / "corpora" / "india_police_events").exists():
        print(f"skipped: no event_location or India police-events gold at {root} (clone the repository beside shared/)")
        return 0
    if not options.skip_location:
        print_event_location(location)
    print_coverage(root, options.docs)
    if options.sample:
        print_sample(root, options.sample)
    return 0


def print_event_location(path: Path) -> None:
    print(f"== event place on event_location (target: {PLACE_TARGET})")
    figures = {}
    for part in (REPORT, TUNE):
        rows = list(event_location_rows(path, part))
        figures[part] = event_location_scores(
            rows, analyse((f"el{n}", row["text"], None) for n, row in enumerate(rows))
        )
        print(f"  {part:6} " + json.dumps(figures[part]))
    gap = figures[TUNE]["place_accuracy"] - figures[REPORT]["place_accuracy"]
    print(f"  tune - report gap {gap:+.3f} (more than 0.05 would mean the chooser is fitted to what it read)")


def analyses_of(root: Path, part: str, limit: int) -> list[Analysis]:
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    return [run_stages(parsed, resources) for parsed in parse(india_articles(root, part, limit), nlp)]


def print_coverage(root: Path, limit: int) -> None:
    analyses = analyses_of(root, REPORT, limit)
    print(f"== date and place of asserted events, India police events, report part, {len(analyses)} articles")
    print(f"  (target: {COVERAGE_TARGET})")
    print("  " + json.dumps(coverage(analyses)))


def print_sample(root: Path, size: int) -> None:
    analyses = analyses_of(root, TUNE, 200)
    events = [
        (analysis, event)
        for analysis in analyses
        for event in analysis.of(Event)
        if event.modality == "asserted" and event.date and event.place_text
    ]
    print(f"== {size} dated and placed asserted events from {len(analyses)} tune articles (seed {SAMPLE_SEED})")
    for number, (analysis, event) in enumerate(random.Random(SAMPLE_SEED).sample(events, min(size, len(events))), 1):
        sentence = analysis.article.text[event.evidence.start : event.evidence.end].replace("\n", " ")
        print(
            f"{number:3}. [{analysis.article.id} published {analysis.article.published:%Y-%m-%d}] "
            f"{event.type} '{event.trigger_text}' | date {event.date} ({event.date_basis}, {event.time_precision}) | "
            f"place {event.place_text} ({event.place_basis}, {event.country})\n     {sentence[:300]}"
        )


if __name__ == "__main__":
    sys.exit(main())
