"""The story linker's rules on small hand-written streams, through the whole pipeline (the real spaCy model, the
stages) into a real store, linked by the default linker (the trained pair model): a happening
retold by opposing outlets is one story, another happening in the same city on the same day is another, a
follow-up days later joins, and a wire copy under a new headline is a near-duplicate."""

from __future__ import annotations

from datetime import datetime

import pytest

import dateline
from dateline.link import link_new_articles
from dateline.store import Store

WIRE = (
    "KHARKIV (Meridian) -- Russian missiles struck a residential district of Kharkiv on Monday, killing seven "
    "people and wounding 21, the regional governor said. Rescuers searched the rubble of a five-storey building "
    "late into the evening."
)
ATTACKED_SIDE = (
    "KHARKIV (Resistance) -- In a barbaric act of terror, the Russian army pounded homes in Kharkiv yesterday, "
    "murdering nine innocent civilians, among them two children, emergency services said. Residents laid flowers "
    "outside the ruined apartment block."
)
ATTACKING_SIDE = (
    "KHARKOV (Frontline) -- Russia's armed forces destroyed a command post of Ukrainian forces in Kharkov with a "
    "high-precision missile strike on Monday, the defence ministry said; all targets were hit. The ministry denied "
    "that any residential building was struck."
)
PROTEST = (
    "KHARKIV (Courier) -- Hundreds of residents rallied outside the city council in Kharkiv on Monday to demand "
    "that heating be restored before winter, the organisers said. Police watched as the protesters chanted "
    "slogans against the mayor."
)
FOLLOW_UP = (
    "KYIV (Meridian) -- Ukraine's foreign ministry summoned diplomats on Wednesday to protest over Monday's Russian "
    "missile strike on Kharkiv, which killed seven people. The death toll rose to eight overnight, the regional "
    "governor said."
)


def told(text: str, source: str, published: str, title: str, identifier: str) -> dateline.Analysis:
    return dateline.analyze(text, published=datetime.fromisoformat(published), source=source, title=title,
                            id=identifier)  # fmt: skip


@pytest.fixture(scope="module")
def stories(tmp_path_factory, nlp) -> dict[str, tuple[str, str]]:
    """Each article's story and role after the stream is linked in publication order."""
    stream = [
        told(WIRE, "Meridian Press Agency", "2024-03-04T15:10", "Missile strike kills seven in Kharkiv", "wire"),
        told(PROTEST, "The Provincial Courier", "2024-03-04T17:30", "Kharkiv residents rally over heating", "protest"),
        told(WIRE, "City Morning Post", "2024-03-04T19:00", "Seven dead as missiles hit Kharkiv homes", "copy"),
        told(ATTACKING_SIDE, "Frontline Today", "2024-03-04T21:45", "Command post destroyed in Kharkov", "attacking"),
        told(ATTACKED_SIDE, "Voice of the Resistance", "2024-03-05T08:20", "Massacre in Kharkiv", "attacked"),
        told(FOLLOW_UP, "Meridian Press Agency", "2024-03-06T12:00", "Ukraine protests over Kharkiv strike", "later"),
    ]
    with Store.open(tmp_path_factory.mktemp("rules") / "rules.db") as store:
        store.add(stream)
        link_new_articles(store)
        rows = store.query("SELECT article_id, story_id, role FROM story_articles")
    return {article_id: (story_id, role) for article_id, story_id, role in rows}


def test_a_strike_retold_by_the_attacking_side_and_the_attacked_side_is_one_story(stories):
    assert stories["attacking"][0] == stories["wire"][0]
    assert stories["attacked"][0] == stories["wire"][0]


def test_a_protest_in_the_same_city_on_the_same_day_is_another_story(stories):
    assert stories["protest"][0] != stories["wire"][0]


def test_a_diplomatic_protest_two_days_later_joins_the_strike_s_story(stories):
    assert stories["later"][0] == stories["wire"][0]


def test_a_wire_copy_under_a_new_headline_is_a_near_duplicate_of_the_wire(stories):
    assert stories["copy"] == (stories["wire"][0], "near_duplicate")
