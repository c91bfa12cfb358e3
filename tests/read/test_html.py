"""The HTML reader: main text only, metadata from the page's own markup, and a refusal for pages with no article."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from dateline.read import html

PARAGRAPHS = [
    "Volunteers planted four hundred oak saplings along the river path on Saturday morning.",
    "The council said the trees would shade the path within a decade and help hold the bank together.",
    "Local schools will each adopt a stretch of the path and water the saplings through the summer.",
]


def page(*, head: str = "", lang: str = 'lang="en-GB"', paragraphs: list[str] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html {lang}>
<head>
<meta charset="utf-8">
<title>Oak saplings line the river path | Valley Courier</title>
{head}
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Oak saplings line the river path</h1>
{body}
</article>
<aside class="related"><h2>Related</h2><a href="/x">Council approves cycle lane budget</a></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great news, my kids helped plant them!</p></div></section>
<footer>Copyright 2022 Valley Courier Ltd. All rights reserved.</footer>
</body>
</html>"""


META = """<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Priya Natarajan">
<meta property="article:published_time" content="2022-04-09T10:15:00+01:00">
<link rel="canonical" href="https://valleycourier.example/news/oak-saplings">"""


def test_html_page_gives_main_text_and_metadata():
    (article,) = html.read(page(head=META).encode(), "courier/oaks.html")
    assert article.format == "html" and article.origin == "courier/oaks.html"
    assert article.title == "Oak saplings line the river path"
    assert article.source == "Valley Courier"
    assert article.author == "Priya Natarajan"
    assert article.url == "https://valleycourier.example/news/oak-saplings"
    assert article.language == "en-GB"
    assert article.text == "\n".join(PARAGRAPHS)


def test_published_time_keeps_its_offset():
    (article,) = html.read(page(head=META), "oaks.html")
    assert article.published == datetime(2022, 4, 9, 10, 15, tzinfo=timezone(timedelta(hours=1)))
    assert article.published.utcoffset() == timedelta(hours=1)
    assert article.published_has_zone


def test_published_time_without_a_zone_stays_naive():
    head = '<meta property="article:published_time" content="2022-04-09T10:15:00">'
    (article,) = html.read(page(head=head), "oaks.html")
    assert article.published == datetime(2022, 4, 9, 10, 15)
    assert not article.published_has_zone


def test_navigation_banners_asides_and_reader_comments_are_not_article_text():
    (article,) = html.read(page(head=META), "oaks.html")
    for boilerplate in ("cookies", "Home", "Related", "cycle lane", "Great news", "Copyright"):
        assert boilerplate not in article.text


def test_page_without_lang_has_no_language():
    (article,) = html.read(page(lang=""), "oaks.html")
    assert article.language is None


def test_declared_windows_1256_charset_is_honoured():
    arabic = [
        "زرع متطوعون أربعمئة شجرة بلوط على طول ممر النهر صباح يوم السبت الماضي.",
        "وقال المجلس البلدي إن الأشجار ستظلل الممر خلال عقد من الزمن وتحمي ضفة النهر.",
        "وستتبنى كل مدرسة محلية جزءا من الممر وتسقي الشتلات طوال فصل الصيف المقبل.",
    ]
    markup = page(lang='lang="ar"', paragraphs=arabic).replace('charset="utf-8"', 'charset="windows-1256"')
    (article,) = html.read(markup.encode("cp1256"), "ar.html")
    assert article.text == "\n".join(arabic)
    assert article.language == "ar"


def test_page_with_no_article_text_is_an_error():
    empty = page(paragraphs=[]).replace("<h1>Oak saplings line the river path</h1>", "")
    (issue,) = html.read(empty, "menu.html")
    assert (issue.path, issue.severity) == ("menu.html", "error")
    assert issue.reason == "no article text found in the HTML page"


def test_fragment_text_puts_each_block_on_its_own_line():
    fragment = "<p>First <b>bold</b> point.</p><ul><li>one</li><li>two</li></ul>Tail &amp; end<script>x()</script>"
    assert html.fragment_text(fragment) == "First bold point.\none\ntwo\nTail & end"


PAGES = Path(__file__).parents[1] / "fixtures" / "pages"


def read_page(name: str):
    (article,) = html.read((PAGES / name).read_bytes(), name)
    return article


def test_the_pages_own_timestamp_wins_over_the_day_in_its_url_with_its_zone():
    # The URL says 2024/03/06 (the next day in UTC); the page says 23:40 at UTC-5 on the 5th.
    article = read_page("harbour-strike.html")
    assert article.published == datetime(2024, 3, 5, 23, 40, tzinfo=timezone(timedelta(hours=-5)))
    assert article.published_precision == "second" and article.published_text == "2024-03-05T23:40:00-05:00"


def test_a_page_that_states_only_a_day_gets_that_day_and_no_invented_midnight():
    article = read_page("clinic-outbreak.html")  # JSON-LD "2023-11-14", URL /2023/11/15/
    assert article.published_precision == "day" and article.published_text == "2023-11-14"
    assert not article.published_has_zone


def test_a_page_with_only_a_url_day_is_read_to_the_day():
    head = '<link rel="canonical" href="https://valleycourier.example/2022/04/09/oak-saplings">'
    (article,) = html.read(page(head=head), "oaks.html")
    assert (article.published_text, article.published_precision) == ("2022-04-09", "day")


def test_a_minute_stamp_is_kept_to_the_minute():
    head = '<meta property="article:published_time" content="2022-04-09T10:15+01:00">'
    (article,) = html.read(page(head=head), "oaks.html")
    assert (article.published_text, article.published_precision) == ("2022-04-09T10:15+01:00", "minute")


def test_bylines_become_people_without_roles_credentials_outlets_or_dates():
    assert read_page("harbour-strike.html").author == "Priya Ramaswamy; Tomás Ferreira"  # JSON-LD persons
    assert read_page("clinic-outbreak.html").author == "Ilana Brightwater"  # "…, MS, RDN"
    assert read_page("rail-fares.html").author == "Tom Gillespie"  # "Tom Gillespie News reporter"
    assert read_page("sanctions-talks.html").author == "Mike Wuerthele; Malcolm Owen"  # "… Monday, November 13"


def test_the_site_name_is_the_one_the_page_gives_not_a_social_handle():
    head = '<meta name="twitter:site" content="@ValleyCourierUK">'
    (handle_only,) = html.read(page(head=head), "oaks.html")
    assert handle_only.source == "Valley Courier"  # the handle spells the name after the title's "|"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"name": "Valley Courier"}}</script>'
    (named,) = html.read(page(head=head + ld), "oaks.html")
    assert named.source == "Valley Courier"
    assert read_page("sanctions-talks.html").source == "Norva Wire International"  # JSON-LD publisher, no og tag


def test_a_page_nested_deeper_than_256_elements_is_read():
    deep = "<div>" * 400 + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "</div>" * 400
    (article,) = html.read(f"<!DOCTYPE html><html><body>{deep}</body></html>", "deep.html")
    assert article.text == "\n".join(PARAGRAPHS)


def test_a_page_nested_beyond_what_the_parser_reads_is_named_for_it():
    deep = "<div>" * 3000 + "".join(f"<p>{text}</p>" for text in PARAGRAPHS) + "</div>" * 3000
    (issue,) = html.read(f"<!DOCTYPE html><html><body>{deep}</body></html>", "deeper.html")
    assert issue.severity == "error" and "more than 2048 levels deep" in issue.reason
