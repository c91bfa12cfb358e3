"""References back to an actor named before: a title ("the Prime Minister", "Ukraine's foreign minister"), a bare
acronym, and he/she/they or a description ("the analyst", "the company") for the subject of a sentence before,
outside quotation marks only and when the actor is compatible; what cannot be placed is left unlinked."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from dateline.extract.actor_grouping import ACRONYM, GENDER, TITLE_WORDS, ArticleActor, Grouping
from dateline.extract.state_mentions import state_named_by, state_sector
from dateline.resources.actors import KnownActor, compact_key

if TYPE_CHECKING:
    from spacy.tokens import Token

TITLE_SECTOR = {
    **dict.fromkeys(("minister", "president", "king", "queen", "prince", "emir", "premier", "chancellor"), "GOV"),
    **dict.fromkeys(("secretary", "ambassador", "envoy", "governor", "mayor"), "GOV"),
    **dict.fromkeys(("general", "gen.", "colonel", "col.", "brigadier", "commander"), "MIL"),
    "speaker": "LEG",
}
TITLE_HEADS = frozenset(TITLE_SECTOR) - {"gen.", "col.", "brigadier", "colonel"} | {"spokesman", "leader"}
# Nouns that, definite and a main clause's subject, describe the person the previous sentence was about.
ROLE_NOUNS = frozenset(
    {"analyst", "commentator", "journalist", "expert", "official", "spokesman", "spokeswoman", "cleric",
     "researcher", "correspondent", "diplomat", "lawmaker", "commander", "activist", "professor"}
)  # fmt: skip
# ... and those that describe the body it was about: "Merck said ... The company said it will ask".
BODY_DESCRIPTIONS = frozenset(
    {"company", "firm", "group", "organization", "organisation", "agency", "bank", "airline", "carrier", "automaker",
     "manufacturer", "retailer", "network", "newspaper", "university", "drugmaker", "insurer", "charity"}
)  # fmt: skip
PRONOUNS = {"he": "person", "she": "person", "they": "collective"}
# How far back a pronoun or description may look for its antecedent, in sentences.
LOOKBACK_SENTENCES = 3
_QUOTE = re.compile(r"“[^”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)


def resolve_titles_and_acronyms(grouping: Grouping) -> None:
    """ "the Prime Minister", "the Iraqi prime minister" -> the last person of that title; bare acronyms."""
    doc = grouping.doc
    for token in doc:
        if token.i in grouping.owner:
            continue
        if ACRONYM.match(token.text) and compact_key(token.text) in grouping.acronyms:
            actor = grouping.actors[grouping.acronyms[compact_key(token.text)]]
            grouping.add(actor, doc[token.i : token.i + 1], "acronym", 0.8)
            continue
        if token.lower_ not in TITLE_HEADS or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            continue
        start = token.i
        while start > 0 and doc[start - 1].lower_ in TITLE_WORDS and start - 1 not in grouping.owner:
            start -= 1
        before = start - 1
        state = state_named_by(grouping.dictionary, doc[before].text) if before >= 0 else None
        if state is not None:
            before -= 1
        possessor = _possessing_state(grouping, before) if state is None else None
        if possessor is not None:
            # "Ukraine's foreign minister": the possessive is as definite as "the"; the state keeps its own mention
            state, before = possessor, start
        elif before < 0 or doc[before].lower_ != "the" or before in grouping.owner:
            continue
        title = " ".join(t.lower_ for t in doc[start : token.i + 1])
        holders = [
            grouping.actors[actor_id]
            for actor_id in grouping.titles.get(title, ())
            if state is None or grouping.actors[actor_id].country == state.id
        ]
        holders = [actor for actor in holders if actor.last_seen < token.i]
        span = doc[before : token.i + 1]
        if holders:
            grouping.add(max(holders, key=lambda actor: actor.last_seen), span, "description", 0.75)
        elif state is not None and TITLE_SECTOR.get(token.lower_) == "GOV":
            grouping.add(state_sector(state, "GOV"), span, "description", 0.6)


def _possessing_state(grouping: Grouping, at: int) -> KnownActor | None:
    """The state whose possessive ends at token ``at`` ("Ukraine 's"), if one does."""
    if at < 1 or grouping.doc[at].tag_ != "POS":
        return None
    return state_named_by(grouping.dictionary, grouping.doc[at - 1].text)


def resolve_references(grouping: Grouping, quotes: list[tuple[int, int]]) -> None:
    """he/she/they and "the analyst" -> the actor that was the main subject of the sentence before.

    Only references outside quotation marks are resolved (inside, "he" is the speaker's, not the
    outlet's), and only when the nearest earlier sentence with a subject outside quotes has a
    compatible actor as that subject; a sentence whose subject is not an actor stops the search.
    """
    starts = [start for start, _ in quotes]

    def quoted(token: Token) -> bool:
        at = bisect.bisect_right(starts, token.idx) - 1
        return at >= 0 and token.idx < quotes[at][1]

    history: list[str | None] = []  # per sentence: its subject's actor id, None if not an actor, "" if none
    for sent in grouping.doc.sents:
        subject = next(
            (c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass") and not quoted(c)),
            None,
        )
        if subject is not None and subject.i not in grouping.owner:
            _resolve_reference(grouping, subject, history)
        main = grouping.owner.get(subject.i) if subject is not None else None
        for token in sent:
            want = PRONOUNS.get(token.lower_)
            if want is None or token is subject or token.i in grouping.owner or quoted(token):
                continue
            # "Khazali said he would ...": an embedded pronoun refers to its own sentence's subject.
            if token.dep_ in ("nsubj", "nsubjpass") and main and _compatible(grouping.actors[main], want, token):
                grouping.add(grouping.actors[main], grouping.doc[token.i : token.i + 1], "pronoun", 0.55)
        history.append(main if subject is not None else "")


def _resolve_reference(grouping: Grouping, token: Token, history: list[str | None]) -> None:
    want = PRONOUNS.get(token.lower_)
    span = grouping.doc[token.i : token.i + 1]
    kind, confidence = "pronoun", 0.6
    if want is None:
        first, lemma = token.left_edge, token.lemma_.lower()
        if (lemma not in ROLE_NOUNS and lemma not in BODY_DESCRIPTIONS) or first.lower_ not in ("the", "this", "that"):
            return
        want = "person" if lemma in ROLE_NOUNS else "body"
        span, kind, confidence = grouping.doc[first.i : token.i + 1], "description", 0.5
    for previous in reversed(history[-LOOKBACK_SENTENCES:]):
        if previous == "":
            continue
        if previous is not None and _compatible(grouping.actors[previous], want, token):
            grouping.add(grouping.actors[previous], span, kind, confidence)
        return


def _compatible(actor: ArticleActor, want: str, reference: Token) -> bool:
    """Whether ``reference`` (a pronoun or a description asking for ``want``) can stand for ``actor``: a person for
    he/she, a group for they, a body for "the company", and no "he" for someone already called "she" or "Mrs." (nor
    the reverse)."""
    if want == "body":
        return actor.kind not in ("person", "state")  # "the company" is no man and no state
    gender = GENDER.get(reference.lower_)
    agrees = actor.gender is None or gender is None or actor.gender == gender
    return (actor.kind == "person") == (want == "person") and agrees


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in _QUOTE.finditer(text)]
