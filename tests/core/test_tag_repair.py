"""The parse-level repair of verb tags on words in a noun's slot: what the pipeline's tags read after it."""

import pytest

from dateline.tag_repair import noun_tag


def tags_of(nlp, text: str) -> dict[str, tuple[str, str, str]]:
    return {token.text: (token.tag_, token.pos_, token.lemma_) for token in nlp(text)}


def test_a_plural_noun_the_tagger_read_as_a_verb_is_a_noun_when_it_is_the_subject(nlp):
    words = tags_of(nlp, "American airstrikes on an Iran-backed militia have killed four fighters.")
    assert words["airstrikes"] == ("NNS", "NOUN", "airstrike")


def test_a_verb_with_its_own_subject_and_object_stays_a_verb(nlp):
    words = tags_of(nlp, "The army strikes the rebel camp every night.")
    assert words["strikes"][1] == "VERB"


def test_participles_and_gerunds_in_a_nouns_slot_are_left_alone(nlp):
    words = tags_of(nlp, "Fighting continued near the border as the wounded were taken to hospital.")
    assert words["Fighting"][0] == "VBG"


@pytest.mark.parametrize(
    ("word", "verb_tag", "starts_sentence", "expected"),
    [
        ("airstrikes", "VBZ", False, "NNS"),
        ("Remarks", "VBZ", True, "NNS"),
        ("Sevaks", "VBZ", False, "NNPS"),
        ("Trump", "VB", True, "NNP"),
        ("Trump", "VBP", False, "NNP"),
        ("stand", "VB", False, "NN"),
    ],
)
def test_the_noun_tag_follows_the_form_and_its_capital(word, verb_tag, starts_sentence, expected):
    assert noun_tag(word, verb_tag, starts_sentence) == expected
