"""Stories across outlets on the bundled examples: the planted stories, the hard negative, the wire copy, and
the claims the sources disagree on; and the B-cubed arithmetic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dateline.config import Settings
from dateline.eval.stories import bcubed, interleaved
from dateline.run import analyze_paths
from dateline.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory, nlp) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    db = folder / "examples.db"
    inputs = [str(path) for path in sorted(EXAMPLES.glob("*/"))]
    analyze_paths(inputs, Settings(db=db))
    return db


def manifest_stories() -> dict[str, str | None]:
    manifest = json.loads((EXAMPLES / "manifest.json").read_text(encoding="utf-8"))
    return {entry["title"]: entry.get("story") for entry in manifest}


def test_each_planted_story_is_one_cluster_and_the_hard_negative_stays_apart(examples_store):
    planted = manifest_stories()
    with Store.read(examples_store) as store:
        found = {article["title"]: story["id"] for story in store.stories() for article in story["articles"]}
    by_story: dict[str, set[str]] = {}
    for title, story in planted.items():
        if story is not None and title in found:
            by_story.setdefault(story, set()).add(found[title])
    assert set(by_story) == {
        "iraq-border-strikes",
        "basra-power-protest",
        "basra-market-bombing",
        "sudan-june30-marches",
    }
    assert all(len(clusters) == 1 for clusters in by_story.values()), by_story
    assert by_story["basra-power-protest"] != by_story["basra-market-bombing"]
    singles = [found[title] for title, story in planted.items() if story is None and title in found]
    assert len(set(singles)) == len(singles)
    assert not set(singles) & set().union(*by_story.values())


def test_the_default_linker_puts_no_two_unrelated_happenings_of_the_examples_in_one_story(examples_store):
    # The pair model once joined a Congo report and a Syria report; every story must hold one planted happening.
    planted = manifest_stories()
    with Store.read(examples_store) as store:
        stories = store.stories()
    told = [[planted.get(article["title"], "unknown") for article in story["articles"]] for story in stories]
    mixed = [labels for labels in told if len(labels) > 1 and (None in labels or len(set(labels)) > 1)]
    assert not mixed


def test_the_wire_copy_is_a_near_duplicate_not_a_confirmation(examples_store):
    with Store.read(examples_store) as store:
        story = next(s for s in store.stories() if any("al-Qaim" in (a["title"] or "") for a in s["articles"]))
    copy = next(article for article in story["articles"] if "al-Qaim" in (article["title"] or ""))
    assert copy["role"] == "near_duplicate" and copy["duplicate_of"]


def story_telling(store_path: Path, title_word: str) -> dict:
    with Store.read(store_path) as store:
        return next(s for s in store.stories() if any(title_word in (a["title"] or "") for a in s["articles"]))


def test_the_planted_tolls_of_the_border_strikes_and_the_loaded_wording_are_listed(examples_store):
    story = story_telling(examples_store, "al-Qaim")
    killed = next(d for d in story["differences"] if d["field"] == "killed")
    assert killed["event"] == "ASSAULT/air" and killed["kind"] == "count"
    assert killed["values"]["Al-Mahwar News"] == "6" and killed["values"]["The Northern Ledger"] == "4"
    assert "5" in killed["values"].values()  # Meridian's follow-up
    stated = [value for value in killed["values"].values() if value is not None]
    assert len([e for e in killed["evidence"] if e["start"] is not None]) == len(stated)
    wording = next(d for d in story["differences"] if d["field"] == "loaded_wording")
    assert wording["kind"] == "loaded_wording"
    assert "martyred" in (wording["values"]["Al-Mahwar News"] or "")


def test_the_border_strikes_dates_agree_so_no_date_difference_is_listed(examples_store):
    # "early on Monday" (published the 12th), "July 12" and "on Monday" (published the 13th) are one day.
    story = story_telling(examples_store, "al-Qaim")
    assert not [d for d in story["differences"] if d["field"] == "date"]


def test_every_listed_difference_is_a_resolved_value_of_a_known_kind_with_its_sentence(examples_store):
    kinds = {"count", "date", "place", "place_level", "party_blamed", "party_targeted", "denied_claim"}
    kinds.add("loaded_wording")
    with Store.read(examples_store) as store:
        told = [story for story in store.stories() if story["n_sources"] > 1]
    assert told
    for story in told:
        for difference in story["differences"]:
            assert difference["kind"] in kinds, difference
            stated = [value for value in difference["values"].values() if value is not None]
            assert len([e for e in difference["evidence"] if e["start"] is not None]) == len(stated)
            if difference["kind"] != "loaded_wording":
                resolved = ("party_blamed", "party_targeted", "place", "place_level")
                assert len(set(stated)) > 1 or difference["kind"] in resolved


def test_names_that_resolve_to_one_actor_are_not_differences(examples_store):
    # "Daesh" and "Islamic State", "Popular Mobilization Units" and "Popular Mobilisation Forces": one actor each.
    for word in ("Market", "al-Qaim", "Khartoum"):
        story = story_telling(examples_store, word)
        assert not [d for d in story["differences"] if d["field"] == "actor_name"]


def test_a_rerun_links_nothing_twice(examples_store, tmp_path):
    copy = tmp_path / "again.db"
    shutil.copy(examples_store, copy)
    with Store.read(copy) as store:
        before = store.stories()
    report = analyze_paths([str(path) for path in sorted(EXAMPLES.glob("*/"))], Settings(db=copy))
    assert report.articles_added == 0 and report.articles_linked == 0
    with Store.read(copy) as store:
        assert store.stories() == before


def test_bcubed_by_hand():
    truth = {"a": "x", "b": "x", "c": "y"}
    predicted = {"a": "1", "b": "2", "c": "2"}
    scores = bcubed(truth, predicted)
    # precision: a 1, b 1/2, c 1/2 -> 2/3; recall: a 1/2, b 1/2, c 1 -> 2/3
    assert scores["bcubed_precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["bcubed_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert scores["bcubed_f1"] == pytest.approx(2 / 3, abs=1e-4)


def test_the_observers_earlier_date_for_the_khartoum_killing_is_a_listed_difference(examples_store):
    story = story_telling(examples_store, "Khartoum")
    dates = next(d for d in story["differences"] if d["field"] == "date")
    assert dates["values"]["The Continental Observer"] == "2021-06-29"
    assert dates["values"]["Meridian Press Agency"] == "2021-06-30"


def test_khartoum_and_khartoum_north_are_one_area_not_a_place_disagreement(examples_store):
    story = story_telling(examples_store, "Khartoum")
    assert not [d for d in story["differences"] if d["kind"] == "place"]


def test_stories_linked_batch_by_batch_while_writing_are_the_stories_of_one_batch(
    examples_store, tmp_path, monkeypatch
):
    monkeypatch.setattr("dateline.run.BATCH_ARTICLES", 2)  # the writer stores, then links, every two articles
    db = tmp_path / "small-batches.db"
    report = analyze_paths([str(path) for path in sorted(EXAMPLES.glob("*/"))], Settings(db=db))
    assert report.articles_linked == report.articles_added > 2
    placements = "SELECT article_id, story_id, role, duplicate_of, similarity FROM story_articles ORDER BY article_id"
    with Store.read(db) as ours, Store.read(examples_store) as whole:
        assert ours.stories() == whole.stories()
        assert [tuple(row) for row in ours.query(placements)] == [tuple(row) for row in whole.query(placements)]


def test_interleaving_keeps_the_days_in_order_and_mixes_each_days_articles_by_seed():
    records = [{"id": f"{day}-{n}", "published": f"2021-06-{day:02d}"} for day in (28, 29) for n in range(8)]
    records.append({"id": "undated", "published": None})
    orders = [[record["id"] for record in interleaved(records, seed)] for seed in (0, 1)]
    for order in orders:
        assert order[0] == "undated"
        assert sorted(order[1:9]) == [f"28-{n}" for n in range(8)]
        assert sorted(order[9:]) == [f"29-{n}" for n in range(8)]
    assert orders[0] != orders[1]
    assert orders[0] == [record["id"] for record in interleaved(records, 0)]
