"""A document's words as plain lists, read once per Doc for the quotes stage's loops over every token.

The rules, the candidate generator and the chooser's features each walk every token of an article; through
``doc[i]`` and ``token.head`` each step builds a new Token. These lists hold the same readings (offsets, word
forms, tags, labels, heads) so the loops touch Tokens only where a candidate is found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

from dateline.nlp import per_doc


@dataclass(frozen=True, slots=True)
class Words:
    """Per token: character offset, lower-case form, lower-case lemma, coarse and fine tag, dependency label,
    entity label, head index, and whether it is punctuation or space."""

    starts: list[int]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    heads: list[int]
    punct: list[bool]
    space: list[bool]


@per_doc
def words_of(doc: Doc) -> Words:
    columns = doc.to_array([IDX, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE])
    strings = doc.vocab.strings

    def names(column: int, lowered: bool = False) -> list[str]:
        # Each distinct value's string once, then every token by it.
        values = columns[:, column].tolist()
        found = {value: strings[value] for value in set(values)}
        if lowered:
            found = {value: text.lower() for value, text in found.items()}
        return [found[value] for value in values]

    heads = (np.arange(len(doc)) + columns[:, 7].astype(np.int64)).tolist() if len(doc) else []
    return Words(
        starts=columns[:, 0].astype(np.int64).tolist(),
        lower=names(1),
        lemma=names(2, lowered=True),
        pos=names(3),
        tag=names(4),
        dep=names(5),
        ent=names(6),
        heads=heads,
        punct=columns[:, 8].astype(bool).tolist(),
        space=columns[:, 9].astype(bool).tolist(),
    )
