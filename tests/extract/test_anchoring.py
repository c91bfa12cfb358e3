"""The trained date chooser: its candidates, the tense it reads, and the rules it stands beside."""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pytest
from spacy.tokens import Doc, Token

from dateline.extract import anchoring
from dateline.extract.anchoring import NO_DAY, PUBLISHED
from dateline.model import Span, TimeRef
from dateline.resources.anchor_model import AnchorModel, load_anchor_model
from dateline.resources.place_model import place_model_of

PUBLISHED_ON = datetime(2021, 6, 30, 9, 0)


def word(doc: Doc, text: str) -> Token:
    """The document's first word written ``text``: the event's trigger."""
    return next(token for token in doc if token.text == text)


def time_at(text: str, phrase: str, value: str, granularity: str = "day") -> TimeRef:
    start = text.index(phrase)
    return TimeRef("t", Span(start, start + len(phrase)), phrase, "DATE", value, granularity, "publish_date", 0.9)


@pytest.mark.parametrize(
    ("text", "trigger", "tense"),
    [
        ("Police had arrested five students.", "arrested", "pluperfect"),
        ("Police have arrested five students.", "arrested", "present_perfect"),
        ("Police arrested five students.", "arrested", "past"),
        ("Police will arrest five students.", "arrest", "future"),
        ("Protesters are marching through the city.", "marching", "present_progressive"),
    ],
)
def test_the_tense_and_aspect_of_the_trigger_are_read_from_its_auxiliaries(nlp, text, trigger, tense):
    head = word(nlp(text), trigger)
    assert anchoring.tense_aspect(head) == tense


def test_candidates_are_the_times_of_the_sentence_and_the_two_before_then_the_day_and_no_day(nlp):
    text = "Riots broke out on Monday. Shops closed. Police came. Officers arrested six men on Tuesday."
    doc = nlp(text)
    times = [
        time_at(text, "Monday", "2021-06-28"),
        time_at(text, "Tuesday", "2021-06-29"),
        time_at(text, "Riots", "PAST_REF", "none"),  # a placeholder dates nothing
    ]
    head = word(doc, "arrested")
    options = anchoring.candidates(head, times, PUBLISHED_ON)
    assert [option.time.text if option.time else option.kind for option in options] == [
        "Tuesday",
        "published",
        "none",
    ], "Monday is three sentences back"
    assert anchoring.candidates(head, times, None)[-1] == NO_DAY


def test_the_rules_take_a_stated_day_else_the_publication_day_but_never_for_a_pluperfect(nlp):
    text = "Police had arrested five students."
    head = word(nlp(text), "arrested")
    assert anchoring.rule_date(None, head, 0, [], PUBLISHED_ON) == NO_DAY
    head = word(nlp("Police arrested five students."), "arrested")
    assert anchoring.rule_date(None, head, 0, [], PUBLISHED_ON) == PUBLISHED


def test_every_candidate_is_described_and_a_time_in_the_clause_says_so(nlp):
    text = "Police arrested five students on Monday."
    doc = nlp(text)
    monday = time_at(text, "Monday", "2021-06-28")
    head = word(doc, "arrested")
    options = anchoring.candidates(head, [monday], PUBLISHED_ON)
    rows = anchoring.features(head, options, monday, options[0], [monday], PUBLISHED_ON)
    assert [option for option, _ in rows] == options
    values = rows[0][1]
    assert values["time|same_clause"] == 1.0 and values["time|stated"] == 1.0 and values["rule"] == 1.0
    assert values["time|day=before"] == 1.0 and "time|prep=on&on=head" in values


def test_the_shipped_chooser_prefers_a_day_stated_in_the_clause_to_the_publication_day(nlp):
    model = load_anchor_model()
    assert model and "(tune) sha256:" in model.trained_on and "(report)" not in model.trained_on
    text = "Police arrested five students on Monday."
    doc = nlp(text)
    monday = time_at(text, "Monday", "2021-06-28")
    head = word(doc, "arrested")
    best, probability = anchoring.choose(model, monday, head, [monday], PUBLISHED_ON)
    assert best.time == monday and probability > 0.5


def test_without_a_model_the_rules_choose(nlp):
    from dateline.extract.when_where import when

    head = word(nlp("Police arrested five students."), "arrested")
    assert when(None, head, 0, [], PUBLISHED_ON, AnchorModel()) == ("2021-06-30", "day", "published")
    head = word(nlp("Police will arrest five students."), "arrest")
    assert when(None, head, 0, [], PUBLISHED_ON, AnchorModel()) == (None, None, None)


@pytest.mark.parametrize(
    ("value", "after"),
    [
        ("2021-W26", False),  # the week that holds Wednesday 30 June 2021
        ("2021-W27", True),
        ("2021-W25", False),
        ("2021-06", False),
        ("2021-07", True),
        ("2021", False),
        ("2022", True),
        ("2021-06-30", False),
        ("2021-07-01", True),
        ("2021-07-01TMO", True),
        ("2021-06-30T18:00", False),
        ("PAST_REF", False),
        ("2021-W00", False),
        (None, False),
    ],
)
def test_a_date_is_after_publication_only_when_it_begins_after_the_publication_day(value, after):
    assert anchoring.after_publication(value, PUBLISHED_ON) is after
    assert anchoring.after_publication(value, None) is False


def test_a_time_is_read_against_the_publication_year_and_month_and_by_the_words_between(nlp):
    text = "Police arrested five students in March, months after the riots of 2019."
    doc = nlp(text)
    march = time_at(text, "March", "2021-03", "month")
    year = time_at(text, "2019", "2019", "year")
    head = word(doc, "arrested")
    options = anchoring.candidates(head, [march, year], PUBLISHED_ON)
    rows = dict(anchoring.features(head, options, march, options[0], [march, year], PUBLISHED_ON))
    in_march, in_2019 = rows[options[0]], rows[options[1]]
    assert in_march["time|year=same"] == 1.0 and in_march["time|month=before"] == 1.0
    assert in_2019["time|year=before"] == 1.0 and not any(name.startswith("time|month=") for name in in_2019)
    assert in_march["time|words_apart=1"] == 1.0  # four words on: 3 to 5
    assert in_2019["time|words_apart=2"] == 1.0  # eleven words on: 6 to 11
    assert not any(name.startswith(("time|year=", "time|month=")) for name in rows[PUBLISHED])


def test_the_chooser_gives_its_pick_the_softmax_over_the_event_s_candidates(nlp):
    head = word(nlp("Police arrested five students."), "arrested")
    model = place_model_of(["kind=published", "kind=none"], np.array([2.0, 1.0]), 0.0, 0.5, "")
    best, probability = anchoring.choose(model, None, head, [], PUBLISHED_ON)
    assert best == PUBLISHED and probability == pytest.approx(math.exp(2.0) / (math.exp(2.0) + math.exp(1.0)))


def test_a_day_is_read_by_how_many_days_before_the_publication_day_it_lies(nlp):
    text = "Police arrested five students on Tuesday after clashes on June 20 and a march on July 2."
    doc = nlp(text)
    times = [
        time_at(text, "Tuesday", "2021-06-29"),
        time_at(text, "June 20", "2021-06-20"),
        time_at(text, "July 2", "2021-07-02"),
        time_at(text, "students", "2021-06", "month"),  # a month has no days to count
    ]
    head = word(doc, "arrested")
    options = anchoring.candidates(head, times, PUBLISHED_ON)
    rows = anchoring.features(head, options, times[0], options[0], times, PUBLISHED_ON)
    read = [[name for name in values if name.startswith("time|days_before=")] for _, values in rows]
    assert read == [["time|days_before=1"], ["time|days_before=8+"], ["time|days_before=after"], [], [], []]
