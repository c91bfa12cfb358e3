"""dateline: news articles in, a verifiable dataset out.

>>> import dateline
>>> analysis = dateline.analyze("BAGHDAD (Dispatches) -- ...", published="2021-06-30T22:23")
>>> corpus = dateline.open("dateline.db")
>>> corpus.dataframe("entities")
"""

__version__ = "0.1.0"

from dateline.api import Corpus, analyze, open
from dateline.model import Analysis, Article, Entity, Sentence, Span

__all__ = ["Analysis", "Article", "Corpus", "Entity", "Sentence", "Span", "__version__", "analyze", "open"]
