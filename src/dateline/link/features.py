"""What the linker reads off an article, and the signals it weighs between that article and a candidate story.

The signals come from the records first: the main event's kind (PLOVER type, and the weapon family of an
assault), its place (gazetteer ids, with a town in its province through the admin-1 region), the day the text
dates it to (times resolved against each article's own publish date), the actors' ids (aliases and
transliterations already resolve to one), and the counts' order of magnitude. The wording is one signal among
these: the TF-IDF cosine with the story's centroid and with its closest member. ``pair_model`` weighs them.

Keys are what the story index stores per story and day: ``t:`` distinctive lead terms and the headline's terms, ``a:``
non-state actors, ``p:`` places, ``r:`` their admin-1 regions, ``n:`` town names, ``d:`` the day told (these find
candidates); and, read only to compare, ``c:`` the local places' countries, ``m:`` the main event's counts
(``m:killed:4``), ``e:`` its place, ``x:`` its admin-1 region, ``v:`` that region when the place is the region itself (a
town is within its province), ``k:`` each kind of event the text dates to a day (``k:ASSAULT/air:738950``), ``w:`` the
names its lead gives, spelling folded, ``l:`` and ``L:`` its dateline's place and admin-1 region, and ``D:`` its
dateline's name as written, spelling folded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from dateline.link import differences

FEATURES = (
    # The wording weighs by what the records say of where the main happening was: alike words about another town
    # are a template or another happening of the same kind, not a retelling. The cosine (the closer of the story's
    # centroid and its closest member) is split by whether the main events' places agree, so the model weighs each
    # case on its own.
    "cosine_same_event_place",
    "cosine_event_place_unknown",
    "cosine_other_event_place",
    "centroid_over_member",
    "shared_terms",
    "shared_actors",
    "same_place",
    "same_region",
    "other_place",
    "town_named",
    "same_event_place",
    "other_event_place",
    "other_country",
    "days_published_apart",
    "same_day_told",
    "next_day_told",
    "days_told_apart",
    "no_day_told",
    "same_kind",
    "kind_told",
    "kind_clash",
    # Deeds (an air strike, a bombing, a protest) are told with fewer doubts than words: two different deeds as
    # the main happening are two happenings, where two readings of a political story's statements often are not.
    "material_same_kind",
    "material_kind_clash",
    "count_near",
    "count_far",
    "cosine_kind_clash",
    "cosine_same_day_told",
    # Where both main happenings are deeds (an air strike, a bombing, a protest), the records are reliable enough for
    # their place, day and kind to decide; a political story's statements are read with more doubt. The same
    # signals within deeds only, so the model can weigh them apart.
    "deeds",
    "deeds_other_place",
    "deeds_other_event_place",
    "deeds_days_told_apart",
    "deeds_cosine",
    # The hand-set linker's verdict, the rules as one feature among the others.
    "rules_join",
    # Published the same day: most retellings are (a follow-up days later is the exception the other signals carry).
    "same_day_published",
    # How the candidate's wording compares with the other candidates' (``signal_rows``): one story of several that
    # share a town and a day is told in the closest words, where no story close in words is no story at all.
    "closest_margin",
    "closest_of_candidates",
    # A story is one happening, not a chain: how far the article is from where the story began (its first
    # publication, its first day told), not only from its nearest member, so same-town strikes days apart stay two.
    "days_since_story_began",
    "days_told_after_story_first_told",
    # An article that dates nothing to the day ("pounded homes yesterday" left unresolved), published on the day the
    # story's happening is told of or the day after: when a report of it would be.
    "undated_published_after_told",
    # Each tells the other's main kind: a story's main kind is its most told, and a story of one article ties all
    # its kinds (a march with a shooting in it, told first as the shooting by one outlet and as the march by another).
    "kinds_told_both_ways",
    # Every deed an article tells, not its main one alone: a report of a march with a shooting in it shares the
    # march, the shooting and the arrests with another report of it, where a market bombing that day shares none
    # of them with it. The share of their named deeds (an assault of no named weapon left out) they have in common,
    # and whether none is.
    "deed_kinds_shared",
    "deed_kinds_disjoint",
    # A follow-up recalls the happening: it dates a deed of the story's kind to a day the story tells ("Monday's
    # strike on Kharkiv" in a diplomatic protest on Wednesday), where an article about another happening of that
    # place rarely dates the story's deed at all; and whether its own main happening is another or later (the deed
    # recalled there may be any the story dates to that day: one strike is coded "air" in one text, "shelling" in
    # another).
    "recalls_story_deed",
    "follow_up_recalls",
    # The main happening in one province, told at two levels or of two towns of it (a city and the town at its edge).
    "same_event_region",
    # How much of what the article tells is the story's deed: the share of its named deeds of the story's main kind.
    # A retelling of a bombing tells the bombing throughout; a report of a protest that day names the bombing once
    # (or a mis-coded shot once), and its shootings, marches and demands the rest of the way.
    "story_deed_share",
    # Two assaults of named weapons of two families, neither article telling the other's (a bombing and a shooting).
    "weapon_clash",
    # The names the leads give, spelling folded (people, groups, places whether the gazetteer resolved them or not):
    # the share the article shares with the story, and whether it shares none. Retellings name the same people and
    # places; a templated report of another town names another.
    "names_shared",
    "names_disjoint",
    # Where each is told from: the datelines' places, the same or in other provinces. Retellings of a happening are
    # filed from its town, whatever they call it; a report filed from another town is of another happening, even
    # when the parser found no event in it to place.
    "same_dateline",
    "other_dateline",
    # The datelines written alike (spelling folded), however the gazetteer resolved each: "ODESSA" over two reports
    # is one town even where one report's context made it the namesake in Texas.
    "dateline_written_alike",
    # Both count the main happening's casualties and count no one thing alike: twelve hurt at a power plant and
    # nineteen killed in homes are two happenings, where two tellings of one toll count its dead (or its hurt) both.
    # Casualties only: one outlet counts a march's marchers, another its injured.
    "counts_of_other_things",
    # The headline is the densest telling of what an article is about: the share of its words among the story's
    # (its centroid's and its latest members' terms), where an opinion lead on the day's news may share few words
    # with the story's leads, and a neighbouring story of the same topic shares the topic's words but not the
    # headline's news.
    "headline_in_story",
)
# Outlets name one strike by what they think delivered it: an air strike in one report, missiles or shelling in
# another ("missiles struck the town", "pounded it with missiles" are coded heavy weapons). The linker compares
# them as one family; a bombing (a blast set off on the spot) and a shooting stay apart.
FROM_AFAR = {"ASSAULT/shelling": "ASSAULT/air"}
# Happenings that last: marches and sit-ins go on for days, and outlets date them to the day they began or the day
# they peaked, where an air strike or a bomb is over in a moment.
LASTING = frozenset({"PROTEST"})
# The counts of a toll (a march's marchers and arrests are no casualties).
CASUALTIES = frozenset({"killed", "injured"})
# Beyond this many days from its beginning, a story is told by follow-ups alone.
STORY_SPAN = 7
# The wording features whose sum is the candidate's closest cosine (only one of them is not zero).
COSINES = ("cosine_same_event_place", "cosine_event_place_unknown", "cosine_other_event_place")
# Publication days count from the second day apart: AllSides dates every article of a story with the story's day, so
# a model fitted on it would learn that a day apart is another story, where in a real stream the report of
# yesterday's happening is the rule and follow-ups come days later (candidates come only from within WINDOW_DAYS).
LOOKUP = ("t:", "a:", "p:", "r:", "n:", "d:")
KEY_TERMS = 8
WINDOW_DAYS = 4
MAX_SHARED_ACTORS = 3
# The hand-set linker's weights, as it shipped before the pair model.
RULE_KEY_BONUS, RULE_MAX_SHARED, RULE_DAY_PENALTY, RULE_KIND_BONUS, RULE_THRESHOLD = 0.03, 6, 0.03, 0.12, 0.30
# Counts within a factor of ~2 are one order of magnitude ("four" and "six" killed); beyond ~5 they are not.
NEAR_COUNTS = 0.35
FAR_COUNTS = 0.7


@dataclass(frozen=True, slots=True)
class Reading:
    """One article as the linker sees it."""

    article_id: str
    day: int  # publish day as a date ordinal (0: undated)
    happened: int | None  # the day its main happening is dated to
    kinds: tuple[str, ...]  # its events' kinds, most told first
    vector: dict[str, float]  # TF-IDF of title and lead, top terms, unit length
    keys: tuple[str, ...]
    lead: str  # title and lead, casefolded
    counts: tuple[tuple[str, int], ...]  # the main event's counts, by what they count (killed, injured...)
    deeds: tuple[tuple[str, int], ...] = ()  # how many of its asserted events are of each named deed kind
    headline: frozenset[str] = frozenset()  # its title's terms

    def lookup_keys(self) -> list[str]:
        return [key for key in self.keys if key.startswith(LOOKUP)]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A story the index returned for an article."""

    story_id: str
    signature: dict[str, float]
    members: tuple[dict[str, float], ...]  # the vectors of its latest members
    kinds: tuple[str, ...]  # its story events' kinds, most told first
    keys: frozenset[str]
    gap: int | None  # days between the article's publication and the story's nearest (None: either undated)
    first_day: int = 0  # the story's first publication day as a date ordinal (0: undated)


def main_kind(kinds: tuple[str, ...]) -> str | None:
    """What a story or an article is mainly about: its first material kind, else its first."""
    return next((kind for kind in kinds if differences.material(kind)), kinds[0] if kinds else None)


def signals(reading: Reading, candidate: Candidate) -> list[float]:
    """The values of ``FEATURES`` for one article and one candidate story, but those that compare it with the other
    candidates (``signal_rows`` adds them)."""
    mine, theirs = _grouped(reading.keys), _grouped(candidate.keys)
    # The towns' own names are left out of the wording: the place is weighed from the records, and a town's name
    # would make a protest and an air strike in it alike.
    towns = {word for key in _of("n:", mine) | _of("n:", theirs) for word in key[2:].split()}
    vector = {term: weight for term, weight in reading.vector.items() if term not in towns}
    centroid = _cosine(vector, candidate.signature)
    member = max((_cosine(vector, other) for other in candidate.members), default=centroid)
    places, regions = _shared("p:", mine, theirs), _shared("r:", mine, theirs)
    has_places = _of("p:", mine) and _of("p:", theirs)
    told = [int(key[2:]) for key in _of("d:", theirs)]
    apart = min(abs(reading.happened - day) for day in told) if reading.happened and told else None
    mine_main, their_main = main_kind(reading.kinds), main_kind(candidate.kinds)
    both_kinds = bool(reading.kinds and candidate.kinds)
    same_kind = both_kinds and compatible(mine_main, their_main)
    kind_told = (
        both_kinds
        and not same_kind
        and (
            any(compatible(their_main, kind) for kind in reading.kinds)
            or any(compatible(mine_main, kind) for kind in candidate.kinds)
        )
    )
    ratio = _count_ratio(reading.counts, _of("m:", theirs))
    closest = max(centroid, member)
    same_place = bool(places)
    same_region = not same_place and bool(regions)
    other_place = bool(has_places) and not places and not regions
    # The main happening's place, a town within a province counting as the province.
    event_known = bool(_of("e:", mine) and _of("e:", theirs))
    within = {key[2:] for key in _of("x:", mine)} & {key[2:] for key in _of("v:", theirs)}
    contains = {key[2:] for key in _of("v:", mine)} & {key[2:] for key in _of("x:", theirs)}
    same_event_place = bool(_shared("e:", mine, theirs) or within or contains)
    # Two towns of one province are not another place: a city and the town at its edge ("Khartoum North") are one
    # area told at two levels; the wording and the rest decide.
    other_event_place = event_known and not same_event_place and not _shared("x:", mine, theirs)
    values = [
        closest * same_event_place,
        closest * (not same_event_place and not other_event_place),
        closest * other_event_place,
        centroid - member,
        len(_shared("t:", mine, theirs)) / KEY_TERMS,
        min(len(_shared("a:", mine, theirs)), MAX_SHARED_ACTORS) / MAX_SHARED_ACTORS,
        float(same_place),
        float(same_region),
        float(other_place),
        float(any(key[2:] in reading.lead for key in _of("n:", theirs))),
        float(same_event_place),
        float(other_event_place),
        float(bool(_of("c:", mine) and _of("c:", theirs)) and not _shared("c:", mine, theirs)),
        max(0, min(candidate.gap or 0, WINDOW_DAYS) - 1) / (WINDOW_DAYS - 1),
        float(apart == 0),
        float(apart == 1),
        min(apart, WINDOW_DAYS) / WINDOW_DAYS if apart is not None else 0.0,
        float(apart is None),
        float(same_kind),
        float(kind_told),
        float(both_kinds and not same_kind and not kind_told),
        float(same_kind and differences.material(mine_main)),
        float(both_kinds and not same_kind and differences.material(mine_main) and differences.material(their_main)),
        float(ratio is not None and ratio <= NEAR_COUNTS),
        float(ratio is not None and ratio > FAR_COUNTS),
    ]
    named = dict(zip(FEATURES, values, strict=False))
    deeds = float(both_kinds and differences.material(mine_main) and differences.material(their_main))
    return [
        *values,
        closest * named["kind_clash"],
        closest * named["same_day_told"],
        deeds,
        deeds * named["other_place"],
        deeds * named["other_event_place"],
        deeds * named["days_told_apart"],
        deeds * closest,
        float((rules_score(reading, candidate, mine, theirs) or 0.0) >= RULE_THRESHOLD),
    ]


def signal_rows(reading: Reading, found: list[Candidate]) -> np.ndarray:
    """The values of ``FEATURES`` for an article and each of its candidate stories, one row each."""
    rows = np.array([[*signals(reading, candidate), candidate.gap == 0, 0.0, 0.0, *_drift(reading, candidate),
                      _both_ways(reading.kinds, candidate.kinds), *_recalled(reading, candidate),
                      *_deed_share(reading, candidate), *_names(reading, candidate),
                      *_datelines(reading, candidate), _counts_apart(reading, candidate),
                      _headline_share(reading, candidate)]
                     for candidate in found], dtype=float)  # fmt: skip
    if len(rows):
        # One province's two towns count only where the main places are not already the same.
        rows[:, FEATURES.index("same_event_region")] *= rows[:, FEATURES.index("same_event_place")] == 0
    if not len(rows):
        return rows.reshape(0, len(FEATURES))
    closest = rows[:, [FEATURES.index(name) for name in COSINES]].sum(axis=1)
    others = np.array([max(np.delete(closest, i), default=0.0) for i in range(len(closest))])
    rows[:, FEATURES.index("closest_margin")] = closest - others
    rows[:, FEATURES.index("closest_of_candidates")] = closest >= closest.max()
    return rows


def _present(rows: np.ndarray) -> dict[str, np.ndarray]:
    """Each signal's column of ``rows`` as whether it is present (above 0), by name."""
    return {name: rows[:, at] > 0 for at, name in enumerate(FEATURES)}


def contradicted(rows: np.ndarray) -> np.ndarray:
    """Candidates the records rule out whatever the words say: two deeds of one kind (two air strikes, two bombings)
    told in towns of other provinces, none shared, are two happenings (two towns of one province may be a city and
    the town at its edge). Few pairs of the training streams show it, so the trees cannot be trusted to have learnt
    it; a veto says it outright. So are two deeds of one kind dated to one day whose main happenings are placed in
    towns of other provinces, even where one names the other's town ("a new air strike hit Tikrit today, a day after
    the attack on Kirkuk")."""
    value = _present(rows)
    # Not where both are filed from one town: the records then place one of the two amiss (a namesake resolved in
    # one report's context, "bombings in Congo" placed in a Brazilian town of that name).
    filed_apart = ~value["dateline_written_alike"]
    placed_apart = value["deeds_other_event_place"] & value["same_day_told"] & ~value["same_dateline"]
    elsewhere = (value["deeds_other_place"] | placed_apart) & filed_apart
    return elsewhere & value["material_same_kind"]


def confirmed(rows: np.ndarray, lasting: bool = False, protest: bool = False) -> np.ndarray:
    """Candidates the records confirm whatever the words say: a deed of the story's kind told of the story's day (or,
    dating nothing, published on it or the day after), either in the main event's place with a count of the same
    order, or sharing a town with the story, with no count of another order, where the hand rules join too. Words
    differ most where outlets disagree most; this is the retelling the trees see too rarely to trust. A happening
    that lasts (``lasting``: the article's is a protest) is told of either of two days; a strike told of the next
    day is left to the trees, as the same town is often struck again. Tolls of other casualties confirm nothing
    (``counts_of_other_things``), unless the article tells a protest (``protest``)."""
    value = _present(rows)
    day = value["same_day_told"] | value["undated_published_after_told"]
    if lasting:
        day |= value["next_day_told"]
    counted = value["same_event_place"] & value["count_near"]
    # A shared town confirms only where the main happenings are not placed apart: "a day after the strike on
    # Ramadi" names the story's town in the report of a strike on Kirkuk.
    named = value["same_place"] & value["rules_join"] & ~value["count_far"] & ~value["other_event_place"]
    # Nor where both count casualties and count no one thing alike: a drone strike that hurt nine at the power
    # plant and an air strike that killed two in homes that day are two happenings of one town, kind and day. A
    # protest's casualties are of several sides (marchers shot dead, police hurt), each outlet counting its
    # sources' side, so there other counts tell nothing.
    tolls_apart = value["counts_of_other_things"] & (not protest)
    return value["material_same_kind"] & day & (counted | named) & ~tolls_apart


def _count_ratio(counts: tuple[tuple[str, int], ...], keys: Iterable[str]) -> float | None:
    """The smallest distance in orders of magnitude between two counts of the same thing (killed with killed: four
    killed and a thousand marchers are no disagreement), ``None`` when no count of one thing is on both sides."""
    theirs = [(key.split(":")[1], int(key.rsplit(":", 1)[1])) for key in keys if key.count(":") == 2]
    ratios = [
        abs(math.log10(mine) - math.log10(other))
        for what, mine in counts
        for kind, other in theirs
        if what == kind and mine > 0 and other > 0
    ]
    return min(ratios, default=None)


def _counts_apart(reading: Reading, candidate: Candidate) -> float:
    """``counts_of_other_things`` for one article and one candidate."""
    mine = {what for what, count in reading.counts if count > 0 and what in CASUALTIES}
    theirs = {what for key in candidate.keys if key.startswith("m:") and (what := key.split(":")[1]) in CASUALTIES}
    return float(bool(mine and theirs) and not mine & theirs)


def _headline_share(reading: Reading, candidate: Candidate) -> float:
    """``headline_in_story`` for one article and one candidate (0 for an article without a headline)."""
    if not reading.headline:
        return 0.0
    theirs = set(candidate.signature).union(*candidate.members)
    return len(reading.headline & theirs) / len(reading.headline)


def _deed_kinds(kinds: Iterable[str]) -> set[str]:
    """The deeds named well enough to compare: material kinds, an assault only with its weapon's family."""
    return {deed_family(kind) for kind in kinds if kind != "ASSAULT" and differences.material(kind)}


def _names(reading: Reading, candidate: Candidate) -> tuple[float, float]:
    """``names_shared`` and ``names_disjoint`` for one article and one candidate."""
    mine = {key for key in reading.keys if key.startswith("w:")}
    theirs = {key for key in candidate.keys if key.startswith("w:")}
    if not mine or not theirs:
        return 0.0, 0.0
    shared = len(mine & theirs)
    return shared / min(len(mine), len(theirs)), float(not shared)


def _datelines(reading: Reading, candidate: Candidate) -> tuple[float, float, float]:
    """``same_dateline``, ``other_dateline`` and ``dateline_written_alike`` for one article and one candidate."""
    mine, theirs = _grouped(reading.keys), _grouped(candidate.keys)
    alike = float(bool(_shared("D:", mine, theirs)))
    if not _of("l:", mine) or not _of("l:", theirs):
        return 0.0, 0.0, alike
    same = bool(_shared("l:", mine, theirs))
    return float(same), float(not same and not _shared("L:", mine, theirs)), alike


def _deed_share(reading: Reading, candidate: Candidate) -> tuple[float, float]:
    """``story_deed_share`` and ``weapon_clash`` for one article and one candidate."""
    their_main, mine_main = main_kind(candidate.kinds), main_kind(reading.kinds)
    total = sum(count for _, count in reading.deeds)
    story_deed = deed_family(their_main) if their_main else None
    share = sum(count for kind, count in reading.deeds if deed_family(kind) == story_deed) / total if total else 0.0
    named = [deed_family(kind) for kind in (mine_main, their_main) if kind and kind.startswith("ASSAULT/")]
    clash = (
        len(named) == 2
        and named[0] != named[1]
        and named[1] not in map(deed_family, reading.kinds)
        and named[0] not in map(deed_family, candidate.kinds)
    )
    return share, float(clash)


def _recalled(reading: Reading, candidate: Candidate) -> tuple[float, float, float, float, float]:
    """``deed_kinds_shared`` to ``same_event_region`` for one article and one candidate."""
    mine, theirs = _deed_kinds(reading.kinds), _deed_kinds(candidate.kinds)
    shared = len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0
    disjoint = bool(mine and theirs) and not mine & theirs
    their_main = main_kind(candidate.kinds)
    # A story whose text dates nothing happened on the day it was first published or the day before.
    told = {int(key[2:]) for key in candidate.keys if key.startswith("d:")}
    told = told or ({candidate.first_day, candidate.first_day - 1} if candidate.first_day else set())
    dated = [key[2:].rsplit(":", 1) for key in reading.keys if key.startswith("k:")]
    recalled = [int(day) for kind, day in dated if compatible(kind, their_main) and int(day) in told]
    # A follow-up's recalled deed may be of any deed the story dates to that day, not its main one alone: the
    # events stage codes one strike "air" in the protest note and "shelling" in the story ("pounded with missiles").
    story_dated = [key[2:].rsplit(":", 1) for key in candidate.keys if key.startswith("k:")]
    recalled_deeds = recalled + [
        int(day)
        for kind, day in dated
        if differences.material(kind)
        and any(day == when and compatible(kind, told_kind) for told_kind, when in story_dated)
    ]
    other_deed = not compatible(main_kind(reading.kinds), their_main)
    later = bool(recalled_deeds) and (not reading.happened or reading.happened > min(recalled_deeds) or other_deed)
    region = {key[2:] for key in candidate.keys if key.startswith("x:")}
    same_region = any(key[2:] in region for key in reading.keys if key.startswith("x:"))
    return shared, float(disjoint), float(bool(recalled)), float(later), float(same_region)


def _both_ways(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    mine_main, their_main = main_kind(mine), main_kind(theirs)
    return any(compatible(their_main, kind) for kind in mine) and any(compatible(mine_main, kind) for kind in theirs)


def _drift(reading: Reading, candidate: Candidate) -> tuple[float, float, float]:
    """Days from the story's first publication and from its first day told, as a share of ``STORY_SPAN``; and
    whether an article of no day told was published on a day told of the story or the day after."""
    began = min(abs(reading.day - candidate.first_day), STORY_SPAN) if reading.day and candidate.first_day else 0
    told = [int(key[2:]) for key in candidate.keys if key.startswith("d:")]
    first_told = min(abs(reading.happened - min(told)), STORY_SPAN) if reading.happened and told else 0
    after = not reading.happened and reading.day and any(0 <= reading.day - day <= 1 for day in told)
    return began / STORY_SPAN, first_told / STORY_SPAN, float(after)


def rules_score(
    reading: Reading, candidate: Candidate, mine: Grouped | None = None, theirs: Grouped | None = None
) -> float | None:
    """The hand-set linker's verdict (before the pair model), kept as one signal: the TF-IDF cosine with the
    story's centroid plus a bonus per shared key and for an agreeing kind, where a story of other towns, of a day
    told more than a day away, or of a kind neither tells, is refused (``None``); it joins from ``RULE_THRESHOLD``."""
    mine = _grouped(reading.keys) if mine is None else mine
    theirs = _grouped(candidate.keys) if theirs is None else theirs
    places, story_places = _of("p:", mine), _of("p:", theirs)
    if places and story_places and not places & story_places:
        return None
    towns = _of("n:", theirs)
    if not places and towns and not any(key[2:] in reading.lead for key in towns):
        return None
    told = [int(key[2:]) for key in _of("d:", theirs)]
    if reading.happened and told and min(abs(reading.happened - day) for day in told) > 1:
        return None
    shared = sum(len(_shared(prefix, mine, theirs)) for prefix in LOOKUP)
    score = _cosine(reading.vector, candidate.signature) + RULE_KEY_BONUS * min(shared, RULE_MAX_SHARED)
    score -= RULE_DAY_PENALTY * (candidate.gap or 0)
    if reading.kinds and candidate.kinds:
        their_main = main_kind(candidate.kinds)
        if their_main not in reading.kinds and reading.kinds[0] not in candidate.kinds:
            return None
        score += RULE_KIND_BONUS
    return score


def deed_family(kind: str) -> str:
    """The kind as the linker compares it: a strike from afar is one family whatever delivered it."""
    return FROM_AFAR.get(kind, kind)


def compatible(kind: str | None, other: str | None) -> bool:
    """Two kinds of one happening: of one family, or one an assault whose weapon the text did not name."""
    if kind is None or other is None:
        return False
    kind, other = deed_family(kind), deed_family(other)
    return kind == other or (kind.split("/")[0] == other.split("/")[0] and ("/" not in kind or "/" not in other))


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(right) < len(left):
        left, right = right, left
    return sum(weight * right.get(term, 0.0) for term, weight in left.items())


Grouped = dict[str, set[str]]
_NONE: frozenset[str] = frozenset()


def _grouped(keys: Iterable[str]) -> Grouped:
    """Keys by their prefix ("p:", "t:"...), read once per article and per candidate."""
    grouped: Grouped = {}
    for key in keys:
        grouped.setdefault(key[:2], set()).add(key)
    return grouped


def _of(prefix: str, keys: Grouped) -> set[str] | frozenset[str]:
    return keys.get(prefix, _NONE)


def _shared(prefix: str, mine: Grouped, theirs: Grouped) -> set[str] | frozenset[str]:
    return _of(prefix, mine) & _of(prefix, theirs)
