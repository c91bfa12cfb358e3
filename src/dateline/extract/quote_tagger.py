"""Token features and decoding for the learned attribution tagger (content, cue and source as BIO labels).

Every token gets one 64-bit key per feature template, computed with numpy from the parse: words, tags and
dependencies around it, quote marks, the cue lexicon, where it stands relative to a cue in its sentence and on
its way up the tree (the child of the cue it hangs under says "reported clause" or "speaker"), and the rules'
own reading of the article. ``QuoteModel`` scores the keys; a constrained Viterbi pass turns the scores into
well-formed spans. Training (``scripts/train_quote_model.py``) uses these same functions.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc

from dateline.extract.quote_words import columns_of, string_hashes
from dateline.model import Span
from dateline.resources.quote_model import LABELS

OUTSIDE, B_CONTENT, I_CONTENT, B_CUE, I_CUE, B_SOURCE, I_SOURCE = range(len(LABELS))
ROLES = {"content": (B_CONTENT, I_CONTENT), "cue": (B_CUE, I_CUE), "source": (B_SOURCE, I_SOURCE)}
# The rules' reading of a token, a feature of its own: what a rule draft made of it.
RULE_TAGS = ("none", "direct", "indirect", "mixed", "cue", "speaker")
QUOTE_CHARS = frozenset('"“”«»„')
# Marks that may enclose a direct quote, single ones included.
QUOTE_MARKS = "\"“”«»„'‘’"
# A cue more than this many heads above a token does not govern it.
CUE_DEPTH = 8
_PAD = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(0xC2B2AE3D27D4EB4F)
_DISTANCES = np.array([0, 1, 2, 3, 6, 11, 21])
# A token whose outside label is this likely (log) is fixed outside before decoding.
CERTAIN = np.log(0.995)
# Log probabilities closer than this may be tied as far as decoding's shortcuts know (the search then decides): far
# more than the rounding of the search's running sums (under 1e-10 over thousands of words).
SURE_MARGIN = 1e-6


def token_keys(
    doc: Doc,
    text: str,
    marks: Iterable[Span],
    rule_tags: np.ndarray,
    cue_lemmas: np.ndarray,
) -> np.ndarray:
    """A (tokens, templates) array of feature keys. ``cue_lemmas`` holds the hashes of the cue lexicon's
    lemmas, ``rule_tags`` one ``RULE_TAGS`` index per token (plus 8 when the token opens the rule's span)."""
    n = len(doc)
    if n == 0:
        return np.zeros((0, 0), dtype=np.uint64)
    columns = columns_of(doc, [LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, SENT_START, IDX])
    lower, lemma, pos, tag, dep, ent = (columns[:, k] for k in range(6))
    index = np.arange(n)
    heads = index + columns[:, 6].astype(np.int64)
    sentence = np.cumsum(columns[:, 7].astype(np.int64) == 1)
    starts = columns[:, 8].astype(np.int64)
    quote = _quote_state(lower, starts, marks)
    verbal = (pos == doc.vocab.strings["VERB"]) | (pos == doc.vocab.strings["AUX"]) | (lower == _hash(doc, "according"))
    is_cue = is_member(lemma, cue_lemmas) & verbal
    depth, child_dep, cue_at = _cue_above(heads, dep, is_cue)
    side = np.sign(index - cue_at) * (cue_at >= 0) + 2
    left, right = _cue_distances(is_cue, sentence)
    line_start = _after_newline(text, starts)
    head_pos, head_cue = pos[heads], is_cue[heads]
    cue_lemma = np.where(cue_at >= 0, lemma[np.maximum(cue_at, 0)], _PAD)
    rules = rule_tags.astype(np.uint64)
    # A template is a column of keys, or a pair of columns whose keys are mixed (``_pair``).
    templates: list[np.ndarray | tuple[np.ndarray, np.ndarray]] = [
        lower,
        lemma,
        pos,
        tag,
        dep,
        ent,
        _shift(pos, -1),
        _shift(pos, 1),
        _shift(pos, -2),
        _shift(pos, 2),
        _shift(lower, -1),
        _shift(lower, 1),
        (_shift(lower, -1), lower),
        (dep, head_pos),
        (dep, head_cue),
        lemma[heads],
        quote,
        (quote, pos),
        _shift(quote, -1),
        _shift(quote, 1),
        rules,
        (rules, quote),
        _shift(rules, -1),
        _shift(rules, 1),
        (rules, child_dep),
        (depth, child_dep),
        (child_dep, side),
        (cue_lemma, child_dep),
        (is_cue, pos),
        left,
        right,
        (left, right),
        (line_start, pos),
        (columns[:, 7], pos),
        (_pair(quote, rules), _shift(quote, -1)),
        # A new cue governing this token where none or another governed the one before: a span boundary.
        (_pair(cue_at != _previous_index(cue_at), child_dep), columns[:, 7]),
        (_shift(child_dep, -1), child_dep),
    ]
    # Written template by template into one block (no copy of each column first), laid out so that each template's
    # keys lie together, as the model reads them. The pairs' two columns are written into blocks of their own and
    # mixed in three numpy calls for all of them: an article has a few hundred words, so a call per pair and step
    # cost more than the arithmetic.
    paired = [number for number, template in enumerate(templates) if isinstance(template, tuple)]
    keys = np.empty((len(templates), n), dtype=np.uint64)
    firsts, seconds = np.empty((len(paired), n), dtype=np.uint64), np.empty((len(paired), n), dtype=np.uint64)
    for number, template in enumerate(templates):
        if isinstance(template, tuple):
            row = paired.index(number)
            firsts[row], seconds[row] = template
        else:
            keys[number] = template
    keys[paired] = firsts * _MIX ^ (seconds + _PAD)
    # One key space for all templates: the template's number is mixed into each of its values.
    return keys.T * _MIX + np.arange(len(templates), dtype=np.uint64)


def is_member(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    """``np.isin(values, members)`` for arrays of string hashes, by binary search in the sorted members: for an
    article's words against a lexicon's hundred-odd lemmas, np.isin's general path costs several times more."""
    if not len(members):
        return np.zeros(len(values), dtype=bool)
    ordered = np.sort(members)
    return ordered[np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)] == values


def _hash(doc: Doc, word: str) -> np.uint64:
    return np.uint64(doc.vocab.strings[word])


def _shift(values: np.ndarray, offset: int) -> np.ndarray:
    """The value of the token ``offset`` places away (padding beyond the document)."""
    shifted = np.full_like(values, _PAD)
    if offset > 0:
        shifted[:-offset] = values[offset:]
    else:
        shifted[-offset:] = values[:offset]
    return shifted


def _previous_index(values: np.ndarray) -> np.ndarray:
    """The index array's value at the token before (-2, no index, before the first)."""
    shifted = np.full_like(values, -2)
    shifted[1:] = values[:-1]
    return shifted


def _pair(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The keys of a pair of columns: the first's value mixed, xor the second's offset (as ``token_keys`` writes a
    pair). Arithmetic on integer arrays wraps without a warning, so no ``errstate`` is needed (entering one cost
    more than the arithmetic)."""
    # No copy of a column already of keys (``astype`` copies unless told not to).
    return first.astype(np.uint64, copy=False) * _MIX ^ (second.astype(np.uint64, copy=False) + _PAD)


def _quote_state(lower: np.ndarray, starts: np.ndarray, marks: Iterable[Span]) -> np.ndarray:
    """0 outside quote marks, 1 inside, 2 an opening mark, 3 a closing mark, 4 a stray mark (a quote mark's lower-case
    form is the mark itself)."""
    state = np.zeros(len(starts), dtype=np.int64)
    # Every mark's token range in one search, then set mark by mark in order (a later mark's states win).
    edges = np.searchsorted(starts, [edge for mark in marks for edge in (mark.start, mark.end)]).tolist()
    for low, high in zip(edges[::2], edges[1::2], strict=True):
        state[low:high] = 1
        if high > low:
            state[low] = 2
            state[high - 1] = 3
    state[is_member(lower, string_hashes(tuple(sorted(QUOTE_CHARS)))) & (state <= 1)] = 4
    return state


def _cue_above(heads: np.ndarray, dep: np.ndarray, is_cue: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each token: how many heads up the nearest cue is (the token itself: 0), the dependency of the
    cue's child on that path (its role: ``ccomp`` for a reported clause, ``nsubj`` for the speaker), and
    the cue's index (-1: none)."""
    n = len(heads)
    index = np.arange(n)
    # Every token's ancestors up to ``CUE_DEPTH`` heads up (a root is its own head), one row per level: the nearest
    # cue is the first level that is one, found for all tokens at once rather than level by level.
    above = np.empty((CUE_DEPTH + 1, n), dtype=np.int64)
    above[0] = index
    for level in range(1, CUE_DEPTH + 1):
        above[level] = heads[above[level - 1]]
    hits = is_cue[above]
    found = hits.any(axis=0)
    level = hits.argmax(axis=0)
    depth = np.where(found, level, CUE_DEPTH + 1)
    cue_at = np.where(found, above[level, index], -1)
    # The cue itself reads 1; otherwise the label of the word just below the cue on the path up.
    below = above[np.maximum(level - 1, 0), index]
    child_dep = np.where(found, np.where(level == 0, np.uint64(1), dep[below]), np.uint64(0))
    return depth, child_dep, cue_at


def _cue_distances(is_cue: np.ndarray, sentence: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bucketed distance to the nearest cue on each side within the sentence (0: none)."""
    n = len(is_cue)
    index = np.arange(n)
    before = np.maximum.accumulate(np.where(is_cue, index, -1))
    after = np.minimum.accumulate(np.where(is_cue, index, n)[::-1])[::-1]
    left_ok = (before >= 0) & (sentence[np.maximum(before, 0)] == sentence)
    right_ok = (after < n) & (sentence[np.minimum(after, n - 1)] == sentence)
    left = np.where(left_ok, np.searchsorted(_DISTANCES, index - before, side="right"), 0)
    right = np.where(right_ok, np.searchsorted(_DISTANCES, after - index, side="right"), 0)
    return left, right


def _after_newline(text: str, starts: np.ndarray) -> np.ndarray:
    chars = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    previous = chars[np.maximum(starts - 1, 0)]
    return (starts == 0) | (previous == ord("\n"))


def decode(log_probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The best well-formed label sequence (an ``I-`` only after its ``B-`` or ``I-``) and each token's
    probability of its label, from per-token log probabilities (``normalised`` scores: the stage has them already,
    and normalising them again moved only their last bits).

    Tokens all but certainly outside any span are fixed as such, and the search runs over the pieces between them
    only, cut again before each token that no best sequence gives an inside label: where each role's ``B-`` beats its
    ``I-`` (by more than rounding could undo), the ``B-`` does as well as the ``I-`` after any label and lets the
    same labels follow. A piece whose likeliest labels (each clearly first) are already well-formed keeps them, as
    the search would (it runs on the others: about half of an article's words)."""
    n = len(log_probs)
    likeliest = log_probs.argmax(axis=1)
    open_ = log_probs[:, OUTSIDE] < CERTAIN
    begins, insides = log_probs[:, [B_CONTENT, B_CUE, B_SOURCE]], log_probs[:, [I_CONTENT, I_CUE, I_SOURCE]]
    never_inside = (begins - insides > SURE_MARGIN).all(axis=1)
    before = np.concatenate(([False], open_[:-1]))
    starts = open_ & (~before | never_inside)
    ends = open_ & np.append(starts[1:] | ~open_[1:], True)
    # An inside label is well-formed after its role's B- or I- (``LABELS`` puts each I- right after its B-).
    previous = np.concatenate(([OUTSIDE], likeliest[:-1]))
    inside = (likeliest == I_CONTENT) | (likeliest == I_CUE) | (likeliest == I_SOURCE)
    broken = inside & (starts | ((previous != likeliest) & (previous != likeliest - 1)))
    ranked = np.sort(log_probs, axis=1)
    unclear = ranked[:, -1] - ranked[:, -2] <= SURE_MARGIN
    labels = np.where(open_, likeliest, OUTSIDE)
    piece = np.cumsum(starts) - 1
    firsts, lasts = np.flatnonzero(starts), np.flatnonzero(ends)
    for number in np.unique(piece[open_ & (broken | unclear)]).tolist():
        first, last = int(firsts[number]), int(lasts[number])
        labels[first : last + 1] = _viterbi(log_probs[first : last + 1])
    return labels, np.exp(log_probs[np.arange(n), labels])


def normalised(scores: np.ndarray) -> np.ndarray:
    """Per-token log probabilities from log-linear scores (tokens, labels). The same left fold over the labels as
    ``np.logaddexp.reduce(scores, axis=1)``, bit for bit, one column at a time: a ufunc's reduce over a short last
    axis pays its per-row cost on every token, which made it several times slower."""
    total = scores[:, 0].copy()
    for label in range(1, scores.shape[1]):
        total = np.logaddexp(total, scores[:, label])
    return scores - total[:, None]


def _viterbi(log_probs: np.ndarray) -> list[int]:
    """The best sequence under the one constraint (``I-X`` follows ``B-X`` or ``I-X``), in plain Python: with
    that constraint each step needs only the best score overall and, per role, the better of its two labels,
    which is several times faster than a matrix step per token."""
    rows = log_probs.tolist()
    # The best score of a sequence ending in each label (in ``LABELS`` order), as locals: this loop runs once per
    # token of every open stretch, and reading and building a list per step cost more than the comparisons.
    outside_, b_content_, _, b_cue_, _, b_source_, _ = rows[0]
    i_content_ = i_cue_ = i_source_ = -np.inf
    back: list[tuple[int, int, int, int]] = []
    for outside, b_content, i_content, b_cue, i_cue, b_source, i_source in rows[1:]:
        # The best label so far, the first of equals (as ``list.index(max(...))`` would find it).
        top, came = outside_, OUTSIDE
        if b_content_ > top:
            top, came = b_content_, B_CONTENT
        if i_content_ > top:
            top, came = i_content_, I_CONTENT
        if b_cue_ > top:
            top, came = b_cue_, B_CUE
        if i_cue_ > top:
            top, came = i_cue_, I_CUE
        if b_source_ > top:
            top, came = b_source_, B_SOURCE
        if i_source_ > top:
            top, came = i_source_, I_SOURCE
        # Per role, the better of its two labels (its B on a tie), which its I label continues.
        if b_content_ >= i_content_:
            content, from_content = b_content_, B_CONTENT
        else:
            content, from_content = i_content_, I_CONTENT
        if b_cue_ >= i_cue_:
            cue, from_cue = b_cue_, B_CUE
        else:
            cue, from_cue = i_cue_, I_CUE
        if b_source_ >= i_source_:
            source, from_source = b_source_, B_SOURCE
        else:
            source, from_source = i_source_, I_SOURCE
        back.append((came, from_content, from_cue, from_source))
        outside_, b_content_, i_content_ = top + outside, top + b_content, content + i_content
        b_cue_, i_cue_, b_source_, i_source_ = top + b_cue, cue + i_cue, top + b_source, source + i_source
    best = [outside_, b_content_, i_content_, b_cue_, i_cue_, b_source_, i_source_]
    label = best.index(max(best))
    labels = [label]
    for came in reversed(back):
        label = came[_FROM[label]]
        labels.append(label)
    labels.reverse()
    return labels


# Which entry of a back-pointer a label reads: an inside label its role's better label, any other the best.
_FROM = {OUTSIDE: 0, B_CONTENT: 0, B_CUE: 0, B_SOURCE: 0, I_CONTENT: 1, I_CUE: 2, I_SOURCE: 3}


def segments(labels: np.ndarray) -> list[tuple[str, int, int]]:
    """``(role, first, last + 1)`` token ranges of the decoded labels, in order."""
    found = [(role, first, last) for role in ROLES for first, last in role_spans(labels, role)]
    return sorted(found, key=lambda item: item[1])


def role_spans(labels: np.ndarray, role: str) -> list[tuple[int, int]]:
    """``(first, last + 1)`` token ranges of one role's spans in the decoded labels, in order."""
    begin, inside = ROLES[role]
    firsts = np.flatnonzero(labels == begin)
    if not len(firsts):
        return []
    # A span runs to the first token after its B- that does not continue it (or to the document's end).
    stops = np.append(np.flatnonzero(labels != inside), len(labels))
    lasts = stops[np.searchsorted(stops, firsts + 1)]
    return list(zip(firsts.tolist(), lasts.tolist(), strict=True))


def attributions(doc: Doc, labels: np.ndarray, probs: np.ndarray) -> list[Found]:
    """The tagged contents, each with the cue and source that belong to it.

    A content split around its own cue and source ("“…,” she said, “…”") is one attribution of two parts.
    A content takes the nearest cue in the sentence where it starts or ends, and the source nearest that cue
    in the cue's sentence; with no cue, the nearest source in its own sentence.
    """
    contents = role_spans(labels, "content")
    if not contents:
        return []
    columns = columns_of(doc, [SENT_START, IS_PUNCT, IS_SPACE])
    # A list: read a word at a time for every content and cue, where a numpy scalar costs several times more.
    sentence = np.cumsum(columns[:, 0].astype(np.int64) == 1).tolist()
    loose = ((columns[:, 1] == 1) | (columns[:, 2] == 1) | (labels != OUTSIDE)).tolist()
    cued = ((labels == B_CUE) | (labels == I_CUE)).tolist()
    cues, sources = role_spans(labels, "cue"), role_spans(labels, "source")
    groups: list[list[tuple[int, int]]] = []
    for content in contents:
        if groups and len(groups[-1]) == 1 and _joins(loose, cued, groups[-1][0], content):
            groups[-1].append(content)
        else:
            groups.append([content])
    # Each cue's and source's sentence, in text order: a sentence's ones, and the cues between two parts, are found
    # by bisection, not by a scan of every cue and source of the article for each content.
    cue_firsts = [first for first, _ in cues]
    cue_sentences = [sentence[first] for first in cue_firsts]
    source_sentences = [sentence[first] for first, _ in sources]
    result = []
    for parts in groups:
        opening, closing = sentence[parts[0][0]], sentence[parts[-1][-1] - 1]
        # Only a content of two parts has words between them.
        between = []
        if len(parts) > 1:
            between = cues[bisect.bisect_left(cue_firsts, parts[0][1]) : bisect.bisect_left(cue_firsts, parts[-1][0])]
        near = between or _in_sentences(cues, cue_sentences, opening, closing)
        cue = _nearest(near, parts)
        anchor = [cue] if cue is not None else parts
        if cue is not None:
            opening = closing = sentence[cue[0]]
        source = _nearest(_in_sentences(sources, source_sentences, opening, closing), anchor)
        result.append(Found(tuple(parts), cue, source, round(_mean_probability(probs, parts), 3)))
    return result


def _nearest(spans: list[tuple[int, int]], parts: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first of the spans nearest the parts (None without any)."""
    if len(spans) < 2:
        return spans[0] if spans else None
    return min(spans, key=lambda span: _distance(span, parts))


def _mean_probability(probs: np.ndarray, parts: list[tuple[int, int]]) -> float:
    """The mean probability over the parts' tokens, bit for bit as ``np.mean`` gives it: numpy's own sum, divided in
    float64 and rounded to the dtype (without ``np.mean``'s dispatch and numpy's scalar arithmetic, most of the cost on
    a short span)."""
    words = probs[parts[0][0] : parts[0][1]] if len(parts) == 1 else np.concatenate([probs[a:b] for a, b in parts])
    total = np.add.reduce(words)
    return float(total.dtype.type(float(total) / len(words)))


@dataclass(frozen=True, slots=True)
class Found:
    """A tagged attribution as token ranges (``first``, ``last + 1``): content parts, cue, source."""

    parts: tuple[tuple[int, int], ...]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    confidence: float


def _in_sentences(spans: list[tuple[int, int]], sentences: list[int], first: int, last: int) -> list[tuple[int, int]]:
    """The spans, in text order, that start in sentence ``first`` or ``last`` (``sentences``: each one's sentence)."""
    found = spans[bisect.bisect_left(sentences, first) : bisect.bisect_right(sentences, first)]
    if last != first:
        found += spans[bisect.bisect_left(sentences, last) : bisect.bisect_right(sentences, last)]
    return found


def _joins(loose: list[bool], cued: list[bool], first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether only the attribution's own cue and source, and punctuation, stand between two contents (``loose``:
    labelled, punctuation or space; ``cued``: labelled a cue)."""
    gap = slice(first[1], second[0])
    return any(cued[gap]) and all(loose[gap])


def _distance(span: tuple[int, int], parts: list[tuple[int, int]]) -> int:
    return min(max(first - span[1], span[0] - last, 0) for first, last in parts)


def enclosed_in_marks(text: str, parts: list[Span] | tuple[Span, ...]) -> bool:
    """Whether a content is enclosed in quotation marks (marks inside the span or just around it)."""
    first, last = parts[0], parts[-1]
    inner = text[first.start : last.end].strip()
    if inner[:1] in QUOTE_MARKS and inner.rstrip(".,?! ")[-1:] in QUOTE_MARKS:
        return True
    return text[first.start - 1 : first.start] in QUOTE_MARKS and text[last.end : last.end + 1] in QUOTE_MARKS
