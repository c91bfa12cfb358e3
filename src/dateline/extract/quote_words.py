"""A document's words as plain lists, read once per Doc for the quotes stage's loops over every token.

The rules, the candidate generator and the chooser's features each walk every token of an article; through
``doc[i]`` and ``token.head`` each step builds a new Token. These lists hold the same readings (offsets, word
forms, tags, labels, heads) so the loops touch Tokens only where a candidate is found.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

from dateline.extract.events.syntax import (
    TOKEN_COLUMNS,
    lemma_forms,
    parse_arrays,
    token_columns,
    vocabulary_memo,
    word_arrays,
)
from dateline.nlp import per_doc


@dataclass(frozen=True, slots=True)
class Words:
    """Per token: character offset and end, lower-case form, lower-case lemma, coarse and fine tag, dependency label,
    entity label, head index, whether it is punctuation, space or alphabetic; and ``roots``, a table of the least
    ``Span.root`` rank over every range of a power of two in length (see ``span_roots``)."""

    starts: list[int]
    ends: list[int]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    heads: list[int]
    punct: list[bool]
    space: list[bool]
    alpha: list[bool]
    roots: np.ndarray


# Empty: a string's id here is the one every vocabulary gives it (a symbol's number, else the string's hash).
_STRING_IDS = StringStore()


@functools.cache
def string_hashes(strings: tuple[str, ...]) -> np.ndarray:
    """The ids ``doc.vocab.strings[string]`` gives ``strings``, sorted, worked out once per process: a lexicon's
    words were looked up again for every article."""
    return np.sort(np.array([_STRING_IDS[string] for string in strings], dtype=np.uint64))


def columns_of(doc: Doc, attributes: list[int]) -> np.ndarray:
    """``doc.to_array(attributes)`` (tokens, attributes, uint64) for the attributes the quotes stage reads (all among
    the columns read once per Doc that the events stage shares)."""
    return token_columns(doc)[:, [TOKEN_COLUMNS.index(attribute) for attribute in attributes]]


@per_doc
def words_of(doc: Doc) -> Words:
    # The readings the events stage also keeps per Doc are shared with it (read once, whichever stage asks first).
    heads, dep = parse_arrays(doc)
    pos, ent, starts, lower = word_arrays(doc)
    columns = columns_of(doc, [TAG, IS_PUNCT, IS_SPACE, IS_ALPHA, LENGTH])
    rank = _root_rank(np.array(heads, dtype=np.int64), columns[:, 1] | columns[:, 2])
    return Words(
        starts=starts,
        ends=(np.array(starts, dtype=np.int64) + columns[:, 4].astype(np.int64)).tolist(),
        lower=lower,
        lemma=lemma_forms(doc),
        pos=pos,
        # Each tag's string looked up once per vocabulary, then every word read by it.
        tag=list(map(vocabulary_memo(doc.vocab, _text).__getitem__, columns[:, 0].tolist())),
        dep=dep,
        ent=ent,
        heads=heads,
        punct=columns[:, 1].astype(bool).tolist(),
        space=columns[:, 2].astype(bool).tolist(),
        alpha=columns[:, 3].astype(bool).tolist(),
        roots=_least_ranks(rank),
    )


def _text(vocab: Vocab, value: int) -> str:
    return vocab.strings[value]


def _root_rank(heads: np.ndarray, loose: np.ndarray) -> np.ndarray:
    """Each token's rank as ``Span.root`` picks, for all tokens at once: -1 for a sentence root (spaCy takes the
    first one within a span before anything else), else its distance from its sentence's root (a childless
    punctuation or space token: the document's length less one, as spaCy ranks it). Within a span, the first token of
    least rank is its root: a token's head is one nearer the root and, having a child, is ranked by that distance,
    so the least ranked token's head lies outside the span, and no other token heading out ranks lower."""
    n = len(heads)
    index = np.arange(n)
    # Pointer jumping: each token holds an ancestor and its distance to it, and jumps to that ancestor's
    # ancestor, so the loop runs about log2 of the deepest tree's depth times.
    above, depth = heads.copy(), (heads != index).astype(np.int64)
    while True:
        further = above[above]
        if np.array_equal(further, above):
            break
        depth += depth[above]
        above = further
    childless = np.bincount(heads[heads != index], minlength=n) == 0
    rank = np.where(loose.astype(bool) & childless, n - 1, depth)
    rank[heads == index] = -1
    return rank


def _least_ranks(rank: np.ndarray) -> np.ndarray:
    """Row ``k``, column ``i``: the least of ``(rank + 1) * n + index`` over the ``2 ** k`` tokens from ``i`` (a
    sparse table: any range's least is the lesser of two rows' entries). Ranking by index among equal ranks makes the
    least the first of equals; entries that would run past the end hold the largest value."""
    n = len(rank)
    # One row per width of a power of two up to ``n``, each written in place from the one before.
    table = np.full((max(n.bit_length(), 1), n), np.iinfo(np.int64).max, dtype=np.int64)
    table[0] = (rank.astype(np.int64) + 1) * n + np.arange(n)
    for level in range(1, len(table)):
        width = 1 << (level - 1)
        np.minimum(table[level - 1, :-width], table[level - 1, width:], out=table[level, :-width])
    return table


def span_roots(words: Words, lows: list[int], highs: list[int]) -> list[int]:
    """The index of ``Span.root`` of each range of tokens ``low`` to ``high`` (inclusive), as spaCy picks it: a
    sentence root within, else the token heading out of the span nearest its sentence's root, the first of equals."""
    if not lows:
        return []
    low, high = np.array(lows, dtype=np.int64), np.array(highs, dtype=np.int64)
    # The largest power of two within each range's length: its exponent as ``frexp`` gives it, less one.
    level = np.frexp(high - low + 1)[1] - 1
    least = np.minimum(words.roots[level, low], words.roots[level, high - (1 << level) + 1])
    return (least % words.roots.shape[1]).tolist()


def span_root(words: Words, low: int, high: int) -> int:
    """``span_roots`` of one range."""
    return span_roots(words, [low], [high])[0]
