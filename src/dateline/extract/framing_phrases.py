"""Propaganda technique spans chosen phrase by phrase: candidate phrases around what the tagger and the lexicon found,
each scored by a multinomial logistic regression (no technique, or one of the tagger's), the best-scored ones kept.

The tagger marks the loaded word ("spineless"), the annotators the phrase ("spineless cowards"), and they rarely mark
a word again once marked; a phrase can be judged whole. Candidates are the stage's own phrases, the tagger's spans
decoded more freely and grown as the stage grows them, the lexicon's hits and their phrases, and around every word
the tagger gives some chance (or the lexicon knows) its noun chunk, its modifiers with their noun, an adjective with
its adverbs and noun, a verb with its particle or object, and the word alone. Each phrase's features are the tagger's
probabilities inside and beside it, its length and where it came from, the parts of speech, dependencies and entity
types of its head and first word, the lexicon's hits inside it, its voice, repeats of its words, the GloVe vectors of
its head, its modifiers and its likeliest word, and how it ranks among the article's candidates and any earlier one
with the same head. The model is read with numpy alone (``FramingModel.phrases``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, LEMMA, POS, SENT_START
from spacy.strings import get_string_id
from spacy.symbols import ADJ, VERB
from spacy.tokens import Doc

from dateline.extract.events.syntax import noun_chunk_bounds
from dateline.extract.framing_spans import attribute
from dateline.resources.framing_model import PhraseModel

# Where a candidate came from; one phrase may come from several.
KINDS = (
    "stage",
    "tagged",
    "tagged_technique_span",
    "tagged_phrase",
    "hit",
    "hit_technique_span",
    "chunk",
    "chunk_modifiers",
    "adjective_phrase",
    "verb",
    "verb_object",
    "token",
)
MAX_WORDS = 10
# A word the tagger gives at least this inside-probability for a technique seeds the syntactic candidates around it.
SEED_PROBABILITY = 0.05
# The openers a noun chunk sheds ("the", "his") and the modifiers kept with its head ("spineless", "Google").
_CHUNK_OPENERS = frozenset({"det", "poss", "predet", "case", "punct", "cc"})
_MODIFIERS = frozenset({"amod", "compound", "advmod", "nmod", "npadvmod"})
_VERB_COMPLEMENTS = frozenset({"prt", "dobj", "acomp", "attr", "oprd"})
POS_NAMES = ("NOUN", "PROPN", "ADJ", "VERB", "ADV", "PRON", "DET", "ADP", "AUX", "NUM", "X")
ENTITY_NAMES = ("PERSON", "NORP", "ORG", "GPE")
VOICE_NAMES = ("narration", "headline", "direct_quote", "indirect_quote", "scare_quote")
ROOT_DEPS = (("nsubj", "nsubjpass"), ("dobj", "pobj"), ("attr", "appos", "acomp", "oprd"), ("amod",))
# Lexicon hits inside a phrase are counted by technique: none, or each of the tagger's.
REPEAT_CAP = 3


def candidates(
    doc: Doc, proposed: Mapping[str, Iterable[tuple[int, int]]], inside: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate phrases as (start, end) token bounds sorted, and per phrase which of ``KINDS`` proposed it.

    ``proposed`` maps a kind to the bounds the stage already has (its phrases, the tagger's spans and the lexicon's
    hits, each as the stage grows them); ``inside`` is the tagger's inside-probability per token and technique.
    """
    n = len(doc)
    space, punct, stop = (attribute(doc, name).astype(bool) for name in (IS_SPACE, IS_PUNCT, IS_STOP))
    spaces_before = np.concatenate([[0], np.cumsum(space)])
    content_before = np.concatenate([[0], np.cumsum(~(stop | punct))])
    pairs: list[tuple[int, int, int]] = []
    for kind, bounds in proposed.items():
        pairs.extend((start, end, KINDS.index(kind)) for start, end in bounds)
    seeds = np.flatnonzero(inside.max(axis=1, initial=0.0) >= SEED_PROBABILITY) if n else np.zeros(0, np.int64)
    hit_words = [word for start, end in proposed.get("hit", ()) for word in range(start, end)]
    seeds = np.union1d(seeds, np.array(hit_words, dtype=np.int64))
    seeds = seeds[~(space[seeds] | punct[seeds])]
    pairs.extend(_syntactic(doc, seeds))
    if not pairs:
        return np.zeros((0, 2), dtype=np.int64), np.zeros((0, len(KINDS)), dtype=bool)
    starts, ends, kinds = np.array(pairs, dtype=np.int64).T
    # Marks and spaces at either edge are shed (a few steps: phrases are short). Shedding an opening determiner or
    # possessive too cross-validated lower on tune (0.364 / 0.292 against 0.368 / 0.298).
    first_out = punct | space
    for _ in range(3):
        starts = np.where((starts < ends) & first_out[np.minimum(starts, n - 1)], starts + 1, starts)
        ends = np.where((ends > starts) & (punct | space)[np.maximum(ends - 1, 0)], ends - 1, ends)
    keep = (
        (starts < ends)
        & (ends - starts <= MAX_WORDS)
        & (spaces_before[ends] == spaces_before[starts])
        & (content_before[ends] > content_before[starts])
        & ~first_out[np.minimum(starts, n - 1)]
        & ~(punct | space)[np.maximum(ends - 1, 0)]
    )
    starts, ends, kinds = starts[keep], ends[keep], kinds[keep]
    unique, which = np.unique(starts * (n + 1) + ends, return_inverse=True)
    flags = np.zeros((len(unique), len(KINDS)), dtype=bool)
    flags[which, kinds] = True
    return np.stack([unique // (n + 1), unique % (n + 1)], axis=1), flags


def _syntactic(doc: Doc, seeds: np.ndarray) -> list[tuple[int, int, int]]:
    """Around each seed word: itself, its noun chunk less its openers, the chunk's modifiers from the seed to its
    head, an adjective with its adverbs (and the noun it qualifies), a verb alone and with its particle, object or
    complement."""
    n = len(doc)
    pos, dep = attribute(doc, POS), attribute(doc, DEP)
    heads = np.arange(n) + attribute(doc, HEAD).astype(np.int64)
    found = [(i, i + 1, KINDS.index("token")) for i in seeds.tolist()]
    openers = np.isin(dep, [get_string_id(name) for name in _CHUNK_OPENERS])
    modifiers = np.isin(dep, [get_string_id(name) for name in _MODIFIERS])
    sentences = np.cumsum(attribute(doc, SENT_START) == 1)
    chunks: list[tuple[int, int]] = []
    for i in np.unique(sentences[seeds], return_index=True)[1].tolist():
        chunks.extend(noun_chunk_bounds(doc[int(seeds[i])]))
    if chunks:
        bounds = np.array(chunks, dtype=np.int64)
        at = np.searchsorted(bounds[:, 0], seeds, side="right") - 1
        inside = (at >= 0) & (seeds < bounds[np.maximum(at, 0), 1])
        head_of, opener, modifier = heads.tolist(), openers.tolist(), modifiers.tolist()
        # Each chunk once: its start less its openers, its head, and the first of the modifiers before the head.
        read: dict[int, tuple[int, int, int, int]] = {}
        for chunk in np.unique(at[inside]).tolist():
            start, end = bounds[chunk].tolist()
            while start < end and opener[start]:
                start += 1
            head = next((k for k in range(start, end) if not start <= head_of[k] < end or head_of[k] == k), start)
            first = head
            while first - 1 >= start and modifier[first - 1]:
                first -= 1
            read[chunk] = (start, end, head, first)
        for i, chunk in zip(seeds[inside].tolist(), at[inside].tolist(), strict=True):
            start, end, head, first = read[chunk]
            found.append((start, end, KINDS.index("chunk")))
            if start < end:
                found.append((min(first, i), head + 1, KINDS.index("chunk_modifiers")))
    is_adverb = np.isin(dep, [get_string_id("advmod"), get_string_id("npadvmod")]) & (heads > np.arange(n))
    first_adverb = np.arange(n)
    np.minimum.at(first_adverb, heads[is_adverb], np.flatnonzero(is_adverb))
    amod = get_string_id("amod")
    complements = np.isin(dep, [get_string_id(name) for name in _VERB_COMPLEMENTS]) & (heads < np.arange(n))
    complement_of: dict[int, list[int]] = {}
    for child in np.flatnonzero(complements).tolist():
        complement_of.setdefault(int(heads[child]), []).append(child)
    adjective, verb = KINDS.index("adjective_phrase"), KINDS.index("verb")
    for i in seeds[pos[seeds] == ADJ].tolist():
        start = int(first_adverb[i])
        found.append((start, i + 1, adjective))
        if dep[i] == amod and i < heads[i] <= i + 3:
            found.append((start, int(heads[i]) + 1, adjective))
    for i in seeds[pos[seeds] == VERB].tolist():
        found.append((i, i + 1, verb))
        for child in complement_of.get(i, ()):
            right = doc[child].right_edge.i
            found.append((i, (right if right - i < 5 else child) + 1, KINDS.index("verb_object")))
    return found


def _codes(values: np.ndarray, names: Iterable[str]) -> np.ndarray:
    """Per value, the index of the name whose string id it is, or the number of names for none of them."""
    ids = np.array([get_string_id(name) for name in names], dtype=np.uint64)
    codes = np.full(len(values), len(ids), dtype=np.int64)
    for at, value in enumerate(ids.tolist()):
        codes[values == value] = at
    return codes


def _one_hot(codes: np.ndarray, width: int) -> np.ndarray:
    return (codes[:, None] == np.arange(width)).astype(np.float64)


def features(
    doc: Doc,
    bounds: np.ndarray,
    kinds: np.ndarray,
    log_probabilities: np.ndarray,
    vectors: np.ndarray,
    voices: np.ndarray,
    hit_techniques: np.ndarray,
) -> np.ndarray:
    """Phrases x features. ``log_probabilities`` are the tagger's (tokens x techniques x O/B/I, without the O bias),
    ``vectors`` the tokens' unit GloVe vectors, ``voices`` each token's voice (string ids), ``hit_techniques`` per
    token 0 for no lexicon hit, 1 for a hit of no technique and 2 + k for the k-th technique's."""
    n, techniques = len(doc), log_probabilities.shape[1]
    starts, ends = bounds[:, 0], bounds[:, 1]
    lengths = ends - starts
    offsets = np.arange(MAX_WORDS)
    at = np.minimum(starts[:, None] + offsets, n - 1)
    within = offsets < lengths[:, None]
    inside = 1 - np.exp(log_probabilities[:, :, 0])
    probabilities = np.where(within[:, :, None], inside[at], 0.0)
    before = np.where(starts[:, None] > 0, inside[np.maximum(starts - 1, 0)], 0.0)
    after = np.where(ends[:, None] < n, inside[np.minimum(ends, n - 1)], 0.0)
    most = probabilities.max(axis=1)
    total = probabilities.sum(axis=1)
    tagger = [
        most,
        total / lengths[:, None],
        total,
        probabilities[:, 0],
        inside[ends - 1],
        np.exp(log_probabilities[starts, :, 1]),
        np.log(most + 1e-4),
        np.maximum(before, after),
        np.where(within[:, :, None], probabilities, 1.0).min(axis=1),
    ]
    heads = np.arange(n) + attribute(doc, HEAD).astype(np.int64)
    head_at = heads[at]
    is_root = within & ((head_at < starts[:, None]) | (head_at >= ends[:, None]) | (head_at == at))
    roots = at[np.arange(len(at)), np.where(is_root.any(axis=1), is_root.argmax(axis=1), 0)]
    pos = _codes(attribute(doc, POS), POS_NAMES)
    dep = attribute(doc, DEP)
    entity_types = doc.to_array([ENT_TYPE]).astype(np.uint64)
    entity = _codes(entity_types, ENTITY_NAMES)
    has_entity = (entity_types != 0)[at] & within
    alpha, title, stop = (attribute(doc, name).astype(bool) for name in (IS_ALPHA, IS_TITLE, IS_STOP))
    content = alpha & ~stop
    repeats = _repeats(attribute(doc, LEMMA))
    hit_at, entity_at = np.where(within, hit_techniques[at], 0), np.where(within, entity[at], -1)
    hits = np.stack([(hit_at == code).sum(axis=1) for code in range(1, 2 + techniques)], 1)
    entities = np.stack(
        [(entity_at == code).any(axis=1) for code in range(len(ENTITY_NAMES))]
        + [(has_entity & (entity_at == len(ENTITY_NAMES))).any(axis=1)],
        axis=1,
    )
    content_at = content[at] & within
    content_repeats = np.where(content_at, repeats[at], REPEAT_CAP + 1).min(axis=1)
    content_repeats[~content_at.any(axis=1)] = 0
    root_deps = np.stack([np.isin(dep[roots], [get_string_id(name) for name in names]) for names in ROOT_DEPS], axis=1)
    modifiers = content_at & (at != roots[:, None])
    modifier_vectors = (vectors[at] * modifiers[:, :, None]).sum(axis=1) / np.maximum(modifiers.sum(axis=1), 1)[:, None]
    likeliest = at[np.arange(len(at)), probabilities.max(axis=2).argmax(axis=1)]
    shape = [
        _one_hot(np.minimum(lengths, 5) - 1, 5),
        np.log(lengths)[:, None],
        kinds.astype(np.float64),
        kinds.sum(axis=1, keepdims=True),
        _one_hot(pos[roots], len(POS_NAMES) + 1),
        _one_hot(pos[starts], len(POS_NAMES) + 1),
        hits,
        entities,
        (entity_types != 0)[roots][:, None],
        _one_hot(_codes(voices[starts], VOICE_NAMES), len(VOICE_NAMES)),
        np.where(within & alpha[at], title[at], True).all(axis=1)[:, None],
        title[starts][:, None],
        (attribute(doc, SENT_START) == 1)[starts][:, None],
        (starts / n)[:, None],
        _one_hot(repeats[roots], REPEAT_CAP + 1),
        content_repeats[:, None],
        root_deps,
        (stop[at] & within).sum(axis=1)[:, None],
    ]
    article = _article_features(bounds, most, attribute(doc, LEMMA)[roots])
    dense = [vectors[roots], modifier_vectors, vectors[likeliest]]
    return np.hstack([*tagger, *(np.asarray(part, dtype=np.float64) for part in shape), article, *dense])


def _repeats(lemmas: np.ndarray) -> np.ndarray:
    """How often each token's lemma occurred before it in the article, capped."""
    _, group = np.unique(lemmas, return_inverse=True)
    order = np.argsort(group, kind="stable")
    first = np.r_[True, np.diff(group[order]) != 0]
    starts = np.flatnonzero(first)
    earlier = np.empty(len(lemmas), dtype=np.int64)
    earlier[order] = np.arange(len(lemmas)) - np.repeat(starts, np.diff(np.r_[starts, len(lemmas)]))
    return np.minimum(earlier, REPEAT_CAP)


def _article_features(bounds: np.ndarray, most: np.ndarray, head_lemmas: np.ndarray) -> np.ndarray:
    """How loaded the article's candidates are altogether, each phrase's rank among them, the best of any earlier
    phrase with the same head (annotators rarely mark a word twice), and the phrases overlapping it."""
    count = len(bounds)
    starts, ends = bounds[:, 0], bounds[:, 1]
    totals = np.concatenate([most.sum(axis=0), (most > 0.3).sum(axis=0)]) / max(count, 1)
    ranks = np.argsort(np.argsort(-most, axis=0, kind="stable"), axis=0, kind="stable") / max(count, 1)
    # Phrases are sorted by start and at most MAX_WORDS long: any that overlap start fewer than MAX_WORDS apart.
    low = np.searchsorted(starts, starts - MAX_WORDS + 1)
    high = np.searchsorted(starts, starts + MAX_WORDS)
    band = low[:, None] + np.arange(int((high - low).max(initial=0)))
    valid = band < high[:, None]
    band = np.minimum(band, count - 1)
    overlapping = valid & (starts[band] < ends[:, None]) & (starts[:, None] < ends[band])
    overlapping &= band != np.arange(count)[:, None]
    rivals = np.where(overlapping[:, :, None], most[band], 0.0).max(axis=1, initial=0.0)
    return np.hstack(
        [
            np.tile(totals, (count, 1)),
            ranks,
            _best_before(starts, ends, most, head_lemmas),
            overlapping.sum(axis=1, keepdims=True),
            rivals,
        ]
    )


def _best_before(starts: np.ndarray, ends: np.ndarray, most: np.ndarray, head_lemmas: np.ndarray) -> np.ndarray:
    """Per phrase and technique, the best score of a phrase with the same head lemma ending before it starts (0 for
    none): a running maximum over each head's phrases in order of their ends."""
    _, group = np.unique(head_lemmas, return_inverse=True)
    order = np.lexsort((ends, group))
    span = int(ends.max(initial=0)) + 1
    keys = group[order] * span + ends[order]
    # Scores lie in [0, 1]: adding twice the group number keeps each group's running maximum its own.
    running = np.maximum.accumulate(most[order] + 2 * group[order, None], axis=0) - 2 * group[order, None]
    at = np.searchsorted(keys, group * span + starts, side="right") - 1
    same = (at >= 0) & (group[order][np.maximum(at, 0)] == group)
    return np.where(same[:, None], running[np.maximum(at, 0)], 0.0)


def choose(model: PhraseModel, bounds: np.ndarray, matrix: np.ndarray) -> list[tuple[int, int, int, float]]:
    """(technique index, start, end, probability) of the phrases kept: per technique, the best-scored phrases at or
    above its threshold, taken best first (the longer of equals first), none overlapping one taken before."""
    if not len(bounds):
        return []
    probabilities = _softmax(matrix @ model.weights + model.intercepts)
    return select(bounds, probabilities[:, 1:], model.thresholds)


def select(bounds: np.ndarray, probabilities: np.ndarray, thresholds: np.ndarray) -> list[tuple[int, int, int, float]]:
    kept = []
    for column, threshold in enumerate(thresholds.tolist()):
        scores = probabilities[:, column]
        order = np.lexsort((bounds[:, 0], bounds[:, 0] - bounds[:, 1], -scores))
        taken = np.zeros(int(bounds[:, 1].max(initial=0)) + 1, dtype=bool)
        for row in order.tolist():
            if scores[row] < threshold:
                break
            start, end = bounds[row].tolist()
            if not taken[start:end].any():
                taken[start:end] = True
                kept.append((column, start, end, float(scores[row])))
    return kept


def assign(
    chosen: list[tuple[int, int, int, float]], hits: list[tuple[int, int]]
) -> tuple[list[tuple[int, int, int, float] | None], list[tuple[int, int, int, float]]]:
    """Which kept phrase each lexicon hit (token bounds) takes: the likeliest over it, or none; and the kept phrases
    over no hit, each a frame of its own. A phrase of the other technique over a hit goes with it (a frame has one
    technique), as the tagger's spans over a hit did."""
    taken, claimed = [], set()
    for start, end in hits:
        over = [one for one in chosen if one[1] < end and start < one[2]]
        claimed.update(over)
        taken.append(max(over, key=lambda one: (one[3], -one[1])) if over else None)
    return taken, [one for one in chosen if one not in claimed]


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    exponentials = np.exp(logits)
    return exponentials / exponentials.sum(axis=1, keepdims=True)
