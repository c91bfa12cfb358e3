"""Sentence boundaries from the parse, stored so that every record can be shown in its sentence
without the store or the web view ever parsing text again."""

from __future__ import annotations

from dateline.model import Sentence, Span
from dateline.nlp import ParsedArticle
from dateline.resources import Resources


def extract(parsed: ParsedArticle, resources: Resources) -> list[Sentence]:
    article_id = parsed.article.id
    sentences = []
    for sent in parsed.doc.sents:
        if sent.text.strip():
            sentences.append(Sentence(article_id, len(sentences), Span(sent.start_char, sent.end_char)))
    return sentences
