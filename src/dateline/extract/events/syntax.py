"""Dependency-parse walks the event coder shares: arguments by label, governing verbs, light verbs."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan
from spacy.vocab import Vocab

from dateline.nlp import per_doc

# Sentences longer than this are scanned for triggers but their slots are looked for only near the trigger:
# a 300-token run-on sentence must cost what its tokens cost, not their square.
MAX_SUBTREE = 60
SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# What makes a clause passive, and what makes a joined participle's clause its own (``is_passive``).
PASSIVE_MARKS = PASSIVE_SUBJECTS | {"auxpass"}
OWN_CLAUSE_MARKS = SUBJECTS | {"aux"}
OBJECTS = frozenset({"dobj", "obj"})
ACTED_ON = OBJECTS | {"nsubjpass"}
# Verbs whose object names the event and whose subject did it: "launched airstrikes", "staged a protest".
LIGHT_VERBS = frozenset(
    {"launch", "carry", "conduct", "stage", "hold", "mount", "perpetrate", "commit", "make", "issue", "impose", "lead",
     "declare", "begin", "start", "continue", "open", "lodge", "announce", "extend", "order", "file", "resume",
     "renew", "reiterate", "intensify", "escalate", "organise", "organize", "offer", "provide", "deliver", "send",
     "grant", "express", "voice", "sign", "reach", "conclude", "lift", "tighten", "ease", "shorten", "complete",
     "trigger", "detonate", "lay",
     "call", "end", "suspend", "step", "press", "pursue", "threaten", "give", "undertake",
     "fire", "use", "drop", "lob", "hurl", "throw"}
)  # fmt: skip
GOVERNED_BY = frozenset({"xcomp", "ccomp", "conj", "pobj", "prep", "acl"})
GOVERNED_OR_ACTED_ON = GOVERNED_BY | {"dobj", "nsubjpass"}
GENERIC_EVENT_HEADS = frozenset(
    {"effort", "mission", "process", "bid", "campaign", "initiative", "operation", "programme", "program", "plan"}
)
# Nouns that only count or bunch what follows "of": "dozens of rockets", "a barrage of missiles", "a wave of arrests".
QUANTITY_NOUNS = frozenset(
    {"dozen", "hundred", "thousand", "score", "barrage", "series", "salvo", "volley", "wave", "string", "spate",
     "round", "hail", "flurry", "couple", "handful", "number"}
)  # fmt: skip
CONDITION_MARKS = frozenset({"if", "unless"})
# The prepositions after which an accusing, arresting or praising verb names an act of its object.
CONTROL_PREPOSITIONS = frozenset({"of", "with", "for"})
# The preposition after which each such verb names an act of its object by a noun: "accused them of attacks",
# "charged him with murder", "arrested five men for the killing".
ACT_PREPOSITIONS = {
    "accuse": ("of",), "suspect": ("of",), "convict": ("of",), "charge": ("with",), "blame": ("for",),
    "indict": ("for", "on"), "arrest": ("for",), "detain": ("for",), "jail": ("for",), "sentence": ("for",),
    "punish": ("for",), "fine": ("for",), "sue": ("for",), "fault": ("for",), "criticize": ("for",),
    "criticise": ("for",), "condemn": ("for",), "praise": ("for",), "thank": ("for",), "credit": ("with", "for"),
    "commend": ("for",), "reward": ("for",),
}  # fmt: skip
# Verbs whose object is the doer of the act named after "of", "with" or "for": "accused the protesters of burning
# a building", "arrested five men for looting", "praised the army for restoring calm".
OBJECT_CONTROL_VERBS = frozenset(ACT_PREPOSITIONS)
# Verbs that name an act's doer, or its alleged cause, after a preposition: "blamed the bombing on militants".
# ("Attributed to" names causes more often than doers: "his appeal can be attributed to his socialism".)
BLAMED_ON = {"blame": "on"}
# Verbs of making an act or leading a party: a participle's agent did the act or leads the party it describes ("an
# attack carried out by", "a militia commanded by"), and the doer of a gerund made the act that is its object
# ("accused him of directing rocket attacks").
DOING_VERBS = LIGHT_VERBS | frozenset(
    {"perpetrate", "orchestrate", "plan", "execute", "mastermind", "claim", "head", "command", "run", "direct"}
)
# A phrase after these says where, never whom: "fired rockets at a police station in Bunia".
WHERE_PREPOSITIONS = frozenset({"in", "near", "inside", "outside", "within", "across", "around", "throughout"})


V = TypeVar("V")
NO_CHILDREN: tuple[int, ...] = ()


def _nobody() -> None:
    return None


def per_doc_in_hand(read: Callable[[Doc], V]) -> Callable[[Doc], V]:
    """``nlp.per_doc(read)`` with the value for the Doc in hand kept in front of it: the events stage asks a
    document's arrays about a hundred times per event candidate, nearly always of the same Doc, and each weak-keyed
    look-up builds a weak reference. Only a weak reference to that Doc is kept beside its value (which, as
    ``per_doc`` requires, holds no Doc), swapped as one tuple, so a reader on another thread never pairs one Doc
    with another's value."""
    kept = per_doc(read)
    last: list[tuple[Callable[[], Doc | None], Any]] = [(_nobody, None)]

    @functools.wraps(read)
    def cached(doc: Doc) -> V:
        owner, value = last[0]
        if owner() is doc:
            return value  # type: ignore[no-any-return]
        value = kept(doc)
        last[0] = (weakref.ref(doc), value)
        return value  # type: ignore[no-any-return]

    return cached


def per_word(read: Callable[[Token], V]) -> Callable[[Token], V]:
    """``read(token)`` worked out once per word of a Doc and kept by the word's index while the Doc lives: for the
    readings that several checks of one candidate ask of the same trigger. What ``read`` returns must not hold the
    Doc (no Token)."""

    @per_doc_in_hand
    def known(doc: Doc) -> dict[int, V]:
        return {}

    @functools.wraps(read)
    def cached(token: Token) -> V:
        found, index = known(token.doc), token.i
        if index in found:
            return found[index]
        value = found[index] = read(token)
        return value

    return cached


def is_passive(head: Token) -> bool:
    """The verb's clause is passive: it has a passive subject or a passive auxiliary ("was killed"), or it is a
    participle that shares them with the verb it is joined to ("was attacked and burnt down")."""
    # Read off the document's arrays: ``Token.children`` builds a Token per child. The children's labels are
    # tested in C (a generator per ask cost more than the test).
    doc, index = head.doc, head.i
    heads, labels = parse_arrays(doc)
    children = children_of(doc)[index]
    if not PASSIVE_MARKS.isdisjoint(map(labels.__getitem__, children)):
        return True
    return (
        labels[index] == "conj"
        and head.tag_ == "VBN"
        and heads[index] != index
        and OWN_CLAUSE_MARKS.isdisjoint(map(labels.__getitem__, children))
        and is_passive(doc[heads[index]])
    )


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def verb_in(verb: Token, lemmas: frozenset[str]) -> bool:
    """The verb's lemma is one of ``lemmas``, also when the lemmatiser clipped it ("staged" -> "stag")."""
    return lemma_among(verb, lemmas) is not None


def lemma_among(verb: Token, lemmas: Collection[str]) -> str | None:
    """Which of ``lemmas`` the verb is, also when the lemmatiser clipped it ("fined" -> "fin")."""
    doc, index = verb.doc, verb.i
    word = word_arrays(doc)[3][index]
    forms = (lemma_forms(doc)[index], word, word[:-1], word[:-2], word[:-3] + "e" if word.endswith("ing") else word)
    for form in forms:  # a loop: a generator per ask cost more than the look-ups
        if form in lemmas:
            return form
    return None


def first_child(tokens: Iterable[Token], deps: frozenset[str]) -> Token | None:
    for token in tokens:  # a loop: asked several times per trigger, a generator per ask cost more than the test
        if token.dep_ in deps:
            return token
    return None


def prepositional_objects(head: Token, prepositions: Iterable[str]) -> list[Token]:
    """The objects of the word's prepositions among ``prepositions``: "over her emails", "during the debate"."""
    wanted = frozenset(prepositions)
    return [
        grand
        for child in head.children
        if child.dep_ == "prep" and child.lower_ in wanted
        for grand in child.children
        if grand.dep_ == "pobj"
    ]


def object_of(head: Token) -> list[Token]:
    """The verb a noun trigger is the object of, through a generic head it names ("halted mediation efforts")."""
    # Read off the document's arrays: the light-verb check asks it of every candidate several times.
    doc = head.doc
    heads, labels = parse_arrays(doc)
    parts = word_arrays(doc)[0]
    word = _named_through(doc, head.i)
    if parts[word] in ("NOUN", "PROPN") and labels[word] in ACTED_ON and parts[heads[word]] in ("VERB", "AUX"):
        return [doc[heads[word]]]
    return []


def light_verb_of(head: Token) -> list[Token]:
    # Each candidate's modality, slots, place and recoding ask it of the same trigger: found once per word.
    doc, index = head.doc, head.i
    known = _light_verbs(doc)
    found = known.get(index)
    if found is None:
        found = known[index] = [verb.i for verb in object_of(head) if verb_in(verb, LIGHT_VERBS)]
        found += [verb.i for verb in _existential_be(head)]
    return list(map(doc.__getitem__, found))  # mostly none: no comprehension made for them


def _existential_be(head: Token) -> list[Token]:
    """ "there will be attacks", "there were no talks", "if the talks fail, there will be attacks": the existential
    "be" carries the noun's tense, negation and condition, as a light verb does."""
    verb = head.head
    if head.dep_ in ("attr", "nsubj") and verb.lemma_ == "be" and any(word.dep_ == "expl" for word in verb.children):
        return [verb]
    return []


@per_doc_in_hand
def _light_verbs(doc: Doc) -> dict[int, list[int]]:
    # Filled by ``light_verb_of``: each word's light verbs by index.
    return {}


def named_through(head: Token) -> Token:
    """ "mediation efforts", "peace talks": a trigger noun compounded onto a generic noun acts through it; "fired
    dozens of rockets": one counted after "of", through its count."""
    index = _named_through(head.doc, head.i)
    return head if index == head.i else head.doc[index]


def _named_through(doc: Doc, index: int) -> int:
    """``named_through`` of the word at ``index``, by index."""
    heads, labels = parse_arrays(doc)
    parts, entities, _, lowers = word_arrays(doc)
    lemmas = lemma_forms(doc)
    if labels[index] == "compound" and lemmas[heads[index]] in GENERIC_EVENT_HEADS:
        return heads[index]
    preposition = heads[index]
    if labels[index] == "pobj" and lowers[preposition] == "of" and parts[heads[preposition]] in ("NOUN", "NUM"):
        count = heads[preposition]
        if lemmas[count] in QUANTITY_NOUNS or entities[count] == "CARDINAL":
            return count
    return index


def governors_of(head: Token, with_objects: bool = False) -> list[Token]:
    """The verbs a trigger is the complement of ("pledged to avenge", "denied that it attacked"), and with
    ``with_objects`` the verbs it is the object of ("halted aid"); at most three, nearest first."""
    # A list, not a generator: every trigger asks it several times, and a generator's set-up cost more than the walk.
    doc = head.doc
    heads, labels = parse_arrays(doc)  # a Token only for each governor given, none per step
    current = (named_through(head) if with_objects else head).i
    walked = GOVERNED_OR_ACTED_ON if with_objects else GOVERNED_BY
    found = []
    for _ in range(3):
        if labels[current] not in walked or heads[current] == current:
            break
        current = heads[current]
        found.append(doc[current])
    return found


def controlling_clause(head: Token) -> tuple[Token, Token | None] | None:
    """``_controlling_clause`` of the word, found once per word: a candidate's slots, modality and outsider checks
    each ask it of the same trigger."""
    return _words(head.doc, _controlling_clause_at(head))


def blamed_on(head: Token) -> tuple[Token, Token | None] | None:
    """``_blamed_on`` of the word, found once per word (asked as ``controlling_clause`` is)."""
    return _words(head.doc, _blamed_on_at(head))


# A word and an optional second one that a reading found, by index (a Token kept would keep its Doc alive).
WordPair = tuple[int, int | None] | None


@per_word
def _controlling_clause_at(head: Token) -> WordPair:
    return _indices(_controlling_clause(head))


@per_word
def _blamed_on_at(head: Token) -> WordPair:
    return _indices(_blamed_on(head))


def _indices(pair: tuple[Token, Token | None] | None) -> WordPair:
    return None if pair is None else (pair[0].i, None if pair[1] is None else pair[1].i)


def _words(doc: Doc, pair: WordPair) -> tuple[Token, Token | None] | None:
    return None if pair is None else (doc[pair[0]], None if pair[1] is None else doc[pair[1]])


def _controlling_clause(head: Token) -> tuple[Token, Token | None] | None:
    """For an act named after "of", "with" or "for" ("accused the protesters of burning a building", "arrested five
    men for looting", "accused them of attacks on convoys"): the verb the preposition belongs to and, when the parser
    hangs the preposition on that verb's object instead ("convicted [two men of bombing]"), that object. An act a
    noun names counts as the act that made it: "accused him of directing rocket attacks" is of directing them; a
    noun that only names the act's kind or weapon stands for the act ("drone and rocket attacks"), and a count for
    what it counts ("blamed for dozens of attacks")."""
    head = modified_noun(head)
    if head.dep_ in OBJECTS and head.head.tag_ == "VBG" and verb_in(head.head, DOING_VERBS):
        head = head.head
    head = named_through(head)
    while head.dep_ == "conj" and head.head.dep_ in ("pobj", "pcomp"):
        head = head.head  # "accused them of abuses and attacks"
    preposition = first_of_coordinated(head.head)  # "accused them of abuses and of attacks"
    noun = head.dep_ == "pobj" and head.pos_ == "NOUN"
    if (
        not (head.dep_ == "pcomp" or noun)
        or preposition.lower_ not in CONTROL_PREPOSITIONS
        or preposition.dep_ != "prep"
    ):
        return None
    attached = preposition.head
    verb, hung_on = (attached.head, attached) if attached.dep_ in OBJECTS | PASSIVE_SUBJECTS else (attached, None)
    # A noun after "of" or "for" is an act of the verb's object only after the verb's own preposition for it
    # ("accused X of attacks", "blamed X for the bombing"); "arrested the leader of the protests" is no such act.
    if noun and preposition.lower_ not in ACT_PREPOSITIONS.get(lemma_among(verb, ACT_PREPOSITIONS) or "", ()):
        return None
    return verb, hung_on


def first_of_coordinated(preposition: Token) -> Token:
    """The first of prepositions joined by "and": "of" in "of abuses and of attacks" (the second hangs from it)."""
    while preposition.dep_ == "conj" and preposition.head.pos_ == "ADP":
        preposition = preposition.head
    return preposition


def modified_noun(head: Token) -> Token:
    """The noun a trigger word only modifies, and so stands for: "drone" and "rocket" in "drone and rocket attacks"
    (a compound or nominal modifier before its noun, or a word coordinated with one)."""
    # Read off the document's arrays: ``Token.head`` builds a Token per ask.
    doc, index = head.doc, head.i
    heads, labels = parse_arrays(doc)
    word = heads[index] if labels[index] == "conj" and labels[heads[index]] in ("compound", "nmod") else index
    if labels[word] in ("compound", "nmod") and word_arrays(doc)[0][heads[word]] == "NOUN" and heads[word] > word:
        return doc[heads[word]]
    return head


def _blamed_on(head: Token) -> tuple[Token, Token | None] | None:
    """An act blamed on a party: "blamed the bombing on militants", "the attack was blamed on the rebels" (the
    blaming verb, and the party); or what something else is blamed on: "blamed the outages on attacks" (the verb,
    and nobody: the attacks are alleged, and whoever blames did not make them)."""
    head = modified_noun(head)
    verb = head.head
    if head.dep_ in OBJECTS | PASSIVE_SUBJECTS and lemma_of(verb) in BLAMED_ON:
        word = BLAMED_ON[lemma_of(verb)]
        parties = [
            party
            for preposition in (*verb.children, *head.children)
            if preposition.dep_ == "prep" and preposition.lower_ == word
            for party in preposition.children
            if party.dep_ == "pobj"
        ]
        # "blamed the attack on the embassy on militants": the last such phrase names who is blamed
        return verb, max(parties, key=lambda party: party.i, default=None)
    if head.dep_ != "pobj" or head.head.lower_ not in BLAMED_ON.values():
        return None
    # "blamed the outages on supplies and on attacks": the parser may hang the second "on" from anything inside
    # the blamed thing's phrase; the act is what the blame falls on when the path up to the verb runs through the
    # blamed thing ("blamed the rebels for the attack on the march" runs through "for": the march is no cause)
    below = head
    for above in head.ancestors:
        if above.pos_ in ("VERB", "AUX"):
            through_object = below.dep_ in OBJECTS or (
                below.dep_ == "prep" and below.lower_ == BLAMED_ON.get(lemma_of(above))
            )
            return (above, None) if lemma_of(above) in BLAMED_ON and through_object else None
        below = above
    return None


def conditioned(word: Token, marks: frozenset[str] = CONDITION_MARKS) -> bool:
    """The word's clause, or a clause under it, opens with one of ``marks`` ("if", "unless")."""
    children, labels, lowers = walk_arrays(word.doc)
    index = word.i
    if labels[index] != "advcl" and "advcl" not in map(labels.__getitem__, children[index]):
        return False  # most words head no adverbial clause: asked of every word of a clause, for every trigger
    clauses = [child for child in children[index] if labels[child] == "advcl"]
    if labels[index] == "advcl":
        clauses.append(index)
    return any(lowers[mark] in marks for clause in clauses for mark in children[clause] if labels[mark] == "mark")


def depth(token: Token) -> int:
    # Walked on the document's head indices: every ``token.head`` builds a new Token.
    return depth_at(parse_arrays(token.doc)[0], token.i)


def depth_at(heads: list[int], index: int) -> int:
    """``depth`` of the word at ``index``, given the document's head indices."""
    depth = 0
    while heads[index] != index and depth < MAX_SUBTREE:
        index, depth = heads[index], depth + 1
    return depth


def governs(ancestor: Token, token: Token, reach: int | None = None) -> bool:
    """Whether ``ancestor`` is above ``token`` in the parse, at most ``reach`` steps up (by default any number, as
    ``Token.ancestors``, which never walks more steps than the document has words)."""
    heads = parse_arrays(token.doc)[0]
    return governs_at(heads, ancestor.i, token.i, len(heads) if reach is None else reach)


def governs_at(heads: list[int], ancestor: int, index: int, reach: int) -> bool:
    """``governs`` of the words at ``ancestor`` and ``index``, given the document's head indices."""
    for _ in range(reach):
        if heads[index] == index:
            return False
        index = heads[index]
        if index == ancestor:
            return True
    return False


@per_doc_in_hand
def _noun_chunks_by_sentence(doc: Doc) -> dict[int, tuple[tuple[int, int], ...]]:
    # spaCy rebuilds noun chunks on every ask, walking every word it is given; slot filling needs the chunks of a
    # few sentences only (where a slot's subtree is long), so each sentence's are built on first need, once.
    return {}


def noun_chunk_bounds(token: Token) -> tuple[tuple[int, int], ...]:
    """The token bounds of the noun chunks of the token's sentence (none without a dependency parse); a chunk
    never crosses a sentence, its words all hanging from its head."""
    doc = token.doc
    if not doc.has_annotation("DEP") or doc.noun_chunks_iterator is None:
        return ()
    by_sentence = _noun_chunks_by_sentence(doc)
    sentence = sentence_of(token)
    bounds = by_sentence.get(sentence.start)
    if bounds is None:
        # The language's iterator over the sentence alone: ``Span.noun_chunks`` walks the whole document.
        chunks = doc.noun_chunks_iterator(sentence)
        bounds = by_sentence[sentence.start] = tuple((start, end) for start, end, _ in chunks)
    return bounds


# Every token attribute the shared readings below and the quotes stage's word lists read as arrays, read in one
# ``Doc.to_array`` per Doc: each call steps through every token once per attribute, and they asked for several of
# the same ones in four calls.
TOKEN_COLUMNS = (LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, SENT_START, IDX, IS_PUNCT, IS_SPACE, IS_ALPHA, LENGTH)


@per_doc_in_hand
def token_columns(doc: Doc) -> np.ndarray:
    """``doc.to_array(TOKEN_COLUMNS)``: (tokens, attributes), uint64, a column per attribute in that order."""
    return doc.to_array(list(TOKEN_COLUMNS))


def token_column(doc: Doc, attribute: int) -> np.ndarray:
    """``doc.to_array(attribute)`` for one of ``TOKEN_COLUMNS`` (a view of the Doc's columns: not to be written)."""
    return token_columns(doc)[:, TOKEN_COLUMNS.index(attribute)]


@per_doc_in_hand
def parse_arrays(doc: Doc) -> tuple[list[int], list[str]]:
    """Each word's head index and dependency label as plain lists, read once per Doc: path features walk the tree
    thousands of times per article, and every ``token.head`` builds a new Token."""
    heads = (np.arange(len(doc)) + token_column(doc, HEAD).view(np.int64)).tolist()
    return heads, list(map(vocabulary_memo(doc.vocab, _string).__getitem__, token_column(doc, DEP).tolist()))


@per_doc_in_hand
def children_of(doc: Doc) -> list[Sequence[int]]:
    """Each word's children by index, in text order as ``Token.children`` gives them, read once per Doc: walking
    ``Token.children`` builds a Token per child on every ask."""
    heads, _ = parse_arrays(doc)
    # A word with no child (about half of them) shares one empty tuple: a list per word kept for the Doc's life was
    # most of what the stage left standing, and its count is what sets the garbage collector off.
    children: list[Sequence[int]] = [NO_CHILDREN] * len(heads)
    for index, head in enumerate(heads):
        if head != index:
            if children[head]:
                children[head].append(index)  # type: ignore[attr-defined]
            else:
                children[head] = [index]
    return children


@per_doc_in_hand
def walk_arrays(doc: Doc) -> tuple[list[Sequence[int]], list[str], list[str]]:
    """Each word's children, dependency label and lower-cased form, in one look-up: the modality checks ask them
    of a clause for every trigger."""
    return children_of(doc), parse_arrays(doc)[1], word_arrays(doc)[3]


@per_doc_in_hand
def word_arrays(doc: Doc) -> tuple[list[str], list[str], list[int], list[str]]:
    """Each word's part of speech, entity label ("" for none), character offset and lower-cased form as plain
    lists, read once per Doc: the role models ask them of every word of a sentence for every trigger in it."""
    # A string per value by one look-up in C each, the vocabulary's strings decoded once (not once per document).
    names = vocabulary_memo(doc.vocab, _string).__getitem__
    return (
        list(map(names, token_column(doc, POS).tolist())),
        list(map(names, token_column(doc, ENT_TYPE).tolist())),
        token_column(doc, IDX).tolist(),
        list(map(names, token_column(doc, LOWER).tolist())),
    )


def word_end(doc: Doc, index: int) -> int:
    """The character offset after the word at ``index`` (its trailing space left out): asked of a few words per
    sentence, where reading every word's length from the document would cost more."""
    word = doc[index]
    return word.idx + len(word)


def _string(vocab: Vocab, value: int) -> str:
    return vocab.strings[value] if value else ""


@per_doc_in_hand
def lemma_forms(doc: Doc) -> list[str]:
    """Each word's lower-cased lemma, read once per Doc (each lemma lower-cased once per vocabulary): the trigger
    finder and the models' masked words both start from them."""
    return list(map(vocabulary_memo(doc.vocab, _lowered).__getitem__, token_column(doc, LEMMA).tolist()))


def _lowered(vocab: Vocab, lemma: int) -> str:
    return vocab.strings[lemma].lower()


def sentence_of(token: Token) -> DocSpan:
    """``token.sent``, from the document's sentence bounds read once: spaCy finds a word's sentence by checking the
    whole document for sentence annotation and walking to both of its ends, on every ask."""
    starts, ends = sentence_bounds(token.doc)
    return token.doc[starts[token.i] : ends[token.i]]


@per_doc_in_hand
def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Each word's sentence's first word and its end, by word index, as ``Token.sent`` draws them: a sentence runs
    from the last word at or before the word that starts one (or the first word) to the next word that does."""
    # In numpy, not a Python loop over every word: the last opening at or before each word, the next one after it.
    opens = token_column(doc, SENT_START).view(np.int64) == 1
    if not len(opens):
        return [], []
    positions = np.arange(len(opens))
    starts = np.maximum.accumulate(np.where(opens, positions, 0))
    following = np.minimum.accumulate(np.where(opens, positions, len(opens))[::-1])[::-1]
    return starts.tolist(), [*following[1:].tolist(), len(opens)]


class _Memo(dict[Hashable, Any]):
    """Values worked out from a vocabulary's strings on first ask, then found by one look-up."""

    def __init__(self, vocab: Vocab, compute: Callable[[Vocab, Any], Any]) -> None:
        super().__init__()
        self.vocab, self.compute = vocab, compute

    def __missing__(self, key: Hashable) -> Any:
        value = self[key] = self.compute(self.vocab, key)
        return value


# Keyed by the vocabulary's id with the vocabulary kept beside it (a Vocab takes no weak reference); a memo is
# started afresh when it grows past ``MAX_MEMO``, so a long run's memory stays bounded.
_MEMOS: dict[tuple[int, Callable[[Vocab, Any], Any]], _Memo] = {}
MAX_MEMO = 200_000


def vocabulary_memo(vocab: Vocab, compute: Callable[[Vocab, Any], Any]) -> dict[Hashable, Any]:
    """A dictionary that gives ``compute(vocab, key)`` for any key, each worked out once per vocabulary: what is
    the same in every document (a lemma's lower-case form) is then read per word by ``map(memo.__getitem__, ...)``,
    one look-up in C each."""
    memo = _MEMOS.get((id(vocab), compute))
    if memo is None or memo.vocab is not vocab or len(memo) > MAX_MEMO:
        memo = _MEMOS[(id(vocab), compute)] = _Memo(vocab, compute)
    return memo
