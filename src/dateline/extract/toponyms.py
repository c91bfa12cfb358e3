"""Which gazetteer place a toponym names: a trained ranker over each name's candidates, in two passes.

Each candidate gets a row of features (its population and kind, how its name matched, and how well it agrees
with the rest of the article: the other names' countries and regions, the dateline, the actors' countries, the
distance to the other places) and the shipped ``ToponymModel`` scores the rows; the best row wins. The first pass
reads the other names through their priors; the second through what the first resolved them to, so "Georgia"
resolved to the state settles which "Atlanta" the story means. ``scripts/train_geo_ranker.py`` fits the weights.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from dateline.extract.outlet import NO_OUTLET, Outlet, outlet_candidates
from dateline.model import Span
from dateline.resources.gazetteer import Gazetteer, GazetteerEntry, bare_key, fold
from dateline.resources.toponym_model import ToponymModel

FEATURES = (
    # The rules the ranker replaced, as one feature: the prior plus the shares of the other names' (and the
    # dateline's and actors') votes for the candidate's country and admin-1 region, less a country used as a
    # town's name ("a Palestine man"), weighted as they were by hand. The rest say what the rules could not.
    "rule_score",
    "log_population",  # log10 of the population; 0 for regions and curated places without one
    "most_populous",  # the name's most populous candidate
    "preferred",  # reached through a curated spelling ("New York" → the city)
    "alternate_name",  # reached only through one of GeoNames' alternate (often old or foreign) names
    "country_votes",  # share of the other names' votes for the candidate's country
    "admin1_votes",  # ... for its admin-1 region
    "admin1_named",  # its admin-1 region is named in the article ("Texas", "La.")
    "admin1_support",  # log(1 + how many other names were placed in its admin-1 region): shares hide how many
    "country_support",  # log(1 + how many other names were placed in its country)
    "country_named",  # its country is named in the article (as a country, not through a town)
    "dateline_population",  # the dateline itself: log10 population (a dateline is nearly always a big city)
    "nearness",  # 1 - log(1 + km to the nearest other place) / log(20039): 1 on top of it, 0 at the antipode
    "untagged_population",  # a gazetteer-only match (no NER label): log10 population
    # log(1 + how many other names could lie within NEIGHBOUR_KM of it, each counted by the prior's belief in its
    # candidates there): a guess-free measure of a reading that makes the article's places lie together.
    "neighbours",
    # log(1 + how often its admin-1 region is named, every mention counted): "Indiana" five times and
    # "Kentucky" once in a list of neighbouring states say which Boone County the story is in.
    "admin1_mentions",
    # The outlet's address ("columbuslocalnews.com", "thisisoxfordshire.co.uk"): a local paper's "Dublin" is
    # the one near its own town. ``nearness`` to the outlet's town (each town name inside the domain read as
    # the candidate most of the article's names could lie near), and whether the candidate lies in the country
    # of a country-code domain.
    "outlet_nearness",
    "outlet_country",
    "outlet_home",  # the candidate is the outlet's town itself: "Paris" in a Paris, Tennessee, paper
    # The outlet's profile: the places its OTHER articles resolved confidently (``Profile``; none for an outlet
    # of one article). A Fort Worth paper's bare "Mansfield" is the Texas one because its other stories are in
    # Texas, whatever this one names. The share of the profile's places in the candidate's admin-1 region, within
    # NEIGHBOUR_KM of it, and in its country.
    "profile_admin1",
    "profile_near",
    "profile_country",
    # How many other names could be its county, or a town of it when it is a county (times COUNTY_SCALE):
    # "Richmond" beside "Madison County" is the Kentucky town, its seat, not the Virginia city 130 km from
    # Virginia's Madison County. A town and a county of one admin-1 region within COUNTY_KM, whatever the priors.
    "county_town",
    # Its admin-1 region is served by the area code of a phone number in the text ("call 903-675-5454": Texas).
    "area_code",
    # The share of the names listed beside it ("Oregon and Washington", "Iraq, Syria and Jordan") whose place is
    # of its kind: a list names places of one kind, so Washington beside Oregon is the state.
    "listed_kind",
)
# The hand weights of ``rule_score``, kept as they were tuned before the ranker existed.
RULE_COUNTRY_WEIGHT = 3.5
RULE_ADMIN1_WEIGHT = 6.0  # towns of one name differ mostly by state: a region others share is strong evidence
RULE_LOCAL_PENALTY = 6.0
ACTOR_WEIGHT = 1.0  # each actor of a country counts (at most thrice) toward its country's votes
# Enough of the population prior for the first pass's guesses at the other names: countries and regions first.
PRIOR = {"country": 9.5, "continent": 9.0, "region": 9.0, "border": 9.0, "admin1": 7.5, "county": 7.0}
CURATED_PRIOR = 6.0
PREFERRED_BONUS = 2.0
ALTERNATE_PENALTY = 1.5
# How much a name's place says about the rest of the article: "Hampton Hills" (a subdivision) or "Madison
# Creek" located by a town named inside them are often named after somewhere else altogether.
VOTE_WEIGHT = {"ner": 1.0, "gazetteer": 1.0, "pattern": 1.0, "embedded": 0.25}
# The dateline says where the story is told from: its place counts as much as several names.
DATELINE_WEIGHT = 2.5
DATELINE_KEY = "\x00dateline"  # never the folded key of a name
OUTLET_KEY = "\x00outlet"
OUTLET_WEIGHT = DATELINE_WEIGHT  # a local outlet's town is its stories' dateline, stated or not
EARTH_RADIUS_KM = 6371.0088
NEIGHBOUR_KM = 161.0  # a hundred miles: a local paper's circulation area
COUNTY_KM = 40.0  # a county's centre to its towns: most US counties are under 50 km across (25 and 60 tie in tune)
# A town named with its county is nearly settled, but the fit's pull toward the rules keeps a new weight small:
# the feature counts thrice. Chosen by cross-validation inside tune (LGL alone 0.878, 0.879, 0.881, 0.879, 0.879
# at 1, 2, 3, 4, 6).
COUNTY_SCALE = 3.0
# A phone number's area code is nearly proof of the region, but the fit's pull toward the rules keeps a new weight
# small: the feature counts six times. Chosen by cross-validation inside tune (LGL alone 0.8927, 0.8938, 0.8944
# at 1, 3, 6).
AREA_CODE_SCALE = 6.0
# A list's kind counts thrice, for the same pull. Chosen by cross-validation inside tune (LGL alone 0.8957, 0.8957,
# 0.8974, 0.8974 at 1, 1.5, 3, 6; GeoWebNews 0.9352, 0.9352, 0.9366, 0.9366).
LISTED_SCALE = 3.0
# A region's share of the other names' votes is read as if one more name had voted for none: one name alone
# beside a small town ("Springfield" in a story that also names New York City) is weak evidence, three agreeing
# are strong. Chosen by cross-validation inside tune (LGL alone 0.8905, 0.8927, 0.8910, 0.8916 at 0, 1, 1.5, 2.5).
VOTE_SMOOTHING = 1.0
LOG_HALF_EQUATOR = math.log1p(20039.0)
REGION_WORD = re.compile(r"\s+(?:province|governorate|state|region|county|parish|oblast)\b", re.IGNORECASE)
# "Clarke, Madison, Oconee and Oglethorpe counties": every name of the list is a county ("Madison County"), not the
# town or the state that shares its name; Louisiana's "Caddo and Bossier parishes" alike. A name alone before the
# word is not a list: "Indiana counties" are the state's, "the metro Athens counties" the city's.
_LISTED = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"
LISTED_COUNTIES = re.compile(
    rf"(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_LISTED}){{0,12}}\s+(?P<kind>counties|parishes)\b"
)
LIST_BEFORE = re.compile(r"(?:,|\b(?:and|or))\s*$")
COUNTY_SUFFIX = {"counties": "County", "parishes": "Parish"}
LIST_GLUE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)\Z")
LOCAL_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:man|men|woman|women|teen|teenager|boy|girl|residents?|natives?|couple|family|homeowners|"
    r"police|firefighters|fire\s+department|mayor|city\s+(?:council|hall|manager|commission)|high\s+school|"
    r"middle\s+school|elementary|public\s+schools|school\s+(?:board|district)|communities|cities|county)\b"
)
LOCAL_BEFORE = re.compile(r"(?:\b(?:[Cc]ity|[Tt]own|[Vv]illage)\s+of|\b\d{1,3},\s+(?:of\s+)?)\s*$")


@dataclass(slots=True)
class Mention:
    """A toponym found in the text with the gazetteer entries it may denote."""

    span: Span
    text: str
    entries: list[GazetteerEntry]
    source: str  # ner, gazetteer (an untagged match), pattern ("Alexandria, La."), embedded
    within: GazetteerEntry | None = None  # the region that qualifies it ("Paris, Texas")
    is_dateline: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    """Where an outlet's other articles are: the places they resolved confidently, as parallel tuples."""

    admin1: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    latitude: tuple[float, ...] = ()
    longitude: tuple[float, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.admin1)

    def shares(self, entries: list[GazetteerEntry]) -> np.ndarray:
        """Per candidate, the profile's shares in its admin-1 region, within NEIGHBOUR_KM of it, in its country."""
        shares = np.zeros((len(entries), 3))
        if not self or not entries:
            return shares
        size = len(self.admin1)
        admin1, country = Counter(self.admin1), Counter(self.country)
        lat, lon = np.radians([[e.latitude, e.longitude] for e in entries]).T
        lat2, lon2 = np.radians(self.latitude), np.radians(self.longitude)
        h = (
            np.sin((lat2[None, :] - lat[:, None]) / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(lat2)[None, :] * np.sin((lon2[None, :] - lon[:, None]) / 2) ** 2
        )
        near = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))) <= NEIGHBOUR_KM
        shares[:, 1] = near.mean(axis=1)
        for row, entry in enumerate(entries):
            shares[row, 0] = admin1[entry.admin1] / size if entry.admin1 else 0.0
            shares[row, 2] = country[entry.country] / size if entry.country else 0.0
        return shares


NO_PROFILE = Profile()


@dataclass(frozen=True, slots=True)
class Context:
    """What the rest of the article says about where it is, besides the mentions themselves."""

    text: str
    dateline: GazetteerEntry | None  # the dateline place by prior, when the dateline is not a mention
    actor_countries: Counter[str]
    outlet: Outlet = NO_OUTLET
    profile: Profile = NO_PROFILE
    phone_regions: frozenset[str] = frozenset()  # admin-1 regions of the text's phone numbers' area codes


Votes = tuple[Counter[str], Counter[str]]  # (countries, admin-1 regions) one name speaks for
Candidates = dict[int, tuple[list[GazetteerEntry], np.ndarray]]  # id(mention) → its entries and feature rows


def prior(gazetteer: Gazetteer, name: str, entry: GazetteerEntry) -> float:
    """A context-free score: countries and regions first, then population; what a reader assumes unprompted."""
    if entry.feature in PRIOR:
        score = PRIOR[entry.feature]
    elif entry.curated:
        score = CURATED_PRIOR
    else:
        score = math.log10(entry.population + 10)
    if gazetteer.is_preferred(name, entry):
        return score + PREFERRED_BONUS
    if not entry.curated and bare_key(entry.name) != bare_key(name):
        score -= ALTERNATE_PENALTY  # GeoNames' alternate names include old and foreign names of other places
    return score


def candidates_of(mention: Mention, text: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """The entries a mention may denote here: "Logar province" is the province; "Baghdad" alone is the city;
    "Madison" in "Clarke, Madison and Oconee counties" is a Madison County."""
    listed = LISTED_COUNTIES.match(text, mention.span.end)
    if listed is not None and (
        text[listed.start() : listed.start("kind")].strip()  # more names of the list follow it
        or LIST_BEFORE.search(text, max(0, mention.span.start - 6), mention.span.start)  # or precede it
    ):
        name = f"{mention.text} {COUNTY_SUFFIX[listed['kind']]}"
        counties = [entry for entry in gazetteer.lookup(name) if entry.feature == "county"]
        if counties:
            return counties
    entries = mention.entries
    admin = [e for e in entries if e.feature == "admin1"]
    if not admin:
        return entries
    if REGION_WORD.match(text, mention.span.end):
        return admin
    cities = [e for e in entries if e.feature == "city" and e.population >= 10_000]
    shadowed = {e.admin1 for e in cities}
    return [e for e in entries if not (e.feature == "admin1" and e.admin1 in shadowed)]


def resolve(
    mentions: list[Mention], gazetteer: Gazetteer, context: Context, model: ToponymModel
) -> dict[int, tuple[GazetteerEntry | None, float]]:
    """Each mention's place and its score margin over the runner-up (no entry: ``None``)."""
    first = choose(mentions, candidate_rows(mentions, gazetteer, context, None), model)
    guesses = {fold(m.text): entry for m in mentions if (entry := first[id(m)][0]) is not None}
    return choose(mentions, candidate_rows(mentions, gazetteer, context, guesses), model)


def choose(
    mentions: list[Mention], candidates: Candidates, model: ToponymModel
) -> dict[int, tuple[GazetteerEntry | None, float]]:
    """The best-scored entry per mention; one sense per article for a name that no region qualifies."""
    chosen: dict[int, tuple[GazetteerEntry | None, float]] = {}
    settled: dict[str, GazetteerEntry] = {}
    for mention in sorted(mentions, key=lambda m: m.within is None):
        entries, rows = candidates[id(mention)]
        key = fold(mention.text)
        if not entries:
            chosen[id(mention)] = (None, 0.0)
            continue
        if mention.within is None and key in settled and any(e is settled[key] for e in entries):
            chosen[id(mention)] = (settled[key], 2.0)  # "Paris, Texas" ... "Paris"
            continue
        scores = model.scores(rows)
        order = np.argsort(-scores, kind="stable")
        best = entries[int(order[0])]
        margin = float(scores[order[0]] - scores[order[1]]) if len(entries) > 1 else 4.0
        chosen[id(mention)] = (best, margin)
        settled.setdefault(key, best)
    return chosen


def candidate_rows(
    mentions: list[Mention], gazetteer: Gazetteer, context: Context, guesses: dict[str, GazetteerEntry] | None
) -> Candidates:
    """Every mention's candidates with their feature rows (columns in ``FEATURES`` order).

    ``guesses`` holds a first pass's place per folded name; without it each name votes with all of its
    candidates, weighted by their prior. Each distinct name votes once, and never for itself: four "Richmond"s
    must not outvote the one "Indiana" that says which Richmond it is.
    """
    text = context.text
    entries_of = {id(m): candidates_of(m, text, gazetteer) for m in mentions}
    by_key: dict[str, Mention] = {}
    for mention in mentions:
        key = fold(mention.text)
        # A qualified mention ("Paris, Texas") speaks for its name better than a bare one.
        if entries_of[id(mention)] and (key not in by_key or (mention.within and not by_key[key].within)):
            by_key[key] = mention
    # The dateline's name may first appear elsewhere ("Mansfield patrol ... MANSFIELD --"): the name is the
    # dateline, and must not vote for itself again through the reader's guess at it.
    in_text = next((fold(m.text) for m in mentions if m.is_dateline and fold(m.text) in by_key), None)
    votes: dict[str, Votes] = {}
    anchors: dict[str, GazetteerEntry] = {}
    beliefs: dict[str, tuple[list[GazetteerEntry], np.ndarray]] = {}  # each name's candidates, prior shares
    for key, mention in by_key.items():
        weight = VOTE_WEIGHT[mention.source] * (DATELINE_WEIGHT if key == in_text else 1.0)
        entries = entries_of[id(mention)]
        scores = [prior(gazetteer, mention.text, e) for e in entries]
        shares = _shares(scores)
        beliefs[key] = (entries, shares * weight)
        guess = guesses.get(key) if guesses is not None else None
        if guess is None:
            votes[key] = _prior_votes(entries, shares, weight)
            guess = entries[scores.index(max(scores))]
        else:
            votes[key] = _entry_votes(guess, weight)
        anchors[key] = guess
    dateline = anchors[in_text] if in_text is not None else context.dateline
    if in_text is None and dateline is not None:
        # A dateline the reader found outside the text ("Shreveport") votes like a name, louder.
        votes[DATELINE_KEY] = _entry_votes(dateline, DATELINE_WEIGHT)
        anchors[DATELINE_KEY] = dateline
        beliefs[DATELINE_KEY] = ([dateline], np.array([DATELINE_WEIGHT]))
    neighbourhood = _Neighbourhood.of(beliefs)
    listed = _listed_beside(mentions, text)
    counties = _county_towns({key: entries for key, (entries, _) in beliefs.items()})
    homes = _outlet_homes(context.outlet, gazetteer, neighbourhood, beliefs, _named_regions(beliefs))
    outlet_country = context.outlet.country
    for number, home in enumerate(homes):
        # The outlet's town says where a local story is, as a dateline does: it votes like one more name.
        votes[f"{OUTLET_KEY}{number}"] = _entry_votes(home, OUTLET_WEIGHT)
        anchors[f"{OUTLET_KEY}{number}"] = home
    region_mentions = Counter(
        anchor.admin1
        for mention in mentions
        if (anchor := anchors.get(fold(mention.text))) is not None and anchor.feature == "admin1"
    )
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for country, count in context.actor_countries.items():
        countries[country] += ACTOR_WEIGHT * min(count, 3)
    if outlet_country is not None:
        # A country-code domain says which country a local story is in, as a dateline would.
        countries[outlet_country] += OUTLET_WEIGHT
    for own_countries, own_regions in votes.values():
        countries.update(own_countries)
        regions.update(own_regions)

    def rows_of(mention: Mention, entries: list[GazetteerEntry], key: str, local: bool) -> np.ndarray:
        own_countries, own_regions = votes.get(key, (Counter(), Counter()))
        country_total = sum(countries.values()) - sum(own_countries.values())
        region_total = sum(regions.values()) - sum(own_regions.values()) + VOTE_SMOOTHING
        others = [entry for other, entry in anchors.items() if other != key]
        top = max((e.population for e in entries), default=0)
        named = [anchor for other, anchor in anchors.items() if other != key]
        named_regions = {a.admin1 for a in named if a.feature == "admin1"}
        region_support = Counter(a.admin1 for a in named if a.admin1)
        country_support = Counter(a.country for a in named if a.country)
        named_countries = {a.country for a in named if a.feature == "country"}
        rows = np.zeros((len(entries), len(FEATURES)))
        nearness = _nearness(entries, others) if entries else ()
        neighbours = neighbourhood.support(entries, key) if entries else ()
        outlet_near = _nearness(entries, homes) if entries else ()
        profiled = context.profile.shares(entries)
        beside = [anchors[other].feature for other in listed.get(id(mention), ()) if other in anchors and other != key]
        for row, entry in enumerate(entries):
            population = math.log10(entry.population + 1)
            country, admin1 = entry.country or "", entry.admin1 or ""
            exact = bare_key(entry.name) == bare_key(mention.text)
            preferred = gazetteer.is_preferred(mention.text, entry)
            country_share = (
                (countries[country] - own_countries[country]) / country_total if country and country_total else 0.0
            )
            admin1_share = (regions[admin1] - own_regions[admin1]) / region_total if admin1 and region_total else 0.0
            local_country = local and entry.feature in ("country", "continent", "region")
            entry_prior = prior(gazetteer, mention.text, entry)
            rows[row] = (
                entry_prior
                + RULE_COUNTRY_WEIGHT * country_share
                + RULE_ADMIN1_WEIGHT * admin1_share
                - RULE_LOCAL_PENALTY * local_country,
                population,
                entry.population == top,
                preferred,
                not (exact or preferred or entry.curated),
                country_share,
                admin1_share,
                bool(admin1) and admin1 in named_regions and entry.feature != "admin1",
                math.log1p(region_support[admin1]) if admin1 else 0.0,
                math.log1p(country_support[country]) if country else 0.0,
                bool(country) and country in named_countries and entry.feature != "country",
                population if mention.is_dateline else 0.0,
                nearness[row],
                population if mention.source == "gazetteer" else 0.0,
                neighbours[row],
                math.log1p(region_mentions[admin1]) if admin1 and entry.feature != "admin1" else 0.0,
                outlet_near[row],
                outlet_country is not None and country == outlet_country,
                any(entry is home for home in homes),
                *profiled[row],
                COUNTY_SCALE * len(counties.get(id(entry), ())),
                AREA_CODE_SCALE * (admin1 in context.phone_regions),
                LISTED_SCALE * sum(kind == entry.feature for kind in beside) / len(beside) if beside else 0.0,
            )
        return rows

    candidates: Candidates = {}
    made: dict[tuple[object, ...], np.ndarray] = {}
    for mention in mentions:
        # Repeated names ("Baghdad" ten times) share their rows unless their use differs.
        entries = entries_of[id(mention)]
        key = fold(mention.text)
        local = _used_locally(text, mention.span)
        signature = (key, tuple(map(id, entries)), local, mention.is_dateline, mention.source, listed.get(id(mention)))
        if signature not in made:
            made[signature] = rows_of(mention, entries, key, local)
        candidates[id(mention)] = (entries, made[signature])
    return candidates


def _listed_beside(mentions: list[Mention], text: str) -> dict[int, tuple[str, ...]]:
    """Per mention (by identity), the names listed beside it: "Oregon and Washington", "Iraq, Syria and Jordan"."""
    ordered = sorted(mentions, key=lambda m: m.span)
    beside: dict[int, list[str]] = {}
    for first, second in pairwise(ordered):
        if first.within is not None:
            continue  # "Paris, Texas" is one place, not a list
        if first.span.end <= second.span.start and LIST_GLUE.match(text[first.span.end : second.span.start]):
            beside.setdefault(id(first), []).append(fold(second.text))
            beside.setdefault(id(second), []).append(fold(first.text))
    return {number: tuple(keys) for number, keys in beside.items()}


def _county_towns(candidates: dict[str, list[GazetteerEntry]]) -> dict[int, set[str]]:
    """Per candidate (by identity), the other names with a candidate that is its county or one of its towns."""
    counties = [(key, e) for key, entries in candidates.items() for e in entries if e.feature == "county" and e.admin1]
    if not counties:
        return {}  # most articles name no county: spare the walk over every town
    regions = {county.admin1 for _, county in counties}
    towns: dict[str, list[tuple[str, GazetteerEntry]]] = {}
    for key, entries in candidates.items():
        for entry in entries:
            if entry.feature == "city" and entry.admin1 in regions:
                towns.setdefault(entry.admin1, []).append((key, entry))
    found: dict[int, set[str]] = {}
    for county_key, county in counties:
        for town_key, town in towns.get(county.admin1, ()):
            if town_key != county_key and _km(town, county) <= COUNTY_KM:
                found.setdefault(id(town), set()).add(county_key)
                found.setdefault(id(county), set()).add(town_key)
    return found


def _km(first: GazetteerEntry, second: GazetteerEntry) -> float:
    lat1, lat2 = math.radians(first.latitude), math.radians(second.latitude)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(second.longitude - first.longitude) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _nearness(entries: list[GazetteerEntry], others: list[GazetteerEntry]) -> np.ndarray:
    """Per candidate, how near it lies to the nearest of the other places (great-circle distance)."""
    if not others:
        return np.zeros(len(entries))
    lat1, lon1 = np.radians([[e.latitude, e.longitude] for e in entries]).T
    lat2, lon2 = np.radians([[o.latitude, o.longitude] for o in others]).T
    h = (
        np.sin((lat2[None, :] - lat1[:, None]) / 2) ** 2
        + np.cos(lat1)[:, None] * np.cos(lat2)[None, :] * np.sin((lon2[None, :] - lon1[:, None]) / 2) ** 2
    )
    nearest = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))).min(axis=1)
    return 1.0 - np.log1p(nearest) / LOG_HALF_EQUATOR


def _outlet_homes(
    outlet: Outlet,
    gazetteer: Gazetteer,
    neighbourhood: _Neighbourhood,
    beliefs: dict[str, tuple[list[GazetteerEntry], np.ndarray]],
    named_regions: set[str],
) -> list[GazetteerEntry]:
    """Per town name inside the outlet's domain, the candidate the article's counties could hold, else the one in
    a state or province the article names, else the one most of its other names could lie near (the likelier by
    prior on a tie): "athensreview.com" beside "Henderson County" is Athens, Texas, its seat; a "columbustelegram"
    story of a "Nebraska" conference is told from Columbus, Nebraska, whatever New Jersey's Trenton and Wayne say;
    "columbus" beside "Dublin" and "Worthington" is Columbus, Ohio. None when nothing in the article points to one:
    the address alone does not say which Paris a "parispi.net" is in."""
    homes = []
    for name, entries in outlet_candidates(outlet, gazetteer).items():
        if outlet.country is not None:
            entries = [e for e in entries if e.country == outlet.country] or entries
        if not entries:
            continue
        support = neighbourhood.support(entries, name)  # the article's own "Paris" says nothing of which
        others = {key: candidates for key, (candidates, _) in beliefs.items() if key != name}
        counties = _county_towns({**others, OUTLET_KEY: entries})
        in_county = [len(counties.get(id(entry), ())) for entry in entries]
        in_named = [entry.feature != "admin1" and entry.admin1 in named_regions for entry in entries]
        if not support.max() > 0 and not max(in_county) and not any(in_named):
            continue
        priors = [prior(gazetteer, name, e) for e in entries]
        ranked = zip(in_county, in_named, np.round(support, 6).tolist(), priors, range(len(entries)), strict=True)
        homes.append(entries[max(ranked)[-1]])
    return homes


def _named_regions(beliefs: dict[str, tuple[list[GazetteerEntry], np.ndarray]]) -> set[str]:
    """The admin-1 regions the article names: each name whose likeliest candidate by prior is a state or province."""
    likeliest = [entries[int(np.argmax(shares))] for entries, shares in beliefs.values() if entries]
    return {entry.admin1 for entry in likeliest if entry.feature == "admin1" and entry.admin1}


def _shares(scores: list[float]) -> np.ndarray:
    """The prior's belief in each candidate: a softmax of their prior scores."""
    mass = np.exp(np.array(scores) - max(scores))
    return mass / mass.sum()


def _prior_votes(entries: list[GazetteerEntry], shares: np.ndarray, weight: float) -> Votes:
    """A name's votes spread over its candidates by their prior: "Georgia" mostly for the country."""
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    for entry, share in zip(entries, shares.tolist(), strict=True):
        _vote(countries, regions, entry, weight * share)
    return countries, regions


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """Every name's candidates at once, to ask how many other names could lie near a candidate."""

    keys: list[str]
    starts: np.ndarray  # where each name's candidates begin in the arrays below
    latitude: np.ndarray  # radians
    longitude: np.ndarray
    belief: np.ndarray  # the prior's share of each candidate, times its name's vote weight

    @classmethod
    def of(cls, beliefs: dict[str, tuple[list[GazetteerEntry], np.ndarray]]) -> _Neighbourhood:
        keys = [key for key, (entries, _) in beliefs.items() if entries]
        entries = [entry for key in keys for entry in beliefs[key][0]]
        sizes = [len(beliefs[key][0]) for key in keys]
        position = np.radians([[e.latitude, e.longitude] for e in entries]).reshape(-1, 2)
        belief = np.concatenate([beliefs[key][1] for key in keys]) if keys else np.zeros(0)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(int) if keys else np.zeros(0, dtype=int)
        return cls(keys, starts, position[:, 0], position[:, 1], belief)

    def support(self, entries: list[GazetteerEntry], key: str) -> np.ndarray:
        """Per candidate, log(1 + the sum over the other names of their likeliest candidate within reach)."""
        if not self.keys:
            return np.zeros(len(entries))
        lat, lon = np.radians([[e.latitude, e.longitude] for e in entries]).T
        h = (
            np.sin((self.latitude[None, :] - lat[:, None]) / 2) ** 2
            + np.cos(lat)[:, None] * np.cos(self.latitude)[None, :]
            * np.sin((self.longitude[None, :] - lon[:, None]) / 2) ** 2
        )  # fmt: skip
        near = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))) <= NEIGHBOUR_KM
        best = np.maximum.reduceat(near * self.belief[None, :], self.starts, axis=1)
        if key in self.keys:
            best[:, self.keys.index(key)] = 0.0  # a name is no neighbour of itself
        return np.log1p(best.sum(axis=1))


def _entry_votes(entry: GazetteerEntry, weight: float) -> Votes:
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    _vote(countries, regions, entry, weight)
    return countries, regions


def _vote(countries: Counter[str], regions: Counter[str], entry: GazetteerEntry, share: float) -> None:
    countries[entry.country or ""] += share * (2 if entry.feature == "country" else 1)
    regions[entry.admin1 or ""] += share * (2 if entry.feature == "admin1" else 1)


def _used_locally(text: str, span: Span) -> bool:
    """ "a Palestine man", "Georgia residents", "the Paris Police Department", "City of Norfolk": a town's name.

    English qualifies people and local bodies of a country by its demonym ("a Palestinian man"), so a bare
    name in these uses is a town, county or state ("Georgia residents") rather than a country or region.
    """
    return bool(LOCAL_AFTER.match(text, span.end) or LOCAL_BEFORE.search(text, max(0, span.start - 12), span.start))
