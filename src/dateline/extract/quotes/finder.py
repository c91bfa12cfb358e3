"""What every quote rule reads of one article (``Finder``: its tokens as word lists, quote marks, paragraphs and
named entities, and which tokens lie within marks) and the quote each rule assembles (``Draft``)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_ALPHA
from spacy.tokens import Doc, Token

from dateline.extract.quote_tagger import is_member
from dateline.extract.quote_words import Words, columns_of, string_hashes, words_of
from dateline.extract.quotes.marks import CLOSERS, Marks
from dateline.model import Entity, Span
from dateline.read.article import dateline_end
from dateline.resources.quote_cues import QuoteCues

SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"--", "―", "—", "–"})
# The links of a word that may say who speaks: a subject, or a passive's agent ("was quoted by X").
SPEAKING_LINKS = ("agent", "nsubj", "nsubjpass")


@dataclass(slots=True)
class Draft:
    """A quote being assembled; token indices into the doc."""

    content: Span
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    mention: Span | None = None
    continuation: Span | None = None
    speaker: Span | None = None
    how: str = "unattributed"


class Finder:
    """The state one article's extraction shares: its tokens, quote marks, paragraphs and names."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        marks: list[Marks],
        paragraphs: list[Span],
        cues: QuoteCues,
        entities: list[Entity],
    ) -> None:
        self.doc, self.text, self.marks, self.cues = doc, text, marks, cues
        self.dateline_end = dateline_end(text)
        self.paragraphs = paragraphs
        self.paragraph_starts = [paragraph.start for paragraph in paragraphs]
        self.words = words_of(doc)
        self.starts = self.words.starts
        # For each token, the index of the quote marks it lies within, or -1.
        self.inside = [-1] * len(doc)
        for number, mark in enumerate(marks):
            for index in range(bisect.bisect_left(self.starts, mark.start), bisect.bisect_left(self.starts, mark.end)):
                self.inside[index] = number
        self.entities = sorted(entities, key=lambda entity: entity.evidence.start)
        self.entity_starts = [entity.evidence.start for entity in self.entities]
        # What ``resolve_speakers`` reads of the marks and entities, whatever the drafts: set on its first call.
        self.mark_bounds = [(mark.inner.start, mark.inner.end) for mark in marks]
        self.mark_ends = [mark.end for mark in marks]
        # How many alphabetic words precede each token: a range's count is one subtraction.
        self.alphabetic = [0, *np.cumsum(columns_of(doc, [IS_ALPHA])[:, 0]).tolist()]
        self.pools: tuple[list[str | None], np.ndarray, np.ndarray] | None = None
        # Per head, the children ``speakers._subject`` reads, in order: subjects outside quote marks, passives' agents.
        self.speaking = _speaking_children(doc, self.words, self.inside)
        self.used_cues: set[int] = set()
        self.consumed: set[int] = set()

    def is_cue(self, token: Token) -> bool:
        # Read off the word lists: the rules ask it of every word near every pair of quote marks.
        words, index = self.words, token.i
        if words.lower[index] == "according":
            return any(child.lower_ == "to" for child in token.children) or (
                index + 1 < len(words.lower) and words.lower[index + 1] == "to"
            )
        verb = self.cues.verbs.get(words.lemma[index])
        return verb is not None and verb.role == "speech" and words.pos[index] in ("VERB", "AUX")

    def trimmed(self, low: int, high: int) -> Span | None:
        words = self.words
        punct, space, lower = words.punct, words.space, words.lower
        while low <= high and (punct[low] or space[low]) and lower[low] not in CLOSERS:
            low += 1
        while high >= low and (punct[high] or space[high]) and lower[high] not in '”"»':
            high -= 1
        if self.alphabetic[high + 1] - self.alphabetic[low] < 2:
            return None
        return Span(words.starts[low], words.ends[high])

    def entity_within(self, span: Span, labels: frozenset[str], containing: int | None = None) -> Span | None:
        index = bisect.bisect_left(self.entity_starts, span.start)
        # An entity may start before a token it contains ("Mustafa al-Kadhemi" holding "Kadhemi"); none starting at
        # the span's end or later is within it.
        for entity in self.entities[max(index - 1, 0) : bisect.bisect_left(self.entity_starts, span.end)]:
            holds = containing is None or entity.evidence.start <= containing < entity.evidence.end
            if entity.label in labels and span.contains(entity.evidence) and holds:
                return entity.evidence
        return None


def _speaking_children(doc: Doc, words: Words, inside: list[int]) -> dict[int, list[int]]:
    # The few words that are a subject or an agent are found with numpy; ``Token.children`` would build a Token per
    # child of every head on the way up from each cue.
    found: dict[int, list[int]] = {}
    deps = columns_of(doc, [DEP])[:, 0]
    for index in np.flatnonzero(is_member(deps, string_hashes(SPEAKING_LINKS))).tolist():
        head = words.heads[index]
        if head != index and (words.dep[index] == "agent" or inside[index] == -1):
            found.setdefault(head, []).append(index)
    return found
