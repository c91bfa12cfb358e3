"""Where the event lexicon's triggers are in a sentence: lemmas and phrases, checked for part of speech,
for the context words an ambiguous trigger needs, and for nouns that only name a kind of people."""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.syntax import (
    LIGHT_VERBS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    lemma_forms,
    parse_arrays,
    per_doc_in_hand,
    token_column,
    verb_in,
    walk_arrays,
    word_arrays,
)
from dateline.extract.roles import WEAPONS
from dateline.resources.events import EventLexicon, Trigger

# Verbs too common to take their sense from anywhere in the sentence: the word a trigger of theirs needs must be
# their own argument ("took two aid workers captive"; "took the stage as supporters held signs reading 'hostage to
# nobody'" took no one).
COMMON_VERBS = frozenset({"take"})
# What a verb says its object became or was kept as: "took two aid workers captive", "were taken hostage".
PREDICATES = frozenset({"oprd", "acomp", "advcl", "xcomp"})
COURT_PLEAS = frozenset({"guilty", "innocent", "contest"})
# What is released by being made public: "released a report", "the data released on Monday".
PUBLISHED_THINGS = frozenset(
    {"report", "data", "datum", "statement", "video", "footage", "figure", "finding", "blueprint", "budget", "list",
     "result", "detail", "transcript", "memo", "document", "record", "information", "statistic", "image", "photo",
     "photograph", "picture", "recording", "audio", "tape", "album", "song", "film", "book", "study", "survey",
     "poll", "letter", "version", "update", "guidance", "guideline", "analysis", "review", "audit", "estimate",
     "forecast", "number", "name", "email", "map", "summary", "schedule", "plan", "proposal", "evidence", "text"}
)  # fmt: skip
# Names: "the Paris Agreement" (an EVENT to the tagger) names an accord, not a new one reached.
SKIP_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME", "LOC", "EVENT", "PRODUCT"}
)
# People and bodies a noun trigger can classify: "aid agency", "riot police", "protest leaders".
KIND_HEADS = HUMAN_NOUNS | frozenset(
    {"group", "agency", "organization", "organisation", "official", "police", "unit", "squad", "worker", "team",
     "committee", "force", "camp", "leader", "organizer", "organiser", "movement", "activist", "coordinator"}
)  # fmt: skip
# A weapon named as part of a place or a stock is no attack: "chemical weapons facilities", "bomb factory".
STOCK_HEADS = frozenset(
    {"facility", "site", "plant", "stockpile", "programme", "program", "depot", "factory", "arsenal", "storage"}
)
CLASSIFIED_HEADS = KIND_HEADS | STOCK_HEADS  # what a noun trigger before them only classifies


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    trigger: Trigger
    head: Token
    tokens: tuple[Token, ...]


def find_triggers(sentence: DocSpan, lexicon: EventLexicon) -> Iterator[TriggerMatch]:
    """Lexicon triggers in a sentence, left to right, longest phrase first, none overlapping."""
    doc = sentence.doc
    forms = word_forms(doc)
    lemmas, lowers = forms.lemmas, forms.words
    parts, entities = word_arrays(doc)[:2]  # a word's part of speech and entity label, with no Token made
    first, last = sentence.start, sentence.end
    words: set[str] | None = None  # the sentence's lemmas and words, read only for a trigger that needs context
    used: set[int] = set()
    starts = _starting_words(doc, forms, lexicon)
    for position in starts[bisect_left(starts, first) : bisect_left(starts, last)]:
        entries: tuple[Trigger, ...] = ()
        for form in forms[position]:  # the first form the lexicon holds (a loop, not a generator per word)
            if form in lexicon.triggers:
                entries = lexicon.triggers[form]
                break
        if not entries or position in used:
            continue
        if entities[position] in SKIP_ENTITY_LABELS and parts[position] == "PROPN":
            continue
        for entry in entries:
            end = position + len(entry.lemmas)
            if end > last:
                continue
            # Each word of the phrase has its lemma among its forms (tested in C: a generator per entry cost more).
            if not all(map(operator.contains, map(forms.__getitem__, range(position, end)), entry.lemmas)):
                continue
            # "air strike": the noun at the end; "open fire", "call on": the verb at the start.
            at = end - 1 if entry.pos == "noun" or parts[position] not in ("VERB", "AUX") else position
            if not _pos_fits(parts[at], entry.pos) or entities[at] in ("DATE", "TIME"):
                continue
            span = [doc[index] for index in range(position, end)]
            head = span[at - position]
            # a deployment or a taking needs its word among the verb's own arguments (see _argument_words)
            own = entry.pos == "verb" and (entry.event == "MOBILIZE" or entry.lemmas[0] in COMMON_VERBS)
            if entry.needs and not own and not entry.needs_doer and words is None:
                words = {*lemmas[first:last], *lowers[first:last]}
                words |= _singular_names(sentence)
            if entry.needs_doer:
                if not entry.needs & _doer_words(head):
                    continue
            elif entry.needs and not entry.needs & (_argument_words(head) if own else words):
                continue
            if _names_a_kind(head, entry) or _acted_upon(head, entry) or _names_a_state(at, lowers):
                continue
            if (entry.event == "REQUEST" and _a_plea_in_court(head)) or (entry.mode == "release" and _published(head)):
                continue
            used.update(range(position, end))
            yield TriggerMatch(entry, head, tuple(span))
            break


def _singular_names(sentence: DocSpan) -> set[str]:
    """The singular of a plural the tagger took for a name: a sentence that opens on "Drones struck the plant" or
    "Warplanes hit the town" tags the plural a proper noun and leaves it as its own lemma, so the word the trigger
    needs ("drone", "warplane") was not found."""
    # Read off the document's arrays: a Token only for a proper noun ending in "s", not for every word.
    doc = sentence.doc
    parts, _, _, lowers = word_arrays(doc)
    return {
        lowers[index][:-1]
        for index in range(sentence.start, sentence.end)
        if parts[index] == "PROPN" and lowers[index].endswith("s") and (token := doc[index]).lemma_ == token.text
    }


@per_doc_in_hand
def _starting_words_by_lexicon(doc: Doc) -> list[tuple[EventLexicon, list[int]]]:
    # Filled by ``_starting_words``: the lexicon beside its words (one per run, nearly always).
    return []


def _starting_words(doc: Doc, forms: WordForms, lexicon: EventLexicon) -> list[int]:
    """The indices of the words one of whose forms starts a trigger of ``lexicon``, in text order, found once per
    Doc: most words are none, and a look-up per form over the whole document (in C) costs less than a Python step
    per word of each sentence."""
    kept = _starting_words_by_lexicon(doc)
    for owner, starts in kept:  # asked for every sentence: a loop, not a generator per ask
        if owner is lexicon:
            return starts
    known = lexicon.triggers
    named = map(operator.or_, map(known.__contains__, forms.lemmas), map(known.__contains__, forms.words))
    found = list(itertools.compress(range(len(forms)), named))
    # A past verb's clipped stems ("raped" -> "rap") start a trigger its lemma and word do not.
    clipped = [index for index, stems in forms.stems.items() if not known.keys().isdisjoint(stems)]
    if clipped:
        found = sorted({*found, *clipped})
    kept.append((lexicon, found))
    return found


def _argument_words(verb: Token) -> set[str]:
    """The words naming what a verb acts on or with: its subject's and object's head nouns, their compounds and
    the noun after their "of" ("sent two battalions of troops"), and a one-word predicate of its object ("took two
    aid workers captive", "were taken hostage"). A deployment verb that needs a word ("moved" needs troops) needs it
    there: "operations have moved to a new stage ... its occupying soldiers" moved no soldiers; so does taking
    hostages ("took the stage as supporters held signs reading 'hostage to nobody'" took no one).
    (Other triggers' needs are context, anywhere in the sentence: "pledged ... to avenge".)"""
    arguments = [child for child in verb.children if child.dep_ in SUBJECTS | PASSIVE_SUBJECTS | OBJECTS]
    arguments += [child for child in verb.children if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN")]
    arguments += [child for child in verb.children if child.dep_ in PREDICATES and child.pos_ in ("NOUN", "ADJ")]
    nouns = list(arguments)
    for argument in arguments:
        nouns += [child for child in argument.children if child.dep_ in ("compound", "amod")]
        nouns += [grand for child in argument.children if child.lower_ == "of" for grand in child.children]
    return {form for noun in nouns for form in (noun.lemma_.lower(), noun.lower_)}


def _doer_words(verb: Token) -> set[str]:
    """The words naming who or what a verb's deed is done by: its subject, or the agent of a passive ("was hit by
    Russian forces"), with their compounds and modifiers. An armed doer makes "hit" an attack ("Russian forces hit
    an energy facility") where an armed object does not ("rising prices hit soldiers and their families")."""
    doers = [child for child in verb.children if child.dep_ in SUBJECTS]
    doers += [grand for child in verb.children if child.dep_ == "agent" for grand in child.children]
    nouns = doers + [child for doer in doers for child in doer.children if child.dep_ in ("compound", "amod")]
    return {form for noun in nouns for form in (noun.lemma_.lower(), noun.lower_)}


@dataclass(frozen=True, slots=True)
class WordForms:
    """Each word's lemma and lower-case form, and for a verb the stems the lemmatiser sometimes misses ("raped" ->
    "rap"), by word index: ``forms[index]``."""

    lemmas: list[str]
    words: list[str]
    stems: dict[int, tuple[str, ...]]  # a past verb's forms, stems included, by word index

    def __getitem__(self, index: int) -> tuple[str, ...]:
        return self.stems.get(index) or (self.lemmas[index], self.words[index])

    def __len__(self) -> int:
        return len(self.lemmas)


@per_doc_in_hand
def word_forms(doc: Doc) -> WordForms:
    # Read from the document's arrays (a Token per word before); no tuple is made for a word until it is asked for.
    lemmas, words = lemma_forms(doc), word_arrays(doc)[3]
    stems = {
        index: (lemmas[index], word, word[:-1], word[:-2])
        for index in np.flatnonzero(token_column(doc, POS) == VERB).tolist()
        if (word := words[index]).endswith("ed")
    }
    return WordForms(lemmas, words, stems)


def _acted_upon(head: Token, entry: Trigger) -> bool:
    """A weapon or an aircraft that is only an attack in context is none when a verb acts on it: "the helicopter
    was shot down", "police seized rockets", "the mine was cleared". One a light verb takes still tells of its use:
    "launched rockets", "drones were used"."""
    if entry.pos != "noun" or not entry.needs or head.lemma_.lower() not in WEAPONS:
        return False
    verb = head.head
    return head.dep_ in OBJECTS | PASSIVE_SUBJECTS and verb.pos_ == "VERB" and not verb_in(verb, LIGHT_VERBS)


# Participles and adjectives that, joined to an event noun by a hyphen, describe a place or people by what befell them:
# "riot-hit areas", "violence-torn towns", "curfew-bound city", "flood-affected districts".
BEFALLEN = frozenset(
    {"hit", "torn", "affected", "ravaged", "stricken", "prone", "struck", "ridden", "scarred", "battered", "wracked",
     "racked", "plagued", "bound", "devastated", "infested", "weary"}
)  # fmt: skip


def _names_a_state(index: int, lowers: list[str]) -> bool:
    """ "the riot-hit areas": an event noun (at ``index``; ``lowers``: the document's lower-case words) joined by a
    hyphen to what befell a place names the place's state, no happening."""
    return index + 2 < len(lowers) and lowers[index + 1] == "-" and lowers[index + 2] in BEFALLEN


def _names_a_kind(head: Token, entry: Trigger) -> bool:
    """A noun trigger that classifies people, a body or a weapon names a kind of them, not a happening: "aid
    groups", "riot police", "assault weapons" ("arrest warrants", "rape incidents" still tell of one); a participle
    modifying a noun names the state it is in, and one with a determiner the people in it."""
    # Read off the document's arrays: ``Token.children`` builds a Token per child.
    doc, index = head.doc, head.i
    children, labels, _ = walk_arrays(doc)
    if word_arrays(doc)[0][index] == "VERB":
        if "det" in map(labels.__getitem__, children[index]):
            return True  # "the accused was produced in court", "the injured": people named by what befell them
        return labels[index] == "amod"  # "the besieged town", "Israeli-occupied territory": a state, not an act
    if labels[index] != "compound" or entry.mode == "crowd-control":
        return False
    lemmas = lemma_forms(doc)
    named = lemmas[parse_arrays(doc)[0][index]]
    # "assault weapons", "attack helicopters": a weapon named by the use it is made for ("artillery shells" are
    # a weapon of a weapon, and fired, as are the shells and canisters of tear gas)
    return named in CLASSIFIED_HEADS or (named in WEAPONS and lemmas[index] not in WEAPONS)


def _a_plea_in_court(verb: Token) -> bool:
    """ "pleaded guilty to lying", "pleaded not guilty", "pleaded no contest": a plea entered in court asks nothing
    of anyone ("pleaded with the kidnappers" does)."""
    return any(child.lower_ in COURT_PLEAS and child.dep_ in (*PREDICATES, "dobj") for child in verb.children)


def _published(verb: Token) -> bool:
    """ "will release data from the census", "the report released by the attorney general": what is released is a
    text, a record or a picture, made public, not people set free."""
    released = [child for child in verb.children if child.dep_ in OBJECTS | PASSIVE_SUBJECTS]
    if verb.dep_ == "acl":
        released.append(verb.head)  # "the blueprint released by the White House"
    return any(word.lemma_.lower() in PUBLISHED_THINGS for word in released)


def _pos_fits(part: str, pos: str) -> bool:
    """Whether a word of part of speech ``part`` can be a trigger entry's head of ``pos`` ("verb", "noun", "any")."""
    if pos == "verb":
        return part == "VERB"
    if pos == "noun":
        return part in ("NOUN", "PROPN")
    return part in ("VERB", "NOUN", "PROPN")
