"""The HTML reader: one article per page, main text and metadata by trafilatura, ``<html lang>`` as language.

The page's own structured statements (JSON-LD, meta tags) win over trafilatura's guesses for the publish date,
authors and site name; link boxes and teaser lists are cut before and after extraction (``clutter``). A page
nested deeper than lxml's default limit is parsed again without it. A page whose extracted text is too short
to be an article is refused, not guessed at. Also turns the HTML fragments inside feed entries into text,
one block a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from dateline import text
from dateline.model import Article
from dateline.read import byline, clutter, dates
from dateline.read.article import build_article
from dateline.read.issue import ReadIssue
from dateline.read.meta import PageFacts, page_facts, site_name

_NO_TEXT = "no article text found in the HTML page"
_DEPTH_ERROR = "Excessive depth"
_HUGE_DEPTH = 2048
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
    published: dates.Stamp | None = None,
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
    page, facts = _extract(tree, url)
    if page is None:
        # lxml's default parser stops 256 elements deep and the page looks empty; its huge-tree mode reads
        # 2,048 levels, and a page nested deeper still is named for what it is.
        deep = _parse_deep(data)
        if isinstance(deep, str):
            return ReadIssue(origin, deep, "error")
        if deep is not None:
            tree = deep
            page, facts = _extract(tree, url)
    if page is None:
        return ReadIssue(origin, _NO_TEXT, "error")
    body = clutter.cut_clutter_lines(page.text)  # first, so a timestamp line above the headline goes too
    if page.title and body.split("\n", 1)[0].strip() == page.title.strip():
        body = body.split("\n", 1)[1] if "\n" in body else ""  # the headline is the title, not the body
    site = facts.site_name or site_name(page.sitename, tree)
    stated = dates.parse_date(facts.published or "") or dates.parse_date(page.date or "")
    return build_article(
        body,
        origin=origin,
        format=format,
        empty=_NO_TEXT,
        title=page.title,
        source=site,
        url=url or page.url,
        author=byline.people(facts.authors or [page.author or ""], site),
        published=stated or published,
        language=tree.get("lang") or tree.get(_XML_LANG),
    )


def _extract(tree: lxml.html.HtmlElement, url: str | None) -> tuple[Document | None, PageFacts]:
    """trafilatura's document from a page without its link boxes, or None when it holds too little text to
    be an article; and the page's own structured facts, read before anything is cut."""
    facts = page_facts(tree)
    clutter.cut_link_boxes(tree)
    page = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=dict(_DATE_PARAMS)
    )
    if page is None or len(clutter.cut_clutter_lines(page.text or "").split()) < _MIN_WORDS:
        return None, facts
    return page, facts


def _parse_deep(page: str) -> lxml.html.HtmlElement | str | None:
    """The page parsed in lxml's huge-tree mode when the default parse lost part of it to its depth limit;
    the reason when even that mode cannot reach the bottom; None when depth was not the problem."""
    markup = page.encode("utf-8", "surrogatepass")  # bytes: a string may not carry an encoding declaration
    probe = lxml.html.HTMLParser(collect_ids=False, remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        lxml.html.fromstring(markup, parser=probe)
    except (lxml.etree.ParserError, ValueError):
        return None
    if not any(_DEPTH_ERROR in entry.message for entry in probe.error_log):
        return None
    parser = lxml.html.HTMLParser(
        collect_ids=False, remove_comments=True, remove_pis=True, encoding="utf-8", huge_tree=True
    )
    tree = lxml.html.fromstring(markup, parser=parser)
    if any(_DEPTH_ERROR in entry.message for entry in parser.error_log):
        return f"the page nests its elements more than {_HUGE_DEPTH} levels deep, beyond what the HTML parser reads"
    return tree


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
