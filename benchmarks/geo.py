"""Geoparsing on GeoWebNews and LGL: ours beside the population-prior baseline and the published anchors.

The baseline resolves the same gold toponyms to the most populous gazetteer match (countries and
regions first), with no context, so the gain of context is visible. Also prints the cost of the places
stage, and of the actors, times and places stages together, as a fraction of the spaCy parse on the
same texts. Usage: python benchmarks/geo.py [--gold DIR]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dateline.eval import gold_root
from dateline.eval.geo import gold_files, metrics, read_gold, run_places
from dateline.extract import places
from dateline.resources import load_resources
from dateline.resources.gazetteer import load_gazetteer

# From ../shared/data/geo/README.md; no per-corpus figure is given there for these systems.
PUBLISHED = (
    "voting ensemble of 20 systems (Hu et al., arXiv 2209.08286): mean acc@161km 0.86 over 12 sets incl. news",
    "CamCoder (Gritta et al. 2018) and the Edinburgh Geoparser: strongest published systems on LGL and GWN",
)


def baseline(gold: list, gazetteer) -> list[list[tuple]]:
    """Every gold toponym resolved to its best entry by prior alone (population; countries, regions first)."""
    predictions = []
    for article in gold:
        found = []
        for toponym in article.toponyms:
            name = article.text[toponym.span.start : toponym.span.end]
            entries = gazetteer.lookup(name)
            if entries:
                best = max(entries, key=lambda entry, name=name: places._prior(gazetteer, name, entry))
                found.append((toponym.span, best.latitude, best.longitude))
        predictions.append(found)
    return predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=gold_root() / "geo")
    args = parser.parse_args()
    if not args.gold.is_dir() or not list(args.gold.rglob("*.xml")):
        print(f"no geoparsing gold at {args.gold}: nothing to benchmark (pass --gold DIR)")
        return
    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer opened and supplement merged in {time.perf_counter() - started:.3f}s (a fresh load)")
    gazetteer = load_resources().gazetteer
    for path in gold_files(args.gold):
        gold = read_gold(path)
        seconds: dict[str, float] = {}
        ours = run_places(gold, seconds)
        ours_metrics = metrics(gold, [[(p.evidence, p.latitude, p.longitude) for p in a] for a in ours])
        base = metrics(gold, baseline(gold, gazetteer))
        print(f"\n{path.stem}: {len(gold)} articles, {ours_metrics['n_gold']} gold toponyms with coordinates")
        print(f"{'':34}{'acc@161':>9}{'mean km':>10}{'median':>9}{'AUC':>8}{'resolved':>10}{'tag F1':>8}")
        for label, row in (("dateline (context)", ours_metrics), ("baseline: most populous", base)):
            print(
                f"{label:34}{row['acc_161km']:>9.3f}{row['mean_km'] or 0:>10.0f}{row['median_km'] or 0:>9.1f}"
                f"{row['auc']:>8.3f}{row['n_resolved']:>10}{row['geotag']['f1']:>8.3f}"
            )
        print("  (the baseline is given the gold spans, so its tag F1 is not comparable)")
        parse_seconds = seconds.get("parse") or float("inf")
        shares = {stage: seconds.get(stage, 0.0) / parse_seconds for stage in ("actors", "times", "places")}
        print(
            f"places stage {seconds.get('places', 0.0):.2f}s, parse {seconds.get('parse', 0.0):.2f}s: "
            f"{shares['places']:.1%}; actors {shares['actors']:.1%}, times {shares['times']:.1%}: "
            f"the three together {sum(shares.values()):.1%} of the parse (target <= 15%)"
        )
    print("\npublished anchors:")
    for line in PUBLISHED:
        print(f"  {line}")


if __name__ == "__main__":
    main()
