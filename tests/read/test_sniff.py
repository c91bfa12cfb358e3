"""Choosing the reader by content: magic numbers, the first element, gzip undone first; and no input makes it raise."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.model import Article
from dateline.read import ReadIssue, read_bytes
from dateline.read.sniff import sniff

PAGE = (
    "<html><head><title>Tide tables</title></head><body><article><p>"
    + "The spring tide will reach its highest point of the year on Thursday evening, the harbour office said. " * 3
    + "</p></article></body></html>"
)
FEED = (
    '<rss version="2.0"><channel><title>Tides</title>'
    "<item><title>High tide</title><description>Very high.</description></item></channel></rss>"
)
JSONL = json.dumps({"text": "The tide was high."}) + "\n"
TEXT = "News ID: 8\nPublish Date : 1 June 2022 - 06:00\nHigh Tide\n\nThe tide was high."


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'{"text": "x"}\n{"text": "y"}', "jsonl"),
        (b'  \n[{"text": "x"}]', "jsonl"),
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><!-- generated --><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="2.0">', "feed"),
        (b"<!DOCTYPE html>\n<html>", "html"),
        (b"\xef\xbb\xbf<html lang='en'>", "html"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">\n<html>', "html"),
        (b"<div class='story'><p>Hello</p></div>", "html"),
        (b"Saved from the web\n<html><body>", "html"),
        ("<html><body>".encode("utf-16"), "html"),
        (b"News ID: 1\nPublish Date : 1 June 2022", "text"),
        (b"A line that mentions <rss> and {braces} later on.", "text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text"),
    ],
)
def test_sniff_recognises_formats_by_their_first_bytes(head, expected):
    assert sniff(head) == expected


@pytest.mark.parametrize(
    ("content", "reader"),
    [(PAGE, "html"), (FEED, "feed"), (JSONL, "jsonl"), (TEXT, "text")],
)
def test_the_reader_follows_the_content_not_the_file_name(content, reader):
    (article,) = [item for item in read_bytes(content.encode(), "misleading.txt") if isinstance(item, Article)]
    assert article.format == reader


@pytest.mark.parametrize(
    ("content", "reader"),
    [(PAGE, "html"), (FEED, "feed"), (JSONL, "jsonl"), (TEXT, "text")],
)
def test_gzip_is_undone_then_the_content_sniffed_again(content, reader):
    (article,) = [item for item in read_bytes(gzip.compress(content.encode()), "x.gz") if isinstance(item, Article)]
    assert article.format == reader and article.origin.startswith("x.gz")


def test_utf16_json_lines_are_read():
    (article,) = read_bytes(JSONL.encode("utf-16"), "wide.jsonl")
    assert article.text == "The tide was high."


def test_utf16_whose_first_character_is_nul_is_not_taken_for_utf32():
    # Its mark and first character, FF FE 00 00, are also UTF-32's byte-order mark.
    assert_never_raises("\x000 and more".encode("utf-16"))
    assert_never_raises("\x000".encode("utf-16"))


def assert_never_raises(data: bytes) -> None:
    for item in read_bytes(data, "fuzz", max_bytes=100_000):
        assert isinstance(item, Article | ReadIssue)
        if isinstance(item, ReadIssue):
            assert "unexpected error" not in item.reason, item.reason
            assert item.reason and "\n" not in item.reason


PREFIXES = st.sampled_from(
    [
        b"",
        b"\x1f\x8b\x08\x00",
        b"WARC/1.0\r\n",
        b"{",
        b'{"text": ',
        b"<rss>",
        b"<feed>",
        b"<html><body><p>",
        b"News ID: 1\n",
    ]
)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(PREFIXES, st.binary(max_size=600))
@FUZZ
def test_read_bytes_never_raises_on_arbitrary_bytes(prefix, tail):
    assert_never_raises(prefix + tail)


@given(PREFIXES, st.text(max_size=600), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
@FUZZ
def test_read_bytes_never_raises_on_arbitrary_text(prefix, text, encoding):
    assert_never_raises(prefix + text.encode(encoding, errors="replace"))


JSON_RECORDS = st.lists(
    st.dictionaries(
        st.sampled_from(["text", "title", "published", "id", "url"]), st.text() | st.integers() | st.none()
    ),
    max_size=5,
)


@given(JSON_RECORDS)
@FUZZ
def test_read_bytes_never_raises_on_arbitrary_json_lines(records):
    data = "\n".join(json.dumps(record) for record in records).encode()
    assert_never_raises(gzip.compress(data))
