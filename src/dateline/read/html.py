"""The HTML reader: one article per page, main text and metadata by trafilatura, ``<html lang>`` as language.

A page whose extracted text is too short to be an article is refused, not guessed at. Also turns the
HTML fragments inside feed entries into text, one block a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

import lxml.etree
import lxml.html
import trafilatura

from dateline import text
from dateline.model import Article
from dateline.read import dates
from dateline.read.article import build_article
from dateline.read.issue import ReadIssue

_NO_TEXT = "no article text found in the HTML page"
# On a page with no article trafilatura falls back to menus, cookie banners and footers; real
# articles, even briefs, run longer than this many words.
_MIN_WORDS = 15
# htmldate searches the markup, not the body text (which mentions other dates), and formats with
# the offset so that a stated zone survives.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
_DECLARED_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "blockquote", "pre", "table", "tr", "section", "article",
    "figure", "figcaption", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt",
)  # fmt: skip


def read(data: bytes | str, origin: str) -> Iterator[Article | ReadIssue]:
    """One article from an HTML page (``format="html"``), or the reason there is none."""
    yield page_article(data, origin)


def page_article(
    data: bytes | str,
    origin: str,
    *,
    format: str = "html",
    url: str | None = None,
    published: datetime | None = None,
    charset: str | None = None,
) -> Article | ReadIssue:
    """The article on one page. A caller that fetched it (WARC) passes the ``url`` it came from, which is
    kept over the page's canonical link, a ``published`` fallback for pages stating no date, and ``charset``."""
    if isinstance(data, bytes):
        try:
            data = _decode_page(data, charset)
        except text.NotText as error:
            return ReadIssue(origin, f"{error}, not an HTML page", "error")
    tree = trafilatura.load_html(data)
    if tree is None:
        return ReadIssue(origin, _NO_TEXT, "error")
    language = tree.get("lang") or tree.get(_XML_LANG)
    page = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=dict(_DATE_PARAMS)
    )
    if page is None or len((page.text or "").split()) < _MIN_WORDS:
        return ReadIssue(origin, _NO_TEXT, "error")
    body = page.text
    if page.title and body.split("\n", 1)[0].strip() == page.title.strip():
        body = body.split("\n", 1)[1] if "\n" in body else ""  # the headline is the title, not the body
    return build_article(
        body,
        origin=origin,
        format=format,
        empty=_NO_TEXT,
        title=page.title,
        source=page.sitename,
        url=url or page.url,
        author=page.author,
        published=dates.parse_date(page.date or "") or published,
        language=language,
    )


def fragment_text(markup: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one block element a line."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return markup
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _decode_page(data: bytes, charset: str | None) -> str:
    declared = charset or _declared_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return text.decode(data)


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data, 0, 4096)
    return match[1].decode("ascii") if match else None
