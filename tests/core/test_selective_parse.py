"""Selective parsing: only runs of sentences with a cheap sign of a record go through the statistical pipes."""

from __future__ import annotations

from dateline.model import Article
from dateline.nlp import parse, plan_parse

TEXT = (
    "BAGHDAD (Wire) -- Police arrested 12 men in Basra on Monday. "
    "it was quiet and warm over there. "
    "the streets were empty and dark. "
    '"We will not stop," a leader said.'
)


def test_a_plan_covers_the_text_and_keeps_only_sentences_with_a_cue(nlp):
    plan = plan_parse(TEXT, nlp)
    assert "".join(text for text, _ in plan) == TEXT
    assert [needed for _, needed in plan] == [True, False, True]
    assert plan[1][0] == "it was quiet and warm over there. the streets were empty and dark. "


def test_a_lexicon_word_in_any_inflection_is_a_cue(nlp):
    assert plan_parse("they were attacking the place.", nlp) == [("they were attacking the place.", True)]
    assert plan_parse("he told them so.", nlp) == [("he told them so.", True)]


def test_a_selective_parse_keeps_offsets_sentences_and_the_parse_where_it_ran(nlp):
    [parsed] = parse([Article("a1", TEXT)], nlp, selective=True)
    doc = parsed.doc
    assert doc.text == TEXT
    sentences = [sentence.text.strip() for sentence in doc.sents]
    assert "it was quiet and warm over there." in sentences
    assert "the streets were empty and dark." in sentences
    assert {ent.text for ent in doc.ents} >= {"Basra", "Monday"}
    said = next(token for token in doc if token.text == "said")
    assert said.lemma_ == "say" and said.dep_ == "ROOT"
    quiet = next(token for token in doc if token.text == "quiet")
    assert quiet.dep_ == "" and quiet.lemma_ == ""


def test_switched_off_everything_is_parsed(nlp):
    [parsed] = parse([Article("a1", TEXT)], nlp, selective=False)
    quiet = next(token for token in parsed.doc if token.text == "quiet")
    assert quiet.dep_ != ""
