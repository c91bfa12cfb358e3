"""Who did it and to whom: the words that name a trigger's source and target, read off the dependency parse
(where a party's name ends in its phrase: ``party_phrase``; whom a pronoun stands for: ``antecedents``; ``filling``
turns them into slots with the actors stage's mentions)."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract.events.antecedents import antecedent
from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.party_phrase import HARM_VERBS, bounded_subtree, names_someone
from dateline.extract.events.syntax import (
    CONDITION_MARKS,
    DOING_VERBS,
    LIGHT_VERBS,
    OBJECT_CONTROL_VERBS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    WHERE_PREPOSITIONS,
    blamed_on,
    children_of,
    controlling_clause,
    depth,
    first_child,
    is_passive,
    lemma_of,
    named_through,
    parse_arrays,
    prepositional_objects,
    verb_in,
    walk_arrays,
    word_arrays,
)
from dateline.extract.events.tolls import left_victims
from dateline.extract.place_names import PLACE_LABELS
from dateline.extract.roles import BODIES, WEAPONS
from dateline.resources.events import QUAD_CLASS

# Whom these words describe is who did the act after their "for".
RESPONSIBLE_WORDS = frozenset({"responsible", "accountable", "culpable", "liable"})
TARGET_PREPOSITIONS = frozenset({"on", "against", "at", "upon", "toward", "towards", "of"})
SOURCE_PREPOSITIONS = frozenset({"by", "from"})
# Events whose "of" names who acts, not who suffers: "the withdrawal of U.S. forces", "a protest of workers".
INTRANSITIVE = frozenset({"RETREAT", "PROTEST", "MOBILIZE", "CONSULT", "AGREE", "CONCEDE"})
# Events whose "from" names what is left, not who acts: "the U.S. withdrawal from Afghanistan".
LEAVING = frozenset({"RETREAT"})
# Taking forces out, said of the forces in the passive ("troops were withdrawn", "were pulled out").
WITHDRAWING_VERBS = frozenset({"withdraw", "pull"})
# Acts done with another, whose "with" names the other side: "clashed with police", "fought with troops".
RECIPROCAL_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "scuffle", "tussle", "wrestle"})
# Fighting between sides, as nouns: whoever was killed "in a clash with" a side was killed by that side.
RECIPROCAL_NOUNS = frozenset(
    {"clash", "fight", "fighting", "battle", "skirmish", "firefight", "gunfight", "gunbattle", "shootout", "encounter"}
)
RECIPIENT_PREPOSITIONS = frozenset({"to", "with", "against", "on", "toward", "towards", "from", "upon"})
AGAINST = frozenset({"against", "toward", "towards"})
# Kinds of people who do what a noun trigger they modify names (never its victims: "civilian deaths").
DOER_NOUNS = frozenset(
    {"police", "army", "military", "troop", "militant", "rebel", "insurgent", "gunman", "mob", "militia",
     "jihadist", "student", "farmer", "worker", "opposition", "government", "guerrilla", "terrorist"}
)  # fmt: skip
# Verbs that report who said what: a phrase the parser made their subject may be misread.
REPORTING_VERBS = frozenset({"say", "tell", "add", "report", "confirm", "state"})
# What a gun or launcher fires, as the object of the verb that fires it.
FIRED = WEAPONS | frozenset({"round", "volley", "salvo", "burst", "tear", "gas"})


def subject_after_dateline(sentence: DocSpan, head: Token, dateline_end: int) -> Token | None:
    """The parser often makes the dateline city the subject; the real one is the top noun after the dash."""
    nouns = [
        token
        for token in sentence
        if dateline_end <= token.idx < head.idx and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "DATE"
    ]
    return min(nouns, key=depth, default=None)


def slot_tokens(head: Token, event: str) -> tuple[Token | None, Token | None]:
    """The tokens that name who did it and to whom, by the trigger's syntax."""
    children = list(head.children)
    intransitive = event in INTRANSITIVE
    if head.pos_ == "VERB":
        passive = is_passive(head)
        source = first_child(children, SUBJECTS) or agent_of(head)
        target = first_child(children, PASSIVE_SUBJECTS) if passive else first_child(children, OBJECTS)
        if not passive and head.tag_ == "VBN" and agent_of(head) and not any(c.dep_ == "aux" for c in children):
            # "Hundreds of troops, deployed to the border by the governor, arrived": a participle with a "by" agent
            # and no auxiliary is a passive the parser read as active, and its subject was acted on
            passive, target = True, first_child(children, SUBJECTS)
        if passive:
            source = agent_of(head) or _other_side(head)
        if passive and source is None and event in LEAVING and lemma_of(head) in WITHDRAWING_VERBS:
            source, target = target, None  # "U.S. forces are withdrawn": who is withdrawn withdraws
        if source is None:
            source = _held_responsible(head)  # "those responsible for killing protesters"
        if source is None and head.dep_ == "acl" and head.tag_ == "VBG" and _people_or_body(head.head):
            source = head.head  # "train local forces fighting Islamic State": the forces fight
        if source is None:
            # a passive's doer is never the subject of the clause governing it ("Advani was unhappy when a home was
            # attacked")
            source = controlling_object(head) or (None if passive else inherited_subject(head))
        if target is None and head.dep_ == "acl" and head.tag_ == "VBN":
            target = head.head  # "fighters killed in the strike"
        if target is None and passive and head.dep_ == "pcomp" and head.head.head.pos_ in ("VERB", "AUX"):
            # "two activists fled after being threatened by the militia": the clause's subject underwent it
            target = first_child(list(head.head.head.children), SUBJECTS | PASSIVE_SUBJECTS)
        if target is None:
            target = _victims_read_as_speaker(head)
        if target is None or (event == "PROTEST" and target.dep_ in OBJECTS):
            target = prepositional(head, _protested_at(head) if event == "PROTEST" else TARGET_PREPOSITIONS)
        elif event == "ASSAULT" and target.dep_ in OBJECTS and lemma_of(target) in FIRED:
            # "fired shots at the protesters": what is fired is no target; whom it is fired at is
            target = prepositional(head, TARGET_PREPOSITIONS)
        reciprocal = two_sided(head, event)
        partner = prepositional(head, frozenset({"with"})) if reciprocal else None
        if not_a_date(target) is None and partner is not None and partner.i > head.i:
            # "met with union leaders on Tuesday", "agreed with Iran": the partner, not the day ("With the signing
            # of a memorandum, the parties agreed" names no partner)
            target = partner
        if not_a_date(target) is None and reciprocal and source is not None and source.dep_ in SUBJECTS:
            # "Biden and Putin met", "the White House and a group of senators agreed": both sides act, and PLOVER
            # writes the first named as the source and the second as the target, as for "between X and Y"
            target = next((child for child in source.children if child.dep_ == "conj"), None)
        if source is None and target is None:
            source, target = _between(head)  # "fighting between the army and rebels"
        if not passive and (target is None or not names_someone(target)) and event != "PROTEST":
            # PLOVER's recipient is a party, not a thing: "give Tanzania a grant", "offered troops to Lebanon".
            target = _party_recipient(head, QUAD_CLASS.get(event) == "material_conflict") or target
        if not_a_date(target) is None and event in ("REQUEST", "THREATEN"):
            # "demanded that the US cancel the sale", "warned that Iran would pay": a demand or a warning is made
            # of the party its clause is about; a threat, of the party its condition names ("threatened to stop
            # talks if the United States goes ahead")
            clause = first_child(children, frozenset({"ccomp"}))
            if clause is None and event == "THREATEN":
                clause = _condition(head)
            subject = first_child(clause.children, SUBJECTS | PASSIVE_SUBJECTS) if clause is not None else None
            target = subject if subject is not None and names_someone(subject) else None
        return antecedent(source), not_a_date(antecedent(target))
    if lemma_of(head) in HUMAN_NOUNS:
        return head, None  # "rioters": the people a noun names by what they do are its doers
    harmed = _harmed_in(head)
    if harmed is not None:
        # "five soldiers were killed in a clash with Chinese troops": the clash is the killing, done by the other side
        return antecedent(_other_side(harmed.head)), harmed
    by_whom = SOURCE_PREPOSITIONS - {"from"} if event in LEAVING else SOURCE_PREPOSITIONS
    source = first_child(children, frozenset({"poss"})) or not_a_date(
        prepositional(head, by_whom | {"of"} if intransitive else by_whom)
    )
    if source is None:
        # "a car bomb attack carried out by Daesh terrorists", "sanctions imposed by the EU": the agent of a participle
        # of doing tells who did it (not of one of brokering or telling: "a ceasefire mediated by Qatar")
        source = next(
            (
                agent
                for child in children
                if child.dep_ == "acl" and verb_in(child, DOING_VERBS) and (agent := agent_of(child))
            ),
            None,
        )
    kind_of_doer = None
    if source is None:
        modifiers = [child for child in children if child.dep_ in ("compound", "amod", "nmod")]
        source = next((child for child in modifiers if child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")), None)
        # "police firing", "militant attack", "student protests": who does such acts, named as their kind
        kind_of_doer = next((child for child in modifiers if child.lemma_.lower() in DOER_NOUNS), None)
    named = named_through(head)  # "launched a mediation effort"
    if source is None:
        source = controlling_object(head)  # "accused the rebels of carrying out attacks": the rebels made them
    if source is None and (blame := blamed_on(head)) is not None:
        source = blame[1]  # "blamed the bombing on militants"
    if source is None and named.dep_ in OBJECTS and verb_in(named.head, LIGHT_VERBS):
        # "China conducted military drills": who carries the act out names the doer better than its kind
        source = first_child(list(named.head.children), SUBJECTS) or inherited_subject(named.head)
    source = source or kind_of_doer
    sides = _between(head)  # "clashes between students and police", "talks between Iran and the US"
    if source is None and sides[0] is not None:
        source = sides[0]
    if source is None and head.dep_ in OBJECTS:
        source = prepositional(head.head, frozenset({"from"}))  # "drawing condemnation from the government"
    verb = head.head.head if head.dep_ == "pobj" else head
    protesting_others = event == "PROTEST" and acts_on(verb)
    if source is None and intransitive and head.dep_ == "pobj" and verb.pos_ == "VERB" and not protesting_others:
        # Who takes part in the talks, the visit or the strike is who went to it: "arrived on a visit" (who acted on
        # others at a protest did not: "police arrested dozens during a march").
        source = first_child(list(verb.children), SUBJECTS)
    if source is None and head.dep_ == "pobj" and head.head.lower_ == "with" and verb.pos_ == "VERB":
        # "police, who responded with tear gas", "attacked them with knives": who acted with the weapon used it
        source = first_child(list(verb.children), SUBJECTS)
    # "a meeting with RSS leaders", "an agreement with the union": whom one meets or agrees with
    partner = AGAINST | {"with"} if event in ("CONSULT", "AGREE") else AGAINST
    target = prepositional(head, partner if intransitive else TARGET_PREPOSITIONS)
    if target is None and sides[0] is not None and source.i == sides[0].i:
        target = sides[1]
    if target is None and not intransitive and named.dep_ in OBJECTS and verb_in(named.head, LIGHT_VERBS):
        target = prepositional(named.head, TARGET_PREPOSITIONS)  # "fired tear gas at protesters"
    if target is None and head.dep_ in SUBJECTS and head.head.lemma_.lower() in HARM_VERBS:
        target = first_child(list(head.head.children), OBJECTS)  # "airstrikes killed five fighters"
    if target is None:
        # "the attack left 14 soldiers dead" ("left six dead" names no one)
        target = left_victims(head)
    return antecedent(source), not_a_date(antecedent(target))


def _held_responsible(head: Token) -> Token | None:
    """Who is said to be responsible for an act a gerund names did it: "those responsible for killing protesters",
    "the group is responsible for attacking the convoy"."""
    preposition = head.head
    if head.dep_ != "pcomp" or preposition.lower_ != "for" or lemma_of(preposition.head) not in RESPONSIBLE_WORDS:
        return None
    held = preposition.head
    if held.dep_ == "amod":
        return held.head
    if held.dep_ == "acomp":
        return first_child(list(held.head.children), SUBJECTS)
    return None


def _people(noun: Token) -> bool:
    """People, by what they are or by a name ("senior teachers", "Hamid Qureishi"; not "sanctions")."""
    return lemma_of(noun) in HUMAN_NOUNS or names_someone(noun)


def _people_or_body(noun: Token) -> bool:
    """People, a body of them, or a name ("local forces", "senior teachers", "the commission"; not "slogans")."""
    return _people(noun) or lemma_of(noun) in BODIES


def acts_on(verb: Token) -> bool:
    """The verb acts on someone or something: it has an object."""
    return any(child.dep_ in OBJECTS for child in verb.children)


def _victims_read_as_speaker(verb: Token) -> Token | None:
    """ "struck the base, killing five fighters, a senior official said": the parser often takes the victims for who
    speaks, with the speaker in apposition to them. A harming participle with no object, directly followed by a
    counted phrase that is the subject of a reporting verb and has a phrase in apposition, acts on that phrase."""
    if verb.tag_ != "VBG" or lemma_of(verb) not in HARM_VERBS or verb.i + 1 >= len(verb.doc):
        return None
    victims = verb.doc[verb.i + 1]
    while victims.head.i != victims.i and victims.i < victims.head.i and victims.dep_ not in SUBJECTS:
        victims = victims.head  # "at least" -> "five" -> "fighters"
    starts_here = victims.left_edge.i == verb.i + 1
    counted = any(child.dep_ == "nummod" for child in victims.children)
    told = victims.dep_ in SUBJECTS and victims.head.i > victims.i and lemma_of(victims.head) in REPORTING_VERBS
    speaker = any(child.dep_ == "appos" for child in victims.children)
    return victims if starts_here and counted and told and speaker else None


def _protested_at(verb: Token) -> frozenset[str]:
    """The prepositions naming whom a protest is aimed at: "against" a law or a party, and "to" the party a
    protest in words is lodged with ("China protested to Japan over the visit"; one marches "to" a place)."""
    return AGAINST | {"to"} if lemma_of(verb) == "protest" else AGAINST


def two_sided(head: Token, event: str) -> bool:
    """Whether the act is done by two sides together: talks, a deal, a clash."""
    return event in ("CONSULT", "AGREE") or lemma_of(head) in RECIPROCAL_VERBS


def _between(head: Token) -> tuple[Token | None, Token | None]:
    """The two sides of "between X and Y" on the trigger: X acts, Y is acted on (a clash, talks, a deal are done by
    both; PLOVER writes the first named as source)."""
    first = prepositional(head, frozenset({"between"}))
    second = next((child for child in first.children if child.dep_ == "conj"), None) if first is not None else None
    return (first, second) if second is not None else (None, None)


def _fighting_harmed_in(verb: Token) -> Token | None:
    """The fighting a passive harming verb says its people were harmed "in": "were killed in clashes with rebels"."""
    if lemma_of(verb) not in HARM_VERBS or not is_passive(verb):
        return None
    fighting = prepositional(verb, frozenset({"in", "during"}))
    return fighting if fighting is not None and lemma_of(fighting) in RECIPROCAL_NOUNS else None


def _other_side(verb: Token) -> Token | None:
    """Who harmed the people a passive verb names, when they were harmed in fighting with a side: the side after
    "with", on the fighting ("in a clash with Chinese troops") or on the verb ("killed in clashes with rebels")."""
    fighting = _fighting_harmed_in(verb)
    if fighting is None:
        return None
    return prepositional(fighting, frozenset({"with"})) or prepositional(verb, frozenset({"with"}))


def _harmed_in(fighting: Token) -> Token | None:
    """The people harmed in the fighting the word names, when a passive harming verb says so: "five soldiers were
    killed in a clash with Chinese troops" -> the soldiers."""
    if lemma_of(fighting) not in RECIPROCAL_NOUNS or fighting.dep_ != "pobj":
        return None
    verb = fighting.head.head
    harmed_in = _fighting_harmed_in(verb) if verb.pos_ == "VERB" else None
    if harmed_in is None or harmed_in.i != fighting.i:
        return None
    return first_child(list(verb.children), PASSIVE_SUBJECTS)


def _condition(head: Token) -> Token | None:
    """The clause an "if" or "unless" hangs on the verb, on the verb it governs or on the verb governing it:
    "threatened to stop talks if the United States goes ahead", "if America continues, we will continue to
    respond"."""
    verbs = [head, *(child for child in head.children if child.dep_ in ("xcomp", "ccomp"))]
    if head.dep_ == "xcomp":
        verbs.append(head.head)
    return next(
        (
            clause
            for verb in verbs
            for clause in verb.children
            if clause.dep_ == "advcl" and any(mark.lower_ in CONDITION_MARKS for mark in clause.children)
        ),
        None,
    )


def _party_recipient(head: Token, force: bool = False) -> Token | None:
    """The first named party an action is directed at: a dative, an object, or the object of "to", "with",
    "against"... on the verb, on its object, or on the verb it governs ("agreed to lift embargoes on Iran"). Of
    force (``force``), the victim is never the place the object is in ("shot dead a village head in Bijapur"), nor a
    place named beside the people it is done to."""
    verbs = [head, *[child for child in head.children if child.dep_ in ("xcomp", "ccomp")]]
    for verb in verbs:
        # Force done to people is done to them, not to the place beside them: "arrested five men from Gaza".
        on_people = force and any(c.dep_ in ("dobj", "obj") and lemma_of(c) in HUMAN_NOUNS for c in verb.children)
        for child in verb.children:
            candidates = []
            if child.dep_ in ("dative", "dobj", "obj"):
                candidates.append(child)
                candidates += [
                    grand
                    for prep in child.children
                    if prep.dep_ == "prep" and not (force and prep.lower_ in WHERE_PREPOSITIONS)
                    for grand in prep.children
                ]
            elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
                candidates += [grand for grand in child.children if grand.dep_ == "pobj"]
            for candidate in candidates:
                if on_people and candidate.ent_type_ in PLACE_LABELS:
                    continue
                if names_someone(candidate) and candidate.ent_type_ not in ("DATE", "TIME"):
                    return _people_named_by(child, candidate)
    return None


def _people_named_by(obj: Token, party: Token) -> Token:
    """People the object names by what they are, whose phrase holds the party: "killed two soldiers of the army" are
    the soldiers (their count stays with them, and the army is the actor the phrase names)."""
    if party is obj or obj.dep_ not in ("dobj", "obj") or lemma_of(obj) not in HUMAN_NOUNS:
        return party
    left, right = bounded_subtree(obj)
    return obj if left.i <= party.i <= right.i else party


def not_a_date(token: Token | None) -> Token | None:
    if token is None:
        return None
    children, labels, _ = walk_arrays(token.doc)
    entities = word_arrays(token.doc)[1]
    if entities[token.i] in ("DATE", "TIME"):
        return None  # "on Tuesday"
    for child in children[token.i]:  # a loop: asked of every slot, a generator per ask cost more than the tests
        if labels[child] == "nummod" and entities[child] in ("DATE", "TIME"):
            return None  # "from 1 May"
    return token


def agent_of(head: Token) -> Token | None:
    children, labels, _ = walk_arrays(head.doc)
    for child in children[head.i]:
        if labels[child] == "agent":
            return _first_object(head.doc, child)
    return None


def prepositional(head: Token, prepositions: frozenset[str]) -> Token | None:
    # On the document's arrays (``Token.children`` builds a Token per child): a Token only for the word found.
    children, labels, lowers = walk_arrays(head.doc)
    for child in children[head.i]:
        if labels[child] == "prep" and lowers[child] in prepositions:
            return _first_object(head.doc, child)
    return None


def _first_object(doc: Doc, preposition: int) -> Token | None:
    """The first object of a preposition (or of an agent's "by"), by its index."""
    children, labels, _ = walk_arrays(doc)
    return next((doc[child] for child in children[preposition] if labels[child] == "pobj"), None)


def inherited_subject(head: Token) -> Token | None:
    """ "pledged to avenge", "continue to respond", "gathered ... and chanted", "is willing to withdraw": the
    governing verb's subject."""
    doc, current = head.doc, head.i
    heads, labels = parse_arrays(doc)
    children = children_of(doc)
    for _ in range(4):
        if labels[current] not in ("xcomp", "conj", "advcl", "acomp") or heads[current] == current:
            return None
        current = heads[current]
        subject = next((child for child in children[current] if labels[child] in SUBJECTS), None)
        if subject is not None:
            return doc[subject]
    return None


def controlling_object(head: Token) -> Token | None:
    """The object of an accusing, arresting or praising verb is who did the act its "of", "with" or "for" names:
    in "police accused the protesters of burning a building" the protesters burnt it, not the police."""
    clause = controlling_clause(head)
    if clause is None or not verb_in(clause[0], OBJECT_CONTROL_VERBS):
        return None
    verb, hung_on = clause
    if hung_on is not None:
        return hung_on
    # "five men were arrested for looting": the passive's subject is the object
    controller = first_child(list(verb.children), PASSIVE_SUBJECTS if is_passive(verb) else OBJECTS)
    if controller is not None and controller.lower_ in ("them", "him", "her") and verb.dep_ in ("advcl", "conj"):
        # "arrested five protesters, accusing them of burning": the pronoun is the clause above's object when that
        # is people ("imposed sanctions on a commander, accusing him of ...": not the sanctions)
        above = first_child(list(verb.head.children), OBJECTS)
        if above is not None and not _people(above):
            # "imposed sanctions on a commander, accusing him of ...": whom the sanctions were imposed on
            above = next(iter(prepositional_objects(above, ("on", "against"))), None)
        return above if above is not None and _people(above) else controller
    return controller
