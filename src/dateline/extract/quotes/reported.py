"""Reported clauses: "X said (that) …", "X accused Y of …", "according to X, …", read from the frames the cue
lexicon gives each speech verb. A clause that holds quote marks whole is a mixed quote and takes them in."""

from __future__ import annotations

import bisect

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.tokens import Token

from dateline.extract.quote_words import columns_of
from dateline.extract.quotes.finder import Draft, Finder
from dateline.extract.quotes.speakers import attach_speaker
from dateline.model import Span


def reported_clauses(finder: Finder, direct: list[Draft]) -> list[Draft]:
    """Reported clauses: "X said (that) …", "X accused Y of …", "according to X, …"; a clause holding
    a quoted fragment is a mixed quote and takes the fragment in."""
    drafts = []
    words, verbs = finder.words, finder.cues.verbs
    # Only a verb or "according" can be a cue: those words are found with numpy.
    strings = finder.doc.vocab.strings
    columns = columns_of(finder.doc, [POS, LOWER])
    verbal = (columns[:, 0] == strings["VERB"]) | (columns[:, 0] == strings["AUX"])
    for index in np.flatnonzero(verbal | (columns[:, 1] == strings["according"])).tolist():
        lower, lemma, pos = words.lower[index], words.lemma[index], words.pos[index]
        if index in finder.used_cues or finder.inside[index] != -1:
            continue
        # A Token is built only for a word that may be a cue.
        if lower == "according" and finder.is_cue(finder.doc[index]):
            token = finder.doc[index]
            content = _according_content(finder, token)
        else:
            verb = verbs.get(lemma)
            if verb is None or pos not in ("VERB", "AUX"):
                continue
            token = finder.doc[index]
            content = _complement(finder, token, verb.frames)
        if content is None:
            continue
        draft = Draft(content, "indirect", cue=token)
        attach_speaker(finder, draft, token, [])
        if draft.subject is None or not takes_marks(finder, draft):
            continue
        drafts.append(draft)
    return drafts


def _complement(finder: Finder, cue: Token, frames: tuple[frozenset[str], ...]) -> Span | None:
    # "accused the opposition of hiding …": the parser may hang the preposition on the object.
    pool = list(cue.children)
    pool += [grand for child in pool if child.dep_ == "dobj" for grand in child.children if grand.dep_ == "prep"]
    for frame in frames:
        children = []
        for slot in frame:
            child = next((child for child in pool if _fills(child, slot, cue)), None)
            if child is None:
                break
            children.append(child)
        else:
            low = min(child.left_edge.i for child in children)
            high = max(child.right_edge.i for child in children)
            return finder.trimmed(low, high)
    return None


def _according_content(finder: Finder, cue: Token) -> Span | None:
    # The clause the phrase hangs on, on whichever side of "according to X" holds more of it.
    sentence = cue.sent
    phrase_low, phrase_high = cue.left_edge.i, cue.right_edge.i
    left = (sentence.start, phrase_low - 1)
    right = (phrase_high + 1, sentence.end - 1)
    low, high = max(left, right, key=lambda side: side[1] - side[0])
    return finder.trimmed(low, high) if high >= low else None


def takes_marks(finder: Finder, draft: Draft) -> bool:
    """Whether the clause holds quote marks whole (then it is mixed and claims them). A clause that
    opens a quote takes it to its closing mark: the parser often hangs the fragment's last words and
    mark on the cue ("said the probe is “ongoing.”"). A clause starting inside a quote is a misparse."""
    held = []
    # Marks are disjoint and in text order (``quote_marks`` pairs them in one scan): the ones the clause overlaps
    # run from the first ending after its start, and once it has taken one to its end, no later one overlaps it.
    number = bisect.bisect_right(finder.mark_ends, draft.content.start)
    while number < len(finder.marks) and finder.marks[number].start < draft.content.end:
        mark = finder.marks[number]
        if mark.start < draft.content.start:
            return False
        if mark.end > draft.content.end:
            draft.content = Span(draft.content.start, mark.end)
        held.append(number)
        number += 1
    if held:
        draft.kind = "mixed"
        finder.consumed.update(held)
    return True


def _fills(child: Token, slot: str, cue: Token) -> bool:
    if slot == "ccomp":
        return child.dep_ == "ccomp"
    if slot in ("xcomp", "dobj", "dative", "oprd"):
        return child.dep_ == slot and child.i > cue.i
    return child.dep_ == "prep" and child.lower_ == slot and child.i > cue.i
