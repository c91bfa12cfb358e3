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

import numpy as np
from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, IS_STOP, LIKE_NUM
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract import roles
from dateline.extract.events.syntax import children_of, lemma_forms, parse_arrays
from dateline.nlp import per_doc
from dateline.resources.happening_model import HappeningModel

# Entities become their label so the model learns "<GPE> troops shelled", not which country did.
MASKED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY"})
# Embedded clauses are read as their own candidates; their words would blur this one's.
EMBEDDED = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "conj"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
MAX_CLAUSE_WORDS = 30
# Labels in which a head word belongs to a name ("the Abraham Accords", "the Arab Spring").
NAME_LABELS = frozenset({"LAW", "EVENT", "ORG", "WORK_OF_ART", "FAC", "PRODUCT"})


def clause_features(head: Token, sentence: DocSpan, reading: str | None) -> list[str]:
    """The binary features the happening model sees of the clause headed by ``head``.

    ``reading`` is the trigger lexicon's event type for ``head`` (``None`` when the lexicon has none). Nothing of
    the sentence's length or quotation marks is used: they tell the training sources apart, not happenings.
    """
    lemma = feature_word(head)
    features = [
        f"head={lemma}",
        f"pos={head.pos_}",
        f"tag={head.tag_}",
        f"dep={head.dep_}",
        # Whether the lexicon reads it as an event, not which type: the training mix (ACLED notes are violence and
        # protest) would teach each type a prior that says nothing about whether this clause happened.
        f"read={'trigger' if reading else 'none'}|{head.tag_}",
    ]
    verb = _verb_of(head)
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    features += [f"aux={child.lemma_.lower()}" for child in auxiliaries]
    aspect = "+".join(sorted(child.lemma_.lower() for child in auxiliaries)) or "bare"
    features.append(f"group={aspect}|{verb.tag_}")
    if any(child.dep_ == "neg" for child in verb.children):
        features.append("negated")
    if any(child.dep_ == "mark" and child.lower_ in CONDITION_MARKS for child in _up_to_clause(verb)):
        features.append("conditional")
    if verb is not head:
        features.append(f"via={verb.lemma_.lower()}|{head.dep_}")
    governor = _governor(verb)
    if governor is not None:
        features += [f"gov={governor.lemma_.lower()}", f"gov_dep={verb.dep_}"]
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            features += [f"subj={feature_word(child)}", f"subj_kind={_kind(child)}"]
        elif child.dep_ in ("dobj", "obj", "attr", "oprd"):
            features += [f"obj={feature_word(child)}", f"verb_obj={verb.lemma_.lower()}|{feature_word(child)}"]
            features.append(f"obj_kind={_kind(child)}")
        elif child.dep_ == "prep":
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            features += [f"prep={child.lower_}|{feature_word(grand)}" for grand in objects]
        elif child.dep_ in ("npadvmod", "advmod") and child.ent_type_ not in ("DATE", "TIME"):
            features.append(f"adv={feature_word(child)}")
    if head.ent_type_ in NAME_LABELS or (head.is_title and head.i > sentence.start and head.pos_ != "VERB"):
        features.append("in_name")
    words = _clause_words(verb, sentence)
    features += [f"w={word}" for word in words]
    if any(word in ("<DATE>", "<TIME>") for word in words):
        features.append("dated")
    return features


def probability(model: HappeningModel, head: Token, sentence: DocSpan, reading: str | None) -> float:
    """How likely the clause headed by ``head`` reports a happening (1.0 when there is no model to ask)."""
    if not model:
        return 1.0
    return model.probabilities(clause_features(head, sentence, reading))["happening"]


def _verb_of(head: Token) -> Token:
    """The verb whose tense and arguments tell of a noun trigger ("launched an attack"); a verb is its own."""
    if head.pos_ in ("VERB", "AUX"):
        return head
    governor = head.head
    while governor.dep_ == "prep" and governor.head.i != governor.i:
        governor = governor.head
    return governor if governor.pos_ in ("VERB", "AUX") and governor is not head else head


def _governor(verb: Token) -> Token | None:
    if verb.dep_ in ("xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp") and verb.head.i != verb.i:
        return verb.head
    return None


def _up_to_clause(verb: Token) -> list[Token]:
    """The verb's own children and those of the verbs it is a complement of, up to a clause boundary."""
    children = list(verb.children)
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        children += list(verb.children)
    return children


def _clause_words(verb: Token, sentence: DocSpan) -> list[str]:
    doc = verb.doc
    masked, _ = _masked_words(doc)
    _, labels = parse_arrays(doc)
    children, quiet = _clause_arrays(doc)
    words: list[str] = []
    stack = [verb.i]
    while stack and len(words) < MAX_CLAUSE_WORDS:
        index = stack.pop()
        if not quiet[index] or labels[index] == "neg":
            words.append(masked[index])
        stack.extend(
            child
            for child in children[index]
            if sentence.start <= child < sentence.end and (labels[child] not in EMBEDDED or index != verb.i)
        )
    return sorted(set(words))


@per_doc
def _clause_arrays(doc: Doc) -> tuple[list[list[int]], list[bool]]:
    """Each word's children by index, and whether it is punctuation, a space or a stop word: what the clause walk
    asks of every word it passes, read once per Doc."""
    return children_of(doc), doc.to_array([IS_PUNCT, IS_SPACE, IS_STOP]).any(axis=1).tolist()


def feature_word(token: Token) -> str:
    """A token as the trained models see it: its lemma, or its entity label for a name, number or date."""
    return _masked_words(token.doc)[0][token.i]


def words_of(words: Doc | DocSpan) -> list[str]:
    """The words of a sentence or a text as the trained models see them (``feature_word``), punctuation and
    spaces left out."""
    masked, skipped = _masked_words(words.doc)
    start, end = (0, len(words)) if isinstance(words, Doc) else (words.start, words.end)
    return [masked[index] for index in range(start, end) if not skipped[index]]


# Every model reads the words of the same sentences (the type, happening and ACLED models), each through a Token
# per word: a document's masked words are read once, from its arrays.
@per_doc
def _masked_words(doc: Doc) -> tuple[list[str], list[bool]]:
    strings = doc.vocab.strings
    labels = {strings.add(label): f"<{label}>" for label in MASKED}
    values = doc.to_array([ENT_TYPE, LIKE_NUM, IS_PUNCT, IS_SPACE])
    # Every word's lower-cased lemma (read once per Doc), then the names and numbers put over them.
    masked = list(lemma_forms(doc))
    entities = values[:, 0].tolist()
    # Only the few words with an entity label are looked at (``np.isin`` sorts; a comparison per label costs more).
    named = np.zeros(len(values), dtype=bool)
    for index in np.flatnonzero(values[:, 0]).tolist():
        label = labels.get(entities[index])
        if label is not None:
            masked[index], named[index] = label, True
    for index in np.flatnonzero((values[:, 1] != 0) & ~named).tolist():
        masked[index] = "<NUM>"
    skipped = (values[:, 2] | values[:, 3]).astype(bool).tolist()
    return masked, skipped


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
