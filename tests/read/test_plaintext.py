"""The plain-text reader: the seed's header layout, bare text, datelines, and text that never changes after reading."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.model import content_hash
from dateline.read import plaintext, read_bytes
from dateline.read.article import build_article, find_dateline
from dateline.read.dates import parse_date
from dateline.text import normalise

SEED_DIR = Path(__file__).resolve().parents[2] / "../shared/seed"
SEED = SEED_DIR / "000_07dcd8d47dd2376f.txt"

SEED_LAYOUT = (
    "News ID: 5150\n"
    "Source: Harbour Gazette\n"
    "Publish Date: 4 March 2022 - 09:05\n"
    "Ferry Service Resumes After Storm Repairs\n"
    "\n"
    "PORTSMOUTH (Harbour Gazette) -- The island ferry sailed again on Friday after a week of repairs.\n"
    "The operator said timetables would return to normal by Monday.\n"
    "\n"
    "* Comment:\n"
    "A reader - Ryde\n"
    "About time too.\n"
)


def test_seed_article_reads_with_id_date_title_and_dateline():
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED.resolve()} (clone the repository beside shared/)")
    (article,) = plaintext.read(SEED.read_bytes(), str(SEED))
    assert article.id == "91932"
    assert article.published == datetime(2021, 6, 30, 22, 23)
    assert article.published.tzinfo is None and article.published_has_zone is False
    assert article.title == "Khazali: Operations Against U.S. Have Moved to New Stage"
    assert (article.dateline_place, article.dateline_agency) == ("Baghdad", "Dispatches")
    assert article.text.startswith("BAGHDAD (Dispatches) --")
    assert "Comment" not in article.text
    assert article.format == "text" and article.origin == str(SEED)


def test_seed_layout_gives_header_fields_and_cuts_the_comment_block():
    (article,) = plaintext.read(SEED_LAYOUT.encode(), "gazette/5150.txt")
    assert article.id == "5150"
    assert article.source == "Harbour Gazette"
    assert article.title == "Ferry Service Resumes After Storm Repairs"
    assert article.published == datetime(2022, 3, 4, 9, 5)
    assert not article.published_has_zone
    assert (article.published_precision, article.published_text) == ("minute", "2022-03-04T09:05")  # naive, no :00
    assert article.text == (
        "PORTSMOUTH (Harbour Gazette) -- The island ferry sailed again on Friday after a week of repairs.\n"
        "The operator said timetables would return to normal by Monday."
    )
    assert (article.dateline_place, article.dateline_agency) == ("Portsmouth", "Harbour Gazette")


def test_crlf_line_endings_read_like_lf():
    (lf,) = plaintext.read(SEED_LAYOUT.encode(), "a.txt")
    (crlf,) = plaintext.read(SEED_LAYOUT.replace("\n", "\r\n").encode(), "a.txt")
    assert (crlf.text, crlf.title, crlf.content_hash) == (lf.text, lf.title, lf.content_hash)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Publish Date : 4 March 2022 - 09:05", datetime(2022, 3, 4, 9, 5)),
        ("Publish Date:4 March 2022 - 09:05", datetime(2022, 3, 4, 9, 5)),
        ("Published: March 4, 2022 9:05 AM", datetime(2022, 3, 4, 9, 5)),
        ("Date: 2022-03-04", datetime(2022, 3, 4)),
        ("Publish Date: 2022-03-04T09:05:00+03:00", datetime(2022, 3, 4, 9, 5, tzinfo=timezone(timedelta(hours=3)))),
        ("Publish Date: Fri, 04 Mar 2022 09:05:00 GMT", datetime(2022, 3, 4, 9, 5, tzinfo=UTC)),
    ],
)
def test_publish_date_spellings_keep_a_stated_zone_and_never_invent_one(header, expected):
    (article,) = plaintext.read(f"News ID: 1\n{header}\nHeadline\n\nBody sentence here.", "a.txt")
    assert article.published == expected
    assert article.published.utcoffset() == expected.utcoffset()
    assert article.published_has_zone == (expected.tzinfo is not None)


def test_text_without_header_is_all_body():
    body = "MOMBASA — Dock workers ended a two-day strike on Tuesday.\n\nCargo began moving again by evening."
    (article,) = plaintext.read(body, "notes.txt")
    assert article.text == body
    assert article.title is None and article.published is None
    assert article.id == content_hash(body)[:16]
    assert article.dateline_place == "Mombasa" and article.dateline_agency is None


def test_a_short_unpunctuated_first_line_standing_alone_is_the_title():
    (article,) = plaintext.read("Dock Strike Ends\n\nWorkers went back on Tuesday.", "notes.txt")
    assert article.title == "Dock Strike Ends"
    assert article.text == "Workers went back on Tuesday."


@pytest.mark.parametrize(
    "text",
    [
        "Workers went back on Tuesday.\n\nCargo moved again.",  # ends like a sentence
        "Dock Strike Ends\nWorkers went back on Tuesday.",  # no blank line after it
        "Dock Strike Ends",  # nothing after it
    ],
)
def test_a_first_line_that_is_not_a_headline_stays_in_the_body(text):
    (article,) = plaintext.read(text, "notes.txt")
    assert article.title is None
    assert article.text == text


@pytest.mark.parametrize(
    ("opening", "place", "agency"),
    [
        ("BAGHDAD (Dispatches) -- ", "Baghdad", "Dispatches"),
        ("NAIROBI, Kenya (Coast Wire) - ", "Nairobi", "Coast Wire"),
        ("LIMA, June 30 (Reuters) - ", "Lima", "Reuters"),
        ("HO CHI MINH CITY — ", "Ho Chi Minh City", None),
        ("EL GENEINA, Sudan – ", "El Geneina", None),
        ("AL-QAIM (Dispatches) -- ", "Al-Qaim", "Dispatches"),
        ("Valparaíso, June 30 (Reuters) - ", "Valparaíso", "Reuters"),
    ],
)
def test_dateline_forms_give_place_and_agency_and_stay_in_the_text(opening, place, agency):
    body = opening + "Officials said the bridge would reopen next week."
    (article,) = plaintext.read(f"News ID: 7\nPublish Date: 1 May 2022\nBridge Reopens\n\n{body}", "a.txt")
    assert (article.dateline_place, article.dateline_agency) == (place, agency)
    assert article.text == body


@pytest.mark.parametrize(
    "opening",
    [
        "Officials said - and repeated - that it would reopen.",
        "UPDATE - The bridge reopened.",
        "US - The bridge reopened.",
        "The bridge reopened on Monday.",
    ],
)
def test_text_that_merely_opens_with_words_and_a_dash_has_no_dateline(opening):
    assert find_dateline(opening) == (None, None)


def test_header_then_dateline_with_no_headline_line():
    (article,) = plaintext.read("News ID: 9\n\nLIMA (Andes Wire) -- A short report.", "a.txt")
    assert article.title is None
    assert article.text == "LIMA (Andes Wire) -- A short report."


def test_mojibake_is_repaired_once_and_curly_quotes_kept():
    (article,) = plaintext.read("The minister said â€œnoâ€\x9d to the plan.".encode(), "a.txt")
    assert article.text == "The minister said “no” to the plan."


def test_header_only_file_is_an_error_not_an_empty_article():
    (issue,) = plaintext.read("News ID: 3\nPublish Date: 1 May 2022\n", "a.txt")
    assert issue.severity == "error" and issue.path == "a.txt"
    assert "no article text" in issue.reason


@given(st.text(min_size=1, max_size=400))
@settings(max_examples=150, deadline=None)
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once


@given(
    st.text(max_size=40)
    | st.from_regex(r"\d{1,4}[ /.-]\w{1,9}[ /.-]\d{1,4}( \d{1,2}:\d{2}( ?[+-]\d{4})?)?", fullmatch=True)
)
@settings(max_examples=100, deadline=None)
def test_parse_date_never_raises_and_a_zone_only_comes_from_the_string(raw):
    parsed = parse_date(raw)
    assert parsed is None or isinstance(parsed.when, datetime)
    if parsed is not None and parsed.when.tzinfo is not None:
        assert any(mark in raw for mark in "+-Z") or any(word.isalpha() and word.isupper() for word in raw.split())
    if parsed is not None and parsed.precision == "day":  # a date alone is never given a time or a zone
        assert parsed.when.time() == time() and parsed.when.tzinfo is None


_LINE = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=60)


@given(st.lists(_LINE, max_size=8), st.booleans())
@settings(max_examples=150, deadline=None)
def test_reading_the_same_bytes_twice_gives_the_same_normalised_article(lines, with_header):
    text = ("News ID: 1\nPublish Date : 1 May 2022 - 10:00\nHeadline\n\n" if with_header else "") + "\n".join(lines)
    first, second = list(read_bytes(text.encode(), "a.txt")), list(read_bytes(text.encode(), "a.txt"))
    assert first == second
    for article in (item for item in first if hasattr(item, "text")):
        assert normalise(article.text) == article.text
        assert article.text == article.text.strip() and article.text
        assert article.id == ("1" if with_header else article.content_hash[:16])
        assert normalise(article.text) in normalise(text)


def test_a_stored_text_is_already_normalised_even_when_stripping_changes_its_repair():
    # "\xa0Â¡" is left alone (the space makes it read as Latin-1 text), but "Â¡" alone is mojibake for "¡".
    # Built directly: the plain-text reader now refuses a text this short.
    article = build_article("\xa0Â¡", origin="a.txt", format="text", empty="no text")
    assert article.text == normalise(article.text) == "¡"
