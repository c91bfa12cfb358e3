"""The framing stage on the SemEval-2020 Task 11 gold, beside the task's published results, and its cost.

Parses the PTC articles of one part of the tune/report split once (``report`` by default: the span model never saw
it), runs every stage, scores each technique with the task's partial-overlap span metric, and prints the figures
beside the targets, the cross-validated tune figures the training script stored with the model, the lexicon alone
on the same articles, and the framing stage's CPU time (span model included) as a share of the parse's.
Usage: python benchmarks/framing.py [--gold DIR] [--part tune|report] [--docs N]
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

from dateline import memory
from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.framing import OTHER_TECHNIQUES, TECHNIQUE_SETS, read_ptc, score_predictions, select_part
from dateline.eval.framing import technique_spans as scored_spans
from dateline.extract import framing, run_stages
from dateline.model import Frame
from dateline.nlp import ParsedArticle, load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.framing_model import FramingModel

# From ../shared/data/framing/README.md: the task's best systems, all 14 techniques together, test set.
PUBLISHED = (
    ("best span identification (all techniques, test)", "F1", 0.516),
    ("best technique classification given gold spans (test)", "micro-F1", 0.627),
)
TARGETS = {"Loaded_Language": 0.45, "Name_Calling,Labeling": 0.40}
COST_TARGET = 0.10
SETS = {**TECHNIQUE_SETS, **{name: frozenset({name}) for name in OTHER_TECHNIQUES}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=gold_root() / "framing" / "ptc")
    parser.add_argument("--part", choices=("tune", "report"), default="report")
    parser.add_argument("--docs", type=int, default=None, help="score only the first N articles of the part")
    args = parser.parse_args()
    if not (args.gold / "articles").is_dir():
        print(f"no PTC gold at {args.gold}: nothing to measure (pass --gold DIR)", file=sys.stderr)
        return
    articles, labels = read_ptc(args.gold)
    articles = select_part(articles, args.part)[: args.docs]
    settings = settings_from_env()
    # As `dateline analyze` and `benchmarks/events.py` load them: the collector paused while the pipeline and
    # resources are made, then what was made frozen out of its sight.
    memory.pause_collector()
    nlp = load_pipeline(settings.spacy_model)
    resources = load_resources()
    memory.loaded()
    model = resources.framing_model
    seen = sum(model.was_trained_on(Path(article.origin)) for article in articles)
    list(nlp.pipe(article.text for article in articles[:4]))  # warm-up

    # CPU time, as the events and quotes benchmarks measure: under load a Python loop's wall clock and the parse's
    # batched matrix work stretch differently.
    started = time.process_time()
    parsed = list(parse(articles, nlp))
    parse_seconds = time.process_time() - started
    stage_seconds: dict[str, float] = {}
    predicted, lexicon_only = {}, {}
    without_model = dataclasses.replace(resources, framing_model=FramingModel())
    # Each parse let go once its stages have run, as `dateline analyze` streams them (see `benchmarks/quotes.py`).
    parsed.reverse()
    while parsed:
        one = parsed.pop()
        analysis = run_stages(one, resources, stage_seconds, clock=time.process_time)
        predicted[one.article.id] = scored_spans(analysis.of(Frame))
        before = ParsedArticle(one.article, one.doc, tuple(r for r in analysis.records if type(r) is not Frame))
        lexicon_only[one.article.id] = scored_spans(
            r for r in framing.extract(before, without_model) if type(r) is Frame
        )
    gold = {article.id: labels[article.id] for article in articles}
    metrics = score_predictions(predicted, gold, SETS)
    before_metrics = score_predictions(lexicon_only, gold, SETS)

    print(f"gold: {args.gold}, {args.part} part ({len(articles)} articles), pipeline {settings.spacy_model}")
    if seen:
        print(f"WARNING: the span model was trained on {seen} of these articles: training scores, not held-out ones")
    print(f"span model: {model.trained_on or 'none (lexicon only)'}")
    header = f"{'':30}{'P':>7}{'R':>7}{'F1':>7}{'exact':>7}{'gold':>6}   {'lexicon F1':>10}{'target':>8}"
    print(f"dateline framing (span model + lexicon + voice), partial-overlap span metric\n{header}")
    for name, figures in metrics.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else f"{target:>8.2f} {'met' if figures['f1'] >= target else 'MISSED'}"
        print(
            f"  {name:28}{figures['precision']:>7.3f}{figures['recall']:>7.3f}{figures['f1']:>7.3f}"
            f"{figures['exact_f1']:>7.3f}{figures['n_gold']:>6}   {before_metrics[name]['f1']:>10.3f}{verdict}"
        )
    print("published (SemEval-2020 Task 11; all techniques together, so not like for like):")
    for system, measure, value in PUBLISHED:
        print(f"  {system:60}{measure:>9} {value:.3f}")
    seconds = stage_seconds.get("framing", 0.0)
    share = seconds / parse_seconds
    verdict = "within" if share <= COST_TARGET else "OVER"
    print(
        f"cost: parse {parse_seconds:.2f}s CPU, framing stage (span model included) {seconds:.2f}s CPU = "
        f"{share:.1%} of parse time ({verdict} the {COST_TARGET:.0%} target)"
    )


if __name__ == "__main__":
    main()
