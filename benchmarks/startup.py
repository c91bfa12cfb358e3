"""Fresh-process start-up of `dateline analyze` on one short article beside loading the spaCy model and parsing it.

Both sides start a new Python process each time, so imports, model load and resources are all paid: (a) a
script that loads the same spaCy pipeline and parses the text, (b) `dateline analyze FILE` into a fresh store.
Prints the best of N wall clocks of each (the runs alternate, so a busy shared CPU hits both alike), the ratio
b/a (target <= 1.5), and how long `import dateline.cli` alone takes.
The article is the first of `../shared/data/corpora/india_police_events/docs.jsonl`, else a generated one.
Usage: python benchmarks/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dateline.config import settings_from_env
from dateline.eval import gold_root

BARE_SCRIPT = "import sys, spacy; nlp = spacy.load(sys.argv[1]); nlp(open(sys.argv[2], encoding='utf-8').read())"
GENERATED = (
    "MOSUL (Wire) -- Five people were killed on Monday when gunmen attacked a checkpoint south of Mosul, "
    "police said. \"We will find them,\" the governor told reporters on Tuesday."
)


def short_article() -> tuple[str, str]:
    path = gold_root() / "corpora" / "india_police_events" / "docs.jsonl"
    if not path.exists():
        print(f"corpus not found at {path}; using a generated article", file=sys.stderr)
        return GENERATED, "generated"
    with path.open(encoding="utf-8") as handle:
        return json.loads(handle.readline())["doc_text"], f"{path.parent.name}/{path.name}, first article"


def wall_clock(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    model = settings_from_env().spacy_model
    text, origin = short_article()
    dateline = str(Path(sys.executable).with_name("dateline"))
    env = dict(os.environ)
    print(f"start: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs")
    bare, analyze, imports = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.txt"
        article.write_text(text, encoding="utf-8")
        for run in range(args.runs):
            bare.append(wall_clock([sys.executable, "-c", BARE_SCRIPT, model, str(article)], env))
            store = Path(folder) / f"fresh{run}.db"
            analyze.append(wall_clock([dateline, "analyze", str(article), "--db", str(store), "--quiet"], env))
            imports.append(wall_clock([sys.executable, "-c", "import dateline.cli"], env))
    print(f"article: {origin}, {len(text)} characters, model {model}, best of {args.runs} fresh processes each")
    print(f"(a) load the spaCy model and parse it: {min(bare):.2f}s  (runs: {', '.join(f'{s:.2f}' for s in bare)})")
    print(f"(b) dateline analyze into a fresh store: {min(analyze):.2f}s  (runs: {', '.join(f'{s:.2f}' for s in analyze)})")
    print(f"ratio b/a: {min(analyze) / min(bare):.2f}  (target <= 1.5)")
    print(f"import dateline.cli alone: {min(imports):.2f}s")
    print(f"end: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
