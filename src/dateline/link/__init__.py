"""Cross-document linking: stories across outlets, near-duplicate articles, aligned events and their differences.

It reads stored records and writes its own tables; it never runs spaCy.
"""

from dateline.link.stories import Placement, link_article, link_new_articles

__all__ = ["Placement", "link_article", "link_new_articles"]
