"""A quote draft as a record: its evidence, the medium it was said through ("told Press TV", "in a statement"),
its confidence (a model's, else the prior of how its speaker was found) and the actor at its speaker's place."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from dateline.extract.quotes.finder import Draft, Finder
from dateline.model import Mention, Quote, Span

OUTLET_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART"})
MEDIUM_PREPOSITIONS = frozenset({"in", "on", "to", "during", "via", "through", "with"})
# Priors, not measured probabilities: how often each way of finding a speaker is right, as ordered
# by the dev figures (named cue subject best, inheritance from the paragraph before weakest).
CONFIDENCE = {
    "named": 0.9,
    "resolved": 0.8,
    "description": 0.75,
    "unresolved": 0.6,
    "indirect": 0.7,
    "inherited": 0.6,
    "unattributed": 0.5,
    "chant": 0.7,
    "title": 0.6,
    "scare": 0.5,
}


class Actors:
    """The actors stage's mentions, searched by place: a quote's speaker is linked to the first of them (in the
    stage's order) that overlaps it. Sorted by start once per article, so a quote reads only the mentions near it."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        order = sorted(range(len(mentions)), key=lambda number: mentions[number].evidence.start)
        self.bounds = [(mentions[number].evidence.start, mentions[number].evidence.end, number) for number in order]
        self.starts = [start for start, _, _ in self.bounds]
        # No mention overlapping a span starts this far or further before the span's start.
        self.longest = max((end - start for start, end, _ in self.bounds), default=0)

    def of(self, spans: tuple[Span | None, Span | None]) -> str | None:
        """The actor at the speaker's place: the resolved name's first, then the mention's as written ("he" is a
        pronoun mention of the actor it refers to)."""
        for span in spans:
            if span is None:
                continue
            low = bisect.bisect_right(self.starts, span.start - self.longest)
            high = bisect.bisect_left(self.starts, span.end)
            overlapping = [number for _, end, number in self.bounds[low:high] if span.start < end]
            if overlapping:
                return self.mentions[min(overlapping)].actor_id
        return None


def quote_record(finder: Finder, article_id: str, draft: Draft, learned: float | None, actors: Actors) -> Quote:
    """The draft as a record; ``learned`` is a model's confidence in it (else the rule's prior), and the speaker
    is linked to the actor of ``actors``' mentions at its place."""
    cue = draft.cue
    cue_span = None
    if cue is not None:
        cue_span = Span(cue.idx, cue.idx + len(cue))
        if cue.lower_ == "according" and cue.i + 1 < len(finder.doc):
            cue_span = Span(cue.idx, cue.nbor().idx + len(cue.nbor()))
    medium = _medium(finder, cue) if cue is not None and draft.kind in ("direct", "indirect", "mixed") else None
    parts = [draft.content, draft.continuation, cue_span, draft.mention, medium[1] if medium else None]
    present = [part for part in parts if part is not None]
    evidence = Span(min(part.start for part in present), max(part.end for part in present))
    speaker = draft.speaker if draft.kind not in ("chant", "title", "scare") else None
    if draft.kind in ("chant", "title", "scare"):
        confidence = CONFIDENCE[draft.kind]
    elif draft.kind != "direct" and draft.how in ("named", "resolved", "description"):
        confidence = CONFIDENCE["indirect"]
    else:
        confidence = CONFIDENCE[draft.how]
    return Quote(
        article_id=article_id,
        evidence=evidence,
        content=draft.content,
        continuation=draft.continuation,
        kind=draft.kind,
        speaker=speaker,
        speaker_text=finder.text[speaker.start : speaker.end] if speaker else None,
        speaker_mention=draft.mention,
        speaker_actor_id=actors.of((speaker, draft.mention)),
        cue=cue_span,
        cue_text=finder.text[cue_span.start : cue_span.end] if cue_span else None,
        medium=medium[0] if medium else None,
        medium_span=medium[1] if medium else None,
        confidence=confidence if learned is None else learned,
    )


def _medium(finder: Finder, cue: Token) -> tuple[str, Span] | None:
    """ "told Press TV", "in a televised speech broadcast by Al-Ahed", "said in a statement"."""
    media = finder.cues.of_role("medium")
    for child in cue.children:
        phrase_head = None
        if child.dep_ in ("dobj", "dative") and child.ent_type_ in ("ORG", "FAC", "WORK_OF_ART"):
            phrase_head = child
        elif child.dep_ == "prep" and child.lower_ in MEDIUM_PREPOSITIONS:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects and (objects[0].lemma_.lower() in media or objects[0].ent_type_ in ("ORG", "FAC")):
                phrase_head = objects[0]
        if phrase_head is None or finder.inside[phrase_head.i] != -1:
            continue
        phrase = finder.trimmed(phrase_head.left_edge.i, phrase_head.right_edge.i) or Span(
            phrase_head.idx, phrase_head.idx + len(phrase_head)
        )
        outlet = finder.entity_within(phrase, OUTLET_LABELS)
        name = outlet or phrase
        return finder.text[name.start : name.end], phrase
    return None
