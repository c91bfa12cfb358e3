"""Every asserted event gets a date and a place when the article allows it, each with its basis."""

from __future__ import annotations

from datetime import datetime

import pytest

from dateline.extract import run_stages
from dateline.extract.when_where import is_date
from dateline.model import Article, Event
from dateline.nlp import parse
from dateline.resources import load_resources

PUBLISHED = datetime(2021, 6, 30, 9, 0)


@pytest.fixture(scope="module")
def events_in(nlp):
    def run(text: str, published: datetime | None = PUBLISHED) -> list[Event]:
        (parsed,) = parse([Article(id="t", text=text, published=published)], nlp)
        return run_stages(parsed, load_resources()).of(Event)

    return run


def test_a_date_and_place_stated_in_the_clause_have_the_clause_as_basis(events_in):
    (event,) = [e for e in events_in("Police arrested five students in Lahore on Monday.") if e.type == "COERCE"]
    assert (event.date, event.date_basis) == ("2021-06-28", "clause")
    assert (event.place_text, event.place_basis) == ("Lahore", "clause")


def test_a_later_sentence_inherits_the_scene_of_the_one_before(events_in):
    text = "Police arrested five students in Lahore on Monday. Hours later, officers detained two teachers."
    events = [e for e in events_in(text) if e.type == "COERCE"]
    later = max(events, key=lambda event: event.trigger.start)
    assert (later.date, later.date_basis) == ("2021-06-28", "article")
    assert (later.place_text, later.place_basis) == ("Lahore", "article")


def test_a_place_merely_named_before_is_no_scene_a_later_act_inherits(events_in):
    text = "The virus was first identified in Wuhan. Fauci accused Paul of lying to Congress on Tuesday."
    (accusation,) = [e for e in events_in(text) if e.type == "ACCUSE"]
    assert (accusation.place_text, accusation.place_basis) == (None, None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Sanders: Brexit could help Trump.  New York (AFP) – Sanders warned on Tuesday that voters may turn.",
            "New York",
        ),
        (
            "Mukasey at the convention.  CLEVELAND, July 19 (UPI) — Michael Mukasey criticized Clinton on Tuesday.",
            "CLEVELAND",
        ),
    ],
)
def test_a_wire_dateline_after_the_headline_places_what_the_text_does_not(events_in, text, place):
    (event,) = [e for e in events_in(text) if e.type in ("THREATEN", "ACCUSE")]
    assert (event.place_text, event.place_basis) == (place, "dateline")


def test_a_place_and_agency_inside_a_sentence_are_no_dateline(events_in):
    text = "The envoy met officials in Paris (France) – the talks were long. Police arrested two men on Tuesday."
    assert all(e.place_basis != "dateline" for e in events_in(text))


def test_a_day_stated_anywhere_in_the_clause_dates_an_act_buried_in_it(events_in):
    text = "The envoy began the process by meeting the opposition leader on Monday."
    (event,) = [e for e in events_in(text) if e.type == "CONSULT"]
    assert (event.date, event.date_basis) == ("2021-06-28", "clause")


def test_a_part_of_a_day_dates_its_day(events_in):
    text = "A boy was killed when police fired on a crowd in the old city on Monday afternoon, police said."
    (event,) = [e for e in events_in(text) if e.type == "ASSAULT"]
    assert (event.date, event.time_precision, event.date_basis) == ("2021-06-28", "day", "clause")


def test_a_day_after_publication_is_never_inherited_by_a_report_of_what_was_done(events_in):
    text = "Rallies are planned for July 2, 2021. Police arrested five students after the rally."
    (event,) = [e for e in events_in(text) if e.type == "COERCE"]
    assert (event.date, event.date_basis) == ("2021-06-30", "published")


def test_what_is_happening_as_it_is_told_is_dated_on_publication(events_in):
    (event,) = [e for e in events_in("Thousands of protesters are marching through Lahore.") if e.type == "PROTEST"]
    assert (event.date, event.date_basis, event.time_precision) == ("2021-06-30", "published", "day")


def test_a_past_act_without_a_stated_day_is_bounded_by_publication_never_given_its_day(events_in):
    for text in ("Police arrested five students after the rally.", "Police recently arrested five students."):
        (event,) = [e for e in events_in(text) if e.type == "COERCE"]
        assert (event.date, event.date_basis, event.time_precision) == ("2021-06-30", "published", "before")


def test_the_dateline_places_what_the_text_does_not(events_in):
    (event,) = [
        e for e in events_in("LAHORE (Wire) -- Police arrested five students after the rally.") if e.type == "COERCE"
    ]
    assert (event.place_text, event.place_basis) == ("LAHORE", "dateline")


def test_a_pluperfect_or_a_threat_takes_no_inferred_day(events_in):
    events = events_in("Police had arrested five students after an earlier rally.")
    assert events and all(event.time_precision != "day" for event in events)
    threats = [e for e in events_in("The rebels threatened to attack the capital.") if e.modality != "asserted"]
    assert all(event.date_basis in (None, "clause") for event in threats)


def test_without_a_publication_day_an_undated_report_has_no_date(events_in):
    (event,) = [e for e in events_in("Police arrested five students after the rally.", None) if e.type == "COERCE"]
    assert event.date is None and event.date_basis is None


@pytest.mark.parametrize("value", ["PAST_REF", "PRESENT_REF", "FUTURE_REF", "2021-SU", None])
def test_a_timex_placeholder_is_never_a_date(value):
    assert not is_date(value)


@pytest.mark.parametrize("value", ["2021", "2021-06", "2021-06-28", "2021-W26", "2021-06-28T13:00"])
def test_an_iso_value_is_a_date(value):
    assert is_date(value)


def test_a_village_the_gazetteer_lacks_is_still_the_place_the_clause_states(events_in):
    event = next(e for e in events_in("Gunmen killed five farmers in the village of Huwaysis.") if e.type == "ASSAULT")
    assert (event.place_text, event.place_basis) == ("Huwaysis", "clause")
    assert event.latitude is None, "no coordinates are invented for a name the gazetteer does not know"


def test_a_country_naming_the_attacker_is_not_where_the_strike_happened(events_in):
    events = [e for e in events_in("U.S. airstrikes killed five fighters.") if e.type == "ASSAULT"]
    assert events and all(event.place_text != "U.S." for event in events)


def test_a_place_named_to_say_where_another_lies_is_not_where_the_act_happened(events_in):
    text = "Five villagers were killed during shelling in the Hajira sector about 175 kilometers south of Muzaffarabad."
    events = [e for e in events_in(text) if e.type == "ASSAULT"]
    assert events and all((e.place_text, e.place_basis) == ("Hajira", "clause") for e in events)


@pytest.mark.parametrize(
    "text, place",
    [
        ("Israeli soldiers shot two men on Thursday in the West Bank town of Hebron.", "Hebron"),
        (
            "Three civilians were killed on Monday in shelling on Khanasir town in the countryside of Aleppo.",
            "Khanasir",
        ),
        ("Gunmen killed five villagers in the Rim district of Riyom in Plateau State.", "Rim"),
    ],
)
def test_of_a_town_and_the_region_it_lies_in_the_town_is_the_place(events_in, text, place):
    event = next(e for e in events_in(text) if e.type == "ASSAULT")
    assert (event.place_text, event.place_basis) == (place, "clause")


def test_a_month_taken_for_a_name_is_never_a_candidate_place(nlp):
    from dateline.extract.event_place import sentence_places
    from dateline.model import Span

    doc = nlp("The office in Beijing was raided in late March by the police.")
    names = [place.text for place in sentence_places(doc, Span(0, len(doc.text)), [], [])]
    assert "Beijing" in names and not any("March" in name for name in names)


def test_a_pluperfect_after_a_dated_sentence_is_never_dated_on_publication(events_in):
    text = "Riots broke out in Lahore on Monday. Four stalls had been torched by rioters."
    (riots,) = [e for e in events_in(text) if e.trigger_text == "Riots"]
    assert (riots.date, riots.date_basis) == ("2021-06-28", "clause")
    (torched,) = [e for e in events_in(text) if e.trigger_text == "torched"]
    assert (torched.date_basis, torched.time_precision) != ("published", "day")


def test_a_day_stated_in_another_sentence_is_inherited_and_yesterday_is_the_day_before(events_in):
    (event,) = [e for e in events_in("Police arrested five students yesterday.") if e.type == "COERCE"]
    assert (event.date, event.date_basis, event.time_precision) == ("2021-06-29", "clause", "day")


def test_a_lower_case_article_is_placed_in_its_own_country_and_dated_by_its_dateline(events_in):
    text = (
        "lucknow: police arrested five men in godhra on monday after clashes in gujarat. the apex court "
        "heard the case later. officials said the situation in the city was tense but under control."
    )
    (event,) = [e for e in events_in(text) if e.type == "COERCE"]
    assert (event.place_text, event.place_basis, event.country) == ("godhra", "clause", "IND")
    assert all(event.place_text != "apex" for event in events_in(text))


def test_a_dated_report_places_an_unplaced_act_at_its_dateline_not_at_a_place_it_talked_of(events_in):
    text = "LAHORE (Wire) -- Lawyers condemned the attack in Quetta. Police later arrested two men."
    (event,) = [e for e in events_in(text) if e.type == "COERCE"]
    assert (event.place_text, event.place_basis) == ("LAHORE", "dateline")


def test_a_sentence_offers_only_its_own_places_as_candidates(nlp):
    from dateline.extract.event_place import PLACE_LABELS, sentence_places
    from dateline.model import Span

    doc = nlp("Rebels attacked a checkpoint in Homs on Monday. Later, troops shelled villages near Damascus.")
    first, second = list(doc.sents)
    for sentence in (first, second):
        evidence = Span(sentence.start_char, sentence.end_char)
        names = [place.text for place in sentence_places(doc, evidence, [], [])]
        # The document's text and entities are built once per parse; asked again, the answer is the same.
        assert names == [place.text for place in sentence_places(doc, evidence, [], [])]
        assert names == [entity.text for entity in sentence.ents if entity.label_ in PLACE_LABELS]
    assert [place.text for place in sentence_places(doc, Span(first.start_char, first.end_char), [], [])] == ["Homs"]


def test_each_name_after_a_plural_area_word_is_a_candidate_place(nlp):
    from dateline.extract.event_place import sentence_places
    from dateline.model import Span

    doc = nlp("Militants stormed the towns of Jubb Hamra and Kafr Tal on Monday.")
    found = {place.text: place.feature for place in sentence_places(doc, Span(0, len(doc.text)), [], [])}
    assert found.get("Jubb Hamra") == "area"


def test_a_village_the_small_model_takes_for_a_person_is_still_a_candidate_place(nlp):
    from dateline.extract.event_place import sentence_places
    from dateline.model import Span

    stormed = nlp("Government troops stormed Tal Hamdan on Tuesday and expelled the militants.")
    assert [ent.label_ for ent in stormed.ents if ent.text == "Tal Hamdan"] == ["PERSON"]
    found = {place.text: place.feature for place in sentence_places(stormed, Span(0, len(stormed.text)), [], [])}
    assert found == {"Tal Hamdan": "person_object"}, "told apart from other names: the chooser weighs its kind"
    inside = nlp("A car bomb exploded inside Kafr Hamra on Sunday, killing four people.")
    assert [ent.label_ for ent in inside.ents if ent.text == "Kafr Hamra"] == ["PERSON"]
    assert [place.text for place in sentence_places(inside, Span(0, len(inside.text)), [], [])] == ["Kafr Hamra"]


def test_a_name_the_tokenizer_splits_at_its_hyphen_is_one_candidate_place(nlp):
    from dateline.extract.event_place import sentence_places
    from dateline.model import Span

    doc = nlp("Fighting raged in the streets of Al-Mayadeen on Sunday, a monitor - Reuters - said.")
    names = [place.text for place in sentence_places(doc, Span(0, len(doc.text)), [], [])]
    assert "Al-Mayadeen" in names and "Al" not in names and "Mayadeen" not in names


def test_a_body_marched_to_is_not_where_the_march_happened(events_in):
    text = "Thousands of protesters marched to the Legislative Council on Sunday."
    events = [e for e in events_in(text) if e.type == "PROTEST"]
    assert events and all(event.place_text != "Legislative Council" for event in events)


def test_an_article_s_parse_is_let_go_with_it_not_kept_until_the_next_article(nlp):
    """A streaming run lets each parse go once its stages have run: the events stage's readings of the Doc in hand
    hold it weakly, so the next article's stage neither keeps it alive nor pays to tear it down."""
    import weakref

    (parsed,) = parse([Article(id="t", text="Police arrested five students in Lahore on Monday.")], nlp)
    assert run_stages(parsed, load_resources()).of(Event)
    parse_of_the_article = weakref.ref(parsed.doc)
    del parsed
    assert parse_of_the_article() is None


def test_a_trigger_merged_into_another_of_its_sentence_never_overrides_the_place_chosen_for_it(events_in):
    # The shelling took place around the village (a name the gazetteer lacks); the attacks of the relative clause,
    # merged into the shelling, read a country, more precise to the gazetteer but not where the shelling was.
    text = (
        "Artillery shelled the hills around Kafr Tala overnight, where militants often gather to launch attacks on "
        "army posts in Syria."
    )
    (shelling,) = [event for event in events_in(text) if event.type == "ASSAULT"]
    assert (shelling.place_text, shelling.place_basis) == ("Kafr Tala", "clause")


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        ("A panel investigating the May 3 bombing of the market summoned a minister.", "investigating", "2021-05-03"),
        ("The committee investigating the Jan. 6 insurrection met on Monday.", "investigating", "2021-01-06"),
        ("Senators voted on Tuesday to create a commission to probe the March 9 riot.", "probe", "2021-03-09"),
        ("The minister condemned Sunday's attack on the convoy in a speech.", "condemned", "2021-06-27"),
        ("An inquiry into the April 2 shooting at the mall found police failures.", "inquiry", "2021-04-02"),
    ],
)
def test_a_day_that_dates_the_happening_an_act_reacts_to_does_not_date_the_act(events_in, text, trigger, day):
    (event,) = [e for e in events_in(text) if e.trigger_text == trigger]
    assert event.date != day


def test_a_day_of_the_act_itself_still_dates_it_beside_the_happening_it_reacts_to(events_in):
    text = "The minister on Tuesday condemned Sunday's attack on the convoy."
    (event,) = [e for e in events_in(text) if e.trigger_text == "condemned"]
    assert (event.date, event.date_basis) == ("2021-06-29", "clause")


@pytest.mark.parametrize(
    "text",
    [
        "Residents on Sunday marked the tenth anniversary of the bombing of the market.",
        "Residents will gather on Sunday for the first anniversary of the bombing of the market.",
    ],
)
def test_a_happening_an_anniversary_is_of_was_done_and_not_on_the_day_it_is_marked(events_in, text):
    (event,) = [e for e in events_in(text) if e.trigger_text == "bombing"]
    assert event.modality == "asserted"
    assert event.date != "2021-06-27"


def features_of_places(nlp, text: str, act: str) -> dict[str, dict[str, float]]:
    """What the place chooser reads of each place of a one-sentence ``text``, anchored on the word ``act``."""
    from dateline.extract.event_place import place_features, sentence_places
    from dateline.model import Span

    doc = nlp(text)
    verb = next(word for word in doc if word.text == act)
    candidates = sentence_places(doc, Span(0, len(doc.text)), [], [])
    return {place.text: values for place, values in place_features(verb, candidates, [])}


def test_the_dependency_path_from_a_place_to_the_act_is_a_feature_of_its_own(nlp):
    def paths(text: str, act: str) -> dict[str, list[str]]:
        return {
            place: [name for name in values if name.startswith("path=")]
            for place, values in features_of_places(nlp, text, act).items()
        }

    # The scene is the act's object, named through "of"; the doctor's town reaches the act only through the
    # subject of the verb that reports it. Each side names its steps up to where the two meet.
    attacked = paths("A doctor in Harran said gunmen attacked the village of Tal Sabra on Monday.", "attacked")
    assert attacked == {"Tal Sabra": ["path=pobj<prep=of<dobj|"], "Harran": ["path=pobj<prep=in<nsubj|ccomp"]}
    # A longer way up is cut after four steps, so that rare paths share a feature.
    killed = paths("A doctor in Harran said gunmen killed five people in the village of Tal Sabra.", "killed")
    assert killed["Tal Sabra"][0].endswith("<...|")


def test_the_clauses_between_a_place_and_the_act_and_its_rank_among_the_others_are_features(nlp):
    def nearness(text: str, act: str) -> dict[str, set[str]]:
        kinds = ("commas_between=", "verbs_between=", "nearest_after", "nearest_before")
        return {
            place: {name for name, value in values.items() if name.startswith(kinds) and value}
            for place, values in features_of_places(nlp, text, act).items()
        }

    # The town of the act's own phrase is the nearest after it with nothing between; the one of the next clause
    # lies a comma and a verb away, and is no longer the nearest on its side.
    found = nearness("Gunmen killed five people in Kafr Nabl, and the army shelled Idlib on Monday.", "killed")
    assert found["Kafr Nabl"] == {"commas_between=0", "verbs_between=0", "nearest_after"}
    assert found["Idlib"] == {"commas_between=1", "verbs_between=1"}
    # Before the act, the nearest place on that side is marked too, however many clauses lie between.
    found = nearness(
        "In Aleppo, where the army has fought for months, rebels attacked a checkpoint near Hama.", "attacked"
    )
    assert {"commas_between=2", "nearest_before"} <= found["Aleppo"]
    assert {"commas_between=0", "nearest_after"} <= found["Hama"]


def test_the_act_the_word_a_place_qualifies_and_its_name_are_read_as_word_vectors_too(nlp):
    from dateline.resources.word_vectors import word_vectors

    def vectors(text: str, act: str) -> dict[str, dict[str, list[float]]]:
        return {
            place: {
                kind: [values[f"{kind}={dimension}"] for dimension in range(50) if f"{kind}={dimension}" in values]
                for kind in ("act_vector", "describes_vector", "name_vector")
            }
            for place, values in features_of_places(nlp, text, act).items()
        }

    found = vectors("Gunmen attacked a hospital in Misrata on Monday.", "attacked")["Misrata"]
    # A chooser that never met "bombarded" still knows it from "attacked": the act's lemma as its vector.
    assert found["act_vector"] == pytest.approx(word_vectors(["attack"])[0].tolist())
    assert found["describes_vector"] == pytest.approx(word_vectors(["hospital"])[0].tolist())
    assert found["name_vector"] == pytest.approx(word_vectors(["misrata"])[0].tolist())
    # A place that qualifies no word but the act has no such vector; a name of several words is the mean of
    # theirs, at unit length.
    plain = vectors("Gunmen attacked Misrata on Monday.", "attacked")["Misrata"]
    assert plain["describes_vector"] == []
    (name,) = [found["name_vector"] for text, found in vectors("Gunmen attacked New York.", "attacked").items()]
    mean = word_vectors(["new"])[0] + word_vectors(["york"])[0]
    assert name == pytest.approx((mean / (mean @ mean) ** 0.5).tolist(), abs=1e-6)


def test_the_acts_object_the_sentences_main_verb_and_its_count_of_true_places_are_shared_by_all_its_places(nlp):
    from dateline.extract.event_place import place_features, sentence_places
    from dateline.model import Mention, Span
    from dateline.resources.word_vectors import word_vectors

    def shared(text: str, act: str, actors: tuple[str, ...] = ()) -> dict[str, dict[str, object]]:
        doc = nlp(text)
        mentions = [Mention("t", name, Span(text.index(name), text.index(name) + len(name)), name, "name", 1.0)
                    for name in actors]  # fmt: skip
        verb = next(word for word in doc if word.text == act)
        candidates = sentence_places(doc, Span(0, len(text)), [], [])
        return {
            place.text: {
                kind: [values[f"{kind}={dimension}"] for dimension in range(50) if f"{kind}={dimension}" in values]
                for kind in ("object_vector", "root_vector")
            }
            | {"places": [name for name in values if name.startswith("places=")]}
            for place, values in place_features(verb, candidates, mentions)
        }

    # What the act is done to and the verb it is told under say whether the sentence places it at all; each of
    # its places carries them alike, which weighs them together against "none".
    found = shared("Officials said the army shelled a market in Kafr Nabl and a school in Idlib.", "shelled")
    assert found["Kafr Nabl"] == found["Idlib"]
    assert found["Idlib"]["object_vector"] == pytest.approx(word_vectors(["market"])[0].tolist())
    assert found["Idlib"]["root_vector"] == pytest.approx(word_vectors(["say"])[0].tolist())
    assert found["Idlib"]["places"] == ["places=2"]
    # An act that is the sentence's own main verb is told under nothing.
    assert shared("The army shelled a market in Idlib.", "shelled")["Idlib"]["root_vector"] == []
    # A name that is an actor's does not count among the places the sentence names, though it stays a candidate.
    found = shared("Protesters clashed with police near Pakistan's parliament and burned flags in Lahore.", "clashed",
                   ("Pakistan",))  # fmt: skip
    assert found["Pakistan"]["places"] == found["Lahore"]["places"] == ["places=1"]


def test_a_place_naming_a_known_actor_beside_a_noun_stays_a_candidate_told_apart_by_that_noun(nlp):
    from dateline.extract.event_place import place_features, sentence_places
    from dateline.model import Mention, Span

    # "near Pakistan's parliament" says where the clash was; "U.S. flags" names whose flags. Both names are actors
    # the dictionary knows, so each is marked as one, with the noun it modifies, and the chooser weighs them.
    text = "Protesters clashed with police near Pakistan's parliament and burned U.S. flags in Lahore."
    doc = nlp(text)
    actors = [("PAK", "Pakistan"), ("USA", "U.S.")]
    mentions = [Mention("t", actor, Span(text.index(name), text.index(name) + len(name)), name, "name", 1.0)
                for actor, name in actors]  # fmt: skip
    clashed = next(word for word in doc if word.text == "clashed")
    candidates = sentence_places(doc, Span(0, len(text)), [], [])
    found = {place.text: values for place, values in place_features(clashed, candidates, mentions)}
    assert {"Pakistan", "U.S.", "Lahore"} <= set(found)
    assert found["Pakistan"]["actor_modifier"] == 1.0 and found["Pakistan"]["actor_modifier&head=parliament"] == 1.0
    assert found["U.S."]["actor_modifier&head=flag"] == 1.0
    assert not any(name.startswith("actor_") for name in found["Lahore"])
