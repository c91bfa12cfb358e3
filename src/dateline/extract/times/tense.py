"""The tense of the clause an expression stands in, read off the parse: whether "Monday" is the one gone or the one
coming. Plans ("is meeting Monday", "has scheduled … Thursday") look ahead; with no verb above it, or where it
qualifies a noun ("Wednesday's ruling", "the Jan. 6 riot", "the Nov. 3 vote"), the clause says nothing and the tense
is None: "will investigate the Jan. 6 riot" does not move the riot to next January."""

from __future__ import annotations

from spacy.tokens import Doc

# Verbs of planning look ahead unless they report a past act: "has scheduled a news conference Thursday".
_PLAN_VERBS = {"plan", "schedule", "expect", "intend", "due", "set", "propose", "postpone", "delay", "promise"}
# How a time qualifies a noun: "Wednesday's ruling", "the Jan. 6 riot" (the parser's nmod), "the Sept. 11 attacks".
NOUN_MODIFIERS = frozenset({"poss", "compound", "nmod"})
_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d", "could", "might", "may", "should", "can"}


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """ "past", "future" or "present" of the verb governing the characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    if token.dep_ in NOUN_MODIFIERS:
        return None  # "Wednesday's ruling": the clause's verb says nothing about the ruling
    # Bounded climb: heads form a tree, but a chunk-joined parse must not make this loop.
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    helpers = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    words = {helper.lower_ for helper in helpers}
    if (
        words & _FUTURE_AUX
        or (token.lemma_ in _PLAN_VERBS and token.tag_ != "VBD")
        or (token.lower_ == "going" and any(child.lower_ == "to" for child in token.children))
    ):
        return "future"
    if token.tag_ == "VB" and "to" in words:
        # "to acquire ... Friday" looks ahead unless its clause reports the past ("extended offers to ...").
        return "past" if token.head.tag_ == "VBD" and token.head.lemma_ not in _PLAN_VERBS else "future"
    tags = {token.tag_, *(helper.tag_ for helper in helpers)}
    if "VBD" in tags or (token.tag_ == "VBN" and (not helpers or words & {"has", "have", "had"})):
        return "past"
    if token.tag_ == "VBG" and words & {"is", "are", "'re", "am"}:
        return "future"  # "is meeting Monday" in news is a plan
    return "present"
