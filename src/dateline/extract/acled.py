"""ACLED's sub-event type for a coded event: the codebook's distinctions that the PLOVER type and mode do not make.

The lexicon maps a PLOVER type and mode (or a trigger's own hint) to a sub-event; this module then reads who is
armed, who is the state and whether territory changed hands without a fight, off the event's slots and its
sentence's parse. That rules' reading is not the last word: a trained coder (``resources/acled_model.npz``) reads
it as features beside the words, and ``recoded`` stores the coder's sub-event and probability on each event. The
events stage calls both; nothing here does I/O.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Protocol

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract.events.syntax import sentence_of
from dateline.extract.happening import words_of
from dateline.model import Event, Record, Span
from dateline.resources.acled_model import AcledModel
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
    if kind == "ASSAULT" and crowd_force and _rioting(sentence_of(head)):
        return "Violent demonstration"  # police and rioters, or clashes with protesters: the riot is the event
    if coded in ("Armed clash", "Attack") and kind == "ASSAULT":
        if mentions_word(target.text, CROWD_WORDS) and not mentions_word(source.text, CROWD_WORDS):
            return "Excessive force against protesters"  # "officers attacked a peaceful student demonstration"
        if mentions_word(source.text, MOB_WORDS):
            return "Mob violence"  # "an angry mob attacked", "vigilantes beat": a crowd with no cause stated
        two_sided = _lemma(head) in TWO_SIDED
        return "Armed clash" if two_sided or armed(target) else "Attack"
    left_base = kind == "RETREAT" and _leaves_a_base(head)
    if coded == "Non-violent transfer of territory" and left_base and not _hands_over(head):
        return "Change to group/activity"  # a base left to no one is a change in deployment, not territory
    if coded in ("Government regains territory", "Non-state actor overtakes territory"):
        if handed_over(sentence_of(head)):
            return "Non-violent transfer of territory"
        return "Government regains territory" if state_side(source) else "Non-state actor overtakes territory"
    return coded


def _hands_over(head: Token) -> bool:
    return any(_lemma(token) in ("hand", "cede", "handover") for token in sentence_of(head))


def armed(party: Party) -> bool:
    """An armed side by its sector or its words ("gunmen", "the army's positions")."""
    return party.sector in ARMED_SECTORS or mentions_word(party.text, ARMED_WORDS)


def state_side(party: Party) -> bool:
    """The state's forces or government by sector or words ("security forces", "the regime")."""
    return party.sector in STATE_SECTORS or mentions_word(party.text, STATE_FORCE_WORDS)


def mentions_word(text: str | None, words: frozenset[str]) -> bool:
    """Whether one of the whitespace-separated words of ``text`` (trailing punctuation off) is in ``words``."""
    return bool(text) and not words.isdisjoint(_bare_words(text or ""))


@functools.lru_cache(maxsize=4096)
def _bare_words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, punctuation stripped and case folded, found once per text: a
    slot's text is asked about four word lists twice per event."""
    return frozenset(word.strip(".,'’").casefold() for word in text.split())


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


# -- the trained coder ----------------------------------------------------------------------------------------------

# ACLED-salience of PLOVER types when a text codes several: violence first, then protest, then the rest.
ACLED_PRIORITY = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "SUPPORT", "AGREE")
NONE = "none"
CIVILIAN_WORDS = frozenset(
    {"civilian", "civilians", "villagers", "residents", "people", "man", "woman", "men", "women", "children",
     "child", "family", "students", "worker", "workers", "farmers", "passengers", "journalist", "journalists"}
)  # fmt: skip
CODED_MODALITIES = ("asserted", "alleged", "denied")
# Word classes that name what ACLED's sub-events turn on (the weapon, the act, the crowd, territory), as lemmas
# and lemma bigrams: one feature per class lets a rare type's few notes lend their evidence to the synonyms news
# uses ("warplane" where notes say "airstrike"). Words may sit in several classes.
CUE_CLASSES = {
    "air": frozenset({"airstrike", "airstrikes", "air_strike", "air_raid", "drone", "warplane", "jet", "aircraft",
                      "helicopter", "bomber", "aerial", "air_force", "strike_aircraft", "fighter_jet"}),
    "shell": frozenset({"shell", "shelling", "mortar", "artillery", "rocket", "missile", "howitzer", "projectile",
                        "bombard", "bombardment", "katyusha"}),
    "ied": frozenset({"ied", "landmine", "mine", "roadside_bomb", "explosive_device", "improvised", "car_bomb",
                      "bomb", "explosive", "detonate", "blast", "explosion", "vbied"}),
    "grenade": frozenset({"grenade", "hand_grenade", "rpg"}),
    "suicide": frozenset({"suicide", "self", "blow", "bomber", "vest", "suicide_bomber", "martyrdom"}),
    "chemical": frozenset({"chemical", "chlorine", "sarin", "toxic", "mustard", "nerve_agent", "poison", "gas"}),
    "disrupt": frozenset({"defuse", "dismantle", "seize", "confiscate", "cache", "disposal", "bomb_squad", "recover",
                          "ammunition", "arm", "weapon", "detonate", "neutralize", "found", "discover", "intercept",
                          "shoot_down"}),
    "sexual": frozenset({"rape", "sexual", "sexually", "molest", "gang", "rapist", "assault_sexually"}),
    "abduct": frozenset({"kidnap", "abduct", "abduction", "hostage", "disappear", "captive", "kidnapping", "ransom"}),
    "arrest": frozenset({"arrest", "detain", "custody", "apprehend", "raid"}),
    "loot": frozenset({"loot", "vandalize", "vandalise", "burn", "torch", "destroy", "damage", "steal", "ransack",
                       "arson", "set_fire", "demolish", "raze"}),
    "base": frozenset({"headquarters", "base", "establish", "set_up", "outpost", "checkpoint", "camp", "open",
                       "station", "deploy"}),
    "territory": frozenset({"capture", "recapture", "retake", "regain", "take_over", "overrun", "control", "liberate",
                            "seize_control", "territory", "recover", "withdraw", "hand_over", "evacuate"}),
    "agree": frozenset({"agreement", "ceasefire", "truce", "deal", "sign", "peace", "accord", "agree", "negotiation",
                        "treaty"}),
    "protest": frozenset({"protest", "rally", "march", "demonstrate", "demonstration", "demonstrator", "protester",
                          "sit", "picket", "strike", "boycott", "petition", "vigil"}),
    "force": frozenset({"tear_gas", "teargas", "rubber_bullet", "water_cannon", "disperse", "baton", "lathi",
                        "crackdown", "fire", "beat", "pepper_spray"}),
    "riot": frozenset({"riot", "rioter", "clash", "stone", "pelt", "throw", "hurl", "tyre", "tire", "barricade",
                       "violent", "turn_violent", "molotov"}),
    "mob": frozenset({"mob", "lynch", "vigilante", "villager", "angry", "beat_to_death", "crowd"}),
    "kill": frozenset({"kill", "dead", "death", "die", "body", "murder", "casualty", "fatality", "shoot", "gun",
                       "gunman", "wound", "injure"}),
    "clash": frozenset({"clash", "fight", "battle", "firefight", "gunbattle", "exchange_fire", "exchange", "engage",
                        "ambush", "offensive", "repel", "counterattack"}),
}  # fmt: skip


def rules_coding(events: Sequence[Event], lexicon: EventLexicon) -> str:
    """The rules' one ACLED sub-event type for a text, or "none"; a protest met by force is coded as the force."""
    coded = [event for event in events if event.acled_sub_event and event.modality in CODED_MODALITIES]
    if not coded:
        return NONE
    kinds = {event.type for event in coded}
    modes = {(event.type, event.mode) for event in coded}
    if (("ASSAULT", "crowd-control") in modes and "PROTEST" in kinds) or any(_on_protesters(e) for e in coded):
        return "Excessive force against protesters"
    if "PROTEST" in kinds and ("COERCE", "arrest") in modes:
        return "Protest with intervention"
    if "PROTEST" in kinds and any(_protest_violence(event) for event in coded):
        return "Violent demonstration"
    return salient(coded, lexicon).acled_sub_event or NONE


def salient(events: Sequence[Event], lexicon: EventLexicon) -> Event:
    """The event ACLED would code among several: one the rules gave a sub-event and that is asserted (or denied),
    violence before protest before the rest, a weapon-specific sub-event before its type's generic one."""

    def rank(event: Event) -> tuple[bool, int, bool, float]:
        uncoded = not event.acled_sub_event or event.modality not in CODED_MODALITIES
        priority = ACLED_PRIORITY.index(event.type) if event.type in ACLED_PRIORITY else len(ACLED_PRIORITY)
        generic = event.acled_sub_event == lexicon.acled_sub_event(event.type, "*")
        return uncoded, priority, generic, -event.confidence

    return min(events, key=rank)


def _on_protesters(event: Event) -> bool:
    target = (event.target_text or "").casefold()
    return event.type == "ASSAULT" and any(word in target for word in ("protester", "demonstrator"))


def _protest_violence(event: Event) -> bool:
    """Protesters fighting police or fighting each other make a riot; force used on them is coded apart."""
    if event.type != "ASSAULT":
        return False
    protesters = ("protester", "demonstrator", "rioter", "crowd")
    source, target = (event.source_text or "").casefold(), (event.target_text or "").casefold()
    on_protesters = any(word in target for word in protesters)
    return (event.acled_sub_event == "Armed clash" and not on_protesters) or any(word in source for word in protesters)


def coding_features(tokens: Doc | DocSpan, events: Sequence[Event], lexicon: EventLexicon) -> list[str]:
    """The ACLED model's binary features of a text: its lemmas and bigrams (names, numbers and dates masked by
    their entity label) and the word classes among them (``CUE_CLASSES``), and the rules' reading of the events
    coded in it: PLOVER type and mode, modality, the rules' sub-event per event and for the text, the sectors of
    source and target together, who is armed, the state or a civilian on either side (sector from the actors
    stage, or the words of the slot), and which counts are stated."""
    return sorted(set(_coding_features(tokens, events, lexicon)))


def _coding_features(tokens: Doc | DocSpan, events: Sequence[Event], lexicon: EventLexicon) -> list[str]:
    """``coding_features`` in the order they are found, repeats kept: the model reads a row as a set of names (and
    sums the weights it knows in the order of its own rows), so ``recoded`` skips the sort."""
    words = words_of(tokens)
    bigrams = [f"{left}_{right}" for left, right in pairwise(words)]
    features = [*map("w=".__add__, words), *map("b=".__add__, bigrams)]  # the names joined in C
    said = set(words).union(bigrams)
    features += [f"cue={name}" for name, cue in CUE_CLASSES.items() if not said.isdisjoint(cue)]
    features.append(f"text_rule={rules_coding(events, lexicon)}")
    for event in events:
        kind = event.type if event.modality in CODED_MODALITIES else f"{event.type}~{event.modality}"
        features += [f"type={kind}", f"mode={kind}|{event.mode}", f"rule={event.acled_sub_event}"]
        features.append(f"sect={event.source_sector}>{event.target_sector}")  # who acted on whom, by sector
        for role, party in (("src", _Party(event.source_text, event.source_sector)),
                            ("tgt", _Party(event.target_text, event.target_sector))):  # fmt: skip
            features += [f"{role}_sector={party.sector}", f"{kind}|{role}_armed={armed(party)}"]
            features += [f"{role}_state={state_side(party)}", f"{role}_named={party.text is not None}"]
            features.append(
                f"{kind}|{role}_civilian={party.sector == 'CVL' or mentions_word(party.text, CIVILIAN_WORDS)}"
            )
            features.append(f"{role}_crowd={mentions_word(party.text, CROWD_WORDS)}")
        counts = {"killed": event.killed, "injured": event.injured, "arrested": event.arrested,
                  "participants": event.participants}  # fmt: skip
        features += [f"{kind}|{name}" for name, value in counts.items() if value]
    return features


def code(features: Iterable[str], model: AcledModel) -> tuple[str, float]:
    """The model's sub-event type (or "none") for a text's features, and its probability."""
    return _likeliest(model.probabilities(features))


def _likeliest(probabilities: dict[str, float]) -> tuple[str, float]:
    best = max(probabilities, key=probabilities.__getitem__)
    return best, probabilities[best]


def recoded(records: Sequence[Record], doc: Doc, model: AcledModel, lexicon: EventLexicon) -> list[Record]:
    """The events stage's records with the trained coder's sub-events. Each sentence that holds events is coded
    once, from its words and the rules' reading of its events (the unit the coder was trained on is a short
    report of one happening); the code goes to the event ACLED would code there (``salient``) with the coder's
    probability, and the sentence's other events get none, as ACLED codes one event per happening. Without a
    model the rules' sub-events stand."""
    if not model:
        return list(records)
    by_sentence: dict[Span, list[Event]] = defaultdict(list)
    for record in records:
        if isinstance(record, Event):
            by_sentence[record.evidence].append(record)
    features = [
        _coding_features(
            doc.char_span(sentence.start, sentence.end, alignment_mode="expand") or doc[0:0], events, lexicon
        )
        for sentence, events in by_sentence.items()
    ]
    coded: dict[str, Event] = {}
    # The article's sentences scored together, as each alone would be (``code``).
    for events, probabilities in zip(by_sentence.values(), model.probabilities_of_rows(features), strict=True):
        label, probability = _likeliest(probabilities)
        # The code goes to the event the rules read as that very sub-event when there is one ("arrested 12 persons in
        # connection with the attack": the arrest, not the attack), else to the one ACLED would code.
        chosen = next(
            (event for event in events if event.acled_sub_event == label and event.modality in CODED_MODALITIES),
            None,
        ) or salient(events, lexicon)
        for event in events:
            sub_event = label if event is chosen and label != NONE else None
            coding = (
                sub_event,
                lexicon.acled_types.get(sub_event) if sub_event else None,
                round(probability, 3) if sub_event else None,
            )
            if coding == (event.acled_sub_event, event.acled_event_type, event.acled_confidence):
                continue  # most events of a sentence keep no sub-event: a copy of a record costs a field at a time
            coded[event.event_id] = replace(
                event, acled_sub_event=coding[0], acled_event_type=coding[1], acled_confidence=coding[2]
            )
    return [coded.get(record.event_id, record) if isinstance(record, Event) else record for record in records]


@dataclass(frozen=True, slots=True)
class _Party:
    text: str | None
    sector: str | None
