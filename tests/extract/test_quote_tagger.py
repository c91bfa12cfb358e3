"""The attribution tagger: well-formed decoding, features that follow the parse, spans joined into attributions,
and the shipped model file."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from dateline.errors import ResourceError
from dateline.extract import quotes
from dateline.extract.quote_tagger import (
    B_CONTENT,
    B_CUE,
    B_SOURCE,
    CUE_DEPTH,
    I_CONTENT,
    I_CUE,
    I_SOURCE,
    OUTSIDE,
    _cue_above,
    _viterbi,
    attributions,
    decode,
    normalised,
    segments,
)
from dateline.model import Article, Span
from dateline.nlp import ParsedArticle, parse
from dateline.resources import load_resources
from dateline.resources.quote_model import LABELS, MODEL_PATH, QuoteModel, load_quote_model

MAX_MODEL_BYTES = 30_000_000


def scores_for(preferred: list[int]) -> np.ndarray:
    scores = np.zeros((len(preferred), len(LABELS)))
    scores[np.arange(len(preferred)), preferred] = 5.0
    return scores


def test_decoding_never_opens_a_span_with_an_inside_label():
    # The scores alone would start with I-content and put I-source right after content.
    labels, probs = decode(normalised(scores_for([I_CONTENT, I_CONTENT, OUTSIDE, I_SOURCE, I_SOURCE])))
    for previous, label in zip([OUTSIDE, *labels[:-1]], labels, strict=True):
        if LABELS[label].startswith("I-"):
            assert LABELS[previous][2:] == LABELS[label][2:]
    assert ((probs > 0) & (probs <= 1)).all()


def test_decoding_keeps_a_well_formed_sequence_as_scored():
    wanted = [B_CONTENT, I_CONTENT, OUTSIDE, B_SOURCE, I_SOURCE, B_CUE]
    labels, _ = decode(normalised(scores_for(wanted)))
    assert labels.tolist() == wanted
    assert segments(labels) == [("content", 0, 2), ("source", 3, 5), ("cue", 5, 6)]


@pytest.fixture()
def parsed_one(nlp):
    def run(text: str) -> ParsedArticle:
        (parsed,) = parse([Article(id="t", text=text)], nlp)
        return parsed

    return run


def test_a_content_split_around_its_cue_is_one_attribution_of_two_parts(parsed_one):
    text = "“We will win,” she said, “and we will win soon.”"
    doc = parsed_one(text).doc
    words = [token.text for token in doc]
    labels = np.full(len(doc), OUTSIDE)
    labels[words.index("We")] = B_CONTENT
    labels[words.index("We") + 1 : words.index(",")] = I_CONTENT
    labels[words.index("she")] = B_SOURCE
    labels[words.index("said")] = B_CUE
    second = words.index("and")
    labels[second] = B_CONTENT
    labels[second + 1 : len(doc) - 2] = I_CONTENT
    (found,) = attributions(doc, labels, np.ones(len(doc)))
    assert [doc[first:last].text for first, last in found.parts] == ["We will win", "and we will win soon"]
    assert found.cue is not None and doc[found.cue[0]].text == "said"
    assert found.source is not None and doc[found.source[0]].text == "she"


def test_features_follow_the_parse_and_the_rules_reading(parsed_one):
    resources = load_resources()
    parsed = parsed_one("The minister said the bridge would reopen on Monday.")
    finder, drafts = quotes.rule_reading(parsed, resources)
    keys = quotes.tagger_keys(finder, drafts, resources)
    assert keys.shape[0] == len(parsed.doc)
    assert (keys == quotes.tagger_keys(finder, drafts, resources)).all()
    # Without the rules' drafts only the templates that read them change.
    bare = quotes.tagger_keys(finder, [], resources)
    changed = {int(column) for column in np.flatnonzero((keys != bare).any(axis=0))}
    assert changed and len(changed) < keys.shape[1]


def test_a_reported_clause_keeps_both_coordinated_clauses_its_speaker_and_cue(parsed_one):
    resources = load_resources()
    if not resources.quote_model:
        pytest.skip(f"no quote model at {MODEL_PATH} (make train-quotes)")
    text = "The mayor said the bridge would reopen on Monday and that tolls would stay the same."
    found = quotes.extract(parsed_one(text), resources)
    (quote,) = [quote for quote in found if quote.kind == "indirect"]
    assert text[quote.content.start : quote.content.end].startswith("the bridge would reopen")
    assert quote.content.end >= text.index("tolls")
    assert quote.cue_text == "said"
    mention = quote.speaker_mention
    assert mention is not None and "mayor" in text[mention.start : mention.end]
    assert 0 < quote.confidence <= 1


def test_the_shipped_model_loads_and_is_small():
    if not MODEL_PATH.exists():
        pytest.skip(f"no quote model at {MODEL_PATH} (make train-quotes)")
    assert MODEL_PATH.stat().st_size <= MAX_MODEL_BYTES
    model = load_quote_model()
    assert model and len(model.training_sha256) > 0


def test_no_model_file_means_the_rules_alone(tmp_path: Path):
    assert not load_quote_model(tmp_path / "absent.npz")


def test_a_broken_model_file_is_refused_with_its_name(tmp_path: Path):
    broken = tmp_path / "quote_model.npz"
    broken.write_bytes(b"not a model")
    with pytest.raises(ResourceError, match=r"quote_model\.npz"):
        load_quote_model(broken)


def test_the_model_knows_the_texts_it_was_trained_on():
    model = load_quote_model()
    if not model:
        pytest.skip(f"no quote model at {MODEL_PATH} (make train-quotes)")
    assert not model.was_trained_on("A text no one trained on.")


def test_spans_are_character_offsets_into_the_text(parsed_one):
    text = "“Prices will fall,” the analyst told reporters."
    resources = load_resources()
    for quote in quotes.extract(parsed_one(text), resources):
        for span in (quote.content, quote.cue, quote.speaker_mention):
            if span is not None:
                assert isinstance(span, Span) and 0 <= span.start < span.end <= len(text)


def test_decoding_finds_the_best_well_formed_sequence():
    rng = np.random.default_rng(7)

    def well_formed(sequence: tuple[int, ...]) -> bool:
        previous = OUTSIDE
        for label in sequence:
            if LABELS[label].startswith("I-") and LABELS[previous][2:] != LABELS[label][2:]:
                return False
            previous = label
        return True

    for _ in range(5):
        # Spread scores so that no token is certain enough to be fixed outside before the search.
        scores = rng.normal(scale=1.0, size=(4, len(LABELS)))
        log_probs = scores - np.logaddexp.reduce(scores, axis=1, keepdims=True)
        labels, _ = decode(normalised(scores))
        best = max(
            (sequence for sequence in itertools.product(range(len(LABELS)), repeat=4) if well_formed(sequence)),
            key=lambda sequence: sum(log_probs[position, label] for position, label in enumerate(sequence)),
        )
        assert tuple(labels.tolist()) == best


def test_decoding_in_pieces_gives_the_labels_of_one_search_over_the_whole_stretch():
    # Pieces are cut before tokens where every role's B- beats its I-, and a piece whose likeliest labels are
    # well-formed keeps them unsearched: neither may change the labels one search over everything finds.
    rng = np.random.default_rng(11)
    cut = kept = 0
    for trial in range(300):
        scores = rng.normal(scale=(1.0, 3.0, 0.5)[trial % 3], size=(40, len(LABELS)))
        if trial % 3 == 2:
            # Clearly preferred spans of random roles and lengths, which the likeliest labels already form.
            position = 0
            while position < len(scores):
                length, begin = int(rng.integers(1, 6)), int(rng.choice([OUTSIDE, B_CONTENT, B_CUE, B_SOURCE]))
                scores[position, begin] += 4.0
                scores[position + 1 : position + length, begin + (begin != OUTSIDE)] += 4.0
                position += length
        # No token so sure of outside that it is fixed before the search: the whole sequence is one stretch.
        scores[:, OUTSIDE] = np.minimum(scores[:, OUTSIDE], scores[:, 1:].max(axis=1))
        log_probs = normalised(scores)
        labels, _ = decode(log_probs)
        assert labels.tolist() == _viterbi(log_probs)
        begins_win = (log_probs[:, [B_CONTENT, B_CUE, B_SOURCE]] > log_probs[:, [I_CONTENT, I_CUE, I_SOURCE]]).all(1)
        cut += int(begins_win[1:].any())
        kept += int(labels.tolist() == log_probs.argmax(axis=1).tolist())
    assert cut > 100 and kept > 10  # both shortcuts were taken


def test_each_stretch_between_tokens_certainly_outside_is_decoded_on_its_own():
    # Tokens scored far more outside than anything else are fixed outside; the stretches around them (at the start,
    # in the middle, one token alone at the end) keep the labels their scores prefer.
    preferred = [B_CONTENT, I_CONTENT, OUTSIDE, OUTSIDE, B_SOURCE, I_SOURCE, OUTSIDE, B_CUE]
    scores = scores_for(preferred)
    scores[[2, 3, 6], OUTSIDE] = 30.0
    labels, probabilities = decode(normalised(scores))
    assert labels.tolist() == preferred
    assert (probabilities[[2, 3, 6]] > 0.995).all()


def test_each_words_nearest_cue_is_found_walking_up_its_heads(parsed_one):
    text = "The minister said that the bridge, which the storm damaged, would reopen on Monday. Traffic was light."
    doc = parsed_one(text).doc
    heads = np.array([token.head.i for token in doc])
    dep = np.array([token.dep for token in doc], dtype=np.uint64)
    is_cue = np.array([token.lemma_ == "say" for token in doc])
    depth, child_dep, cue_at = _cue_above(heads, dep, is_cue)
    for token in doc:
        # Up the heads from the word itself, at most CUE_DEPTH steps: the first cue met, and the word just below it.
        path = [token]
        while len(path) <= CUE_DEPTH and not is_cue[path[-1].i] and path[-1].head.i != path[-1].i:
            path.append(path[-1].head)
        if is_cue[path[-1].i]:
            assert (depth[token.i], cue_at[token.i]) == (len(path) - 1, path[-1].i)
            assert child_dep[token.i] == (1 if len(path) == 1 else path[-2].dep)
        else:
            assert (depth[token.i], cue_at[token.i], child_dep[token.i]) == (CUE_DEPTH + 1, -1, 0)
    assert (depth >= 2).any() and (cue_at == -1).any()  # the sentence has words deep under a cue, and ones under none


def test_normalised_scores_are_log_probabilities_exactly_as_numpy_reduces_them():
    scores = np.random.default_rng(7).normal(scale=6.0, size=(50, len(LABELS))).astype(np.float32)
    log_probs = normalised(scores)
    assert np.array_equal(log_probs, scores - np.logaddexp.reduce(scores, axis=1, keepdims=True))
    assert np.allclose(np.exp(log_probs).sum(axis=1), 1.0, atol=1e-5)


def test_a_token_scores_the_sum_of_its_known_keys_weights_and_nothing_for_unknown_keys():
    keys = np.array([3, 8, 20], dtype=np.uint64)
    weights = np.arange(4 * len(LABELS), dtype=np.float32).reshape(4, len(LABELS))
    weights[-1] = 0.0  # the row every unknown key points at
    model = QuoteModel(keys, weights, np.ones(len(LABELS), dtype=np.float32))
    tokens = np.array([[3, 20], [8, 99], [99, 98]], dtype=np.uint64)
    expected = np.stack([weights[0] + weights[2], weights[1], np.zeros(len(LABELS))]) + 1.0
    assert np.array_equal(model.scores(tokens), expected)
    assert model.scores(np.zeros((0, 0), dtype=np.uint64)).shape == (0, len(LABELS))


def test_the_key_table_finds_every_key_its_row_and_gives_unknown_keys_the_last_row():
    rng = np.random.default_rng(11)
    # Keys that share their top bits land in one slot and must be found by probing on; zero is a key like any other.
    crowded = (np.arange(40, dtype=np.uint64) << np.uint64(3)) | np.uint64(1)
    keys = np.unique(np.concatenate([rng.integers(0, 2**63, 2000, dtype=np.uint64), crowded, [np.uint64(0)]]))
    table = QuoteModel(keys).table
    assert np.array_equal(table.rows(keys), np.arange(len(keys)))
    unknown = np.setdiff1d(rng.integers(0, 2**63, 2000, dtype=np.uint64), keys)
    assert (table.rows(unknown) == len(keys)).all()
    assert (QuoteModel().table.rows(np.array([0, 5], dtype=np.uint64)) == 0).all()


def test_a_tokens_score_adds_its_templates_weights_one_template_at_a_time_in_order():
    rng = np.random.default_rng(5)
    keys = np.arange(1, 301, dtype=np.uint64) * np.uint64(7919)
    weights = rng.normal(scale=3.0, size=(len(keys) + 1, len(LABELS))).astype(np.float32)
    weights[-1] = 0.0
    model = QuoteModel(keys, weights, np.zeros(len(LABELS), dtype=np.float32))
    tokens = rng.choice(keys, size=(60, 40))
    expected = np.zeros((60, len(LABELS)), dtype=np.float32)
    for template in range(40):
        expected += weights[np.searchsorted(keys, tokens[:, template])]
    assert np.array_equal(model.scores(tokens), expected)
