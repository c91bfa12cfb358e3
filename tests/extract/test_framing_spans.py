"""The framing span tagger: feature columns line up with tokens, and B/I/O scores decode into spans."""

from __future__ import annotations

import numpy as np

from dateline.extract.framing import match_lexicon
from dateline.extract.framing_spans import _distinct_words, decode, scores, token_columns, token_features
from dateline.model import Span
from dateline.resources import load_resources
from dateline.resources.framing_model import TAGS, LexiconNeighbours, build_model


def test_every_feature_column_holds_one_key_per_token_and_marks_lexicon_hits_and_voices(nlp):
    doc = nlp("The thugs attacked. “They are thugs,” he said.")
    hits = list(match_lexicon(doc, load_resources().framing))
    quote = Span(doc[5].idx, doc[7].idx + len(doc[7]))
    columns = token_columns(doc, hits, [(quote, "direct_quote")])
    assert all(column.shape == (len(doc),) for column in columns.values())
    assert [token.i for token in doc if columns["lex"][token.i]] == [1, 7]
    assert columns["lex"][1] == columns["lex"][7]
    assert len({columns["voice"][1], columns["voice"][7]}) == 2
    assert columns["lower+1"][1] == columns["lower"][2] and columns["lower-1"][0] == 0


def test_a_words_earlier_uses_in_the_article_are_counted_and_stop_words_and_marks_are_not(nlp):
    doc = nlp("Evil men. The evil ones, evil again and evil, evil.")
    repeat = token_columns(doc, [], [])["repeat"]
    evil = [int(repeat[token.i]) for token in doc if token.lower_ == "evil"]
    assert evil == [1, 2, 3, 4, 4]
    assert all(repeat[token.i] == 0 for token in doc if token.is_stop or token.is_punct)


def test_distinct_words_are_numbered_as_np_unique_numbers_the_word_and_lemma_pairs(nlp):
    # The nearness products' last bits depend on the order of their rows, so the order must not change.
    doc = nlp("The thugs ran. Thugs, thugs and more thugs ran to the thug; the Thug ran.")
    pairs = np.array([[token.lower, token.lemma] for token in doc], dtype=np.uint64)
    _, first, inverse = np.unique(pairs, axis=0, return_index=True, return_inverse=True)
    found_first, found_inverse = _distinct_words(doc)
    assert found_first.tolist() == first.tolist()
    assert found_inverse.tolist() == inverse.reshape(len(doc)).tolist()
    assert len(first) < len(doc)


def _model_for_one_technique():
    return build_model(("Loaded_Language",), [], np.zeros((0, len(TAGS))), np.zeros(len(TAGS)), [0.0], [0.0], "")


def _log_probabilities(labels: str) -> np.ndarray:
    """Near-certain log-probabilities for one technique from a string of O/B/I, one letter per token."""
    probabilities = np.full((len(labels), 1, len(TAGS)), 0.01)
    for i, label in enumerate(labels):
        probabilities[i, 0, TAGS.index(label)] = 0.98
    return np.log(probabilities)


def test_a_run_of_b_and_i_is_one_span_an_i_after_o_opens_one_and_a_b_starts_a_new_one(nlp):
    doc = nlp("They are vicious lying thugs and cowardly brutes")
    spans = decode(doc, _model_for_one_technique(), _log_probabilities("OOBIIOIB"))
    assert [doc.text[span.evidence.start : span.evidence.end] for span in spans] == [
        "vicious lying thugs",
        "cowardly",
        "brutes",
    ]
    assert all(span.technique == "Loaded_Language" and 0.9 < span.confidence <= 1 for span in spans)


def test_a_one_word_text_decodes_whether_or_not_its_word_is_tagged(nlp):
    doc = nlp("Thugs")
    assert decode(doc, _model_for_one_technique(), _log_probabilities("O")) == []
    assert [span.tokens for span in decode(doc, _model_for_one_technique(), _log_probabilities("B"))] == [(0, 1)]


def test_a_span_never_takes_in_a_line_break(nlp):
    doc = nlp("vile\n\nscum")
    assert [token.is_space for token in doc] == [False, True, False]
    spans = decode(doc, _model_for_one_technique(), _log_probabilities("BII"))
    assert [span.tokens for span in spans] == [(0, 1), (2, 3)]


def test_the_o_bias_trades_precision_for_recall(nlp):
    doc = nlp("fierce heated angry debate")
    log_probabilities = np.log(np.tile([[[0.6, 0.3, 0.1]]], (len(doc), 1, 1)))
    assert decode(doc, _model_for_one_technique(), log_probabilities) == []
    lowered = log_probabilities.copy()
    lowered[:, :, 0] += np.log(0.4)
    assert len(decode(doc, _model_for_one_technique(), lowered)) == len(doc)


def test_scores_add_the_weights_of_the_features_a_token_has(nlp):
    doc = nlp("cruel words")
    columns, dense = token_features(doc, [], [], LexiconNeighbours())
    key = int(columns["lower"][0])
    weights = np.array([[0.0, 5.0, 0.0]])
    model = build_model(("Loaded_Language",), [("lower", key, "lower=cruel")], weights, np.zeros(3), [0.0], [0.0], "")
    log_probabilities = scores(model, columns, dense)
    assert log_probabilities[0, 0].argmax() == TAGS.index("B")
    assert np.allclose(np.exp(log_probabilities[1, 0]), 1 / 3)


def test_punctuation_at_either_end_of_a_span_is_left_out_and_a_span_of_punctuation_alone_is_none(nlp):
    doc = nlp("a Putin - lover , truly")
    spans = decode(doc, _model_for_one_technique(), _log_probabilities("OBIIIO"))
    assert [doc.text[span.evidence.start : span.evidence.end] for span in spans] == ["Putin - lover"]
    assert decode(doc, _model_for_one_technique(), _log_probabilities("OOBOBO")) == []


def test_a_span_that_cuts_a_hyphenated_word_grows_to_the_whole_word(nlp):
    doc = nlp("the neo-Catholic mill and a Putin - lover")
    assert [token.text for token in doc][1:4] == ["neo", "-", "Catholic"]
    spans = decode(doc, _model_for_one_technique(), _log_probabilities("OBOOOOOBOO"))
    assert [doc.text[span.evidence.start : span.evidence.end] for span in spans] == ["neo-Catholic", "Putin"]


def test_a_span_of_stop_words_alone_is_no_loaded_wording_but_one_holding_a_word_is(nlp):
    doc = nlp("Rebels and the soldiers met")
    assert decode(doc, _model_for_one_technique(), _log_probabilities("OBIOO")) == []
    spans = decode(doc, _model_for_one_technique(), _log_probabilities("BIIIO"))
    assert [doc.text[span.evidence.start : span.evidence.end] for span in spans] == ["Rebels and the soldiers"]


def test_a_word_the_lexicon_holds_by_its_form_and_by_its_lemma_is_matched_by_its_form(nlp):
    doc = nlp("The crowd was enraged by the verdict.")
    keys = [entry.key for entry, _ in match_lexicon(doc, load_resources().framing)]
    assert keys == ["enraged"]
