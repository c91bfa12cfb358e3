"""Country and sector of the actors in PLOVER gold records, ours beside a no-context dictionary lookup;
and the cost of the actors stage and of its entity ruler as fractions of the parse time.

What is measured: for each gold actor or recipient that quotes its text (258 PLOVER records on CAMEO-manual
news leads, ``../shared/data/events/derived/plover_gsr_cameo_v08.jsonl``), the first occurrence of that text
in the sentence is the gold span. ``found`` is the share of gold spans overlapped by one of our mentions;
``country`` compares the ISO-3 code (or IGO/NGO, compared with our sector) of the actor behind that mention;
``sector`` compares PLOVER's sector (its first three letters) where the gold gives one. ``both`` counts a gold
actor right only when country and sector agree, a missing gold sector matching our none. The baseline looks
the gold span's own text up in the dictionary, with no context: it is handed the gold spans, so its ``found``
is not comparable, and it can only give a sector the dictionary row carries. Usage: python benchmarks/actors.py
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import spacy

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.extract import actors
from dateline.model import Actor, Article, Mention, Span
from dateline.nlp import load_pipeline, parse
from dateline.resources import Resources
from dateline.resources.actors import ActorDictionary

GOLD = Path("events") / "derived" / "plover_gsr_cameo_v08.jsonl"
CORPUS = Path("corpora") / "india_police_events" / "docs.jsonl"


def gold_actors(path: Path) -> tuple[list[Article], list[tuple[str, Span, str, str | None]]]:
    """The gold sentences as articles, and (article id, span, code, sector) per quoted gold actor."""
    articles, items = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append(Article(id=record["id"], text=record["text"]))
        for party in record["actor"] + record["recipient"]:
            text, code = party.get("text"), party.get("code")
            at = record["text"].find(text) if text else -1
            if at < 0 or not code or len(code) != 3 or not code.isupper():
                continue
            sector = (party.get("sector") or "")[:3]
            items.append((record["id"], Span(at, at + len(text)), code, sector if sector.isalpha() else None))
    return articles, items


def score(items: list, predicted: dict[tuple[str, Span], tuple[str | None, str | None]]) -> dict[str, float]:
    found = country = sector = both = with_sector = 0
    for article_id, span, code, gold_sector in items:
        guess = predicted.get((article_id, span))
        if guess is None:
            continue
        ours_country, ours_sector = guess
        found += 1
        country_right = ours_sector == code if code in ("IGO", "NGO") else ours_country == code
        country += country_right
        if gold_sector:
            with_sector += 1
            sector += ours_sector == gold_sector
        both += country_right and (ours_sector == gold_sector or code in ("IGO", "NGO"))
    total = len(items) or 1
    return {
        "found": found / total,
        "country": country / (found or 1),
        "sector": sector / (with_sector or 1),
        "both": both / total,
    }


def ours(parsed: list, items: list, resources: Resources, seconds: dict[str, float]) -> dict:
    by_article: dict[str, list[tuple[Mention, Actor]]] = {}
    started = time.perf_counter()
    for article in parsed:
        records = actors.extract(article, resources)
        by_id = {r.actor_id: r for r in records if isinstance(r, Actor)}
        by_article[article.article.id] = [(m, by_id[m.actor_id]) for m in records if isinstance(m, Mention)]
    seconds["actors"] = time.perf_counter() - started
    predicted = {}
    for article_id, span, _code, _sector in items:
        overlapping = [(m, a) for m, a in by_article.get(article_id, []) if m.evidence.overlaps(span)]
        if overlapping:
            _, actor = max(overlapping, key=lambda pair: min(pair[0].evidence.end, span.end) - pair[0].evidence.start)
            predicted[(article_id, span)] = (actor.country, actor.sector)
    return predicted


def baseline(articles: list[Article], items: list, dictionary: ActorDictionary) -> dict:
    texts = {article.id: article.text for article in articles}
    roles = frozenset({"name", "alias", "demonym", "metonym"})
    predicted = {}
    for article_id, span, _code, _sector in items:
        claims = {form.actor_id for form in dictionary.lookup(texts[article_id][span.start : span.end], roles)}
        if len(claims) == 1:
            actor = dictionary.actors[claims.pop()]
            predicted[(article_id, span)] = (actor.country, actor.sector)
    return predicted


def cost(texts: list[str], model: str, resources: Resources) -> tuple[float, float, float]:
    """Seconds to parse with and without the actor ruler, and for the actors stage, on the same texts."""
    plain = spacy.load(model)
    list(plain.pipe(texts[:8]))
    started = time.perf_counter()
    list(plain.pipe(texts, batch_size=32))
    without_ruler = time.perf_counter() - started
    nlp = load_pipeline(model)
    list(nlp.pipe(texts[:8]))
    started = time.perf_counter()
    parsed = list(parse([Article(id=str(n), text=text) for n, text in enumerate(texts)], nlp))
    with_ruler = time.perf_counter() - started
    started = time.perf_counter()
    for article in parsed:
        actors.extract(article, resources)
    return with_ruler, without_ruler, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-root", type=Path, default=gold_root())
    parser.add_argument("--docs", type=int, default=100, help="news articles for the cost figures")
    args = parser.parse_args()
    model = settings_from_env().spacy_model
    resources = Resources()
    gold_path = args.gold_root / GOLD
    if gold_path.exists():
        articles, items = gold_actors(gold_path)
        parsed = list(parse(articles, load_pipeline(model)))
        seconds: dict[str, float] = {}
        rows = (
            ("dateline actors stage", score(items, ours(parsed, items, resources, seconds))),
            ("baseline: dictionary, no context", score(items, baseline(articles, items, resources.actors))),
        )
        print(f"PLOVER gold: {len(articles)} records, {len(items)} quoted actors/recipients with a code")
        print(f"{'':36}{'found':>8}{'country':>9}{'sector':>8}{'both':>7}")
        for label, row in rows:
            print(f"{label:36}{row['found']:>8.3f}{row['country']:>9.3f}{row['sector']:>8.3f}{row['both']:>7.3f}")
        print("  (country is over found actors; sector over found actors whose gold gives one; both over all)")
    else:
        print(f"no PLOVER gold at {gold_path}: scoring skipped")
    corpus = args.gold_root / CORPUS
    if corpus.exists():
        with corpus.open(encoding="utf-8") as handle:
            texts = [json.loads(line)["doc_text"] for _, line in zip(range(args.docs), handle, strict=False)]
        origin = f"{len(texts)} articles of {CORPUS.parent.name}"
    else:
        texts, origin = [article.text for article in articles] if gold_path.exists() else [], "the gold sentences"
    if not texts:
        return
    with_ruler, without_ruler, stage = cost(texts, model, resources)
    print(f"\ncost on {origin}: parse {with_ruler:.2f}s with the actor ruler, {without_ruler:.2f}s without")
    print(f"  entity ruler: {(with_ruler - without_ruler) / without_ruler:+.1%} of the parse")
    print(f"  actors stage: {stage:.2f}s = {stage / with_ruler:.1%} of the parse")


if __name__ == "__main__":
    main()
