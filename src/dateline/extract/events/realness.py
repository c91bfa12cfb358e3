"""How likely a coded event is a real happening, as a person judging real news would say.

The happening detector is trained on clauses of many kinds (ACLED notes, NGEC openings, PentaClass, CASE-2021), so
on news written for readers it keeps generic, habitual and counterfactual statements that the hand audit then
finds unreal. A second, small logistic regression (``resources/realness_model.npz``, ``make train-realness``) is
fitted on the events the pipeline codes in the audit's ``tune`` articles (PolNeAR, India police news and the real
story sets of 145 outlets), each judged real or not by hand (``benchmarks/audit/judged_tune.tsv``,
``labelled_tune.tsv``). It reads what the pipeline already decided about the event, never its words: the detector's
probability, how fully the slots are coded, the type and modality, who is named as source and target, the tense and
part of speech of the trigger, how a noun trigger is determined, where its date and place come from, how often the
article tells it and what kind of news the article is. Its probability is the event's ``confidence``.
(The trigger's lemma raised the cross-validated AUC from 0.692 to 0.711 but learnt the political news' words:
"attack" is mostly verbal there, and the PLOVER tune part lost 4 points of type accuracy against 1.6 without it.)
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.extract import anchoring
from dateline.extract.events.candidates import Candidate, Slot
from dateline.extract.events.recode import MATERIAL
from dateline.resources.events import QUAD_CLASS

DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def features(event: Candidate, source: Slot, target: Slot, coded: float, date_basis: str | None) -> dict[str, float]:
    """What the realness model reads of one coded event (names and values; a name absent is 0)."""
    head = event.head
    values = {
        "happening": event.happening,
        "coded": coded,
        f"type={event.kind}": 1.0,
        f"modality={event.modality}": 1.0,
        f"mode={event.mode or '-'}": 1.0,
        f"source={_kind_of(source)}": 1.0,
        f"target={_kind_of(target)}": 1.0,
        f"source_sector={source.sector or '-'}": 1.0,
        f"tense={anchoring.tense_aspect(head)}": 1.0,
        f"trigger_pos={head.pos_}": 1.0,
        f"date_basis={date_basis or '-'}": 1.0,
        f"place={'clause' if event.place is not None else '-'}": 1.0,
        f"voice={'quote' if all(quote is not None for quote in event.quoted) else 'outlet'}": 1.0,
        "counts": float(bool(event.counts)),
        "mentions": min(len(event.mentions), 3) / 3,
        # How far into the article: the lead tells the news, the tail its background.
        "position": event.sentence.start / max(1, _text_length(head.doc)),
        f"determiner={_determiner(head)}": 1.0,
    }
    return values


def article_features(events: list[Candidate], sentences: int) -> dict[str, float]:
    """What kind of news the article is, read off all its events and how many ``sentences`` it has: hard news
    reports acts done to someone (strikes, arrests, clashes), commentary reports what parties say about one
    another."""
    if not events:
        return {}
    material = sum(QUAD_CLASS[event.kind] in MATERIAL for event in events)
    return {
        "article_material": material / len(events),
        "article_events_per_sentence": min(1.0, len(events) / max(1, sentences)),
    }


def _determiner(head: Token) -> str:
    """How a noun trigger is determined: "the attack", "Biden's meetings" point at one occasion; "restrictions",
    "murders" with no determiner are often a kind or a tally of many; "-" for a verb."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return "-"
    for child in head.children:
        if child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in DEFINITE):
            return "definite"
        if child.dep_ == "det":
            return "indefinite"
    return "bare"


def _text_length(doc: Doc) -> int:
    # ``len(doc.text)`` without joining the text from every word: the last word ends it.
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _kind_of(slot: Slot) -> str:
    if slot.actor_id is not None:
        return "actor"
    return "words" if slot.text else "none"
