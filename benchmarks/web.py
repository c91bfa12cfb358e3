"""Web view latency on a large store: p95 of the article page and of the events table with concurrent clients.

A store of ``--articles`` synthetic articles (default 100,000) is generated through the store API (``Store.add``,
no parse): each article has a few hundred words, sentences, actors and their mentions, two events with three
mentions, a quote, times, places and a loaded word, so every layer of the article page has rows and the events
table holds two events per article. A real ``dateline serve`` then answers ``--clients`` concurrent clients on
127.0.0.1, each sending its share of ``--requests`` requests per page (a bounded count) for random articles and
random events-table views (filters, sorts, pages). Target: p95 <= 200 ms for both. The machine is shared, so
timings are noisy; the ratio of the two pages within one run is steadier.
Usage: python benchmarks/web.py [--articles 100000] [--clients 8] [--requests 400] [--db PATH (kept, reused)]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from dateline.model import (
    Actor,
    Analysis,
    Article,
    Event,
    EventMention,
    Frame,
    Mention,
    Place,
    Quote,
    Sentence,
    Span,
    TimeRef,
)
from dateline.store import Store

TYPES = ["ASSAULT", "PROTEST", "ACCUSE", "THREATEN", "REQUEST", "COERCE", "SANCTION", "SUPPORT", "MOBILIZE"]
PLACES = [
    ("Basra", 99532, "IRQ", 30.5, 47.8),
    ("Mosul", 99072, "IRQ", 36.3, 43.1),
    ("Khartoum", 379252, "SDN", 15.6, 32.5),
    ("Kyiv", 703448, "UKR", 50.5, 30.5),
    ("Niamey", 2440485, "NER", 13.5, 2.1),
    (None, None, None, None, None),
]
OUTLETS = [f"Outlet {n}" for n in range(40)]
WORDS = [f"w{n}" for n in range(5000)]
TARGET_MS = 200.0


def synthetic(number: int, rng: random.Random) -> Analysis:
    """One article with records on every layer; spans are real offsets into its text."""
    article_id = f"s{number}"
    place, geonames_id, country, latitude, longitude = rng.choice(PLACES)
    where = place or "the north"
    sentences = [
        f"Gunmen attacked a checkpoint in {where} on Monday, killing {rng.randint(1, 30)} people, officials said.",
        f"Hundreds protested in {where} against the attack.",
        '"We will respond to this cowardly crime," the governor said.',
        *(" ".join(rng.choices(WORDS, k=rng.randint(12, 30))).capitalize() + "." for _ in range(8)),
    ]
    text = "\n".join(sentences)
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    spans = [Span(start, start + len(sentence)) for start, sentence in zip(starts, sentences, strict=True)]

    def find(word: str, sentence: int) -> Span:
        start = text.index(word, spans[sentence].start)
        return Span(start, start + len(word))

    published = datetime(2020, 1, 1) + timedelta(minutes=number * 7)
    article = Article(
        id=article_id,
        text=text,
        title=f"Attack in {where} {number}",
        source=rng.choice(OUTLETS),
        published=published,
        format="jsonl",
        origin="synthetic",
    )
    records: list = [Sentence(article_id, n, span) for n, span in enumerate(spans)]
    records += [
        Actor(article_id, "name:gunmen", "gunmen", "armed_group", None, None, None, find("Gunmen", 0), 0.6),
        Actor(article_id, "GOV", "governor", "person", country, "GOV", None, find("governor", 2), 0.7),
        Mention(article_id, "name:gunmen", find("Gunmen", 0), "Gunmen", "name", 0.6),
        Mention(article_id, "GOV", find("officials", 0), "officials", "description", 0.5),
        Mention(article_id, "GOV", find("governor", 2), "governor", "description", 0.7),
        TimeRef(
            article_id, find("Monday", 0), "Monday", "DATE", published.date().isoformat(), "day", "publish_date", 0.8
        ),
        Quote(
            article_id,
            spans[2],
            Span(spans[2].start + 1, spans[2].start + 46),
            None,
            "direct",
            find("governor", 2),
            "the governor",
            find("governor", 2),
            "GOV",
            find("said", 2),
            "said",
            None,
            None,
            0.8,
        ),
        Frame(
            article_id,
            find("cowardly", 2),
            "cowardly",
            "cowardly",
            "demonising",
            None,
            "",
            None,
            "direct_quote",
            "the governor",
            False,
            0.7,
        ),
    ]
    if place:
        records += [
            Place(
                article_id,
                find(place, n),
                place,
                geonames_id,
                place,
                "city",
                country,
                (country,),
                None,
                latitude,
                longitude,
                "exact",
                False,
                False,
                0.9,
            )
            for n in (0, 1)
        ]
    for n, (kind, trigger, sentence) in enumerate([(rng.choice(TYPES), "attacked", 0), ("PROTEST", "protested", 1)]):
        event_id = f"{article_id}:e{n + 1}"
        records.append(
            Event(
                article_id,
                event_id,
                spans[sentence],
                find(trigger, sentence),
                trigger,
                kind,
                None,
                "material_conflict",
                "name:gunmen",
                "Gunmen",
                None,
                None,
                None,
                "a checkpoint",
                None,
                None,
                place,
                geonames_id,
                country,
                None,
                latitude,
                longitude,
                "exact" if place else None,
                published.date().isoformat() if rng.random() < 0.8 else None,
                "day",
                rng.choice([None, 3, 12]),
                None,
                None,
                None,
                "asserted",
                "outlet",
                None,
                None,
                None,
                0.7,
            )
        )
        records.append(EventMention(article_id, event_id, spans[sentence], find(trigger, sentence), 0.7))
    records.append(EventMention(article_id, f"{article_id}:e1", spans[2], find("respond", 2), 0.5))
    return Analysis(article, tuple(records))


def build(db: Path, articles: int) -> None:
    rng = random.Random(7)
    started = time.perf_counter()
    with Store.open(db) as store:
        for first in range(0, articles, 2000):
            store.add([synthetic(n, rng) for n in range(first, min(articles, first + 2000))])
        store.connection.execute("ANALYZE")
    print(f"generated {articles:,} articles in {time.perf_counter() - started:.0f} s -> {db}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def event_views(rng: random.Random) -> tuple[str, str]:
    """A random view of the events table: (kind of view, path)."""
    choice = rng.random()
    page = rng.randint(1, 20)
    if choice < 0.3:
        return "newest first", f"/events?page={page}"
    if choice < 0.55:
        return "by type", f"/events?type={rng.choice(TYPES)}&page={page}"
    if choice < 0.7:
        return "by country", f"/events?country={rng.choice(['IRQ', 'SDN', 'UKR', 'NER'])}&order=asc"
    if choice < 0.85:
        return "by outlet", f"/events?outlet={rng.choice(OUTLETS).replace(' ', '+')}"
    column = rng.choice(["killed", "type", "place", "country"])
    return "sorted", f"/events?sort={column}&order={rng.choice(['asc', 'desc'])}&page={page}"


def measure(base: str, paths: list[str], clients: int) -> list[tuple[str, float]]:
    """Send ``paths`` from ``clients`` threads at once: each path with its latency in milliseconds."""
    latencies: list[tuple[str, float]] = []
    lock = threading.Lock()
    shares = [paths[n::clients] for n in range(clients)]

    def client(share: list[str]) -> None:
        with httpx.Client(base_url=base, timeout=60) as session:
            for path in share:
                started = time.perf_counter()
                response = session.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise RuntimeError(f"{path}: HTTP {response.status_code}")
                with lock:
                    latencies.append((path, elapsed))

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def p95_of(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def report(name: str, latencies: list[float], seconds: float) -> float:
    ordered = sorted(latencies)
    p95 = p95_of(ordered)
    print(
        f"{name:<14} {len(ordered):>5} requests  p50 {statistics.median(ordered):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {ordered[-1]:7.1f} ms  {len(ordered) / seconds:6.1f} req/s  "
        f"{'meets' if p95 <= TARGET_MS else 'MISSES'} the {TARGET_MS:.0f} ms target"
    )
    return p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="requests per page kind")
    parser.add_argument("--db", type=Path, help="store to build once and reuse")
    parser.add_argument("--workers", type=int, default=1, help="dateline serve --workers")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = options.db or Path(folder) / "web-bench.db"
        if not db.exists():
            build(db, options.articles)
        with Store.read(db) as store:
            stored = store.count("articles")
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dateline",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                "--workers",
                str(options.workers),
            ],
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    httpx.get(base + "/api/openapi.json", timeout=2)
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("dateline serve did not start") from None
                    time.sleep(0.3)
            rng = random.Random(3)
            articles = [f"/article/s{rng.randrange(stored)}" for _ in range(options.requests)]
            views = [event_views(rng) for _ in range(options.requests)]
            kind_of = dict((path, kind) for kind, path in views)
            events = [path for _, path in views]
            measure(base, articles[:20] + events[:20], 2)  # warm the page cache and the threads
            results = {}
            for clients in (1, options.clients):
                print(f"{stored:,} articles; {clients} concurrent client(s); {options.workers} server process(es)")
                for name, paths in (("article page", articles), ("events table", events)):
                    # One client sends a quarter of the requests: enough for its p95, and the run stays short.
                    sample = paths if clients > 1 else paths[: max(40, len(paths) // 4)]
                    started = time.perf_counter()
                    timed = measure(base, sample, clients)
                    results[name, clients] = report(name, [ms for _, ms in timed], time.perf_counter() - started)
                    if name == "events table":
                        by_kind: dict[str, list[float]] = {}
                        for path, ms in timed:
                            by_kind.setdefault(kind_of[path], []).append(ms)
                        print("    p95 by view: " + ", ".join(f"{k} {p95_of(v):.0f} ms" for k, v in by_kind.items()))
        finally:
            server.terminate()
            server.wait(timeout=10)
    slowdown = results["article page", options.clients] / results["article page", 1]
    print(f"p95 with {options.clients} clients / with 1 client (article page): {slowdown:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
