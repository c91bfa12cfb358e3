"""Who fills an event's source and target: parties only; never a weapon, a happening, a date or a pronoun
nobody is named by, and the victim of a reduced passive is the target."""

from __future__ import annotations

from datetime import datetime

import pytest

from dateline.extract import run_stages
from dateline.model import Article, Event
from dateline.nlp import parse
from dateline.resources import load_resources


@pytest.fixture(scope="module")
def events_in(nlp):
    def run(text: str) -> list[Event]:
        (parsed,) = parse([Article(id="t", text=text, published=datetime(2021, 6, 30))], nlp)
        return run_stages(parsed, load_resources()).of(Event)

    return run


def test_a_headline_passive_makes_the_downed_aircraft_s_country_the_target(events_in):
    events = events_in("Russian military helicopter shot down near the Syrian border")
    assert events
    for event in events:
        assert event.source_country != "RUS"
    assert any(event.target_country == "RUS" or "Russian" in (event.target_text or "") for event in events)


def test_protesters_killed_in_a_headline_are_the_victims(events_in):
    events = events_in("Dozens of demonstrators killed in Yangon")
    killing = next(event for event in events if event.type == "ASSAULT")
    assert killing.source_text is None
    assert "demonstrators" in (killing.target_text or "")


def test_a_thing_is_not_the_target_of_a_denial(events_in):
    events = events_in("The defence ministry denied the reports on Tuesday.")
    denial = next(event for event in events if event.type == "REJECT")
    assert denial.target_text is None


def test_an_event_noun_as_subject_yields_to_the_party_that_modifies_it(events_in):
    events = events_in("Turkish airstrikes forced thousands of villagers to flee.")
    for event in events:
        assert "airstrikes" not in (event.source_text or "")


def test_an_unresolved_demonstrative_names_no_one(events_in):
    events = events_in("That prompted the army to deploy troops to the capital.")
    assert all((event.source_text or "").lower() != "that" for event in events)


@pytest.mark.parametrize(
    ("text", "trigger", "party"),
    [
        ("The senator criticized the governor's handling of the floods.", "criticized", "governor"),
        ("Prosecutors are investigating the company's dealings with foreign officials.", "investigating", "company"),
        ("The mayor condemned Governor Jane Marsh's response to the strike.", "condemned", "Marsh"),
        ("The governor hit back at the senator's criticism of his handling of the floods.", "criticism", "governor"),
    ],
)
def test_whose_conduct_an_act_is_aimed_at_is_its_target_not_the_conduct(events_in, text, trigger, party):
    (event,) = [e for e in events_in(text) if e.trigger_text == trigger]
    assert party in (event.target_text or "")
    assert not any(conduct in event.target_text for conduct in ("handling", "dealings", "response"))


def test_a_pronoun_in_the_conduct_aimed_at_never_stands_for_the_act_s_own_doer(events_in):
    (event,) = [e for e in events_in("Mayor Ann Lee said the council had criticized her handling of the floods.")]
    assert event.target_text != "council"


@pytest.mark.parametrize(
    ("text", "trigger", "doer"),
    [
        ("The minister said her talks with the Iranian envoy had been useful.", "talks", "minister"),
        (
            "President Ana Ruiz apologised after snapping at a reporter following her summit with the Chilean leader.",
            "summit",
            "Ruiz",
        ),
    ],
)
def test_a_possessive_pronoun_on_an_act_stands_for_the_subject_of_a_clause_above(events_in, text, trigger, doer):
    (event,) = [e for e in events_in(text) if e.trigger_text == trigger]
    assert doer in (event.source_text or "")


def test_its_never_stands_for_a_person(events_in):
    events = events_in("Modi told reporters the army had been praised since its deployment to the city on Friday.")
    (deployment,) = [e for e in events if e.trigger_text == "deployment"]
    assert "Modi" not in (deployment.source_text or "")


def test_forces_withdrawn_with_no_agent_are_the_side_that_withdraws(events_in):
    (event,) = [e for e in events_in("The last British troops were withdrawn from Helmand on Monday.")]
    assert event.source_country == "GBR" and event.target_country is None


def test_who_lays_siege_is_its_doer(events_in):
    text = "Senators will ask why thousands of supporters of the candidate laid siege to the parliament building."
    (event,) = [e for e in events_in(text) if e.trigger_text == "siege"]
    assert "supporters" in (event.source_text or "")


@pytest.mark.parametrize(
    "text",
    [
        "House Republicans opened a probe into the origins of COVID-19 on Monday.",
        "The regulator approved a second vaccine against Ebola for health workers.",
    ],
)
def test_a_disease_is_never_a_party(events_in, text):
    events = events_in(text)
    assert events
    for event in events:
        for party in (event.source_text or "", event.target_text or ""):
            assert "COVID" not in party and "Ebola" not in party


@pytest.mark.parametrize(
    ("text", "trigger", "target"),
    [
        (
            "A Texas teenager who supports President Trump says he was assaulted by a stranger at a restaurant.",
            "assaulted",
            "Texas teenager",
        ),
        ("Reno has said she was consulted on the immigration decision.", "consulted", "Reno"),
    ],
)
def test_the_pronoun_a_reported_passive_acts_on_is_the_teller(events_in, text, trigger, target):
    event = next(event for event in events_in(text) if event.trigger_text == trigger)
    assert (event.target_text or "").startswith(target)
    assert event.target_actor_id != "DONALD_TRUMP", "whom the teller's own clause supports is no party of the act"


def test_the_pronoun_of_a_telling_to_someone_is_not_taken_for_the_teller(events_in):
    text = "The deputy speaker told Yadav that he would be allowed to raise the matter during zero hour."
    for event in events_in(text):
        assert "speaker" not in (event.target_text or ""), "'he' may be Yadav: the telling names another party"
