"""The feed reader: one article per entry from RSS 2.0, RSS 1.0 and Atom, full text preferred, offsets kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from dateline.read import feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Lakeside Herald</title>
<link>https://lakeside.example/</link>
<language>en</language>
<item>
  <title>Ice festival opens on the frozen lake</title>
  <link>https://lakeside.example/ice-festival</link>
  <pubDate>Sat, 05 Feb 2022 18:30:00 +0300</pubDate>
  <dc:creator>Jonas Berg</dc:creator>
  <description>Sculptors carved a castle from lake ice.</description>
  <content:encoded><![CDATA[<p>VAASA — Sculptors carved a <b>castle</b> from lake ice on Saturday.</p>
  <p>The festival runs until the thaw.</p>]]></content:encoded>
</item>
<item>
  <title>Ferry timetable changes</title>
  <link>https://lakeside.example/ferry</link>
  <pubDate>Fri, 04 Feb 2022 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;The winter ferry will run &lt;i&gt;twice&lt;/i&gt; a day.&lt;/p&gt;</description>
</item>
<item>
  <title>An entry with nothing in it</title>
  <link>https://lakeside.example/empty</link>
</item>
<item>
  <title>Dated oddly</title>
  <pubDate>31 February 2022</pubDate>
  <description>Text of an entry whose date cannot exist.</description>
</item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Le Veilleur</title>
  <entry>
    <title>Summary only</title>
    <link href="https://veilleur.example/a"/>
    <published>2022-02-05T08:00:00Z</published>
    <summary type="text">LYON — The bridge reopened to cyclists on Friday.</summary>
  </entry>
  <entry>
    <title type="html">Full &lt;em&gt;HTML&lt;/em&gt; content</title>
    <link href="https://veilleur.example/b"/>
    <updated>2022-02-04T21:15:00+01:00</updated>
    <content type="html">&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second paragraph.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>XHTML content</title>
    <link href="https://veilleur.example/c"/>
    <published>2022-02-03T12:00:00-05:00</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two.</p></div></content>
  </entry>
</feed>"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://moorland.example/"><title>Moorland Post</title></channel>
  <item rdf:about="https://moorland.example/1">
    <title>Sheep return to the high pasture</title>
    <link>https://moorland.example/1</link>
    <dc:date>2022-05-01T07:30:00+01:00</dc:date>
    <description>Farmers drove the flocks up the fell at dawn.</description>
  </item>
</rdf:RDF>"""


def test_rss_entry_with_full_text_uses_it_and_strips_its_html():
    first, *_ = feed.read(RSS.encode(), "herald.xml")
    assert first.origin == "herald.xml#entry 1" and first.format == "feed"
    assert (
        first.text == "VAASA — Sculptors carved a castle from lake ice on Saturday.\nThe festival runs until the thaw."
    )
    assert not first.summary_only
    assert (first.title, first.source, first.author) == (
        "Ice festival opens on the frozen lake",
        "Lakeside Herald",
        "Jonas Berg",
    )
    assert first.url == "https://lakeside.example/ice-festival"
    assert first.language == "en"
    assert first.dateline_place == "Vaasa"


def test_rss_date_keeps_the_feed_offset_instead_of_converting_to_utc():
    first, second, *_ = feed.read(RSS.encode(), "herald.xml")
    assert first.published == datetime(2022, 2, 5, 18, 30, tzinfo=timezone(timedelta(hours=3)))
    assert first.published.utcoffset() == timedelta(hours=3)
    assert second.published == datetime(2022, 2, 4, 9, 0, tzinfo=UTC)


def test_entry_without_full_text_falls_back_to_its_summary():
    _, second, *_ = feed.read(RSS.encode(), "herald.xml")
    assert second.summary_only
    assert second.text == "The winter ferry will run twice a day."


def test_entry_with_no_text_is_an_error_and_the_other_entries_go_on():
    items = list(feed.read(RSS.encode(), "herald.xml"))
    errors = [item for item in items if getattr(item, "severity", None) == "error"]
    assert [(issue.path, issue.reason) for issue in errors] == [
        ("herald.xml#entry 3", "feed entry has no text (no content and no summary)")
    ]
    assert [item.origin for item in items if hasattr(item, "text")] == [
        "herald.xml#entry 1",
        "herald.xml#entry 2",
        "herald.xml#entry 4",
    ]


def test_entry_with_an_impossible_date_is_kept_with_a_warning():
    items = list(feed.read(RSS.encode(), "herald.xml"))
    fourth = next(item for item in items if getattr(item, "origin", "") == "herald.xml#entry 4")
    assert fourth.published is None
    (warning,) = [item for item in items if getattr(item, "severity", None) == "warning"]
    assert warning.path == "herald.xml#entry 4" and "31 February 2022" in warning.reason


def test_atom_summary_html_and_xhtml_content():
    summary, html_entry, xhtml_entry = feed.read(ATOM.encode(), "veilleur.atom")
    assert summary.summary_only and summary.text == "LYON — The bridge reopened to cyclists on Friday."
    assert summary.published == datetime(2022, 2, 5, 8, 0, tzinfo=UTC)
    assert summary.source == "Le Veilleur" and summary.language == "fr"
    assert html_entry.title == "Full HTML content" and html_entry.text == "First paragraph.\nSecond paragraph."
    assert not html_entry.summary_only
    assert html_entry.published == datetime(2022, 2, 4, 21, 15, tzinfo=timezone(timedelta(hours=1)))
    assert xhtml_entry.text == "One.\nTwo."
    assert xhtml_entry.published.utcoffset() == timedelta(hours=-5)


def test_rss_1_0_rdf_feed():
    (article,) = feed.read(RDF.encode(), "moor.rdf")
    assert article.source == "Moorland Post"
    assert article.text == "Farmers drove the flocks up the fell at dawn."
    assert article.summary_only
    assert article.published == datetime(2022, 5, 1, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def test_feed_without_entries_is_an_error():
    (issue,) = feed.read(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "quiet.xml")
    assert issue.severity == "error" and issue.reason.startswith("the feed has no entries")


def test_entry_ids_are_stable_content_hashes():
    first = [item.id for item in feed.read(ATOM.encode(), "a.atom")]
    assert first == [item.id for item in feed.read(ATOM.encode(), "a.atom")]
    assert len(set(first)) == 3 and all(len(value) == 16 for value in first)
