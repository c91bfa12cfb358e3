"""A labelled stream of happenings retold by opposing outlets, with the hard negatives a real stream holds.

What the real sets (AllSides, NewsWCL50) lack, planted on purpose: one happening told by a wire, an outlet of each
side and a local daily in different words (loaded against neutral, exonyms and transliterations of the town, the
sides named by different aliases, tolls that conflict, relative dates from different publish days, a claim the
other side denies); wire copies republished under a new headline; follow-ups days later (a revised toll, a
diplomatic protest); and hard negatives: another happening in the same town on the same day, the same sides
fighting elsewhere days later, and a second strike nearby the next day whose article recalls the first.

Honesty: every article is drawn from the same pools of sentences, headlines and names, each choice independent of
the story it belongs to, so a hard negative shares no more wording with its look-alike than any two articles of
the stream do. Seeded: the same arguments give the same stream. Lines are ``{"id", "title", "text",
"published", "source", "story"}``, the layout ``dateline eval stories`` reads.
Usage: python benchmarks/story_retellings.py -o retellings.jsonl [--happenings N] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

# Each side's names all resolve to one actor of the dictionary; each town's spellings to one gazetteer place.
CONFLICTS = [
    {
        "country": "Ukraine",
        "attacker": ["Russian forces", "the Russian military", "Russia's army", "Moscow's forces"],
        "attacked": ["Ukrainian forces", "the Ukrainian army", "Kyiv's troops"],
        "towns": [["Kharkiv", "Kharkov"], ["Odesa", "Odessa"], ["Zaporizhzhia", "Zaporozhye"],
                  ["Dnipro", "Dnepropetrovsk"], ["Bakhmut", "Artemovsk"], ["Lviv", "Lvov"], ["Kherson"], ["Sumy"]],
    },
    {
        "country": "Yemen",
        "attacker": ["the Saudi-led coalition", "coalition forces", "the coalition"],
        "attacked": ["the Houthis", "Ansar Allah", "Houthi rebels", "the Houthi movement"],
        "towns": [["Sanaa", "Sana'a"], ["Hudaydah", "Hodeidah"], ["Marib", "Ma'rib"], ["Taiz", "Ta'izz"]],
    },
    {
        "country": "Syria",
        "attacker": ["Syrian government forces", "the Syrian army", "Damascus's forces"],
        "attacked": ["Hayat Tahrir al-Sham", "HTS", "Tahrir al-Sham"],
        "towns": [["Idlib", "Idleb"], ["Aleppo", "Halab"], ["Deir ez-Zor", "Deir al-Zour"]],
    },
    {
        "country": "Somalia",
        "attacker": ["Somali forces", "the Somali army", "Somalia's military"],
        "attacked": ["al-Shabaab", "al-Shabab", "Harakat al-Shabaab al-Mujahideen"],
        "towns": [["Mogadishu", "Muqdisho"], ["Kismayo", "Kismaayo"], ["Baidoa", "Baydhabo"]],
    },
    {
        "country": "Iraq",
        "attacker": ["Iraqi forces", "the Iraqi army", "Iraq's military"],
        "attacked": ["the Islamic State", "Daesh", "ISIL", "Islamic State militants"],
        "towns": [["Mosul", "Al-Mawsil"], ["Kirkuk"], ["Tikrit"], ["Ramadi"]],
    },
]  # fmt: skip
WIRES = ["Meridian Press Agency", "Global Wire Service", "Continental News Agency"]
# Outlets aligned with the side that struck, with the side struck, and local dailies.
ALIGNED = {
    "attacker": ["The Patriot Herald", "Frontline Today"],
    "attacked": ["Voice of the Resistance", "The People's Daily Record"],
}
LOCALS = ["The Provincial Courier", "City Morning Post"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten", 11: "eleven",
    12: "twelve", 15: "fifteen", 20: "twenty",
}  # fmt: skip

# Sentences by kind and voice. {when} is a day as the article's publish day sees it ("on Monday", "yesterday").
STRIKE = {
    "neutral": [
        "An air strike hit a residential area of {town} {when}, killing {n} people, {source} said.",
        "{Attacker} carried out air strikes on {town} {when}; at least {n} people were killed, according to {source}.",
        "Warplanes struck the outskirts of {town} {when}. Local officials said {n} people died and others were hurt.",
        "At least {n} people were killed when missiles struck {town} {when}, {source} said.",
    ],
    "attacked": [
        "{Attacker} committed a horrific massacre in {town} {when}, martyring {n} innocent civilians, {source} said.",
        "In a barbaric act of aggression, {attacker} bombed homes in {town} {when}, slaughtering {n} civilians.",
        "{n} martyrs fell {when} when the criminal {attacker} pounded {town} with missiles.",
    ],
    "attacker": [
        "{Attacker} struck positions of {attacked} near {town} {when}, a spokesman said; all targets were hit.",
        "High-precision strikes destroyed a command post of {attacked} in {town} {when}, the defence ministry said.",
        "{Attacker} eliminated {n} militants of {attacked} in precision strikes on {town} {when}.",
    ],
}
DRONE = {
    "neutral": [
        "Drones struck a power plant in {town} {when}, cutting electricity to thousands; {n} workers were injured.",
        "A drone attack hit the {town} power station {when}, {source} said. {n} people were wounded.",
        "An overnight drone strike damaged the main power plant of {town}; {source} said {n} people were hurt.",
    ],
    "attacked": [
        "{Attacker} terrorised {town} {when}, sending kamikaze drones into the power plant and wounding {n} workers.",
        "In a cowardly attack, {attacker} targeted the {town} power station {when}; {n} civilians were injured.",
    ],
    "attacker": [
        "{Attacker} hit an energy facility used by {attacked} in {town} {when}; all targets were hit.",
        "A strike by {attacker} {when} disabled a power plant serving {attacked} in {town}, the military said.",
    ],
}
BOMBING = {
    "neutral": [
        "A car bomb exploded at a market in {town} {when}, killing {n} people, {source} said.",
        "At least {n} people died in a bomb blast near a busy market in {town} {when}.",
        "A roadside bomb went off in {town} {when}, killing {n} and wounding several more, {source} said.",
    ],
    "attacked": [
        "Terrorists of {attacker} detonated a bomb in a crowded market in {town} {when}, murdering {n} innocents.",
        "A cowardly bombing by {attacker} in {town} {when} left {n} civilians dead.",
    ],
    "attacker": [
        "{Attacker} claimed a blast in {town} {when} that it said killed {n} members of {attacked}.",
    ],
}
PROTEST = {
    "neutral": [
        "Hundreds of people protested in {town} {when} over power cuts and rising prices, {source} said.",
        "Demonstrators marched through central {town} {when}, demanding jobs and electricity.",
        "Residents rallied outside the governor's office in {town} {when}; police arrested {n} protesters.",
    ],
    "attacked": [
        "Thousands of angry citizens flooded the streets of {town} {when} to denounce the crimes of {attacker}.",
    ],
    "attacker": [
        "Rioters blocked roads in {town} {when} before police restored order and detained {n} people.",
    ],
}
KINDS = {"strike": STRIKE, "drone": DRONE, "bombing": BOMBING, "protest": PROTEST}
# What the other side says of a strike it is accused of: the denied claim.
DENIALS = [
    "{Attacker} denied hitting any civilian site and called the casualty figures fabricated.",
    "The ministry of {attacker_country} denied that civilians were killed, saying only military targets were struck.",
    "A spokesman for {attacker} rejected the reports as lies and said no homes were hit.",
]
SOURCES = {
    "neutral": ["local officials", "the regional governor", "emergency services", "a hospital official"],
    "attacked": ["the health ministry", "civil defence", "local residents"],
    "attacker": ["the defence ministry", "a military spokesman"],
}
HEADLINES = {
    "strike": ["Air strike kills {n} in {town}", "{n} dead after strikes on {town}", "Missiles hit {town}",
               "Massacre in {town} as {n} martyred", "Precision strikes hit militant targets in {town}"],
    "drone": ["Drone attack hits {town} power plant", "{town} without power after drone strike",
              "Energy facility in {town} disabled", "Kamikaze drones terrorise {town}"],
    "bombing": ["Market bombing kills {n} in {town}", "Blast rocks {town}", "{n} dead in {town} car bomb"],
    "protest": ["Protesters take to the streets of {town}", "Anger in {town} over power cuts",
                "Police detain protesters in {town}"],
}  # fmt: skip
BACKGROUND = [
    "The area has seen repeated fighting in recent months.",
    "Aid agencies warned of shortages of fuel and medicine in the region.",
    "The United Nations has called for restraint from all sides.",
    "Schools in the district have been closed since the start of the year.",
    "",
]
FOLLOW_UP = [
    "The death toll from {day}'s strike on {town} rose to {n} {when}, {source} said, as rescuers searched the rubble.",
    "Funerals were held in {town} {when} for the victims of {day}'s air strike; officials now put the toll at {n}.",
]
PROTEST_NOTE = [
    "{Country}'s foreign ministry summoned a diplomat {when} to protest over {day}'s strike on {town} that killed {n}.",
    "{Country} lodged a formal protest {when} over the deadly air strike on {town} on {day}.",
]
SECOND_STRIKE = [
    "A new air strike hit {town} {when}, killing {n} people, a day after the attack on {first_town} that killed {m}.",
    "Missiles struck {town} {when}; {n} people died. On {first_day}, a strike on {first_town} had killed {m}.",
]


@dataclass
class Happening:
    story: str
    kind: str
    conflict: dict
    town: list[str]
    day: datetime
    toll: int
    articles: list[dict] = field(default_factory=list)


def retellings(happenings: int = 40, seed: int = 7) -> list[dict]:
    """The stream, in publication order."""
    rng = random.Random(seed)
    start = datetime(2023, 5, 1, 6, 0) + timedelta(days=rng.randrange(200))
    lines: list[dict] = []
    # Two happenings of one kind in one town on one day (two bombings of Tikrit that Monday) would be two stories
    # no reader could tell apart: a draw that would plant one is drawn again among the towns (or kinds) still free.
    planted: set[tuple[str, str, date]] = set()

    def free(kind: str, town: list[str], day: datetime) -> bool:
        return (kind, town[0], day.date()) not in planted

    def unplanted(kind: str, town: list[str], day: datetime, towns: list[list[str]]) -> list[str]:
        if not free(kind, town, day):
            town = rng.choice([other for other in towns if free(kind, other, day)])
        planted.add((kind, town[0], day.date()))
        return town

    for number in range(happenings):
        conflict = rng.choice(CONFLICTS)
        day = start + timedelta(days=number // 2, hours=rng.randrange(12))
        kind = rng.choice(["strike", "strike", "drone", "bombing"])
        town = unplanted(kind, rng.choice(conflict["towns"]), day, conflict["towns"])
        main = Happening(f"ret-{seed}-{number}", kind, conflict, town, day, rng.randint(3, 20))
        lines += _retold(rng, main, outlets=rng.randint(2, 4))
        if rng.random() < 0.3:  # a wire copy under a new headline, a few hours later
            original = next(line for line in lines if line["story"] == main.story and line["source"] in WIRES)
            copy = dict(original, id=f"{original['id']}-copy", source=rng.choice([*LOCALS, "Daily Wire Digest"]))
            copy["title"] = _headline(rng, main, main.toll)
            copy["published"] = (datetime.fromisoformat(original["published"]) + timedelta(hours=3)).isoformat()
            lines.append(copy)
        if kind == "strike" and rng.random() < 0.4:  # a follow-up days later: a revised toll or a protest note
            later = day + timedelta(days=rng.randint(1, 3), hours=rng.randrange(8))
            template = rng.choice(FOLLOW_UP + PROTEST_NOTE)
            fields = _fields(rng, main, later, "neutral", main.toll + rng.randint(1, 6)) | {"when": "today"}
            text = template.format(**fields)
            title = f"{conflict['country']} protests over {main.town[0]} strike" if "protest" in template else ""
            lines.append(_line(f"{main.story}-later", title or _headline(rng, main, main.toll), text, later,
                               rng.choice(WIRES + LOCALS), main.story))  # fmt: skip
        roll = rng.random()
        if roll < 0.3:  # hard negative: another happening in the same town on the same day
            other_kind = rng.choice([k for k in KINDS if k != kind])
            if not free(other_kind, main.town, day):
                other_kind = rng.choice([k for k in KINDS if k != kind and free(k, main.town, day)])
            planted.add((other_kind, main.town[0], day.date()))
            other = Happening(f"{main.story}-same-day", other_kind, conflict, main.town,
                              day + timedelta(hours=rng.randint(1, 6)), rng.randint(2, 30))  # fmt: skip
            lines += _retold(rng, other, outlets=rng.randint(1, 2))
        elif roll < 0.5 and kind == "strike":  # hard negative: a second strike nearby the next day, recalling the first
            elsewhere = [town for town in conflict["towns"] if town != main.town]
            town = unplanted("strike", rng.choice(elsewhere), day + timedelta(days=1), elsewhere)
            other = Happening(
                f"{main.story}-next", "strike", conflict, town, day + timedelta(days=1), rng.randint(2, 30)
            )
            when = other.day + timedelta(hours=rng.randint(1, 8))
            fields = _fields(rng, other, when, "neutral", other.toll)
            fields |= {"first_town": rng.choice(main.town), "m": main.toll, "first_day": WEEKDAYS[day.weekday()]}
            text = rng.choice(SECOND_STRIKE).format(**fields) + " " + rng.choice(BACKGROUND)
            lines.append(_line(f"{other.story}-0", _headline(rng, other, other.toll), text.strip(), when,
                               rng.choice(WIRES), other.story))  # fmt: skip
        elif roll < 0.7:  # hard negative: the same sides, another town, days later
            elsewhere = [town for town in conflict["towns"] if town != main.town]
            town = rng.choice(elsewhere)
            later = day + timedelta(days=rng.randint(2, 5))
            other = Happening(f"{main.story}-again", kind, conflict, unplanted(kind, town, later, elsewhere), later,
                              rng.randint(2, 30))  # fmt: skip
            lines += _retold(rng, other, outlets=rng.randint(1, 2))
    lines.sort(key=lambda line: (line["published"], line["id"]))
    return lines


def _retold(rng: random.Random, happening: Happening, outlets: int) -> list[dict]:
    """The happening told by a wire first, then outlets of each side and a local daily, each in its own words."""
    voices = [("neutral", rng.choice(WIRES))]
    voices += rng.sample(
        [("attacked", rng.choice(ALIGNED["attacked"])), ("attacker", rng.choice(ALIGNED["attacker"])),
         ("neutral", rng.choice(LOCALS))],
        k=outlets - 1,
    )  # fmt: skip
    lines = []
    for index, (voice, outlet) in enumerate(voices):
        # Published the same day or the next morning: "on Monday", "yesterday", "overnight" all name one day.
        when = happening.day + timedelta(hours=rng.randint(1, 20))
        # Each side counts its own way: the side struck counts more, the striking side fewer or none.
        toll = {"attacked": happening.toll + rng.randint(1, 9), "attacker": max(1, happening.toll - rng.randint(0, 3))}
        toll_told = toll.get(voice, happening.toll + rng.choice([0, 0, 1, -1]))
        fields = _fields(rng, happening, when, voice, toll_told)
        sentences = [rng.choice(KINDS[happening.kind][voice]).format(**fields)]
        if voice == "attacker" and happening.kind in ("strike", "drone") and rng.random() < 0.6:
            sentences.append(rng.choice(DENIALS).format(**fields))
        sentences.append(rng.choice(BACKGROUND))
        town = fields["town"]
        text = f"{town.upper()} ({outlet.split()[-1]}) -- " + " ".join(s for s in sentences if s)
        lines.append(
            _line(f"{happening.story}-{index}", _headline(rng, happening, toll_told, town), text, when, outlet,
                  happening.story)
        )  # fmt: skip
    return lines


def _fields(rng: random.Random, happening: Happening, when: datetime, voice: str, toll: int) -> dict:
    attacker = rng.choice(happening.conflict["attacker"])
    return {
        "town": rng.choice(happening.town),
        "when": _relative(rng, happening.day, when),
        "day": WEEKDAYS[happening.day.weekday()],
        "n": WORDS.get(toll, str(toll)) if rng.random() < 0.5 else str(toll),
        "attacker": attacker,
        "Attacker": attacker[0].upper() + attacker[1:],
        "attacked": rng.choice(happening.conflict["attacked"]),
        "attacker_country": rng.choice(happening.conflict["attacker"]),
        "Country": happening.conflict["country"],
        "source": rng.choice(SOURCES[voice]),
    }


def _relative(rng: random.Random, happened: datetime, published: datetime) -> str:
    """The happening's day as an article published at ``published`` would write it."""
    gap = (published.date() - happened.date()).days
    weekday = WEEKDAYS[happened.weekday()]
    if gap == 0:
        return rng.choice(["today", f"on {weekday}", "early on " + weekday])
    if gap == 1:
        return rng.choice(["yesterday", "late yesterday", f"on {weekday}", f"on {weekday} night"])
    return rng.choice([f"on {weekday}", f"on {happened.strftime('%B')} {happened.day}"])


def _headline(rng: random.Random, happening: Happening, toll: int, town: str | None = None) -> str:
    return rng.choice(HEADLINES[happening.kind]).format(n=toll, town=town or rng.choice(happening.town))


def _line(identifier: str, title: str, text: str, when: datetime, source: str, story: str) -> dict:
    return {"id": identifier, "title": title, "text": text, "published": when.isoformat(timespec="minutes"),
            "source": source, "story": story}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--happenings", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    lines = retellings(options.happenings, options.seed)
    options.output.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} articles, {len({line['story'] for line in lines})} stories -> {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
