"""Parquet shards: what a Dask worker writes reads back as the same analyses, and loading them is idempotent."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.config import Settings
from dateline.extract import run_stages
from dateline.model import RECORD_TABLES, Article
from dateline.nlp import parse
from dateline.read import ReadIssue
from dateline.resources import load_resources
from dateline.run import load_shard_paths
from dateline.shards import find_shards, read_shard, table_schema, write_shard
from dateline.store import flat_columns

TEXTS = {
    "a1": 'BAGHDAD (Reuters) -- Police arrested 12 protesters in Basra on Monday, "We will not stop," a leader said.',
    "a2": "Militants attacked a checkpoint near Mosul on Friday, killing at least five soldiers, officials said.",
}


@pytest.fixture(scope="module")
def analyses(nlp):
    articles = [
        Article(
            id=key,
            text=text,
            source="Shard Wire",
            published=datetime(2021, 7, 5, 9, 30, tzinfo=UTC),
            published_has_zone=True,
            summary_only=key == "a2",
        )
        for key, text in TEXTS.items()
    ]
    resources = load_resources()
    return [run_stages(parsed, resources) for parsed in parse(articles, nlp)]


def write(folder: Path, analyses, issues=(), articles_read=None) -> Path:
    return write_shard(
        folder,
        list(analyses),
        list(issues),
        files=["/in/a.jsonl"],
        articles_read=len(analyses) if articles_read is None else articles_read,
        duplicates=0,
        stage_seconds={"quotes": 0.5},
    )


def by_table(analysis):
    """An analysis as its article and its records table by table: a shard keeps the order within a table."""
    return analysis.article, {kind: analysis.of(kind) for kind in RECORD_TABLES}


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_shard_reads_back_as_the_same_analyses_and_issues(tmp_path, analyses):
    issue = ReadIssue("/in/bad.html", "file is empty", "error")
    shard = read_shard(write(tmp_path / "part-1", analyses, [issue]))
    assert [by_table(analysis) for analysis in shard.analyses] == [by_table(analysis) for analysis in analyses]
    assert shard.issues == [issue]
    assert shard.files == ["/in/a.jsonl"]
    assert shard.stage_seconds == {"quotes": 0.5}


def test_every_table_of_a_shard_has_the_store_columns(tmp_path, analyses):
    folder = write(tmp_path / "part-1", analyses)
    for kind, table in RECORD_TABLES.items():
        assert pq.read_schema(folder / f"{table}.parquet").names == flat_columns(kind)
    assert pq.read_schema(folder / "articles.parquet") == table_schema(Article)


def test_a_shard_is_written_whole_or_not_at_all(tmp_path, analyses):
    class Boom(Exception):
        pass

    @dataclasses.dataclass
    class Exploding:  # a record whose field cannot be read, half way through the shard
        value: int = 0

        def __getattribute__(self, name):
            if name == "value":
                raise Boom
            return object.__getattribute__(self, name)

    with pytest.raises(Boom):
        write(tmp_path / "part-1", [*analyses, replace(analyses[0], records=(Exploding(),))])
    assert list(tmp_path.iterdir()) == []


def test_loading_shards_twice_adds_each_article_once(tmp_path, analyses):
    write(tmp_path / "shards" / "part-1", analyses[:1])
    write(tmp_path / "shards" / "part-2", analyses)  # a2 only here, a1 in both
    settings = Settings(db=tmp_path / "d.db")
    first = load_shard_paths([str(tmp_path / "shards")], settings)
    again = load_shard_paths([str(tmp_path / "shards")], settings)
    assert (first.articles_added, first.duplicates) == (2, 1)
    assert (again.articles_added, again.duplicates) == (0, 3)
    assert count(settings.db, "articles") == 2
    sentences = sum(1 for analysis in analyses for record in analysis.records if type(record).__name__ == "Sentence")
    assert count(settings.db, "sentences") == sentences


def test_an_id_taken_by_another_text_is_renamed_with_its_records(tmp_path, analyses):
    other = replace(analyses[1].article, id="a1", content_hash="")  # a2's text claiming a1's id
    clashing = replace(analyses[1], article=other, records=tuple(_with_article_id(analyses[1].records, "a1")))
    write(tmp_path / "part-1", analyses[:1])
    write(tmp_path / "part-2", [clashing])
    settings = Settings(db=tmp_path / "d.db")
    report = load_shard_paths([str(tmp_path / "part-1"), str(tmp_path / "part-2")], settings)
    assert report.articles_added == 2 and report.warnings == 1
    with sqlite3.connect(settings.db) as connection:
        renamed = connection.execute("SELECT id FROM articles WHERE id != 'a1'").fetchone()[0]
        assert renamed.startswith("a1-")
        rows = connection.execute("SELECT event_id FROM events WHERE article_id = ?", [renamed]).fetchall()
    event_ids = [row[0] for row in rows]
    assert event_ids and all(event_id.startswith(renamed + ":") for event_id in event_ids)


def _with_article_id(records, article_id):
    for record in records:
        changes = {"article_id": article_id}
        if hasattr(record, "event_id"):
            changes["event_id"] = article_id + record.event_id[record.event_id.index(":") :]
        yield replace(record, **changes)


def test_input_issues_in_a_shard_are_recorded_in_the_run(tmp_path, analyses):
    issue = ReadIssue("/in/bad.html", "file is empty", "error")
    write(tmp_path / "part-1", analyses[:1], [issue], articles_read=1)
    report = load_shard_paths([str(tmp_path / "part-1")], Settings(db=tmp_path / "d.db"))
    assert report.errors == 1
    with sqlite3.connect(tmp_path / "d.db") as connection:
        assert connection.execute("SELECT path, reason, severity FROM input_issues").fetchall() == [
            ("/in/bad.html", "file is empty", "error")
        ]


def test_a_folder_without_shards_and_a_broken_shard_are_reported_not_fatal(tmp_path, analyses):
    (tmp_path / "empty").mkdir()
    broken = write(tmp_path / "part-1", analyses)
    (broken / "manifest.json").write_text(json.dumps({"files": []}))
    assert [type(item) for item in find_shards([tmp_path / "empty"])] == [ReadIssue]
    report = load_shard_paths([str(tmp_path / "empty"), str(broken)], Settings(db=tmp_path / "d.db"))
    assert report.errors == 2
    assert any("cannot read this shard" in issue.reason for issue in report.issues)
