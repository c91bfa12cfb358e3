"""Whether a trigger's event happened: asserted, negated, denied, conditional, threatened or hypothetical,
from its negation, its governing verbs and its auxiliaries."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from dateline.extract.events.syntax import conditioned, governors_of, lemma_of, light_verb_of
from dateline.model import Quote, Span
from dateline.resources.events import QUAD_CLASS, Trigger

# "Failed to reach agreement": what a party failed to do did not happen.
FAIL_HEADS = frozenset({"fail"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
POSSIBILITY_AUX = frozenset({"could", "might", "may", "would"})
THREAT_HEADS = frozenset({"threaten", "threat", "vow", "pledge", "warn", "promise"})
INTENT_HEADS = frozenset(
    {"plan", "want", "seek", "try", "intend", "aim", "hope", "prepare", "call", "urge", "ask", "right", "readiness"}
)
UNREALISED_WORDS = frozenset(
    {"possible", "potential", "planned", "likely", "imminent", "expected", "proposed", "future", "threatened"}
)
EXPECTATION_HEADS = frozenset({"anticipation", "fear", "prospect", "possibility", "risk", "expectation"})
PLAN_HEADS = frozenset({"plan", "intend"})
DENIAL_HEADS = frozenset({"deny", "dismiss", "refute"})


def modality_of(head: Token, trigger: Trigger, quote: Quote | None = None) -> str:
    # A noun's modality is also that of the light verb it is the object of: "will extend the curfew", "did not
    # hold talks", "plans to impose restrictions", "if he gave them a veto".
    light = light_verb_of(head)
    negators = [child for word in [head, *light] for child in word.children]
    if any(child.dep_ == "neg" or (child.lower_ == "no" and child.dep_ == "det") for child in negators):
        return "negated"
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
        return "negated"  # "entered the town without fighting"
    if any(child.dep_ == "amod" and lemma_of(child) in UNREALISED_WORDS for child in head.children):
        return "hypothetical"  # "a possible ground invasion", "the planned march"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and lemma_of(head.head.head) in EXPECTATION_HEADS:
        return "hypothetical"  # "deployed forces in anticipation of more demonstrations"
    governors = [*governors_of(head), *(word for verb in light for word in governors_of(verb))]
    if any(governor.lemma_.lower() in DENIAL_HEADS for governor in governors):
        return "denied"
    if any(lemma_of(governor) in FAIL_HEADS for governor in governors):
        return "negated"
    clause = [head, *light, *governors]
    if any(conditioned(word) for word in clause):
        return "conditional"
    if trigger.event != "THREATEN" and any(governor.lemma_.lower() in THREAT_HEADS for governor in governors):
        return "threatened"
    auxiliaries = auxiliaries_of(clause, quote)
    planned = any(lemma_of(governor) in PLAN_HEADS for governor in governors)
    if (auxiliaries & FUTURE_AUX or planned) and QUAD_CLASS[trigger.event] == "material_conflict":
        return "threatened"  # force or coercion a party says it will or plans to use
    # "tried to hold demonstrations": an attempt under a light verb still took place.
    if auxiliaries & POSSIBILITY_AUX or any(g.lemma_.lower() in INTENT_HEADS for g in governors_of(head)):
        return "hypothetical"
    return "asserted"


def auxiliaries_of(clause: Iterable[Token], quote: Quote | None) -> set[str]:
    """The auxiliaries of a trigger's clause; a reported "would" ("said they would strike") is a future."""
    found = {child.lower_ for word in clause for child in word.children if child.dep_ == "aux"}
    if quote is not None and quote.kind in ("indirect", "mixed") and "would" in found:
        found.add("will")
    return found


def quote_of(trigger: Span, quotes: list[Quote]) -> Quote | None:
    """The quote that carries the trigger: in its words, or as its cue ("pledged", "accused")."""
    for quote in quotes:
        parts = [quote.content, quote.continuation, quote.cue]
        if any(part is not None and part.start <= trigger.start and trigger.end <= part.end for part in parts):
            return quote
    return None
