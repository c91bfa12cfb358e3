"""dateline: news articles in, a verifiable dataset out."""

__version__ = "0.1.0"
