"""Is this clause a happening? The trained detector that stands before any event type is chosen.

A clause reports a happening when something happened, is happening, or is threatened, promised or denied by a
party; it does not when it is a generic, habitual or counterfactual statement, a state ("serves as an outpost"),
a metaphor ("sending a clear message"), a name ("the Paris Agreement"), a journalist's procedure ("did not respond
to requests for comment") or page clutter. The clause is read around its head (the trigger the lexicon found, or
the main verb): its lemmas, the verb group's tense, aspect, modality and negation, the words it governs and is
governed by, and the lexicon's reading. A logistic regression (``resources/happening_model.npz``, built by
``make train-happening``) turns these into a probability; the events stage drops candidates below the model's
threshold and folds the probability into the event's confidence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, IS_STOP, LIKE_NUM
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan
from spacy.vocab import Vocab

from dateline.extract import roles
from dateline.extract.events.syntax import (
    children_of,
    lemma_forms,
    parse_arrays,
    per_doc_in_hand,
    token_column,
    vocabulary_memo,
    word_arrays,
)
from dateline.resources.happening_model import HappeningModel

# Entities become their label so the model learns "<GPE> troops shelled", not which country did.
MASKED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY"})
# Embedded clauses are read as their own candidates; their words would blur this one's.
EMBEDDED = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
DATED = frozenset({"<DATE>", "<TIME>"})  # a clause's masked words that date it
MAX_CLAUSE_WORDS = 30
# Labels in which a head word belongs to a name ("the Abraham Accords", "the Arab Spring").
NAME_LABELS = frozenset({"LAW", "EVENT", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"})


def clause_features(head: Token, sentence: DocSpan, reading: str | None) -> list[str]:
    """The binary features the happening model sees of the clause headed by ``head``.

    ``reading`` is the trigger lexicon's event type for ``head`` (``None`` when the lexicon has none). Nothing of
    the sentence's length or quotation marks is used: they tell the training sources apart, not happenings.
    """
    # The clause's words are read off the document's arrays: ``Token.children`` builds a Token per child, on every
    # walk. Only the head, its verb and the arguments whose kind is asked are Tokens.
    doc, index = head.doc, head.i
    masked = _masked_words(doc)[0]
    heads, labels = parse_arrays(doc)
    parts, entities, _, lowers = word_arrays(doc)
    lemmas, children = lemma_forms(doc), children_of(doc)
    tag = head.tag_
    features = [
        f"head={masked[index]}",
        f"pos={parts[index]}",
        f"tag={tag}",
        f"dep={labels[index]}",
        # Whether the lexicon reads it as an event, not which type: the training mix (ACLED notes are violence and
        # protest) would teach each type a prior that says nothing about whether this clause happened.
        f"read={'trigger' if reading else 'none'}|{tag}",
    ]
    verb = _verb_of(index, heads, labels, parts)
    verb_tag = tag if verb == index else doc[verb].tag_
    auxiliaries = [lemmas[child] for child in children[verb] if labels[child] in ("aux", "auxpass")]
    features += [f"aux={lemma}" for lemma in auxiliaries]
    features.append(f"group={'+'.join(sorted(auxiliaries)) or 'bare'}|{verb_tag}")
    if "neg" in map(labels.__getitem__, children[verb]):  # in C: a generator per clause cost more than the test
        features.append("negated")
    if any(
        labels[child] == "mark" and lowers[child] in CONDITION_MARKS
        for child in _up_to_clause(verb, heads, labels, children)
    ):
        features.append("conditional")
    if verb != index:
        features.append(f"via={lemmas[verb]}|{labels[index]}")
    if labels[verb] in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp") and heads[verb] != verb:
        features += [f"gov={lemmas[heads[verb]]}", f"gov_dep={labels[verb]}"]
    for child in children[verb]:
        label = labels[child]
        if label in ("nsubj", "nsubjpass"):
            features += [f"subj={masked[child]}", f"subj_kind={_kind(doc[child])}"]
        elif label in ("dobj", "obj", "attr", "oprd"):
            features += [f"obj={masked[child]}", f"verb_obj={lemmas[verb]}|{masked[child]}"]
            features.append(f"obj_kind={_kind(doc[child])}")
        elif label == "prep":
            objects = [grand for grand in children[child] if labels[grand] == "pobj"]
            features += [f"prep={lowers[child]}|{masked[grand]}" for grand in objects]
        elif label in ("npadvmod", "advmod") and entities[child] not in ("DATE", "TIME"):
            features.append(f"adv={masked[child]}")
    if entities[index] in NAME_LABELS or (head.is_title and index > sentence.start and parts[index] != "VERB"):
        features.append("in_name")
    words = _clause_words(verb, sentence, doc)
    features += map("w=".__add__, words)  # each word's name joined in C
    if not DATED.isdisjoint(words):
        features.append("dated")
    return features


def probability(model: HappeningModel, head: Token, sentence: DocSpan, reading: str | None) -> float:
    """How likely the clause headed by ``head`` reports a happening (1.0 when there is no model to ask)."""
    if not model:
        return 1.0
    return model.probabilities(clause_features(head, sentence, reading))["happening"]


def _verb_of(head: int, heads: list[int], labels: list[str], parts: list[str]) -> int:
    """The verb whose tense and arguments tell of a noun trigger ("launched an attack"); a verb is its own."""
    if parts[head] in ("VERB", "AUX"):
        return head
    governor = heads[head]
    while labels[governor] == "prep" and heads[governor] != governor:
        governor = heads[governor]
    return governor if parts[governor] in ("VERB", "AUX") else head


def _up_to_clause(verb: int, heads: list[int], labels: list[str], children: list[Sequence[int]]) -> list[int]:
    """The verb's own children and those of the verbs it is a complement of, up to a clause boundary."""
    found = list(children[verb])
    while labels[verb] in ("xcomp", "conj") and heads[verb] != verb:
        verb = heads[verb]
        found += children[verb]
    return found


def _clause_words(verb: int, sentence: DocSpan, doc: Doc) -> list[str]:
    masked = _masked_words(doc)[0]
    _, labels = parse_arrays(doc)
    children, quiet = _clause_arrays(doc)
    start, end = sentence.start, sentence.end  # read once: each read of a Span's bounds is a call
    words: list[str] = []
    stack = [verb]
    while stack and len(words) < MAX_CLAUSE_WORDS:
        index = stack.pop()
        if not quiet[index] or labels[index] == "neg":
            words.append(masked[index])
        if index == verb:
            stack.extend([child for child in children[index] if start <= child < end and labels[child] not in EMBEDDED])
        else:
            # A word's children are in text order: those within the sentence are one run of them, cut out in C
            # (a comprehension per word walked cost more than the walk).
            below = children[index]
            stack.extend(below[bisect_left(below, start) : bisect_left(below, end)])
    return sorted(set(words))


@per_doc_in_hand
def _clause_arrays(doc: Doc) -> tuple[list[Sequence[int]], list[bool]]:
    """Each word's children by index, and whether it is punctuation, a space or a stop word: what the clause walk
    asks of every word it passes, read once per Doc."""
    return children_of(doc), _masked_words(doc)[2]


def feature_word(token: Token) -> str:
    """A token as the trained models see it: its lemma, or its entity label for a name, number or date."""
    return _masked_words(token.doc)[0][token.i]


def words_of(words: Doc | DocSpan) -> list[str]:
    """The words of a sentence or a text as the trained models see them (``feature_word``), punctuation and
    spaces left out."""
    masked, skipped, _ = _masked_words(words.doc)
    start, end = (0, len(words)) if isinstance(words, Doc) else (words.start, words.end)
    return [masked[index] for index in range(start, end) if not skipped[index]]


# Every model reads the words of the same sentences (the type, happening and ACLED models), each through a Token
# per word: a document's masked words are read once, from its arrays, with whether each is punctuation or a space
# (left out of a sentence's words) and whether either or a stop word (left out of a clause's): one read of the
# flags for both, as spaCy reads each flag of every word.
@per_doc_in_hand
def _masked_words(doc: Doc) -> tuple[list[str], list[bool], list[bool]]:
    labels = vocabulary_memo(doc.vocab, _masked_labels)[MASKED]
    # Entity types, punctuation and spaces come from the columns the stages share; only the two lexeme flags they
    # lack are read here (a lexeme flag costs ``Doc.to_array`` about as much as two token attributes).
    types, punctuation, spaces = (token_column(doc, name) for name in (ENT_TYPE, IS_PUNCT, IS_SPACE))
    numbers, stops = doc.to_array([LIKE_NUM, IS_STOP]).T
    # Every word's lower-cased lemma (read once per Doc), then the names and numbers put over them.
    masked = list(lemma_forms(doc))
    # Only the few words with an entity label are looked at (``np.isin`` sorts; a comparison per label costs more).
    labelled = np.flatnonzero(types)
    named: set[int] = set()
    for index, entity in zip(labelled.tolist(), types[labelled].tolist(), strict=True):
        label = labels.get(entity)
        if label is not None:
            masked[index] = label
            named.add(index)
    for index in np.flatnonzero(numbers).tolist():
        if index not in named:
            masked[index] = "<NUM>"
    skipped = punctuation | spaces
    return masked, skipped.astype(bool).tolist(), (skipped | stops).astype(bool).tolist()


def _masked_labels(vocab: Vocab, labels: frozenset[str]) -> dict[int, str]:
    """Each label's id in the vocabulary's strings, with the word it masks, worked out once per vocabulary (adding
    the labels to the strings again for every document cost more than masking its words)."""
    return {vocab.strings.add(label): f"<{label}>" for label in labels}


def _kind(token: Token) -> str:
    """What sort of thing an argument is: a name, something said, a thing (not a party), a pronoun, a bare plural
    (generic), or another noun."""
    if token.ent_type_:
        return token.ent_type_
    if token.lemma_.lower() in roles.SAID:
        return "said"  # "sent a clear message", "denied the reports"
    if roles.is_thing(token, frozenset()):
        return "thing"  # "the operations have moved", "a downward spiral"
    if token.pos_ == "PRON":
        return f"pron_{token.lower_}"
    if token.tag_ == "NNS" and not any(child.dep_ in ("det", "nummod", "poss") for child in token.children):
        return "bare_plural"
    return token.pos_
