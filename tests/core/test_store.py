"""The store: created and migrated by the code, idempotent, honest about what it cannot do."""

import os
import sqlite3
from datetime import UTC, datetime

import pytest

from dateline.errors import StoreError
from dateline.model import Analysis, Article, Entity, Frame, Sentence, Span
from dateline.store import MIGRATIONS, SCHEMA_VERSION, Store


def _analysis(article_id="a1", text="Kadhimi condemned the strike.", source="Wire"):
    article = Article(
        id=article_id,
        text=text,
        source=source,
        title="T",
        published=datetime(2021, 6, 30, 22, 23),
        format="text",
        origin="x.txt",
    )
    return Analysis(
        article, (Sentence(article_id, 0, Span(0, len(text))), Entity(article_id, Span(0, 7), "Kadhimi", "PERSON", 0.8))
    )


def test_a_new_store_is_in_wal_mode_at_the_current_schema_version(tmp_path):
    db = tmp_path / "d.db"
    Store.open(db).close()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_adding_the_same_article_twice_stores_it_once_with_its_records(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        assert store.add([_analysis()]) == 1
        assert store.add([_analysis()]) == 0
        assert store.count("articles") == 1
        assert store.count("entities") == 1
        assert store.count("sentences") == 1


def test_records_round_trip_as_the_same_dataclasses(tmp_path):
    original = _analysis()
    with Store.open(tmp_path / "d.db") as store:
        store.add([original])
    with Store.read(tmp_path / "d.db") as store:
        assert store.analysis("a1") == original


def test_a_naive_publish_time_stays_naive_and_an_aware_one_keeps_its_zone(tmp_path):
    aware = Article(id="z", text="x", published=datetime(2021, 6, 30, 19, 23, tzinfo=UTC), published_has_zone=True)
    with Store.open(tmp_path / "d.db") as store:
        store.add([_analysis(), Analysis(aware)])
        assert store.article("a1").published.tzinfo is None
        assert store.article("z").published == aware.published


def test_reopening_an_existing_store_does_not_migrate_again(tmp_path):
    Store.open(tmp_path / "d.db").close()
    Store.open(tmp_path / "d.db").close()
    connection = sqlite3.connect(tmp_path / "d.db")
    assert connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


def test_a_store_newer_than_the_code_is_refused(tmp_path):
    Store.open(tmp_path / "d.db").close()
    connection = sqlite3.connect(tmp_path / "d.db")
    connection.execute("INSERT INTO schema_version VALUES (?, 'later')", (SCHEMA_VERSION + 1,))
    connection.commit()
    with pytest.raises(StoreError, match="newer than this dateline"):
        Store.open(tmp_path / "d.db")


def read_only_db_path(tmp_path):
    """A store path nobody may write: a folder without write bits, or /proc when running as root."""
    if os.geteuid() == 0:
        return "/proc/dateline-test.db"
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "d.db"


def test_a_read_only_location_gives_a_store_error_naming_the_path(tmp_path):
    path = read_only_db_path(tmp_path)
    with pytest.raises(StoreError, match=f"{path}.*writable location"):
        Store.open(path)


def test_reading_a_missing_store_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="dateline analyze"):
        Store.read(tmp_path / "none.db")


def test_a_reader_sees_committed_articles_while_a_writer_holds_the_file(tmp_path):
    db = tmp_path / "d.db"
    writer = Store.open(db)
    writer.add([_analysis("a1")])
    reader = Store.read(db)
    writer.connection.execute("BEGIN IMMEDIATE")
    writer.connection.execute("DELETE FROM entities")
    assert reader.count("entities") == 1
    writer.connection.execute("ROLLBACK")
    writer.add([_analysis("a2", text="Another text.")])
    assert reader.count("articles") == 2


def test_stats_count_articles_errors_and_every_record_table(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        run = store.start_run(dateline_version="t", spacy_model="m", spacy_model_version=None, config={}, inputs=[])
        store.add([_analysis()], run)
        store.record_issues(run, [("bad.png", "binary content, not text", "error", 1)])
        stats = store.stats()
    assert stats["articles"] == 1
    assert stats["errors"] == 1
    assert stats["entities"] == 1 and stats["sentences"] == 1


def test_a_run_left_running_by_a_dead_process_is_marked_interrupted(tmp_path):
    with Store.open(tmp_path / "d.db") as store:
        run = store.start_run(dateline_version="t", spacy_model="m", spacy_model_version=None, config={}, inputs=[])
        store.connection.execute("UPDATE runs SET pid = 2147483646 WHERE id = ?", (run,))
        store.start_run(dateline_version="t", spacy_model="m", spacy_model_version=None, config={}, inputs=[])
        statuses = [r["status"] for r in store.runs()]
    assert statuses == ["interrupted", "running"]


def test_frames_round_trip_with_their_flags_as_booleans(tmp_path):
    frame = Frame("a1", Span(0, 7), "Kadhimi", "kadhimi", "name_calling", None, "", None, "narration", None, True, 0.6)
    analysis = Analysis(_analysis().article, (frame,))
    with Store.open(tmp_path / "d.db") as store:
        store.add([analysis])
    with Store.read(tmp_path / "d.db") as store:
        (stored,) = store.records(Frame)
    assert stored == frame
    assert stored.negated is True


def test_a_store_from_before_publish_precision_reads_its_old_midnights_as_days_and_times_as_stated(tmp_path):
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        store.add([_analysis("a1"), _analysis("a2", text="Sadr rallied supporters.")])
        store.connection.execute("UPDATE articles SET published = '2021-07-12T00:00:00' WHERE id = 'a1'")
        store.connection.execute(
            "UPDATE articles SET published = '2021-07-12T09:30:00+03:00', published_has_zone = 1 WHERE id = 'a2'"
        )
        # A store from before that migration predates the ones after it too.
        first = next(number for number, sql in enumerate(MIGRATIONS, start=1) if "published_precision" in sql)
        store.connection.execute("DELETE FROM schema_version WHERE version >= ?", (first,))
        store.connection.execute("DROP INDEX events_undated_date")
        store.connection.execute("DROP INDEX events_dated_date")
        store.connection.execute("ALTER TABLE articles DROP COLUMN published_precision")
        store.connection.execute("ALTER TABLE events DROP COLUMN date_basis")
        store.connection.execute("ALTER TABLE events DROP COLUMN place_basis")
        store.connection.execute("ALTER TABLE story_articles DROP COLUMN vector")
        store.connection.execute("ALTER TABLE story_differences DROP COLUMN kind")
        store.connection.execute("ALTER TABLE events DROP COLUMN acled_confidence")
    with Store.open(db) as store:
        old_day, old_time = store.article("a1"), store.article("a2")
    assert (old_day.published_text, old_day.published_precision) == ("2021-07-12", "day")
    assert (old_time.published_text, old_time.published_precision) == ("2021-07-12T09:30+03:00", "minute")


def test_a_publish_date_is_stored_to_the_precision_the_source_stated(tmp_path):
    day = Article(id="d", text="x", published=datetime(2021, 6, 30), published_precision="day")
    minute = Article(id="m", text="y", published=datetime(2021, 6, 30, 22, 23))
    second = Article(id="s", text="z", published=datetime(2021, 6, 30, 22, 23, 5, tzinfo=UTC), published_has_zone=True)
    with Store.open(tmp_path / "d.db") as store:
        store.add([Analysis(article) for article in (day, minute, second)])
        stored = [tuple(row) for row in store.query("SELECT published, published_precision FROM articles ORDER BY id")]
        assert store.article("d").published == datetime(2021, 6, 30)
    assert stored == [("2021-06-30", "day"), ("2021-06-30T22:23", "minute"), ("2021-06-30T22:23:05+00:00", "second")]


def test_a_day_precise_publish_date_cannot_carry_a_time_or_a_zone():
    with pytest.raises(ValueError, match="naive midnight"):
        Article(id="x", text="x", published=datetime(2021, 6, 30, 10, 0), published_precision="day")


def test_records_kept_in_memory_for_linking_are_bounded_by_records_not_by_articles(tmp_path, monkeypatch):
    import dateline.store

    monkeypatch.setattr(dateline.store, "RECORDS_KEPT", 10)
    text = "Kadhimi condemned the strike. " * 8
    part = Analysis(
        Article(id="part1", text=text, format="text", origin="big.txt#part1"),
        tuple(Entity("part1", Span(30 * n, 30 * n + 7), "Kadhimi", "PERSON", 0.8) for n in range(8)),
    )
    with Store.open(tmp_path / "d.db") as store:
        store.add([part, *(_analysis(f"a{n}", text=f"Kadhimi condemned strike {n}.") for n in range(5))])
        assert len(store.article_records(Entity, "part1")) == 8
        for n in range(5):
            assert len(store.article_records(Entity, f"a{n}")) == 1
        kept = list(store._kept.values())
        # The huge part's eight records went first; the five one-record articles read after it stay.
        assert sum(len(value) for value in kept) <= 10
        assert len(kept) == 5
