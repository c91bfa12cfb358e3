"""The times stage on TempEval-3 gold beside HeidelTime's published figures and a dateparser-only peer.

Scores our pipeline on TimeBank + AQUAINT (TempEval-3 Task A), prints HeidelTime's published test-set
figures for reference, and, in the same run, dateparser normalising the gold extents themselves
(anchored on each document's creation time). Also prints the stage's cost as a fraction of the parse.
Usage: python benchmarks/time.py [--gold DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date, datetime
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval.time import GoldDocument, Timex, articles, gold_documents, score_documents
from dateline.extract import times
from dateline.model import TimeRef
from dateline.nlp import ParsedArticle, load_pipeline
from dateline.resources import load_resources

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "time" / "tbaq"
# TempEval-3 test set, task paper Table 3 (UzZaman et al., 2013); our run is on the training gold.
HEIDELTIME = {"relaxed_f1": 0.9030, "strict_f1": 0.8134, "value_f1": 0.7761}


def dateparser_values(documents: list[GoldDocument]) -> tuple[int, int, int]:
    """(correct, unparsed, total): dateparser's value for each gold extent, anchored on the DCT."""
    from dateparser.date import DateDataParser

    correct = unparsed = total = 0
    for document in documents:
        base = datetime.combine(document.dct or date.today(), datetime.min.time())
        parser = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        for start, end, _kind, value in document.timexes:
            total += 1
            found = parser.get_date_data(document.text[start:end])
            if found.date_obj is None:
                unparsed += 1
                continue
            correct += _timex(found.date_obj, found.period) == value
    return correct, unparsed, total


def _timex(moment: datetime, period: str | None) -> str:
    if period == "year":
        return f"{moment:%Y}"
    if period == "month":
        return f"{moment:%Y-%m}"
    if period == "week":
        iso = moment.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if period == "time":
        return f"{moment:%Y-%m-%dT%H:%M}"
    return f"{moment:%Y-%m-%d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    if not args.gold.is_dir():
        print(f"no TimeML gold at {args.gold}: nothing to benchmark (pass --gold DIR)", file=sys.stderr)
        return
    documents = gold_documents(args.gold)
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    list(nlp.pipe([document.text for document in documents[:4]]))  # warm-up

    started = time.perf_counter()
    docs = list(nlp.pipe([document.text for document in documents], batch_size=32))
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    refs = [
        times.extract(ParsedArticle(article, doc), resources)
        for article, doc in zip(articles(documents), docs, strict=True)
    ]
    stage_seconds = time.perf_counter() - started

    predicted: list[list[Timex]] = [[_as_timex(ref) for ref in found] for found in refs]
    ours = score_documents(documents, predicted)
    correct, unparsed, total = dateparser_values(documents)

    print(f"gold: {args.gold} ({len(documents)} documents, {ours['n_gold']} time expressions)")
    print(f"{'system':<34}{'relaxed F1':>11}{'strict F1':>11}{'value acc':>11}{'value F1':>10}")
    print(
        f"{'dateline (this run)':<34}{ours['relaxed']['f1']:>11.4f}{ours['strict']['f1']:>11.4f}"
        f"{ours['value_accuracy']:>11.4f}{ours['value_f1']:>10.4f}"
    )
    print(
        f"{'HeidelTime (published, TE3 test)':<34}{HEIDELTIME['relaxed_f1']:>11.4f}{HEIDELTIME['strict_f1']:>11.4f}"
        f"{'-':>11}{HEIDELTIME['value_f1']:>10.4f}"
    )
    print(f"{'dateparser on gold extents':<34}{'(given)':>11}{'(given)':>11}{correct / total:>11.4f}{'-':>10}")
    print(f"  dateparser found no date in {unparsed} of {total} gold extents")
    relaxed = ours["relaxed"]
    print(f"type accuracy {ours['type_accuracy']:.4f}; relaxed P {relaxed['precision']:.4f} R {relaxed['recall']:.4f}")
    print(
        f"cost: parse {parse_seconds:.2f}s, times stage {stage_seconds:.2f}s "
        f"= {stage_seconds / parse_seconds:.1%} of the parse time"
    )


def _as_timex(ref: TimeRef) -> Timex:
    return (ref.evidence.start, ref.evidence.end, ref.type, ref.value)


if __name__ == "__main__":
    main()
