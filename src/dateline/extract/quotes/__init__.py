"""Quotes and attribution: who said what, how and through which medium, each part a span of the text.

The stage, one concern a module: ``marks`` pairs the quote marks by one linear scan (curly, straight, guillemets,
nesting, paragraph-spanning); ``finder`` holds what every rule reads of one article; ``direct`` reads the quotes in
marks (a cue beside them, chants, titles, and the marks no cue explains), ``reported`` the reported clauses
(indirect and mixed quotes), both from the dependency parse and ``resources/quote_cues.tsv``; ``speakers`` finds
who speaks and resolves pronouns and descriptions within the article only; ``records`` makes the records, with
their medium, confidence and actor. This module runs the rules, then lets the trained tagger, kind and attribution
models add to and correct the rules' reading.
"""

from __future__ import annotations

import bisect
import itertools

import numpy as np

from dateline.extract import quote_candidates, quote_kinds
from dateline.extract.quote_tagger import (
    RULE_TAGS,
    attributions,
    decode,
    enclosed_in_marks,
    normalised,
    token_keys,
)
from dateline.extract.quote_words import Words, string_hashes
from dateline.extract.quotes.direct import direct_quotes, uncued_quotes
from dateline.extract.quotes.finder import Draft, Finder
from dateline.extract.quotes.marks import paragraph_spans, quote_marks
from dateline.extract.quotes.records import Actors, quote_record
from dateline.extract.quotes.reported import reported_clauses, takes_marks
from dateline.extract.quotes.speakers import attach_speaker, resolve_speakers
from dateline.model import Entity, Mention, Quote, Span
from dateline.nlp import ParsedArticle
from dateline.resources import Resources
from dateline.resources.quote_cues import QuoteCues

# The tagger adds indirect and mixed attributions where the rules found none, when at least this sure (mean
# label probability over the content). On a held-out third of tune, the tagger alone scored below the rules
# (direct F1 0.73 against 0.82, indirect 0.44 against 0.43 at lower precision); adding its indirect finds
# to the rules' raised indirect F1 to 0.46. With the chooser beside it, 3-fold cross-validation on tune chose 0.7
# over 0.6 (indirect F1 0.600 -> 0.603 together with the cue below, P 0.636 -> 0.655).
LEARNED_MIN = 0.7
# Quoted passages no one is said to have said: an attribution found around them takes their place.
GIVE_WAY = frozenset({"scare", "unattributed"})
# What the attribution model's candidates never displace: someone's words in marks, chants and titles.
STANDING = frozenset({"direct", "chant", "title"})
QUOTE_CHAR_SET = frozenset('"“”«»„')


def extract(parsed: ParsedArticle, resources: Resources) -> list[Quote]:
    finder, drafts = rule_reading(parsed, resources)
    # What the rules made of each cue word, a feature of the attribution model's candidates.
    ruled = {draft.cue.i: draft.kind for draft in drafts if draft.cue is not None}
    confidence: dict[int, float] = {}
    tagged = tagger_log_probs(finder, drafts, resources)
    if tagged is not None:
        drafts, confidence = _learned(finder, drafts, tagged)
    if resources.quote_kind_model:
        _rekind(finder, drafts, resources)
    if resources.attribution_model:
        drafts, chosen = _chosen(finder, drafts, ruled, tagged, resources)
        confidence.update(chosen)
    drafts.sort(key=lambda draft: draft.content.start)
    actors = Actors(parsed.of(Mention))
    return [quote_record(finder, parsed.article.id, draft, confidence.get(id(draft)), actors) for draft in drafts]


def rule_reading(parsed: ParsedArticle, resources: Resources) -> tuple[Finder, list[Draft]]:
    """The rules' drafts for an article, resolved, before any model sees them."""
    doc, text = parsed.doc, parsed.article.text
    paragraphs = paragraph_spans(text)
    finder = Finder(doc, text, quote_marks(text, paragraphs), paragraphs, resources.quote_cues, parsed.of(Entity))
    drafts, pending = direct_quotes(finder)
    drafts += reported_clauses(finder, drafts)
    resolve_speakers(finder, drafts)
    drafts += uncued_quotes(finder, pending, drafts)
    return finder, drafts


def tagger_keys(finder: Finder, drafts: list[Draft], resources: Resources) -> np.ndarray:
    """The tagger's feature keys for every token, the rules' drafts among them."""
    doc = finder.doc
    tags = np.zeros(len(doc), dtype=np.int64)
    for draft in drafts:
        spans: list[tuple[Span | None, str]] = [(draft.mention, "speaker")]
        if draft.kind in ("direct", "indirect", "mixed", "unattributed"):
            # The tagger's features predate the unattributed kind: to it, those marks read as direct.
            tag = "direct" if draft.kind == "unattributed" else draft.kind
            spans += [(draft.content, tag), (draft.continuation, tag)]
        if draft.cue is not None:
            spans.append((Span(draft.cue.idx, draft.cue.idx + len(draft.cue)), "cue"))
        for span, tag in spans:
            if span is None:
                continue
            low, high = bisect.bisect_left(finder.starts, span.start), bisect.bisect_left(finder.starts, span.end)
            tags[low:high] = RULE_TAGS.index(tag)
            tags[low] += 8
    cue_lemmas = string_hashes((*resources.quote_cues.verbs, "according"))
    return token_keys(doc, finder.text, [mark.inner for mark in finder.marks], tags, cue_lemmas)


def tagger_log_probs(finder: Finder, drafts: list[Draft], resources: Resources) -> np.ndarray | None:
    """The tagger's (tokens, labels) log probabilities, or None with no tagger or no tokens."""
    if not resources.quote_model or not len(finder.doc):
        return None
    return normalised(resources.quote_model.scores(tagger_keys(finder, drafts, resources)))


def _rekind(finder: Finder, drafts: list[Draft], resources: Resources) -> None:
    """The rules' direct quotes the kind model reads as fragments of a reported clause become mixed, so a reported
    clause found around them may take them in."""
    text = finder.text
    direct = [draft for draft in drafts if draft.kind == "direct" and quote_kinds.may_be_fragment(text, draft.content)]
    quoted = [(draft.content, draft.cue, draft.continuation is not None, draft.how) for draft in direct]
    found = quote_kinds.fragments(finder.doc, text, finder.starts, quoted, resources.quote_kind_model)
    for draft, fragment in zip(direct, found, strict=True):
        if fragment:
            draft.kind = "mixed"


def _learned(finder: Finder, drafts: list[Draft], tagged: np.ndarray) -> tuple[list[Draft], dict[int, float]]:
    """The rules' reading, and the tagger's indirect and mixed attributions where the rules found none (the
    rules' reading is among the tagger's features)."""
    doc, text = finder.doc, finder.text
    labels, probs = decode(tagged)
    # The rules' chants and titles stand too (their lexicon knows the words before the marks); a scare or an
    # unattributed quote gives way to an attribution the tagger finds around it.
    ruled = [draft for draft in drafts if draft.kind not in GIVE_WAY]
    held = _Extents([part for draft in ruled for part in (draft.content, draft.continuation) if part is not None])
    learned, confidence = [], {}
    starts, ends = finder.words.starts, finder.words.ends
    for found in attributions(doc, labels, probs):
        # Every PolNeAR attribution has a cue: a tagged content with none beside it is rarely one.
        if found.confidence < LEARNED_MIN or found.cue is None:
            continue
        parts = [Span(starts[first], ends[last - 1]) for first, last in found.parts]
        inner = text[parts[0].start : parts[-1].end]
        kind = "direct" if enclosed_in_marks(text, parts) else "mixed" if QUOTE_CHAR_SET & set(inner) else "indirect"
        if kind == "direct":
            continue
        if any(held.overlap(part) for part in parts):
            continue
        draft = Draft(parts[0], kind, continuation=parts[1] if len(parts) > 1 else None)
        if found.cue is not None:
            cue = doc[found.cue[0] : found.cue[1]]
            draft.cue = next((token for token in cue if token.pos_ in ("VERB", "AUX")), cue[0])
        if found.source is not None:
            source = doc[found.source[0] : found.source[1]]
            draft.subject = source.root
            draft.mention = Span(source.start_char, source.end_char)
        learned.append(draft)
        confidence[id(draft)] = found.confidence
    resolve_speakers(finder, learned)
    taken = _Extents([part for draft in learned for part in (draft.content, draft.continuation) if part is not None])
    scare = [draft for draft in drafts if draft.kind in GIVE_WAY and not taken.overlap(draft.content)]
    return ruled + learned + scare, confidence


def _chosen(
    finder: Finder, drafts: list[Draft], ruled: dict[int, str], tagged: np.ndarray | None, resources: Resources
) -> tuple[list[Draft], dict[int, float]]:
    """The reported clauses, infinitives and objects the attribution model keeps, each cue's likeliest one.

    They replace the rules' and the tagger's indirect and mixed readings they overlap, and the scare and
    unattributed quotes inside them; a candidate overlapping a direct quote, chant or title gives way to it.
    """
    doc, model = finder.doc, resources.attribution_model
    fixed = [draft for draft in drafts if draft.kind in STANDING]
    taken = [part for draft in fixed for part in (draft.content, draft.continuation) if part is not None]
    found = _outside(finder, quote_candidates.candidates(doc), taken)
    parts = quote_candidates.feature_parts(doc, found, resources.quote_cues, finder.inside, ruled, tagged)
    found_probabilities = quote_candidates.probabilities(parts, found, model)
    scored = [
        (candidate, probability)
        for candidate, probability, root in zip(found, found_probabilities, parts.roots, strict=True)
        if not _purpose_of_speech(finder.words, candidate, root, resources.quote_cues)
    ]
    # A cue inside a clause the rules report ("X agreed to reopen it, the chairman said") is part of what is
    # reported: its candidate does not displace the outer attribution.
    reported = [
        draft.content
        for draft in drafts
        if draft.kind in ("indirect", "mixed") and draft.cue is not None and draft.cue.i in ruled
    ]
    # What a kept candidate may not overlap: the fixed parts (searched by bisection) and the contents kept before it.
    standing = _Extents(taken)
    chosen, confidence = [], {}
    for candidate, probability in quote_candidates.chosen(scored, model.threshold):
        content = finder.trimmed(candidate.low, candidate.high)
        cue_at = doc[candidate.cue].idx
        if content is None or standing.overlap(content) or any(content.overlaps(kept.content) for kept in chosen):
            continue
        if any(outer.start <= cue_at < outer.end for outer in reported):
            continue
        draft = Draft(content, "indirect", cue=doc[candidate.cue])
        if not takes_marks(finder, draft) or standing.overlap(draft.content):
            continue
        if any(draft.content.overlaps(kept.content) for kept in chosen):
            continue
        attach_speaker(finder, draft, draft.cue, [])
        chosen.append(draft)
        confidence[id(draft)] = round(probability, 3)
    resolve_speakers(finder, chosen)
    held = _Extents([draft.content for draft in chosen])
    rest = [draft for draft in drafts if draft.kind not in STANDING and not held.overlap(draft.content)]
    return fixed + chosen + rest, confidence


def _outside(
    finder: Finder, found: list[quote_candidates.Candidate], taken: list[Span]
) -> list[quote_candidates.Candidate]:
    """The candidates worth scoring: a cue whose complements all lie, with it, inside one direct quote, chant or
    title could only report words that are already someone's (each would give way to it), so it is not scored."""
    starts, ends = finder.starts, finder.words.ends
    part_of = [-1] * len(starts)
    for number, part in enumerate(taken):
        for index in range(bisect.bisect_left(starts, part.start), bisect.bisect_left(starts, part.end)):
            if ends[index] <= part.end:
                part_of[index] = number
    enclosed: dict[int, bool] = {}
    for candidate in found:
        part = part_of[candidate.cue]
        inner = part != -1 and part_of[candidate.low] == part == part_of[candidate.high]
        enclosed[candidate.cue] = enclosed.get(candidate.cue, True) and inner
    return [candidate for candidate in found if not enclosed[candidate.cue]]


def _purpose_of_speech(words: Words, candidate: quote_candidates.Candidate, root: int, cues: QuoteCues) -> bool:
    """ "Demonstrators gathered to urge the government to resign": the urging reports what is said, the gathering
    nothing (and the events stage reads a quote's cue as speech, so a protest would become a complaint). ``root`` is
    the candidate content's root."""
    if candidate.link != "advcl":
        return False
    return words.lemma[candidate.cue] not in cues.verbs and words.lemma[root] in cues.verbs


class _Extents:
    """Spans searched for one overlapping a given span by bisection: sorted by start, with the furthest end any of the
    first so many reaches (a span overlaps one of them when the ones starting before its end reach past its start)."""

    def __init__(self, spans: list[Span]) -> None:
        bounds = sorted((span.start, span.end) for span in spans)
        self.starts = [start for start, _ in bounds]
        self.reach = list(itertools.accumulate((end for _, end in bounds), max))

    def overlap(self, span: Span) -> bool:
        index = bisect.bisect_left(self.starts, span.end)
        return index > 0 and self.reach[index - 1] > span.start
