"""Geoparsing on GeoWebNews and LGL: ours beside the population-prior baseline and the published anchors.

Each file is scored on the ``report`` part of its tune/report split (the ranker is trained on ``tune``; that
part's figure is printed beside it, as a training score). Ours is read the two ways ``dateline analyze`` reads
an article: alone, as a first run into an empty store reads every article (a folder of one outlet's articles
included: a run's own articles never feed each other's profiles), which is the headline figure; and beside its
outlet's profile from the part's other articles of the same host (those not sampled are read for the profiles
only), as a later run reads an article of an outlet the store already holds. The baseline resolves the same
gold toponyms to the most populous gazetteer match (countries and regions first), with no context, so the gain
of context is visible. Also prints the cost of the places stage as analyze runs it, and of the actors, times and
places stages together, as a fraction of the spaCy parse on the same texts, and why the tune part's toponyms go
wrong, read alone (a wrong candidate chosen, the right place not among the gazetteer's candidates, or found but
left unplaced). Every article of each part is scored by default (about 800 parsed, two minutes on a quiet laptop):
a fixed sample (``--sample N`` articles per part and file, chosen by a hash of their ids) is quicker, and its
figure less sure (60 articles hold about 270 LGL toponyms, a standard error near 0.02).
Usage: python benchmarks/geo.py [--gold DIR] [--sample N]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import time
from collections import Counter
from pathlib import Path

from dateline.eval import gold_root
from dateline.eval.geo import ACCURACY_KM, GoldArticle, distance_km, gold_files, metrics, read_part, read_places
from dateline.eval.split import REPORT, TUNE
from dateline.extract.outlet import host_of
from dateline.extract.toponyms import prior
from dateline.model import Place
from dateline.resources import load_resources
from dateline.resources.gazetteer import Gazetteer, load_gazetteer

SAMPLE = 0  # articles per part and file, 0 for all: the whole parts take about two minutes

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
                best = max(entries, key=lambda entry, name=name: prior(gazetteer, name, entry))
                found.append((toponym.span, best.latitude, best.longitude))
        predictions.append(found)
    return predictions


def sample(gold: list[GoldArticle], size: int) -> list[GoldArticle]:
    """A fixed sample of ``size`` articles (all when ``size`` is 0), chosen by a hash of their ids, not by order."""
    if not size or len(gold) <= size:
        return gold
    return sorted(gold, key=lambda article: hashlib.sha256(article.id.encode()).hexdigest())[:size]


def same_outlets(part: list[GoldArticle], scored: list[GoldArticle]) -> list[GoldArticle]:
    """The part's articles that are not scored but share a host with one that is: its outlet's other articles."""
    hosts = {host_of(article.url) for article in scored} - {None}
    ids = {article.id for article in scored}
    return [article for article in part if article.id not in ids and host_of(article.url) in hosts]


def as_predictions(places: list[list[Place]]) -> list[list[tuple]]:
    return [[(place.evidence, place.latitude, place.longitude) for place in article] for article in places]


def why_wrong(gold: list[GoldArticle], ours: list[list[Place]], gazetteer: Gazetteer) -> Counter[str]:
    """Each gold toponym we found but placed more than 161 km off, by why: the kinds of failure to work on."""
    reasons: Counter[str] = Counter()
    for article, places in zip(gold, ours, strict=True):
        for toponym in article.toponyms:
            place = next((p for p in places if p.evidence.overlaps(toponym.span)), None)
            if place is None or toponym.latitude is None or toponym.longitude is None:
                continue
            if place.latitude is None or place.longitude is None:
                reasons["found, left unplaced"] += 1
                continue
            if distance_km(toponym.latitude, toponym.longitude, place.latitude, place.longitude) <= ACCURACY_KM:
                continue
            candidates = gazetteer.lookup(place.text)
            near = any(
                distance_km(toponym.latitude, toponym.longitude, e.latitude, e.longitude) <= ACCURACY_KM
                for e in candidates
            )
            kind = place.feature if place.feature in ("country", "admin1", "county") else "town or other"
            reasons[f"wrong candidate ({kind})" if near else f"right place not a candidate ({kind})"] += 1
    return reasons


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=gold_root() / "geo")
    parser.add_argument("--sample", type=int, default=SAMPLE, help="articles per part and file; 0 for all")
    args = parser.parse_args()
    if not args.gold.is_dir() or not list(args.gold.rglob("*.xml")):
        print(f"no geoparsing gold at {args.gold}: nothing to benchmark (pass --gold DIR)")
        return
    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer opened and supplement merged in {time.perf_counter() - started:.3f}s (a fresh load)")
    gazetteer = load_resources().gazetteer
    for path in gold_files(args.gold):
        seconds: dict[str, float] = {}
        rows = {}
        for part in (REPORT, TUNE):
            whole = read_part(path, part)
            gold = sample(whole, args.sample)
            # The tune part is a training score: read alone only, without parsing its outlets' other articles.
            readings = read_places(gold, same_outlets(whole, gold) if part == REPORT else [], seconds)
            if part == TUNE:
                reasons = why_wrong(gold, readings.alone, gazetteer)
            rows[part] = (
                len(gold),
                metrics(gold, as_predictions(readings.alone)),
                metrics(gold, as_predictions(readings.beside_outlet)),
                metrics(gold, baseline(gold, gazetteer)),
            )
        print(f"\n{path.stem}: report part {rows[REPORT][0]} articles, tune part {rows[TUNE][0]}", end="")
        print(f" (a fixed sample of {args.sample} per part)" if args.sample else " (all)")
        print(f"{'':52}{'acc@161':>9}{'mean km':>10}{'median':>9}{'AUC':>8}{'resolved':>10}{'gold':>6}{'tag F1':>8}")
        for label, row in (
            ("report: dateline analyze, each article alone", rows[REPORT][1]),
            ("report: beside its outlet's stored articles", rows[REPORT][2]),
            ("report: baseline, most populous", rows[REPORT][3]),
            ("tune (trained on): each article alone", rows[TUNE][1]),
            ("tune: baseline, most populous", rows[TUNE][3]),
        ):
            print(
                f"{label:52}{row['acc_161km']:>9.3f}{row['mean_km'] or 0:>10.0f}{row['median_km'] or 0:>9.1f}"
                f"{row['auc']:>8.3f}{row['n_resolved']:>10}{row['n_gold']:>6}{row['geotag']['f1']:>8.3f}"
            )
        print(
            "  (alone: what `dateline analyze` gives a folder of articles into an empty store, one outlet's or many;"
            " beside: what a later run gives an article of an outlet the store holds, its profile read off the"
            " part's other articles of the same host)"
        )
        print("  (the baseline is given the gold spans, so its tag F1 is not comparable; target acc@161 >= 0.90)")
        headline = rows[REPORT][1]
        margin = 1.96 * math.sqrt(headline["acc_161km"] * (1 - headline["acc_161km"]) / max(headline["n_resolved"], 1))
        print(f"  (report, alone: {headline['acc_161km']:.3f} +/- {margin:.3f}, a 95% binomial interval over toponyms)")
        parse_seconds = seconds.get("parse") or float("inf")
        shares = {stage: seconds.get(stage, 0.0) / parse_seconds for stage in ("actors", "times", "places")}
        print(
            f"places stage as analyze runs it (find, resolve once) {seconds.get('places', 0.0):.2f}s, "
            f"parse {seconds.get('parse', 0.0):.2f}s: "
            f"{shares['places']:.1%} of the parse (target <= 15%); actors {shares['actors']:.1%}, "
            f"times {shares['times']:.1%}: the three together {sum(shares.values()):.1%}"
        )
        print("tune errors by why: " + ", ".join(f"{why} {n}" for why, n in reasons.most_common()))
    print(f"\ntotal {time.perf_counter() - started:.0f}s")
    print("\npublished anchors:")
    for line in PUBLISHED:
        print(f"  {line}")


if __name__ == "__main__":
    main()
