"""The array attribute ruler, lemmatizer and entity recogniser annotate exactly as spaCy's own pipes do."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline._parser_internals.stateclass import StateClass
from spacy.tokens import Doc

from dateline import array_pipes
from dateline.array_pipes import use_array_pipes
from dateline.config import DEFAULT_SPACY_MODEL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Sentences that reach the ruler's rarer patterns: contractions ("n't" is a regular expression), "but" as an
# adverb, whitespace tokens, determiners, "that" as a subordinating conjunction, and words the lemmatizer's
# exception lists and suffix rules both cover.
TRICKY = [
    "They didn't go, but then    they went.\n\nIt wasn't   the first time; we'd known that since 2019.",
    "Those geese were leaving, but only just. Whether or not he'd agree, she said that he would.",
    "Gov't forces can't, won't and shouldn't  fire on the crowds that gathered at the ministries' gates.",
    "Running, ran, runs: the better-known men's feet were hurting worse than their children's.",
]


@functools.cache
def stock() -> Language:
    return spacy.load(DEFAULT_SPACY_MODEL)


def annotations(doc: spacy.tokens.Doc) -> list[tuple]:
    tokens = [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
    return tokens + [(e.start, e.end, e.label_, e.ent_id_, e.kb_id_) for e in doc.ents]


def corpus_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.rglob("*.txt"))]
    return TRICKY + texts


def test_the_default_pipeline_runs_both_array_pipes_under_the_stock_names(nlp):
    assert type(nlp.get_pipe("attribute_ruler")) is array_pipes.ArrayAttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is array_pipes.ArrayLemmatizer
    assert type(nlp.get_pipe("ner")) is array_pipes.ArrayEntityRecognizer
    ours = {"actor_ruler", "nominal_role_tags"}  # dateline's own pipes beside the stock ones
    assert [name for name in nlp.pipe_names if name not in ours] == stock().pipe_names


def test_every_token_is_annotated_as_by_the_stock_pipes():
    texts = corpus_texts()
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    assert use_array_pipes(swapped) == ["attribute_ruler", "lemmatizer", "ner"]
    for ours, theirs in zip(swapped.pipe(texts), stock().pipe(texts), strict=True):
        assert annotations(ours) == annotations(theirs)


def test_emptying_the_caches_mid_run_changes_no_annotation(monkeypatch):
    monkeypatch.setattr(array_pipes, "CACHE_LIMIT", 5)
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(swapped)
    for text in TRICKY:
        assert annotations(swapped(text)) == annotations(stock()(text))
    assert len(swapped.get_pipe("lemmatizer").lemmas) < 200


def test_a_ruler_pattern_beyond_equality_keeps_spacys_own_ruler():
    nlp = spacy.load(DEFAULT_SPACY_MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"TAG": "RB"})
    assert use_array_pipes(nlp) == ["lemmatizer", "ner"]
    assert type(nlp.get_pipe("attribute_ruler")) is spacy.pipeline.AttributeRuler


@pytest.mark.parametrize("text", ["", " ", "\n\n", "a"])
def test_tiny_documents_pass_through(nlp, text):
    assert annotations(nlp(text)) == annotations(stock()(text))


# Entities an entity ruler sets before the recogniser: the model must keep them and label around them, across
# sentence ends, next to each other and on whitespace, as spaCy's own decoder does.
PRESET_TEXT = (
    "Kataib Hezbollah and Asaib Ahl al-Haq met in Baghdad on Monday.  \n\nKataib Hezbollah Asaib Ahl al-Haq "
    "said Iraq's Prime Minister Mustafa al-Kadhimi must act. Hezbollah. Al-Kadhimi went to Washington, where "
    "riot police fired on the crowds."
)
PRESET_PATTERNS = [
    {"label": "ORG", "pattern": "Kataib Hezbollah", "id": "KH"},
    {"label": "ORG", "pattern": "Asaib Ahl al-Haq", "id": "AAH"},
    {"label": "PERSON", "pattern": "Al-Kadhimi", "id": "KADHIMI"},
    {"label": "ORG", "pattern": "Hezbollah", "id": "HEZBOLLAH"},
    {"label": "ORG", "pattern": "riot police", "id": "POLICE"},  # words the model itself does not call a name
]


def with_ruler(nlp: Language, patterns: list[dict]) -> Language:
    nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False}).add_patterns(patterns)
    return nlp


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_entities_preset_by_a_ruler_come_out_as_from_spacys_recogniser(batch_size):
    texts = [PRESET_TEXT, "Hezbollah", "Kataib Hezbollah", "", *TRICKY]
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(swapped)
    ours = list(with_ruler(swapped, PRESET_PATTERNS).pipe(texts, batch_size=batch_size))
    theirs = list(with_ruler(spacy.load(DEFAULT_SPACY_MODEL), PRESET_PATTERNS).pipe(texts, batch_size=batch_size))
    assert {"KH", "POLICE"} <= {entity.ent_id_ for entity in ours[0].ents}
    for mine, spacys in zip(ours, theirs, strict=True):
        assert annotations(mine) == annotations(spacys)


def test_a_preset_label_the_model_lacks_is_left_to_spacy_which_grows_the_model():
    patterns = [{"label": "WEAPON", "pattern": "Katyusha rockets"}]
    texts = ["Katyusha rockets hit the Green Zone in Baghdad.", PRESET_TEXT, "Two Katyusha rockets fell."]
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(swapped)
    swapped = with_ruler(swapped, patterns)
    ours = [swapped(text) for text in texts]
    stock_with_ruler = with_ruler(spacy.load(DEFAULT_SPACY_MODEL), patterns)
    theirs = [stock_with_ruler(text) for text in texts]
    assert "WEAPON" in {entity.label_ for entity in ours[0].ents}
    for mine, spacys in zip(ours, theirs, strict=True):
        assert annotations(mine) == annotations(spacys)


def test_the_move_rules_agree_with_spacys_transition_system_on_random_states():
    """Walk random documents (preset entities, missing and outside tags, sentence starts, whitespace tokens) with
    random valid moves; before every move, the moves allowed here must be exactly those spaCy's ``is_valid``
    allows."""
    nlp = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(nlp)
    recognizer = nlp.get_pipe("ner")
    moves = recognizer.recognizer.moves
    names = [moves.get_class_name(index) for index in range(moves.n_moves)]
    kinds = tuple(recognizer.kinds == kind for kind in range(1, 6))
    labels = ["ORG", "PERSON", "GPE"]
    randomly = random.Random(7)
    checked = 0
    for _ in range(300):
        length = randomly.randint(1, 9)
        words = [randomly.choice(["Iraq", "said", " ", "\n", "the", "PMU"]) for _ in range(length)]
        tags, inside = [], None
        for _ in range(length):
            choice = randomly.choice(["B", "I", "O", None, None])
            if choice == "I" and inside:
                tags.append(f"I-{inside}")
            elif choice in ("B", "I"):
                inside = randomly.choice(labels)
                tags.append(f"B-{inside}")
            else:
                tags.append(choice)
                inside = None
        starts = [True] + [randomly.random() < 0.3 for _ in range(length - 1)]
        doc = Doc(nlp.vocab, words=words, spaces=[False] * length, ents=tags, sent_starts=starts)
        columns = doc.to_array([ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]).astype(np.int64)
        state, open_label = StateClass(doc), 0
        for position in range(length):
            has_next = position + 1 < length
            after = columns[position + 1] if has_next else np.zeros(4, dtype=np.int64)
            row = (
                np.array([columns[position, 0]]),
                np.array([columns[position, 1]], dtype=np.uint64),
                np.array([columns[position, 3] == 1]),
                np.array([after[0]]),
                np.array([after[2] == 1]),
                np.array([has_next]),
                np.array([open_label != 0]),
                np.array([open_label], dtype=np.uint64),
            )
            ours = recognizer._valid(row, kinds, recognizer.move_labels)[0]
            theirs = np.array([moves.is_valid(state, name) for name in names])
            assert ours.tolist() == theirs.tolist(), (words, tags, starts, position)
            checked += 1
            chosen = randomly.choice(np.flatnonzero(theirs).tolist())
            moves.apply_transition(state, names[chosen])
            kind, label = int(recognizer.kinds[chosen]), int(recognizer.move_labels[chosen])
            open_label = label if kind == 1 else 0 if kind in (3, 4) else open_label
    assert checked > 1000


def test_a_preset_entity_that_runs_into_the_next_sentence_is_decoded_as_by_spacy():
    # Sentences are decoded apart only where no entity can be open; a preset one across a sentence start is.
    text = "Rebels shelled the port of Hodeidah. Yemen Today reported it on Monday. Then Kataib Hezbollah spoke."
    patterns = [{"label": "ORG", "pattern": "Hodeidah. Yemen Today", "id": "ACROSS"}, *PRESET_PATTERNS]
    swapped = spacy.load(DEFAULT_SPACY_MODEL)
    use_array_pipes(swapped)
    ours = with_ruler(swapped, patterns)(text)
    theirs = with_ruler(spacy.load(DEFAULT_SPACY_MODEL), patterns)(text)
    (across,) = [entity for entity in ours.ents if entity.ent_id_ == "ACROSS"]
    assert any(token.is_sent_start for token in across[1:])
    assert annotations(ours) == annotations(theirs)
