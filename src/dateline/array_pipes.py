"""Drop-in replacements for three pipes of spaCy's English pipelines that give the same output cheaper.

On news text, spaCy's ``attribute_ruler`` and rule ``lemmatizer`` cost about a quarter of the small model's
parse: the ruler runs its ~180 token patterns through the general ``Matcher`` (about 40 µs a token) and the
lemmatizer works token by token in Python. Both are pure functions of a few token attributes, so here they run
on ``Doc.to_array`` columns: the ruler's equality patterns become numpy masks applied in the ruler's own order,
and lemmas are looked up by (word, part of speech, morphology). A ruler whose patterns use anything beyond
equality (operators, quantifiers, extensions) is left in place.

The entity recogniser costs another 40%: its greedy decoder takes the GIL for every state lookup in the 3.8
wheels. Here the same model (its own tok2vec, the precomputed feature layer, the hidden and output layers) is
decoded for all the sentences of a batch at once, with spaCy's BILUO move rules as boolean arrays.

``tests/core/test_array_pipes.py`` checks that every token's tag, part of speech, morphology, lemma, dependency
label and entity tag come out identical to the stock pipes, and the move rules against spaCy's ``is_valid``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDS, IS_SPACE, LEMMA, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, EntityRecognizer, Lemmatizer
from spacy.strings import StringStore
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from spacy.vocab import Vocab
from thinc.api import NumpyOps

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


# The transition-based entity recogniser, decoded over a batch of documents at once. spaCy's own decoder is a C
# loop, but in the 3.8 wheels every state lookup in it takes the GIL (a mutex pair per call, about 50 µs a
# token): decoding here is a few numpy operations per step for all the batch's documents together.
BEGIN, IN, LAST, UNIT, OUT = range(1, 6)
MOVE_KINDS = {"B": BEGIN, "I": IN, "L": LAST, "U": UNIT, "O": OUT}
IOB_MISSING, IOB_IN, IOB_OUT, IOB_BEGIN = 0, 1, 2, 3
# What the move rules read of each token: its preset entity tag and label, whether it starts a sentence, is a space.
TOKEN_COLUMNS = [ENT_IOB, ENT_TYPE, SENT_START, IS_SPACE]


class ArrayEntityRecognizer:
    """A spaCy ``EntityRecognizer`` (greedy, maxout state model) whose transitions are chosen batch-wise."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.recognizer: EntityRecognizer | None = None
        self.spacy_only = False
        self.ops = NumpyOps()

    def wrap(self, recognizer: EntityRecognizer) -> None:
        model = recognizer.model
        if recognizer.cfg.get("beam_width", 1) != 1 or not model.attrs.get("has_upper"):
            raise NotCompilable("only the greedy entity recogniser with a hidden layer")
        if model.attrs.get("unseen_classes") or recognizer.moves.n_moves == 0:
            raise NotCompilable("a model with unseen classes scores them against the whole batch")
        lower, upper = model.get_ref("lower"), model.get_ref("upper")
        if lower.name != "precomputable_affine" or lower.get_dim("nF") != 3 or lower.get_dim("nP") < 2:
            raise NotCompilable(f"state model {lower.name}")
        names = [recognizer.moves.get_class_name(index) for index in range(recognizer.moves.n_moves)]
        kinds = [MOVE_KINDS.get(name.split("-", 1)[0], 0) for name in names]
        if 0 in kinds:
            raise NotCompilable(f"moves {names}")
        self.kinds = np.array(kinds, dtype=np.int8)
        self.move_labels = np.array(
            [self.vocab.strings.add(name.split("-", 1)[1]) if "-" in name and name[2:] else 0 for name in names],
            dtype=np.uint64,
        )
        self.known_labels = set(self.move_labels.tolist()) - {0}
        self.tok2vec, self.lower = model.layers[0], lower
        self.upper_weights, self.upper_bias = upper.get_param("W"), upper.get_param("b")
        self.bias = lower.get_param("b").reshape(-1)
        self.recognizer = recognizer

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        recognizer = self.recognizer
        assert recognizer is not None, "wrap() an EntityRecognizer first"
        for batch in minibatch(docs, size=batch_size):
            # As spaCy's own pipe: sorted by length, and the model run in sub-batches a quarter of the batch. The
            # decoding then steps through the whole batch at once: its cost is a few numpy calls per step, so on
            # long documents a sub-batch of eight paid them for eight tokens at a time.
            by_length = sorted(batch, key=len)
            waiting: list[tuple[list[Doc], np.ndarray, np.ndarray]] = []
            for sub_batch in minibatch(by_length, size=max(batch_size // 4, 2)):
                sub_batch = list(sub_batch)
                parts = [doc.to_array(TOKEN_COLUMNS) for doc in sub_batch if len(doc)]
                columns = np.concatenate(parts) if parts else None
                preset = set(np.unique(columns[:, 1]).tolist()) - {0} if columns is not None else set()
                if self.spacy_only or columns is None or not preset <= self.known_labels:
                    self._decode_together(waiting)  # with the model as it is before spaCy grows it
                    waiting = []
                    # A label the model lacks makes spaCy grow its moves and output layer, with classes it has
                    # never seen: from then on the decoding is spaCy's own.
                    recognizer.set_annotations(sub_batch, recognizer.predict(sub_batch))
                    try:
                        self.wrap(recognizer)
                    except NotCompilable:
                        self.spacy_only = True
                    continue
                # (tokens + 1 padding row first, 3, hidden, pieces)
                waiting.append((sub_batch, columns, self.lower.predict(self.tok2vec.predict(sub_batch))))
            self._decode_together(waiting)
            yield from batch

    def _decode_together(self, sub_batches: list[tuple[list[Doc], np.ndarray, np.ndarray]]) -> None:
        """Decode and annotate sub-batches in one pass: their documents after one another, one padding row."""
        if not sub_batches:
            return
        docs = [doc for sub_batch, _, _ in sub_batches for doc in sub_batch]
        columns = np.concatenate([columns for _, columns, _ in sub_batches])
        features = np.concatenate([sub_batches[0][2], *(features[1:] for _, _, features in sub_batches[1:])])
        self._annotate(docs, self._decode(docs, columns, features))

    def _decode(self, docs: list[Doc], columns: np.ndarray, features: np.ndarray) -> list[list[tuple[int, int, int]]]:
        """Each document's entities as (start, end, label) token offsets, chosen as spaCy's greedy decoder does;
        ``columns`` holds the batch's tokens' ``TOKEN_COLUMNS`` and ``features`` their precomputed feature rows
        after a padding row, document after document."""
        lengths = np.array([len(doc) for doc in docs], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        n_features, hidden, pieces = features.shape[1:]
        features = features.reshape(features.shape[0], n_features, hidden * pieces)
        iob, label_of, sentence_start, space = (columns[:, index] for index in range(4))
        iob = iob.astype(np.int64)
        starts_sentence = sentence_start.astype(np.int64) == 1
        kinds, labels = self.kinds, self.move_labels
        moves = tuple(kinds == kind for kind in (BEGIN, IN, LAST, UNIT, OUT))
        # What the move rules read of a token is fixed but for the open entity: the moves each token allows are
        # worked out once for all tokens (with no entity open; with one open, apart from and given its label),
        # so a step only picks rows.
        has_next = np.ones(len(iob), dtype=bool)
        has_next[(offsets + lengths - 1)[lengths > 0]] = False
        after = np.where(has_next, np.arange(len(iob)) + 1, np.arange(len(iob)))
        next_iob = np.where(has_next, iob[after], IOB_MISSING)
        token = (iob, label_of, space == 1, next_iob, has_next & starts_sentence[after], has_next)
        everywhere = np.ones((len(iob), len(labels)), dtype=bool)
        closed = self._moves_allowed((*token, np.zeros(len(iob), dtype=bool)), ~everywhere, moves, labels)
        opened = (*token, np.ones(len(iob), dtype=bool))
        open_any_label = self._moves_allowed(opened, ~everywhere, moves, labels)
        open_same_label = self._moves_allowed(opened, everywhere, moves, labels) & ~open_any_label
        del everywhere
        # An entity never runs into a new sentence unless a preset one does, so there the decoder's state is empty
        # whatever came before (the features of an empty state read only the buffer's token): each such stretch
        # is decoded on its own, all of the batch's at once, in as many steps as the longest has tokens.
        starts = starts_sentence & (iob != IOB_IN)
        starts[offsets[lengths > 0]] = True
        segment_start = np.flatnonzero(starts)
        segment_end = np.append(segment_start[1:], len(iob))
        segment_doc = np.repeat(np.arange(len(docs)), lengths)[segment_start]
        found_in: list[list[tuple[int, int, int]]] = [[] for _ in segment_start]
        stuck_in = np.full(len(docs), len(segment_start))  # the first stretch of each document that got stuck
        active = np.arange(len(segment_start))
        position = segment_start.copy()  # the buffer's first token, counted over the batch
        open_first = np.full(len(segment_start), -1, dtype=np.int64)  # the open entity's first token
        open_label = np.zeros(len(segment_start), dtype=np.uint64)
        while active.size:
            here = position[active]
            is_open = open_first[active] >= 0
            # Features: the buffer's first token, the open entity's first token and the token before the buffer.
            first = np.where(is_open, open_first[active], -1)
            previous = np.where(is_open, here - 1, -1)
            summed = features[here + 1, 0] + features[first + 1, 1] + features[previous + 1, 2] + self.bias
            hiddens = summed.reshape(-1, hidden, pieces).max(axis=2)
            # spaCy scores with BLIS's sgemm: the same kernel here gives the same floats, so the same argmax.
            scores = self.ops.gemm(np.ascontiguousarray(hiddens), self.upper_weights, trans2=True)
            scores += self.upper_bias
            same_label = open_same_label[here] & (labels == open_label[active][:, None])
            valid = np.where(is_open[:, None], open_any_label[here] | same_label, closed[here])
            scores = np.where(valid, scores, -np.inf)
            guess = scores.argmax(axis=1)
            stuck = ~valid.any(axis=1)
            kind, label = kinds[guess], labels[guess]
            for row in np.flatnonzero((kind == LAST) & ~stuck):
                segment = active[row]
                found_in[segment].append((int(open_first[segment]), int(here[row]) + 1, int(open_label[segment])))
            for row in np.flatnonzero((kind == UNIT) & ~stuck):
                found_in[active[row]].append((int(here[row]), int(here[row]) + 1, int(label[row])))
            opens, closes = (kind == BEGIN) & ~stuck, ((kind == LAST) | (kind == UNIT)) & ~stuck
            open_first[active[opens]] = here[opens]
            open_label[active[opens]] = label[opens]
            open_first[active[closes]] = -1
            position[active] += 1
            # spaCy forces a state with no valid move to end: the rest of that document gets no entity.
            for segment in active[stuck].tolist():
                doc = segment_doc[segment]
                stuck_in[doc] = min(stuck_in[doc], segment)
            position[active[stuck]] = segment_end[active[stuck]]
            active = active[position[active] < segment_end[active]]
        found: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        for segment, entities in enumerate(found_in):
            doc = segment_doc[segment]
            if entities and segment <= stuck_in[doc]:
                base = int(offsets[doc])
                found[doc].extend((start - base, end - base, label) for start, end, label in entities)
        return found

    @staticmethod
    def _valid(state: tuple[np.ndarray, ...], moves: tuple[np.ndarray, ...], labels: np.ndarray) -> np.ndarray:
        """Which moves each state may take: spaCy's BILUO rules (``ner.pyx``), a row per state."""
        *token, open_label = state
        return ArrayEntityRecognizer._moves_allowed(tuple(token), labels == open_label[:, None], moves, labels)

    @staticmethod
    def _moves_allowed(
        state: tuple[np.ndarray, ...], same_as_open: np.ndarray, moves: tuple[np.ndarray, ...], labels: np.ndarray
    ) -> np.ndarray:
        """``_valid`` given, for each state and move, whether the move's label is the open entity's."""
        iob, label_of, space, next_iob, next_starts, has_next, is_open = (column[:, None] for column in state)
        is_begin, is_in, is_last, is_unit, is_out = moves
        unlabelled = labels == 0
        same_as_preset = labels == label_of
        begin = (
            ~is_open
            & has_next
            & ~unlabelled
            & (iob != IOB_IN)
            & np.where(
                iob == IOB_BEGIN,
                same_as_preset & (next_iob == IOB_IN),
                (next_iob != IOB_BEGIN) & ~next_starts & ~space,
            )
        )
        inside = (
            is_open
            & has_next
            & ~unlabelled
            & same_as_open
            & (iob != IOB_BEGIN)
            & (next_iob != IOB_BEGIN)
            & np.where(
                iob == IOB_IN,
                (next_iob != IOB_MISSING) & (next_iob != IOB_OUT) & same_as_preset,
                ~next_starts,
            )
        )
        last = (
            ~unlabelled
            & is_open
            & np.where((iob == IOB_IN) & (next_iob != IOB_IN), same_as_preset, same_as_open & (next_iob != IOB_IN))
        )
        unit = np.where(
            unlabelled,
            (label_of == 0) & (iob == IOB_BEGIN),
            ~is_open & (next_iob != IOB_IN) & np.where(iob == IOB_BEGIN, same_as_preset, ~space),
        )
        out = ~is_open & (iob != IOB_BEGIN) & (iob != IOB_IN)
        return (is_begin & begin) | (is_in & inside) | (is_last & last) | (is_unit & unit) | (is_out & out)

    def _annotate(self, docs: list[Doc], found: list[list[tuple[int, int, int]]]) -> None:
        """Write the entities as spaCy's ``BiluoPushDown.set_annotations`` does; tokens left unset are outside."""
        for doc, entities in zip(docs, found, strict=True):
            spans = [Span(doc, start, end, label=label, kb_id=doc[start].ent_kb_id) for start, end, label in entities]
            doc.set_ents(spans, default="unmodified")
            unset = np.flatnonzero(doc.to_array(ENT_IOB) == IOB_MISSING) if len(doc) else []
            if len(unset):
                doc.set_ents([], outside=[doc[index : index + 1] for index in unset.tolist()], default="unmodified")

    # Pipeline code that asks the entity recogniser for its labels gets the model's.
    @property
    def labels(self) -> tuple[str, ...]:
        return self.recognizer.labels if self.recognizer else ()


@Language.factory("array_attribute_ruler")
def make_array_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.vocab)


@Language.factory("array_entity_recognizer")
def make_array_entity_recognizer(nlp: Language, name: str) -> ArrayEntityRecognizer:
    return ArrayEntityRecognizer(nlp.vocab)


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
        ("ner", "array_entity_recognizer", ArrayEntityRecognizer.wrap),
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
