"""Reader throughput and HTML text extraction: each reader beside the library it wraps, on the same generated files.

Writes a synthetic corpus to a temporary folder (plain text in the seed layout, HTML pages, an
RSS feed, JSON Lines, a gzipped WARC), reads each with ``read_inputs`` and with the library alone
(json, trafilatura, feedparser, warcio), and prints articles/s and MB/s. The HTML pages carry the clutter
trafilatura keeps on real pages (a "SEE MORE"-style box of headlines, a "Read more:" link line, a timestamp
line, a "Top stories" list); the second table scores the extracted text against each page's true body by
word shingles, dateline's reader beside trafilatura alone, and counts pages where clutter reached the text.
These are generated pages: there is no gold set of real pages under ../shared/data, so this is not the
issue's real-page figure. Usage: python benchmarks/read.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import feedparser
import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.model import Article
from dateline.read import read_inputs

CITIES = ["BAGHDAD", "MOSUL", "ERBIL", "BASRA", "KHARTOUM", "GOMA", "ALEPPO", "NIAMEY"]
ACTORS = ["Police", "The army", "Protesters", "Militants", "The governor", "A local official", "Medics"]
VERBS = ["attacked", "arrested", "condemned", "met", "shelled", "blocked", "praised", "evacuated"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(rng: random.Random, number: int) -> tuple[str, list[str]]:
    """A headline and paragraphs of a synthetic report, about 300 words."""
    paragraphs = [
        " ".join(
            f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS).lower()} near the market on "
            f"{rng.choice(DAYS)}, leaving at least {rng.randint(1, 40)} people hurt, officials said."
            for _ in range(rng.randint(2, 4))
        )
        for _ in range(rng.randint(4, 7))
    ]
    paragraphs[0] = f"{rng.choice(CITIES)} (Wire) -- Report {number}. {paragraphs[0]}"
    return f"Report {number}: {rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS).lower()}", paragraphs


# Clutter as pages print it inside the article's own container, where the extractor keeps it. Each box holds a
# marker that no story uses, so a page whose text still has clutter is found by it.
CLUTTER_MARKS = ("Zanzibarine", "Updated 08:15 EST")
CLUTTER = (
    "<p>SEE MORE</p><p>Zanzibarine workers walk out over unpaid wages</p><p>Storm downs Zanzibarine power lines</p>",
    '<p><strong>Read more:</strong> <a href="/more">Zanzibarine ministers agree to resume talks</a></p>',
    "<p>Updated 08:15 EST, Wed March 6, 2024</p>",
    '<h2>Top stories</h2><ul><li><a href="/a">Zanzibarine ceasefire collapses</a> Fighting went on overnight</li></ul>',
    "<h3>DON'T MISS</h3><h4>Zanzibarine bridge closes for repairs</h4><h4>Zanzibarine mayor wins again</h4>",
)


def page(title: str, paragraphs: list[str], number: int) -> str:
    paragraphs = [f"<p>{text}</p>" for text in paragraphs]
    paragraphs.insert(len(paragraphs) // 2, CLUTTER[number % len(CLUTTER)])
    body = "".join(paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title>'
        f'<meta property="og:site_name" content="Bench Times">'
        f'<meta property="article:published_time" content="2022-05-{number % 28 + 1:02d}T10:00:00+03:00">'
        f'<link rel="canonical" href="https://bench.example/{number}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>{title}</h1>{body}</article>'
        f"<footer>Copyright Bench Times</footer></body></html>"
    )


def write_corpus(folder: Path, scale: float) -> tuple[dict[str, Path], dict[str, str]]:
    rng = random.Random(7)
    stories = [story(rng, number) for number in range(int(2000 * scale))]
    paths = {name: folder / name for name in ("text", "html", "feed.xml", "wire.jsonl", "crawl.warc.gz")}
    paths["text"].mkdir()
    for number, (title, paragraphs) in enumerate(stories):
        header = f"News ID: {number}\nPublish Date : {number % 28 + 1} May 2022 - 10:00\n{title}\n\n"
        (paths["text"] / f"{number:05}.txt").write_text(header + "\n".join(paragraphs) + "\n\n* Comment:\n")
    paths["html"].mkdir()
    pages = stories[: int(500 * scale)]
    bodies = {}
    for number, (title, paragraphs) in enumerate(pages):
        (paths["html"] / f"{number:05}.html").write_text(page(title, paragraphs, number))
        bodies[f"{number:05}.html"] = "\n".join(paragraphs)
    items = "".join(
        f"<item><title>{title}</title><link>https://bench.example/{number}</link>"
        f"<pubDate>Mon, 02 May 2022 10:00:00 +0300</pubDate><description>{paragraphs[0][:80]}</description>"
        f"<content:encoded><![CDATA[{''.join(f'<p>{text}</p>' for text in paragraphs)}]]></content:encoded></item>"
        for number, (title, paragraphs) in enumerate(pages)
    )
    paths["feed.xml"].write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench Feed</title>'
        f"{items}</channel></rss>"
    )
    with paths["wire.jsonl"].open("w") as handle:
        for number, (title, paragraphs) in enumerate(stories):
            record = {"id": f"w{number}", "title": title, "published": "2022-05-02T10:00:00+03:00"}
            handle.write(json.dumps(record | {"text": "\n\n".join(paragraphs)}) + "\n")
    with paths["crawl.warc.gz"].open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number, (title, paragraphs) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            payload = io.BytesIO(page(title, paragraphs, number).encode())
            uri = f"https://bench.example/{number}"
            writer.write_record(writer.create_warc_record(uri, "response", payload=payload, http_headers=headers))
    return paths, bodies


def bare_library(kind: str) -> Callable[[Path], int]:
    """The library a reader wraps, used alone: how many documents it gets out of a path."""

    def html_pages(path: Path) -> int:
        return sum(
            trafilatura.bare_extraction(file.read_bytes(), with_metadata=True) is not None for file in files(path)
        )

    def warc_pages(path: Path) -> int:
        with path.open("rb") as stream:
            return sum(
                trafilatura.bare_extraction(record.content_stream().read(), with_metadata=True) is not None
                for record in ArchiveIterator(stream)
                if record.rec_type == "response"
            )

    return {
        "text": lambda path: sum(bool(file.read_bytes().decode()) for file in files(path)),
        "html": html_pages,
        "feed": lambda path: len(feedparser.parse(path.read_bytes()).entries),
        "jsonl": lambda path: sum(1 for line in path.open() if json.loads(line)["text"]),
        "warc": warc_pages,
    }[kind]


def files(path: Path) -> list[Path]:
    return sorted(path.iterdir()) if path.is_dir() else [path]


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    words = text.split()
    return Counter(tuple(words[start : start + size]) for start in range(max(len(words) - size + 1, 1)))


def extraction_scores(extracted: dict[str, str], bodies: dict[str, str]) -> tuple[float, float, float, int]:
    """Precision, recall and F1 of word 4-shingles pooled over all pages, and how many pages kept clutter."""
    overlap = found = true = 0
    for name, body in bodies.items():
        got, want = shingles(extracted.get(name, "")), shingles(body)
        overlap += sum((got & want).values())
        found += sum(got.values())
        true += sum(want.values())
    precision, recall = overlap / max(found, 1), overlap / max(true, 1)
    cluttered = sum(any(mark in text for mark in CLUTTER_MARKS) for text in extracted.values())
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9), cluttered


def trafilatura_text(path: Path) -> str:
    """trafilatura's text with its first line dropped when that is the headline, as dateline's reader does."""
    document = trafilatura.bare_extraction(path.read_bytes(), with_metadata=True)
    text = (document.text or "") if document else ""
    first, _, rest = text.partition("\n")
    return rest if document and document.title and first.strip() == document.title.strip() else text


def print_extraction(folder: Path, bodies: dict[str, str]) -> None:
    ours = {Path(item.origin).name: item.text for item in read_inputs([str(folder)]) if isinstance(item, Article)}
    alone = {file.name: trafilatura_text(file) for file in files(folder)}
    print(f"\nHTML text vs true body, word 4-shingles, {len(bodies)} generated pages with clutter (not real pages)")
    print(f"{'extractor':22}{'P':>7}{'R':>7}{'F1':>7}   pages with clutter left")
    for name, texts in (("dateline read", ours), ("trafilatura alone", alone)):
        precision, recall, f1, cluttered = extraction_scores(texts, bodies)
        print(f"{name:22}{precision:>7.3f}{recall:>7.3f}{f1:>7.3f}   {cluttered}")


def timed(work: Callable[[], int]) -> tuple[int, float]:
    started = time.perf_counter()
    count = work()
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="corpus size relative to the default")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths, bodies = write_corpus(Path(folder), args.scale)
        list(read_inputs([str(paths["text"] / "00000.txt"), str(paths["html"] / "00000.html")]))  # warm-up imports
        print(f"{'reader':8}{'articles':>10}{'MB':>8}{'seconds':>10}{'articles/s':>12}{'MB/s':>8}   library alone")
        for kind, path in zip(("text", "html", "feed", "jsonl", "warc"), paths.values(), strict=True):
            megabytes = sum(file.stat().st_size for file in files(path)) / 1e6
            articles, seconds = timed(
                lambda path=path: sum(isinstance(item, Article) for item in read_inputs([str(path)]))
            )
            documents, bare = timed(lambda path=path, kind=kind: bare_library(kind)(path))
            print(
                f"{kind:8}{articles:>10}{megabytes:>8.1f}{seconds:>10.2f}{articles / seconds:>12.0f}"
                f"{megabytes / seconds:>8.2f}   {documents / bare:>6.0f} docs/s ({bare:.2f} s)"
            )
        print_extraction(paths["html"], bodies)


if __name__ == "__main__":
    main()
