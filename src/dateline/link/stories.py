"""Online story clustering: each new article joins the story it reports, or starts one, without re-clustering.

For a new article: (1) its MinHash bands find near-duplicates (wire copies, reposts): a copy published within
``WINDOW_DAYS`` of its original, whose numbers and day names it repeats, joins the original's story as
``near_duplicate`` and is never counted as independent confirmation (a templated report of another happening changes
exactly those); (2) otherwise an inverted index of keys by day (``features``: distinctive lead terms and the headline's,
non-state actors, places and their regions, the day the text dates its main happening to, or for an article that
keeps no event the day its lead names) finds the few stories active within ``WINDOW_DAYS``, and a few stories of
undated pages; (3) the trained pair model (``pair_model``) weighs what the article and each candidate share (event
kind, place, day told, actors, counts, wording, how far the story has run since it began, how its wording compares
with the other candidates', and the hand-set rules' verdict) and the article joins the likeliest story when its
probability reaches the model's threshold, else starts its own. The cost per article
depends on its keys and the candidates they return, not on the corpus size.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from dateline.link import differences, minhash
from dateline.link.features import (
    KEY_TERMS,
    LASTING,
    RULE_THRESHOLD,
    WINDOW_DAYS,
    Candidate,
    Reading,
    compatible,
    confirmed,
    contradicted,
    main_kind,
    rules_score,
    signal_rows,
)
from dateline.link.pair_model import StoryModel, load_story_model
from dateline.model import Actor, Entity, Event, EventMention, Place, TimeRef
from dateline.resources.actors import name_key
from dateline.store import Store

# Which linker decides: "model", the trained pair model (the default: better on both benchmark streams, see the
# README), or "rules", the hand-set rules it replaced, kept to compare with.
LINKER = os.environ.get("DATELINE_STORY_LINKER", "model")
NEAR_DUPLICATE = 0.6
SIGNATURE_TERMS = 60
LEAD_CHARS = 2_500
MAX_CANDIDATES = 30
# A headline's words, as many as a headline holds (some sets give a lead sentence as the title).
HEADLINE_TERMS = 12
MAX_UNDATED = 5
MEMBER_VECTORS = 5
# Kinds of event dated to a day kept per article (a follow-up recalls its happening among its first few).
MAX_DATED = 10
# The names an article's lead gives (people, groups, places, resolved or not: "Kismaayo" the parser took for a
# group), as far into the text and as many as a lead holds.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
NAME_CHARS = 600
MAX_NAMES = 10
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


def link_new_articles(store: Store, model: StoryModel | None = None) -> list[Placement]:
    """Place every article not yet in a story, in the order they were stored (``model``: the shipped one)."""
    placements = []
    for article_id in store.unlinked_article_ids():
        placements.append(link_article(store, article_id, model))
    return placements


def link_article(store: Store, article_id: str, model: StoryModel | None = None) -> Placement:
    with store.linking():
        reading, sig = read_article(store, article_id)
        original = near_duplicate(store, reading, sig)
        if original is not None:
            story_id, role, score, duplicate_of = original[1], "near_duplicate", original[2], original[0]
        else:
            story_id, score = best_story(store, reading, model or (load_story_model() if LINKER == "model" else None))
            role, duplicate_of = ("member", None) if story_id else ("first", None)
            story_id = story_id or f"story-{article_id}"
        place(store, reading, sig, story_id, role, duplicate_of, score)
    return Placement(article_id, story_id, role, score)


def read_article(store: Store, article_id: str) -> tuple[Reading, np.ndarray]:
    """What the linker reads off a stored article (inside ``store.linking()``: term weights are the store's),
    and its MinHash signature."""
    article = store.article(article_id)
    if article is None:
        raise KeyError(article_id)
    lead = f"{article.title or ''}\n{article.text[:LEAD_CHARS]}"
    actors = list(store.article_records(Actor, article_id))
    places = list(store.article_records(Place, article_id))
    mentions = Counter(mention.event_id for mention in store.article_records(EventMention, article_id))
    day = _day(article.published)
    told = differences.ranked(list(store.article_records(Event, article_id)), mentions)
    # An article that keeps no asserted event (the realness floor drops many a political report's) still says when its
    # news happened: the day its lead names stands for the happening's.
    happened = differences.main_day(told, day) if told else _lead_day(store, article_id, day)
    n_linked, df = store.term_frequencies(set(_terms(lead)))
    vector = _vector(Counter(_terms(lead)), df, n_linked)
    kinds = tuple(dict.fromkeys(differences.event_kind(event) for event in told))
    main = next((event for event in told if differences.event_kind(event) == main_kind(kinds)), None)
    # A toll is often told in a sentence of its own ("Drones hit the power plant. 28 people were wounded."), an
    # event of the main one's kind (or of no named weapon) that the events stage keeps apart: its counts are the
    # main happening's when the main event counts nothing.
    counted = main
    if main is not None and not _counts(main):
        alike = (event for event in told if compatible(differences.event_kind(event), main_kind(kinds)))
        counted = next((event for event in alike if _counts(event)), None)
    counts = _counts(counted) if counted is not None else ()
    headline = frozenset(list(dict.fromkeys(_terms(article.title or "")))[:HEADLINE_TERMS])
    keys = _keys(vector, actors, places, happened) + [f"m:{name}:{count}" for name, count in counts if count > 0]
    # The headline's words find candidates too, beside the lead's most distinctive: an opinion piece on the day's
    # news often shares few of its lead's words with the story's leads, but names its news in the headline.
    keys += [f"t:{term}" for term in sorted(headline)]
    dated = ((differences.event_kind(event), differences.event_day(event)) for event in told)
    keys += [f"k:{kind}:{day}" for kind, day in dated if day is not None][:MAX_DATED]
    keys += [f"w:{name}" for name in _lead_names(store, article_id)]
    keys += [f"c:{place.country}" for place in places if place.country and place.precision in LOCAL]
    keys += _dateline_keys(places)
    where = next(
        (event for event in told if differences.event_kind(event) == main_kind(kinds) and event.geonames_id), None
    )
    if where is not None and where.geo_precision in LOCAL:
        region = f"{where.country}.{where.admin1}" if where.admin1 else None
        keys += [f"e:{where.geonames_id}"] + ([f"x:{region}"] if region else [])
        keys += [f"v:{region}"] if region and where.geo_precision == "admin" else []
    deeds = Counter(
        kind for kind in map(differences.event_kind, told) if kind != "ASSAULT" and differences.material(kind)
    )
    reading = Reading(article_id, day, happened, kinds, vector, tuple(sorted(set(keys))), lead.casefold(), counts,
                      tuple(sorted(deeds.items())), headline)  # fmt: skip
    return reading, minhash.signature(article.text)


def near_duplicate(store: Store, reading: Reading, sig: np.ndarray) -> tuple[str, str, float] | None:
    """The most similar earlier article sharing a band, when similar enough, published within the window, not
    about another town, naming someone or somewhere its lead names, and repeating the same numbers and days (the
    shorter text's are all in the longer): a templated report of another happening changes exactly those."""
    article = store.article(reading.article_id)
    text = article.text if article else ""
    places = {key for key in reading.keys if key.startswith("p:")}
    names = {key[2:] for key in reading.keys if key.startswith("w:")}
    best = None
    for article_id, story_id, blob in store.articles_sharing_bands(minhash.bands(sig)):
        score = minhash.similarity(sig, minhash.from_bytes(blob))
        if score < NEAR_DUPLICATE or (best is not None and score <= best[2]):
            continue
        original = store.article(article_id)
        if original is None or (reading.day and abs(_day(original.published) - reading.day) > WINDOW_DAYS):
            continue
        if places and (elsewhere := store.article_places(article_id)) and not places & elsewhere:
            continue
        if names and (named := _lead_names(store, article_id)) and not names & set(named):
            continue
        shorter, longer = sorted((_facts(text), _facts(original.text)), key=len)
        if not shorter <= longer:
            continue
        best = (article_id, story_id, score)
    return best


def candidates(store: Store, reading: Reading) -> list[Candidate]:
    """The stories sharing the most lookup keys with the article within ``WINDOW_DAYS`` of its publication, and
    after them the undated stories sharing the most (``MAX_UNDATED``)."""
    lookup = reading.lookup_keys()
    found = store.candidate_stories(lookup, reading.day, WINDOW_DAYS, MAX_CANDIDATES, MEMBER_VECTORS)
    # An undated article is no days from nothing: its index day is a bucket, not a day.
    gaps = [row[4] if reading.day else None for row in found]
    if reading.day:
        # A page that gave no publication date is keyed on no day, which no dated article's window reaches: the
        # outlets that date their pages would never meet a retelling that did not.
        seen = {row[0] for row in found}
        undated = [row for row in store.candidate_stories(lookup, 0, WINDOW_DAYS, MAX_UNDATED, MEMBER_VECTORS)
                   if row[0] not in seen]  # fmt: skip
        found, gaps = found + undated, gaps + [None] * len(undated)
    return [
        Candidate(
            story_id,
            json.loads(signature),
            tuple(json.loads(v) for v in vectors),
            tuple(kinds),
            frozenset(keys),
            gap,
            _day(datetime.fromisoformat(first)) if first else 0,
        )
        for (story_id, signature, kinds, keys, _, vectors, first), gap in zip(found, gaps, strict=True)
    ]


def best_story(store: Store, reading: Reading, model: StoryModel | None) -> tuple[str | None, float]:
    """The likeliest candidate story and its probability; no story when none reaches the model's threshold.
    Without a model, the hand-set rules decide: the best rule score from ``RULE_THRESHOLD``."""
    found = candidates(store, reading)
    if not found:
        return None, 0.0
    if model is None:
        scores = [rules_score(reading, candidate) for candidate in found]
        best_rule = max(range(len(found)), key=lambda i: (scores[i] is not None, scores[i] or 0.0, -i))
        score = scores[best_rule] or 0.0
        return (found[best_rule].story_id if score >= RULE_THRESHOLD else None), score
    # The hand rules' verdict is one of the model's signals, not an override: a join the rules would make by the
    # nearest member's day and words is how one town's strikes days apart chained into one story.
    rows = signal_rows(reading, found)
    probabilities = model.probabilities(rows)
    lasting = main_kind(reading.kinds) in LASTING
    protest = "PROTEST" in reading.kinds
    probabilities = np.where(
        confirmed(rows, lasting, protest), np.maximum(probabilities, model.threshold), probabilities
    )
    probabilities = np.where(contradicted(rows), 0.0, probabilities)
    best = int(np.argmax(probabilities))  # the first of equals: candidates come in a fixed order
    score = float(probabilities[best])
    return (found[best].story_id if score >= model.threshold else None), score


def place(
    store: Store,
    reading: Reading,
    sig: np.ndarray,
    story_id: str,
    role: str,
    duplicate_of: str | None,
    score: float,
) -> None:
    """Store the article's placement and index keys, and refresh its story's events and differences."""
    article = store.article(reading.article_id)
    assert article is not None
    store.place_article(
        article_id=reading.article_id,
        story_id=story_id,
        role=role,
        duplicate_of=duplicate_of,
        similarity=round(score, 4),
        minhash=minhash.to_bytes(sig),
        bands=minhash.bands(sig),
        title=article.title or article.text[:80],
        published=article.published.isoformat() if article.published else None,
        signature=json.dumps(_merged(store.story_signature(story_id), reading.vector)),
        vector=json.dumps(reading.vector),
        keys=list(reading.keys),
        day=reading.day,
        terms=set(_terms(reading.lead)),
    )
    differences.refresh(store, story_id, added=reading.article_id)


def _counts(event: Event) -> tuple[tuple[str, int], ...]:
    return tuple((name, count) for name in differences.COUNTS if (count := getattr(event, name)) is not None)


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
    keys += [f"r:{place.country}.{place.admin1}" for place in places if place.admin1 and place.precision in LOCAL][:10]
    keys += [f"d:{happened}"] if happened else []
    return sorted(set(keys))


def _dateline_keys(places: list[Place]) -> list[str]:
    """Where the article is told from: its dateline's place, its name as written and that place's admin-1 region."""
    told_from = [place for place in places if place.is_dateline and place.geonames_id and place.precision in LOCAL]
    keys = [f"l:{place.geonames_id}" for place in told_from]
    keys += [f"D:{written}" for place in told_from if (written := name_key(place.text))]
    return keys + [f"L:{place.country}.{place.admin1}" for place in told_from if place.admin1]


def _lead_names(store: Store, article_id: str) -> list[str]:
    """The names an article's lead gives (people, groups, places), spelling folded, first named first."""
    names = (name_key(entity.text) for entity in store.article_records(Entity, article_id)
             if entity.label in NAME_LABELS and entity.evidence.start < NAME_CHARS)  # fmt: skip
    return list(dict.fromkeys(name for name in names if name))[:MAX_NAMES]


def _lead_day(store: Store, article_id: str, published: int) -> int | None:
    """The first day the lead names, resolved and near the publication (as ``differences.main_day`` reads events)."""
    for time in sorted(store.article_records(TimeRef, article_id), key=lambda time: time.evidence.start):
        if time.evidence.start >= NAME_CHARS or time.granularity not in ("day", "time") or not time.value:
            continue
        told = differences.day_of(time.value)
        if told is not None and differences.near_news(told, published):
            return told
    return None


def _facts(text: str) -> set[str]:
    return {match.casefold() for match in _FACT.findall(text[: minhash.MAX_CHARS])}
