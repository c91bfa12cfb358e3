"""dateline: news articles in, a verifiable dataset out.

>>> import dateline
>>> analysis = dateline.analyze("BAGHDAD (Dispatches) -- ...", published="2021-06-30T22:23")
>>> corpus = dateline.open("dateline.db")
>>> corpus.dataframe("entities")
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.api import Corpus, analyze, open
    from dateline.model import Analysis, Article, Entity, Sentence, Span

# Resolved on first use, so that `import dateline.cli` (and `dateline --help`) pays for no more than it needs.
_EXPORTS = {"Corpus": "api", "analyze": "api", "open": "api"} | dict.fromkeys(
    ("Analysis", "Article", "Entity", "Sentence", "Span"), "model"
)

__all__ = ["Analysis", "Article", "Corpus", "Entity", "Sentence", "Span", "__version__", "analyze", "open"]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'dateline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"dateline.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
