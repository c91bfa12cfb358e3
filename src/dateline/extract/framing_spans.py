"""Propaganda technique spans from the trained tagger: token features as columns of spaCy ids, scored by a linear
B/I/O model per technique and decoded into spans.

Every feature template is one column of ids, one per token (0: no value), read from the parse with
``Doc.to_array`` and shifted for the neighbours, so scoring an article is a handful of sorted-array searches and
one sum of weight rows, not a Python loop over tokens. The lexicon's hits and each token's voice are columns too:
the rules are features and the model decides. Beside the columns, each token has dense features: its GloVe vector
and its nearness to the lexicon's terms of each technique and category, so a loaded word the lexicon lacks
("ghastly", "acolytes") scores like the terms it lies near. Training (``scripts/train_framing_model.py``) reads the
very same features, so what is learned is what runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_DIGIT,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SHAPE,
    SPACY,
    TAG,
)
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from dateline.model import Span
from dateline.nlp import per_doc
from dateline.resources.framing_lexicon import LexiconEntry
from dateline.resources.framing_model import TAGS, FramingModel, LexiconNeighbours
from dateline.resources.word_vectors import one_blas_thread, word_vectors

ATTRIBUTES = (LOWER, LEMMA, POS, TAG, DEP, SHAPE, HEAD, SENT_START, IS_SPACE, IS_TITLE, IS_UPPER, IS_ALPHA, IS_STOP)
# Every attribute the stage reads, the tagger's first: the matcher, the tagger, the decoder and the word count read
# them from one ``Doc.to_array`` per document (seven reads of the same words cost 8% of the stage).
STAGE_ATTRIBUTES = (*ATTRIBUTES, ORTH, IS_PUNCT, IS_DIGIT, SPACY, IDX)
_COLUMN_OF = {attribute: at for at, attribute in enumerate(STAGE_ATTRIBUTES)}
# Neighbours within this many tokens contribute their part of speech, the nearest ones their word too (farther
# words and the head's lemma were memorised, not learned: cross-validation on tune dropped with them).
WINDOW = 2
WORD_WINDOW = 1
# Sentence-wide marks that go with doubt and exaggeration: a question, an exclamation.
SENTENCE_MARKS = ("?", "!")
# Occurrences of a word earlier in the article are counted up to this many: PTC's annotators mark a loaded word's
# first use far more often than its later ones (on tune, 83% of first uses of a word marked somewhere in the
# article, 11% of its fourth and later), which only an article-wide count can tell.
REPEAT_CAP = 3
# Dense features are multiplied by this: the L2 penalty is shared with the 0/1 columns, and a unit vector's
# components (about 0.14 each) would otherwise be held near zero.
DENSE_SCALE = 3.0
# Nearness to a technique's terms is also a column of thresholds crossed, crossed with the part of speech: a
# linear model cannot read "very near a term of this technique" off a cosine alone.
NEARNESS_STEPS = (0.5, 0.6, 0.7, 0.8)


@per_doc
def _stage_table(doc: Doc) -> np.ndarray:
    table = doc.to_array(list(STAGE_ATTRIBUTES)).reshape(len(doc), len(STAGE_ATTRIBUTES))
    table.flags.writeable = False  # shared by every reader of the document
    return table


def attribute(doc: Doc, name: int) -> np.ndarray:
    """One of ``STAGE_ATTRIBUTES`` for every token of the document, as ``Doc.to_array`` gives it (read-only)."""
    return _stage_table(doc)[:, _COLUMN_OF[name]]


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    technique: str
    evidence: Span
    tokens: tuple[int, int]
    confidence: float


def token_columns(
    doc: Doc, lexicon_hits: Iterable[tuple[LexiconEntry, TokenSpan]], voices: Iterable[tuple[Span, str]]
) -> dict[str, np.ndarray]:
    """One column of uint64 keys per feature template; ``voices`` are (span, voice) regions, later ones winning."""
    n = len(doc)
    table = _stage_table(doc)[:, : len(ATTRIBUTES)].astype(np.uint64)
    lower, lemma, pos, tag, dep, shape = (table[:, k] for k in range(6))
    heads = np.arange(n) + table[:, 6].astype(np.int64)  # HEAD holds the signed offset to the head
    heads = np.clip(heads, 0, max(n - 1, 0))
    columns: dict[str, np.ndarray] = {
        "lower": lower,
        "lemma": lemma,
        "pos": pos,
        "tag": tag,
        "dep": dep,
        "shape": shape,
        "head_pos": pos[heads],
        "dep_head_pos": _mix(dep, pos[heads]),
        "pos_bigram": _mix(_shift(pos, -1), pos),
        "pos_next_bigram": _mix(pos, _shift(pos, 1)),
    }
    for offset in range(1, WINDOW + 1):
        for sign, name in ((-1, "-"), (1, "+")):
            columns[f"pos{name}{offset}"] = _shift(pos, sign * offset)
            if offset <= WORD_WINDOW:
                columns[f"lower{name}{offset}"] = _shift(lower, sign * offset)
    # Case: 1 lower or other, 2 title case, 3 all capitals; +4 when not alphabetic.
    is_title, is_upper, is_alpha = (table[:, k].astype(bool) for k in (9, 10, 11))
    columns["case"] = (1 + is_title + 2 * (is_upper & ~is_title) + 4 * ~is_alpha).astype(np.uint64)
    columns.update(_sentence_columns(lower, table[:, 7].astype(np.int64)))
    columns.update(_lexicon_columns(n, lexicon_hits))
    columns["voice"] = _voice_column(doc, voices)
    columns["voice_pos"] = _mix(columns["voice"], pos)
    columns["lex_pos"] = _mix(columns["lex"], pos)
    is_stop = table[:, 12].astype(bool)
    columns["repeat"] = _repeat_column(lemma, is_stop | ~is_alpha)
    columns["repeat_lex"] = _mix(columns["repeat"], columns["lex"])
    columns["repeat_pos"] = _mix(columns["repeat"], pos)
    return columns


def token_features(
    doc: Doc,
    lexicon_hits: Iterable[tuple[LexiconEntry, TokenSpan]],
    voices: Iterable[tuple[Span, str]],
    neighbours: LexiconNeighbours,
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The columns of ``token_columns`` with the nearness columns, and the dense features (tokens x
    ``neighbours.width``): the token's word vector and its nearness to each group of the lexicon's terms."""
    columns = token_columns(doc, lexicon_hits, voices)
    first, inverse = _distinct_words(doc)
    words = token_vectors(doc, first)
    vectors, near = words[inverse], nearness(words, neighbours)[inverse]
    for at, group in enumerate(neighbours.groups):
        if group.startswith("technique:"):
            steps = np.searchsorted(NEARNESS_STEPS, near[:, at], side="right")
            keys = np.array([get_string_id(f"{group}:{step}") for step in range(len(NEARNESS_STEPS) + 1)])
            column = np.where(steps > 0, keys[steps], 0).astype(np.uint64)
            columns[f"near:{group}"] = column
            columns[f"near_pos:{group}"] = _mix(column, columns["pos"])
    return columns, DENSE_SCALE * np.hstack([vectors, near]).astype(np.float32)


def _distinct_words(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct (word, lemma) once, as the token where it first occurs, and per token its distinct word's
    number: an article says most of its words more than once. Numbered in order of word id, then lemma id, as
    ``np.unique`` over the pairs numbers them (in a quarter of its time): the nearness products' last bits depend on
    the order of their rows."""
    lowers, lemmas = attribute(doc, LOWER), attribute(doc, LEMMA)
    order = np.lexsort((lemmas, lowers))  # stable: the first of equal pairs is where the pair first occurs
    lowers, lemmas = lowers[order], lemmas[order]
    new = np.ones(len(doc), dtype=bool)
    new[1:] = (lowers[1:] != lowers[:-1]) | (lemmas[1:] != lemmas[:-1])
    inverse = np.empty(len(doc), dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return order[new], inverse


def token_vectors(doc: Doc, tokens: np.ndarray) -> np.ndarray:
    """Unit GloVe vectors of the words of the tokens at ``tokens`` (their lemma's when the form is unknown:
    "mullahs" may be missing where "mullah" is not); zeros for numbers, marks and unknown words."""
    strings = doc.vocab.strings
    vectors = word_vectors([strings[value] for value in attribute(doc, LOWER)[tokens].tolist()])
    unknown = np.flatnonzero(~vectors.any(axis=1))
    if len(unknown):
        vectors[unknown] = word_vectors([strings[value] for value in attribute(doc, LEMMA)[tokens[unknown]].tolist()])
    vectors[attribute(doc, IS_ALPHA)[tokens] == 0] = 0
    return vectors


def nearness(vectors: np.ndarray, neighbours: LexiconNeighbours) -> np.ndarray:
    """Per token and group, the best cosine between the token's vector and the group's terms (0 for no vector)."""
    near = np.zeros((len(vectors), len(neighbours.groups)), dtype=np.float32)
    if not len(vectors) or not len(neighbours.group_of):
        return near
    order = np.argsort(neighbours.group_of, kind="stable")
    groups, starts = np.unique(neighbours.group_of[order], return_index=True)
    cosines = vectors @ neighbours.vectors[order].T
    near[:, groups] = np.maximum(np.maximum.reduceat(cosines, starts, axis=1), 0.0)
    return near


def scores(model: FramingModel, columns: dict[str, np.ndarray], dense: np.ndarray) -> np.ndarray:
    """Log-probabilities (tokens x techniques x O/B/I) of the tokens whose columns and dense features are given,
    the O class already shifted by the model's bias."""
    logits = np.tile(model.intercepts, (len(dense), 1)) + dense @ model.dense_weights
    for name, template in model.templates.items():
        column = columns.get(name)
        if column is None or not len(template.keys):
            continue
        at = np.searchsorted(template.keys, column)
        missing = template.keys[np.minimum(at, len(template.keys) - 1)] != column
        at[missing] = len(template.keys)  # the template's row of zeros
        # Every token's row added, found or not (adding 0 leaves a sum as it was): one gather and one add, where
        # adding only the found rows through an index cost twice as much, with the same sums in the same order.
        logits += np.take(template.weights, at, axis=0)
    logits = logits.reshape(len(dense), len(model.techniques), len(TAGS))
    logits -= logits.max(axis=2, keepdims=True)
    logits -= np.log(np.exp(logits).sum(axis=2, keepdims=True))
    logits[:, :, 0] += model.o_bias
    return logits


def decode(doc: Doc, model: FramingModel, log_probabilities: np.ndarray) -> list[TechniqueSpan]:
    """Spans per technique: a run of B/I tokens, a new span at each B; an I after O opens a span as a B would
    (the constraint a B/I/O sequence must meet). Spaces never belong to a span, so none crosses a line, and
    punctuation at either end is left out (a lone hyphen of "Putin - lover" is no span), and a span of stop words
    alone ("and", "the") is no loaded wording. A span that cuts a hyphenated word grows to the whole word: the
    annotators mark "neo-Catholic", never "neo"."""
    labels = log_probabilities.argmax(axis=2)
    flags = np.stack([attribute(doc, name) for name in (IS_SPACE, IS_PUNCT, IS_STOP)], axis=1).astype(bool)
    glued = _glued(doc)
    content = ~(flags[:, 1] | flags[:, 2])
    labels[flags[:, 0]] = 0
    inside = inside_probabilities(model, log_probabilities)
    found = []
    for column, technique in enumerate(model.techniques):
        tagged = np.nonzero(labels[:, column])[0]
        start = previous = -2
        for i in [*tagged.tolist(), -1]:
            if (i != previous + 1 or labels[i, column] == 1 or i == -1) and start >= 0:
                first, end = start, previous + 1
                while first < end and flags[first, 1]:
                    first += 1
                while end > first and flags[end - 1, 1]:
                    end -= 1
                while first < end and first > 0 and glued[first - 1]:
                    first -= 1
                while first < end < len(doc) and glued[end - 1]:
                    end += 1
                if first < end and content[first:end].any():
                    found.append(_span(doc, technique, first, end, inside[first:end, column]))
            if i != previous + 1 or labels[i, column] == 1 or i == -1:
                start = i
            previous = i
    return found


def _glued(doc: Doc) -> np.ndarray:
    """Per token, whether it and the next are parts of one hyphenated word ("Trump", "-", "hating"): both letters,
    digits or a hyphen, with no space between."""
    wordish = (
        (attribute(doc, IS_ALPHA) == 1)
        | (attribute(doc, IS_DIGIT) == 1)
        | (attribute(doc, LOWER) == np.uint64(get_string_id("-")))
    )
    return np.append(wordish[:-1] & wordish[1:] & (attribute(doc, SPACY)[:-1] == 0), False)


def tag(
    doc: Doc,
    model: FramingModel,
    lexicon_hits: Iterable[tuple[LexiconEntry, TokenSpan]],
    voices: Iterable[tuple[Span, str]],
) -> tuple[list[TechniqueSpan], np.ndarray]:
    """The tagged spans and, per token and technique, the probability of being inside a span of it."""
    if not model or not len(doc):
        return [], np.zeros((len(doc), len(model.techniques)), dtype=np.float32)
    with one_blas_thread():
        columns, dense = token_features(doc, lexicon_hits, voices, model.neighbours)
        log_probabilities = scores(model, columns, dense)
    return decode(doc, model, log_probabilities), inside_probabilities(model, log_probabilities)


def inside_probabilities(model: FramingModel, log_probabilities: np.ndarray) -> np.ndarray:
    return 1 - np.exp(log_probabilities[:, :, 0] - model.o_bias)


def _span(doc: Doc, technique: str, start: int, end: int, inside: np.ndarray) -> TechniqueSpan:
    evidence = Span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
    return TechniqueSpan(technique, evidence, (start, end), round(float(inside.mean()), 3))


def _shift(column: np.ndarray, offset: int) -> np.ndarray:
    """The value ``offset`` tokens away (0 past either end)."""
    shifted = np.zeros_like(column)
    if offset > 0:
        shifted[:-offset] = column[offset:]
    elif offset < 0:
        shifted[-offset:] = column[:offset]
    return shifted


def _mix(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """One key for a pair of keys (a conjunction feature); 0 when either is missing."""
    with np.errstate(over="ignore"):
        mixed = first * np.uint64(0x9E3779B97F4A7C15) ^ (second + np.uint64(0x632BE59BD9B4E019))
    return np.where((first == 0) | (second == 0), np.uint64(0), mixed)


def _sentence_columns(lower: np.ndarray, sent_start: np.ndarray) -> dict[str, np.ndarray]:
    n = len(lower)
    starts = sent_start == 1
    starts[:1] = True
    sentence = np.cumsum(starts) - 1
    first = starts.astype(np.uint64)
    last = np.append(starts[1:], True).astype(np.uint64)
    position = (1 + first + 2 * last).astype(np.uint64)
    columns = {"sentence_edge": position}
    marks = np.zeros(n, dtype=np.uint64)
    for bit, mark in enumerate(SENTENCE_MARKS):
        has = (
            np.bincount(
                sentence, weights=lower == np.uint64(get_string_id(mark)), minlength=sentence.max(initial=0) + 1
            )
            > 0
        )
        marks |= has[sentence].astype(np.uint64) << np.uint64(bit)
    columns["sentence_marks"] = marks + np.uint64(1)
    return columns


def _repeat_column(lemma: np.ndarray, skipped: np.ndarray) -> np.ndarray:
    """1 + how many times the token's lemma occurred before it in the article (capped); 0 for stop words and
    non-words, whose repeats say nothing."""
    n = len(lemma)
    _, group = np.unique(lemma, return_inverse=True)
    order = np.argsort(group, kind="stable")
    first_of_group = np.r_[True, np.diff(group[order]) != 0]
    starts = np.nonzero(first_of_group)[0]
    earlier = np.empty(n, dtype=np.int64)
    earlier[order] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n]))
    column = (np.minimum(earlier, REPEAT_CAP) + 1).astype(np.uint64)
    column[skipped] = 0
    return column


def _lexicon_columns(n: int, hits: Iterable[tuple[LexiconEntry, TokenSpan]]) -> dict[str, np.ndarray]:
    """Where the lexicon matched: its technique with the token's place in the match, its category, and whether a
    neighbour is a hit (the word a loaded adjective qualifies, the modifier of a label)."""
    lex = np.zeros(n, dtype=np.uint64)
    category = np.zeros(n, dtype=np.uint64)
    for entry, match in hits:
        technique = entry.technique or "none"
        lex[match.start] = get_string_id(f"{technique}:B")
        lex[match.start + 1 : match.end] = get_string_id(f"{technique}:I")
        category[match.start : match.end] = get_string_id(entry.category)
    return {
        "lex": lex,
        "lex_category": category,
        "lex-1": _shift(lex, -1),
        "lex+1": _shift(lex, 1),
    }


def _voice_column(doc: Doc, voices: Iterable[tuple[Span, str]]) -> np.ndarray:
    column = np.full(len(doc), get_string_id("narration"), dtype=np.uint64)
    if not len(doc):
        return column
    voices = list(voices)
    # Every region's first and last token in one search, then each region in order, later ones winning.
    edges = np.searchsorted(attribute(doc, IDX).astype(np.int64), [[span.start, span.end] for span, _ in voices])
    for (low, high), (_, voice) in zip(edges.reshape(-1, 2).tolist(), voices, strict=True):
        column[low:high] = get_string_id(voice)
    return column
