"""ACLED sub-event coding: the rules' codebook distinctions and the trained coder, on sentences written for these
tests (none is taken from a gold set), and the coder's sub-events as the events stage stores them."""

from __future__ import annotations

import pytest

from dateline.eval.events import analyse_parsed, rules_resources
from dateline.extract.acled import NONE, code, coding_features, rules_coding
from dateline.model import Event
from dateline.resources import Resources, load_resources


def _coded(text: str) -> tuple[str, str, list[str]]:
    """The trained coder's and the rules' sub-event of one text, and the coder's features."""
    resources = load_resources()
    ((analysis, doc),) = analyse_parsed([("t", text, None)], rules_resources())
    events = analysis.of(Event)
    features = coding_features(doc, events, resources.events)
    return code(features, resources.acled_model)[0], rules_coding(events, resources.events), features


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("A roadside bomb exploded under an army truck near the border, killing three soldiers.",
         "Remote explosive/landmine/IED"),
        ("Hundreds of students marched peacefully through the capital to demand lower tuition fees.",
         "Peaceful protest"),
        ("Government warplanes bombed rebel positions outside the city on Sunday.", "Air/drone strike"),
        ("Police arrested four opposition activists at their homes before dawn.", "Arrests"),
        ("Rebels and government troops fought for hours in the hills north of the town.", "Armed clash"),
        ("The finance ministry published its annual budget report on Tuesday.", NONE),
    ],
)  # fmt: skip
def test_the_trained_coder_gives_the_codebooks_sub_event(text, sub_event):
    coded, _, _ = _coded(text)
    assert coded == sub_event


def test_the_coders_features_carry_the_rules_reading_and_who_is_armed():
    _, rules, features = _coded("Gunmen shot dead two farmers in their fields.")
    assert rules == "Attack" and "text_rule=Attack" in features
    assert "type=ASSAULT" in features and "ASSAULT|src_armed=True" in features
    assert not any(
        feature.startswith("w=") and "gunmen" not in feature and feature.endswith("shot") for feature in features
    )


def test_names_and_numbers_are_masked_so_the_coder_learns_no_place():
    _, _, features = _coded("Protesters gathered in Nairobi on 3 March.")
    assert "w=nairobi" not in features and "w=<GPE>" in features


def test_word_classes_let_the_words_news_uses_share_a_rare_types_evidence():
    _, _, features = _coded("A helicopter dropped containers of chlorine gas on the town.")
    assert {"cue=air", "cue=chemical"} <= set(features)
    _, _, statement = _coded("The finance ministry published its annual budget report on Tuesday.")
    assert not any(feature.startswith("cue=") for feature in statement)


def _stored(text: str, resources: Resources) -> list[Event]:
    ((analysis, _),) = analyse_parsed([("t", text, None)], resources)
    return analysis.of(Event)


def test_stored_events_carry_the_trained_coders_sub_event_and_its_probability():
    events = _stored("Government warplanes bombed rebel positions outside the city on Sunday.", load_resources())
    coded = [event for event in events if event.acled_sub_event]
    assert [event.acled_sub_event for event in coded] == ["Air/drone strike"]
    assert 0.0 < coded[0].acled_confidence <= 1.0 and coded[0].acled_event_type == "Explosions/Remote violence"


def test_one_happening_in_a_sentence_is_one_acled_event_however_many_plover_events_it_holds():
    text = "Police fired tear gas and arrested dozens of protesters who had marched on parliament on Monday."
    events = _stored(text, load_resources())
    assert len(events) > 1 and len([event for event in events if event.acled_sub_event]) == 1


def test_without_a_trained_coder_the_rules_sub_events_stand_and_carry_no_coder_probability():
    events = _stored("Government warplanes bombed rebel positions outside the city on Sunday.", rules_resources())
    assert "Air/drone strike" in {event.acled_sub_event for event in events}
    assert all(event.acled_confidence is None for event in events)


def test_a_stored_code_is_the_one_the_coders_sorted_features_give():
    """The stage scores a sentence's features as it finds them, unsorted and with repeats: the coder reads them as
    a set, so its code and probability are those of ``coding_features``."""
    text = "Police fired tear gas at protesters and arrested twelve of them outside the police station in Ranchi."
    coded, _, features = _coded(text)
    label, probability = code(features, load_resources().acled_model)
    stored = [event for event in _stored(text, load_resources()) if event.acled_sub_event]
    assert [(event.acled_sub_event, event.acled_confidence) for event in stored] == [(label, round(probability, 3))]
    assert coded == label
