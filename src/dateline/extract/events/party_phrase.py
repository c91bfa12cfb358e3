"""Where a party's phrase ends: the words of a slot's name, cut before what the parser hung on it that is no
part of it (the other side of "between X and Y", a clause set off by a comma, the act itself, what it is accused
of), and whether a word names a party at all."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from dateline.extract.events.syntax import (
    ACT_PREPOSITIONS,
    CONTROL_PREPOSITIONS,
    OBJECT_CONTROL_VERBS,
    OBJECTS,
    WHERE_PREPOSITIONS,
    children_of,
    lemma_among,
    lemma_of,
    noun_chunk_bounds,
    parse_arrays,
    verb_in,
    walk_arrays,
    word_arrays,
)

MAX_SLOT_TOKENS = 12
# What an act was over or amid, which the parser may hang on the party acted on: no part of its name.
CAUSE_PREPOSITIONS = frozenset({"over", "amid", "despite", "following"})
PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# A weapon or attack that is the subject of these harmed their object: "airstrikes killed five fighters".
HARM_VERBS = frozenset({"kill", "hit", "target", "destroy", "injure", "wound", "claim", "damage", "level", "martyr"})
# Participles that tie a party to its patron: "armed groups aligned with Iran", "fighters linked to al-Qaeda" are
# the groups and the fighters, not Iran or al-Qaeda.
PATRONAGE_VERBS = frozenset({"align", "ally", "affiliate", "link", "tie", "connect", "back", "sponsor", "fund", "arm"})


def bounded_subtree(token: Token, act: Token | None = None) -> tuple[Token, Token]:
    """The first and last words of the party phrase ``token`` heads. ``act``: the event's own word, which is never
    part of its party ("the village [shelled by the army]", "the men [who attacked the convoy]")."""
    left, right = token.left_edge, token.right_edge
    right = token.doc[min((right.i, *_name_ends(token), *_accused_acts(token)))]
    if act is not None and act.i != token.i and left.i <= act.i <= right.i:
        left, right = _without_the_act(token, act, left, right)
    if right.i - left.i >= MAX_SLOT_TOKENS:
        chunk = next(((start, end) for start, end in noun_chunk_bounds(token) if start <= token.i < end), None)
        if chunk is None:
            return token, token
        left, right = token.doc[chunk[0]], token.doc[chunk[1] - 1]
    # The edges trimmed on the document's labels: a Token per step cost more than the step.
    labels = parse_arrays(token.doc)[1]
    first, last = left.i, right.i
    while first < last and labels[first] in ("det", "punct", "cc"):
        first += 1
    while last > first and labels[last] in ("punct", "cc"):
        last -= 1
    return (left if first == left.i else token.doc[first]), (right if last == right.i else token.doc[last])


def _without_the_act(token: Token, act: Token, left: Token, right: Token) -> tuple[Token, Token]:
    """The phrase cut before (or after) the branch of ``token`` that holds the event's word."""
    branch = act
    while branch.head.i != token.i and branch.head.i != branch.i:
        branch = branch.head
    if branch.head.i != token.i:
        return left, right
    doc = token.doc
    if branch.i > token.i:
        return left, doc[max(token.i, min(right.i, branch.left_edge.i - 1))]
    return doc[min(token.i, max(left.i, branch.right_edge.i + 1))], right


def _accused_acts(token: Token) -> list[int]:
    """Where a party's phrase ends when the parser hung what it is accused of on it ("accused [the rebels of
    carrying out attacks]", "accused [the rebels of attacks]"): before the preposition. A noun after it is an act
    only after the verb's own preposition for one, when the verb has none of its own ("arrested the leader of the
    protests" is one party)."""
    doc = token.doc
    verb = token.head
    if token.dep_ not in OBJECTS or not verb_in(verb, OBJECT_CONTROL_VERBS):
        return []
    children, labels, lowers = walk_arrays(doc)
    parts = word_arrays(doc)[0]
    for_acts = ACT_PREPOSITIONS.get(lemma_among(verb, ACT_PREPOSITIONS) or "", ())
    verb_has_one = any(labels[child] == "prep" and lowers[child] in for_acts for child in children[verb.i])

    def names_an_act(preposition: int) -> bool:
        below = [child for child in children[preposition] if labels[child] != "punct"]
        if [labels[child] for child in below] == ["pcomp"]:
            return True
        noun = [labels[child] for child in below] == ["pobj"] and parts[below[0]] == "NOUN"
        return noun and lowers[preposition] in for_acts and not verb_has_one

    return [
        doc[child].left_edge.i - 1
        for child in children[token.i]
        if child > token.i and labels[child] == "prep" and lowers[child] in CONTROL_PREPOSITIONS and names_an_act(child)
    ]


def _name_ends(token: Token) -> Iterator[int]:
    """The last words of the party's name before what follows it in its subtree is no part of it: the other side of
    "between students and police"; a clause set off by a comma ("police, who responded with tear gas"); a day the
    parser hung on the subject ("Trump on Tuesday blasted"); the cause of the act hung on its target ("summoned
    the British ambassador over comments by ..."); a verb in the past tense the parser hung on it ("the
    protest organised by students ended peacefully"); what the party is doing to another party, told by a
    participle ("local forces fighting Islamic State", "a super PAC supporting Clinton": the other side is no part
    of the party; "demonstrators protesting election results in Monrovia" stay whole), what was done to it
    ("fighters killed in U.S. airstrikes"), or its patron ("armed groups aligned with Iran")."""
    for child in token.rights:
        if between_side(token) and child.dep_ in ("cc", "conj"):
            yield child.i - 1
        elif child.dep_ == "relcl" and child.left_edge.i - 1 > token.i and child.left_edge.nbor(-1).lower_ == ",":
            yield child.left_edge.i - 2
        elif child.dep_ == "prep" and (_names_a_day(child) or _names_a_cause(child)):
            yield child.i - 1
        elif child.dep_ == "acl" and child.tag_ == "VBD" and child.i > token.i and _verbless(token):
            yield child.i - 1  # a past tense modifies no noun: the sentence's verb hung on it ("students ended")
        elif child.dep_ == "acl" and child.tag_ == "VBG" and child.left_edge.i > token.i and _acts_on_a_party(child):
            yield child.left_edge.i - 1
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.i > token.i and lemma_of(child) in HARM_VERBS:
            yield child.left_edge.i - 1  # "five fighters killed in U.S. airstrikes": the fighters, not the doer
        elif child.dep_ == "acl" and child.tag_ == "VBN" and child.i > token.i and _tied_to_a_patron(child):
            yield child.left_edge.i - 1  # "armed groups aligned with Iran": the groups, not Iran


def _acts_on_a_party(participle: Token) -> bool:
    """The participle's object, or the object of one of its prepositions that says whom rather than where, is a
    named party."""
    objects = [child for child in participle.children if child.dep_ in OBJECTS]
    objects += [
        word
        for child in participle.children
        if child.dep_ == "prep" and child.lower_ not in WHERE_PREPOSITIONS
        for word in child.children
        if word.dep_ == "pobj"
    ]
    return any(names_someone(word) for word in objects)


def _tied_to_a_patron(participle: Token) -> bool:
    """ "aligned with Iran", "backed by Russia", "linked to al-Qaeda": a participle of patronage naming a party."""
    return lemma_of(participle) in PATRONAGE_VERBS and _acts_on_a_party(participle)


def _names_a_cause(preposition: Token) -> bool:
    """ "over the comments", "amid protests"; not "all over the country"."""
    return preposition.lower_ in CAUSE_PREPOSITIONS and preposition.nbor(-1).lower_ != "all"


def _verbless(token: Token) -> bool:
    """The parser found no verb to root the word's sentence on (it rooted it on a noun)."""
    return token.sent.root.pos_ not in ("VERB", "AUX")


def _names_a_day(preposition: Token) -> bool:
    return any(child.dep_ == "pobj" and child.ent_type_ in ("DATE", "TIME") for child in preposition.children)


def between_side(token: Token) -> bool:
    """The word names the first side of "between X and Y"."""
    return token.dep_ == "pobj" and token.head.lower_ == "between"


def names_someone(token: Token) -> bool:
    entities = word_arrays(token.doc)[1]
    # The children's labels tested in C: asked of several words per trigger, a generator per ask cost more.
    return entities[token.i] in PARTY_ENTITIES or not PARTY_ENTITIES.isdisjoint(
        map(entities.__getitem__, children_of(token.doc)[token.i])
    )
