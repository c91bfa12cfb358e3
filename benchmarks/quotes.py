"""The quotes stage beside textacy's direct_quotations on the PolNeAR gold, same parses, same metric, one run.

Parses each text of one part of the split once (default ``report``: never trained or tuned on), runs every stage
and the peer on the same Doc, scores both with the strict PolNeAR protocol (``dateline.eval.quotes``: a kind paired
only with gold of that kind), and prints the quotes stage's time as a share of parse time (target: at most 10%).
Usage: python benchmarks/quotes.py [--gold DIR] [--part tune|report|all] [--docs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

from dateline import memory
from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.quotes import NOT_ATTRIBUTIONS, Attribution, from_quote, read_polnear, score_predictions
from dateline.extract import run_stages
from dateline.model import Article, Quote, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources

COST_TARGET = 0.10
FIGURES = (
    "strict_precision",
    "strict_recall",
    "strict_f1",
    "strict_exact_f1",
    "strict_speaker_accuracy",
    "strict_cue_accuracy",
    "n_gold",
    "n_pred",
)
# The targets on the report part, strict: (bucket, figure, at least).
TARGETS = (("direct", "strict_f1", 0.90), ("direct", "strict_speaker_accuracy", 0.90), ("indirect", "strict_f1", 0.70))


def textacy_peer() -> tuple[object | None, str]:
    """textacy's direct_quotations, or None and why it cannot run here."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as error:
        return None, f"textacy is not installed ({error}); pip install textacy==0.13.0"
    return direct_quotations, "textacy 0.13.0 direct_quotations"


def textacy_attributions(direct_quotations: object, doc: Doc) -> tuple[list[Attribution], bool]:
    """The peer's triples as attributions; it refuses a text with an odd number of quote marks."""
    try:
        triples = list(direct_quotations(doc))  # type: ignore[operator]
    except ValueError:
        return [], False
    found = []
    for speaker, cue, content in triples:
        found.append(
            Attribution(
                (Span(content.start_char, content.end_char),),
                (_hull(speaker),) if speaker else (),
                (_hull(cue),) if cue else (),
                True,
            )
        )
    return found, True


def _hull(tokens: list) -> Span:
    return Span(min(token.idx for token in tokens), max(token.idx + len(token) for token in tokens))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=gold_root() / "quotes" / "polnear")
    parser.add_argument("--part", choices=("tune", "report", "all"), default="report")
    parser.add_argument("--docs", type=int, default=None, help="score only the first N texts")
    args = parser.parse_args()
    if not args.gold.is_dir():
        print(f"no PolNeAR gold at {args.gold}: nothing to measure (pass --gold DIR)", file=sys.stderr)
        return
    texts, golds = read_polnear(args.gold, None if args.part == "all" else args.part)
    names = sorted(texts)[: args.docs] if args.docs else sorted(texts)
    texts, golds = {name: texts[name] for name in names}, {name: golds[name] for name in names}
    settings = settings_from_env()
    # As `dateline analyze` loads them: the collector paused while the pipeline and resources are made, then all of
    # it frozen out of the collector's sight (``dateline.memory``), so a full collection during a stage does not
    # walk the models.
    memory.pause_collector()
    nlp = load_pipeline(settings.spacy_model)
    resources = load_resources()
    memory.loaded()
    list(nlp.pipe(list(texts.values())[:4]))  # warm-up

    articles = [Article(id=name, text=text, origin=name) for name, text in texts.items()]
    started, started_cpu = time.perf_counter(), time.process_time()
    parsed = list(parse(articles, nlp))
    parse_seconds, parse_cpu = time.perf_counter() - started, time.process_time() - started_cpu

    direct_quotations, peer_name = textacy_peer()
    stage_cpu: dict[str, float] = {}
    ours: dict[str, list[Attribution]] = {}
    peer: dict[str, list[Attribution]] = {}
    peer_seconds, refused = 0.0, 0
    # Each parse let go once its stages have run, as `dateline analyze` streams them. The stages keep readings per
    # Doc while it lives, so with every parse held, each of the collector's full passes inside a stage walked the
    # readings of all the articles before it (120,000 objects by the last of 200), a cost no streaming run has.
    parsed.reverse()
    while parsed:
        one = parsed.pop()
        quotes = run_stages(one, resources, stage_cpu, clock=time.process_time).of(Quote)
        ours[one.article.id] = [from_quote(quote) for quote in quotes if quote.kind not in NOT_ATTRIBUTIONS]
        if direct_quotations is not None:
            started = time.perf_counter()
            peer[one.article.id], accepted = textacy_attributions(direct_quotations, one.doc)
            peer_seconds += time.perf_counter() - started
            refused += not accepted

    seen = sum(resources.quote_model.was_trained_on(text) for text in texts.values())
    print(f"gold: {args.gold}, part {args.part} ({len(texts)} texts, first annotator), model {settings.spacy_model}")
    if seen:
        print(f"warning: the quote model was trained on {seen} of these texts: their figures are training scores")
    rows = [("dateline quotes", score_predictions(ours, golds, texts))]
    if direct_quotations is not None:
        rows.append((peer_name, score_predictions(peer, golds, texts)))
    header = "".join(f"{name:>10}" for name in ("P", "R", "F1", "exact F1", "speaker", "cue", "gold", "pred"))
    print("strict: a direct prediction is paired only with direct gold, an indirect or mixed one with the rest")
    for bucket in ("direct", "indirect", "all"):
        print(f"\n{bucket:<36}{header}")
        for system, metrics in rows:
            figures = metrics[bucket]
            cells = "".join(
                f"{figures[name]:>10}" if isinstance(figures[name], int) else f"{figures[name]:>10.3f}"
                for name in FIGURES
            )
            print(f"  {system:<34}{cells}")
    print(
        "\nreference, issue 18 (other unseen PolNeAR articles, same strict scorer): the rules before the tagger "
        "direct F1 0.733, speaker 0.874, indirect F1 0.468; textacy direct F1 0.476, speaker 0.857. We know of no "
        "published system scored by this protocol on PolNeAR, so no task's best is printed beside them."
    )
    for bucket, figure, target in TARGETS:
        value = rows[0][1][bucket][figure]
        print(f"target {bucket} {figure} >= {target}: {value:.3f} ({'met' if value >= target else 'NOT met'})")
    if direct_quotations is None:
        print(f"\npeer not run: {peer_name}")
    else:
        print(f"\n{peer_name}: refused {refused} of {len(texts)} texts (odd number of quote marks), scored as empty")
        print(f"{peer_name}: {peer_seconds:.2f}s = {peer_seconds / parse_seconds:.1%} of parse time")
    # CPU time is the measure: on a shared machine the wall clock of a Python loop and of the parse's batched
    # matrix work stretch differently under load.
    seconds = stage_cpu.get("quotes", 0.0)
    share = seconds / parse_cpu
    verdict = "within" if share <= COST_TARGET else "OVER"
    print(
        f"cost: parse {parse_cpu:.2f}s CPU ({parse_seconds:.2f}s wall), quotes stage {seconds:.2f}s CPU = "
        f"{share:.1%} of parse time ({verdict} the {COST_TARGET:.0%} target)"
    )


if __name__ == "__main__":
    main()
