"""Named-entity spans as the statistical pipeline labels them.

This is the raw layer the actors stage builds on: no grouping, no dictionary. spaCy's small
pipelines give no per-span probability, so confidence is a fixed prior per label family,
measured on nothing yet and named as such.
"""

from __future__ import annotations

from dateline.model import Entity, Span
from dateline.nlp import ParsedArticle
from dateline.resources import Resources

# Prior confidence of a statistical NER span; names (PERSON, ORG, GPE) are the model's
# strongest labels, numeric and temporal ones the weakest.
STATISTICAL_NER_PRIOR = {"PERSON": 0.8, "ORG": 0.75, "GPE": 0.8, "NORP": 0.75, "LOC": 0.7, "FAC": 0.65}
DEFAULT_PRIOR = 0.6


def extract(parsed: ParsedArticle, resources: Resources) -> list[Entity]:
    article_id = parsed.article.id
    return [
        Entity(
            article_id,
            Span(ent.start_char, ent.end_char),
            ent.text,
            ent.label_,
            STATISTICAL_NER_PRIOR.get(ent.label_, DEFAULT_PRIOR),
        )
        for ent in parsed.doc.ents
        if ent.text.strip()
    ]
