"""Event coding against the gold in ``../shared/data/events`` and ``acled``, beside the published anchors, and the
events stage's cost as a share of parse time on real news articles.

Accuracy: ``dateline eval events --part report`` and ``dateline eval acled --part report`` (the same scorers) on
the ``report`` part of each split gold set (``splits/``), with the ``tune`` part beside it and the gap, the sets
never tuned on (PETRARCH2 unit tests, PETR2 GSR) whole, and the targets and anchors each README publishes. The
PentaClass model is trained on the tune part only: besides its report figure, a stratified 5-fold cross-validation
inside the tune part (model, L2 strength and threshold refitted on four fifths, scored on the fifth) beside the
rules alone.
The role models are fitted on the PLOVER tune part, so that part's actor and recipient figures are partly training
scores: the PLOVER tune part is scored again with the role models refitted without each fold's PLOVER sentences
(``scripts/train_role_models.py``'s cross-fitting), and that figure's gap to report is printed beside it.
The ACLED model's cross-validation is the one its training run chose the penalty by (recorded in the model). Cost:
the India police-events corpus (real Times of India articles) is parsed once, every stage runs on it, and the
events stage's wall time is divided by the parse's (target: at most 15%); the PentaClass decision (features from
the parse and the records, one dot product) is timed on the same articles.
Usage: python benchmarks/events.py [--docs N] [--skip-accuracy]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

from dateline import memory
from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.eval.events import (
    FOLDS,
    SEED,
    cross_validate,
    penta_reading,
    penta_readings,
    pentaclass_of,
    read_tsv,
    score,
    score_acled,
)
from dateline.eval.parts import PENTACLASS, PLOVER_GSR, select, text_key
from dateline.eval.split import REPORT, TUNE
from dateline.extract import run_stages
from dateline.model import Article
from dateline.nlp import load_pipeline, parse
from dateline.resources import load_resources
from dateline.resources.role_model import load_role_model

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
COST_TARGET = 0.15
GAP = 0.05  # a tune/report gap wider than this is fitting, not learning
WEAK = 0.70
HIDDEN = frozenset({"per_label_f1", "part", "tuned_on", "trained_on_this_file"})
TARGETS = {
    "plover_gsr": "type accuracy >= 0.80 and macro-F1 >= 0.75, actor accuracy >= 0.80, recipient >= 0.65",
    "pentaclass": "macro-F1 >= 0.86 (ConfliBERT, a fine-tuned BERT: 0.864-0.879 on its held-out test split)",
    "petrarch2_unittest": "PETRARCH2's own unit tests: it passes them by construction (a grammar suite)",
    "petr2_gsr": "no published figure; UniversalPetrarch on Spanish: 44% correct (its issue #52)",
}
ACLED_ANCHOR = "best CASE-2021 systems, fine-tuned on ACLED's own snippets: weighted F1 0.771 with all 30 types"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="articles for the cost measurement")
    parser.add_argument("--skip-accuracy", action="store_true")
    options = parser.parse_args()
    root = gold_root()
    if not (root / "events").is_dir():
        print(f"skipped: no gold at {root / 'events'} (clone the repository beside shared/)")
        return 0
    if not options.skip_accuracy:
        print_accuracy(root)
    print_cost(root, options.docs)
    return 0


def print_accuracy(root: Path) -> None:
    model = load_resources().event_model
    print(f"event-type model: {len(model.classes)} types, {len(model.index)} features, trained on {model.trained_on}")
    print("figures on the report part (never read, trained or tuned on); the tune part beside it: a gap over")
    print(f"{GAP} means something is still fitted to what was read. Rules written before the split read both parts.")
    report, tune = score(root / "events", part=REPORT), score(root / "events", part=TUNE)
    for kind, metrics in report.items():
        figures = ", ".join(f"{name} {value}" for name, value in metrics.items() if name not in HIDDEN)
        print(f"{kind} ({metrics['part']}): {figures}\n    target/anchor: {TARGETS[kind]}")
        if kind == PENTACLASS:
            print("    (its tune part is the model's training data: the cross-validation below is its comparison)")
        elif kind in tune and tune[kind].get("part") == TUNE:
            print_gap(metrics, tune[kind])
        if kind == PLOVER_GSR and metrics.get("part") == REPORT:
            print_role_cross_fit(root, metrics)
        failing = sorted((f1, label) for label, f1 in metrics.get("per_label_f1", {}).items() if f1 < 0.8)
        if kind == PLOVER_GSR and failing:
            print("    types below F1 0.80 on report: " + ", ".join(f"{label} {f1}" for f1, label in failing))
    print_pentaclass_cv(root)
    if (root / "acled").is_dir():
        print_acled(root / "acled")


def print_role_cross_fit(root: Path, report: dict) -> None:
    """The PLOVER tune part's actor and recipient with the role models cross-fitted, and the larger of the two
    excesses over report (a cross-fitted figure below report is no fitting)."""
    sys.path.insert(0, str(SCRIPTS))
    import train_role_models as roles  # a training script's functions: the same fitting, folds and settings

    thresholds = {role: load_role_model(role).threshold for role in roles.ROLES}
    choices = roles.choices_of(roles.training_sentences(root))
    tune = roles.cross_fitted_plover(root / roles.PLOVER_FILE, choices, thresholds)
    names = ("actor_accuracy", "recipient_accuracy")
    gap = max(tune[name] - report[name] for name in names)
    print(
        f"    tune part with the role models cross-fitted (n {tune['n']}): "
        + ", ".join(f"{name} {tune[name]}" for name in names)
        + f"; largest gap {gap:.3f}{' OVER ' + str(GAP) if gap > GAP else ''}"
    )


def print_gap(report: dict, tune: dict) -> None:
    """The tune part's figures beside the report part's, with the largest gap and, for an accuracy, the half-width
    of its 95% interval: on parts of about 130 items a gap of 0.05 is within sampling noise of none."""
    shared = [name for name, value in report.items() if isinstance(value, float) and name in tune]
    figures = ", ".join(f"{name} {tune[name]}" for name in shared)
    gaps = {name: abs(tune[name] - report[name]) for name in shared if tune[name] is not None}
    widest = max(gaps, key=gaps.__getitem__, default=None)
    gap = gaps.get(widest, 0.0)
    noise = ""
    if widest is not None and widest.endswith("accuracy") and report.get("n") and tune.get("n"):
        spread = sum(part[widest] * (1 - part[widest]) / part["n"] for part in (tune, report))
        noise = f" ({widest}, 95% interval of the gap ±{1.96 * math.sqrt(spread):.3f})"
    over = " OVER " + str(GAP) if gap > GAP else ""
    print(f"    tune part (n {tune['n']}): {figures}; largest gap {gap:.3f}{noise}{over}")


def print_acled(gold: Path) -> None:
    model = load_resources().acled_model
    print(f"acled model: {len(model.classes)} classes, {len(model.index)} features; {model.trained_on or 'none'}")
    report, tune = score_acled(gold, part=REPORT), score_acled(gold, part=TUNE)
    for name, metrics in (("report", report), ("tune: training data, not a held-out figure", tune)):
        rules, per_event = metrics["rules"], metrics["per_event"]
        print(
            f"acled ({name}, n {metrics['n']}): weighted_f1 {metrics['weighted_f1']}, macro_f1 {metrics['macro_f1']},"
            f" accuracy {metrics['accuracy']}; the rules alone: weighted_f1 {rules['weighted_f1']},"
            f" macro_f1 {rules['macro_f1']}; as stored per event (each sentence coded alone): weighted_f1"
            f" {per_event['weighted_f1']}"
        )
    gap = tune["weighted_f1"] - report["weighted_f1"]
    print(f"    tune - report gap {gap:.3f}{' OVER ' + str(GAP) if abs(gap) > GAP else ''}; compare report with")
    print("    the cross-validation inside the tune part recorded in the model (above); the rules were written reading")
    print("    both parts of this file before the split, so their report figure is optimistic")
    print(f"    per-type F1 on report: {report['per_label_f1']}")
    weak = sorted((f1, label) for label, f1 in report["per_label_f1"].items() if f1 < WEAK)
    print(f"    types below F1 {WEAK} on report: " + ", ".join(f"{label} {f1}" for f1, label in weak))
    print(f"    target 0.77 on report; anchor: {ACLED_ANCHOR}")


def print_pentaclass_cv(root: Path) -> None:
    files = sorted((root / "events" / "conflibert_cameo").glob("cameo_class_*.tsv"))
    if not files:
        return
    every_row = [row for path in files for row in read_tsv(path)]
    rows = select(PENTACLASS, every_row, lambda row: text_key(row["text"]), TUNE)
    labels = [int(row["label"]) for row in rows]
    result = cross_validate(penta_readings(rows), labels)
    print(f"pentaclass, {FOLDS}-fold CV inside the tune part (its training data; seed {SEED}, n {len(rows)}):")
    for name, figures in (("rules only", result["rules"]), ("rules + model", result["rules_and_model"])):
        print(
            f"    {name}: macro_f1 {figures['macro_f1']}, accuracy {figures['accuracy']},"
            f" per-class F1 {figures['per_label_f1']}"
        )
    combined = result["rules_and_model"]
    print(
        f"    L2 strengths chosen inside each fold: {combined['penalties']}, thresholds: {combined['thresholds']};"
        f" the model changed the rules' class of"
        f" {combined['changed_from_rules']} of {len(rows)} held-out sentences"
    )
    print(f"    target/anchor: {TARGETS['pentaclass']}")


def print_cost(root: Path, limit: int) -> None:
    corpus = root / "corpora" / "india_police_events" / "docs.jsonl"
    if not corpus.exists():
        print(f"cost: skipped, no corpus at {corpus}")
        return
    articles = []
    with corpus.open(encoding="utf-8") as handle:
        for number, line in zip(range(limit), handle, strict=False):
            articles.append(Article(id=str(number), text=json.loads(line)["doc_text"]))
    # As `dateline analyze` loads them: the collector paused while the pipeline and resources are made, then
    # everything made so far frozen out of its sight (``dateline.memory``), so a full collection during a stage
    # walks what the stages make, not the models.
    memory.pause_collector()
    nlp = load_pipeline(settings_from_env().spacy_model)
    resources = load_resources()
    memory.loaded()
    started, started_cpu = time.perf_counter(), time.process_time()
    parsed = list(parse(articles, nlp))
    parse_seconds, parse_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    cpu: dict[str, float] = {}
    penta_seconds = 0.0
    # Each parse let go once its stages have run, as `dateline analyze` streams them (see benchmarks/quotes.py): with
    # every parse held, the collector's full passes inside the stage walk every earlier article's per-Doc readings.
    parsed.reverse()
    while parsed:
        one = parsed.pop()
        analysis = run_stages(one, resources, cpu, clock=time.process_time)
        started = time.process_time()
        pentaclass_of(penta_reading(one, analysis, resources), resources.penta_model)
        penta_seconds += time.process_time() - started
    # CPU time is the measure: on a shared machine the wall clock of a Python loop and of the parse's batched
    # matrix work stretch differently under load.
    share = cpu.get("events", 0.0) / parse_cpu
    verdict = "within" if share <= COST_TARGET else "OVER"
    print(
        f"cost on {len(articles)} articles: parse {parse_cpu:.2f}s CPU ({parse_seconds:.2f}s wall), events stage"
        f" {cpu.get('events', 0):.2f}s CPU = {share:.1%} of parse time ({verdict} the {COST_TARGET:.0%} budget);"
        f" PentaClass decision {penta_seconds:.2f}s CPU = {penta_seconds / parse_cpu:.1%} of parse time"
    )


if __name__ == "__main__":
    sys.exit(main())
