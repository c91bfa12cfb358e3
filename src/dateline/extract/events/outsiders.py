"""Who a sentence names beside an event but who is no party of it: the teller of a report, whoever reacts to the
event, its victims, who accuses or blames a party for it, and the doer of another act. ``parties.chosen_parties``
keeps these words out of the roles the models choose.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.extract import roles
from dateline.extract.events.modality import CHARACTERISING_VERBS, PREVENTING_VERBS, commemorated
from dateline.extract.events.party_phrase import HARM_VERBS, between_side
from dateline.extract.events.slots import acts_on
from dateline.extract.events.syntax import (
    OBJECT_CONTROL_VERBS,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    blamed_on,
    controlling_clause,
    first_child,
    lemma_of,
    light_verb_of,
    verb_in,
)
from dateline.extract.events.tolls import DYING_VERBS
from dateline.model import Span, TimeRef

# Verbs of reacting to a happening: their subject is not who made it happen.
REACTION_VERBS = frozenset(
    {"condemn", "denounce", "deplore", "decry", "criticize", "criticise", "slam", "praise", "welcome", "hail",
     "applaud", "blame", "mourn", "protest", "report", "confirm", "deny", "investigate", "probe", "witness",
     "survive", "escape", "flee", "fear", "predict", "oppose"}
)  # fmt: skip
# Verbs of answering a happening, which they take with "to" or "for": "responding to criticism of his decision",
# "retaliated for the rocket attack".
RESPONDING_VERBS = frozenset({"respond", "react", "reply", "retort", "retaliate"})
# Reacting to a deed by paying it back, and reacting to it by living through it (whose subject may be its target).
AVENGING_VERBS = frozenset({"avenge", "revenge"})
UNDERGOING_VERBS = frozenset({"survive", "escape", "flee", "fear", "witness"})
# Nouns of looking into or answering a happening: "an inquiry into the shooting", "retaliation for the attack".
REACTION_NOUNS = frozenset({"investigation", "probe", "inquiry", "condemnation", "retaliation", "response"})
REACTING_WORDS = REACTION_VERBS | RESPONDING_VERBS | REACTION_NOUNS
# How a day qualifies the noun of a happening: "the May 3 bombing", "Sunday's attack".
DAY_MODIFIERS = frozenset({"nmod", "compound", "poss", "npadvmod", "amod"})
# "claimed responsibility for the attack": who claims an act did it
CLAIMED = frozenset({"responsibility", "credit"})
# Prepositions that place an event beside another act, in time, cause or topic: "curfew after the riots".
AROUND_PREPOSITIONS = frozenset(
    {"after", "before", "since", "despite", "following", "amid", "over", "about", "against"}
)


def told_of_another_doer(head: Token, chosen: Token) -> bool:
    """ "A spokesman said the strikes targeted depots used to launch drone attacks": who tells of an act a verb
    names did not do it when a clause between them has a subject that is no pronoun for the teller ("the
    strikes"); "Sanders has said he would be honored to meet the pope": he did."""
    verb = head if head.pos_ in ("VERB", "AUX") else next(iter(light_verb_of(head)), None)
    if verb is None or not reporter_of(head, chosen):
        return False  # an act a noun names by itself ("peace talks") may well be the teller's own
    teller = chosen.head
    while verb.i != teller.i and verb.head.i != verb.i:
        subject = first_child(list(verb.children), SUBJECTS | PASSIVE_SUBJECTS)
        if subject is not None:
            return subject.pos_ != "PRON"
        verb = verb.head
    return False


def accuser(head: Token, chosen: Token) -> bool:
    """ "Washington sanctioned PMF figures, accusing them of attacks on protesters", "the ministry blamed the outages
    on attacks": who accuses, arrests or blames a party for an act, or blames something on it, did not do it."""
    clause = controlling_clause(head)
    if clause is None or not verb_in(clause[0], OBJECT_CONTROL_VERBS):
        clause = blamed_on(head)
    if clause is None:
        return False
    verb = clause[0]
    accusers = [verb]
    while verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        verb = verb.head  # "imposed sanctions on him, accusing him of ...": the subject of "imposed" accuses
        accusers.append(verb)
    return chosen.dep_ in SUBJECTS and any(chosen.head.i == accuser.i for accuser in accusers)


def phrase_head(word: Token, trigger: Token | None = None) -> Token:
    """The noun whose "of" a word hangs from: "people" in "Thousands of people" is "Thousands". A word hanging
    from the trigger itself stays its own phrase ("students" in "the clashes between students and police")."""
    while (
        word.dep_ == "pobj"
        and word.head.dep_ == "prep"
        and word.head.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON")
        and (trigger is None or word.head.head.i != trigger.i)
    ):
        word = word.head.head
    return word


def victim(chosen: Token, head: Token) -> bool:
    """The word the source model found is what another verb of the sentence was done to ("more than 20 others
    wounded" in "five were martyred and more than 20 others wounded in a car bomb attack"): no doer of the
    sentence's events. (The rules' own doer of an act one was arrested for stands: "five men were arrested for
    attacking a police post".)"""
    verb = chosen.head
    if verb.i != head.i and lemma_of(verb) in DYING_VERBS and chosen.dep_ == "nsubj":
        return True  # "five people died in the attack"
    if verb.i == head.i or lemma_of(verb) not in roles.HARMING_VERBS | HARM_VERBS:
        return False  # "Serb forces were engaged in ethnic cleansing" did it
    return chosen.dep_ == "nsubjpass" or (chosen.dep_ == "nsubj" and roles.reduced_passive(verb))


def acted_on_others_there(head: Token, chosen: Token) -> bool:
    """The word is the subject of a verb acting on others during or at the protest the trigger names: "police
    arrested dozens of protesters during a march" were not marching."""
    preposition = head.head
    if head.dep_ != "pobj" or preposition.lower_ not in ("during", "at", "in") or chosen.dep_ not in SUBJECTS:
        return False
    verb = preposition.head
    return chosen.head.i == verb.i and acts_on(verb)


def agent_elsewhere(chosen: Token, head: Token) -> bool:
    """The word the source model found is the "by" doer of a verb the trigger does not govern: "journalists were
    detained by police while covering the protest" names who detained, not who protested ("a protest organised by
    students" does name its doers)."""
    if chosen.dep_ != "pobj" or chosen.head.dep_ != "agent":
        return False
    verb = chosen.head.head
    return verb.i != head.i and not any(ancestor.i == head.i for ancestor in verb.ancestors)


def outside_named_event(head: Token, chosen: Token | None) -> bool:
    """An event noun that is the subject of a verb telling something about it ("the attack bears the fingerprints
    of Daesh") has its target within its own phrase; a harming verb is the exception ("airstrikes killed five")."""
    return (
        chosen is not None
        and head.pos_ == "NOUN"
        and head.dep_ in SUBJECTS
        and lemma_of(head.head) not in HARM_VERBS
        and not within(chosen, head)
    )


def reacts_to(head: Token, chosen: Token | None) -> bool:
    """The word is the subject of a verb reacting to the event noun: "Kadhemi condemned the airstrikes", "Khazali
    pledged to avenge U.S. airstrikes". Who condemns or avenges a deed was not its target (who survives or
    witnesses it may have been)."""
    if chosen is None or head.pos_ != "NOUN" or head.dep_ not in OBJECTS:
        return False
    while chosen.dep_ in ("appos", "compound", "pobj", "prep", "poss", "amod", "nmod") and chosen.head.i != chosen.i:
        # "Leader of the resistance group Qais al-Khazali has pledged", "the Iraqi prime minister's office called"
        chosen = chosen.head
    reacting = (REACTION_VERBS | CHARACTERISING_VERBS | AVENGING_VERBS) - UNDERGOING_VERBS
    return chosen.dep_ in SUBJECTS and _subject_of_reaction(head, chosen, reacting)


def _subject_of_reaction(noun: Token, subject: Token, reacting: frozenset[str]) -> bool:
    """``subject`` is the subject of the verb of ``reacting`` whose object is ``noun``, or of a verb that verb
    serves ("summoned the envoy to protest the shelling", "pledged to avenge the airstrikes", "will decide whether
    to set up a committee to investigate the attack")."""
    reaction = noun.head
    if not verb_in(reaction, reacting):
        return False
    return subject.head.i == reaction.i or any(subject.head.i == governor.i for governor in reaction.ancestors)


def reporter_of(head: Token, chosen: Token | None) -> bool:
    """The word stands in the subject of a verb whose clausal complement holds the trigger: the teller, not a party."""
    if chosen is None:
        return False
    subject = phrase_head(chosen)
    while subject.head.pos_ in ("NOUN", "PROPN") or subject.dep_ == "pobj":
        if subject.dep_ in ("poss", "compound", "amod", "nmod", "appos") and subject.head.pos_ in ("NOUN", "PROPN"):
            subject = subject.head  # "South Korea's military"; "five fighters, a senior official" (misread)
        elif subject.dep_ == "pobj" and subject.head.dep_ == "prep" and subject.head.head.pos_ in ("NOUN", "PROPN"):
            subject = subject.head.head  # "an official in Iraq's army"
        else:
            break
    teller = subject.head
    if subject.dep_ not in SUBJECTS or teller.pos_ not in ("VERB", "AUX"):
        return False
    clause = head
    while clause.head.i != clause.i and clause.head.i != teller.i:
        clause = clause.head
    return clause.head.i == teller.i and clause.dep_ in ("ccomp", "parataxis")


def subject_of_another_act(head: Token, chosen: Token) -> bool:
    """ "The ministry condemned the attack", "announced a curfew after the riots": the subject of a verb that
    reacts to an event noun, or that a preposition of time, cause or topic ties it to, did not do that event.
    ("Arrived on a visit", "engaged peacekeepers in a firefight", "launched an attack": the subject did.)"""
    if head.pos_ != "NOUN" or chosen.dep_ not in SUBJECTS:
        return False
    while head.dep_ == "compound" and head.head.pos_ == "NOUN":
        head = head.head  # "retaliated for the rocket attack": the weapon stands where its attack does
    if head.dep_ in SUBJECTS | PASSIVE_SUBJECTS:
        # "The spokesman told reporters that talks were continuing": an event noun that is its own clause's
        # subject was done by no other clause's subject (one in a clause it governs may be: "the attack, which
        # Hamas carried out")
        return not any(word.i == chosen.head.i for word in head.subtree)
    if head.dep_ in OBJECTS:
        # "summoned the envoy to protest the shelling": the subject of the verb a reaction serves is no doer either
        reacting = REACTION_VERBS | CHARACTERISING_VERBS | PREVENTING_VERBS | AVENGING_VERBS
        return _subject_of_reaction(head, chosen, reacting)
    holder = head.head.head if head.dep_ == "pobj" and head.head.dep_ == "prep" else None
    if holder is not None and head.head.lower_ in ("to", "for") and verb_in(holder, RESPONDING_VERBS):
        # "a defiant Biden said, responding to harsh criticism": who answers the criticism did not make it
        return chosen.head.i == holder.i or any(chosen.head.i == governor.i for governor in holder.ancestors)
    # "those responsible for the bombing" (but not "the army is responsible for the shelling": a predicate's subject
    # is who it is said of)
    held = holder is not None and (holder.pos_ == "NOUN" or (holder.pos_ == "ADJ" and holder.dep_ != "acomp"))
    if held and lemma_of(holder) not in CLAIMED:
        # "arrested nobody in connection with the attack", "sorrow for the shootings": an event noun hanging from
        # another noun was not done by the subject of the verb above them
        return any(chosen.head.i == verb.i for verb in holder.ancestors if verb.pos_ in ("VERB", "AUX"))
    preposition = head.head
    return (
        head.dep_ == "pobj"
        and preposition.lower_ in AROUND_PREPOSITIONS
        and chosen.head.i == preposition.head.i
        and preposition.head.i != head.i
    )


def within(word: Token | None, phrase: Token | None, two_sided: bool = False) -> bool:
    """The word lies in the noun phrase ``phrase`` heads, short of any clause inside it ("a man who threatened
    to bomb a mosque": the mosque is not part of the man). Of an act done by two sides (``two_sided``: "Biden and
    Putin met"), as of one "between students and police", the second named is another party, not part of the
    first."""
    branch = branch_within(word, phrase)
    return branch is not None and not (branch.dep_ == "conj" and (two_sided or between_side(phrase)))


def branch_within(word: Token | None, phrase: Token | None) -> Token | None:
    """The child of ``phrase`` that ``word`` descends from inside the noun phrase (``word`` itself when it is one),
    or None when the word lies outside it or beyond a clause inside it."""
    if word is None or phrase is None:
        return None
    below = word
    for ancestor in word.ancestors:
        if ancestor.i == phrase.i:
            return below
        below = ancestor
        if ancestor.pos_ in ("VERB", "AUX"):
            return None
    return None


def times_of_its_own(head: Token, sentence: Span, times: list[TimeRef], event_nouns: frozenset[str]) -> list[TimeRef]:
    """The times that may date the act at ``head`` in ``sentence``: all but a day of the happening it looks into or
    answers, and none of the sentence's for a happening it remembers ("marked on Tuesday the anniversary of the
    murder": the day is the remembering's)."""
    doc, remembered = head.doc, commemorated(head)
    if not remembered and lemma_of(head) not in REACTING_WORDS:
        return times  # (most acts react to nothing: their times are not read off the parse here)
    kept = []
    for time in times:
        if sentence.start <= time.evidence.start and time.evidence.end <= sentence.end:
            if remembered:
                continue
            words = doc.char_span(time.evidence.start, time.evidence.end, alignment_mode="expand")
            if words is not None and len(words) and dates_what_it_reacts_to(head, words.root, event_nouns):
                continue
        kept.append(time)
    # the list itself when nothing is set aside: the sentence's dates are found once per list (when_where)
    return times if len(kept) == len(times) else kept


def dates_what_it_reacts_to(head: Token, day: Token, event_nouns: frozenset[str]) -> bool:
    """The day (the root of its words) qualifies a happening the act at ``head``, a word of ``REACTING_WORDS``,
    looks into or answers: "a panel investigating the May 3 bombing", "condemned Sunday's attack", "an inquiry into
    the April 2 shooting". It dates that happening, not the act: a panel is seldom formed on the day of what it
    investigates."""
    if day.dep_ in DAY_MODIFIERS:
        happening = day.head
    elif day.dep_ == "pobj" and day.head.dep_ == "prep":
        happening = day.head.head
    else:
        return False
    if happening.i == head.i or happening.pos_ != "NOUN":
        return False
    if lemma_of(happening) not in event_nouns and lemma_of(happening) not in roles.HAPPENING_NOUNS:
        return False
    governor = happening.head.head if happening.dep_ == "pobj" and happening.head.dep_ == "prep" else happening.head
    return governor.i == head.i and happening.dep_ in (*OBJECTS, "pobj")
