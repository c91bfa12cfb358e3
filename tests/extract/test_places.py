"""The places stage: toponyms resolved to the gazetteer by their context, with evidence spans."""

from __future__ import annotations

import pytest

from dateline.extract import run_stages
from dateline.model import Article, Event, Place, Span
from dateline.nlp import parse
from dateline.resources import Resources, load_resources
from dateline.text import normalise


@pytest.fixture(scope="module")
def resources():
    return load_resources()


def places_of(nlp, resources, text: str, dateline: str | None = None) -> list[Place]:
    article = Article(id="t", text=text, dateline_place=dateline)
    (parsed,) = parse([article], nlp)
    return run_stages(parsed, resources).of(Place)


def named(places: list[Place], text: str) -> list[Place]:
    return [place for place in places if place.text == text]


def test_every_place_points_at_its_evidence(nlp, resources):
    text = "Protesters gathered in Cairo and Alexandria, Egypt, on Friday."
    places = places_of(nlp, resources, text)
    assert places
    assert all(text[p.evidence.start : p.evidence.end] == p.text for p in places)
    assert {p.country for p in places} == {"EGY"}


def test_paris_texas_is_not_in_france(nlp, resources):
    places = places_of(nlp, resources, "The fair opened in Paris, Texas, and later moved to Paris.")
    first, later = named(places, "Paris")
    assert (first.country, first.admin1) == ("USA", "US.TX")
    assert later.admin1 == "US.TX"  # one sense per article
    assert named(places, "Texas")[0].feature == "admin1"


def test_paris_alone_is_the_french_capital(nlp, resources):
    (paris,) = named(places_of(nlp, resources, "The summit will be held in Paris next week."), "Paris")
    assert paris.country == "FRA" and paris.precision == "exact"


def test_a_great_city_the_parser_calls_a_person_is_still_a_place(nlp, resources):
    (kyiv,) = named(places_of(nlp, resources, "Russian missiles struck Kyiv overnight."), "Kyiv")
    assert kyiv.country == "UKR"
    (parsed,) = parse([Article(id="t", text="Russian missiles struck Kyiv overnight.")], nlp)
    events = run_stages(parsed, resources).of(Event)
    assert [(event.place_text, event.target_country) for event in events] == [("Kyiv", "UKR")]
    # a first name that is also a capital's, said of a clause, is the person
    assert not named(places_of(nlp, resources, "Sofia said she would run again."), "Sofia")


def test_a_name_the_text_calls_a_town_is_a_place_whatever_the_recogniser_called_it(nlp, resources):
    text = "Warplanes struck depots used by a militia near the border town of al-Qaim on Monday."
    (town,) = [place for place in places_of(nlp, resources, text) if place.country == "IRQ"]
    assert text[town.evidence.start : town.evidence.end] in ("al-Qaim", "Qaim")


def test_a_capital_that_acts_for_its_government_is_no_events_scene(nlp, resources):
    text = "The Iranian proposal was rejected by Washington on Monday. Moscow warned Kyiv against any attack."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    events = run_stages(parsed, resources).of(Event)
    assert [event.place_text for event in events] == [None, None]
    assert [(event.source_actor_id, event.target_actor_id) for event in events][1] == ("RUS-GOV", "UKR-GOV")


def test_the_dateline_city_decides_an_ambiguous_town(nlp, resources):
    text = "Police in Alexandria arrested two men on Friday after a fire on Orchard Street."
    (alexandria,) = named(places_of(nlp, resources, text, dateline="Shreveport"), "Alexandria")
    assert (alexandria.country, alexandria.admin1) == ("USA", "US.LA")
    (egyptian,) = named(places_of(nlp, resources, text), "Alexandria")
    assert egyptian.country == "EGY"


def test_a_state_abbreviation_qualifies_the_town_before_it(nlp, resources):
    places = places_of(nlp, resources, "Officers from Alexandria, La., joined the search.")
    (alexandria,) = named(places, "Alexandria")
    assert alexandria.admin1 == "US.LA"


def test_baghdad_is_in_iraq_and_is_the_city_not_the_governorate(nlp, resources):
    (baghdad,) = named(places_of(nlp, resources, "A car bomb exploded in Baghdad on Sunday."), "Baghdad")
    assert (baghdad.country, baghdad.feature, baghdad.geonames_id) == ("IRQ", "city", 98182)


def test_border_phrases_resolve_to_a_border_area_with_both_countries(nlp, resources):
    text = "Airstrikes hit the Iraqi-Syrian border. Later, fighting spread along the border between Iraq and Syria."
    borders = [p for p in places_of(nlp, resources, text) if p.border]
    assert [p.text for p in borders] == ["Iraqi-Syrian border", "border between Iraq and Syria"]
    assert all(set(p.countries) == {"IRQ", "SYR"} and p.precision == "region" for p in borders)


def test_a_border_without_a_named_area_falls_between_the_two_countries(nlp, resources):
    (border,) = [p for p in places_of(nlp, resources, "Troops massed on the Malian-Nigerien border.") if p.border]
    assert set(border.countries) == {"MLI", "NER"} and border.geonames_id is None
    assert border.latitude is not None


def test_demonyms_alone_are_not_places(nlp, resources):
    places = places_of(nlp, resources, "Iraqi officials met Syrian envoys on Monday.")
    assert not places


def test_known_district_of_a_city(nlp, resources):
    places = places_of(nlp, resources, "Thousands gathered in Al-Jadriya neighborhood of Baghdad on Tuesday.")
    (district,) = named(places, "Al-Jadriya")
    assert (district.feature, district.admin1, district.precision) == ("district", "IQ.07", "exact")


def test_unknown_district_is_placed_at_its_city(nlp, resources):
    places = places_of(nlp, resources, "Shops closed in the Zawra neighborhood of Baghdad on Tuesday.")
    (district,) = named(places, "Zawra")
    (baghdad,) = named(places, "Baghdad")
    assert district.feature == "district" and district.precision == "admin"
    assert (district.latitude, district.longitude) == (baghdad.latitude, baghdad.longitude)


def test_the_seed_article(nlp, resources, seed_path):
    text = normalise(seed_path.read_text(encoding="utf-8"))
    body = text[text.index("BAGHDAD (Dispatches)") :]
    places = places_of(nlp, resources, body)
    (dateline,) = [p for p in places if p.is_dateline]
    assert (dateline.text, dateline.country) == ("BAGHDAD", "IRQ")
    borders = [p for p in places if p.border]
    assert len(borders) == 3 and all(set(p.countries) == {"IRQ", "SYR"} for p in borders)
    assert named(places, "Al-Jadriya")[0].admin1 == "IQ.07"
    assert named(places, "Middle East")[0].precision == "region"
    assert not [p for p in places if p.text.startswith("Iraqi ")]


def test_a_wire_dateline_with_a_date_and_one_hyphen_is_the_dateline_place(nlp, resources):
    text = "KYIV, March 3 (Reuters) - Ukraine's military said it had repelled an assault on Thursday."
    places = places_of(nlp, resources, text, dateline="Kyiv")
    (dateline,) = [p for p in places if p.is_dateline]
    assert (dateline.text, dateline.country) == ("KYIV", "UKR")


def test_arabic_script_goes_through(nlp, resources):
    text = "وصل الوفد إلى بغداد يوم الاثنين. The delegation then left Baghdad."
    places = places_of(nlp, resources, text)
    assert all(text[p.evidence.start : p.evidence.end] == p.text for p in places)
    assert {p.geonames_id for p in places if p.text == "Baghdad"} == {98182}


def test_five_thousand_place_names_go_through(nlp, resources):
    towns = ["Baghdad", "Mosul", "Basra", "Kirkuk", "Erbil", "Aleppo", "Homs", "Paris", "Cairo", "Tehran"]
    text = "Reports came from " + ", ".join(towns[i % len(towns)] for i in range(5000)) + "."
    places = places_of(nlp, resources, text)
    assert len(places) >= 4500
    assert all(p.latitude is not None for p in places)


def test_without_a_gazetteer_the_stage_finds_nothing(nlp):
    (parsed,) = parse([Article(id="t", text="A storm hit Baghdad.")], nlp)
    assert run_stages(parsed, Resources()).of(Place) == []


def test_one_state_named_once_outvotes_a_town_named_many_times(nlp, resources):
    text = (
        "Bomb squad called to Richmond. The Indiana State Police responded to a Richmond storage unit. "
        "Firefighters from the Richmond Fire Department are also at the Richmond site."
    )
    richmonds = named(places_of(nlp, resources, text), "Richmond")
    assert richmonds and {p.admin1 for p in richmonds} == {"US.IN"}


def test_a_bare_name_used_for_local_people_and_bodies_is_a_town_not_a_country(nlp, resources):
    text = "A 54-year-old Palestine man was sentenced on Friday. Palestine police arrested him in 2007."
    palestines = named(places_of(nlp, resources, text), "Palestine")
    assert palestines and all(p.feature == "city" and p.country == "USA" for p in palestines)


def test_the_actors_countries_decide_between_towns_of_one_name(nlp, resources):
    (tripoli,) = named(places_of(nlp, resources, "The Lebanese army deployed in Tripoli on Sunday."), "Tripoli")
    assert tripoli.country == "LBN"
    (capital,) = named(places_of(nlp, resources, "Talks resumed in Tripoli on Sunday."), "Tripoli")
    assert capital.country == "LBY"


def test_saint_mount_and_fort_match_however_they_are_abbreviated(nlp, resources):
    text = "Flights between Moscow and St. Petersburg resumed. Russian officials welcomed them."
    (petersburg,) = named(places_of(nlp, resources, text), "St. Petersburg")
    assert petersburg.country == "RUS"
    assert {e.name for e in resources.gazetteer.lookup("Mt. Vernon")} >= {"Mount Vernon"}


def test_a_demonym_tagged_as_a_place_is_not_resolved_to_a_town_inside_it(nlp, resources):
    places = places_of(nlp, resources, "Talks with the Sri Lankan government resumed in Colombo.")
    assert not [p for p in places if "Lankan" in p.text]


def test_a_head_word_inside_an_organisation_name_is_not_a_town(nlp, resources):
    text = "Senior European Union officials met the Bank of Canada governor and the Indiana State Police."
    places = places_of(nlp, resources, text)
    assert not named(places, "Union")
    assert named(places, "Canada")[0].country == "CAN"
    assert named(places, "Indiana")[0].admin1 == "US.IN"


def test_a_department_named_after_a_small_towns_name_is_no_town(nlp, resources):
    text = "The Justice Department and the Commerce Department said the Athens Police Department made the arrests."
    places = places_of(nlp, resources, text)
    assert not named(places, "Justice") and not named(places, "Commerce")
    assert named(places, "Athens")  # a city's name opening its police department's is still that city


def test_a_state_resolved_in_context_decides_which_city(nlp, resources):
    # "Georgia" alone is the country by prior; here it is the state, and that state says which Atlanta.
    text = (
        "Atlanta - A dialing code linking needy Georgia residents with food pantries could expand statewide, "
        "officials said. The Georgia Public Service Commission must approve it. A similar line serves Texas."
    )
    places = places_of(nlp, resources, text)
    assert {p.admin1 for p in places if "Georgia" in p.text} == {"US.GA"}
    (atlanta,) = named(places, "Atlanta")
    assert atlanta.admin1 == "US.GA"


def test_the_dateline_is_resolved_by_the_story_not_by_its_population(nlp, resources):
    text = "MANSFIELD — The city council met on Tuesday. Parish officials in Louisiana agreed, and Shreveport wrote."
    (mansfield,) = named(places_of(nlp, resources, text), "MANSFIELD")
    assert (mansfield.admin1, mansfield.is_dateline) == ("US.LA", True)


def test_a_county_is_placed_at_its_own_centre_not_its_states(nlp, resources):
    (county,) = named(places_of(nlp, resources, "Deputies in Cooke County searched the lake."), "Cooke County")
    assert county.admin1 == "US.TX" and county.precision == "admin"
    assert abs(county.latitude - 33.6) < 0.3 and abs(county.longitude + 97.2) < 0.3  # north Texas, not its middle


@pytest.mark.parametrize("name", ["Lake Harriet", "Zion National Park", "Kishwaukee River"])
def test_a_lake_park_or_river_is_not_placed_at_a_town_inside_its_name(nlp, resources, name):
    places = places_of(nlp, resources, f"Volunteers cleaned up {name} on Saturday.")
    assert all(not place.evidence.overlaps(Span(23, 23 + len(name))) for place in places if place.latitude)


# What a reader would agree with: the trained ranker's choices on sentences written for these tests.


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Parliament in Ottawa voted on the budget on Tuesday.", "Ottawa", "CAN"),
        ("Thousands marched through Toronto on Saturday.", "Toronto", "CAN"),
        ("Talks between Serbia and Kosovo resumed in Brussels.", "Kosovo", "XKX"),
        ("The delegation flew on to Berlin after the summit.", "Berlin", "DEU"),
    ],
)
def test_a_capital_or_a_country_wins_over_a_homonymous_small_town(nlp, resources, text, name, country):
    (place,) = named(places_of(nlp, resources, text), name)
    assert place.country == country


def test_the_text_may_say_which_small_town_it_means(nlp, resources):
    (toronto,) = named(places_of(nlp, resources, "The mill in Toronto, Ohio, closed in May."), "Toronto")
    assert (toronto.country, toronto.admin1) == ("USA", "US.OH")


def test_a_dateline_is_the_outlets_city_not_a_namesake(nlp, resources):
    text = "BERLIN (Wire) -- German ministers met on Monday to discuss energy prices with industry leaders."
    (berlin,) = named(places_of(nlp, resources, text), "BERLIN")
    assert (berlin.country, berlin.is_dateline) == ("DEU", True)


def test_a_dateline_after_a_headline_and_byline_is_found(nlp, resources):
    text = "Mill reopens. By A. Writer, March 3, 2009 TORONTO -- The old mill reopened downtown on Monday."
    (toronto,) = named(places_of(nlp, resources, text), "TORONTO")
    assert toronto.is_dateline and toronto.country == "CAN"


def test_a_dateline_the_parser_does_not_tag_is_still_a_place_of_the_article(nlp, resources):
    # The parser takes neither all-capitals opener for a name, and the bodies name the towns as a station's and an
    # actor's: the opener alone says where each story is.
    for text, country in [
        ("DEIR EZ-ZOR (Resistance) -- In a cowardly attack, Syrian government forces targeted the Deir ez-Zor power "
         "station today; 22 civilians were injured.", "SYR"),
        ("HALAB (Today) -- Syrian government forces claimed a blast in Halab on Wednesday.", "SYR"),
    ]:  # fmt: skip
        (dateline,) = [place for place in places_of(nlp, resources, text) if place.is_dateline]
        assert dateline.evidence.start == 0 and dateline.country == country and dateline.precision == "exact"


def test_a_dateline_the_parser_cuts_at_its_abbreviation_is_the_whole_city(nlp, resources):
    # The parser ends a sentence at "ST." and "FT.": LOUIS and WORTH alone are other towns.
    for text, admin1 in [
        ("ST. LOUIS – Police said their burglary squad arrested two people at a barbecue restaurant.", "US.MO"),
        ("FT. WORTH, Texas (AP) -- Police arrested two men on Monday after a shooting at a gas station.", "US.TX"),
    ]:
        (dateline,) = [place for place in places_of(nlp, resources, text) if place.is_dateline]
        assert dateline.evidence.start == 0 and dateline.text[:3] in ("ST.", "FT.")
        assert dateline.admin1 == admin1


def test_worlds_and_moons_are_not_places(nlp, resources):
    text = "Probes have mapped Mars and Titan, and life on Earth began long before either was seen."
    assert not [p for p in places_of(nlp, resources, text) if p.text in ("Mars", "Titan", "Earth")]


def test_a_world_qualified_by_a_state_is_the_town(nlp, resources):
    (mars,) = named(places_of(nlp, resources, "The fair in Mars, Pa., drew a crowd."), "Mars")
    assert mars.admin1 == "US.PA"


def test_an_era_is_not_a_place(nlp, resources):
    places = places_of(nlp, resources, "The fortress was built in 860 BC and rebuilt in AD 79.")
    assert not [p for p in places if p.text in ("BC", "AD")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She roasted Brussels Sprouts with garlic for dinner.", "Brussels"),
        ("The Los Angeles Auto Show opened its doors on Thursday.", "Los Angeles"),
        ("He ran the Boston Marathon twice.", "Boston"),
    ],
)
def test_a_place_opening_the_name_of_a_dish_or_an_event_is_not_resolved(nlp, resources, text, name):
    assert not [p for p in places_of(nlp, resources, text) if name in p.text]


def test_an_events_place_is_the_most_specific_place_its_clause_states(nlp, resources):
    text = "KABUL (Wire) -- A military helicopter crashed in Logar province on Tuesday, killing five soldiers."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    events = [e for e in run_stages(parsed, resources).of(Event) if e.place_text]
    assert events and all((e.place_text, e.country, e.admin1) == ("Logar", "AFG", "AF.17") for e in events)


def test_a_county_is_in_the_state_the_story_names_most_not_one_it_lists_once(nlp, resources):
    text = (
        "Jobless rate rises in county. Boone County's unemployment rate reached 7.7 percent in February, the "
        "Indiana Department of Workforce Development said. Boone County's rate was below the Indiana average. "
        "Indiana lost jobs in every county. Rates in Illinois, Ohio, Kentucky and Michigan also rose."
    )
    counties = named(places_of(nlp, resources, text), "Boone County")
    assert counties and {p.admin1 for p in counties} == {"US.IN"}


def test_a_dateline_named_earlier_in_the_text_is_placed_by_the_story_not_by_its_own_guess(nlp, resources):
    text = (
        "Mansfield names a new chief. MANSFIELD -- The Mansfield council named a police chief on Tuesday. "
        "He served twelve years with the Shreveport police."
    )
    mansfields = [p for p in places_of(nlp, resources, text) if p.name == "Mansfield"]
    assert any(p.text == "MANSFIELD" for p in mansfields) and {p.admin1 for p in mansfields} == {"US.LA"}


def test_a_local_outlets_address_says_which_namesake_its_story_means(nlp, resources):
    text = "The Dublin school board approved the new budget on Tuesday after a long debate."
    url = "https://www.columbuslocalnews.com/news/2009/03/24/budget"
    (local,) = named(run_stages(next(parse([Article(id="t", text=text, url=url)], nlp)), resources).of(Place), "Dublin")
    assert (local.country, local.admin1) == ("USA", "US.OH")
    (capital,) = named(places_of(nlp, resources, text), "Dublin")
    assert capital.country == "IRL"


def test_a_town_named_beside_its_county_is_the_one_in_that_county(nlp, resources):
    with_county = "Deputies from the Madison County Sheriff's Office arrested a Richmond man on Friday after a chase."
    assert {p.admin1 for p in named(places_of(nlp, resources, with_county), "Richmond")} == {"US.KY"}
    alone = "A Richmond man was arrested on Friday after a chase."
    assert {p.admin1 for p in named(places_of(nlp, resources, alone), "Richmond")} == {"US.VA"}
    board = "The DeKalb County school board met in Decatur on Monday night to vote on the budget."
    assert {p.admin1 for p in places_of(nlp, resources, board)} == {"US.GA"}
    (decatur,) = named(places_of(nlp, resources, "The school board met in Decatur on Monday night."), "Decatur")
    assert decatur.admin1 != "US.GA"  # the largest Decatur, without its county


def _places_at(nlp, resources, text: str, url: str) -> list[Place]:
    return run_stages(next(parse([Article(id="t", text=text, url=url)], nlp)), resources).of(Place)


def test_a_local_outlets_town_is_the_one_in_the_county_its_story_names(nlp, resources):
    url = "http://www.athensreview.com/local/story1.html"
    with_county = "Henderson County commissioners met on Tuesday. Athens police said the road would reopen."
    assert {p.admin1 for p in _places_at(nlp, resources, with_county, url)} == {"US.TX"}
    alone = "Commissioners met on Tuesday. Athens police said the road would reopen."
    (athens,) = named(_places_at(nlp, resources, alone, url), "Athens")
    assert athens.country == "GRC"  # the address alone does not say which Athens


def test_a_towns_city_council_is_the_towns_not_a_place_called_town_city(nlp, resources):
    text = "On Tuesday the Dublin City Council approved the budget."
    (dublin,) = _places_at(nlp, resources, text, "https://www.columbuslocalnews.com/news/1")
    assert (dublin.text, dublin.admin1) == ("Dublin", "US.OH")  # not "Dublin City", a name of the Irish capital


def test_a_phone_numbers_area_code_says_which_namesake_a_notice_means(nlp, resources):
    called = "The Athens Police Department asks anyone who saw the vandals to call 903-675-5454."
    (athens,) = places_of(nlp, resources, called)
    assert (athens.text, athens.evidence.start, athens.admin1) == ("Athens", 4, "US.TX")  # not "The Athens"
    without = "The Athens Police Department asks anyone who saw the vandals to call the station."
    assert [p.country for p in places_of(nlp, resources, without)] == ["GRC"]


def test_names_listed_before_counties_are_counties_not_the_towns_or_states_of_those_names(nlp, resources):
    places = places_of(nlp, resources, "The storm knocked out power in Harvey, Reno and Sedgwick counties.")
    # Not Harvey, Illinois, nor Reno, Nevada: two counties of Kansas.
    assert [(p.text, p.name, p.admin1) for p in places] == [("Harvey", "Harvey County", "US.KS"),
                                                            ("Reno", "Reno County", "US.KS")]  # fmt: skip
    (caddo,) = named(places_of(nlp, resources, "Deputies from Caddo and Bossier parishes searched the river."), "Caddo")
    assert (caddo.name, caddo.admin1) == ("Caddo Parish", "US.LA")


def test_a_state_named_alone_before_counties_stays_the_state(nlp, resources):
    (indiana,) = places_of(nlp, resources, "Jobless rates rose in most Indiana counties in February.")
    assert (indiana.feature, indiana.admin1) == ("admin1", "US.IN")


def test_a_name_listed_beside_states_is_a_state(nlp, resources):
    listed = places_of(nlp, resources, "Voters in Oregon and Washington approved the measure on Tuesday.")
    assert [(p.text, p.feature, p.admin1) for p in listed] == [("Oregon", "admin1", "US.OR"),
                                                               ("Washington", "admin1", "US.WA")]  # fmt: skip
    (alone,) = places_of(nlp, resources, "Lawmakers from Washington flew home on Tuesday.")
    assert (alone.feature, alone.admin1) == ("city", "US.DC")


def test_a_country_code_domain_says_which_country_a_town_is_in(nlp, resources):
    text = "Vandals damaged a pickup truck imported from Denver outside a house in Oxford."
    (oxford,) = named(_places_at(nlp, resources, text, "http://www.thisisoxfordshire.co.uk/news/1"), "Oxford")
    assert oxford.country == "GBR"
    (american,) = named(places_of(nlp, resources, text), "Oxford")
    assert american.country == "USA"  # Denver alone says America


def test_a_caseless_article_torn_between_two_countries_is_placed_where_its_names_hold_more_people():
    from dateline.extract.caseless_places import _home_country
    from dateline.extract.toponyms import Mention
    from dateline.resources.gazetteer import GazetteerEntry

    def entry(name: str, country: str, population: int) -> GazetteerEntry:
        return GazetteerEntry(None, name, "city", country, None, 0.0, 0.0, population)

    delhi = Mention(Span(0, 5), "delhi", [entry("Delhi", "IND", 10_927_986), entry("Delingha", "CHN", 50_000)], "ner")
    india = Mention(Span(10, 15), "india", [entry("India", "IND", 1_173_108_018)], "gazetteer")
    pujan = Mention(Span(20, 25), "pujan", [entry("Puyang", "CHN", 3_590_000)], "gazetteer")
    # Two names each: the tie no longer falls to the order in which a set of country codes happens to come.
    assert _home_country([delhi, india, pujan]) == _home_country([pujan, india, delhi]) == "IND"


def _batch(nlp, resources, articles: list[tuple[str, str, str]]) -> dict[str, list[Place]]:
    """The places of (id, address, text) articles resolved as one batch."""
    from dateline.extract import places, run_stages_through
    from dateline.extract.outlet import host_of

    parsed = parse([Article(id=id_, text=text, url=url) for id_, url, text in articles], nlp)
    found = []
    for article in parsed:
        article = run_stages_through(article, resources, "times")
        found.append((article.article.id, host_of(article.article.url), places.find(article, resources)))
    return dict(zip([id_ for id_, _, _ in articles], places.extract_batch(found, resources), strict=True))


TEXAS_PAPER = [
    ("storm", "https://www.star-telegram.com/news/storm",
     "Police in Fort Worth and Arlington said the storm flooded roads. Crews in Grapevine cleared trees on Tuesday."),
    ("council", "https://www.star-telegram.com/news/council", "Keller and Southlake councils met in Tarrant County."),
]  # fmt: skip
SCHOOLS = "The Mansfield school board voted on Tuesday to close two schools. Mansfield parents said it came too fast."


def test_a_bare_namesake_is_the_one_where_the_outlets_other_stories_are(nlp, resources):
    schools = ("schools", "https://www.star-telegram.com/news/schools", SCHOOLS)
    batch = _batch(nlp, resources, [*TEXAS_PAPER, schools])
    assert {p.admin1 for p in named(batch["schools"], "Mansfield")} == {"US.TX"}
    # alone, or beside another outlet's stories, nothing says it is the Texas one
    alone = named(places_of(nlp, resources, SCHOOLS), "Mansfield")
    assert alone and {p.admin1 for p in alone} != {"US.TX"}
    elsewhere = ("schools", "https://www.chad.co.uk/news/schools", SCHOOLS)
    beside = _batch(nlp, resources, [*TEXAS_PAPER, elsewhere])["schools"]
    assert beside == _batch(nlp, resources, [elsewhere])["schools"]


def test_a_batch_reads_the_same_in_any_order_and_an_outlet_of_one_article_as_alone(nlp, resources):
    schools = ("schools", "https://www.star-telegram.com/news/schools", SCHOOLS)
    forward = _batch(nlp, resources, [*TEXAS_PAPER, schools])
    assert _batch(nlp, resources, [schools, *reversed(TEXAS_PAPER)]) == forward
    storm_id, url, text = TEXAS_PAPER[0]
    alone = run_stages(next(parse([Article(id=storm_id, text=text, url=url)], nlp)), resources).of(Place)
    assert _batch(nlp, resources, [TEXAS_PAPER[0]])[storm_id] == alone


def test_an_outlet_profile_reads_only_the_other_articles_confident_local_places():
    from dateline.extract.places import outlet_profiles

    def place(article_id: str, admin1: str, feature: str = "city", confidence: float = 0.95) -> Place:
        return Place(article_id, Span(0, 4), "Name", 1, "Name", feature, admin1[:2], (admin1[:2],), admin1, 30.0,
                     -97.0, "exact", False, False, confidence)  # fmt: skip

    own, other, unsure, country = place("a", "US.OH"), place("b", "US.TX"), place("b", "US.KS", confidence=0.55), (
        place("b", "US.NY", feature="country"))  # fmt: skip
    profiles = outlet_profiles(
        [("paper.com", [own]), ("paper.com", [other, unsure, country]), ("other.com", [own]), (None, [other])]
    )
    assert profiles[0].admin1 == ("US.TX",)  # never its own places, nor a doubtful or a national one
    assert profiles[1].admin1 == ("US.OH",)
    assert not profiles[2] and not profiles[3]  # an outlet of one article, and an article with no address


def test_a_local_outlets_town_is_the_one_in_the_state_its_story_names(nlp, resources):
    url = "http://www.columbustelegram.com/news/local/story2.html"
    stated = "COLUMBUS -- A Trenton woman who moved here from Nebraska opened a bakery on Saturday."
    (columbus,) = named(_places_at(nlp, resources, stated, url), "COLUMBUS")
    assert columbus.admin1 == "US.NE"  # not the Columbus near New Jersey's Trenton
    unstated = "COLUMBUS -- A Trenton woman opened a bakery on Saturday."
    (columbus,) = named(_places_at(nlp, resources, unstated, url), "COLUMBUS")
    assert columbus.admin1 == "US.NJ"  # nothing names a state: the town near the other name
