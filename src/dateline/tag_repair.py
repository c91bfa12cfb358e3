"""One repair of the tagger's output, made once after the parse so that every stage reads the same words.

The small English tagger reads some plural nouns as verbs: in "American airstrikes on an Iran-backed militia have
killed four fighters" it tags "airstrikes" VBZ, while the parser (which does not read the tags) makes it the
subject of "killed". A verb cannot fill a noun's slot: a clause that is a subject or an object gets its own labels
(``csubj``, ``ccomp``, ``pcomp``). So a word tagged as a present-tense or bare verb that the parser made a subject,
an object or a preposition's object, and that heads nothing a verb heads, is a noun, and is re-tagged before the
attribute ruler turns tags into parts of speech and the lemmatizer reads them. The repair is the pipe
``nominal_role_tags``, placed after the parser.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, TAG
from spacy.language import Language
from spacy.tokens import Doc

NOMINAL_ROLES = ("nsubj", "nsubjpass", "dobj", "pobj", "iobj")
# Tags of verb forms that cannot stand as nouns; participles and gerunds can ("the wounded", "fighting continued").
VERB_TAGS = ("VBZ", "VBP", "VB")
# Dependents only a verb has: with one of them the word may really be a verb the parser misplaced.
VERBAL_DEPENDENTS = frozenset(
    {
        "aux",
        "auxpass",
        "nsubj",
        "nsubjpass",
        "csubj",
        "dobj",
        "dative",
        "attr",
        "acomp",
        "oprd",
        "neg",
        "ccomp",
        "xcomp",
        "advcl",
        "mark",
        "prt",
        "agent",
    }
)


def noun_tag(word: str, verb_tag: str, starts_sentence: bool) -> str:
    """The noun tag for a verb-tagged word in a noun's slot.

    The -s form is a plural ("airstrikes", "remarks"), proper only when capitalised mid-sentence, since a sentence's
    first word is capitalised whatever it is. A capitalised bare form is a name wherever it stands ("Trump shot
    back"): a common noun misread as a bare verb is rarely capitalised.
    """
    capitalised = word[:1].isupper()
    if verb_tag == "VBZ":
        return "NNPS" if capitalised and not starts_sentence else "NNS"
    return "NNP" if capitalised else "NN"


@Language.factory("nominal_role_tags")
def make_nominal_role_tags(nlp: Language, name: str) -> NominalRoleTags:
    return NominalRoleTags(nlp)


class NominalRoleTags:
    """Re-tag as nouns the verb-tagged words the parser placed in a noun's slot (see the module's docstring)."""

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self._verb_tags = np.array([strings.add(tag) for tag in VERB_TAGS], dtype=np.uint64)
        self._roles = np.array([strings.add(role) for role in NOMINAL_ROLES], dtype=np.uint64)

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            return doc
        columns = doc.to_array([TAG, DEP, IS_ALPHA])
        suspects = np.isin(columns[:, 0], self._verb_tags) & np.isin(columns[:, 1], self._roles) & (columns[:, 2] == 1)
        for index in np.flatnonzero(suspects).tolist():
            token = doc[index]
            if any(child.dep_ in VERBAL_DEPENDENTS for child in token.children):
                continue
            token.tag_ = noun_tag(token.text, token.tag_, token.is_sent_start)
        return doc


def add_nominal_role_tags(nlp: Language) -> None:
    """Place the repair right after the parser, before tags become parts of speech and lemmas."""
    if "parser" in nlp.pipe_names and "nominal_role_tags" not in nlp.pipe_names:
        nlp.add_pipe("nominal_role_tags", after="parser")
