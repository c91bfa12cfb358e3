"""The one parse: chunking keeps every offset, and articles come back in order, each once, also when the parse runs
in a thread of its own beside the stages."""

import threading

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dateline.model import Article
from dateline.nlp import BATCH_TEXTS, parse, parse_in_thread, split_for_parsing


@given(st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=400), st.integers(min_value=5, max_value=60))
def test_split_pieces_concatenate_to_the_text_and_respect_the_limit(text, limit):
    pieces = split_for_parsing(text, limit)
    assert "".join(pieces) == text
    assert all(len(piece) <= limit for piece in pieces)


def test_split_prefers_paragraph_breaks():
    text = "First paragraph here.\nSecond paragraph follows it.\nThird."
    assert split_for_parsing(text, 40)[0] == "First paragraph here.\n"


@settings(deadline=None, max_examples=15)
@given(
    st.lists(
        st.sampled_from(["Kadhimi spoke in Baghdad.", "Five were killed.", "\n", " ", "Ünïcode “quotes”."]), max_size=30
    )
)
def test_chunked_parse_reproduces_the_text_exactly(nlp, parts):
    text = "".join(parts)
    (parsed,) = parse([Article(id="x", text=text)], nlp, chunk_chars=64)
    assert parsed.doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in parsed.doc)


def test_articles_come_back_in_order_with_long_ones_joined(nlp):
    long_text = "The strike hit Mosul on Monday.\n" * 20
    articles = [
        Article(id="short", text="Protesters gathered."),
        Article(id="long", text=long_text),
        Article(id="empty", text=""),
    ]
    parsed = list(parse(articles, nlp, chunk_chars=64))
    assert [p.article.id for p in parsed] == ["short", "long", "empty"]
    assert parsed[1].doc.text == long_text
    assert len(list(parsed[1].doc.sents)) >= 20


def test_quote_marks_glued_to_words_and_punctuation_are_tokens_of_their_own(nlp):
    doc = nlp.make_doc("Ryan said,“Look here,”Clinton said.“Fine.”―Carla Sanchez")
    assert [token.text for token in doc] == [
        "Ryan", "said", ",", "“", "Look", "here", ",", "”", "Clinton", "said", ".", "“", "Fine", ".", "”", "―",
        "Carla", "Sanchez",
    ]  # fmt: skip


def test_apostrophes_and_straight_marks_keep_the_default_tokenization(nlp):
    doc = nlp.make_doc('It’s the U.S. “plan” and Trump\'s "deal".')
    assert [token.text for token in doc] == [
        "It",
        "’s",
        "the",
        "U.S.",
        "“",
        "plan",
        "”",
        "and",
        "Trump",
        "'s",
        '"',
        "deal",
        '"',
        ".",
    ]


def test_the_loaded_tokenizer_is_the_one_spacy_itself_loads(nlp):

    from dateline.config import DEFAULT_SPACY_MODEL
    from dateline.nlp import _load_spacy

    ours, spacys = _load_spacy(DEFAULT_SPACY_MODEL), spacy.load(DEFAULT_SPACY_MODEL)
    assert ours.tokenizer.to_bytes(exclude=["vocab"]) == spacys.tokenizer.to_bytes(exclude=["vocab"])


def test_a_pipeline_whose_tokenizer_differs_from_its_config_keeps_its_own(tmp_path):

    from dateline.nlp import _load_spacy

    custom = spacy.blank("en")
    custom.tokenizer.add_special_case("dateline", [{"ORTH": "date"}, {"ORTH": "line"}])
    custom.to_disk(tmp_path / "custom")
    loaded = _load_spacy(str(tmp_path / "custom"))
    assert [token.text for token in loaded.make_doc("the dateline project")] == ["the", "date", "line", "project"]


def test_the_glued_quote_marks_survive_serialising_the_tokenizer(nlp):
    from spacy.tokenizer import Tokenizer

    copy = Tokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    assert [token.text for token in copy("said,“Look")] == ["said", ",", "“", "Look"]


def test_a_parse_batch_holds_at_most_batch_chars_characters_unless_one_text_alone_is_longer():
    from dateline.nlp import BATCH_CHARS, _batches

    lengths = [BATCH_CHARS * 4 // 5, BATCH_CHARS * 4 // 5, *[BATCH_CHARS // 10] * 12, BATCH_CHARS * 6 // 5, 10]
    texts = [("x" * length, number) for number, length in enumerate(lengths)]
    batches = list(_batches(texts, 32))
    assert [item for batch in batches for item in batch] == texts
    assert all(sum(len(text) for text, _ in batch) <= BATCH_CHARS or len(batch) == 1 for batch in batches)
    assert [len(batch) for batch in batches] == [1, 3, 10, 1, 1]


def _token_rows(doc):
    return [(t.idx, t.text, t.tag_, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in doc]


def test_the_parse_in_a_second_thread_gives_the_same_articles_in_the_same_order(nlp):
    articles = [
        Article(id=f"a{number}", text=f"Police arrested {number} men in Lucknow on Monday, officials said.")
        for number in range(90)
    ]
    articles[40:40] = [Article(id="empty", text=""), Article(id="long", text="The strike hit Mosul.\n" * 3000)]
    threaded = list(parse_in_thread(articles, nlp))
    plain = list(parse(articles, nlp))
    assert [p.article.id for p in threaded] == [a.id for a in articles]
    assert [_token_rows(p.doc) for p in threaded] == [_token_rows(p.doc) for p in plain]
    assert [[(e.start_char, e.end_char, e.label_) for e in p.doc.ents] for p in threaded] == [
        [(e.start_char, e.end_char, e.label_) for e in p.doc.ents] for p in plain
    ]


def test_articles_are_read_on_the_callers_thread_and_only_two_batches_ahead(nlp):
    readers: set[str] = set()
    read = 0

    def articles():
        nonlocal read
        for number in range(10 * BATCH_TEXTS):
            readers.add(threading.current_thread().name)
            read += 1
            yield Article(id=f"a{number}", text=f"Article number {number}.")

    stream = parse_in_thread(articles(), nlp)
    next(stream)
    assert readers == {threading.current_thread().name}
    assert read <= 2 * BATCH_TEXTS + 1
    stream.close()


def test_many_articles_without_text_do_not_stall_the_parse_thread(nlp):
    articles = [Article(id=f"e{number}", text="") for number in range(3 * BATCH_TEXTS)]
    articles.append(Article(id="last", text="Troops withdrew."))
    assert [p.article.id for p in parse_in_thread(articles, nlp)] == [a.id for a in articles]


def test_an_error_in_the_parse_thread_is_raised_in_the_caller_and_the_thread_ends():
    @Language.component("dateline_test_refuses_poison")
    def refuses_poison(doc):
        if "poison" in doc.text:
            raise ValueError("poisoned text")
        return doc

    blank = spacy.blank("en")
    blank.add_pipe("dateline_test_refuses_poison")
    articles = [Article(id="fine", text="A fine text."), Article(id="bad", text="A poison text.")]
    with pytest.raises(ValueError, match="poisoned text"):
        list(parse_in_thread(articles, blank))
    assert not [thread for thread in threading.enumerate() if thread.name == "dateline-parse"]


def test_closing_the_stream_early_ends_the_parse_thread(nlp):
    articles = (Article(id=f"a{number}", text="Rebels shelled the town.") for number in range(1000))
    stream = parse_in_thread(articles, nlp)
    assert next(stream).article.id == "a0"
    stream.close()
    assert not [thread for thread in threading.enumerate() if thread.name == "dateline-parse"]
