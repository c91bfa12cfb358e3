"""`dateline analyze` reads a new article's places beside where its outlet's articles already in the store are."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.run import analyze_paths

PAPER = "https://www.star-telegram.com/news/"
EARLIER = [
    ("storm", "Police in Fort Worth and Arlington said the storm flooded roads. Crews in Grapevine cleared trees."),
    ("council", "Keller and Southlake councils met in Tarrant County on Monday."),
]
SCHOOLS = "The Mansfield school board voted on Tuesday to close two schools. Mansfield parents said it came too fast."


def write(path: Path, rows: list[tuple[str, str, str]]) -> str:
    with path.open("w", encoding="utf-8") as handle:
        for article_id, url, text in rows:
            handle.write(json.dumps({"id": article_id, "url": url, "text": text}) + "\n")
    return str(path)


def states_named(db: Path, article_id: str, name: str) -> set[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT admin1 FROM places WHERE article_id = ? AND name = ?", (article_id, name)
        ).fetchall()
    return {row[0] for row in rows}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_bare_namesake_in_a_new_article_is_the_one_near_the_outlets_stored_stories(tmp_path, workers):
    earlier = write(tmp_path / "earlier.jsonl", [(i, PAPER + i, text) for i, text in EARLIER])
    settings = Settings(db=tmp_path / "d.db")
    analyze_paths([earlier], settings)
    later = write(tmp_path / "later.jsonl", [("schools", PAPER + "schools", SCHOOLS)])
    analyze_paths([later], settings, workers=workers)
    assert states_named(tmp_path / "d.db", "schools", "Mansfield") == {"US.TX"}


@pytest.mark.slow
def test_the_dask_engine_hands_its_workers_the_stores_profiles(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the local cluster's scratch space goes
    earlier = write(tmp_path / "earlier.jsonl", [(i, PAPER + i, text) for i, text in EARLIER])
    settings = Settings(db=tmp_path / "d.db")
    analyze_paths([earlier], settings)
    later = write(tmp_path / "later.jsonl", [("schools", PAPER + "schools", SCHOOLS)])
    analyze_paths([later], settings, engine="dask", workers=2)
    assert states_named(tmp_path / "d.db", "schools", "Mansfield") == {"US.TX"}


def test_the_same_article_from_another_outlet_or_into_an_empty_store_reads_as_alone(tmp_path):
    earlier = write(tmp_path / "earlier.jsonl", [(i, PAPER + i, text) for i, text in EARLIER])
    settings = Settings(db=tmp_path / "d.db")
    analyze_paths([earlier], settings)
    elsewhere = write(tmp_path / "elsewhere.jsonl", [("schools", "https://www.chad.co.uk/news/schools", SCHOOLS)])
    analyze_paths([elsewhere], settings)
    alone = write(tmp_path / "alone.jsonl", [("schools", PAPER + "schools", SCHOOLS)])
    analyze_paths([alone], Settings(db=tmp_path / "empty.db"))
    other_outlet = states_named(tmp_path / "d.db", "schools", "Mansfield")
    assert other_outlet and other_outlet != {"US.TX"}
    assert states_named(tmp_path / "empty.db", "schools", "Mansfield") == other_outlet


FRESH_STORE_PROFILES = (
    "import sys\n"
    "from dateline.run import outlet_profiles\n"
    "from dateline.store import Store\n"
    "print(outlet_profiles(Store.open(sys.argv[1])), 'spacy' in sys.modules)\n"
)


def test_a_fresh_store_has_no_profiles_and_reading_them_leaves_spacy_unimported(tmp_path):
    # A Dask run's client reads the profiles; spaCy is the workers' to import, not the client's.
    done = subprocess.run(
        [sys.executable, "-c", FRESH_STORE_PROFILES, str(tmp_path / "d.db")], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, "{} False\n"), done.stderr[-2000:]
