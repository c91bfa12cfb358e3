"""What a page says about itself in structured form: schema.org JSON-LD, ``<meta>`` tags and ``<time>``.

These are the publisher's own statements, so they win over what is guessed from the body or the URL: the
publish time with its zone ("2024-03-05T23:40:00-05:00" where the URL carries the next day), authors as
separate people, and the site's name rather than a social-media handle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

# Meta keys (property, name or itemprop, lower-cased) in the order they are trusted.
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
)
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_SITE_KEYS = ("og:site_name",)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# JSON-LD types whose datePublished and author are the article's own (a WebPage's may be the page's).
_ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
     "OpinionNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PageFacts:
    """A page's own statements: the publish date as written, its authors' names and the site's name."""

    published: str | None
    authors: tuple[str, ...]
    site_name: str | None


def page_facts(tree: HtmlElement) -> PageFacts:
    """What the page's JSON-LD, meta tags and ``<time>`` elements state, the article's JSON-LD first."""
    articles, publishers = _json_ld(tree)
    metas = _metas(tree)
    published = next((str(item["datePublished"]) for item in articles if item.get("datePublished")), None)
    published = published or next((metas[key] for key in _DATE_KEYS if key in metas), None)
    published = published or _time_element(tree)
    authors = tuple(name for item in articles for name in _person_names(item.get("author")))
    if not authors:
        authors = tuple(metas[key] for key in _AUTHOR_KEYS if key in metas and "://" not in metas[key])[:1]
    site = next((metas[key] for key in _SITE_KEYS if key in metas), None)
    site = site or next((name for item in articles for name in _names(item.get("publisher"))), None)
    return PageFacts(published=published, authors=authors, site_name=site or next(iter(publishers), None))


def _json_ld(tree: HtmlElement) -> tuple[list[dict[str, Any]], list[str]]:
    """The article objects in the page's JSON-LD, and the names of publishing organisations it describes."""
    articles: list[dict[str, Any]] = []
    publishers: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except (ValueError, RecursionError):
            continue  # a broken block says nothing; the rest of the page still may
        for item in _objects(data):
            types = item.get("@type")
            types = {types} if isinstance(types, str) else set(types) if isinstance(types, list) else set()
            if types & _ARTICLE_TYPES:
                articles.append(item)
            elif types & {"NewsMediaOrganization", "WebSite"}:
                publishers.extend(_names(item))
    return articles, publishers


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _person_names(value: Any) -> Iterator[str]:
    """Author names, leaving out organisations (an outlet credited as author is no person)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict) and item.get("@type") not in ("Organization", "NewsMediaOrganization"):
            yield from _names(item)


def _names(value: Any) -> Iterator[str]:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            yield item["name"].strip()


def _metas(tree: HtmlElement) -> dict[str, str]:
    """Each meta key's first non-empty content."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content:
            found.setdefault(key, content)
    return found


def _time_element(tree: HtmlElement) -> str | None:
    for element in tree.iter("time"):
        if element.get("itemprop") == "datePublished" or element.get("pubdate") is not None:
            return (element.get("datetime") or "").strip() or None
    return None


def site_name(name: str | None, tree: HtmlElement) -> str | None:
    """A site name as people write it: a handle ("@SputnikInt", "ValleyCourierUK") becomes the name the page's
    ``<title>`` gives after its separator ("… | Valley Courier") when the handle spells that name."""
    name = (name or "").strip().lstrip("@") or None
    if name is None or " " in name:
        return name
    handle = _squash(name)
    for part in _TITLE_SEPARATOR.split(tree.findtext(".//title") or "")[1:]:
        if len(_squash(part)) >= 3 and handle.startswith(_squash(part)):
            return part.strip()
    return name


def _squash(name: str) -> str:
    return "".join(char for char in name.casefold() if char.isalnum())
