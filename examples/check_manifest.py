"""Check that manifest.json still matches the example articles it describes.

Reads every article with the reference libraries (feedparser, trafilatura, warcio), not with
dateline's own readers, and checks titles, dates, and that every planted phrase is in the
article's text. Run it after editing an example: ``python examples/check_manifest.py``.
"""

from __future__ import annotations

import html
import json
import re
import sys
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import trafilatura
from warcio.archiveiterator import ArchiveIterator

HERE = Path(__file__).resolve().parent
SEED_HEADER = re.compile(r"^(News ID|Source|Publish Date)\s*:")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strip_tags(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def read_seed(path: Path) -> dict:
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    header = {}
    while lines and SEED_HEADER.match(lines[0]):
        key, _, value = lines.pop(0).partition(":")
        header[key.strip()] = value.strip()
    title = lines.pop(0).strip()
    body = "\n".join(lines)
    body, _, comment = body.partition("\n* Comment:")
    published = datetime.strptime(header["Publish Date"], "%d %B %Y - %H:%M").isoformat()
    return {"title": title, "text": body, "published": published, "outlet": header.get("Source"), "rest": comment}


def read_feed_entry(path: Path, number: int) -> dict:
    entry = feedparser.parse(str(path)).entries[number - 1]
    content = entry.get("content")
    raw = entry.published  # the feed's own string, with its offset
    published = parsedate_to_datetime(raw) if "," in raw else datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return {
        "title": entry.title,
        "text": strip_tags(content[0].value if content else entry.summary),
        "published": published.isoformat(),
        "url": entry.link,
        "author": entry.get("author"),
        "summary_only": not content,
    }


def read_html(markup: str) -> dict:
    doc = trafilatura.bare_extraction(markup, with_metadata=True).as_dict()
    published = re.search(r'article:published_time" content="([^"]+)"', markup).group(1)
    return {
        "title": doc["title"],
        "text": doc["text"],
        "published": published,
        "url": doc["url"],
        "author": doc["author"],
    }


def read_warc_record(path: Path, number: int) -> dict:
    with path.open("rb") as stream:
        for index, record in enumerate(ArchiveIterator(stream), 1):
            if index == number:
                assert record.rec_type == "response", f"record {number} is a {record.rec_type}"
                return read_html(record.content_stream().read().decode("utf-8"))
    raise AssertionError(f"{path} has no record {number}")


def read(entry: dict) -> dict:
    path = HERE / entry["file"]
    kind, _, number = (entry["locator"] or "").partition(" ")
    fmt = entry["format"]
    if fmt == "text-seed":
        return read_seed(path)
    if fmt == "text-plain":
        return {"title": None, "text": path.read_text(encoding="utf-8"), "published": None}
    if fmt == "jsonl":
        assert kind == "line"
        item = json.loads(path.read_text(encoding="utf-8").splitlines()[int(number) - 1])
        return {**item, "outlet": item.get("source")}
    if fmt in ("rss", "atom"):
        assert kind == "entry"
        return read_feed_entry(path, int(number))
    if fmt == "html":
        return read_html(path.read_text(encoding="utf-8"))
    if fmt == "warc":
        assert kind == "record"
        return read_warc_record(path, int(number))
    raise AssertionError(f"unknown format {fmt}")


def planted_phrases(planted: dict) -> list[str]:
    phrases: list[str] = []
    for key in (
        "loaded_terms",
        "loaded_terms_quoted",
        "framing_terms",
        "not_loaded",
        "chants",
        "slogans",
        "negated",
        "threats",
        "places",
        "background",
    ):
        phrases += planted.get(key, [])
    for key in ("relative_dates", "explicit_dates"):
        phrases += list(planted.get(key, {}))
    for key in ("counts", "attributions", "quotes"):
        phrases += [item["text"] for item in planted.get(key, [])]
    phrases += [event["trigger"] for event in planted.get("events", [])]
    phrases += list(planted.get("mentions_other_story", {}).values())
    for forms in planted.get("actor_forms", {}).values():
        phrases += forms
    if planted.get("name_variant"):
        phrases.append(planted["name_variant"])
    return phrases


def check(entry: dict) -> list[str]:
    problems = []
    article = read(entry)
    text = flat(article["text"])
    words = len(text.split())
    if not 150 <= words <= 400:
        problems.append(f"{words} words")
    if entry["title_in_file"] and article["title"] != entry["title"]:
        problems.append(f"title {article['title']!r}")
    if entry["published"] != article.get("published"):
        problems.append(f"published {article.get('published')!r}")
    if "url" in article and entry["url"] != article["url"]:
        problems.append(f"url {article['url']!r}")
    if "author" in article and entry["author"] != article["author"]:
        problems.append(f"author {article['author']!r}")
    if entry["summary_only"] != article.get("summary_only", False):
        problems.append("summary_only")
    for phrase in planted_phrases(entry["planted"]):
        if flat(phrase) not in text:
            problems.append(f"missing {phrase!r}")
    comment = entry["planted"].get("comment_block")
    if comment and (comment in text or comment not in article.get("rest", "")):
        problems.append("comment block")
    return problems


def main() -> int:
    manifest = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
    titles = [entry["title"] for entry in manifest]
    failed = len(titles) != len(set(titles))
    for entry in manifest:
        problems = check(entry)
        failed |= bool(problems)
        print(("FAIL " if problems else "ok   ") + entry["id"] + ("".join(f"\n     {p}" for p in problems)))
    return int(failed)


if __name__ == "__main__":
    sys.exit(main())
