"""Quotes and attribution: who said what, how and through which medium, each part a span of the text.

Quote marks are paired by one linear scan (curly, straight, guillemets, nesting, paragraph-spanning);
cues, speakers and reported clauses come from the dependency parse and ``resources/quote_cues.tsv``.
Speakers are resolved through pronouns and descriptions within the article only; actors come later.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, LOWER, POS
from spacy.tokens import Doc, Token

from dateline.extract import quote_candidates, quote_kinds
from dateline.extract.quote_tagger import (
    RULE_TAGS,
    attributions,
    decode,
    enclosed_in_marks,
    is_member,
    normalised,
    token_keys,
)
from dateline.extract.quote_words import Words, columns_of, string_hashes, words_of
from dateline.model import Entity, Mention, Quote, Span
from dateline.nlp import ParsedArticle
from dateline.read.article import dateline_end
from dateline.resources import Resources
from dateline.resources.quote_cues import QuoteCues

# The closing marks each opening mark accepts. A straight mark opens when no quote is open.
CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"”'}
# Every character an opening or closing mark may be, and two apostrophes (some wires' double quote).
_MARK_OR_PAIR = re.compile("''|[" + "".join(sorted(set(CLOSERS) | set("".join(CLOSERS.values())))) + "]")
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
SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"--", "―", "—", "–"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"it", "they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
DEFINITE = frozenset({"the", "this", "that"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
OUTLET_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART"})
# The links of a word that may say who speaks: a subject, or a passive's agent ("was quoted by X").
SPEAKING_LINKS = ("agent", "nsubj", "nsubjpass")
MEDIUM_PREPOSITIONS = frozenset({"in", "on", "to", "during", "via", "through", "with"})
# An attribution clause is short; looking further only finds the next sentence's verbs.
REGION_TOKENS = 40
# How far back a pronoun or description looks for its name: about three short news paragraphs.
RESOLUTION_WINDOW = 1500
# Quoted fragments this short with no cue are marks of distance, not someone's statement.
SCARE_MAX_WORDS = 4
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


# A name a later pronoun may point at: where it stands in the text, and the named span it stands for.
Candidate = tuple[int, Span]
# A quote's cue, the head word of its speaker and the speaker's mention, found without a speech verb.
Attribution = tuple[Token, Token, Span]


@dataclass(frozen=True, slots=True)
class Marks:
    """A stretch of text between paired quote marks: ``inner`` holds the words, trimmed of space."""

    start: int
    end: int
    inner: Span
    closed: bool


@dataclass(slots=True)
class _Draft:
    """A quote being assembled; token indices into the doc."""

    content: Span
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    mention: Span | None = None
    continuation: Span | None = None
    speaker: Span | None = None
    how: str = "unattributed"


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
    actors = _Actors(parsed.of(Mention))
    return [finder.record(parsed.article.id, draft, confidence.get(id(draft)), actors) for draft in drafts]


def rule_reading(parsed: ParsedArticle, resources: Resources) -> tuple[_Finder, list[_Draft]]:
    """The rules' drafts for an article, resolved, before any model sees them."""
    doc, text = parsed.doc, parsed.article.text
    paragraphs = paragraph_spans(text)
    finder = _Finder(doc, text, quote_marks(text, paragraphs), paragraphs, resources.quote_cues, parsed.of(Entity))
    drafts, pending = finder.direct()
    drafts += finder.indirect(drafts)
    finder.resolve(drafts)
    drafts += finder.uncued(pending, drafts)
    return finder, drafts


def tagger_keys(finder: _Finder, drafts: list[_Draft], resources: Resources) -> np.ndarray:
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


def tagger_log_probs(finder: _Finder, drafts: list[_Draft], resources: Resources) -> np.ndarray | None:
    """The tagger's (tokens, labels) log probabilities, or None with no tagger or no tokens."""
    if not resources.quote_model or not len(finder.doc):
        return None
    return normalised(resources.quote_model.scores(tagger_keys(finder, drafts, resources)))


def _rekind(finder: _Finder, drafts: list[_Draft], resources: Resources) -> None:
    """The rules' direct quotes the kind model reads as fragments of a reported clause become mixed, so a reported
    clause found around them may take them in."""
    text = finder.text
    direct = [draft for draft in drafts if draft.kind == "direct" and quote_kinds.may_be_fragment(text, draft.content)]
    quoted = [(draft.content, draft.cue, draft.continuation is not None, draft.how) for draft in direct]
    found = quote_kinds.fragments(finder.doc, text, finder.starts, quoted, resources.quote_kind_model)
    for draft, fragment in zip(direct, found, strict=True):
        if fragment:
            draft.kind = "mixed"


def _learned(finder: _Finder, drafts: list[_Draft], tagged: np.ndarray) -> tuple[list[_Draft], dict[int, float]]:
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
        draft = _Draft(parts[0], kind, continuation=parts[1] if len(parts) > 1 else None)
        if found.cue is not None:
            cue = doc[found.cue[0] : found.cue[1]]
            draft.cue = next((token for token in cue if token.pos_ in ("VERB", "AUX")), cue[0])
        if found.source is not None:
            source = doc[found.source[0] : found.source[1]]
            draft.subject = source.root
            draft.mention = Span(source.start_char, source.end_char)
        learned.append(draft)
        confidence[id(draft)] = found.confidence
    finder.resolve(learned)
    taken = _Extents([part for draft in learned for part in (draft.content, draft.continuation) if part is not None])
    scare = [draft for draft in drafts if draft.kind in GIVE_WAY and not taken.overlap(draft.content)]
    return ruled + learned + scare, confidence


def _chosen(
    finder: _Finder, drafts: list[_Draft], ruled: dict[int, str], tagged: np.ndarray | None, resources: Resources
) -> tuple[list[_Draft], dict[int, float]]:
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
    chosen, confidence = [], {}
    for candidate, probability in quote_candidates.chosen(scored, model.threshold):
        content = finder._trimmed(candidate.low, candidate.high)
        cue_at = doc[candidate.cue].idx
        if content is None or any(content.overlaps(part) for part in taken):
            continue
        if any(outer.start <= cue_at < outer.end for outer in reported):
            continue
        draft = _Draft(content, "indirect", cue=doc[candidate.cue])
        if not finder._takes_marks(draft) or any(draft.content.overlaps(part) for part in taken):
            continue
        finder._attach_speaker(draft, draft.cue, [])
        chosen.append(draft)
        taken.append(draft.content)
        confidence[id(draft)] = round(probability, 3)
    finder.resolve(chosen)
    held = _Extents([draft.content for draft in chosen])
    rest = [draft for draft in drafts if draft.kind not in STANDING and not held.overlap(draft.content)]
    return fixed + chosen + rest, confidence


def _outside(
    finder: _Finder, found: list[quote_candidates.Candidate], taken: list[Span]
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


class _Actors:
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


def paragraph_spans(text: str) -> list[Span]:
    """Non-empty lines, trimmed of surrounding space: news text puts one paragraph on a line."""
    spans, start = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            left = start + line.index(stripped[0])
            spans.append(Span(left, left + len(stripped)))
        start += len(line) + 1
    return spans


def quote_marks(text: str, paragraphs: list[Span]) -> list[Marks]:
    """Pair quote marks in one pass. A quote left open at a paragraph's end runs on only when the next
    paragraph opens with a mark (the convention for quotes spanning paragraphs); otherwise it ends with
    its paragraph, so an unbalanced mark never swallows the rest of the article."""
    found: list[Marks] = []
    opened: tuple[int, str] | None = None
    depth = 0
    for number, paragraph in enumerate(paragraphs):
        index = paragraph.start
        if opened is not None:
            # A carried-over quote's reopening mark at the paragraph start is not a new quote.
            index += _mark_width(text, index)
        # Only marks change the state: the scan steps from one to the next.
        for found_mark in _MARK_OR_PAIR.finditer(text, index, paragraph.end):
            index, char = found_mark.start(), found_mark.group()
            width = len(char)
            if width == 2:
                char = '"'
            if opened is None:
                if char in CLOSERS:
                    opened, depth = (index, char), 1
            elif char in CLOSERS[opened[1]]:
                depth -= 1
                if depth == 0:
                    found.append(_marks(text, opened[0], index + width, close_width=width))
                    opened = None
            elif char == opened[1]:
                depth += 1
        if opened is not None:
            following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            if following is None or (text[following.start] not in CLOSERS and _mark_width(text, following.start) < 2):
                found.append(_marks(text, opened[0], paragraph.end, close_width=0))
                opened = None
    return [marks for marks in found if len(marks.inner)]


def _mark_width(text: str, index: int) -> int:
    # Some newswires print a double quote as two apostrophes: ''like this''.
    return 2 if text.startswith("''", index) else 1


def _marks(text: str, start: int, end: int, close_width: int) -> Marks:
    """The stretch from an opening mark to ``end``; ``close_width`` is 0 for a quote its paragraph ended."""
    inner_start, inner_end = start + _mark_width(text, start), end - close_width
    while inner_start < inner_end and text[inner_start].isspace():
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1].isspace():
        inner_end -= 1
    return Marks(start, end, Span(inner_start, inner_end), closed=close_width > 0)


class _Finder:
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
        # What ``resolve`` reads of the marks and entities, whatever the drafts: set on its first call.
        self.mark_bounds = [(mark.inner.start, mark.inner.end) for mark in marks]
        self.mark_ends = [mark.end for mark in marks]
        # How many alphabetic words precede each token: a range's count is one subtraction.
        self.alphabetic = [0, *np.cumsum(columns_of(doc, [IS_ALPHA])[:, 0]).tolist()]
        self.pools: tuple[list[str | None], np.ndarray, np.ndarray] | None = None
        # Per head, its children ``_subject`` reads, in order: subjects outside quote marks, and passives' agents.
        self.speaking = _speaking_children(doc, self.words, self.inside)
        self.used_cues: set[int] = set()
        self.consumed: set[int] = set()

    # -- direct quotes --------------------------------------------------------------------------

    def direct(self) -> tuple[list[_Draft], list[int]]:
        """Quotes whose marks sit beside a cue, chants and titles; the indices of marks still unexplained."""
        drafts: list[_Draft] = []
        pending: list[int] = []
        kinds: dict[int, _Draft] = {}
        # The last quote whose cue followed it, and where its attribution clause ends: "“…,” X said. “…”"
        # continues that quote when nothing but punctuation stands between the clause and the next mark.
        previous: tuple[_Draft, int] | None = None
        for number, mark in enumerate(self.marks):
            before, after = self._region_before(mark.start), self._region_after(mark)
            if not before and self._opens_paragraph(mark.start):
                # "Caddell continued:" alone on a line introduces the quotation set off below it.
                introduction = self._region_before(self.paragraphs[self._paragraph_number(mark.start) - 1].end)
                before = introduction if introduction and introduction[-1].text == ":" else []
            classified = self._chant_or_title(number, before, after, kinds)
            if classified is not None:
                kinds[number] = classified
                drafts.append(classified)
                previous = None
                continue
            cue = self._cue_before(mark, before, after) or self._cue_after(mark, after)
            attribution = None
            if cue is None:
                attribution = self._introduction(before) or self._credit(after)
            if previous is not None and (cue is None or cue == previous[0].cue) and self._continues(*previous, mark):
                previous[0].continuation = mark.inner
                previous = None
                continue
            if attribution is None and cue is None:
                pending.append(number)
                # A short title inside the attribution clause ("said on CNN’s “State of the Union” Sunday.
                # “…”") is part of the clause: the quote after it still continues the one before.
                embedded = previous is not None and self._embedded(previous[1], mark)
                previous = (previous[0], self._clause_end(mark, after)) if embedded and previous else None
                continue
            if attribution is not None:
                cue, subject, mention = attribution
                draft = _Draft(mark.inner, "direct", cue=cue, subject=subject, mention=mention)
            else:
                draft = _Draft(mark.inner, "direct", cue=cue)
                self._attach_speaker(draft, cue, after)
            self.used_cues.add(cue.i)
            drafts.append(draft)
            previous = (draft, self._clause_end(mark, after)) if cue.idx > mark.start else None
        return drafts, pending

    def _region_before(self, position: int) -> list[Token]:
        """Tokens of the clause ending at ``position``, back to a sentence end, quote or paragraph start."""
        paragraph = self._paragraph(max(position - 1, 0))
        starts, lower, inside = self.starts, self.words.lower, self.inside
        end = bisect.bisect_left(starts, position)
        first, stop = end, max(end - REGION_TOKENS, 0)
        while first > stop and starts[first - 1] >= paragraph.start and inside[first - 1] == -1:
            if lower[first - 1] in SENTENCE_END:
                break
            first -= 1
        return self._tokens(first, end)

    def _region_after(self, mark: Marks) -> list[Token]:
        """Tokens of the clause after the closing mark, up to a sentence end, quote or paragraph end."""
        paragraph = self._paragraph(max(mark.end - 1, mark.start))
        starts, lower, inside = self.starts, self.words.lower, self.inside
        first = bisect.bisect_left(starts, mark.end)
        end, stop = first, min(first + REGION_TOKENS, len(starts))
        while end < stop and starts[end] < paragraph.end and inside[end] == -1 and lower[end] not in SENTENCE_END:
            end += 1
        return self._tokens(first, end)

    def _tokens(self, first: int, end: int) -> list[Token]:
        """The tokens from ``first`` to ``end`` (exclusive) that are not space; the stopping checks read the word
        lists, so a Token is built only for a word kept."""
        space = self.words.space
        return [self.doc[index] for index in range(first, end) if not space[index]]

    def _paragraph(self, position: int) -> Span:
        number = max(bisect.bisect_right(self.paragraph_starts, position) - 1, 0)
        return self.paragraphs[number] if self.paragraphs else Span(0, len(self.text))

    def _is_cue(self, token: Token) -> bool:
        if token.lower_ == "according":
            return any(child.lower_ == "to" for child in token.children) or (
                token.i + 1 < len(self.doc) and token.nbor().lower_ == "to"
            )
        verb = self.cues.verbs.get(token.lemma_.lower())
        return verb is not None and verb.role == "speech" and token.pos_ in ("VERB", "AUX")

    def _cue_before(self, mark: Marks, before: list[Token], after: list[Token]) -> Token | None:
        # "X said: “…”" and "He said, “…”"; "X said that “…”" and "X said “…”" only when the quote ends
        # the sentence: a fragment with the clause going on after it is a mixed quote, found later.
        if not before:
            return None
        ends_sentence = not any(token.is_alpha for token in after)
        bare = (self._is_cue(before[-1]) or before[-1].lower_ == "that") and ends_sentence
        if not (bare or before[-1].text in (":", ",")):
            return None
        clause = _after_dash(before) if before[-1].text == ":" else before
        return next((token for token in reversed(clause) if self._is_cue(token)), None)

    def _cue_after(self, mark: Marks, after: list[Token]) -> Token | None:
        # The attribution clause follows at once: "“…,” he said", "“…,” said X", "“…,” the analyst said".
        inner = self.text[mark.inner.start : mark.inner.end].rstrip()
        # "“…,” he said" and "“…?” asked X" go on the sentence; after "“….”" a new sentence starts,
        # unless what follows is only a short attribution ("“….” Smith said.").
        continues = inner[-1:] in (",", "?", "!", "—", "-", "–") or not mark.closed
        cue = next((token for token in after[:8] if self._is_cue(token)), None)
        if cue is None and continues:
            # "“…,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said": a long
            # subject pushes the clause's own verb far out; it is the one the clause hangs on.
            region = {token.i for token in after}
            cue = next(
                (
                    token
                    for token in after
                    if self._is_cue(token) and (token.dep_ == "ROOT" or token.head.i not in region)
                ),
                None,
            )
        if cue is None:
            return None
        reports = any(child.dep_ == "ccomp" and self.inside[child.i] == -1 for child in cue.children)
        short = (len(after) <= 8 or cue.i <= after[min(2, len(after) - 1)].i) and not reports
        return cue if continues or short else None

    def _introduction(self, before: list[Token]) -> Attribution | None:
        """A quote introduced by a colon with no speech verb: "Trump went even further:", "Pew Research:".
        The clause's verb is the cue when its subject is a person; a bare name before the colon is the
        speaker, and the colon the cue."""
        if not before or before[-1].text != ":":
            return None
        colon, clause = before[-1], _after_dash(before[:-1])
        inside = {token.i for token in clause}
        verbs = [token for token in clause if token.pos_ in ("VERB", "AUX") and token.head.i not in inside]
        verbs += [token for token in clause if token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX")]
        for verb in verbs:
            subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
            if subject is not None and self._personal(subject):
                return verb, subject, self._mention_span(subject)
        if verbs or not clause:
            return None
        heads = [token for token in clause if token.head.i not in inside or token.dep_ == "ROOT"]
        head = next((token for token in heads if token.pos_ in ("PROPN", "NOUN")), None)
        if head is None or not self._personal(head):
            return None
        mention = self._mention_span(head)
        return colon, head, Span(max(mention.start, clause[0].idx), mention.end)

    def _credit(self, after: list[Token]) -> Attribution | None:
        """A quote credited by a dash and a name, as under a reader's comment: "“…” ― Carla Sanchez"."""
        if not after or after[0].text not in DASHES:
            return None
        name = after[1:]
        if not name or len(name) > 6 or any(token.pos_ not in ("PROPN", "PUNCT") for token in name):
            return None
        head = max((token for token in name if token.pos_ == "PROPN"), key=lambda token: token.i)
        return after[0], head, Span(name[0].idx, head.idx + len(head))

    def _personal(self, token: Token) -> bool:
        """Whether a subject can be someone who speaks: a name, a personal pronoun, a named body."""
        return (
            token.pos_ == "PROPN"
            or token.lower_ in PERSON_PRONOUNS | {"i", "we", "they"}
            or token.ent_type_ in NAME_LABELS
        )

    def _opens_paragraph(self, position: int) -> bool:
        number = self._paragraph_number(position)
        return number > 0 and self.paragraphs[number].start == position

    def _continues(self, previous: _Draft, clause_end: int, mark: Marks) -> bool:
        if previous.continuation is not None:
            return False
        gap = self.text[clause_end : mark.start]
        # Punctuation must close the clause: marks right after its last word are a title within it.
        closed = self.text[: mark.start].rstrip()[-1:] in (".", ",", ";", ":", "—", "–", "-")
        return "\n" not in gap and closed and not "".join(gap.split()).strip(".,;:—–-")

    def _embedded(self, clause_end: int, mark: Marks) -> bool:
        gap = self.text[clause_end : mark.start]
        words = len(self.text[mark.inner.start : mark.inner.end].split())
        return not gap.strip() and words <= SCARE_MAX_WORDS

    @staticmethod
    def _clause_end(mark: Marks, after: list[Token]) -> int:
        return after[-1].idx + len(after[-1]) if after else mark.end

    def _chant_or_title(
        self, number: int, before: list[Token], after: list[Token], kinds: dict[int, _Draft]
    ) -> _Draft | None:
        chant, title = self.cues.of_role("chant"), self.cues.of_role("title")
        near = [token for token in before[-3:] if not token.is_punct and token.pos_ not in ("DET", "CCONJ")]
        words = [(token, token.lemma_.lower(), token.lower_) for token in near[-2:]]
        for token, lemma, lower in reversed(words):
            if lemma in chant or lower in chant:
                draft = _Draft(self.marks[number].inner, "chant", cue=token)
                self._attach_mention(draft, token)
                return draft
            if lemma in title or lower in title:
                return _Draft(self.marks[number].inner, "title", cue=token)
        # "chanted “Death to America” and “Death to Israel”": a list of marks shares its first's kind.
        last = kinds.get(number - 1)
        if last is not None and before and all(token.lower_ in ("and", "or", ",") for token in before):
            return _Draft(self.marks[number].inner, last.kind, cue=last.cue)
        cue = next((token for token in after[:4] if token.lemma_.lower() in chant), None)
        if cue is not None:
            draft = _Draft(self.marks[number].inner, "chant", cue=cue)
            self._attach_mention(draft, cue)
            return draft
        return None

    # -- speakers -------------------------------------------------------------------------------

    def _attach_speaker(self, draft: _Draft, cue: Token, after: list[Token]) -> None:
        subject = self._subject(cue)
        if subject is None and after:
            # The small parser often misses the subject of an attribution clause: "“…,” added a Democrat"
            # makes it an object, "“…,” Ramos, 58, told AFP" loses it; take the first noun on its side.
            if cue.i == after[0].i:
                candidates = [child for child in cue.rights if child.pos_ in ("PROPN", "PRON", "NOUN")]
            else:
                candidates = [token for token in after if token.i < cue.i and token.pos_ in ("PROPN", "PRON", "NOUN")]
            subject = next((token for token in candidates if self.inside[token.i] == -1), None)
        if subject is None and draft.kind == "direct" and cue.idx < draft.content.start:
            subject = self._person_before(cue)
        draft.subject = subject
        if subject is not None:
            draft.mention = self._mention_span(subject)

    def _person_before(self, cue: Token) -> Token | None:
        """The parser loses the subject of "Rep. Paul Ryan (R-WI) said “…”" and of "Flea shared the news,
        writing “…”": the nearest person before the cue, through the one verb a participle hangs on."""
        verbs = 1 if cue.tag_ == "VBG" else 0
        for token in reversed(self.doc[cue.sent.start : cue.i]):
            if self.inside[token.i] != -1 or token.text in SENTENCE_END:
                break
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod"):
                if verbs == 0:
                    break
                verbs -= 1
            elif token.ent_type_ == "PERSON" or token.lower_ in PERSON_PRONOUNS:
                return token
        return None

    def _attach_mention(self, draft: _Draft, cue: Token) -> None:
        draft.subject = self._subject(cue)
        if draft.subject is not None:
            draft.mention = self._mention_span(draft.subject)

    def _subject(self, cue: Token) -> Token | None:
        """Who speaks: the cue's subject (or the object of "according to", or a passive's agent); a
        participle or conjoined verb ("…, saying …") borrows its head's subject."""
        if cue.lower_ == "according":
            to = next((child for child in cue.children if child.lower_ == "to"), None)
            objects = [child for child in to.children if child.dep_ == "pobj"] if to is not None else []
            return objects[0] if objects else None
        words, head = self.words, cue.i
        for _ in range(4):
            for child in self.speaking.get(head, ()):
                if words.dep[child] != "agent":
                    before_dateline = words.starts[child] < self.dateline_end
                    return self._subject_after_dateline(cue) if before_dateline else self.doc[child]
                objects = [grand for grand in self.doc[child].children if grand.dep_ == "pobj"]
                if objects:
                    return objects[0]
            if words.dep[head] not in ("advcl", "xcomp", "conj", "pcomp", "prep") or words.heads[head] == head:
                return None
            head = words.heads[head]
        return None

    def _glued(self, index: int) -> bool:
        words = self.words
        touching = words.starts[index + 1] == words.ends[index]
        return touching and (words.lower[index + 1] == "-" or (words.alpha[index + 1] and words.lower[index] == "-"))

    def _subject_after_dateline(self, cue: Token) -> Token | None:
        """The parser makes "BAGHDAD" in "BAGHDAD (Agency) -- Leader of X NAME has pledged" the subject; the
        speaker is the name after the dash: the last person named before the cue, else the top noun there."""
        between = [token for token in self.doc[: cue.i] if token.idx >= self.dateline_end]
        people = [token for token in between if token.ent_type_ == "PERSON"]
        if people:
            return people[-1]
        nouns = [token for token in between if token.pos_ in ("NOUN", "PROPN")]
        return min(nouns, key=lambda token: len(list(token.ancestors)), default=None)

    def _mention_span(self, subject: Token) -> Span:
        """The subject's phrase, cut where it would run into quote marks, trimmed of punctuation."""
        words, inside, at = self.words, self.inside, subject.i
        if inside[at] != -1:
            return Span(words.starts[at], words.ends[at])  # the subject itself is quoted: keep just it
        low, high = subject.left_edge.i, subject.right_edge.i
        for index in range(at, low - 1, -1):
            if inside[index] != -1:
                low = index + 1
                break
        for index in range(at, high + 1):
            if inside[index] != -1:
                high = index - 1
                break
        punct, space = words.punct, words.space
        while low < at and (punct[low] or space[low]):
            low += 1
        while high > at and (punct[high] or space[high]):
            high -= 1
        # The parser may cut a hyphenated name ("al-Jaburi") into pieces; the written word is whole.
        while high + 1 < len(inside) and self._glued(high) and inside[high + 1] == -1:
            high += 1
        return Span(words.starts[low], words.ends[high])

    def _entity_within(self, span: Span, labels: frozenset[str], containing: int | None = None) -> Span | None:
        index = bisect.bisect_left(self.entity_starts, span.start)
        # An entity may start before a token it contains ("Mustafa al-Kadhemi" holding "Kadhemi"); none starting at
        # the span's end or later is within it.
        for entity in self.entities[max(index - 1, 0) : bisect.bisect_left(self.entity_starts, span.end)]:
            holds = containing is None or entity.evidence.start <= containing < entity.evidence.end
            if entity.label in labels and span.contains(entity.evidence) and holds:
                return entity.evidence
        return None

    def resolve(self, drafts: list[_Draft]) -> None:
        """Name each draft's speaker in text order, so a later "he" can point at an earlier speaker.

        Candidates are people named outside any quoted or reported content, and for "it" and "they"
        the groups that are a clause's subject; a resolved speaker stands where its mention stands.
        """
        named = sorted(
            (d for d in drafts if d.mention is not None and d.kind != "title"), key=lambda d: d.mention.start
        )
        if not named:
            return
        contents = np.array(
            sorted([(draft.content.start, draft.content.end) for draft in drafts] + self.mark_bounds), dtype=np.int64
        )
        # The furthest end of the contents starting at or before each: a span lies within one of them when
        # that reach, at its start, passes its end.
        reach = np.maximum.accumulate(contents[:, 1])
        if self.pools is None:
            self.pools = self._pools()
        kinds, entity_starts, entity_ends = self.pools
        index = np.searchsorted(contents[:, 0], entity_starts, side="right")
        within = ((index > 0) & (reach[np.maximum(index - 1, 0)] >= entity_ends)).tolist()
        people, groups = [], []
        for entity, kind, inside in zip(self.entities, kinds, within, strict=True):
            if kind is not None and not inside:
                (people if kind == "person" else groups).append((entity.evidence.start, entity.evidence))
        for draft in named:
            speaker, how = self._name(draft, people, groups)
            if speaker is None:
                continue
            if draft.kind == "chant" or (how == "description" and draft.subject.tag_ in ("NNS", "NNPS")):
                # "The participants chanted …. They also called …": a group named by its description.
                bisect.insort(groups, (draft.mention.start, speaker))
            elif how == "resolved":
                bisect.insort(people, (draft.mention.start, speaker))
            if draft.kind != "chant":
                draft.speaker, draft.how = speaker, how

    def _root(self, span: Span) -> int:
        return max(bisect.bisect_left(self.starts, span.end) - 1, 0)

    def _pools(self) -> tuple[list[str | None], np.ndarray, np.ndarray]:
        """Which pool of names each entity may join, whatever the drafts (a person, a group that is a clause's
        subject, or none), and the entities' bounds, worked out once for the article's three rounds of resolving."""
        kinds: list[str | None] = []
        for entity in self.entities:
            if entity.label == "PERSON":
                kinds.append("person")
            elif entity.label in GROUP_LABELS and self.words.dep[self._root(entity.evidence)] in ("nsubj", "nsubjpass"):
                kinds.append("group")
            else:
                kinds.append(None)
        bounds = np.array([(entity.evidence.start, entity.evidence.end) for entity in self.entities], dtype=np.int64)
        return kinds, bounds[:, 0] if len(bounds) else bounds, bounds[:, 1] if len(bounds) else bounds

    def _name(self, draft: _Draft, people: list[Candidate], groups: list[Candidate]) -> tuple[Span | None, str]:
        subject, mention = draft.subject, draft.mention
        if subject is None or mention is None:
            return None, "unattributed"
        if draft.cue is not None and draft.cue.text in DASHES:
            return mention, "named"  # the name a dash credits is the speaker as written
        named = self._entity_within(mention, NAME_LABELS, containing=subject.idx)
        if named is not None:
            return named, "named"
        lower = subject.lower_
        if lower in RELATIVE_PRONOUNS and draft.cue is not None and draft.cue.dep_ == "relcl":
            antecedent = self._mention_span(draft.cue.head)
            found = self._entity_within(antecedent, NAME_LABELS)
            return (found, "resolved") if found is not None else (antecedent, "description")
        if subject.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            pool = people if lower in PERSON_PRONOUNS else groups if lower in GROUP_PRONOUNS else []
            found = _nearest_before(pool, mention.start)
            return (found, "resolved") if found is not None else (None, "unresolved")
        if subject.pos_ == "PROPN":
            return self._proper_name(subject), "named"
        # "Leader of the … group Qais al-Khazali": a person in apposition names the subject; a person in
        # any other attachment ("a spokesman for Senator X") does not. Read last first, among the entities starting
        # within the mention.
        first, stop = (bisect.bisect_left(self.entity_starts, edge) for edge in (mention.start, mention.end))
        for entity in reversed(self.entities[first:stop]):
            if (
                mention.contains(entity.evidence)
                and entity.label == "PERSON"
                and self.words.dep[self._root(entity.evidence)] == "appos"
            ):
                return entity.evidence, "named"
        definite = any(child.dep_ == "det" and child.lower_ in DEFINITE for child in subject.children)
        if definite and subject.tag_ == "NN" and subject.lemma_.lower() not in self.cues.of_role("organisation"):
            # "the Brussels-based analyst" after "Elijah Magnier": the nearest person named before.
            found = _nearest_before(people, mention.start)
            if found is not None:
                return found, "resolved"
        return mention, "description"

    def _proper_name(self, head: Token) -> Span:
        low = head.i
        while low > 0 and self.doc[low - 1].pos_ == "PROPN" and self.doc[low - 1].head.i in (head.i, low):
            low -= 1
        return Span(self.doc[low].idx, head.idx + len(head))

    # -- indirect and mixed quotes --------------------------------------------------------------

    def indirect(self, direct: list[_Draft]) -> list[_Draft]:
        """Reported clauses: "X said (that) …", "X accused Y of …", "according to X, …"; a clause holding
        a quoted fragment is a mixed quote and takes the fragment in."""
        drafts = []
        words, verbs = self.words, self.cues.verbs
        # Only a verb or "according" can be a cue: those words are found with numpy.
        strings = self.doc.vocab.strings
        columns = columns_of(self.doc, [POS, LOWER])
        verbal = (columns[:, 0] == strings["VERB"]) | (columns[:, 0] == strings["AUX"])
        for index in np.flatnonzero(verbal | (columns[:, 1] == strings["according"])).tolist():
            lower, lemma, pos = words.lower[index], words.lemma[index], words.pos[index]
            if index in self.used_cues or self.inside[index] != -1:
                continue
            # A Token is built only for a word that may be a cue.
            if lower == "according" and self._is_cue(self.doc[index]):
                token = self.doc[index]
                content = self._according_content(token)
            else:
                verb = verbs.get(lemma)
                if verb is None or pos not in ("VERB", "AUX"):
                    continue
                token = self.doc[index]
                content = self._complement(token, verb.frames)
            if content is None:
                continue
            draft = _Draft(content, "indirect", cue=token)
            self._attach_speaker(draft, token, [])
            if draft.subject is None or not self._takes_marks(draft):
                continue
            drafts.append(draft)
        return drafts

    def _complement(self, cue: Token, frames: tuple[frozenset[str], ...]) -> Span | None:
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
                return self._trimmed(low, high)
        return None

    def _according_content(self, cue: Token) -> Span | None:
        # The clause the phrase hangs on, on whichever side of "according to X" holds more of it.
        sentence = cue.sent
        phrase_low, phrase_high = cue.left_edge.i, cue.right_edge.i
        left = (sentence.start, phrase_low - 1)
        right = (phrase_high + 1, sentence.end - 1)
        low, high = max(left, right, key=lambda side: side[1] - side[0])
        return self._trimmed(low, high) if high >= low else None

    def _trimmed(self, low: int, high: int) -> Span | None:
        words = self.words
        punct, space, lower = words.punct, words.space, words.lower
        while low <= high and (punct[low] or space[low]) and lower[low] not in CLOSERS:
            low += 1
        while high >= low and (punct[high] or space[high]) and lower[high] not in '”"»':
            high -= 1
        if self.alphabetic[high + 1] - self.alphabetic[low] < 2:
            return None
        return Span(words.starts[low], words.ends[high])

    def _takes_marks(self, draft: _Draft) -> bool:
        """Whether the clause holds quote marks whole (then it is mixed and claims them). A clause that
        opens a quote takes it to its closing mark: the parser often hangs the fragment's last words and
        mark on the cue ("said the probe is “ongoing.”"). A clause starting inside a quote is a misparse."""
        held = []
        # Marks are disjoint and in text order (``quote_marks`` pairs them in one scan): the ones the clause overlaps
        # run from the first ending after its start, and once it has taken one to its end, no later one overlaps it.
        number = bisect.bisect_right(self.mark_ends, draft.content.start)
        while number < len(self.marks) and self.marks[number].start < draft.content.end:
            mark = self.marks[number]
            if mark.start < draft.content.start:
                return False
            if mark.end > draft.content.end:
                draft.content = Span(draft.content.start, mark.end)
            held.append(number)
            number += 1
        if held:
            draft.kind = "mixed"
            self.consumed.update(held)
        return True

    # -- quotes with no cue beside them ----------------------------------------------------------

    def uncued(self, pending: list[int], drafts: list[_Draft]) -> list[_Draft]:
        """Marks with no cue: fragments of a mixed quote (already taken), a paragraph of quotation that
        goes on from the speaker of the paragraph before, scare quotes and titles, or unattributed ones."""
        by_paragraph: dict[int, _Draft] = {}
        for draft in sorted(drafts, key=lambda d: d.content.start):
            if draft.speaker is not None and draft.kind not in ("chant", "title", "scare"):
                by_paragraph[self._paragraph_number(draft.content.start)] = draft
        found = []
        for number in pending:
            if number in self.consumed:
                continue
            mark = self.marks[number]
            paragraph = self._paragraph_number(mark.start)
            words = len(self.text[mark.inner.start : mark.inner.end].split())
            leads = self.paragraphs[paragraph].start == mark.start if self.paragraphs else False
            earlier = by_paragraph.get(paragraph - 1)
            if leads and earlier is not None and earlier.content.start < mark.start:
                draft = _Draft(mark.inner, "direct", speaker=earlier.speaker, how="inherited")
                by_paragraph[paragraph] = draft
            elif words <= SCARE_MAX_WORDS and not leads:
                draft = _Draft(mark.inner, "title" if _title_case(self.text, mark.inner) else "scare")
                draft.how = draft.kind
            else:
                # No cue, no speaker before it: quoted words no one is said to have said (PolNeAR has no
                # attribution for them), kept apart from direct quotes so "direct" means someone said it.
                draft = _Draft(mark.inner, "unattributed")
            found.append(draft)
        return found

    def _paragraph_number(self, position: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, position) - 1, 0)

    # -- records --------------------------------------------------------------------------------

    def record(self, article_id: str, draft: _Draft, learned: float | None, actors: _Actors) -> Quote:
        """The draft as a record; ``learned`` is a model's confidence in it (else the rule's prior), and the speaker
        is linked to the actor of ``actors``' mentions at its place."""
        cue = draft.cue
        cue_span = None
        if cue is not None:
            cue_span = Span(cue.idx, cue.idx + len(cue))
            if cue.lower_ == "according" and cue.i + 1 < len(self.doc):
                cue_span = Span(cue.idx, cue.nbor().idx + len(cue.nbor()))
        medium = self._medium(cue) if cue is not None and draft.kind in ("direct", "indirect", "mixed") else None
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
            speaker_text=self.text[speaker.start : speaker.end] if speaker else None,
            speaker_mention=draft.mention,
            speaker_actor_id=actors.of((speaker, draft.mention)),
            cue=cue_span,
            cue_text=self.text[cue_span.start : cue_span.end] if cue_span else None,
            medium=medium[0] if medium else None,
            medium_span=medium[1] if medium else None,
            confidence=confidence if learned is None else learned,
        )

    def _medium(self, cue: Token) -> tuple[str, Span] | None:
        """ "told Press TV", "in a televised speech broadcast by Al-Ahed", "said in a statement"."""
        media = self.cues.of_role("medium")
        for child in cue.children:
            phrase_head = None
            if child.dep_ in ("dobj", "dative") and child.ent_type_ in ("ORG", "FAC", "WORK_OF_ART"):
                phrase_head = child
            elif child.dep_ == "prep" and child.lower_ in MEDIUM_PREPOSITIONS:
                objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                if objects and (objects[0].lemma_.lower() in media or objects[0].ent_type_ in ("ORG", "FAC")):
                    phrase_head = objects[0]
            if phrase_head is None or self.inside[phrase_head.i] != -1:
                continue
            phrase = self._trimmed(phrase_head.left_edge.i, phrase_head.right_edge.i) or Span(
                phrase_head.idx, phrase_head.idx + len(phrase_head)
            )
            outlet = self._entity_within(phrase, OUTLET_LABELS)
            name = outlet or phrase
            return self.text[name.start : name.end], phrase
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


def _fills(child: Token, slot: str, cue: Token) -> bool:
    if slot == "ccomp":
        return child.dep_ == "ccomp"
    if slot in ("xcomp", "dobj", "dative", "oprd"):
        return child.dep_ == slot and child.i > cue.i
    return child.dep_ == "prep" and child.lower_ == slot and child.i > cue.i


def _nearest_before(candidates: list[Candidate], position: int) -> Span | None:
    index = bisect.bisect_left(candidates, (position,)) - 1
    if index >= 0 and position - candidates[index][0] <= RESOLUTION_WINDOW:
        return candidates[index][1]
    return None


def _title_case(text: str, span: Span) -> bool:
    words = [word for word in text[span.start : span.end].split() if len(word) > 3]
    return len(words) >= 2 and all(word[:1].isupper() for word in words)


def _after_dash(tokens: list[Token]) -> list[Token]:
    """What follows the last free-standing dash: "HEADLINE - Mark Blumenthal and Jon Cohen" names two people."""
    dashes = [number for number, token in enumerate(tokens) if token.text in DASHES | {"-"} and token.whitespace_]
    return tokens[dashes[-1] + 1 :] if dashes else tokens
