"""ACLED sub-event coding: the rules' codebook distinctions and the trained coder, on sentences written for these
tests (none is taken from a gold set)."""

from __future__ import annotations

import pytest

from dateline.eval.events import analyse_parsed
from dateline.extract.acled import NONE, code, coding_features, rules_coding
from dateline.model import Event
from dateline.resources import load_resources


def _coded(text: str) -> tuple[str, str, list[str]]:
    """The trained coder's and the rules' sub-event of one text, and the coder's features."""
    resources = load_resources()
    ((analysis, doc),) = analyse_parsed([("t", text, None)])
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
