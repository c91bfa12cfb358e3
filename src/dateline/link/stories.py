"""Online story clustering: each new article joins the story it reports, or starts one, without re-clustering.

For a new article: (1) its MinHash bands find near-duplicates (wire copies, reposts): a copy published within
``WINDOW_DAYS`` of its original, whose numbers and day names it repeats, joins the original's story as
``near_duplicate`` and is never counted as independent confirmation (a templated report of another happening
changes exactly those); (2) otherwise an inverted index of
keys (distinctive title and lead terms, named non-state actors, places) by day finds the few stories active within
``WINDOW_DAYS``; (3) each candidate is scored by the cosine of TF-IDF term vectors (document frequencies kept
online) with a bonus when the main event types agree and a penalty when they clash ("a protest" and "a bombing" in
the same city on the same day are two stories); a story whose happenings the texts date more than ``DATE_SLACK``
days away from the article's is another happening of the same kind. The cost per article depends on its keys and
the candidates they return, not on the corpus size.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

import numpy as np

from dateline.link import differences, minhash
from dateline.model import Actor, Event, EventMention, Place
from dateline.store import Store

WINDOW_DAYS = 3
DATE_SLACK = 1
NEAR_DUPLICATE = 0.6
JOIN_THRESHOLD = 0.30
SIGNATURE_TERMS = 60
KEY_TERMS = 8
LEAD_CHARS = 2_500
MAX_CANDIDATES = 30
TYPE_BONUS = 0.12
KEY_BONUS = 0.03
DAY_PENALTY = 0.03
MAX_SHARED_KEYS = 6
STATE_KINDS = frozenset({"state"})
# Places precise enough to tell two happenings apart (a country or a border region is not).
LOCAL = frozenset({"exact", "admin"})
# Words too common in news to tell one story from another.
STOPWORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
        "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
        "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
        "or", "other", "our", "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
        "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
        "whom", "why", "will", "with", "would", "you", "your", "told", "according", "news", "reported", "report",
        "reports", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "year", "years",
        "day", "days", "week", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "people",
        "officials", "official", "government"
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_][\w'’-]+")
# What a wire copy repeats and a templated report of another happening changes: numbers, days and months.
_FACT = re.compile(
    rf"\d+(?:[.,]\d+)*|\b(?:{differences.NUMBER_WORDS}|{differences.WEEKDAYS}|january|february|march|april|may|june"
    r"|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Placement:
    article_id: str
    story_id: str
    role: str
    similarity: float


def link_new_articles(store: Store) -> list[Placement]:
    """Place every article not yet in a story, in the order they were stored."""
    placements = []
    for article_id in store.unlinked_article_ids():
        placements.append(link_article(store, article_id))
    return placements


def link_article(store: Store, article_id: str) -> Placement:
    article = store.article(article_id)
    if article is None:
        raise KeyError(article_id)
    text = article.text
    lead = f"{article.title or ''}\n{text[:LEAD_CHARS]}"
    events = list(store.article_records(Event, article_id))
    actors = list(store.article_records(Actor, article_id))
    places = list(store.article_records(Place, article_id))
    mentions = Counter(mention.event_id for mention in store.article_records(EventMention, article_id))
    day = _day(article.published)
    sig = minhash.signature(text)
    told = differences.ranked(events, mentions)
    happened = differences.main_day(told, day)
    with store.linking():
        n_linked, df = store.term_frequencies(set(_terms(lead)))
        vector = _vector(Counter(_terms(lead)), df, n_linked)
        keys = _keys(vector, actors, places, happened)
        original = _near_duplicate(
            store, sig, text, day, {f"p:{place.geonames_id}" for place in places if place.geonames_id}
        )
        if original is not None:
            story_id, role, score = original[1], "near_duplicate", original[2]
            duplicate_of = original[0]
        else:
            kinds = list(dict.fromkeys(differences.event_kind(event) for event in told))
            story_id, score = _best_story(store, vector, keys, day, kinds, happened, lead.casefold())
            role, duplicate_of = ("member", None) if story_id else ("first", None)
            story_id = story_id or f"story-{article_id}"
        store.place_article(
            article_id=article_id,
            story_id=story_id,
            role=role,
            duplicate_of=duplicate_of,
            similarity=round(score, 4),
            minhash=minhash.to_bytes(sig),
            bands=minhash.bands(sig),
            title=article.title or text[:80],
            published=article.published.isoformat() if article.published else None,
            signature=json.dumps(_merged(store.story_signature(story_id), vector)),
            keys=keys,
            day=day,
            terms=set(_terms(lead)),
        )
        differences.refresh(store, story_id, added=article_id)
    return Placement(article_id, story_id, role, score)


def _day(published: object) -> int:
    return published.toordinal() if isinstance(published, date) else 0


def _terms(text: str) -> list[str]:
    return [
        word
        for word in (w.casefold().strip("'’-") for w in _WORD.findall(text))
        if len(word) > 2 and word not in STOPWORDS
    ]


def _vector(counts: Counter[str], df: dict[str, int], n_linked: int) -> dict[str, float]:
    weights = {
        term: (1 + math.log(tf)) * (math.log((n_linked + 1) / (df.get(term, 0) + 1)) + 1) for term, tf in counts.items()
    }
    top = sorted(weights.items(), key=lambda item: -item[1])[:SIGNATURE_TERMS]
    norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
    return {term: round(weight / norm, 5) for term, weight in top}


def _merged(old: str | None, vector: dict[str, float]) -> dict[str, float]:
    """The story's signature after an article joins: the running sum of its members' vectors, renormalised."""
    summed = Counter(json.loads(old)) if old else Counter()
    summed.update(vector)
    top = summed.most_common(SIGNATURE_TERMS)
    norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
    return {term: round(weight / norm, 5) for term, weight in top}


def _keys(vector: dict[str, float], actors: list[Actor], places: list[Place], happened: int | None) -> list[str]:
    keys = [f"t:{term}" for term in list(vector)[:KEY_TERMS]]
    keys += [f"a:{actor.actor_id}" for actor in actors if actor.kind not in STATE_KINDS][:10]
    keys += [f"p:{place.geonames_id}" for place in places if place.geonames_id and place.precision in LOCAL][:10]
    keys += [f"n:{place.name.casefold()}" for place in places if place.geonames_id and place.precision in LOCAL][:10]
    keys += [f"d:{happened}"] if happened else []
    return sorted(set(keys))


def _facts(text: str) -> set[str]:
    return {match.casefold() for match in _FACT.findall(text[: minhash.MAX_CHARS])}


def _near_duplicate(
    store: Store, sig: np.ndarray, text: str, day: int, places: set[str]
) -> tuple[str, str, float] | None:
    """The most similar earlier article sharing a band, when similar enough, published within the window, not
    about another town, and repeating the same numbers and days (the shorter text's are all in the longer)."""
    best = None
    for article_id, story_id, blob in store.articles_sharing_bands(minhash.bands(sig)):
        score = minhash.similarity(sig, minhash.from_bytes(blob))
        if score < NEAR_DUPLICATE or (best is not None and score <= best[2]):
            continue
        original = store.article(article_id)
        if original is None or (day and abs(_day(original.published) - day) > WINDOW_DAYS):
            continue
        if places and (elsewhere := store.article_places(article_id)) and not places & elsewhere:
            continue
        shorter, longer = sorted((_facts(text), _facts(original.text)), key=len)
        if not shorter <= longer:
            continue
        best = (article_id, story_id, score)
    return best


def _best_story(
    store: Store,
    vector: dict[str, float],
    keys: list[str],
    day: int,
    types: list[str],
    happened: int | None,
    lead: str,
) -> tuple[str | None, float]:
    best: tuple[str | None, float] = (None, 0.0)
    places = {key for key in keys if key.startswith("p:")}
    for story_id, signature, story_types, shared, anchors, gap in store.candidate_stories(
        keys, day, WINDOW_DAYS, MAX_CANDIDATES
    ):
        story_places = {key for key in anchors if key.startswith("p:")}
        story_dates = [int(key[2:]) for key in anchors if key.startswith("d:")]
        story_towns = [key[2:] for key in anchors if key.startswith("n:")]
        other = json.loads(signature)
        score = sum(weight * other.get(term, 0.0) for term, weight in vector.items())
        score += KEY_BONUS * min(shared, MAX_SHARED_KEYS) - DAY_PENALTY * gap
        if places and story_places and not places & story_places:
            continue  # told of different towns: the same words describe another happening
        if not places and story_towns and not any(town in lead for town in story_towns):
            continue  # no town of ours was resolved, and the lead names none of the story's
        if happened and story_dates and min(abs(happened - other_day) for other_day in story_dates) > DATE_SLACK:
            continue  # the same kind of happening on another day: a second bombing, not this one
        if types and story_types:
            # What each is mainly about: the same kind of happening joins; a story whose main happening the
            # article does not tell at all, and the other way round, is another story (a bombing and a protest
            # in one city on one day; sanctions over an attack).
            # One must tell the other's main happening: a protest met with tear gas is not an air strike.
            story_main = next((kind for kind in story_types if differences.material(kind)), story_types[0])
            if story_main not in types and types[0] not in story_types:
                continue
            score += TYPE_BONUS
        if score > best[1]:
            best = (story_id, score)
    return best if best[1] >= JOIN_THRESHOLD else (None, best[1])
