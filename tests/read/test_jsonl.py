"""The JSON Lines reader: the documented schema, one article per line, and bad lines that cost only themselves."""

from __future__ import annotations

import gzip
import io
import json
from datetime import datetime, timedelta, timezone

from dateline.read import jsonl

FULL = {
    "id": "wire-17",
    "title": "Grain ship leaves port",
    "published": "2022-08-01T07:45:00+03:00",
    "source": "Steppe Wire",
    "url": "https://steppe.example/17",
    "author": "Dana Petrenko",
    "language": "en",
    "text": "ODESA, Aug 1 (Steppe Wire) - The first grain ship left port on Monday.",
}


def lines(*records: dict | str) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode()


def test_every_schema_field_is_read():
    (article,) = jsonl.read(lines(FULL), "wire.jsonl")
    assert article.id == "wire-17" and article.origin == "wire.jsonl#line 1" and article.format == "jsonl"
    assert (article.title, article.source, article.url, article.author, article.language) == (
        "Grain ship leaves port",
        "Steppe Wire",
        "https://steppe.example/17",
        "Dana Petrenko",
        "en",
    )
    assert article.published == datetime(2022, 8, 1, 7, 45, tzinfo=timezone(timedelta(hours=3)))
    assert article.text == FULL["text"]
    assert (article.dateline_place, article.dateline_agency) == ("Odesa", "Steppe Wire")


def test_only_text_is_required_and_the_id_defaults_to_the_content_hash():
    (article,) = jsonl.read(lines({"text": "A line of news."}), "wire.jsonl")
    assert article.id == article.content_hash[:16]
    assert article.title is None and article.published is None


def test_numeric_id_becomes_a_string_and_dateparser_reads_other_date_spellings():
    (article,) = jsonl.read(lines({"id": 42, "published": "1 August 2022 07:45", "text": "News."}), "w.jsonl")
    assert article.id == "42"
    assert article.published == datetime(2022, 8, 1, 7, 45) and not article.published_has_zone


def test_bad_lines_are_errors_with_their_line_number_and_the_rest_is_read():
    data = lines(FULL, "{not json", "", {"title": "no text here"}, "[1, 2]", {"text": "Last line."})
    items = list(jsonl.read(data, "wire.jsonl"))
    issues = [(item.path, item.severity) for item in items if not hasattr(item, "text")]
    assert issues == [("wire.jsonl#line 2", "error"), ("wire.jsonl#line 4", "error"), ("wire.jsonl#line 5", "error")]
    assert [item.origin for item in items if hasattr(item, "text")] == ["wire.jsonl#line 1", "wire.jsonl#line 6"]
    reasons = [item.reason for item in items if not hasattr(item, "text")]
    assert reasons[0].startswith("not valid JSON")
    assert reasons[1] == 'no "text" field with the article text; every line needs one'


def test_a_string_left_open_at_the_end_of_its_line_is_told_as_unclosed_not_as_a_raw_line_break():
    data = lines('{"id": "a1", "text": "Police arrested twelve', FULL)
    reasons = [item.reason for item in jsonl.read(data, "wire.jsonl") if not hasattr(item, "text")]
    assert reasons == [
        "not valid JSON at line 1, column 22: a string is not closed by a double quote; each line must be one object"
    ]


def test_impossible_published_date_keeps_the_article_with_a_warning():
    article, warning = jsonl.read(lines({"published": "31 February 2021", "text": "News."}), "w.jsonl")
    assert article.published is None
    assert (warning.path, warning.severity) == ("w.jsonl#line 1", "warning")


def test_a_pretty_printed_json_document_is_one_error_not_one_per_line():
    (issue,) = jsonl.read(json.dumps([FULL], indent=2).encode(), "dump.json")
    assert issue.path == "dump.json" and "not JSON Lines" in issue.reason


def test_streamed_file_bounds_each_line_not_the_file():
    long_line = json.dumps({"text": "word " * 100})
    stream = gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(lines(FULL, long_line, FULL))))
    items = list(jsonl.read(stream, "w.jsonl.gz", max_bytes=300))
    assert [getattr(item, "origin", None) or item.path for item in items] == [
        "w.jsonl.gz#line 1",
        "w.jsonl.gz#line 2",
        "w.jsonl.gz#line 3",
    ]
    assert "over the" in items[1].reason


def test_utf16_file_is_decoded_whole():
    (article,) = jsonl.read(lines(FULL).decode().encode("utf-16"), "w.jsonl")
    assert article.text == FULL["text"]
