"""The role choosers: trained models pick who did an event and to whom where the rules' parse reading misses."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import run_stages
from dateline.extract.events import parties
from dateline.extract.events.triggers import find_triggers
from dateline.model import Article, Event
from dateline.nlp import parse
from dateline.resources import load_resources
from dateline.resources.role_model import RoleModel, load_role_model


@pytest.fixture(scope="module")
def events_with(nlp):
    def run(text: str, **models: RoleModel) -> list[Event]:
        (parsed,) = parse([Article(id="t", text=text)], nlp)
        return run_stages(parsed, replace(load_resources(), **models)).of(Event)

    return run


@pytest.mark.parametrize("role", ["source", "target"])
def test_the_shipped_models_load_with_their_training_record(role):
    model = load_role_model(role)
    assert model.classes == ("other", role)
    assert 0.5 <= model.threshold <= 1.0
    assert "ConfliBERT" in model.trained_on and len(model.training_sha256) == 2


@pytest.mark.parametrize(
    ("sentence", "kind", "target"),
    [
        # the recipient behind a second preposition, which the rules' parse reading does not reach
        ("Kenya asked for military support from Uganda on Tuesday.", "REQUEST", "Uganda"),
        ("The European Union imposed new sanctions on Belarusian officials.", "SANCTION", "officials"),
        ("Russia's foreign minister met his Chinese counterpart Wang Yi in Beijing.", "CONSULT", "Wang Yi"),
    ],
)
def test_the_target_is_the_party_the_event_is_done_to(events_with, sentence, kind, target):
    events = [event for event in events_with(sentence) if event.type == kind]
    assert events, sentence
    assert target in (events[0].target_text or "")


def test_an_empty_target_model_leaves_the_rules_targets(events_with):
    sentence = "Kenya asked for military support from Uganda on Tuesday."
    assert [event.target_text for event in events_with(sentence, target_model=RoleModel())] == [None]
    assert [event.target_text for event in events_with(sentence)] == ["Uganda"]


def test_a_place_is_where_not_whom(events_with):
    (protest,) = [
        event for event in events_with("Thousands of workers marched in Lagos on Monday.") if event.type == "PROTEST"
    ]
    assert protest.target_text is None


@pytest.mark.parametrize(
    ("sentence", "kind", "source"),
    [
        ("Police arrested two opposition leaders in Kampala on Friday.", "COERCE", "Police"),
        ("Israel accused Iran of arming Hezbollah.", "ACCUSE", "Israel"),
    ],
)
def test_the_source_is_who_did_it(events_with, sentence, kind, source):
    events = [event for event in events_with(sentence) if event.type == kind]
    assert events and source in (events[0].source_text or "")


def test_one_word_is_never_both_source_and_target(events_with):
    for event in events_with(
        "Turkish troops shelled Kurdish positions near the border, and Kurdish fighters fired back."
    ):
        assert event.source_text is None or event.source_text != event.target_text


@pytest.mark.parametrize("role", ["source", "target"])
def test_a_broken_model_file_is_named_in_the_error(tmp_path, role):
    path = tmp_path / f"{role}_model.npz"
    np.savez_compressed(path, classes=np.array(["other", "victim"]))
    with pytest.raises(ResourceError, match=rf"{role}_model\.npz"):
        load_role_model(role, path)


@pytest.mark.parametrize(
    ("sentence", "target", "arrested"),
    [
        ("Over 50 people were arrested for rioting and looting shops in the city.", "50 people", 51),
        ("Police detained nine students over the burning of a bus.", "nine students", 9),
    ],
)
def test_the_people_a_verb_acts_on_are_not_traded_for_a_thing(events_with, sentence, target, arrested):
    (arrest,) = [event for event in events_with(sentence) if event.type == "COERCE"]
    assert target in (arrest.target_text or "")
    assert arrest.arrested == arrested


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The governor condemned the killings at the market and the carnage in the old city.", "ACCUSE"),
        ("The police chief denied any such incident at the station.", "REJECT"),
        ("A judge will probe the matter, the ministry said.", "ACCUSE"),
    ],
)
def test_a_happening_condemned_denied_or_probed_is_no_target(events_with, sentence, kind):
    # The lexicon codes "killed", not "the killings": the noun still names a happening, never a party to one.
    (event,) = [event for event in events_with(sentence) if event.type == kind]
    assert event.target_text is None


def test_a_known_party_keeps_the_target_slot_from_the_state_that_possesses_it(events_with):
    (meeting,) = [
        event for event in events_with("France's president met Germany's chancellor.") if event.type == "CONSULT"
    ]
    assert meeting.source_actor_id == "FRA-GOV"
    assert meeting.target_actor_id == "DEU-GOV"


@pytest.mark.parametrize("role", ["source", "target"])
def test_the_choosers_score_exactly_the_features_training_reads(nlp, role):
    # The events stage scores feature groups, each looked up once per model; training reads the rows spelt out.
    # Both must give every candidate word the same margin, whoever the rules chose.
    text = "Rebel fighters from the north attacked an army convoy near Goma on Monday, the ministry's spokesman said."
    (parsed,) = parse([Article(id="t", text=text)], nlp)
    doc = parsed.doc
    (match,) = [found for found in find_triggers(doc[:], load_resources().events) if found.head.lower_ == "attacked"]
    actor_words = {word.i for word in doc if word.lower_ in ("fighters", "army")}
    model = load_role_model(role)
    words = parties.candidates(match, doc[:], None)
    assert len(words) >= 5
    for rules, other in ((None, None), (words[0], words[1]), (words[2], None)):
        spelt = parties.pair_rows(match.head, match.trigger.event, words, rules, other, lambda w: w.i in actor_words)
        margins = parties.pair_margins(model, match, [word.i for word in words], rules, other, actor_words)
        assert margins == pytest.approx([model.margin(row) for row in spelt], abs=1e-12)


@pytest.mark.parametrize(
    ("sentence", "kind", "source", "target"),
    [
        (
            "President Joe Biden and Russian President Vladimir Putin met in Geneva.",
            "CONSULT",
            "JOE_BIDEN",
            "VLADIMIR_PUTIN",
        ),
        ("Iran and Saudi Arabia agreed to restore ties.", "AGREE", "IRN", "SAU"),
    ],
)
def test_of_an_act_two_sides_do_together_the_second_named_is_the_target(events_with, sentence, kind, source, target):
    (event,) = [event for event in events_with(sentence) if event.type == kind]
    assert (event.source_actor_id, event.target_actor_id) == (source, target)


def test_the_first_side_of_a_clash_is_named_without_the_second(events_with):
    (clash,) = [
        event for event in events_with("Army troops and Houthi rebels clashed near Marib.") if event.type == "ASSAULT"
    ]
    assert clash.target_actor_id == "HOUTHIS"
    assert clash.source_actor_id != "HOUTHIS" and "Houthi" not in (clash.source_text or "")


def test_sides_that_act_together_on_a_third_stay_one_source(events_with):
    (strike,) = [
        event for event in events_with("Hamas and Islamic Jihad fired rockets at Israel.") if event.type == "ASSAULT"
    ]
    assert strike.source_actor_id == "HAMAS" and strike.target_actor_id == "ISR"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("It was the right call, a defiant Biden said, responding to harsh criticism of his decision.", "ACCUSE"),
        ("Israel retaliated for the rocket attack by striking targets in Gaza.", "ASSAULT"),
        ("The ministry condemned the car bomb attack in Kabul.", "ASSAULT"),
    ],
)
def test_who_answers_or_condemns_a_happening_did_not_do_it(events_with, sentence, kind):
    answered = [event for event in events_with(sentence) if event.type == kind and event.trigger_text != "striking"]
    assert answered and all(event.source_text is None for event in answered)


@pytest.mark.parametrize(
    ("sentence", "source", "target"),
    [
        ("The minister faced criticism over the deal.", None, "minister"),
        ("The president received criticism from Republicans on Monday.", "Republicans", "president"),
        ("Ukraine received military aid from the United States.", "United States", "Ukraine"),
    ],
)
def test_the_subject_of_a_verb_of_undergoing_is_the_target_and_from_names_the_doer(
    events_with, sentence, source, target
):
    (event,) = [event for event in events_with(sentence) if event.type in ("ACCUSE", "AID")]
    assert (source or "") in (event.source_text or "") and (event.source_text is None) == (source is None)
    assert target in (event.target_text or "")


def test_a_participle_with_a_by_agent_is_passive_even_where_the_parser_read_it_active(events_with):
    (deployment,) = [
        event
        for event in events_with("Hundreds of troops, deployed to the border by the governor, arrived on Monday.")
        if event.type == "MOBILIZE"
    ]
    assert "governor" in (deployment.source_text or "")
    assert "troops" in (deployment.target_text or "")


@pytest.mark.parametrize(
    ("sentence", "kind", "target"),
    [
        ("Police are investigating the attack on the Iraqi embassy.", "ACCUSE", None),
        ("The committee investigating the riot at the U.S. Capitol met on Wednesday.", "ACCUSE", None),
        ("The minister condemned the Taliban attack on the convoy.", "ACCUSE", "TALIBAN"),
    ],
)
def test_whom_a_happening_was_done_to_is_no_target_of_those_who_probe_or_condemn_it(
    events_with, sentence, kind, target
):
    (reaction,) = [event for event in events_with(sentence) if event.type == kind and event.trigger_text != "met"]
    assert reaction.target_actor_id == target
