"""The linker on hand-built records (no parse): which stories articles join, which copies are near-duplicates, and
which claims differ, each read back from a real store."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from dateline.link import link_article, link_new_articles
from dateline.link.differences import event_kind
from dateline.link.features import FEATURES, signal_rows
from dateline.link.stories import candidates, read_article
from dateline.model import Actor, Analysis, Article, Entity, Event, Mention, Place, Span, TimeRef
from dateline.store import Store

MOSUL = (99072, "Mosul", "IRQ", "Nineveh")
KIRKUK = (94787, "Kirkuk", "IRQ", "Kirkuk")
MONDAY = datetime(2022, 3, 7, 9, 0)


def place(article_id: str, town: tuple[int, str, str, str], start: int = 0) -> Place:
    geonames_id, name, country, admin1 = town
    return Place(
        article_id=article_id, evidence=Span(start, start + len(name)), text=name.upper() if start == 0 else name,
        geonames_id=geonames_id, name=name,
        feature="city", country=country, countries=(country,), admin1=admin1, latitude=0.0, longitude=0.0,
        precision="exact", border=False, is_dateline=start == 0, confidence=0.9,
    )  # fmt: skip


def event(article_id: str, kind: str, mode: str | None, day: datetime | None, **slots: object) -> Event:
    values: dict[str, object] = {
        "article_id": article_id, "event_id": f"{article_id}:e1", "evidence": Span(0, 40), "trigger": Span(10, 16),
        "trigger_text": "struck", "type": kind, "mode": mode, "quad_class": "material_conflict",
        "source_actor_id": None, "source_text": None, "source_country": None, "source_sector": None,
        "target_actor_id": None, "target_text": None, "target_country": None, "target_sector": None,
        "place_text": None, "geonames_id": None, "country": None, "admin1": None, "latitude": None, "longitude": None,
        "geo_precision": None, "date": day.date().isoformat() if day else None,
        "time_precision": "day" if day else None,
        "killed": None, "injured": None, "arrested": None, "participants": None, "modality": "asserted",
        "attribution": "outlet", "quote_evidence": None, "acled_sub_event": None, "acled_event_type": None,
        "confidence": 0.8,
    }  # fmt: skip
    values.update(slots)
    return Event(**values)  # type: ignore[arg-type]


def article(identifier: str, text: str, source: str, published: datetime, *records: object) -> Analysis:
    return Analysis(Article(id=identifier, text=text, title=text[:60], source=source, published=published), records)  # type: ignore[arg-type]


STRIKE = (
    "MOSUL -- Warplanes struck positions of the Northern Brigades near Mosul on Monday, killing {n} fighters, the "
    "army said. The strikes hit weapons depots and a command centre on the edge of the city, officers added."
)
REWORDED = (
    "MOSUL -- {n} members of the Northern Brigades died when air strikes hit their hideouts outside Mosul on Monday, "
    "according to the defence ministry. The group vowed to retaliate against the army."
)
MOURNED = (
    "MOSUL -- {n} resistance fighters of the Northern Brigades were martyred on Monday when warplanes struck their "
    "positions near Mosul, the group said in a statement mourning its martyrs."
)
BOMBING = (
    "MOSUL -- A car bomb exploded in a crowded market in Mosul on Monday, killing seven shoppers and wounding dozens, "
    "police said. No group claimed the attack on the market."
)


def strike(identifier: str, source: str, text: str, killed: int, **slots: object) -> Analysis:
    when = slots.pop("published", MONDAY)
    assert isinstance(when, datetime)
    return article(
        identifier,
        text,
        source,
        when,
        place(identifier, MOSUL),
        event(identifier, "ASSAULT", "aerial", MONDAY, killed=killed, **slots),
    )


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "links.db") as opened:
        yield opened


def stories_by_article(store: Store) -> dict[str, str]:
    return {article["id"]: story["id"] for story in store.stories() for article in story["articles"]}


def test_two_outlets_telling_one_strike_in_their_own_words_are_one_story_and_their_tolls_differ(store):
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        strike("a2", "Ledger", REWORDED.format(n="Six"), 6, published=MONDAY + timedelta(hours=3)),
    ])  # fmt: skip
    placed = link_new_articles(store)
    assert [p.role for p in placed] == ["first", "member"]
    story = store.stories()[0]
    killed = next(d for d in story["differences"] if d["field"] == "killed")
    assert killed["event"] == "ASSAULT/air"
    assert killed["values"] == {"Meridian": "5", "Ledger": "6"}
    assert [e["article_id"] for e in killed["evidence"]] == ["a1", "a2"]


def test_a_wire_copy_is_a_near_duplicate_and_adds_no_source_to_the_differences(store):
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        strike("a2", "Ledger", REWORDED.format(n="Six"), 6, published=MONDAY + timedelta(hours=3)),
        strike("a3", "Daily Wire", STRIKE.format(n="five") + " (Reporting by staff)", 5,
               published=MONDAY + timedelta(hours=5)),
    ])  # fmt: skip
    link_new_articles(store)
    story = store.stories()[0]
    roles = {a["id"]: (a["role"], a["duplicate_of"]) for a in story["articles"]}
    assert roles["a3"] == ("near_duplicate", "a1")
    killed = next(d for d in story["differences"] if d["field"] == "killed")
    assert "Daily Wire" not in killed["values"]


def test_a_copy_with_another_toll_and_day_is_not_a_near_duplicate(store):
    # The same template a week later tells another strike: its numbers and day differ, and so does its story.
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        article("a2", STRIKE.format(n="nine").replace("Monday", "Sunday"), "Meridian", MONDAY + timedelta(days=6),
                place("a2", MOSUL)),
    ])  # fmt: skip
    placed = link_new_articles(store)
    assert placed[1].role == "first"


def test_the_same_template_naming_another_group_is_not_a_near_duplicate(store):
    # Numbers and day alike, the place unresolved: the names the leads give are what a copy would repeat.
    def named(identifier: str, text: str, name: str) -> Analysis:
        start = text.index(name)
        entity = Entity(identifier, Span(start, start + len(name)), name, "ORG", 0.9)
        return article(identifier, text, "Meridian", MONDAY, entity)

    template = (
        "Warplanes struck positions of the {} near the border on Monday, killing five fighters, the army said. The "
        "strikes hit weapons depots and a command centre on the edge of the town, officers added. Residents said "
        "the explosions shook windows across the district late into the night, and rescuers searched the rubble."
    )
    store.add([named("a1", template.format("Northern Brigades"), "Northern Brigades"),
               named("a2", template.format("Southern Legion"), "Southern Legion")])  # fmt: skip
    assert link_new_articles(store)[1].role != "near_duplicate"


def test_a_page_with_no_publication_date_is_offered_to_a_dated_retelling_and_is_no_days_from_either(store):
    # An undated page is indexed on no day, which a dated article's window of days never reached.
    def undated(identifier: str, killed: int) -> Analysis:
        text = REWORDED.format(n=str(killed))
        records = (place(identifier, MOSUL), event(identifier, "ASSAULT", "aerial", MONDAY, killed=killed))
        return Analysis(Article(id=identifier, text=text, title=text[:60], source="Ledger", published=None), records)

    store.add([undated("u1", 6)])
    link_new_articles(store)
    store.add([undated("u2", 7), strike("a1", "Meridian", STRIKE.format(n="five"), 5)])
    for identifier in ("u2", "a1"):
        with store.linking():
            reading, _ = read_article(store, identifier)
            found = candidates(store, reading)
        assert [(candidate.story_id, candidate.gap) for candidate in found] == [("story-u1", None)]
        assert signal_rows(reading, found)[0, FEATURES.index("same_day_published")] == 0.0


def test_an_opinion_piece_whose_lead_shares_no_distinctive_word_with_the_story_is_offered_it_by_its_headline(store):
    # The lead's most distinctive words are its own argument; the headline names the news it argues about.
    news = Article(
        id="n1", title="Council lifts the harbour curfew",
        text="Councillors voted unanimously on Monday, councillors said, and councillors cheered the vote. The vote "
             "ended weeks of patrols; patrols and vote tallies were posted at the town hall.",
        source="Ledger", published=MONDAY,
    )  # fmt: skip
    opinion = Article(
        id="o1", title="Lifting the curfew was the easy part",
        text="Shopkeepers deserve better than promises. Shopkeepers lost trade for weeks, and trust is slower to "
             "return than trade: trust, trade and shopkeepers' patience are spent.",
        source="Meridian", published=MONDAY,
    )  # fmt: skip
    store.add([Analysis(news, ())])
    link_new_articles(store)
    store.add([Analysis(opinion, ())])
    with store.linking():
        reading, _ = read_article(store, "o1")
        found = candidates(store, reading)
    assert [candidate.story_id for candidate in found] == ["story-n1"]
    assert signal_rows(reading, found)[0, FEATURES.index("headline_in_story")] > 0


def test_a_toll_told_in_a_sentence_of_its_own_is_the_main_happening_s_and_another_deed_s_is_not(store):
    # "Drones hit the power station on Monday. 28 people were wounded.": the events stage keeps the toll apart, as an
    # assault of no named weapon; the arrests at a protest that day count something else.
    text = "MOSUL -- Drones hit the power station on Monday. 28 people were wounded. Police arrested 4 protesters."
    wounded = event("d1", "ASSAULT", None, MONDAY, event_id="d1:e2", evidence=Span(48, 71), injured=28)
    arrests = event("d1", "PROTEST", None, MONDAY, event_id="d1:e3", evidence=Span(72, 102), arrested=4)
    store.add([article("d1", text, "Ledger", MONDAY, place("d1", MOSUL), event("d1", "ASSAULT", "aerial", MONDAY),
                       arrests, wounded)])  # fmt: skip
    with store.linking():
        reading, _ = read_article(store, "d1")
    assert reading.counts == (("injured", 28),)


def test_a_bombing_in_the_same_city_on_the_same_day_is_another_story(store):
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        article("b1", BOMBING, "Ledger", MONDAY + timedelta(hours=2), place("b1", MOSUL),
                event("b1", "ASSAULT", "explosives", MONDAY, killed=7)),
    ])  # fmt: skip
    link_new_articles(store)
    assert len(set(stories_by_article(store).values())) == 2


def test_the_same_kind_of_happening_dated_two_days_apart_is_another_story(store):
    wednesday = MONDAY + timedelta(days=2)
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        article("a2", REWORDED.format(n="Four").replace("Monday", "Wednesday"), "Ledger", wednesday,
                place("a2", MOSUL), event("a2", "ASSAULT", "aerial", wednesday, killed=4)),
    ])  # fmt: skip
    link_new_articles(store)
    assert len(set(stories_by_article(store).values())) == 2


def test_the_same_words_about_another_town_are_another_story(store):
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        article("k1", REWORDED.format(n="Six").replace("Mosul", "Kirkuk").replace("MOSUL", "KIRKUK"), "Ledger",
                MONDAY + timedelta(hours=1), place("k1", KIRKUK), event("k1", "ASSAULT", "aerial", MONDAY, killed=6)),
    ])  # fmt: skip
    link_new_articles(store)
    assert len(set(stories_by_article(store).values())) == 2


def test_places_that_contain_one_another_agree_and_two_towns_disagree(store):
    province = {"place_text": "Nineveh", "geonames_id": 99071, "country": "IRQ", "admin1": "Nineveh",
                "geo_precision": "admin"}  # fmt: skip
    town = {"place_text": "Mosul", "geonames_id": MOSUL[0], "country": "IRQ", "admin1": "Nineveh",
            "geo_precision": "exact"}  # fmt: skip
    elsewhere = {"place_text": "Tal Afar", "geonames_id": 99003, "country": "IRQ", "admin1": "Nineveh",
                 "geo_precision": "exact"}  # fmt: skip
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5, **province),
        strike("a2", "Ledger", REWORDED.format(n="Five"), 5, published=MONDAY + timedelta(hours=3), **town),
    ])  # fmt: skip
    link_new_articles(store)
    assert not [d for d in store.stories()[0]["differences"] if d["field"] == "place"]
    store.add([strike("a3", "Observer", MOURNED.format(n="Five"), 5, published=MONDAY + timedelta(hours=4),
                      **elsewhere)])  # fmt: skip
    link_new_articles(store)
    place_difference = next(d for d in store.stories()[0]["differences"] if d["field"] == "place")
    assert place_difference["values"] == {"Meridian": "Nineveh", "Ledger": "Mosul", "Observer": "Tal Afar"}


def place_rows(store: Store, first: dict, second: dict) -> list[dict]:
    """The place rows of the story two outlets make of one strike, placed by each where the slots say."""
    store.add([
        strike("p1", "Meridian", STRIKE.format(n="five"), 5, **first),
        strike("p2", "Ledger", REWORDED.format(n="Five"), 5, published=MONDAY + timedelta(hours=3), **second),
    ])  # fmt: skip
    link_new_articles(store)
    return [d for d in store.stories()[0]["differences"] if d["field"] == "place"]


def test_a_city_and_the_town_at_its_edge_are_a_place_at_another_level_not_a_disagreement(store):
    # "Khartoum" and "Khartoum North": the gazetteer nests neither in the other, but they are one area.
    capital = {"place_text": "Khartoum", "geonames_id": 379252, "country": "SDN", "admin1": "Khartoum",
               "latitude": 15.5518, "longitude": 32.5324, "geo_precision": "exact"}  # fmt: skip
    north = {"place_text": "Khartoum North", "geonames_id": 371760, "country": "SDN", "admin1": "Khartoum",
             "latitude": 15.6361, "longitude": 32.5349, "geo_precision": "exact"}  # fmt: skip
    rows = place_rows(store, capital, north)
    assert [row["kind"] for row in rows] == ["place_level"]
    assert rows[0]["values"] == {"Meridian": "Khartoum", "Ledger": "Khartoum North"}


def test_two_towns_of_one_province_far_apart_are_a_place_disagreement(store):
    mosul = {"place_text": "Mosul", "geonames_id": MOSUL[0], "country": "IRQ", "admin1": "Nineveh",
             "latitude": 36.335, "longitude": 43.119, "geo_precision": "exact"}  # fmt: skip
    tal_afar = {"place_text": "Tal Afar", "geonames_id": 99003, "country": "IRQ", "admin1": "Nineveh",
                "latitude": 36.377, "longitude": 42.449, "geo_precision": "exact"}  # fmt: skip
    assert [row["kind"] for row in place_rows(store, mosul, tal_afar)] == ["place"]


def test_a_place_or_party_of_an_event_not_dated_by_its_own_clause_is_no_claim(store):
    # A background attack, or a follow-up's recollection dated only by its publication, says nothing of this one.
    mosul = {"place_text": "Mosul", "geonames_id": MOSUL[0], "country": "IRQ", "admin1": "Nineveh",
             "latitude": 36.335, "longitude": 43.119, "geo_precision": "exact", "source_actor_id": "USA",
             "source_country": "USA", "source_text": "American"}  # fmt: skip
    recalled = {"place_text": "Tal Afar", "geonames_id": 99003, "country": "IRQ", "admin1": "Nineveh",
                "latitude": 36.377, "longitude": 42.449, "geo_precision": "exact", "date_basis": "published",
                "source_actor_id": "IRQ-MIL", "source_country": "IRQ", "source_text": "Iraqi jets"}  # fmt: skip
    assert not place_rows(store, mosul, recalled)
    assert not [d for d in store.stories()[0]["differences"] if d["field"] == "source_text"]


def test_words_that_resolve_to_no_actor_are_not_compared(store):
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5, target_text="five fighters"),
        strike("a2", "Ledger", REWORDED.format(n="Six"), 6, published=MONDAY + timedelta(hours=3),
               target_text="six resistance fighters"),
    ])  # fmt: skip
    link_new_articles(store)
    assert not [d for d in store.stories()[0]["differences"] if d["field"] == "target_text"]


def test_a_state_and_its_forces_are_one_party_and_another_party_blamed_is_a_difference(store):
    us = {"source_actor_id": "USA", "source_country": "USA", "source_text": "American"}
    us_forces = {"source_actor_id": "USA-MIL", "source_country": "USA", "source_text": "US warplanes"}
    store.add([
        strike("a1", "Meridian", STRIKE.format(n="five"), 5, **us),
        strike("a2", "Ledger", REWORDED.format(n="Five"), 5, published=MONDAY + timedelta(hours=3), **us_forces),
    ])  # fmt: skip
    link_new_articles(store)
    assert not [d for d in store.stories()[0]["differences"] if d["field"] == "source_text"]
    iraq = {"source_actor_id": "IRQ-MIL", "source_country": "IRQ", "source_text": "Iraqi jets"}
    store.add([strike("a3", "Observer", MOURNED.format(n="Five"), 5, published=MONDAY + timedelta(hours=4), **iraq)])
    link_new_articles(store)
    blamed = next(d for d in store.stories()[0]["differences"] if d["field"] == "source_text")
    assert blamed["kind"] == "party_blamed"
    assert blamed["values"] == {
        "Meridian": "American [USA]", "Ledger": "US warplanes [USA]", "Observer": "Iraqi jets [IRQ]"
    }  # fmt: skip


def test_an_actor_named_differently_by_two_outlets_is_not_a_difference(store):
    def named(identifier: str, source: str, text: str, name: str, hours: int) -> Analysis:
        start = text.index(name)
        return article(
            identifier, text, source, MONDAY + timedelta(hours=hours), place(identifier, MOSUL),
            event(identifier, "ASSAULT", "aerial", MONDAY, killed=5, target_actor_id="PMF", target_text=name),
            Actor(identifier, "PMF", "Popular Mobilization Forces", "armed_group", "IRQ", "MIL", None,
                  Span(start, start + len(name)), 0.9),
            Mention(identifier, "PMF", Span(start, start + len(name)), name, "name", 0.9),
        )  # fmt: skip

    store.add([
        named("a1", "Meridian", STRIKE.format(n="five") + " The Popular Mobilisation Forces mourned.",
              "Popular Mobilisation Forces", 0),
        named("a2", "Al-Mahwar", REWORDED.format(n="Five") + " The Popular Mobilization Units mourned.",
              "Popular Mobilization Units", 2),
    ])  # fmt: skip
    link_new_articles(store)
    story = store.stories()[0]
    assert len(story["articles"]) == 2
    assert not [d for d in story["differences"] if d["field"] in ("target_text", "actor_name")]


def test_relinking_the_same_articles_in_the_same_order_gives_the_same_stories(tmp_path):
    analyses = [
        strike("a1", "Meridian", STRIKE.format(n="five"), 5),
        strike("a2", "Ledger", REWORDED.format(n="Six"), 6, published=MONDAY + timedelta(hours=3)),
        article("b1", BOMBING, "Ledger", MONDAY + timedelta(hours=2), place("b1", MOSUL),
                event("b1", "ASSAULT", "explosives", MONDAY, killed=7)),
    ]  # fmt: skip
    found = []
    for name in ("first.db", "second.db"):
        with Store.open(tmp_path / name) as store:
            store.add(analyses)
            link_new_articles(store)
            found.append(store.stories())
    assert found[0] == found[1]


def test_linking_an_article_twice_is_refused_rather_than_duplicated(store):
    store.add([strike("a1", "Meridian", STRIKE.format(n="five"), 5)])
    link_article(store, "a1")
    with pytest.raises(sqlite3.IntegrityError):
        link_article(store, "a1")
    assert store.stories()[0]["n_articles"] == 1


@pytest.mark.parametrize(
    ("mode", "source", "trigger", "kind"),
    [
        ("aerial", None, "struck", "ASSAULT/air"),
        ("destroy", "Warplanes", "bombed", "ASSAULT/air"),
        ("destroy", "blast", "killed", "ASSAULT/bomb"),
        (None, None, "killed", "ASSAULT"),
        # A trigger that names gunfire is a shooting whatever weapon the mode was coded with.
        ("explosives", None, "opened fire", "ASSAULT/armed"),
    ],
)
def test_an_assault_is_aligned_on_the_family_of_its_weapon(mode, source, trigger, kind):
    assert event_kind(event("a", "ASSAULT", mode, None, source_text=source, trigger_text=trigger)) == kind


def test_armed_forces_that_bombed_a_town_struck_it_from_the_air_and_a_bomb_set_off_there_is_a_bombing():
    army = event("a", "ASSAULT", "explosives", None, source_sector="MIL", trigger_text="bombed")
    insurgents = event("a", "ASSAULT", "explosives", None, source_sector="REB", trigger_text="bombed")
    detonated = event("a", "ASSAULT", "explosives", None, source_sector="MIL", trigger_text="detonated")
    assert event_kind(army) == "ASSAULT/air"
    assert event_kind(insurgents) == "ASSAULT/bomb"
    assert event_kind(detonated) == "ASSAULT/bomb"


def day_named(article_id: str, text: str, start: int, value: str | None, granularity: str = "day") -> TimeRef:
    return TimeRef(article_id, Span(start, start + len(text)), text, "DATE", value, granularity, "publish_date", 0.9)


GUIDANCE = (
    "The health agency on Tuesday reversed its guidance, saying vaccinated people should again wear masks indoors "
    "where the virus spreads fast. The change was first discussed in March."
)


def test_an_article_that_keeps_no_event_is_dated_by_the_day_its_lead_names(store):
    tuesday = MONDAY + timedelta(days=1)
    store.add([
        article("g1", GUIDANCE, "Ledger", tuesday, day_named("g1", "on Tuesday", 18, tuesday.date().isoformat())),
        article("g2", GUIDANCE, "Meridian", tuesday, day_named("g2", "March", 148, "2022-03", "month")),
        article("g3", GUIDANCE, "Courier", tuesday, day_named("g3", "on Tuesday", 18, "2021-03-02")),
        article("g4", GUIDANCE, "Herald", tuesday, event("g4", "ASSAULT", "aerial", None),
                day_named("g4", "on Tuesday", 18, tuesday.date().isoformat())),
    ])  # fmt: skip
    with store.linking():
        dated, month_only, long_ago, undated_event = (read_article(store, f"g{n}")[0] for n in range(1, 5))
    assert dated.happened == tuesday.toordinal()
    assert f"d:{tuesday.toordinal()}" in dated.keys
    # A month is no day, a day a year before publication is no news of it, and an article whose kept events date
    # nothing is dated by none of them.
    assert month_only.happened is None
    assert long_ago.happened is None
    assert undated_event.happened is None
