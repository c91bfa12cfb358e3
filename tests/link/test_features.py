"""The signals the pair model weighs between an article and a candidate story, on hand-built readings: counts are
compared only between counts of one thing, every deed an article tells is weighed beside its main one, a follow-up
that dates the story's deed to the story's day recalls it, the names the leads give are compared, and so are the
places the datelines name."""

from __future__ import annotations

from dateline.link.features import FEATURES, Candidate, Reading, confirmed, contradicted, signal_rows

MONDAY = 738950


def reading(kinds: tuple[str, ...], keys: tuple[str, ...], happened: int | None = MONDAY, **fields: object) -> Reading:
    values: dict[str, object] = {
        "article_id": "a", "day": MONDAY, "happened": happened, "kinds": kinds, "vector": {"strike": 1.0},
        "keys": keys, "lead": "", "counts": (),
    }  # fmt: skip
    values.update(fields)
    return Reading(**values)  # type: ignore[arg-type]


def story(kinds: tuple[str, ...], keys: tuple[str, ...]) -> Candidate:
    return Candidate("story-1", {"strike": 1.0}, ({"strike": 1.0},), kinds, frozenset(keys), 0, MONDAY)


def signal(article: Reading, candidate: Candidate, name: str) -> float:
    return float(signal_rows(article, [candidate])[0, FEATURES.index(name)])


def test_a_thousand_marchers_and_twenty_three_injured_are_not_counts_of_another_order():
    marchers = story(("PROTEST",), ("m:participants:1000",))
    injured = reading(("PROTEST",), (), counts=(("injured", 23),))
    assert signal(injured, marchers, "count_far") == 0.0
    assert signal(reading(("PROTEST",), (), counts=(("participants", 30),)), marchers, "count_far") == 1.0


def test_four_and_six_killed_are_counts_of_one_order():
    killed = story(("ASSAULT/air",), ("m:killed:4",))
    assert signal(reading(("ASSAULT/air",), (), counts=(("killed", 6),)), killed, "count_near") == 1.0


def test_twelve_hurt_beside_nineteen_killed_count_other_things_and_two_tolls_of_the_dead_do_not():
    killed = story(("ASSAULT/air",), ("m:killed:19",))
    hurt = reading(("ASSAULT/air",), (), counts=(("injured", 12),))
    dead_and_hurt = reading(("ASSAULT/air",), (), counts=(("killed", 12), ("injured", 30)))
    assert signal(hurt, killed, "counts_of_other_things") == 1.0
    assert signal(dead_and_hurt, killed, "counts_of_other_things") == 0.0
    assert signal(reading(("ASSAULT/air",), ()), killed, "counts_of_other_things") == 0.0
    marchers = story(("PROTEST",), ("m:participants:1000",))
    assert signal(reading(("PROTEST",), (), counts=(("injured", 23),)), marchers, "counts_of_other_things") == 0.0


def test_a_protest_report_that_names_the_day_s_bombing_once_tells_little_of_it():
    bombing = story(("ASSAULT/bomb",), ())
    told = (("ASSAULT/armed", 2), ("ASSAULT/bomb", 1), ("PROTEST", 1))
    protest = reading(("ASSAULT/bomb", "PROTEST"), (), deeds=told)
    retelling = reading(("ASSAULT/bomb",), (), deeds=(("ASSAULT/bomb", 3),))
    assert signal(protest, bombing, "story_deed_share") == 0.25
    assert signal(retelling, bombing, "story_deed_share") == 1.0


def test_a_shooting_and_a_bombing_neither_told_by_the_other_clash():
    bombing = story(("ASSAULT/bomb", "ACCUSE"), ())
    assert signal(reading(("ASSAULT/armed", "PROTEST"), ()), bombing, "weapon_clash") == 1.0
    assert signal(reading(("ASSAULT/armed", "ASSAULT/bomb"), ()), bombing, "weapon_clash") == 0.0


def test_an_air_strike_and_missiles_on_the_town_are_one_deed_and_a_bombing_is_another():
    strike = story(("ASSAULT/air",), ())
    missiles = reading(("ASSAULT/shelling",), (), deeds=(("ASSAULT/shelling", 1),))
    assert signal(missiles, strike, "material_same_kind") == 1.0
    assert signal(missiles, strike, "story_deed_share") == 1.0
    assert signal(missiles, strike, "weapon_clash") == 0.0
    bombing = reading(("ASSAULT/bomb",), (), deeds=(("ASSAULT/bomb", 1),))
    assert signal(bombing, strike, "material_kind_clash") == 1.0
    assert signal(bombing, strike, "weapon_clash") == 1.0


def test_a_strike_of_the_story_s_town_and_toll_is_confirmed_on_its_day_and_weighed_by_the_trees_the_day_after():
    strike = story(("ASSAULT/air",), (f"d:{MONDAY}", "e:94787", "p:94787", "m:killed:7"))
    same_day = reading(("ASSAULT/air",), (f"d:{MONDAY}", "e:94787", "p:94787"), counts=(("killed", 6),))
    next_day = reading(("ASSAULT/air",), (f"d:{MONDAY + 1}", "e:94787", "p:94787"), happened=MONDAY + 1,
                       counts=(("killed", 6),))  # fmt: skip
    assert confirmed(signal_rows(same_day, [strike]))[0]
    assert not confirmed(signal_rows(next_day, [strike]))[0]


def test_a_deed_of_the_story_s_town_and_day_is_not_confirmed_where_it_counts_other_casualties():
    # "drones hit the power plant, nine workers hurt" beside "an air strike on homes killed two" that day
    homes = story(("ASSAULT/air",), (f"d:{MONDAY}", "e:90150", "p:90150", "n:tikrit", "m:killed:2"))
    plant = reading(("ASSAULT/air",), (f"d:{MONDAY}", "e:90150", "p:90150", "n:tikrit"), counts=(("injured", 9),))
    retold = reading(("ASSAULT/air",), (f"d:{MONDAY}", "e:90150", "p:90150", "n:tikrit"), counts=(("killed", 3),))
    assert confirmed(signal_rows(retold, [homes]))[0]
    assert not confirmed(signal_rows(plant, [homes]))[0]
    # one outlet counts the marchers shot dead, another the police hurt
    assert confirmed(signal_rows(plant, [homes]), protest=True)[0]


def test_marches_in_the_story_s_town_told_of_the_next_day_are_confirmed_as_a_happening_that_lasts():
    marches = story(("PROTEST",), (f"d:{MONDAY}", "e:379252", "p:379252", "m:participants:1000"))
    next_day = reading(("PROTEST",), (f"d:{MONDAY + 1}", "e:379252", "p:379252"), happened=MONDAY + 1,
                       counts=(("participants", 800),))  # fmt: skip
    assert confirmed(signal_rows(next_day, [marches]), lasting=True)[0]


def test_two_strikes_of_one_day_in_towns_of_two_provinces_are_two_happenings_though_one_names_the_other_town():
    kirkuk = story(("ASSAULT/air",), (f"d:{MONDAY}", "e:94787", "x:IRQ.IQ.13", "p:94787"))
    tikrit = ("e:90150", "x:IRQ.IQ.18", "p:90150", "p:94787")  # "... a day after the attack on Kirkuk"
    assert contradicted(signal_rows(reading(("ASSAULT/air",), (f"d:{MONDAY}", *tikrit)), [kirkuk]))[0]
    days_later = reading(("ASSAULT/air",), (f"d:{MONDAY + 2}", *tikrit), happened=MONDAY + 2)
    assert not contradicted(signal_rows(days_later, [kirkuk]))[0]


def test_two_reports_filed_from_one_town_are_left_to_the_trees_however_the_gazetteer_placed_them():
    # Both filed from "ODESSA": one report's context made it the town in Texas, the other's the port in Ukraine.
    port = story(("ASSAULT/bomb",), (f"d:{MONDAY}", "e:698740", "x:UKR.UA.17", "p:698740", "l:698740", "D:odessa"))
    texas = ("e:4715", "x:USA.US.TX", "p:4715", "l:4715")
    assert not contradicted(signal_rows(reading(("ASSAULT/bomb",), (f"d:{MONDAY}", *texas, "D:odessa")), [port]))[0]
    assert contradicted(signal_rows(reading(("ASSAULT/bomb",), (f"d:{MONDAY}", *texas, "D:odesa")), [port]))[0]
    # One dateline town, the deeds placed in towns of two provinces ("bombings in Congo" put in Brazil): left too.
    goma = story(("ASSAULT/bomb",), (f"d:{MONDAY}", "e:216281", "x:COD.CD.11", "p:216281", "l:216281"))
    misplaced = ("e:3401813", "x:BRA.BR.17", "p:216281", "l:216281")
    assert not contradicted(signal_rows(reading(("ASSAULT/bomb",), (f"d:{MONDAY}", *misplaced)), [goma]))[0]


def test_a_diplomatic_protest_two_days_later_that_dates_the_strike_recalls_it():
    strike = story(("ASSAULT/air",), (f"d:{MONDAY}",))
    later = reading(("ACCUSE",), (f"k:ASSAULT/air:{MONDAY}", f"k:ACCUSE:{MONDAY + 2}"), happened=MONDAY + 2)
    assert signal(later, strike, "recalls_story_deed") == 1.0
    assert signal(later, strike, "follow_up_recalls") == 1.0
    unrelated = reading(("ACCUSE",), (f"k:ACCUSE:{MONDAY + 2}",), happened=MONDAY + 2)
    assert signal(unrelated, strike, "recalls_story_deed") == 0.0


def test_a_protest_note_recalls_the_strike_the_story_dates_that_day_whatever_weapon_its_main_event_was_coded():
    # The story's strike coded "bomb" ("a strike by fighters the dictionary lacks blew up homes"), with an assault
    # of no named weapon that day; the note's "air" ("the deadly air strike").
    struck = story(("ASSAULT/bomb", "REJECT"), (f"d:{MONDAY}", f"k:ASSAULT/bomb:{MONDAY}",
                                               f"k:ASSAULT:{MONDAY}"))  # fmt: skip
    note = reading(("ASSAULT/air", "ACCUSE"), (f"k:ASSAULT/air:{MONDAY}", f"k:ACCUSE:{MONDAY + 2}"), happened=MONDAY)
    assert signal(note, struck, "follow_up_recalls") == 1.0
    a_day_later = reading(("ASSAULT/air", "ACCUSE"), (f"k:ASSAULT/air:{MONDAY + 1}",), happened=MONDAY + 1)
    assert signal(a_day_later, struck, "follow_up_recalls") == 0.0
    marched = story(("ASSAULT/bomb",), (f"d:{MONDAY}", f"k:PROTEST:{MONDAY}"))
    assert signal(note, marched, "follow_up_recalls") == 0.0


def test_leads_that_name_no_one_in_common_are_told_apart_from_those_that_do():
    kharkiv = story(("ASSAULT/air",), ("w:kharkiv", "w:rusia"))
    assert signal(reading(("ASSAULT/air",), ("w:odesa",)), kharkiv, "names_disjoint") == 1.0
    assert signal(reading(("ASSAULT/air",), ("w:kharkiv", "w:odesa")), kharkiv, "names_shared") == 0.5


def test_datelines_of_one_town_are_one_place_and_of_another_province_another():
    aleppo = story(("ASSAULT/air",), ("l:170063", "L:SYR.SY.09"))
    halab = reading(("ASSAULT/air",), ("l:170063", "L:SYR.SY.09"))
    mogadishu = reading(("ASSAULT/air",), ("l:53654", "L:SOM.SO.02"))
    edge_of_aleppo = reading(("ASSAULT/air",), ("l:170000", "L:SYR.SY.09"))
    no_dateline = reading(("ASSAULT/air",), ())
    assert (signal(halab, aleppo, "same_dateline"), signal(halab, aleppo, "other_dateline")) == (1.0, 0.0)
    assert (signal(mogadishu, aleppo, "same_dateline"), signal(mogadishu, aleppo, "other_dateline")) == (0.0, 1.0)
    assert signal(edge_of_aleppo, aleppo, "other_dateline") == 0.0
    assert signal(no_dateline, aleppo, "other_dateline") == 0.0


def test_a_headline_is_weighed_by_how_many_of_its_words_the_story_tells():
    bakery = Candidate("story-1", {"bakery": 0.8, "strike": 0.6}, ({"flour": 1.0},), ("PROTEST",), frozenset(), 0,
                       MONDAY)  # fmt: skip
    bakers = reading(("PROTEST",), (), headline=frozenset({"bakers", "strike", "flour"}))
    assert signal(bakers, bakery, "headline_in_story") == 2 / 3
    assert signal(reading(("PROTEST",), (), headline=frozenset({"ferry", "sinks"})), bakery, "headline_in_story") == 0.0
    assert signal(reading(("PROTEST",), ()), bakery, "headline_in_story") == 0.0
