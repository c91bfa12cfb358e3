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
import resource
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
    'police said. "We will find them," the governor told reporters on Tuesday.'
)


def short_article() -> tuple[str, str]:
    path = gold_root() / "corpora" / "india_police_events" / "docs.jsonl"
    if not path.exists():
        print(f"corpus not found at {path}; using a generated article", file=sys.stderr)
        return GENERATED, "generated"
    with path.open(encoding="utf-8") as handle:
        return json.loads(handle.readline())["doc_text"], f"{path.parent.name}/{path.name}, first article"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall clock and CPU seconds of one fresh process (CPU time is what other jobs on a shared CPU do not inflate)."""
    started, cpu_started = time.perf_counter(), children_cpu()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds, cpu = time.perf_counter() - started, children_cpu() - cpu_started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds, cpu


def line(label: str, runs: list[tuple[float, float]]) -> str:
    walls = ", ".join(f"{wall:.2f}" for wall, _ in runs)
    best_wall, best_cpu = min(wall for wall, _ in runs), min(cpu for _, cpu in runs)
    return f"{label:42} wall {best_wall:5.2f}s  CPU {best_cpu:5.2f}s  (runs: {walls})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    model = settings_from_env().spacy_model
    text, origin = short_article()
    dateline = str(Path(sys.executable).with_name("dateline"))
    env = dict(os.environ)
    print(f"start: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs")
    bare: list[tuple[float, float]] = []
    analyze: list[tuple[float, float]] = []
    imports: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "article.txt"
        article.write_text(text, encoding="utf-8")
        for run in range(args.runs):
            bare.append(timed([sys.executable, "-c", BARE_SCRIPT, model, str(article)], env))
            store = Path(folder) / f"fresh{run}.db"
            analyze.append(timed([dateline, "analyze", str(article), "--db", str(store), "--quiet"], env))
            imports.append(timed([sys.executable, "-c", "import dateline.cli"], env))
    print(f"article: {origin}, {len(text)} characters, model {model}, best of {args.runs} fresh processes each")
    print(line("(a) load the spaCy model and parse it", bare))
    print(line("(b) dateline analyze into a fresh store", analyze))
    print(line("import dateline.cli alone", imports))
    wall = min(wall for wall, _ in analyze) / min(wall for wall, _ in bare)
    cpu = min(cpu for _, cpu in analyze) / min(cpu for _, cpu in bare)
    print(f"ratio b/a: wall clock {wall:.2f}, CPU {cpu:.2f}  (target <= 1.5)")
    print(f"end: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
