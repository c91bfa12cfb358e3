"""The framing stage on the SemEval-2020 Task 11 gold, beside the task's published results, and its cost.

Parses the PTC articles once, runs every stage, scores Loaded_Language and Name_Calling,Labeling spans with
the task's metric, and prints the framing stage's time as a share of parse time (target: at most 5%).
Usage: python benchmarks/framing.py [--gold DIR] [--docs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval.framing import read_ptc, score_predictions
from dateline.extract import run_stages
from dateline.model import Frame
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "framing" / "ptc"
# From ../shared/data/framing/README.md: the task's best systems, all 14 techniques together, test set.
PUBLISHED = (
    ("best span identification (all techniques, test)", "F1", 0.516),
    ("best technique classification given gold spans (test)", "micro-F1", 0.627),
)
COST_TARGET = 0.05


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--docs", type=int, default=None, help="score only the first N articles")
    args = parser.parse_args()
    if not (args.gold / "articles").is_dir():
        print(f"no PTC gold at {args.gold}: nothing to measure (pass --gold DIR)", file=sys.stderr)
        return
    articles, labels = read_ptc(args.gold)
    articles = articles[: args.docs] if args.docs else articles
    settings = settings_from_env()
    nlp = load_pipeline(settings.spacy_model)
    resources = load_resources()
    list(nlp.pipe(article.text for article in articles[:4]))  # warm-up

    started = time.perf_counter()
    parsed = list(parse(articles, nlp))
    parse_seconds = time.perf_counter() - started
    stage_seconds: dict[str, float] = {}
    predicted = {}
    for one in parsed:
        analysis = run_stages(one, resources, stage_seconds)
        predicted[one.article.id] = [(f.technique, f.evidence) for f in analysis.of(Frame) if f.technique]
    metrics = score_predictions(predicted, {article.id: labels[article.id] for article in articles})

    print(f"gold: {args.gold} ({len(articles)} articles), model {settings.spacy_model}")
    print(f"{'dateline framing (lexicon + voice)':40}{'P':>8}{'R':>8}{'F1':>8}{'exact F1':>10}{'gold':>7}")
    for name, figures in metrics.items():
        print(
            f"  {name:38}{figures['precision']:>8.3f}{figures['recall']:>8.3f}{figures['f1']:>8.3f}"
            f"{figures['exact_f1']:>10.3f}{figures['n_gold']:>7}"
        )
    print("published (SemEval-2020 Task 11; not per technique, so not like for like):")
    for system, measure, value in PUBLISHED:
        print(f"  {system:60}{measure:>9} {value:.3f}")
    share = stage_seconds.get("framing", 0.0) / parse_seconds
    verdict = "within" if share <= COST_TARGET else "OVER"
    print(
        f"cost: parse {parse_seconds:.2f}s, framing stage {stage_seconds.get('framing', 0.0):.2f}s = "
        f"{share:.1%} of parse time ({verdict} the {COST_TARGET:.0%} target)"
    )


if __name__ == "__main__":
    main()
