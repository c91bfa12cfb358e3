"""Where the event lexicon's triggers are in a sentence: lemmas and phrases, checked for part of speech,
for the context words an ambiguous trigger needs, and for nouns that only name a kind of people."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.syntax import OBJECTS, PASSIVE_SUBJECTS, SUBJECTS
from dateline.resources.events import EventLexicon, Trigger

SKIP_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME", "LOC"})
# People and bodies a noun trigger can classify: "aid agency", "riot police", "protest leaders".
KIND_HEADS = HUMAN_NOUNS | frozenset(
    {"group", "agency", "organization", "organisation", "official", "police", "unit", "squad", "worker", "team",
     "committee", "force", "camp", "leader", "organizer", "organiser", "movement", "activist", "coordinator"}
)  # fmt: skip
# A weapon named as part of a place or a stock is no attack: "chemical weapons facilities", "bomb factory".
STOCK_HEADS = frozenset(
    {"facility", "site", "plant", "stockpile", "programme", "program", "depot", "factory", "arsenal", "storage"}
)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    head: Token
    tokens: tuple[Token, ...]


def find_triggers(sentence: DocSpan, lexicon: EventLexicon) -> Iterator[TriggerMatch]:
    """Lexicon triggers in a sentence, left to right, longest phrase first, none overlapping."""
    words = {token.lemma_.lower() for token in sentence} | {token.lower_ for token in sentence}
    used: set[int] = set()
    tokens = list(sentence)
    for position, token in enumerate(tokens):
        if token.i in used or (token.ent_type_ in SKIP_ENTITY_LABELS and token.pos_ == "PROPN"):
            continue
        entries = next((lexicon.triggers[form] for form in _forms(token) if form in lexicon.triggers), ())
        for entry in entries:
            span = tokens[position : position + len(entry.lemmas)]
            if len(span) < len(entry.lemmas) or any(
                lemma not in _forms(word) for word, lemma in zip(span, entry.lemmas, strict=True)
            ):
                continue
            head = _phrase_head(span, entry)
            if not _pos_fits(head, entry.pos) or head.ent_type_ in ("DATE", "TIME"):
                continue
            moved = entry.event == "MOBILIZE" and entry.pos == "verb"
            if entry.needs and not entry.needs & (_argument_words(head) if moved else words):
                continue
            if _names_a_kind(head, entry):
                continue
            used.update(word.i for word in span)
            yield TriggerMatch(entry, head, tuple(span))
            break


def _argument_words(verb: Token) -> set[str]:
    """The words naming what a verb acts on or with: its subject's and object's head nouns, their compounds and
    the noun after their "of" ("sent two battalions of troops"). A deployment verb that needs a word ("moved" needs
    troops) needs it there: "operations have moved to a new stage ... its occupying soldiers" moved no soldiers.
    (Other triggers' needs are context, anywhere in the sentence: "pledged ... to avenge".)"""
    arguments = [child for child in verb.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS]
    arguments += [child for child in verb.children if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")]
    nouns = list(arguments)
    for argument in arguments:
        nouns += [child for child in argument.children if child.dep_ in ("compound", "amod")]
        nouns += [grand for child in argument.children if child.lower_ == "of" for grand in child.children]
    return {form for noun in nouns for form in (noun.lemma_.lower(), noun.lower_)}


def _forms(token: Token) -> tuple[str, ...]:
    """The lemma and the word, and for a verb the stems the lemmatiser sometimes misses ("raped" -> "rap")."""
    lemma, word = token.lemma_.lower(), token.lower_
    if token.pos_ != "VERB" or not word.endswith("ed"):
        return (lemma, word)
    return (lemma, word, word[:-1], word[:-2])


def _names_a_kind(head: Token, entry: Trigger) -> bool:
    """A noun trigger that classifies people or a body names a kind of them, not a happening: "aid groups",
    "riot police", "relief officials" ("arrest warrants", "rape incidents" still tell of one); a participle
    modifying a noun names the state it is in."""
    if head.pos_ == "VERB":
        return head.dep_ == "amod"  # "the besieged town", "Israeli-occupied territory": a state, not an act
    return head.dep_ == "compound" and head.head.lemma_.lower() in KIND_HEADS | STOCK_HEADS


def _phrase_head(span: list[Token], entry: Trigger) -> Token:
    # "air strike": the noun at the end; "open fire", "call on": the verb at the start.
    return span[-1] if entry.pos == "noun" or span[0].pos_ not in ("VERB", "AUX") else span[0]


def _pos_fits(token: Token, pos: str) -> bool:
    if pos == "verb":
        return token.pos_ == "VERB"
    if pos == "noun":
        return token.pos_ in ("NOUN", "PROPN")
    return token.pos_ in ("VERB", "NOUN", "PROPN")
