"""A labelled news stream for story clustering: the bundled examples plus generated stories.

The generated part plants what makes clustering hard: the same happening told by several outlets in their own
words and with different tolls, follow-ups a day later, wire copies with small edits, and distinct happenings of
another kind in the same city on the same day. Every line is ``{"id", "text", "published", "source", "story"}``,
the layout ``dateline eval stories`` reads. Seeded: the same arguments write the same file.
Usage: python benchmarks/story_stream.py -o stories.jsonl [--stories N] [--no-examples]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CITIES = [
    ("Mosul", "Iraq"), ("Kirkuk", "Iraq"), ("Aleppo", "Syria"), ("Homs", "Syria"), ("Kandahar", "Afghanistan"),
    ("Goma", "Congo"), ("Maiduguri", "Nigeria"), ("Timbuktu", "Mali"), ("Kharkiv", "Ukraine"), ("Sanaa", "Yemen"),
    ("Benghazi", "Libya"), ("Mogadishu", "Somalia"), ("Peshawar", "Pakistan"), ("Juba", "South Sudan"),
]  # fmt: skip
# Outlet and the agency name its datelines carry.
OUTLETS = {
    "Meridian Press Agency": "Meridian", "The Northern Ledger": "Ledger", "Two Rivers Post": "Two Rivers",
    "The Continental Observer": "Observer", "Al-Mahwar": "Al-Mahwar",
}  # fmt: skip
# Two happenings of one kind in one city this close together would be two stories no reader could tell apart:
# the generator plants none, so every hard negative is of another kind.
DISTINCT_DAYS = 7
GROUPS = ["the Liberation Front", "the Northern Brigades", "the Popular Resistance Army", "the Sahel Jihad Group"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty"]
KINDS = {
    "bombing": [
        "A car bomb exploded in a crowded market in {city} on {day}, killing {n} people and wounding dozens, police"
        " said. No group claimed the attack. {group} has carried out similar bombings in {country}.",
        "At least {n} people were killed when a bomb ripped through a busy market in {city} on {day}, officials said."
        " Witnesses said the blast destroyed several shops. Security forces sealed off the area.",
        "{n} civilians died in a market bombing in {city}, {country}, on {day}. The local governor blamed {group}"
        " for the explosion and promised to hunt down those responsible.",
    ],
    "protest": [
        "Thousands of people protested in {city} on {day} against power cuts and unemployment, chanting slogans"
        " against the government. Police fired tear gas to disperse the crowd near the governor's office.",
        "Hundreds of demonstrators marched through central {city} on {day} demanding jobs and electricity."
        " Protest organisers said the rallies would continue until the provincial council resigns.",
        "Angry residents rallied in {city}, {country}, on {day} over water shortages. Security forces arrested"
        " {n} protesters after the demonstrators blocked a main road.",
    ],
    "airstrike": [
        "Airstrikes hit positions of {group} near {city} on {day}, killing {n} fighters, the army said. The strikes"
        " targeted weapons depots and a command centre outside the city.",
        "Warplanes bombed {group} hideouts outside {city} on {day}. A military spokesman said {n} militants were"
        " killed in the air raids and several vehicles destroyed.",
        "{n} members of {group} died in air strikes near {city}, {country}, on {day}, according to the defence"
        " ministry. The group vowed to retaliate.",
    ],
    "clash": [
        "Government troops clashed with fighters of {group} on the outskirts of {city} on {day}, leaving {n} soldiers"
        " dead, a military source said. Fighting continued into the night.",
        "Heavy fighting broke out between the army and {group} near {city} on {day}. {n} soldiers were killed in the"
        " clashes, officials said.",
        "Soldiers battled {group} militants around {city}, {country}, on {day}; {n} troops were killed and more were"
        " wounded in the gun battle, the army said.",
    ],
}
FOLLOW_UPS = [
    "The death toll from {day}'s {kind} in {city} rose to {n2} on the following day, officials in {country} said."
    " Funerals were held for the victims as authorities promised an investigation.",
    "{city} buried its dead a day after the {kind}. Relatives said {n2} people had now died, and local leaders"
    " blamed {group} and the authorities in {country} for failing to prevent it.",
    "A day after the {kind} in {city}, {n2} people are confirmed dead, the provincial health office said. Shops in"
    " the city stayed closed and {group} made no comment.",
]


def generated(stories: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2022, 3, 1, 8, 0)
    lines: list[dict] = []
    last_told: dict[tuple[str, str], int] = {}  # (city, kind) -> the day number it last happened

    def free(city: str, kind: str, day: int) -> bool:
        return day - last_told.get((city, kind), -DISTINCT_DAYS - 1) > DISTINCT_DAYS

    for number in range(stories):
        day_number = number // 3
        (city, country), kind = rng.choice(
            [(place, kind) for place in CITIES for kind in sorted(KINDS) if free(place[0], kind, day_number)]
        )
        last_told[(city, kind)] = day_number
        when = start + timedelta(days=day_number, hours=rng.randrange(10))
        story = f"gen-{number}"
        fields = {"city": city, "country": country, "day": WEEKDAYS[when.weekday()], "group": rng.choice(GROUPS)}
        outlets = rng.sample(sorted(OUTLETS), k=rng.randint(1, 3))
        for index, (outlet, template) in enumerate(zip(outlets, rng.sample(KINDS[kind], k=len(outlets)), strict=False)):
            text = f"{city.upper()} ({OUTLETS[outlet]}) -- " + template.format(n=rng.choice(NUMBERS), **fields)
            lines.append(_line(f"{story}-{index}", text, when + timedelta(hours=index * 2), outlet, story))
        if rng.random() < 0.3:  # a wire copy: the first report reprinted with small edits
            copy = lines[-len(outlets)]["text"].replace(" said.", " said on " + fields["day"] + ".").replace("  ", " ")
            lines.append(
                _line(f"{story}-wire", copy + " (Reporting by staff)", when + timedelta(hours=5), "Daily Wire", story)
            )
        if rng.random() < 0.3:  # a follow-up a day later
            text = rng.choice(FOLLOW_UPS).format(kind=kind, n2=rng.choice(NUMBERS), **fields)
            lines.append(_line(f"{story}-next", text, when + timedelta(days=1), outlets[0], story))
        others = [other for other in sorted(KINDS) if free(city, other, day_number)]
        if others and rng.random() < 0.3:  # a hard negative: another kind of happening, same city, same day
            other = rng.choice(others)
            last_told[(city, other)] = day_number
            text = f"{city.upper()} (Wire) -- " + rng.choice(KINDS[other]).format(n=rng.choice(NUMBERS), **fields)
            lines.append(
                _line(f"{story}-other", text, when + timedelta(hours=3), rng.choice(sorted(OUTLETS)), f"{story}-other")
            )
    return lines


def from_examples() -> list[dict]:
    """The bundled examples, labelled with the manifest's stories (matched on title)."""
    sys.path.insert(0, str(REPO / "src"))
    from dateline.model import Article
    from dateline.read import read_inputs

    manifest = json.loads((REPO / "examples" / "manifest.json").read_text(encoding="utf-8"))
    story_of = {entry["title"]: entry.get("story") for entry in manifest}
    lines = []
    for item in read_inputs([str(path) for path in sorted((REPO / "examples").glob("*/"))]):
        if isinstance(item, Article) and item.title in story_of:
            published = item.published.isoformat() if item.published else None
            lines.append(
                {"id": item.id, "text": item.text, "title": item.title, "published": published,
                 "source": item.source, "story": story_of[item.title]}
            )  # fmt: skip
    return lines


def _line(identifier: str, text: str, when: datetime, source: str, story: str) -> dict:
    return {"id": identifier, "text": text, "published": when.isoformat(), "source": source, "story": story}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--stories", type=int, default=60)
    parser.add_argument("--no-examples", action="store_true")
    options = parser.parse_args()
    lines = ([] if options.no_examples else from_examples()) + generated(options.stories)
    options.output.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    print(f"{len(lines)} articles, {len({line['story'] or line['id'] for line in lines})} stories -> {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
