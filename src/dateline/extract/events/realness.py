"""How likely a coded event is a real happening, as a person judging real news would say.

The happening detector is trained on clauses of many kinds (ACLED notes, NGEC openings, PentaClass, CASE-2021), so
on news written for readers it keeps generic, habitual and counterfactual statements that the hand audit then finds
unreal. A second, small logistic regression (``resources/realness_model.npz``, ``make train-realness``) is fitted on
the events the pipeline codes in the audit's ``tune`` articles (PolNeAR, India police news and the real story sets
of 145 outlets), each judged real or not by hand (``benchmarks/audit/judged_tune.tsv``, ``labelled_tune.tsv``). It
reads what the pipeline already decided about the event, never its words themselves: the detector's probability, how
fully the slots are coded, the type and modality, who is named as source and target, the tense and part of speech of
the trigger, how a noun trigger is determined, where its date and place come from, how often the article tells it
and what kind of news the article is. Its probability is the event's ``confidence``, and below the model's
``threshold`` (0.4 as shipped: the highest floor at which its cross-validation keeps 85% of the real events) an
event is not stored unless a user sets another floor. Of the sentence's words it reads only what they are about: the
mean GloVe vector of its content words (a flood, a space flight and a booster dose lie far from shelling and arrests
in that space, and a habit or a forecast has its own words). The words themselves are no feature: the trigger's
lemma raised the cross-validated AUC from 0.692 to 0.711 but learnt the political news' words ("attack" is mostly
verbal there); the sentence's vector raised it from 0.732 to 0.798, and 0.734 to 0.804 on the story sets when fitted
on the other two sources alone. The trigger is read the same way, by its lemma's vector (what kind of act it names).
"""

from __future__ import annotations

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan
from spacy.vocab import Vocab

from dateline.extract import anchoring
from dateline.extract.events.candidates import Candidate, Slot
from dateline.extract.events.recode import MATERIAL
from dateline.extract.events.syntax import sentence_of, vocabulary_memo, word_arrays
from dateline.nlp import per_doc
from dateline.resources.events import QUAD_CLASS
from dateline.resources.word_vectors import DIMENSIONS, known_word_vectors, word_vectors

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# A threat or promise is told in the future by nature: its tense says nothing of whether a party made it.
COMMITMENTS = frozenset({"threatened", "conditional"})
# The sentence vector's weight beside the 0/1 features, so that one L2 strength suits both (5-fold CV on the tune
# audit: 3 and 5 score alike, 1 gives up a third of the gain).
SENTENCE_VECTOR_WEIGHT = 4.0
SENTENCE_VECTOR_NAMES = tuple(f"sentence_vector_{at}" for at in range(DIMENSIONS))
# The trigger's meaning, as its lemma's GloVe vector: what kind of act it names (a strike, an arrest, a meeting, or a
# verb of no political act at all), where the lemma itself learnt the political news' words (see above).
# Its weight by the same cross-validation: 1 (AUC 0.818, and 0.801 on the story sets when fitted on the other two
# sources alone), 2 (0.817, 0.795), 4 (0.814, 0.782), none (0.811, 0.795).
TRIGGER_VECTOR_WEIGHT = 1.0
TRIGGER_VECTOR_NAMES = tuple(f"trigger_vector_{at}" for at in range(DIMENSIONS))


def features(event: Candidate, source: Slot, target: Slot, coded: float, date_basis: str | None) -> dict[str, float]:
    """What the realness model reads of one coded event (names and values; a name absent is 0)."""
    head = event.head
    commitment = event.modality in COMMITMENTS
    values = {
        "happening": event.happening,
        "coded": coded,
        f"type={event.kind}": 1.0,
        f"modality={event.modality}": 1.0,
        f"mode={event.mode or '-'}": 1.0,
        f"source={_kind_of(source)}": 1.0,
        f"target={_kind_of(target)}": 1.0,
        f"source_sector={source.sector or '-'}": 1.0,
        f"tense={'commitment' if commitment else anchoring.tense_aspect(head)}": 1.0,
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
    if commitment:
        # A threat or promise with no party making it is an outlet's forecast or a conditional of its own.
        values[f"commitment_by={_kind_of(source)}"] = 1.0
    # Its sentence from the document's bounds: ``Token.sent`` checks the whole document's annotation on every ask.
    values.update(sentence_vector_features(sentence_of(head)))
    trigger = word_vectors([head.lemma_])[0]
    if trigger.any():
        values.update(zip(TRIGGER_VECTOR_NAMES, (trigger * TRIGGER_VECTOR_WEIGHT).tolist(), strict=True))
    return values


def sentence_vector_features(sentence: DocSpan) -> dict[str, float]:
    """What the sentence is about: the mean unit GloVe vector of its content words (alphabetic, no stop word;
    those GloVe lacks left out), as ``sentence_vector_<i>`` values. Worked out once per sentence: a sentence often
    tells several events."""
    kept = _sentence_vectors(sentence.doc)
    found = kept.get(sentence.start)
    if found is None:
        found = kept[sentence.start] = _sentence_vector(sentence)
    return found


@per_doc
def _sentence_vectors(doc: Doc) -> dict[int, dict[str, float]]:
    return {}  # filled by sentence start as sentences are asked about


def _sentence_vector(sentence: DocSpan) -> dict[str, float]:
    doc = sentence.doc
    lowers = word_arrays(doc)[3][sentence.start : sentence.end]
    content = vocabulary_memo(doc.vocab, _content_word).__getitem__
    # The known words' rows only: a row of zeros for an unknown word added nothing to the sum it was counted out of.
    vectors = known_word_vectors(list(filter(content, lowers)))
    # ``any`` and ``sum`` as the ufuncs' own reductions (the same ones the methods call, without their wrappers).
    known = int(np.count_nonzero(np.logical_or.reduce(vectors, axis=1)))
    if not known:
        return {}
    mean = np.add.reduce(vectors, axis=0) * (SENTENCE_VECTOR_WEIGHT / known)
    return dict(zip(SENTENCE_VECTOR_NAMES, mean.tolist(), strict=True))


def _content_word(vocab: Vocab, lower: str) -> bool:
    # A word's lower-case form is alphabetic and a stop word exactly when the word is.
    lexeme = vocab[lower]
    return lexeme.is_alpha and not lexeme.is_stop


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
