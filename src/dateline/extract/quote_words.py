"""A document's words as plain lists, read once per Doc for the quotes stage's loops over every token.

The rules, the candidate generator and the chooser's features each walk every token of an article; through
``doc[i]`` and ``token.head`` each step builds a new Token. These lists hold the same readings (offsets, word
forms, tags, labels, heads) so the loops touch Tokens only where a candidate is found.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import IS_PUNCT, IS_SPACE, LEMMA, TAG
from spacy.tokens import Doc

from dateline.extract.events.syntax import parse_arrays, word_arrays
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
    # The readings the events stage also keeps per Doc are shared with it (read once, whichever stage asks first).
    heads, dep = parse_arrays(doc)
    pos, ent, starts, lower = word_arrays(doc)
    columns = doc.to_array([LEMMA, TAG, IS_PUNCT, IS_SPACE])
    strings = doc.vocab.strings

    def names(column: int, lowered: bool = False) -> list[str]:
        # Each distinct value's string once, then every token by it.
        values = columns[:, column].tolist()
        found = {value: strings[value] for value in set(values)}
        if lowered:
            found = {value: text.lower() for value, text in found.items()}
        return [found[value] for value in values]

    return Words(
        starts=starts,
        lower=lower,
        lemma=names(0, lowered=True),
        pos=pos,
        tag=names(1),
        dep=dep,
        ent=ent,
        heads=heads,
        punct=columns[:, 2].astype(bool).tolist(),
        space=columns[:, 3].astype(bool).tolist(),
    )
