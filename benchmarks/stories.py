"""Story clustering: B-cubed scores on the labelled stream, and the linker's cost per new article as the corpus
grows (1k, 10k, 100k articles), to show it stays flat rather than growing with the corpus.

Scores: the bundled examples plus the generated stream of ``story_stream.py`` (follow-ups, wire copies, distinct
happenings in one city on one day), through the whole pipeline, as ``dateline eval stories`` scores them: the
stream the linker was developed on (seed 7) and a larger one it was not (seed 8). Both come from one generator's
templates, so they measure the linker's logic more than its reach on real news.
Cost: synthetic articles (Zipfian words, a dateline city each, a few hundred recurring "happenings") are stored
directly, without the parse, and linked one by one; at each size the mean time to link the next ``--probe``
articles is printed, in CPU time of this process (SQLite runs in it) beside wall time: the machine is shared, and
CPU time is what other processes disturb least. The parse is excluded on purpose: it is the same per article at
any corpus size.
Usage: python benchmarks/stories.py [--sizes 1000,10000,100000] [--probe 200] [--skip-scores]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dateline.eval.stories import bcubed, cluster
from dateline.link import link_article
from dateline.model import Analysis, Article, Place, Span
from dateline.store import Store
from story_stream import from_examples, generated

CITIES = 400
VOCABULARY = 20_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--probe", type=int, default=200)
    parser.add_argument("--skip-scores", action="store_true")
    options = parser.parse_args()
    if not options.skip_scores:
        for label, records in (
            ("examples + generated, seed 7 (development)", from_examples() + generated(60, seed=7)),
            ("generated, seed 8 (held out)", generated(120, seed=8)),
        ):
            truth = {record["id"]: record["story"] or f"single:{record['id']}" for record in records}
            scores = bcubed(truth, cluster(records))
            print(f"B-cubed on {len(records)} articles, {len(set(truth.values()))} stories ({label}): {scores}")
    sizes = sorted(int(size) for size in options.sizes.split(","))
    print(f"linker cost per new article (parse excluded), {options.probe} articles timed at each size:")
    first = None
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "scale.db") as store:
        rng = random.Random(11)
        stored = 0
        for size in sizes:
            while stored < size - options.probe:
                batch = min(2_000, size - options.probe - stored)
                _add_and_link(store, [_article(rng, stored + i) for i in range(batch)])
                stored += batch
            probe = [_article(rng, stored + i) for i in range(options.probe)]
            store.add(probe)
            started, cpu = time.perf_counter(), time.process_time()
            for analysis in probe:
                link_article(store, analysis.article.id)
            per_article = (time.process_time() - cpu) / options.probe
            wall = (time.perf_counter() - started) / options.probe
            first = first or per_article
            stored += options.probe
            print(
                f"  corpus {size:>7,}: {per_article * 1000:6.2f} ms CPU per article ({wall * 1000:6.2f} ms wall),"
                f" {per_article / first:4.2f}x the smallest corpus's"
            )
    return 0


def _add_and_link(store: Store, analyses: list[Analysis]) -> None:
    store.add(analyses)
    for analysis in analyses:
        link_article(store, analysis.article.id)


def _article(rng: random.Random, number: int) -> Analysis:
    # A recurring "happening" shares a city, a day and some words with the others told of it.
    happening = rng.randrange(max(1, number // 3 + 1))
    city = happening % CITIES
    when = datetime(2020, 1, 1) + timedelta(days=happening // 40, hours=rng.randrange(24))
    local = random.Random(happening)
    shared = [f"w{int(local.paretovariate(1.2)) % VOCABULARY}" for _ in range(40)]
    own = [f"w{int(rng.paretovariate(1.2)) % VOCABULARY}" for _ in range(80)]
    words = shared + own
    rng.shuffle(words)
    text = f"CITY{city} (Wire) -- " + " ".join(words) + "."
    article = Article(id=f"a{number}", text=text, title=" ".join(shared[:8]), source=f"outlet{number % 7}",
                      published=when)  # fmt: skip
    place = Place(
        article_id=article.id, evidence=Span(0, len(f"CITY{city}")), text=f"CITY{city}", geonames_id=1_000_000 + city,
        name=f"City {city}", feature="city", country="XXX", countries=("XXX",), admin1=None, latitude=0.0,
        longitude=0.0, precision="exact", border=False, is_dateline=True, confidence=0.9,
    )  # fmt: skip
    return Analysis(article, (place,))


if __name__ == "__main__":
    sys.exit(main())
