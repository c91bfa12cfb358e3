"""End-to-end `analyze` beside a bare `nlp.pipe` over the same texts, in the same run.

The parse is the cost floor of every spaCy-based tool; this prints how close the whole job
(read, normalise, parse, every stage, store) comes to it: the ratio analyze/bare in docs/s.
Reads `../shared/data/corpora/india_police_events/docs.jsonl` when present, else generates
articles. Usage: python benchmarks/parse.py [--docs N] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval import gold_root
from dateline.nlp import load_pipeline
from dateline.resources import load_resources
from dateline.run import analyze_paths


def load_texts(limit: int) -> tuple[list[str], str]:
    """The first ``limit`` articles of the India police-events corpus under the gold root, else generated ones."""
    path = gold_root() / "corpora" / "india_police_events" / "docs.jsonl"
    if not path.exists():
        print(f"corpus not found at {path}; generating {limit} articles", file=sys.stderr)
        return generated_texts(limit), "generated"
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(json.loads(line)["doc_text"])
            if len(texts) >= limit:
                break
    return texts, f"{path.parent.name}/{path.name}"


def generated_texts(count: int) -> list[str]:
    rng = random.Random(7)
    cities = ["Baghdad", "Mosul", "Erbil", "Basra", "Kirkuk", "Aleppo", "Goma", "Khartoum"]
    actors = ["police", "the army", "protesters", "militants", "the governor", "a local official"]
    verbs = ["attacked", "arrested", "condemned", "met", "shelled", "blocked", "praised"]
    texts = []
    for number in range(count):
        sentences = [
            f"{rng.choice(actors).capitalize()} {rng.choice(verbs)} {rng.choice(actors)} in {rng.choice(cities)} "
            f"on {rng.choice(['Monday', 'Tuesday', 'Friday'])}, killing at least {rng.randint(1, 40)} people."
            for _ in range(rng.randint(8, 30))
        ]
        texts.append(f"{rng.choice(cities).upper()} (Wire) -- Report {number}. " + " ".join(sentences))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    texts, origin = load_texts(args.docs)
    settings = settings_from_env()
    started = time.perf_counter()
    nlp = load_pipeline(settings.spacy_model)
    model_load = time.perf_counter() - started
    # One-off start-up is excluded on both sides, as the model's load is excluded from the bare run.
    started = time.perf_counter()
    load_resources()
    resources_load = time.perf_counter() - started
    list(nlp.pipe(texts[:8]))  # warm-up: first batches pay one-off allocation costs

    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    bare = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "corpus.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for number, text in enumerate(texts):
                handle.write(json.dumps({"id": f"doc{number}", "text": text}) + "\n")
        started = time.perf_counter()
        report = analyze_paths([str(source)], replace(settings, db=Path(folder) / "bench.db"), workers=args.workers)
        full = time.perf_counter() - started

    print(f"corpus: {origin}, {len(texts)} docs, {tokens} tokens, model {settings.spacy_model}, workers {args.workers}")
    print(f"{'':24}{'docs/s':>10}{'tokens/s':>12}{'seconds':>10}")
    print(f"{'bare nlp.pipe':24}{len(texts) / bare:>10.1f}{tokens / bare:>12.0f}{bare:>10.2f}")
    print(f"{'dateline analyze':24}{len(texts) / full:>10.1f}{tokens / full:>12.0f}{full:>10.2f}")
    print(f"start-up, once per process, excluded above: model {model_load:.2f}s, resources {resources_load:.2f}s")
    print(f"ratio analyze/bare (docs/s): {bare / full:.3f}   (articles stored: {report.articles_added})")
    print("stage seconds: " + ", ".join(f"{name}={value:.2f}" for name, value in report.stage_seconds.items()))


if __name__ == "__main__":
    main()
