"""Candidate attributions read off the parse, and the features a trained model decides them by.

Every word that governs a clause, an infinitive, an object or a prepositional phrase is a possible cue, and
that complement a possible reported content ("said the strikes …", "refused to comment", "proposed a ban",
"called for a pause", "according to X, …"). The cue lexicon is one feature among many, so cues it lacks
("seems", "signed") can be learned from PolNeAR, as can the lexicon verb nearest a cue in GloVe (so a rare
cue shares what its neighbour taught), and so is the token tagger's reading of the same words (how sure
it is that they are a content and the cue a cue). The model (``resources/attribution_model.npz``) keeps a candidate
or not; the quotes stage attaches its speaker with the rules' own resolver.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Token

from dateline.extract.quote_tagger import B_CONTENT, B_CUE, B_SOURCE, I_CONTENT, I_CUE, I_SOURCE, is_member
from dateline.extract.quote_words import Words, columns_of, span_roots, string_hashes, words_of
from dateline.resources.attribution_model import (
    CANDIDATE_SLOTS,
    CANDIDATE_TEMPLATES,
    CUE_SLOTS,
    CUE_TEMPLATES,
    TAGGER_SLOTS,
    AttributionModel,
    feature_name,
    plan,
)
from dateline.resources.quote_cues import QuoteCues
from dateline.resources.word_vectors import one_blas_thread, word_vectors

# Where a cue's reported content hangs: a clause (either side), an infinitive, an object, an object predicate.
CLAUSE_LINKS = frozenset({"ccomp"})
RIGHT_LINKS = frozenset({"xcomp", "dobj", "attr", "oprd", "advcl", "acl"})
CUE_TAGS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PASSIVE = frozenset({"auxpass", "nsubjpass"})
_COMPLEMENT_LINKS = tuple(sorted(CLAUSE_LINKS | RIGHT_LINKS | {"pobj", "pcomp"}))
# How far up a participle or infinitive looks for the subject it shares ("…, saying …", "refused to say").
SUBJECT_HOPS = 3
_LENGTHS = (2, 4, 8, 16, 32)
# Each length's bin as its slot value, up to the last bin's first length; a bool's value.
_LENGTH_BINS = [str(bisect.bisect_left(_LENGTHS, length)) for length in range(_LENGTHS[-1] + 2)]
_TRUTH = ("False", "True")
# The levels the tagger's probabilities are read at: finer near the ends, where the tagger is usually sure.
LEVELS = np.array([0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98])
_LEVEL_NAMES = [str(level) for level in range(len(LEVELS) + 1)]
# With no tagger, a candidate's features are those that read none of its levels.
_UNTAGGED_TEMPLATES = tuple(template for template in CANDIDATE_TEMPLATES if not set(template[1]) & set(TAGGER_SLOTS))
_CUE_PLAN = plan(CUE_TEMPLATES, CUE_SLOTS)
_CANDIDATE_PLAN = plan(CANDIDATE_TEMPLATES, CUE_SLOTS + CANDIDATE_SLOTS + TAGGER_SLOTS)


class Candidate(NamedTuple):
    """A cue token and a token range (``low``, ``high`` inclusive) it may report, reached through ``link``. A named
    tuple: an article has a hundred-odd, and a frozen dataclass costs several times more to build."""

    cue: int
    link: str
    low: int
    high: int


def candidates(doc: Doc) -> list[Candidate]:
    """Each cue-like word's complements as candidate contents, by cue; one pass up from each complement."""
    found = []
    words = words_of(doc)
    lower, pos, deps, heads = words.lower, words.pos, words.dep, words.heads
    # Only a complement's link or "according" can make a candidate: those words are found with numpy.
    columns = columns_of(doc, [LOWER, DEP])
    linked = (columns[:, 0] == doc.vocab.strings["according"]) | is_member(
        columns[:, 1], string_hashes(_COMPLEMENT_LINKS)
    )
    for index in np.flatnonzero(linked).tolist():
        form, dep, head = lower[index], deps[index], heads[index]
        if form == "according":
            found += _according(doc, doc[index])
            continue
        if head == index or lower[head] == "according":
            continue
        # A Token is built only for a complement found (spaCy's subtree edges are its own to compute).
        if dep in CLAUSE_LINKS or (dep in RIGHT_LINKS and index > head):
            if pos[head] in CUE_TAGS:
                token = doc[index]
                found.append(Candidate(head, dep, token.left_edge.i, token.right_edge.i))
        elif dep in ("pobj", "pcomp") and deps[head] == "prep":
            cue = heads[head]
            if head > cue and pos[cue] in CUE_TAGS and lower[cue] != "according":
                token = doc[index]
                found.append(Candidate(cue, f"prep:{lower[head]}", token.left_edge.i, token.right_edge.i))
    return sorted(found, key=_BY_CUE_AND_START)


_BY_CUE_AND_START = operator.attrgetter("cue", "low")


def _sentence_bounds(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Each token's sentence start and end (exclusive), from one read of the sentence starts."""
    opens = columns_of(doc, [SENT_START])[:, 0] == 1
    opens[:1] = True
    starts = np.flatnonzero(opens)
    ends = np.append(starts[1:], len(doc))
    # A token's sentence is the number of sentence starts up to it, less one.
    sentence = np.cumsum(opens) - 1
    return starts[sentence], ends[sentence]


def chosen(scored: list[tuple[Candidate, float]], threshold: float) -> list[tuple[Candidate, float]]:
    """The candidates kept, likeliest first: each cue's likeliest complement at or above ``threshold``, then
    the likelier of any two whose contents overlap. (Cutting a content before a kept cue it holds, to report
    "said X, saying Y" as two, lowered indirect F1 on tune from 0.58 to 0.56: it kept more wrong ones.)"""
    best: dict[int, tuple[Candidate, float]] = {}
    for candidate, probability in scored:
        if probability >= threshold and probability > best.get(candidate.cue, (candidate, 0.0))[1]:
            best[candidate.cue] = (candidate, probability)
    kept: list[tuple[Candidate, float]] = []
    for candidate, probability in sorted(best.values(), key=lambda item: (-item[1], item[0].cue)):
        if not any(candidate.low <= other.high and other.low <= candidate.high for other, _ in kept):
            kept.append((candidate, probability))
    return kept


def _according(doc: Doc, cue: Token) -> list[Candidate]:
    # The clause the phrase hangs on, on either side of "according to X" in its sentence.
    sentence = cue.sent
    low, high = cue.left_edge.i, cue.right_edge.i
    sides = [("according:left", sentence.start, low - 1), ("according:right", high + 1, sentence.end - 1)]
    return [Candidate(cue.i, link, first, last) for link, first, last in sides if last > first]


def features(
    doc: Doc,
    candidate: Candidate,
    cues: QuoteCues,
    inside: list[int],
    ruled: dict[int, str],
    tagged: np.ndarray | None = None,
) -> list[str]:
    """Binary features of one candidate (see ``feature_parts``)."""
    return features_of(feature_parts(doc, [candidate], cues, inside, ruled, tagged), [candidate])[0]


@dataclass(frozen=True, slots=True)
class Values:
    """The slot values the chooser's features are built from: per cue index, its ``CUE_SLOTS``' values; per
    candidate, its ``CANDIDATE_SLOTS``' values, its ``TAGGER_SLOTS``' levels (an index into ``LEVELS``' bins, one row
    per candidate) when the tagger ran, and the index of its content's root (``Span.root``)."""

    cues: dict[int, list[str]]
    candidates: list[list[str]]
    levels: np.ndarray | None
    roots: list[int]


def features_of(values: Values, found: list[Candidate]) -> list[list[str]]:
    """Each candidate's whole row of binary features, named (``feature_name``): what the chooser is trained on."""
    shared = {
        cue: [feature_name(template, dict(zip(CUE_SLOTS, named, strict=True))) for template in CUE_TEMPLATES]
        for cue, named in values.cues.items()
    }
    levels = values.levels.tolist() if values.levels is not None else [()] * len(found)
    rows = []
    for candidate, own, read in zip(found, values.candidates, levels, strict=True):
        slots = dict(zip(CUE_SLOTS, values.cues[candidate.cue], strict=True))
        slots.update(zip(CANDIDATE_SLOTS, own, strict=True))
        slots.update(zip(TAGGER_SLOTS, [_LEVEL_NAMES[level] for level in read], strict=False))  # no tagger: no levels
        templates = CANDIDATE_TEMPLATES if values.levels is not None else _UNTAGGED_TEMPLATES
        rows.append(shared[candidate.cue] + [feature_name(template, slots) for template in templates])
    return rows


def probabilities(values: Values, found: list[Candidate], model: AttributionModel) -> list[float]:
    """The chooser's probability of each candidate from its slot values, by the features' integer keys (no feature
    string is built): its cue's shared margins summed once per cue, then its own, each in ``features_of``'s order, so
    every probability is the one the named row's margins summed one by one give."""
    if not found:
        return []
    cues = list(values.cues)
    cue_ids = model.ids_of(list(itertools.chain.from_iterable(values.cues.values()))).reshape(len(cues), -1)
    by_cue = dict(zip(cues, model.margins_of(_CUE_PLAN, cue_ids), strict=True))
    # A candidate's row: its cue's value ids, then its own, then its levels' (0 with no tagger: an unknown feature
    # adds 0.0, which leaves every sum as it was). A level's id is looked up once per bin, not once per candidate.
    own_ids = model.ids_of(list(itertools.chain.from_iterable(values.candidates))).reshape(len(found), -1)
    if values.levels is None:
        level_ids = np.zeros((len(found), len(TAGGER_SLOTS)), dtype=np.int64)
    else:
        level_ids = model.ids_of(_LEVEL_NAMES)[values.levels]
    row_of = {cue: row for row, cue in enumerate(cues)}
    ids = np.concatenate([cue_ids[[row_of[candidate.cue] for candidate in found]], own_ids, level_ids], axis=1)
    summed = model.margins_of(_CANDIDATE_PLAN, ids)
    return [model.logistic(by_cue[candidate.cue] + margin) for candidate, margin in zip(found, summed, strict=True)]


def feature_parts(
    doc: Doc,
    found: list[Candidate],
    cues: QuoteCues,
    inside: list[int],
    ruled: dict[int, str],
    tagged: np.ndarray | None = None,
) -> Values:
    """The slot values of each cue and of each candidate: the cue word and its lexicon entry, how the content hangs
    on it, who its subject is, where its sentence stands, the content's shape, quote marks around both, what the rules
    made of the cue (``ruled``: a token index to the kind of the rule draft it cues), and, given the token tagger's
    (tokens, labels) log probabilities ``tagged``, how sure the tagger is that the content is one, the cue a cue and
    its subject a source (the tagger reads the tokens in sequence, the chooser the tree: each sees what the other
    misses). A cue's values are read once, by cue index; a candidate's in ``found``'s order."""
    table = words_of(doc)
    dependents = _first_dependents(doc, table)
    subjects = dependents["subject"]
    lower, pos, tag, ent = table.lower, table.pos, table.tag, table.ent
    # Read slot by slot over all candidates (a list each), then joined into rows: cheaper than a row at a time.
    lows, highs = [candidate.low for candidate in found], [candidate.high for candidate in found]
    # The ranges again as arrays (built from the lists: an array of the candidates' tuples costs several times more),
    # for what is read of them with numpy.
    low, high = np.array(lows, dtype=np.int64), np.array(highs, dtype=np.int64)
    indices = list(dict.fromkeys(candidate.cue for candidate in found))
    speakers = dict(zip(indices, (_subject(table, subjects, index) for index in indices), strict=True))
    cue_of = np.array([candidate.cue for candidate in found], dtype=np.int64)
    # A cue with no subject reads -1: the row of no source.
    speaker_of = np.array([-1 if speakers[cue] is None else speakers[cue] for cue in cue_of.tolist()], dtype=np.int64)
    levels = _tagger_levels(tagged, low, high, cue_of, speaker_of)
    roots = span_roots(table, lows, highs)
    sentence_starts, sentence_ends = _sentence_bounds(doc)
    by_cue = _cue_rows(table, dependents, indices, speakers, cues, inside, ruled, sentence_starts)
    longest = len(_LENGTH_BINS) - 1
    marks, to_end, nested = _shapes(doc, cues, inside, low, high, sentence_ends)
    columns = [
        [candidate.link for candidate in found],
        list(map(lower.__getitem__, lows)),
        list(map(pos.__getitem__, lows)),
        list(map(tag.__getitem__, roots)),
        [_TRUTH[root in subjects] for root in roots],
        list(map(_LENGTH_BINS.__getitem__, np.minimum(high - low + 1, longest).tolist())),
        list(map(_MARKS.__getitem__, marks)),
        ["before" if candidate.high < candidate.cue else "after" for candidate in found],
        [ent[root] or "-" for root in roots],
        list(map(_TRUTH.__getitem__, to_end)),
        list(map(_TRUTH.__getitem__, nested)),
        [
            _GAPS[min(max(candidate.low - candidate.cue, candidate.cue - candidate.high, 1) - 1, len(_GAPS) - 1)]
            for candidate in found
        ],
        list(map(table.lemma.__getitem__, roots)),
    ]
    rows = [list(row) for row in zip(*columns, strict=True)]
    return Values(by_cue, rows, levels, roots)


# The words between a cue and its content, binned.
_GAPS = ("0", "1", "2", "3", "4", "5+", "5+", "5+", "9+")


# Quote marks around a content: none of its words, its first word (so all: marks pair up), or some other.
_MARKS = ("none", "all", "some")


def _shapes(
    doc: Doc, cues: QuoteCues, inside: list[int], low: np.ndarray, high: np.ndarray, sentence_ends: np.ndarray
) -> tuple[list[int], list[bool], list[bool]]:
    """Per candidate (token ranges ``low`` to ``high``, inclusive): which quote marks it holds (an index into
    ``_MARKS``), whether it runs to its sentence's end (``sentence_ends``: each token's), and whether it holds a
    cue-lexicon lemma of its own (nesting).
    From running counts of words (neither punctuation nor space), cue lemmas and quoted words, so a range's count is
    one subtraction; read with numpy for all candidates at once, so no list as long as the article is built."""
    columns = columns_of(doc, [IS_PUNCT, IS_SPACE, LEMMA])
    in_marks = np.array(inside, dtype=np.int64) != -1
    words, cue_words, quoted = (
        np.concatenate([[0], np.cumsum(flags)])
        for flags in (
            (columns[:, 0] == 0) & (columns[:, 1] == 0),
            is_member(columns[:, 2], string_hashes(tuple(cues.verbs))),
            in_marks,
        )
    )
    marks = np.where(in_marks[low], 1, np.where(quoted[high + 1] > quoted[low], 2, 0))
    to_end = words[high + 1] == words[sentence_ends[high]]
    nested = cue_words[high + 1] > cue_words[low]
    return marks.tolist(), to_end.tolist(), nested.tolist()


def _tagger_levels(
    tagged: np.ndarray | None, low: np.ndarray, high: np.ndarray, cue: np.ndarray, speaker: np.ndarray
) -> np.ndarray | None:
    """Per candidate (its range ``low`` to ``high``, inclusive, its cue and its cue's subject, -1 for none), the
    ``LEVELS`` of the tagger's mean content probability over it, of content opening at its first word, of its cue
    word being a cue, of content just before and just after it (0 at the edges), and of the subject being a source
    (0 with no subject)."""
    if tagged is None or not len(tagged) or not len(low):
        return None
    probs = np.exp(tagged)
    content = probs[:, B_CONTENT] + probs[:, I_CONTENT]
    padded = np.concatenate([[0.0], content, [0.0]])
    summed = np.concatenate([[0.0], np.cumsum(content)])
    # The last row stands for no subject (index -1): no source there.
    source = np.append(probs[:, B_SOURCE] + probs[:, I_SOURCE], 0.0)
    columns = [
        (summed[high + 1] - summed[low]) / (high - low + 1),
        probs[low, B_CONTENT],
        probs[cue, B_CUE] + probs[cue, I_CUE],
        padded[low],
        padded[high + 2],
        source[speaker],
    ]
    return np.searchsorted(LEVELS, np.stack(columns, axis=1), side="right")


def _cue_rows(
    words: Words,
    dependents: dict[str, dict[int, int]],
    indices: list[int],
    speakers: dict[int, int | None],
    cues: QuoteCues,
    inside: list[int],
    ruled: dict[int, str],
    opens: np.ndarray,
) -> dict[int, list[str]]:
    """The values of each cue's slots (``CUE_SLOTS``), which every candidate of the cue shares, by cue index;
    ``dependents`` as ``_first_dependents`` gives them. Read slot by slot over all cues, then joined into rows."""
    lemma, lower, dep, heads = words.lemma, words.lower, words.dep, words.heads
    subjects = list(map(speakers.__getitem__, indices))
    entries = [cues.verbs.get(lemma[index]) for index in indices]
    negation, passive, particles = dependents["negation"], dependents["passive"], dependents["particle"]
    last = len(lower) - 1
    columns = [
        list(map(lemma.__getitem__, indices)),
        list(map(words.pos.__getitem__, indices)),
        list(map(words.tag.__getitem__, indices)),
        [entry.role if entry is not None else "none" for entry in entries],
        [_who(words, subject) for subject in subjects],
        list(map(dep.__getitem__, indices)),
        [lemma[heads[index]] if dep[index] in ("xcomp", "conj", "advcl", "ccomp", "acl") else "-" for index in indices],
        [_TRUTH[inside[index] != -1] for index in indices],
        [ruled.get(index, "none") for index in indices],
        [_TRUTH[index in negation] for index in indices],
        [_TRUTH[index in passive] for index in indices],
        [lower[index - 1] if index else "-" for index in indices],
        [lower[index + 1] if index < last else "-" for index in indices],
        [lemma[subject] if subject is not None else "-" for subject in subjects],
        [lower[particles[index]] if index in particles else "-" for index in indices],
        nearest_cues(list(map(lemma.__getitem__, indices)), cues),
        [lemma[dependents["auxiliary"][index]] if index in dependents["auxiliary"] else "-" for index in indices],
        *_places(words, opens, inside, indices),
    ]
    return dict(zip(indices, (list(row) for row in zip(*columns, strict=True)), strict=True))


def _places(words: Words, opens: np.ndarray, inside: list[int], indices: list[int]) -> tuple[list[str], list[str]]:
    """Where each cue's sentence stands (``opens``: each token's sentence start): in the article's first paragraph
    (its title, often), opening a paragraph (its last paragraph break before the cue is just before the sentence or
    inside it), or inside one; and whether its paragraph holds quote marks."""
    breaks = np.zeros(len(words.lower), dtype=bool)
    breaks[[at for at in np.flatnonzero(words.space).tolist() if "\n" in words.lower[at]]] = True
    paragraph = np.cumsum(breaks)
    last_break = np.maximum.accumulate(np.where(breaks, np.arange(len(breaks)), -1))
    quoted = np.zeros(int(paragraph[-1]) + 1 if len(paragraph) else 1, dtype=bool)
    quoted[paragraph[np.array(inside, dtype=np.int64) != -1]] = True
    places = [
        "first" if not paragraph[index] else "opening" if last_break[index] >= opens[index] - 1 else "inside"
        for index in indices
    ]
    return places, [_TRUTH[bool(quoted[paragraph[index]])] for index in indices]


def nearest_cues(lemmas: list[str], cues: QuoteCues) -> list[str]:
    """Each lemma's nearest reporting verb of the lexicon by GloVe cosine ("-" for a word GloVe lacks): a cue word
    PolNeAR seldom or never shows ("chide", "decry") shares what the chooser learned of its neighbour ("criticize")."""
    verbs, matrix = _lexicon_vectors(tuple(sorted(cues.verbs)))
    if not verbs or not lemmas:
        return ["-"] * len(lemmas)
    vectors = word_vectors(lemmas)
    with one_blas_thread():
        nearest = (vectors @ matrix.T).argmax(axis=1).tolist()
    known = vectors.any(axis=1).tolist()
    return [verbs[at] if seen else "-" for at, seen in zip(nearest, known, strict=True)]


@functools.cache
def _lexicon_vectors(lemmas: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    """The lexicon's verbs GloVe knows and their unit vectors, worked out once per lexicon."""
    vectors = word_vectors(list(lemmas))
    known = vectors.any(axis=1)
    return [lemma for lemma, seen in zip(lemmas, known.tolist(), strict=True) if seen], vectors[known]


# The links ``_first_dependents`` finds, by what they say of the word they hang on.
_DEPENDENT_LINKS = {
    "subject": SUBJECTS,
    "negation": frozenset({"neg"}),
    "passive": _PASSIVE,
    "particle": frozenset({"prt"}),
    "auxiliary": frozenset({"aux"}),
}
_KINDS_OF_LINK = {
    link: [kind for kind, links in _DEPENDENT_LINKS.items() if link in links]
    for link in frozenset().union(*_DEPENDENT_LINKS.values())
}
_DEPENDENT_HASHES = string_hashes(tuple(sorted(frozenset().union(*_DEPENDENT_LINKS.values()))))


def _first_dependents(doc: Doc, words: Words) -> dict[str, dict[int, int]]:
    """Per kind of ``_DEPENDENT_LINKS``, each word that has a dependent of that kind and its first such dependent.
    The few words with one of these links are found with numpy, in one pass over them: a walk over each cue's
    children built a Token per child."""
    found: dict[str, dict[int, int]] = {kind: {} for kind in _DEPENDENT_LINKS}
    deps = columns_of(doc, [DEP])[:, 0]
    for index in np.flatnonzero(is_member(deps, _DEPENDENT_HASHES)).tolist():
        head = words.heads[index]
        if head != index:
            for kind in _KINDS_OF_LINK[words.dep[index]]:
                found[kind].setdefault(head, index)
    return found


def _subject(words: Words, subjects: dict[int, int], cue: int) -> int | None:
    head = cue
    for _ in range(SUBJECT_HOPS):
        subject = subjects.get(head)
        if subject is not None:
            return subject
        if words.dep[head] not in ("xcomp", "advcl", "conj", "acl") or words.heads[head] == head:
            return None
        head = words.heads[head]
    return None


def _who(words: Words, subject: int | None) -> str:
    """What kind of speaker the cue's subject is: a named kind, a pronoun, a noun, or none."""
    if subject is None:
        return "none"
    if words.ent[subject]:
        return f"entity:{words.ent[subject]}"
    if words.pos[subject] == "PRON":
        return f"pronoun:{words.lower[subject]}"
    return f"{words.pos[subject]}:{words.tag[subject]}"
