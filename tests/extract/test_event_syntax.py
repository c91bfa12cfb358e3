"""The parse readings the event coder caches per document give what spaCy's own attributes give."""

from __future__ import annotations

from dateline.extract.events.syntax import noun_chunk_bounds, parse_arrays
from dateline.extract.events.triggers import word_forms
from dateline.extract.happening import feature_word, words_of

TEXT = (
    "Gunmen in pickup trucks attacked the police station in the northern town of Bunia on Monday. "
    "Four women were raped and the army arrested two suspects, the governor of the province said. "
    "Protesters who gathered outside the ministry demanded the release of the detained journalists."
)


def test_a_sentences_noun_chunks_are_the_documents_chunks_inside_it(nlp):
    doc = nlp(TEXT)
    for sentence in doc.sents:
        inside = [(chunk.start, chunk.end) for chunk in doc.noun_chunks if sentence.start <= chunk.start < sentence.end]
        assert list(noun_chunk_bounds(sentence[0])) == inside
        assert inside


def test_head_indices_and_labels_are_the_tokens_own(nlp):
    doc = nlp(TEXT)
    heads, labels = parse_arrays(doc)
    assert heads == [token.head.i for token in doc]
    assert labels == [token.dep_ for token in doc]


def test_word_forms_are_lemma_and_word_with_the_stems_of_a_past_verb(nlp):
    doc = nlp("Four women were raped and the army arrested him.")
    forms = dict(zip([token.text for token in doc], word_forms(doc), strict=True))
    assert forms["women"] == ("woman", "women")
    assert forms["raped"][:2] == (doc[3].lemma_.lower(), "raped")
    assert forms["raped"][2:] == ("rape", "rap")
    assert forms["arrested"] == ("arrest", "arrested", "arreste", "arrest")


def test_the_models_words_mask_names_numbers_and_dates_and_leave_out_punctuation(nlp):
    doc = nlp("Police in Baghdad arrested 12 men on Monday, Reuters said.")
    assert words_of(doc) == ["police", "in", "<GPE>", "arrest", "<CARDINAL>", "man", "on", "<DATE>", "<ORG>", "say"]
    assert [feature_word(token) for token in doc][:4] == ["police", "in", "<GPE>", "arrest"]
    assert words_of(doc[0:3]) == ["police", "in", "<GPE>"]
