"""When and where events happened, with their basis: the figures issue 16 names, on the gold's held-out parts.

1. Event place on the event_location gold (scored as its README says: among the events coded at the gold verb,
   the place from the sentence names a gold location, or there is none when the gold has none), on the ``report``
   part (never trained on; the place chooser is trained on ``tune``) and on ``tune``, with the gap between them,
   split by whether the sentence states a place.
2. Date and place coverage of asserted events on real news, the India police-events corpus (lower-case Times of
   India articles with their publication days), ``--docs`` articles of the ``report`` part: the share with a
   date and with a place, and the basis of each (clause, article, dateline, published).
3. ``--sample N [--part tune|report]`` draws N dated and placed asserted events (seeded) from the part's India
   articles into ``benchmarks/audit/sample_when_where_<part>.tsv`` (with their sentences: not committed), for a
   person to check whether the date and the place are right; the judgments go to
   ``benchmarks/audit/judged_when_where_<part>.tsv`` (offsets and codes only) and the share with both right is
   printed, a ``before`` bound counted right when the event happened on or before it and, separately, as no day.
   A judgment whose event is now dated or placed otherwise is stale and left out.
Usage: python benchmarks/when_where.py [--docs N] [--sample N [--part tune|report]] [--skip-location]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.audit import read_rows, write_rows
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
AUDIT = Path(__file__).resolve().parent / "audit"
# What a judgment is keyed by: a row whose event is dated or placed otherwise now is stale.
KEYS = ("article_id", "start", "end", "date", "precision", "place")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=150, help="India police-events articles for coverage")
    parser.add_argument("--sample", type=int, default=0, help="dated and placed events to check by hand")
    parser.add_argument("--part", choices=(TUNE, REPORT), default=TUNE, help="the part --sample draws from")
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
        check_sample(root, options.sample, options.part)
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


def check_sample(root: Path, size: int, part: str) -> None:
    analyses = analyses_of(root, part, 200)
    events = [
        (analysis, event)
        for analysis in analyses
        for event in analysis.of(Event)
        if event.modality == "asserted" and event.date and event.place_text
    ]
    drawn = random.Random(f"{SAMPLE_SEED}:{part}").sample(events, min(size, len(events)))
    rows = [_sample_row(analysis, event) for analysis, event in drawn]
    sample_path, judged_path = AUDIT / f"sample_when_where_{part}.tsv", AUDIT / f"judged_when_where_{part}.tsv"
    write_rows(sample_path, rows, (*KEYS, "published", "type", "trigger", "sentence"))
    print(f"== {len(rows)} dated and placed asserted events of {len(analyses)} {part} articles -> {sample_path}")
    if not judged_path.exists():
        print(f"  no judgments yet: fill date_ok and place_ok (y/n) into {judged_path} with columns {KEYS}")
        return
    verdicts = {tuple(row[key] for key in KEYS): row for row in read_rows(judged_path)}
    judged = [verdicts[key] for key in (tuple(row[k] for k in KEYS) for row in rows) if key in verdicts]
    both = sum(row["date_ok"] == "y" and row["place_ok"] == "y" for row in judged)
    days = sum(row["date_ok"] == "y" and row["place_ok"] == "y" and row["precision"] != "before" for row in judged)
    print(f"  judged {len(judged)} of {len(rows)} (the rest are stale or new)")
    if judged:
        print(f"  date and place both right: {both / len(judged):.0%} (a 'before' bound right when the event was")
        print(f"  on or before it); with a day, not a bound: {days / len(judged):.0%} (target: >= 90%)")


def _sample_row(analysis: Analysis, event: Event) -> dict[str, str]:
    article = analysis.article
    return {
        "article_id": article.id,
        "start": str(event.evidence.start),
        "end": str(event.evidence.end),
        "date": event.date or "",
        "precision": event.time_precision or "",
        "place": event.place_text or "",
        "published": f"{article.published:%Y-%m-%d}" if article.published else "",
        "type": event.type,
        "trigger": event.trigger_text,
        "sentence": " ".join(article.text[event.evidence.start : event.evidence.end].split()),
    }


if __name__ == "__main__":
    sys.exit(main())
