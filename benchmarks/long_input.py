"""One huge plain-text file through `dateline analyze`: time against the corpus rate, peak RSS, progress.

Measures, on the same run: the corpus rate (bytes/s of `dateline analyze` over the long real articles, one
file each, fresh store), then for each size a plain-text file made of the same articles, shuffled and
repeated up to that size, analysed with `--max-bytes` raised into a fresh store: wall clock, the target
2 x size / corpus rate, peak RSS of the process, and the longest silence on its standard error (progress
lines must come at least every 10 s). Both sides are fresh `dateline` processes, start-up included.
The texts are PolNeAR's article texts under `../shared/data/quotes/polnear` (read only, never scored here).
Usage: python benchmarks/long_input.py [--mb 30] [--docs 200]
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import long_texts  # the long real articles, one definition


def analyze(paths: list[Path], db: Path, max_bytes: int) -> dict[str, float]:
    """Run `dateline analyze` in a fresh process: wall clock, peak RSS, longest gap between stderr lines."""
    dateline = str(Path(sys.executable).with_name("dateline"))
    command = [dateline, "analyze", *map(str, paths), "--db", str(db), "--max-bytes", str(max_bytes)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(
        target=lambda: lines.extend((time.perf_counter(), line.rstrip()) for line in process.stderr or ())
    )
    reader.start()
    peak = 0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, sum(each.memory_info().rss for each in [watched, *watched.children(recursive=True)]))
        time.sleep(0.2)
    reader.join()
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        raise SystemExit(
            f"dateline analyze failed ({process.returncode}): " + "\n".join(text for _, text in lines[-20:])
        )
    stamps = [started, *(stamp for stamp, _ in lines), started + seconds]
    gap = max(later - earlier for earlier, later in itertools.pairwise(stamps))
    return {"seconds": seconds, "peak_rss": peak, "longest_silence": gap, "summary": lines[-1][1] if lines else ""}


def big_file(path: Path, texts: list[str], size: int) -> None:
    # Shuffled at each repetition, so no part of the file repeats another and de-duplication skips nothing.
    rng = random.Random(7)
    texts = list(texts)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < size:
            rng.shuffle(texts)
            for text in texts:
                block = text.strip() + "\n\n"
                handle.write(block)
                written += len(block.encode("utf-8"))
                if written >= size:
                    break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", default="30", help="comma-separated sizes of the big file in MB")
    parser.add_argument("--docs", type=int, default=200)
    args = parser.parse_args()
    texts, origin = long_texts(args.docs)
    print(f"start: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for number, text in enumerate(texts):
            (corpus / f"{number:04}.txt").write_text(text, encoding="utf-8")
        corpus_bytes = sum(path.stat().st_size for path in corpus.iterdir())
        base = analyze([corpus], Path(folder) / "corpus.db", 2**31)
        rate = corpus_bytes / base["seconds"]
        print(f"corpus: {origin}, {len(texts)} files, {corpus_bytes / 2**20:.2f} MB in {base['seconds']:.1f}s")
        print(f"corpus rate: {rate / 1024:.1f} KB/s, peak RSS {base['peak_rss'] / 2**20:.0f} MB")
        for megabytes in (float(value) for value in args.mb.split(",") if value):
            path = Path(folder) / f"big{megabytes:g}.txt"
            big_file(path, texts, int(megabytes * 2**20))
            size = path.stat().st_size
            run = analyze([path], Path(folder) / f"big{megabytes:g}.db", size + 1)
            target = 2 * size / rate
            print(
                f"{megabytes:g} MB plain text: {run['seconds']:.1f}s ({size / run['seconds'] / 1024:.1f} KB/s), "
                f"target <= {target:.1f}s (ratio {run['seconds'] / (size / rate):.2f} x size/rate, target <= 2), "
                f"peak RSS {run['peak_rss'] / 2**20:.0f} MB (target <= 1536), "
                f"longest silence {run['longest_silence']:.1f}s (target <= 10)"
            )
            print(f"  {run['summary']}")
            path.unlink()
    print(f"end: load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
