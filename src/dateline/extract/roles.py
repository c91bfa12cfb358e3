"""Which words may fill an event's source and target: parties, not things, dates or happenings.

The parse proposes a subject and an object; these checks keep only what can name a party. A weapon ("rockets"),
a happening ("the strikes", "the accusation"), a date ("Wednesday's") or a demonstrative ("that") is no actor:
when a party modifies it ("U.S. airstrikes", "Iran's accusation") that party takes the slot, else the slot stays
empty. A verbal act (an accusation, a denial, a demand) is aimed at a party, so a thing in its target slot is
dropped ("denied the accusation"). A harming verb with a subject and no object is a reduced passive, as headlines
and captions write them ("helicopter shot down", "more than 100 protesters killed"): the subject is the victim.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
DATE_ENTITIES = frozenset({"DATE", "TIME"})
# Nouns of abstract or deverbal form name a happening or a quality, not a party ...
ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ure")
# ... except these bodies and groups, which are parties whatever their suffix.
BODIES = frozenset(
    {"administration", "organization", "organisation", "coalition", "opposition", "delegation", "federation",
     "association", "commission", "institution", "population", "nation", "movement", "government", "parliament",
     "department", "establishment", "authority", "community", "majority", "minority", "presidency", "legislature",
     "union", "alliance", "faction", "militia", "junta", "leadership", "judiciary", "congregation", "mission",
     "agency", "intelligence", "resistance", "police", "force", "conference", "convention", "assembly"}
)  # fmt: skip
# Nouns that are neither a party nor of abstract form but name a course of things, not who acts.
COURSE_NOUNS = frozenset(
    {"spiral", "step", "trend", "situation", "crisis", "problem", "issue", "process", "pressure", "wave", "surge",
     "escalation", "development", "move", "message", "signal", "stage", "phase", "round", "cycle", "spate"}
)  # fmt: skip
# The names of diseases and their pathogens, which the small model tags as organisations or products: no party.
DISEASE = re.compile(
    r"(?i)covid(?:[- ]?19)?|sars(?:-cov-2)?|mers|coronavirus|ebola|zika|h[157]n[19]|hiv|mpox|monkeypox|cholera"
)
# A party's conduct: aimed at, it makes its doer the target ("criticized the governor's handling of the floods").
CONDUCT_NOUNS = frozenset(
    {"handling", "conduct", "dealing", "behavior", "behaviour", "response", "record", "policy", "decision", "action",
     "role", "tenure", "leadership", "management", "treatment", "approach", "performance", "involvement", "finance",
     "agenda", "rhetoric", "stance"}
)  # fmt: skip
# Possessive pronouns that stand for a party the pipeline resolves from the sentence ("his handling").
PERSONAL_POSSESSIVES = frozenset({"his", "her", "their"})
# Happenings named by a noun the event lexicon does not trigger on (it codes "killed", not "the killings"): what a
# party condemns, denies or probes, never a party ("condemned the killings at Godhra", "denied any such incident").
HAPPENING_NOUNS = frozenset(
    {"incident", "killing", "violence", "carnage", "mayhem", "rioting", "bloodshed", "unrest", "turmoil", "chaos",
     "tragedy", "episode", "affair", "matter", "atrocity", "outrage", "insurrection", "uprising", "coup", "storming",
     "rampage"}
)  # fmt: skip
WEAPONS = frozenset(
    {"weapon", "arm", "ammunition", "rocket", "missile", "explosive", "ied", "mine", "gun", "rifle", "bomb",
     "grenade", "shell", "mortar", "drone", "bullet", "shot", "pellet", "artillery", "tank", "helicopter", "jet",
     "aircraft", "warplane", "plane", "car", "vehicle", "truck", "device", "stone", "rock", "brick", "knife",
     "machete"}
)  # fmt: skip
# What is said or proposed: the object of a verbal act, never its addressee.
SAID = frozenset(
    {"claim", "report", "allegation", "charge", "rumour", "rumor", "story", "statement", "remark", "comment",
     "word", "plan", "proposal", "offer", "deal", "law", "bill", "measure", "idea", "request", "demand", "call",
     "account", "version", "result", "finding", "plea", "appeal", "threat", "warning", "sanction", "verdict",
     "ruling", "decision", "judgment", "judgement"}
)  # fmt: skip
NOBODY = frozenset({"nobody", "none", "noone"})
DEMONSTRATIVES = frozenset({"that", "this", "these", "those", "which", "what"})
HARMING_VERBS = frozenset(
    {"kill", "shoot", "injure", "wound", "arrest", "detain", "abduct", "kidnap", "execute", "capture", "behead",
     "torture", "massacre", "slay", "murder", "lynch", "stab", "hang"}
)  # fmt: skip
OBJECT_DEPS = frozenset({"dobj", "obj"})
VERBAL_QUADS = frozenset({"verbal_coop", "verbal_conflict"})
# "came under attack", "remained under siege": the verb's subject underwent the attack the noun names.
UNDERGOING_VERBS = frozenset({"come", "be", "remain", "stay", "fall"})
# Verbs whose subject undergoes the happening their object names: "the minister faced criticism", "the plan drew
# condemnation from rights groups", "Ukraine received aid from the EU".
RECEIVING_VERBS = frozenset({"face", "receive", "draw", "attract", "suffer", "endure", "incur"})
ATTACK_NOUNS = frozenset(
    {"attack", "assault", "fire", "gunfire", "shelling", "bombardment", "siege", "barrage", "bombing", "airstrike",
     "strike", "raid", "ambush", "blockade"}
)  # fmt: skip


def reduced_passive(head: Token) -> bool:
    """A harming verb with a subject, no object, no auxiliary and no agent: "helicopter shot down", "100
    protesters killed"."""
    if head.pos_ != "VERB" or head.lemma_.lower() not in HARMING_VERBS:
        return False
    children = list(head.children)
    deps = {child.dep_ for child in children}
    return (
        "nsubj" in deps
        and not deps & (OBJECT_DEPS | {"aux", "auxpass", "nsubjpass", "agent", "ccomp", "xcomp"})
        and not any(child.dep_ == "prep" and child.lower_ == "by" for child in children)
    )


def came_under_attack(verb: Token) -> Token | None:
    """The subject of "came under attack", "were under heavy fire", "remained under siege": the one attacked."""
    if verb.lemma_.lower() not in UNDERGOING_VERBS:
        return None
    attacked = any(
        child.dep_ == "prep"
        and child.lower_ == "under"
        and any(noun.dep_ == "pobj" and noun.lemma_.lower() in ATTACK_NOUNS for noun in child.children)
        for child in verb.children
    )
    return _subject(verb) if attacked else None


def _subject(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ in ("nsubj", "nsubjpass")), None)


def undergone_as_object(noun: Token) -> Token | None:
    """The subject of a verb of undergoing whose object is the event noun (or counts it: "faced a barrage of
    criticism"): the one it was done to, never its doer."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    if noun.dep_ not in ("dobj", "obj") or noun.head.lemma_.lower() not in RECEIVING_VERBS:
        return None
    return _subject(noun.head)


def attack_undergone_by(noun: Token) -> Token | None:
    """The subject that underwent the attack ``noun`` names: "the convoy came under attack", "the pipeline fell victim
    to a ransomware attack", "the embassy was the target of a rocket attack"; None for any other attack noun."""
    if noun.dep_ != "pobj" or noun.lemma_.lower() not in ATTACK_NOUNS:
        return None
    preposition = noun.head
    holder = preposition.head
    if preposition.lower_ == "under":
        return came_under_attack(holder)
    if preposition.lower_ == "to" and holder.lemma_.lower() in ("fall", "become"):
        victim = any(child.lemma_.lower() == "victim" for child in holder.children)
    elif preposition.lower_ == "of" and holder.lemma_.lower() == "target" and holder.dep_ == "attr":
        victim, holder = True, holder.head
    else:
        return None
    return _subject(holder) if victim else None


def party(token: Token | None, event_nouns: frozenset[str], has_actor: bool) -> Token | None:
    """``token`` when it can name a party; for a weapon, a happening, a course of things or a date, the party
    that modifies it; ``None`` when there is none. ``has_actor``: the actors stage knows the words as an actor."""
    if token is not None and DISEASE.fullmatch(token.text):
        return None  # "a vaccine against Ebola": tagged a person or a body, a disease is no party
    if token is None or has_actor or token.ent_type_ in PARTY_ENTITIES:
        return token
    if token.lower_ in NOBODY or any(child.dep_ == "det" and child.lower_ == "no" for child in token.children):
        return None  # "no one has claimed responsibility"
    if token.ent_type_ in DATE_ENTITIES or is_thing(token, event_nouns):
        return _modifying_party(token)
    if token.pos_ == "PRON" and token.lower_ in DEMONSTRATIVES:
        return None
    return token


def addressee(token: Token | None, event_nouns: frozenset[str], has_actor: bool) -> Token | None:
    """The target of a verbal act: a party, or nobody ("denied the claims", "rejected the proposal")."""
    if token is not None and not has_actor and token.ent_type_ not in PARTY_ENTITIES and _lemma(token) in SAID:
        return _modifying_party(token)
    return party(token, event_nouns, has_actor)


def is_thing(token: Token, event_nouns: frozenset[str]) -> bool:
    """A weapon, a happening, a course of things or an abstract noun: not a party."""
    lemma = _lemma(token)
    if token.pos_ not in ("NOUN", "PROPN") or lemma in BODIES:
        return False
    return (
        lemma in WEAPONS
        or lemma in event_nouns
        or lemma in COURSE_NOUNS
        or lemma in HAPPENING_NOUNS
        or lemma in CONDUCT_NOUNS
        or (lemma.endswith(ABSTRACT_SUFFIXES) and len(lemma) > 5)
    )


def _modifying_party(token: Token) -> Token | None:
    """ "U.S. airstrikes", "Iraq's missiles", and for a weapon the agent of a participle that tells who used it: "a
    bomb planted by Taliban militants" (an attack "condemned by the UN" was not the UN's)."""
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.ent_type_ in PARTY_ENTITIES:
            return child
    if _lemma(token) in CONDUCT_NOUNS:
        # "the governor's handling", "his response": whose conduct it is, a body or a person, named or not
        for child in token.children:
            if child.dep_ == "poss" and (child.pos_ in ("NOUN", "PROPN") or child.lower_ in PERSONAL_POSSESSIVES):
                return child
    for child in token.children if _lemma(token) in WEAPONS else ():
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((grand for grand in child.children if grand.dep_ == "agent"), None)
            doer = next((word for word in agent.children if word.dep_ == "pobj"), None) if agent else None
            if doer is not None and (
                doer.ent_type_ in PARTY_ENTITIES or any(word.ent_type_ in PARTY_ENTITIES for word in doer.children)
            ):
                return doer
    return None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
