"""The per-Doc word lists the quotes stage reads instead of building Tokens: they must say what spaCy says."""

from __future__ import annotations

from dateline.extract.quote_words import span_root, words_of
from dateline.model import Article
from dateline.nlp import parse

TEXT = (
    "WASHINGTON -- The senator, who spoke on Tuesday, said the plan “would fail,” and aides agreed. "
    "Critics -- including two governors -- called it a mistake ; others stayed silent .\n\n"
    "“We will see,” she added, according to a statement.\n\n"
    "Fans cheered 🙂 at the café — Zoë said “ça va” in 𝔘𝔫𝔦 script."
)


def test_each_ranges_root_and_each_tokens_end_are_spacys(nlp):
    doc = next(iter(parse([Article(id="t", text=TEXT)], nlp))).doc
    words = words_of(doc)
    assert words.ends == [token.idx + len(token) for token in doc]
    assert words.alpha == [token.is_alpha for token in doc]
    # Every range, short ones and ones across sentences alike (the table of least ranks reads ranges of every
    # power of two in length).
    for low in range(len(doc)):
        for high in range(low, len(doc)):
            assert span_root(words, low, high) == doc[low : high + 1].root.i, (low, high)
