"""Tolls a sentence states for a happening: what it left dead or hurt ("the clashes left six dead"), who died in
or after it ("five people died in the attack"), what its death toll rose to ("the toll rose to 45")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from dateline.extract.events.counts import count_of
from dateline.extract.events.syntax import (
    OBJECTS,
    SUBJECTS,
    first_child,
    lemma_of,
    light_verb_of,
    prepositional_objects,
    walk_arrays,
)

# The state a happening left people in, and the toll it states: "left six dead", "leaving 20 people wounded".
LEFT_STATES = {"dead": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured"}
# Whoever these verbs say died in or after a happening is its toll: "five people died in the attack".
DYING_VERBS = frozenset({"die", "perish"})


def died_in(head: Token) -> Token | None:
    """Who died in or after the happening the trigger names: "five people died in the attack", "at least 12 people
    died after police opened fire" -> the people (its victims and its toll, never its doers); and who died, when the
    dying is the trigger itself ("the mayor said 14 villagers died")."""
    verb = None
    if head.pos_ == "VERB" and lemma_of(head) in DYING_VERBS:
        verb = head
    elif head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ in ("in", "during", "from", "after"):
        verb = head.head.head
    else:
        clause = head if head.pos_ == "VERB" else next(iter(light_verb_of(head)), None)
        if clause is not None and clause.dep_ == "advcl":
            children, _, lowers = walk_arrays(head.doc)  # ``Token.children`` builds a Token per child
            if any(lowers[child] in ("after", "when", "as") for child in children[clause.i]):
                verb = clause.head
    if verb is None or lemma_of(verb) not in DYING_VERBS:
        return None
    return first_child(list(verb.children), SUBJECTS)


def toll_reached(head: Token) -> Token | None:
    """The number a happening's death toll rose to or stands at: "the death toll from Sunday's bombing rose to
    45", "the toll from the blast reached 30"."""
    toll = head.head.head if head.dep_ == "pobj" and head.head.lower_ in ("from", "of", "in") else None
    if toll is None or lemma_of(toll) != "toll" or toll.dep_ not in SUBJECTS:
        return None
    verb = toll.head
    numbers = [child for child in verb.children if child.dep_ in OBJECTS] + prepositional_objects(verb, ("to", "at"))
    return next((number for number in numbers if number.like_num), None)


def stated_tolls(head: Token) -> Iterator[tuple[str, int]]:
    """The tolls the sentence states for the happening the trigger names, as (role, least number): what it left dead
    or hurt, who died in or after it, what its death toll rose to."""
    for verb in leaving_verbs(head):
        toll = left_toll(verb)
        if toll is not None:
            yield toll
    for counted in (died_in(head), toll_reached(head)):
        number = count_of(counted) if counted is not None else None
        if number is not None:
            yield "killed", number


def leaving_verbs(head: Token) -> list[Token]:
    """The verbs that may tell what a happening left behind: "the clashes left six dead", "clashed with police,
    leaving six dead", "the blast that left 14 soldiers dead"."""
    doc = head.doc
    children, labels, _ = walk_arrays(doc)  # a Token only for each verb found
    verbs = [head.head] if head.dep_ in SUBJECTS else []
    for word in (head, *light_verb_of(head)):
        verbs += [doc[child] for child in children[word.i] if labels[child] in ("acl", "advcl", "relcl", "conj")]
    return verbs


def left_victims(head: Token) -> Token | None:
    """Whom a happening left dead or hurt, when the sentence names them: "the attack left 14 soldiers dead" -> the
    soldiers ("left six dead" names no one)."""
    harmed = next((found for verb in leaving_verbs(head) if (found := left_harmed(verb)[0]) is not None), None)
    return harmed if harmed is not None and harmed.lower_ not in LEFT_STATES else None


def left_harmed(verb: Token) -> tuple[Token | None, str | None]:
    """Whom "leave" tells a happening left dead or hurt, and which toll that is: "left 14 soldiers dead" ->
    (soldiers, "killed"); "left six dead" -> (dead, "killed"), the number hanging on the state itself."""
    if verb.lemma_.lower() != "leave":
        return None, None
    children = list(verb.children)
    state = next((child for child in children if child.lower_ in LEFT_STATES and child.dep_ != "conj"), None)
    if state is None:
        return None, None
    people = next((child for child in children if child.dep_ == "dobj" and child.i != state.i), state)
    return people, LEFT_STATES[state.lower_]


def left_toll(verb: Token) -> tuple[str, int] | None:
    """The toll "leave" states, if any: "left at least 12 people dead" -> ("killed", 12)."""
    people, toll = left_harmed(verb)
    if people is None or toll is None:
        return None
    if people.lower_ in LEFT_STATES:
        number = next((value for child in people.children if (value := count_of(child)) is not None), None)
    else:
        number = count_of(people)
    return None if number is None else (toll, number)
