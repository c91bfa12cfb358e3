"""Drop-in replacements for two rule-based pipes of spaCy's English pipelines that give the same output cheaper.

On news text, spaCy's ``attribute_ruler`` and rule ``lemmatizer`` cost about a quarter of the small model's
parse: the ruler runs its ~180 token patterns through the general ``Matcher`` (about 40 µs a token) and the
lemmatizer works token by token in Python. Both are pure functions of a few token attributes, so here they run
on ``Doc.to_array`` columns: the ruler's equality patterns become numpy masks applied in the ruler's own order,
and lemmas are looked up by (word, part of speech, morphology). ``tests/core/test_array_pipes.py`` checks that
every token's tag, part of speech, morphology, lemma and dependency label come out identical to the stock pipes.
A ruler whose patterns use anything beyond equality (operators, quantifiers, extensions) is left in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Pattern keys whose Doc.to_array value is the hash of the pattern's string.
STRING_KEYS = {"ORTH": ORTH, "TEXT": ORTH, **{name: IDS[name] for name in ("LOWER", "NORM", "TAG", "DEP", "LEMMA")}}
# How many cached answers (lemmas by word, part of speech and morphology; regex verdicts by string) are kept
# before a cache is emptied, so memory stays flat over a long run; each answer is a pure function of its key.
CACHE_LIMIT = 200_000


class NotCompilable(ValueError):
    """A pipe this module cannot reproduce exactly, which then stays as it is."""


@dataclass(frozen=True, slots=True)
class _Test:
    """One key of a token pattern: the column it reads and the values (or the regular expression) it accepts."""

    column: int
    options: np.ndarray
    regex: re.Pattern[str] | None = None
    negated: bool = False
    verdicts: dict[int, bool] = field(default_factory=dict)  # regex results by string hash

    @property
    def cost(self) -> int:
        return 2 if self.regex is not None else 1 if len(self.options) > 1 else 0

    def __call__(self, values: np.ndarray, strings: StringStore) -> np.ndarray:
        if self.regex is not None:
            if len(self.verdicts) > CACHE_LIMIT:
                self.verdicts.clear()
            verdicts, search = self.verdicts, self.regex.search
            keys = values.tolist()
            for value in set(keys) - verdicts.keys():
                verdicts[value] = search(strings[value]) is not None
            found = np.fromiter((verdicts[value] for value in keys), dtype=bool, count=len(keys))
        elif len(self.options) == 1:
            found = values == self.options[0]
        else:
            found = np.isin(values, self.options)
        return ~found if self.negated else found


@dataclass(frozen=True, slots=True)
class _Rule:
    """One pattern of the ruler, as tests of the token at each offset from where a match starts."""

    tests: tuple[tuple[int, _Test], ...]  # (offset, test), cheapest first
    width: int
    target: int  # the offset of the token that receives the values
    values: tuple[tuple[int, int], ...]  # (column among the written attributes, value)


def _test(key: str, value: object, vocab: Vocab) -> tuple[int, _Test]:
    """The attribute one key of a token pattern reads, and its test (its column is set once all are known)."""
    if isinstance(value, bool) and key.startswith("IS_") and key in IDS:
        return IDS[key], _Test(-1, np.array([int(value)], dtype=np.uint64))
    if key in STRING_KEYS:
        if isinstance(value, str):
            return STRING_KEYS[key], _Test(-1, np.array([vocab.strings.add(value)], dtype=np.uint64))
        if isinstance(value, dict) and len(value) == 1:
            ((operator, argument),) = value.items()
            if operator in ("IN", "NOT_IN") and all(isinstance(option, str) for option in argument):
                options = np.array([vocab.strings.add(option) for option in argument], dtype=np.uint64)
                return STRING_KEYS[key], _Test(-1, options, negated=operator == "NOT_IN")
            if operator == "REGEX" and isinstance(argument, str):
                return STRING_KEYS[key], _Test(-1, np.array([], dtype=np.uint64), regex=re.compile(argument))
    raise NotCompilable(f"pattern key {key}={value!r}")


_NOWHERE = np.array([], dtype=np.int64)


def _positions_by_value(column: np.ndarray) -> dict[int, np.ndarray]:
    """Each distinct value of a token column, with the ascending positions that hold it."""
    distinct, inverse, counts = np.unique(column, return_inverse=True, return_counts=True)
    positions = np.split(np.argsort(inverse, kind="stable"), np.cumsum(counts)[:-1])
    return dict(zip(distinct.tolist(), positions, strict=True))


class ArrayAttributeRuler:
    """The patterns of a spaCy ``AttributeRuler``, matched and applied over token arrays."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.read: list[int] = []  # attribute ids the patterns test
        self.written: list[int] = []  # attribute ids the patterns set
        self.rules: list[_Rule] = []

    def compile(self, ruler: AttributeRuler) -> None:
        """Take over ``ruler``'s patterns, in its order (later patterns win, as in spaCy).

        Raises ``NotCompilable`` when a pattern uses more than equality, IN, NOT_IN or REGEX on token text and tags.
        """
        parsed: list[tuple[list[tuple[int, int, _Test]], int, int, dict[int, int]]] = []
        for entry, attrs in zip(ruler.patterns, ruler.attrs, strict=True):
            index = entry.get("index", 0)
            for pattern in entry["patterns"]:
                if not pattern or any(not isinstance(token, dict) for token in pattern):
                    raise NotCompilable(f"pattern {pattern!r}")
                tests = [
                    (offset, *_test(key, value, self.vocab))
                    for offset, token in enumerate(pattern)
                    for key, value in token.items()
                ]
                parsed.append((tests, len(pattern), index if index >= 0 else len(pattern) + index, attrs))
        read = sorted({attr for tests, _, _, _ in parsed for _, attr, _ in tests})
        written = sorted({attr for _, _, _, attrs in parsed for attr in attrs})
        if not set(written) <= {IDS["TAG"], POS, MORPH, LEMMA, IDS["DEP"]}:
            raise NotCompilable(f"pattern sets {sorted(written)}")
        self.read, self.written = read, written
        self.rules = [
            _Rule(
                tuple(
                    sorted(
                        ((offset, replace(test, column=read.index(attr))) for offset, attr, test in tests),
                        key=lambda pair: pair[1].cost,
                    )
                ),
                width,
                target,
                tuple((written.index(attr), value) for attr, value in attrs.items()),
            )
            for tests, width, target, attrs in parsed
        ]

    def __call__(self, doc: Doc) -> Doc:
        if not self.rules or len(doc) == 0:
            return doc
        tokens = doc.to_array(self.read).reshape(len(doc), len(self.read))
        values = doc.to_array(self.written).reshape(len(doc), len(self.written))
        where = [_positions_by_value(tokens[:, column]) for column in range(len(self.read))]
        last_start = len(doc) - 1
        strings = self.vocab.strings
        changed = False
        for rule in self.rules:
            # The first (cheapest) test is an equality on most rules: start from the tokens holding that value.
            (offset, first), *rest = rule.tests
            if first.cost == 0 and not first.negated:
                starts = where[first.column].get(int(first.options[0]), _NOWHERE) - offset
                starts = starts[(starts >= 0) & (starts <= last_start - rule.width + 1)]
            else:
                starts = np.arange(len(doc) - rule.width + 1)
                rest = list(rule.tests)
            for offset, test in rest:
                if starts.size == 0:
                    break
                starts = starts[test(tokens[starts + offset, test.column], strings)]
            if starts.size:
                for column, value in rule.values:
                    values[starts + rule.target, column] = value
                changed = True
        if changed:
            doc.from_array(self.written, values)
        return doc


class ArrayLemmatizer:
    """A spaCy ``Lemmatizer`` in rule or lookup mode, run once per distinct (word, part of speech, morphology)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.lemmatizer: Lemmatizer | None = None
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode not in ("rule", "lookup"):
            raise NotCompilable(f"lemmatizer mode {lemmatizer.mode!r}")
        # The rule mode asks `form in index` of word lists up to 57,000 long, about 180 µs a new word;
        # membership is all it asks, so sets answer the same.
        if lemmatizer.mode == "rule" and lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for part_of_speech in list(index.keys()):
                index[part_of_speech] = frozenset(index[part_of_speech])
        self.lemmatizer = lemmatizer

    # The cue planner in nlp.py reads the lemma rules from here, as from spaCy's own component.
    @property
    def mode(self) -> str:
        return self.lemmatizer.mode if self.lemmatizer else ""

    @property
    def lookups(self) -> Lookups | None:
        return self.lemmatizer.lookups if self.lemmatizer else None

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if lemmatizer is None or len(doc) == 0:
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        if len(self.lemmas) > CACHE_LIMIT:
            self.lemmas.clear()
            lemmatizer.cache.clear()
        table, strings = self.lemmas, self.vocab.strings
        for position, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            value = table.get(key)
            if value is None:
                value = table[key] = strings.add(lemmatizer.lemmatize(doc[position])[0])
            lemmas[position] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab)


@Language.factory("array_lemmatizer")
def make_array_lemmatizer(nlp: Language, name: str) -> ArrayLemmatizer:
    return ArrayLemmatizer(nlp.vocab)


def use_array_pipes(nlp: Language) -> list[str]:
    """Swap the pipeline's attribute ruler and lemmatizer for their array versions where they compile.

    Returns the names of the pipes that were swapped; each keeps its name and place in the pipeline.
    """
    swapped = []
    for name, factory, adopt in (
        ("attribute_ruler", "array_attribute_ruler", ArrayAttributeRuler.compile),
        ("lemmatizer", "array_lemmatizer", ArrayLemmatizer.wrap),
    ):
        if name not in nlp.pipe_names:
            continue
        original = nlp.get_pipe(name)
        try:
            adopt(nlp.create_pipe(factory, name=name), original)  # a dry run: replace only what compiles
        except NotCompilable:
            continue
        adopt(nlp.replace_pipe(name, factory), original)
        swapped.append(name)
    return swapped
