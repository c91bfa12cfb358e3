"""The actors and mentions of one article as the actors stage finds them: each actor with what its mentions tell
of it (its first evidence, gender, last place seen), and what later mentions may refer back by (titles, surnames,
acronyms defined in the text). A token belongs to one mention at most."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.model import Actor, Mention, Span
from dateline.resources.actors import ActorDictionary, Form, KnownActor, compact_key, name_key
from dateline.resources.gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as DocSpan

TITLE_WORDS = frozenset(
    {
        "prime", "minister", "president", "vice", "deputy", "foreign", "defence", "defense", "interior",
        "king", "queen", "crown", "prince", "emir", "sheikh", "ayatollah", "grand", "general", "gen.",
        "lieutenant", "colonel", "col.", "brigadier", "commander", "chief", "secretary", "secretary-general",
        "speaker", "spokesman", "spokeswoman", "leader", "ambassador", "envoy", "governor", "mayor", "premier",
        "chancellor",
    }
)  # fmt: skip
# The grammatical gender a pronoun or a title gives the person it refers to: once "she" or "Mrs." has named
# someone, a later "he" is someone else.
GENDER = {"he": "m", "she": "f", "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f"}
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")


@dataclass(slots=True)
class ArticleActor:
    actor_id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    evidence: Span | None = None
    named: bool = False
    confidence: float = 0.0
    last_seen: int = -1
    gender: str | None = None


class Grouping:
    """The actors and mentions of one article as they are found; a token belongs to one mention at most."""

    def __init__(self, article_id: str, doc: Doc, dictionary: ActorDictionary, gazetteer: Gazetteer) -> None:
        self.article_id = article_id
        self.doc = doc
        self.dictionary = dictionary
        self.gazetteer = gazetteer
        self.actors: dict[str, ArticleActor] = {}
        self.mentions: list[Mention] = []
        self.owner: dict[int, str] = {}
        self.titles: dict[str, list[str]] = {}
        self.surnames: dict[str, set[str]] = {}
        self.acronyms: dict[str, str] = {}
        self.countries: Counter[str] = Counter()
        # Where each token's sentence starts: a span's `.sent` walks the sentence, which a list of five thousand
        # names in one sentence turns quadratic.
        self.sentence_start = [0] * len(doc)
        for sentence in doc.sents:
            self.sentence_start[sentence.start : sentence.end] = [sentence.start] * len(sentence)

    def add(self, actor: ArticleActor, span: DocSpan, mention_kind: str, confidence: float) -> bool:
        if span.start >= span.end or any(i in self.owner for i in range(span.start, span.end)):
            return False
        actor = self.actors.setdefault(actor.actor_id, actor)
        evidence = Span(span.start_char, span.end_char)
        named = mention_kind in ("name", "alias", "acronym")
        if actor.evidence is None or (named and not actor.named):
            actor.evidence, actor.named = evidence, named
        actor.confidence = max(actor.confidence, confidence)
        actor.last_seen = max(actor.last_seen, span.start)
        if actor.kind == "person" and actor.gender is None:
            actor.gender = next((GENDER[token.lower_] for token in span if token.lower_ in GENDER), None)
            if actor.gender is None and span.start > 0:
                actor.gender = GENDER.get(self.doc[span.start - 1].lower_)  # "Mr. Sadr": the title stands outside
        self.mentions.append(Mention(self.article_id, actor.actor_id, evidence, span.text, mention_kind, confidence))
        self.owner.update(dict.fromkeys(range(span.start, span.end), actor.actor_id))
        if actor.country:
            self.countries[actor.country] += 1
        if actor.kind == "person" and mention_kind in ("name", "alias"):
            for name in (actor.name, span.text):
                words = name_key(name).split()
                if words:
                    self.surnames.setdefault(words[-1], set()).add(actor.actor_id)
            self._note_title(actor, span)
        self._note_acronym(actor, span)
        return True

    def choose(self, forms: list[Form]) -> KnownActor | None:
        """The actor a spelling names; for a shared spelling, the one whose country the article mentions most."""
        claimants = list(dict.fromkeys(form.actor_id for form in forms))
        if len(claimants) == 1:
            return self.dictionary.actors[claimants[0]]
        scores = [(self.countries[self.dictionary.actors[c].country or c], c) for c in claimants]
        scores.sort(reverse=True)
        if scores[0][0] == 0 or scores[0][0] == scores[1][0]:
            return None
        return self.dictionary.actors[scores[0][1]]

    def _note_title(self, actor: ArticleActor, span: DocSpan) -> None:
        # "Prime Minister Mustafa al-Kadhemi": the title lets a later "the prime minister" find him.
        start = span.start
        while start > self.sentence_start[span.start] and self.doc[start - 1].lower_ in TITLE_WORDS:
            start -= 1
        if start < span.start:
            title = " ".join(token.lower_ for token in self.doc[start : span.start])
            self.titles.setdefault(title, [])
            if actor.actor_id not in self.titles[title]:
                self.titles[title].append(actor.actor_id)

    def _note_acronym(self, actor: ArticleActor, span: DocSpan) -> None:
        # "Popular Mobilization Units (PMU)": the acronym names the same actor from here on.
        doc = self.doc
        if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
            acronym = doc[span.end + 1].text
            if ACRONYM.match(acronym):
                self.acronyms.setdefault(compact_key(acronym), actor.actor_id)

    def records(self) -> list[Actor | Mention]:
        actors = [
            Actor(
                self.article_id, a.actor_id, a.name, a.kind, a.country, a.sector, a.wikidata, a.evidence, a.confidence
            )
            for a in self.actors.values()
            if a.evidence is not None
        ]
        actors.sort(key=lambda actor: actor.evidence)
        return [*actors, *sorted(self.mentions, key=lambda mention: mention.evidence)]


def known_actor(actor: KnownActor) -> ArticleActor:
    return ArticleActor(actor.id, actor.name, actor.kind, actor.country, actor.sector, actor.wikidata)
