"""A document's words as plain lists, read once per Doc for the quotes stage's loops over every token.

The rules, the candidate generator and the chooser's features each walk every token of an article; through
``doc[i]`` and ``token.head`` each step builds a new Token. These lists hold the same readings (offsets, word
forms, tags, labels, heads) so the loops touch Tokens only where a candidate is found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, LEMMA, ORTH, TAG
from spacy.tokens import Doc

from dateline.extract.events.syntax import parse_arrays, word_arrays
from dateline.nlp import per_doc


@dataclass(frozen=True, slots=True)
class Words:
    """Per token: character offset and end, lower-case form, lower-case lemma, coarse and fine tag, dependency label,
    entity label, head index, whether it is punctuation, space or alphabetic, and the cost ``Span.root`` ranks it
    by (its distance from its sentence's root; a childless punctuation or space token ranks last)."""

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
    root_cost: list[int]


@per_doc
def words_of(doc: Doc) -> Words:
    # The readings the events stage also keeps per Doc are shared with it (read once, whichever stage asks first).
    heads, dep = parse_arrays(doc)
    pos, ent, starts, lower = word_arrays(doc)
    columns = doc.to_array([LEMMA, TAG, IS_PUNCT, IS_SPACE, IS_ALPHA, ORTH])
    strings = doc.vocab.strings

    def names(column: int, lowered: bool = False) -> list[str]:
        # Each distinct value's string once, then every token by it.
        values = columns[:, column].tolist()
        found = {value: strings[value] for value in set(values)}
        if lowered:
            found = {value: text.lower() for value, text in found.items()}
        return [found[value] for value in values]

    orth = columns[:, 5].tolist()
    width = {value: len(strings[value]) for value in set(orth)}
    root_cost = _root_cost(np.array(heads, dtype=np.int64), columns[:, 2] | columns[:, 3])
    return Words(
        starts=starts,
        ends=[start + width[value] for start, value in zip(starts, orth, strict=True)],
        lower=lower,
        lemma=names(0, lowered=True),
        pos=pos,
        tag=names(1),
        dep=dep,
        ent=ent,
        heads=heads,
        punct=columns[:, 2].astype(bool).tolist(),
        space=columns[:, 3].astype(bool).tolist(),
        alpha=columns[:, 4].astype(bool).tolist(),
        root_cost=root_cost,
    )


def _root_cost(heads: np.ndarray, loose: np.ndarray) -> list[int]:
    """Each token's distance from its sentence's root (a childless punctuation or space token: the document's
    length less one, as spaCy ranks it), for all tokens at once: every token climbs its chain of heads one level
    per step, so the loop runs as many times as the deepest tree is deep, not once per token."""
    n = len(heads)
    index = np.arange(n)
    depth = np.zeros(n, dtype=np.int64)
    node, active = index.copy(), heads != index
    while active.any():
        node[active] = heads[node[active]]
        depth[active] += 1
        active &= heads[node] != node
    childless = np.bincount(heads[heads != index], minlength=n) == 0
    return np.where(loose.astype(bool) & childless, n - 1, depth).tolist()


def span_root(words: Words, low: int, high: int) -> int:
    """The index of ``Span.root`` of tokens ``low`` to ``high`` (inclusive), as spaCy picks it: a sentence root
    within, else the token heading out of the span nearest its sentence's root, the first of equals."""
    heads = words.heads
    for index in range(low, high + 1):
        if heads[index] == index:
            return index
    best, root = len(heads), low
    cost = words.root_cost
    for index in range(low, high + 1):
        if (heads[index] < low or heads[index] > high) and cost[index] < best:
            best, root = cost[index], index
    return root
