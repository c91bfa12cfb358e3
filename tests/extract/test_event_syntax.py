"""The parse readings the event coder caches per document give what spaCy's own attributes give."""

from __future__ import annotations

from dateline.extract.events.candidates import context_of
from dateline.extract.events.filling import has_actor
from dateline.extract.events.syntax import depth, governs, noun_chunk_bounds, parse_arrays, sentence_of
from dateline.extract.events.triggers import word_forms
from dateline.extract.happening import _clause_arrays, feature_word, words_of
from dateline.model import Article, Mention, Span
from dateline.nlp import ParsedArticle
from dateline.resources import load_resources

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


def test_depth_and_governing_read_off_the_head_indices_agree_with_spacys_ancestors(nlp):
    doc = nlp(TEXT)
    for token in doc:
        ancestors = [word.i for word in token.ancestors]
        assert depth(token) == len(ancestors)
        for other in doc:
            assert governs(other, token) == (other.i in ancestors)
            assert governs(other, token, 2) == (other.i in ancestors[:2])


def test_each_words_sentence_is_the_one_spacy_gives(nlp):
    doc = nlp("BUNIA, Congo --\n\n" + TEXT + "\nA line with no stop")
    assert len(list(doc.sents)) > 3
    for token in doc:
        expected, found = token.sent, sentence_of(token)
        assert (found.start, found.end) == (expected.start, expected.end)


def test_a_word_has_an_actor_when_an_actor_mention_covers_any_of_its_characters(nlp):
    doc = nlp(TEXT)
    army = TEXT.index("the army")
    # A mention that starts inside "pickup" and one that covers "the army": the words they touch, and no others.
    mentions = (
        Mention("a", "pickup", Span(TEXT.index("pickup") + 2, TEXT.index("pickup") + 4), "ck", "description", 1.0),
        Mention("a", "army", Span(army, army + len("the army")), "the army", "description", 1.0),
    )
    resources = load_resources()
    context = context_of(
        ParsedArticle(Article(id="a", text=TEXT), doc, mentions),
        resources.events,
        resources.source_model,
        resources.target_model,
        resources.place_model,
    )
    covered = [token.text for token in doc if has_actor(token, context)]
    assert covered == ["pickup", "the", "army"]
    assert not has_actor(None, context)


def test_the_clause_walks_children_and_quiet_words_are_the_tokens_own(nlp):
    doc = nlp(TEXT)
    children, quiet = _clause_arrays(doc)
    assert [list(words) for words in children] == [[child.i for child in token.children] for token in doc]
    assert quiet == [token.is_punct or token.is_space or token.is_stop for token in doc]


def test_the_article_length_the_realness_model_reads_is_the_texts(nlp):
    from dateline.extract.events.realness import _text_length

    for text in (TEXT, "  Spaces before, and after.  \n", ""):
        doc = nlp(text)
        assert _text_length(doc) == len(doc.text) == len(text)


def test_a_reading_kept_for_the_doc_in_hand_is_that_docs_and_does_not_keep_it_alive(nlp):
    import gc
    import weakref

    from dateline.extract.events.syntax import per_doc_in_hand

    asked: list[int] = []

    @per_doc_in_hand
    def lengths(doc):  # type: ignore[no-untyped-def]
        asked.append(len(doc))
        return [len(token) for token in doc]

    first, second = nlp("Police arrested two men."), nlp("Rebels shelled the town on Monday night.")
    for doc in (first, first, second, first, second, second):
        assert lengths(doc) == [len(token) for token in doc]
    assert asked == [len(first), len(second)]  # each document read once, whichever was in hand
    gone = weakref.ref(second)
    del doc, second
    gc.collect()
    assert gone() is None


def test_clause_verb_and_governors_read_off_the_arrays_agree_with_spacys_tokens(nlp):
    from dateline.extract.anchoring import CLAUSE_DEPS, clause_of, verb_of
    from dateline.extract.events.syntax import GOVERNED_BY, governors_of

    doc = nlp(TEXT + " The march was called off after troops who had been deployed fired on the crowd.")
    for token in doc:
        clause = token
        for _ in range(50):
            if clause.dep_ in CLAUSE_DEPS or (clause.dep_ == "conj" and clause.pos_ in ("VERB", "AUX")):
                break
            if clause.head.i == clause.i:
                break
            clause = clause.head
        assert clause_of(token).i == clause.i
        verb = token
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        assert verb_of(token).i == verb.i
        expected, current = [], token
        for _ in range(3):
            if current.dep_ not in GOVERNED_BY or current.head.i == current.i:
                break
            current = current.head
            expected.append(current.i)
        assert [word.i for word in governors_of(token)] == expected


def test_a_reading_kept_per_word_is_worked_out_once_per_word_of_each_doc(nlp):
    from dateline.extract.events.syntax import per_word

    asked: list[tuple[int, int]] = []

    @per_word
    def lemma_length(token):  # type: ignore[no-untyped-def]
        asked.append((len(token.doc), token.i))
        return len(token.lemma_)

    first, second = nlp("Police arrested two men."), nlp("Rebels shelled the town on Monday night.")
    for token in (first[1], first[1], second[1], first[1], second[1], first[3]):
        assert lemma_length(token) == len(token.lemma_)
    assert asked == [(len(first), 1), (len(second), 1), (len(first), 3)]


def test_the_acts_kept_per_word_are_the_ones_read_afresh(nlp):
    from dateline.extract.anchoring import tense_aspect
    from dateline.extract.events.syntax import _blamed_on, _controlling_clause, blamed_on, controlling_clause

    doc = nlp(
        "The ministry accused the rebels of carrying out attacks on aid convoys. Officials blamed the bombing on "
        "militants and charged two men with murder. Police had arrested five men for looting."
    )

    def indices(pair):  # type: ignore[no-untyped-def]
        return None if pair is None else (pair[0].i, None if pair[1] is None else pair[1].i)

    for token in [*doc, *doc]:  # asked twice: the second answers are the kept ones
        assert indices(controlling_clause(token)) == indices(_controlling_clause(token))
        assert indices(blamed_on(token)) == indices(_blamed_on(token))
        assert tense_aspect(token) == tense_aspect.__wrapped__(token)
    assert indices(controlling_clause(doc[8])) == (2, 4)  # "attacks": what "accused" says "the rebels" did
    assert indices(blamed_on(doc[16])) == (14, 18)  # "the bombing": blamed on "militants"
