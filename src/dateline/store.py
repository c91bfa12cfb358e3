"""The embedded store: one SQLite file in WAL mode, all SQL in this module.

Plain tables with obvious names and foreign keys, usable from ``sqlite3``, DuckDB or
Datasette. Articles are keyed by a content hash, and an article is written together with all
its records in one transaction, so a rerun adds nothing twice and a killed run leaves no
half-written article behind. One writer at a time; any number of readers.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sqlite3
import types
import typing
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from dateline.errors import StoreError
from dateline.model import RECORD_TABLES, Analysis, Article, Span

# Each entry moves the schema one version forward; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        pid INTEGER,
        dateline_version TEXT NOT NULL,
        spacy_model TEXT NOT NULL,
        spacy_model_version TEXT,
        config TEXT NOT NULL,
        inputs TEXT NOT NULL,
        articles_read INTEGER NOT NULL DEFAULT 0,
        articles_added INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE input_issues (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,
        reason TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'skipped')),
        count INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        source TEXT,
        url TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        published_has_zone INTEGER NOT NULL DEFAULT 0,
        dateline_place TEXT,
        dateline_agency TEXT,
        language TEXT,
        summary_only INTEGER NOT NULL DEFAULT 0,
        format TEXT NOT NULL,
        origin TEXT NOT NULL,
        text TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id)
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_source ON articles(source);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, position)
    );
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX entities_article ON entities(article_id);
    CREATE INDEX entities_label_text ON entities(label, text);
    """,
    """
    CREATE TABLE times (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT,
        granularity TEXT NOT NULL,
        anchor TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX times_article ON times(article_id);
    CREATE INDEX times_value ON times(value);
    """,
    """
    CREATE TABLE frames (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        lemma_key TEXT NOT NULL,
        category TEXT NOT NULL,
        technique TEXT,
        neutral TEXT NOT NULL,
        favours TEXT,
        voice TEXT NOT NULL,
        speaker_text TEXT,
        negated INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX frames_article ON frames(article_id);
    """,
    """
    CREATE TABLE places (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        geonames_id INTEGER,
        name TEXT NOT NULL,
        feature TEXT NOT NULL,
        country TEXT,
        countries TEXT NOT NULL,
        admin1 TEXT,
        latitude REAL,
        longitude REAL,
        precision TEXT NOT NULL,
        border INTEGER NOT NULL,
        is_dateline INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX places_article ON places(article_id);
    CREATE INDEX places_geonames ON places(geonames_id);
    """,
    """
    CREATE TABLE actors (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        country TEXT,
        sector TEXT,
        wikidata TEXT,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        confidence REAL NOT NULL,
        UNIQUE (article_id, actor_id)
    );
    CREATE INDEX actors_actor ON actors(actor_id);
    CREATE INDEX actors_country_sector ON actors(country, sector);
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        mention_kind TEXT NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX mentions_actor ON mentions(actor_id);
    """,
    """
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        content_start INTEGER NOT NULL,
        content_end INTEGER NOT NULL,
        continuation_start INTEGER,
        continuation_end INTEGER,
        kind TEXT NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text TEXT,
        speaker_mention_start INTEGER,
        speaker_mention_end INTEGER,
        speaker_actor_id TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text TEXT,
        medium TEXT,
        medium_span_start INTEGER,
        medium_span_end INTEGER,
        confidence REAL NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    """,
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger_text TEXT NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        quad_class TEXT NOT NULL,
        source_actor_id TEXT,
        source_text TEXT,
        source_country TEXT,
        source_sector TEXT,
        target_actor_id TEXT,
        target_text TEXT,
        target_country TEXT,
        target_sector TEXT,
        place_text TEXT,
        geonames_id INTEGER,
        country TEXT,
        admin1 TEXT,
        latitude REAL,
        longitude REAL,
        geo_precision TEXT,
        date TEXT,
        time_precision TEXT,
        killed INTEGER,
        injured INTEGER,
        arrested INTEGER,
        participants INTEGER,
        modality TEXT NOT NULL,
        attribution TEXT NOT NULL,
        quote_evidence_start INTEGER,
        quote_evidence_end INTEGER,
        acled_sub_event TEXT,
        acled_event_type TEXT,
        confidence REAL NOT NULL,
        UNIQUE (article_id, event_id)
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_type_date ON events(type, date);
    CREATE INDEX events_country ON events(country);
    CREATE TABLE event_mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    CREATE INDEX event_mentions_article ON event_mentions(article_id);
    """,
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        first_published TEXT,
        last_published TEXT,
        n_articles INTEGER NOT NULL,
        n_sources INTEGER NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        duplicate_of TEXT,
        similarity REAL NOT NULL,
        minhash BLOB NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        day INTEGER NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (key, day, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_story ON story_keys(story_id, key);
    CREATE TABLE minhash_bands (
        band TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (band, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE link_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE story_events (
        id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        type TEXT NOT NULL,
        n_articles INTEGER NOT NULL,
        n_sources INTEGER NOT NULL
    );
    CREATE INDEX story_events_story ON story_events(story_id);
    CREATE TABLE story_event_members (
        story_event_id TEXT NOT NULL REFERENCES story_events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (story_event_id, event_id)
    );
    CREATE TABLE story_differences (
        id INTEGER PRIMARY KEY,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        story_event_id TEXT,
        field TEXT NOT NULL,
        article_id TEXT NOT NULL,
        source TEXT,
        value TEXT,
        evidence_start INTEGER,
        evidence_end INTEGER
    );
    CREATE INDEX story_differences_story ON story_differences(story_id);
    """,
    """
    ALTER TABLE frames ADD COLUMN technique_span_start INTEGER;
    ALTER TABLE frames ADD COLUMN technique_span_end INTEGER;
    CREATE TABLE word_counts (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        words INTEGER NOT NULL,
        outlet_words INTEGER NOT NULL,
        quoted_words INTEGER NOT NULL,
        confidence REAL NOT NULL
    );
    """,
    """
    ALTER TABLE story_differences ADD COLUMN subject TEXT;
    """,
    # Full-text search over titles and texts for the web view. An external-content FTS5 table (no second copy of
    # the text) that Store.add keeps in step: migrations are split on ";", so no trigger. "rebuild" indexes the
    # articles already stored. The events indexes serve the web view's sortable columns: an index on one column
    # ends in the row id, so "ORDER BY column, id" pages through a large table without sorting it; (article_id,
    # date) orders one outlet's events by date without reading their rows.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_place ON events(place_text);
    CREATE INDEX events_killed ON events(killed);
    CREATE INDEX events_injured ON events(injured);
    CREATE INDEX events_arrested ON events(arrested);
    CREATE INDEX events_participants ON events(participants);
    CREATE INDEX events_modality ON events(modality);
    CREATE INDEX events_article_date ON events(article_id, date);
    """,
    # How much of its publish date a source stated. Stores before it wrote a date alone as "T00:00:00": such a
    # midnight becomes the date it was (as the readers now read one), any other time keeps what it shows (seconds
    # when not ":00"). The indexes serve the events table's date sort, which keeps undated events last.
    """
    ALTER TABLE articles ADD COLUMN published_precision TEXT;
    UPDATE articles SET published_precision = CASE
        WHEN length(published) = 10 OR substr(published, 11, 9) = 'T00:00:00' THEN 'day'
        WHEN substr(published, 18, 2) NOT IN ('00', '') OR substr(published, 20, 1) = '.' THEN 'second'
        ELSE 'minute' END
        WHERE published IS NOT NULL;
    UPDATE articles SET published = substr(published, 1, 10), published_has_zone = 0 WHERE published_precision = 'day';
    CREATE INDEX events_undated_date ON events(coalesce(date NOT GLOB '[0-9][0-9][0-9][0-9]*', 1), date);
    CREATE INDEX events_dated_date ON events(coalesce(date GLOB '[0-9][0-9][0-9][0-9]*', 0), date);
    """,
    # Where each event's date and place come from: clause, article, dateline or published (see model.Event).
    """
    ALTER TABLE events ADD COLUMN date_basis TEXT;
    ALTER TABLE events ADD COLUMN place_basis TEXT;
    """,
    # The linker's pair model compares an article with a story's closest member, so each member keeps its term
    # vector; a difference row says what kind of disagreement it is (count, place level, date, party blamed,
    # denied claim, loaded wording).
    """
    ALTER TABLE story_articles ADD COLUMN vector TEXT;
    ALTER TABLE story_differences ADD COLUMN kind TEXT;
    """,
    # The trained ACLED coder's probability of each event's sub-event type.
    """
    ALTER TABLE events ADD COLUMN acled_confidence REAL;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

# Derived exports: read-only queries shaped like other tools' tables, with the evidence kept on every row.
# ACLED: columns named as in ACLED's codebook; only asserted events with an ACLED sub-event type. An event with no
# date of its own takes the article's publish date at time_precision 3 (ACLED's "within the month" level).
EXPORT_VIEWS: dict[str, str] = {
    "acled": """
        SELECT e.event_id AS event_id_cnty,
               COALESCE(CASE WHEN e.time_precision IN ('day', 'time') THEN substr(e.date, 1, 10) END,
                        substr(a.published, 1, 10)) AS event_date,
               CASE WHEN e.time_precision IN ('day', 'time') THEN 1
                    WHEN e.time_precision = 'week' THEN 2 ELSE 3 END AS time_precision,
               e.acled_event_type AS event_type,
               e.acled_sub_event AS sub_event_type, e.acled_confidence AS sub_event_confidence,
               COALESCE(source_actor.name, e.source_text) AS actor1,
               COALESCE(target_actor.name, e.target_text) AS actor2,
               e.country AS country, e.admin1 AS admin1, e.place_text AS location,
               e.latitude AS latitude, e.longitude AS longitude,
               CASE e.geo_precision WHEN 'exact' THEN 1 WHEN 'admin' THEN 2 ELSE 3 END AS geo_precision,
               COALESCE(e.killed, 0) AS fatalities,
               a.source AS source,
               trim(substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), char(10, 32)) AS notes,
               e.article_id AS article_id, e.evidence_start AS evidence_start, e.evidence_end AS evidence_end,
               e.confidence AS confidence
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN actors source_actor ON source_actor.article_id = e.article_id
             AND source_actor.actor_id = e.source_actor_id
        LEFT JOIN actors target_actor ON target_actor.article_id = e.article_id
             AND target_actor.actor_id = e.target_actor_id
        WHERE e.acled_sub_event IS NOT NULL AND e.modality = 'asserted'
        ORDER BY e.rowid
    """,
    "plover": """
        SELECT e.*, a.published AS published, a.published_precision AS published_precision, a.source AS outlet,
               a.url AS url,
               trim(substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start), char(10, 32))
                   AS evidence_text
        FROM events e JOIN articles a ON a.id = e.article_id
        ORDER BY e.rowid
    """,
}
ARTICLE_COLUMNS = tuple(field.name for field in dataclasses.fields(Article))
T = TypeVar("T")
# Records (and derived values) kept in memory for linking: a few hundred stories' members, tens of MB at most.
# Bounded by records, not by lists: the parts of a huge text hold a hundred times an article's records each, and
# 20,000 of their lists would be gigabytes.
RECORDS_KEPT = 100_000
RUN_COUNTERS = ("articles_read", "articles_added", "duplicates", "errors", "warnings", "skipped")


def _weight(value: Any) -> int:
    """What a kept value counts against ``RECORDS_KEPT``: its records, or one for a single value."""
    return max(1, len(value)) if isinstance(value, tuple | list | dict | set | frozenset) else 1


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A connection to one store file; create with ``Store.open`` (write) or ``Store.read`` (read-only)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._kept: OrderedDict[tuple[Any, ...], Any] = OrderedDict()  # article_records and derived answers
        self._kept_records = 0

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open for writing, creating the file and migrating the schema as needed."""
        path = Path(path)
        try:
            if path.parent and not path.parent.exists():
                raise StoreError(f"cannot create store {path}: folder {path.parent} does not exist")
            connection = sqlite3.connect(path, timeout=30, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            store = cls(connection, path)
            store._migrate()
            connection.execute("CREATE TEMP TABLE _write_probe (x)")
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise StoreError(
                f"cannot write the store {path}: {error}. Choose a writable location with --db."
            ) from error
        return store

    @classmethod
    def read(cls, path: str | Path) -> Store:
        """Open an existing store read-only: safe beside a running ``analyze``."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"no store at {path}: run `dateline analyze PATH --db {path}` first, or pass --db.")
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            version = _schema_version(connection)
        except sqlite3.Error as error:
            raise StoreError(f"cannot read the store {path}: {error}") from error
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path} has schema version {version}, newer than this dateline ({SCHEMA_VERSION}).")
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{path} has schema version {version}; open it once for writing (dateline analyze) to migrate."
            )
        connection.row_factory = sqlite3.Row
        return cls(connection, path)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        connection = self.connection
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        current = _schema_version(connection)
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {current}, newer than this dateline ({SCHEMA_VERSION}).")
        for version in range(current + 1, SCHEMA_VERSION + 1):
            connection.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[version - 1]):
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version VALUES (?, ?)", (version, now()))
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise

    # -- runs -------------------------------------------------------------------------------

    def start_run(
        self,
        *,
        dateline_version: str,
        spacy_model: str,
        spacy_model_version: str | None,
        config: dict[str, Any],
        inputs: Sequence[str],
    ) -> int:
        self._close_abandoned_runs()
        cursor = self.connection.execute(
            "INSERT INTO runs (started_at, status, pid, dateline_version, spacy_model, spacy_model_version, config,"
            " inputs) VALUES (?, 'running', ?, ?, ?, ?, ?, ?)",
            (
                now(),
                os.getpid(),
                dateline_version,
                spacy_model,
                spacy_model_version,
                json.dumps(config, sort_keys=True, default=str),
                json.dumps(list(inputs)),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _close_abandoned_runs(self) -> None:
        # A run still 'running' whose process is gone was killed; say so instead of leaving it open.
        rows = self.connection.execute("SELECT id, pid FROM runs WHERE status = 'running'").fetchall()
        for run_id, pid in rows:
            if pid is None or not _process_alive(pid):
                self.connection.execute("UPDATE runs SET status = 'interrupted' WHERE id = ?", (run_id,))

    def finish_run(self, run_id: int, status: str, config: dict[str, Any] | None = None) -> None:
        """Close the run with its status; ``config``, when given, replaces the settings recorded at its start (some
        are decided as it runs, as whether it parsed in a second thread)."""
        if config is not None:
            self.connection.execute(
                "UPDATE runs SET config = ? WHERE id = ?", (json.dumps(config, sort_keys=True, default=str), run_id)
            )
        self.connection.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (status, now(), run_id))

    def record_issues(self, run_id: int, issues: Iterable[tuple[str, str, str, int]]) -> None:
        """Store (path, reason, severity, count) rows and bump the run's counters, in one transaction."""
        issues = list(issues)
        if not issues:
            return
        with self._transaction():
            self.connection.executemany(
                "INSERT INTO input_issues (run_id, path, reason, severity, count) VALUES (?, ?, ?, ?, ?)",
                [(run_id, *issue) for issue in issues],
            )
            for severity, counter in (("error", "errors"), ("warning", "warnings"), ("skipped", "skipped")):
                total = sum(issue[3] for issue in issues if issue[2] == severity)
                if total:
                    self.connection.execute(f"UPDATE runs SET {counter} = {counter} + ? WHERE id = ?", (total, run_id))

    def bump_run(self, run_id: int, **counts: int) -> None:
        for name in counts:
            if name not in RUN_COUNTERS:
                raise ValueError(f"unknown run counter {name}")
        assignments = ", ".join(f"{name} = {name} + ?" for name in counts)
        self.connection.execute(f"UPDATE runs SET {assignments} WHERE id = ?", (*counts.values(), run_id))

    # -- articles and records ----------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        return (
            self.connection.execute("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
            is not None
        )

    def has_article_id(self, article_id: str) -> bool:
        return self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, analyses: Iterable[Analysis], run_id: int | None = None) -> int:
        """Write analyses, each article with all its records, in one transaction. Returns how many were new."""
        added = 0
        with self._transaction():
            for analysis in analyses:
                article = analysis.article
                row = article_row(article) | {"run_id": run_id}
                cursor = self.connection.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                    tuple(row.values()),
                )
                if cursor.rowcount == 0:
                    continue
                added += 1
                self.connection.execute(
                    "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
                    (cursor.lastrowid, article.title, article.text),
                )
                by_table: dict[str, list[dict[str, Any]]] = {}
                for record in analysis.records:
                    by_table.setdefault(RECORD_TABLES[type(record)], []).append(flatten(record))
                for table, rows in by_table.items():
                    columns = list(rows[0])
                    self.connection.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                        [tuple(r[c] for c in columns) for r in rows],
                    )
            if run_id is not None and added:
                self.bump_run(run_id, articles_added=added)
        return added

    def _transaction(self) -> _Transaction:
        return _Transaction(self.connection)

    # -- reading ------------------------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()

    def count(self, table: str) -> int:
        _check_table(table)
        return int(self.connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def article(self, article_id: str) -> Article | None:
        row = self.connection.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return article_from_row(row) if row is not None else None

    def articles(self) -> Iterator[Article]:
        cursor = self.connection.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY rowid")
        for row in cursor:
            yield article_from_row(row)

    def records(self, kind: type, article_id: str | None = None) -> Iterator[Any]:
        table = RECORD_TABLES[kind]
        columns = flat_columns(kind)
        sql = f"SELECT {', '.join(columns)} FROM {table}"
        parameters: tuple[Any, ...] = ()
        if article_id is not None:
            sql += " WHERE article_id = ?"
            parameters = (article_id,)
        for row in self.connection.execute(sql + " ORDER BY rowid", parameters):
            yield unflatten(kind, dict(zip(columns, row, strict=True)))

    def has_outlet_places(self) -> bool:
        """Whether any place is stored of an article with an address: without one, no outlet has a profile."""
        return (
            self.connection.execute(
                "SELECT 1 FROM places JOIN articles ON articles.id = places.article_id"
                " WHERE articles.url IS NOT NULL LIMIT 1"
            ).fetchone()
            is not None
        )

    def outlet_places(
        self, min_confidence: float, features: Collection[str]
    ) -> Iterator[tuple[str, str, str | None, float | None, float | None]]:
        """The page address, admin-1 region, country and coordinates of the stored places resolved at least so
        confidently, of the given features, newest first: what a run reads its outlets' profiles from."""
        marks = ", ".join("?" for _ in features)
        yield from self.connection.execute(
            "SELECT articles.url, places.admin1, places.country, places.latitude, places.longitude"
            " FROM places JOIN articles ON articles.id = places.article_id"
            f" WHERE articles.url IS NOT NULL AND places.admin1 IS NOT NULL AND places.confidence >= ?"
            f" AND places.feature IN ({marks}) ORDER BY places.rowid DESC",
            (min_confidence, *sorted(features)),
        )

    def article_records(self, kind: type, article_id: str) -> tuple[Any, ...]:
        """One article's records of one type, the recently read kept in memory: linking reads a story's members'
        records again for every new member. Stored records never change (they commit with their article), and an
        empty answer is not kept, so a cached answer is never stale."""
        key = (kind, article_id)
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
            return found
        found = tuple(self.records(kind, article_id))
        if found:
            self._keep(key, found)
        return found

    def derived(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """A value worked out from stored articles' records alone (``key`` names it and what it depends on), kept
        in the same bounded memory as ``article_records``: linking asks the same of a story's members for every
        new member. Callers must not change what they get back."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = compute()
        self._keep(key, value)
        return value

    def _keep(self, key: tuple[Any, ...], value: Any) -> None:
        self._kept[key] = value
        self._kept_records += _weight(value)
        while self._kept_records > RECORDS_KEPT and len(self._kept) > 1:
            _, dropped = self._kept.popitem(last=False)
            self._kept_records -= _weight(dropped)

    def analysis(self, article_id: str) -> Analysis | None:
        article = self.article(article_id)
        if article is None:
            return None
        records = tuple(record for kind in RECORD_TABLES for record in self.records(kind, article_id))
        return Analysis(article, records)

    def iter_rows(self, table: str, chunk: int = 10_000) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        """Stream a table as (columns, rows) chunks, for exports that must not hold it all in memory."""
        _check_table(table)
        cursor = self.connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
        columns = [description[0] for description in cursor.description]
        while rows := cursor.fetchmany(chunk):
            yield columns, [tuple(row) for row in rows]

    def iter_view(self, name: str, chunk: int = 10_000) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
        """Stream one of ``EXPORT_VIEWS`` as (columns, rows) chunks."""
        cursor = self.connection.execute(EXPORT_VIEWS[name])
        columns = [description[0] for description in cursor.description]
        while rows := cursor.fetchmany(chunk):
            yield columns, [tuple(row) for row in rows]

    def tables(self) -> list[str]:
        rows = self.connection.execute(
            # The search index (articles_fts and its shadow tables) is no table of records.
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'articles_fts%' ORDER BY name"
        ).fetchall()
        return [row[0] for row in rows]

    def runs(self) -> list[dict[str, Any]]:
        cursor = self.connection.execute("SELECT * FROM runs ORDER BY id")
        columns = [description[0] for description in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def articles_by_source(self) -> list[tuple[str, int, str | None, str | None]]:
        """(outlet, articles, earliest and latest publish time) per outlet, biggest first."""
        rows = self.connection.execute(
            "SELECT coalesce(source, '(unknown)'), count(*), min(published), max(published) FROM articles"
            " GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        return [tuple(row) for row in rows]

    def article_outlets(self) -> dict[str, tuple[str | None, str | None]]:
        """(outlet, title) of every article, by article id."""
        rows = self.connection.execute("SELECT id, source, title FROM articles ORDER BY rowid").fetchall()
        return {row[0]: (row[1], row[2]) for row in rows}

    def stats(self) -> dict[str, Any]:
        """Counts a user checks first: articles, input errors, and rows per record table."""
        tables = {table: self.count(table) for table in RECORD_TABLES.values()}
        errors = self.connection.execute("SELECT count(*) FROM input_issues WHERE severity = 'error'").fetchone()[0]
        sources = self.connection.execute("SELECT count(DISTINCT source) FROM articles").fetchone()[0]
        last = self.connection.execute("SELECT id, status, started_at, finished_at FROM runs ORDER BY id DESC LIMIT 1")
        last_run = last.fetchone()
        return {
            "store": str(self.path),
            "schema_version": _schema_version(self.connection),
            "articles": self.count("articles"),
            "sources": int(sources),
            "errors": int(errors),
            "runs": self.count("runs"),
            "last_run": dict(zip(("id", "status", "started_at", "finished_at"), last_run, strict=True))
            if last_run
            else None,
            **tables,
        }

    # -- stories (written by dateline.link) --------------------------------------------------------

    def linking(self) -> _Transaction:
        """One article's placement, index updates and story refresh commit together or not at all."""
        return self._transaction()

    def clear_stories(self) -> None:
        """Forget every story and the linker's index, so the articles can be linked again from the start."""
        with self._transaction():
            for table in ("story_differences", "story_event_members", "story_events", "story_keys", "minhash_bands",
                          "link_terms", "story_articles", "stories"):  # fmt: skip
                self.connection.execute(f"DELETE FROM {table}")

    def unlinked_article_ids(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles) ORDER BY rowid"
        )
        return [row[0] for row in rows]

    def term_frequencies(self, terms: set[str]) -> tuple[int, dict[str, int]]:
        # max(rowid) is the count (rows are never deleted but with their article) at O(log n), not a scan.
        linked = int(self.connection.execute("SELECT coalesce(max(rowid), 0) FROM story_articles").fetchone()[0])
        found: dict[str, int] = {}
        ordered = sorted(terms)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for term, df in self.connection.execute(f"SELECT term, df FROM link_terms WHERE term IN ({marks})", chunk):
                found[term] = int(df)
        return linked, found

    def articles_sharing_bands(
        self, bands: list[str], per_band: int = 50, limit: int = 20
    ) -> list[tuple[str, str, bytes]]:
        """Articles sharing the most MinHash bands with a new one. Each band is read up to ``per_band`` rows, so a
        band every article shares (boilerplate) costs the same at any corpus size."""
        shared: dict[str, int] = {}
        for band in bands:
            for (article_id,) in self.connection.execute(
                "SELECT article_id FROM minhash_bands WHERE band = ? LIMIT ?", (band, per_band)
            ):
                shared[article_id] = shared.get(article_id, 0) + 1
        best = sorted(shared, key=lambda article_id: -shared[article_id])[:limit]
        out = []
        for article_id in best:
            row = self.connection.execute(
                "SELECT story_id, minhash FROM story_articles WHERE article_id = ?", (article_id,)
            ).fetchone()
            if row is not None:
                out.append((article_id, row[0], row[1]))
        return out

    def candidate_stories(
        self, keys: list[str], day: int, window: int, limit: int, members: int
    ) -> list[tuple[str, str, list[str], set[str], int, list[str], str | None]]:
        """Stories sharing the most keys with an article within ``window`` days of ``day`` (0: undated), most
        shared first (then by id, so the order is fixed), each with its signature, its story events' kinds, its keys
        (of its terms and actors, those in ``keys``), its distance in days, the term vectors of its latest
        ``members`` articles and its first publication time."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        low, high = (day - window, day + window) if day else (0, 0)
        rows = self.connection.execute(
            f"""SELECT k.story_id, count(*) AS shared, s.signature, min(abs(k.day - ?)) AS gap, s.first_published
                FROM story_keys k JOIN stories s ON s.id = k.story_id
                WHERE k.key IN ({marks}) AND k.day BETWEEN ? AND ?
                GROUP BY k.story_id ORDER BY shared DESC, k.story_id LIMIT ?""",
            [day, *keys, low, high, limit],
        ).fetchall()
        # Three queries for all candidates, not three per candidate.
        found = [row[0] for row in rows]
        marks = ", ".join("?" * len(found))
        types: dict[str, list[str]] = {story_id: [] for story_id in found}
        for story_id, kind in self.connection.execute(
            f"SELECT story_id, type FROM story_events WHERE story_id IN ({marks}) ORDER BY n_articles DESC, rowid",
            found,
        ):
            types[story_id].append(kind)
        # A story's terms and actors matter only where the article shares them; its other keys all count.
        anchors: dict[str, set[str]] = {story_id: set() for story_id in found}
        for story_id, key in self.connection.execute(
            f"""SELECT story_id, key FROM story_keys WHERE story_id IN ({marks})
                AND (substr(key, 1, 2) NOT IN ('t:', 'a:') OR key IN ({", ".join("?" * len(keys))}))""",
            [*found, *keys],
        ):
            anchors[story_id].add(key)
        vectors: dict[str, list[str]] = {story_id: [] for story_id in found}
        for story_id, vector in self.connection.execute(
            f"""SELECT story_id, vector FROM (
                    SELECT story_id, vector, row_number() OVER (PARTITION BY story_id ORDER BY rowid DESC) AS latest
                    FROM story_articles WHERE story_id IN ({marks}) AND vector IS NOT NULL)
                WHERE latest <= ?""",
            [*found, members],
        ):
            vectors[story_id].append(vector)
        return [
            (story_id, signature, types[story_id], anchors[story_id], int(gap), vectors[story_id], first)
            for story_id, _, signature, gap, first in rows
        ]

    def article_places(self, article_id: str) -> set[str]:
        """An article's place keys as the linker indexes them ("p:" + GeoNames id)."""
        rows = self.connection.execute(
            "SELECT DISTINCT geonames_id FROM places WHERE article_id = ? AND geonames_id IS NOT NULL", (article_id,)
        )
        return {f"p:{row[0]}" for row in rows}

    def story_signature(self, story_id: str) -> str | None:
        row = self.connection.execute("SELECT signature FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def place_article(
        self,
        *,
        article_id: str,
        story_id: str,
        role: str,
        duplicate_of: str | None,
        similarity: float,
        minhash: bytes,
        bands: list[str],
        title: str,
        published: str | None,
        signature: str,
        keys: list[str],
        day: int,
        terms: set[str],
        vector: str | None = None,
    ) -> None:
        connection = self.connection
        connection.execute(
            """INSERT INTO stories (id, title, first_published, last_published, n_articles, n_sources, signature)
               VALUES (?, ?, ?, ?, 0, 0, ?)
               ON CONFLICT(id) DO UPDATE SET signature = excluded.signature,
                 first_published = min(coalesce(first_published, excluded.first_published), excluded.first_published),
                 last_published = max(coalesce(last_published, excluded.last_published), excluded.last_published)""",
            (story_id, title, published, published, signature),
        )
        connection.execute(
            "INSERT INTO story_articles (article_id, story_id, role, duplicate_of, similarity, minhash, vector)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article_id, story_id, role, duplicate_of, similarity, minhash, vector),
        )
        connection.execute(
            """UPDATE stories SET n_articles = (SELECT count(*) FROM story_articles WHERE story_id = ?),
                 n_sources = (SELECT count(DISTINCT coalesce(a.source, a.id)) FROM story_articles s
                              JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?) WHERE id = ?""",
            (story_id, story_id, story_id),
        )
        connection.executemany("INSERT OR IGNORE INTO minhash_bands VALUES (?, ?)", [(b, article_id) for b in bands])
        connection.executemany("INSERT OR IGNORE INTO story_keys VALUES (?, ?, ?)", [(k, day, story_id) for k in keys])
        connection.executemany(
            "INSERT INTO link_terms VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1", [(t,) for t in terms]
        )

    def story_members(self, story_id: str) -> list[StoryMember]:
        """A story's articles in publication order, without their texts."""
        rows = self.connection.execute(
            """SELECT s.article_id, a.source, s.role, a.published, a.dateline_agency
               FROM story_articles s JOIN articles a ON a.id = s.article_id
               WHERE s.story_id = ? ORDER BY a.published, s.rowid""",
            (story_id,),
        )
        return [
            StoryMember(row[0], row[1], row[2], datetime.fromisoformat(row[3]) if row[3] else None, row[4])
            for row in rows
        ]

    def replace_story_events(self, story_id: str, events: list, links: list, differences: list) -> None:
        connection = self.connection
        connection.execute(
            "DELETE FROM story_event_members WHERE story_event_id IN (SELECT id FROM story_events WHERE story_id = ?)",
            (story_id,),
        )
        connection.execute("DELETE FROM story_events WHERE story_id = ?", (story_id,))
        connection.execute("DELETE FROM story_differences WHERE story_id = ?", (story_id,))
        connection.executemany(
            "INSERT INTO story_events (id, story_id, type, n_articles, n_sources) VALUES (?, ?, ?, ?, ?)",
            [(event_id, story_id, kind, n_articles, n_sources) for event_id, kind, n_articles, n_sources in events],
        )
        connection.executemany("INSERT OR IGNORE INTO story_event_members VALUES (?, ?, ?)", links)
        connection.executemany(
            """INSERT INTO story_differences (story_id, story_event_id, field, article_id, source, value,
               evidence_start, evidence_end, subject, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (
                    story_id,
                    d.story_event_id,
                    d.field,
                    d.article_id,
                    d.source,
                    d.value,
                    d.evidence_start,
                    d.evidence_end,
                    d.subject,
                    d.kind,
                )
                for d in differences
            ],
        )

    def stories(self, story_id: str | None = None) -> list[dict[str, Any]]:
        """Stories with their articles and differences, newest first: what ``dateline stories`` prints."""
        where, parameters = ("WHERE id = ?", (story_id,)) if story_id else ("", ())
        stories = self.connection.execute(
            f"""SELECT id, title, first_published, last_published, n_articles, n_sources FROM stories {where}
                ORDER BY last_published DESC, id""",
            parameters,
        ).fetchall()
        out = []
        for sid, title, first, last, n_articles, n_sources in stories:
            articles = [
                {"id": r[0], "source": r[1], "title": r[2], "published": r[3], "role": r[4], "duplicate_of": r[5]}
                for r in self.connection.execute(
                    """SELECT a.id, a.source, a.title, a.published, s.role, s.duplicate_of FROM story_articles s
                       JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? ORDER BY a.published, s.rowid""",
                    (sid,),
                )
            ]
            grouped: dict[tuple[str | None, str, str | None], dict[str, Any]] = {}
            for event_id, field, subject, kind, article_id, source, value, start, end in self.connection.execute(
                """SELECT story_event_id, field, subject, kind, article_id, source, value, evidence_start,
                          evidence_end FROM story_differences WHERE story_id = ? ORDER BY id""",
                (sid,),
            ):
                entry = grouped.setdefault(
                    (event_id, field, subject),
                    {
                        "field": field,
                        "kind": kind,
                        "event": event_id.rsplit(":", 1)[-1] if event_id else None,
                        "subject": subject,
                        "values": {},
                        "evidence": [],
                    },
                )
                key = source or article_id
                # Two articles of one outlet (a follow-up) are told apart by article id.
                entry["values"][f"{key} ({article_id})" if key in entry["values"] else key] = value
                entry["evidence"].append({"article_id": article_id, "start": start, "end": end})
            out.append(
                {
                    "id": sid,
                    "title": title,
                    "first_published": first,
                    "last_published": last,
                    "n_articles": n_articles,
                    "n_sources": n_sources,
                    "articles": articles,
                    "differences": list(grouped.values()),
                }
            )
        return out


@dataclasses.dataclass(frozen=True, slots=True)
class StoryMember:
    article_id: str
    source: str | None
    role: str
    published: datetime | None
    dateline_agency: str | None


class _Transaction:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.connection.execute("ROLLBACK" if exc_type else "COMMIT")


def _schema_version(connection: sqlite3.Connection) -> int:
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    return int(connection.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    return [statement.strip() for statement in script.split(";") if statement.strip()]


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


def _check_table(table: str) -> None:
    if not table.isidentifier():
        raise StoreError(f"not a table name: {table!r}")


# -- rows <-> records ----------------------------------------------------------------------------


def article_row(article: Article) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in ARTICLE_COLUMNS}
    row["published"] = article.published_text
    row["published_has_zone"] = int(article.published_has_zone)
    row["summary_only"] = int(article.summary_only)
    return row


def article_from_row(row: Sequence[Any]) -> Article:
    values = dict(zip(ARTICLE_COLUMNS, row, strict=True))
    values["published"] = datetime.fromisoformat(values["published"]) if values["published"] else None
    values["published_has_zone"] = bool(values["published_has_zone"])
    values["summary_only"] = bool(values["summary_only"])
    return Article(**values)


@functools.cache
def _field_types(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _is_span(annotation: Any) -> bool:
    if annotation is Span:
        return True
    return isinstance(annotation, types.UnionType) and Span in annotation.__args__


def flat_columns(kind: type) -> list[str]:
    """Column names of a record type: a Span field ``f`` becomes ``f_start`` and ``f_end``."""
    columns = []
    for name, annotation in _field_types(kind).items():
        columns.extend([f"{name}_start", f"{name}_end"] if _is_span(annotation) else [name])
    return columns


@functools.cache
def _writers(kind: type) -> tuple[tuple[str, bool], ...]:
    """Each field of a record type and whether it is a span, worked out once per type (the writer's share of a
    pool run is mostly this loop)."""
    return tuple((field.name, _is_span(_field_types(kind)[field.name])) for field in dataclasses.fields(kind))


def flatten(record: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, is_span in _writers(type(record)):
        value = getattr(record, name)
        if is_span or isinstance(value, Span):
            row[f"{name}_start"] = value.start if value else None
            row[f"{name}_end"] = value.end if value else None
        elif isinstance(value, tuple | list | dict):
            row[name] = json.dumps(value)
        else:
            row[name] = value
    return row


@functools.cache
def _readers(kind: type) -> tuple[tuple[str, str, Any], ...]:
    """How each field of a record type comes back from its columns, worked out once per type: reading
    type hints per row cost more than the rows' SQL."""
    readers = []
    for name, annotation in _field_types(kind).items():
        origin = typing.get_origin(annotation)
        if _is_span(annotation):
            readers.append((name, "span", None))
        elif annotation is bool:
            readers.append((name, "bool", None))
        elif origin in (tuple, list, dict):
            readers.append((name, "json", origin))
        else:
            readers.append((name, "plain", None))
    return tuple(readers)


def unflatten(kind: type, row: dict[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for name, how, container in _readers(kind):
        if how == "span":
            start, end = row[f"{name}_start"], row[f"{name}_end"]
            values[name] = None if start is None else Span(start, end)
        elif how == "bool":
            # SQLite has no boolean type: a flag comes back as 0 or 1.
            values[name] = bool(row[name])
        elif how == "json":
            values[name] = container(json.loads(row[name]))
        else:
            values[name] = row[name]
    return kind(**values)
