"""ACLED's sub-event type for a coded event: the codebook's distinctions that the PLOVER type and mode do not make.

The lexicon maps a PLOVER type and mode (or a trigger's own hint) to a sub-event; this module then reads who is
armed, who is the state and whether territory changed hands without a fight, off the event's slots and its
sentence's parse. It is called by the events stage for every event and does no I/O.
"""

from __future__ import annotations

from typing import Protocol

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dateline.resources.events import EventLexicon

# ACLED's distinctions: who is armed, who is the state.
TWO_SIDED = frozenset({"clash", "fight", "fighting", "battle", "firefight", "gunbattle", "exchange"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY", "UAF", "IGO_MIL"})
STATE_SECTORS = frozenset({"MIL", "COP", "GOV"})
ARMED_WORDS = frozenset(
    {"army", "military", "troops", "troop", "soldiers", "soldier", "forces", "force", "police", "policemen",
     "checkpoint", "checkpoints", "base", "bases", "positions", "position", "fighters", "militants", "rebels",
     "insurgents", "militia", "militiamen", "guards", "patrol", "convoy", "outpost", "garrison", "jihadists",
     "terrorists", "terrorist", "combatant", "combatants", "gunmen", "separatists", "extremists", "paramilitaries"}
)  # fmt: skip
STATE_FORCE_WORDS = frozenset(
    {"army", "military", "troops", "soldiers", "government", "forces", "police", "security", "regime"}
)
CROWD_WORDS = frozenset(
    {"protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "demonstration",
     "demonstrations", "protest", "protests", "marchers", "rally", "sit-in"}
)  # fmt: skip
MOB_WORDS = frozenset({"mob", "mobs", "vigilante", "vigilantes", "lynch"})
RIOT_WORDS = frozenset({"rioter", "rioters", "looters", "mob", "mobs"})
BASE_NOUNS = frozenset({"base", "camp", "post", "outpost", "barracks", "position", "garrison", "airbase"})
HANDOVER_WORDS = frozenset({"withdraw", "evacuate", "abandon", "cede", "handover"})
ACTING_DEPS = frozenset({"nsubj", "csubj", "nsubjpass", "csubjpass"})


class Party(Protocol):
    """A filled source or target slot: its words and the actor sector the actors stage gave it."""

    text: str | None
    sector: str | None


def sub_event(
    kind: str, mode: str | None, hint: str | None, head: Token, source: Party, target: Party, lexicon: EventLexicon
) -> str | None:
    """ACLED's sub-event type, with the codebook's distinctions the PLOVER mode does not make: fighting between
    armed sides is an Armed clash, violence by an armed side on unarmed people an Attack; territory taken by
    state forces is regained, by anyone else overtaken."""
    coded = lexicon.acled_sub_event(kind, mode, hint)
    crowd_force = mode == "crowd-control" or _lemma(head) in TWO_SIDED
    if kind == "ASSAULT" and crowd_force and _rioting(head.sent):
        return "Violent demonstration"  # police and rioters, or clashes with protesters: the riot is the event
    if coded in ("Armed clash", "Attack") and kind == "ASSAULT":
        if mentions_word(target.text, CROWD_WORDS) and not mentions_word(source.text, CROWD_WORDS):
            return "Excessive force against protesters"  # "officers attacked a peaceful student demonstration"
        if mentions_word(source.text, MOB_WORDS):
            return "Mob violence"  # "an angry mob attacked", "vigilantes beat": a crowd with no cause stated
        two_sided = _lemma(head) in TWO_SIDED
        return "Armed clash" if two_sided or armed(target) else "Attack"
    left_base = kind == "RETREAT" and _leaves_a_base(head)
    handed = any(_lemma(token) in ("hand", "cede", "handover") for token in head.sent)
    if coded == "Non-violent transfer of territory" and left_base and not handed:
        return "Change to group/activity"  # a base left to no one is a change in deployment, not territory
    if coded in ("Government regains territory", "Non-state actor overtakes territory"):
        if handed_over(head.sent):
            return "Non-violent transfer of territory"
        return "Government regains territory" if state_side(source) else "Non-state actor overtakes territory"
    return coded


def armed(party: Party) -> bool:
    """An armed side by its sector or its words ("gunmen", "the army's positions")."""
    return party.sector in ARMED_SECTORS or mentions_word(party.text, ARMED_WORDS)


def state_side(party: Party) -> bool:
    """The state's forces or government by sector or words ("security forces", "the regime")."""
    return party.sector in STATE_SECTORS or mentions_word(party.text, STATE_FORCE_WORDS)


def mentions_word(text: str | None, words: frozenset[str]) -> bool:
    """Whether one of the whitespace-separated words of ``text`` (trailing punctuation off) is in ``words``."""
    return bool(text) and any(word.strip(".,'’").casefold() in words for word in (text or "").split())


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _leaves_a_base(head: Token) -> bool:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            left = next((word for word in child.children if word.dep_ == "pobj"), None)
            return left is not None and _lemma(left) in BASE_NOUNS
    return False


def _rioting(sentence: DocSpan) -> bool:
    """ "dispersed a crowd of rioters", "clashed with anti-government protesters": the crowd fought back."""
    for token in sentence:
        if token.lower_ in RIOT_WORDS:
            return True
        if _lemma(token) in TWO_SIDED:
            partners = [word for child in token.children if child.lower_ == "with" for word in child.subtree]
            if any(word.lower_ in CROWD_WORDS for word in partners):
                return True
    return False


def handed_over(sentence: DocSpan) -> bool:
    """ "recaptured Palmyra after the army pulled out", "regained control when the mission handed over authority",
    "entered without fighting": territory changing hands without a battle, ACLED's non-violent transfer."""
    for token in sentence:
        lemma = _lemma(token)
        particles = {child.lower_ for child in token.children if child.dep_ in ("prt", "prep", "advmod")}
        acts = token.pos_ == "NOUN" or any(child.dep_ in ACTING_DEPS for child in token.children)
        moved = (
            lemma in HANDOVER_WORDS
            or ("out" in particles and lemma == "pull")
            or ("over" in particles and lemma == "hand")
        )
        if moved and (acts or token.dep_ == "conj"):  # "pulled out", not "lying abandoned"
            return True
        if token.lower_ == "without" and any(_lemma(word) in TWO_SIDED | {"resistance"} for word in token.subtree):
            return True
    return False
