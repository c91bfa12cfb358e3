"""The web view's reading side on small hand-made stores: search, filters, highlighting, missing tables."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime

from fastapi.testclient import TestClient

from dateline.model import Analysis, Article, Event, Quote, Span
from dateline.store import Store
from dateline.web import create_app, queries
from dateline.web.highlight import Annotation, segments


def _article(article_id: str, title: str, text: str, source: str = "Wire") -> Article:
    return Article(id=article_id, text=text, title=title, source=source, published=datetime(2021, 7, 12, 9, 0))


def _event(article_id: str, number: int, kind: str, killed: int | None, country: str | None = "IRQ") -> Event:
    return Event(
        article_id=article_id,
        event_id=f"{article_id}:e{number}",
        evidence=Span(0, 10),
        trigger=Span(0, 4),
        trigger_text="hit",
        type=kind,
        mode=None,
        quad_class="material_conflict",
        source_actor_id=None,
        source_text=None,
        source_country=None,
        source_sector=None,
        target_actor_id=None,
        target_text=None,
        target_country=None,
        target_sector=None,
        place_text="Basra",
        geonames_id=99532,
        country=country,
        admin1=None,
        latitude=30.5,
        longitude=47.8,
        geo_precision="exact",
        date="2021-07-11",
        time_precision="day",
        killed=killed,
        injured=None,
        arrested=None,
        participants=None,
        modality="asserted",
        attribution="outlet",
        quote_evidence=None,
        acled_sub_event=None,
        acled_event_type=None,
        confidence=0.8,
    )


def _store(tmp_path):
    db = tmp_path / "small.db"
    with Store.open(db) as store:
        store.add(
            [
                Analysis(
                    _article("a1", "Car bomb in Basra market", "Five killed as a car bomb hit the market."),
                    (_event("a1", 1, "ASSAULT", 5), _event("a1", 2, "PROTEST", None)),
                ),
                Analysis(_article("a2", "Talks in Geneva", "Envoys met in Genève for talks.", source="Other")),
            ]
        )
    return db


def _read(db) -> sqlite3.Connection:
    return Store.read(db).connection


def test_search_finds_articles_by_title_or_text_words_and_marks_the_hits(tmp_path):
    connection = _read(_store(tmp_path))
    assert [a["id"] for a in queries.corpus(connection, queries.Filters(q="market"))["articles"]] == ["a1"]
    assert [a["id"] for a in queries.corpus(connection, queries.Filters(q="bomb killed"))["articles"]] == ["a1"]
    found = queries.corpus(connection, queries.Filters(q="geneve"))["articles"]  # diacritics folded
    assert [a["id"] for a in found] == ["a2"]
    assert any(part["hit"] for part in found[0]["snippet"])


def test_search_words_are_never_read_as_fts_syntax():
    assert queries.fts_query('bomb" OR NEAR(') == '"bomb""" "OR" "NEAR("'


def test_a_hostile_search_string_answers_no_article_instead_of_an_error(tmp_path):
    connection = _read(_store(tmp_path))
    for text in ['"', "AND OR NOT", "*", "title:bomb", "'; DROP TABLE articles; --"]:
        assert queries.corpus(connection, queries.Filters(q=text))["articles"] == []


def test_articles_added_after_the_migration_are_searchable_and_old_ones_were_indexed_by_it(tmp_path):
    db = _store(tmp_path)
    with Store.open(db) as store:
        store.add([Analysis(_article("a3", "Drought", "Wells ran dry across Nineveh."))])
    assert [a["id"] for a in queries.corpus(_read(db), queries.Filters(q="Nineveh"))["articles"]] == ["a3"]


def test_event_filters_sort_and_page_and_unknown_sort_columns_fall_back_to_date(tmp_path):
    connection = _read(_store(tmp_path))
    assault = queries.events(connection, queries.Filters(type="ASSAULT"))
    assert assault["total"] == 1 and assault["rows"][0]["killed"] == 5
    by_killed = queries.events(connection, queries.Filters(), sort="killed", descending=True)
    assert [row["killed"] for row in by_killed["rows"]] == [5, None]  # unknown tolls last
    assert queries.events(connection, queries.Filters(), sort="killed; DROP TABLE events")["sort"] == "date"
    second_page = queries.events(connection, queries.Filters(), page=2, per_page=1)
    assert second_page["total"] == 2 and len(second_page["rows"]) == 1
    assert queries.events(connection, queries.Filters(outlet="Other"))["total"] == 0


def test_the_timeline_counts_events_per_day_and_type(tmp_path):
    timeline = queries.timeline(_read(_store(tmp_path)), queries.Filters())
    assert timeline["buckets"] == ["2021-07-11"]
    assert {series["type"]: series["counts"] for series in timeline["series"]} == {"ASSAULT": [1], "PROTEST": [1]}


def test_segments_cut_overlapping_spans_and_anchor_each_record_where_it_starts():
    text = "Gunmen killed five in Basra."
    pieces = segments(
        text,
        [
            Annotation(0, 28, "event-sentence", "e1", ""),
            Annotation(7, 13, "event", "e1", "event: ASSAULT"),
            Annotation(22, 27, "place", "p1", "place: Basra"),
            Annotation(25, 99, "time", "t1", "clipped to the text"),
        ],
    )
    assert "".join(piece.text for piece in pieces) == text
    killed = next(piece for piece in pieces if piece.text == "killed")
    assert killed.kinds == ("event", "event-sentence") and killed.refs == ("e1",)
    assert [piece.opens for piece in pieces if piece.opens] == [("e1",), ("p1",), ("t1",)]
    assert pieces[-1].end == len(text)


def test_a_store_without_event_or_story_tables_shows_empty_sections_not_errors(tmp_path):
    db = _store(tmp_path)
    writer = sqlite3.connect(db)
    writer.executescript(
        "DROP TABLE events; DROP TABLE event_mentions; DROP TABLE story_differences; DROP TABLE story_articles;"
        " DROP TABLE stories;"
    )
    writer.close()
    client = TestClient(create_app(db))
    for path in ["/", "/events", "/map", "/stories", "/quotes", "/article/a1", "/api/events", "/api/map"]:
        assert client.get(path).status_code == 200, path
    assert client.get("/api/events").json()["rows"] == []
    assert client.get("/api/stories").json()["stories"] == []
    assert client.get("/api/stories/nope").status_code == 404


def test_overviews_are_reused_within_their_time_to_live_and_the_cache_stays_bounded(tmp_path, monkeypatch):
    from dateline.web import app as web_app

    store = web_app.ReadOnlyStore(_store(tmp_path))
    calls: list[int] = []

    def count(connection):
        calls.append(1)
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]

    assert store.overview(("n",), count) == store.overview(("n",), count) == 2
    assert len(calls) == 1
    monkeypatch.setattr(web_app, "OVERVIEW_TTL_SECONDS", -1.0)
    store.overview(("n",), count)
    assert len(calls) == 2
    monkeypatch.setattr(web_app, "OVERVIEW_CACHE_SIZE", 3)
    for n in range(10):
        store.overview(("other", n), count)
    assert len(store.overviews) == 3


def _dated(article_id: str, number: int, date: str | None) -> Event:
    return dataclasses.replace(_event(article_id, number, "ASSAULT", None), date=date)


def _quote(article_id: str, start: int, speaker: str | None) -> Quote:
    return Quote(
        article_id=article_id,
        evidence=Span(start, start + 10),
        content=Span(start, start + 5),
        continuation=None,
        kind="direct",
        speaker=Span(start + 6, start + 10) if speaker else None,
        speaker_text=speaker,
        speaker_mention=None,
        speaker_actor_id=None,
        cue=None,
        cue_text=None,
        medium=None,
        medium_span=None,
        confidence=0.9,
    )


def test_sorting_events_by_date_puts_undated_ones_last_in_both_directions(tmp_path):
    db = tmp_path / "dates.db"
    dates = ["2021-07-11", "PRESENT_REF", None, "2021-07-13", "PAST_REF", "2021-W28", ""]
    with Store.open(db) as store:
        events = tuple(_dated("a1", number, date) for number, date in enumerate(dates))
        store.add([Analysis(_article("a1", "Clashes", "Clashes went on for days in the old city."), events)])
    connection = _read(db)
    for descending, dated in (
        (False, ["2021-07-11", "2021-07-13", "2021-W28"]),
        (True, ["2021-W28", "2021-07-13", "2021-07-11"]),
    ):
        rows = queries.events(connection, queries.Filters(), sort="date", descending=descending)["rows"]
        assert [row["date"] for row in rows][:3] == dated
        assert {row["date"] for row in rows[3:]} == {"PRESENT_REF", "PAST_REF", None, ""}


def test_quotes_without_a_speaker_are_counted_apart_not_listed_as_a_speaker(tmp_path):
    db = tmp_path / "quotes.db"
    text = "'We will stay,' Olsen said. 'It is over,' someone said. 'No,' said Olsen again, and more."
    quotes = (_quote("a1", 0, "Olsen"), _quote("a1", 28, None), _quote("a1", 56, "Olsen"), _quote("a1", 70, " "))
    with Store.open(db) as store:
        store.add([Analysis(_article("a1", "Strike", text), quotes)])
    answer = queries.quotes(_read(db))
    assert [(row["speaker"], row["quotes"]) for row in answer["speakers"]] == [("Olsen", 2)]
    assert answer["unattributed"] == 2
