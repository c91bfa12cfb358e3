"""Counts an event states: the least number of people a phrase names ("at least five fighters" -> 5)."""

from __future__ import annotations

import re

from spacy.tokens import Token

# Who a toll or a crowd can count (lemmas); "destroyed two houses" is not a toll.
HUMAN_NOUNS = frozenset(
    {
        "people", "person", "civilian", "soldier", "troop", "fighter", "militant", "militiaman", "member",
        "protester", "demonstrator", "child", "woman", "man", "men", "women", "children", "officer", "policeman",
        "police", "worker", "student", "farmer", "villager", "resident", "rebel", "insurgent", "guard",
        "journalist", "activist", "supporter", "mourner", "pilgrim", "passenger", "refugee", "migrant",
        "prisoner", "detainee", "suspect", "gunman", "attacker", "bomber", "servicemen", "serviceman",
        "personnel", "staff", "employee", "doctor", "nurse", "teacher", "worshipper", "victim", "casualty",
        "militiamen", "jihadist", "combatant", "recruit", "cadet", "participant", "crowd", "family", "leader",
        "commander", "official", "policemen", "firefighter", "volunteer", "pedestrian", "driver", "boy", "girl",
        "rioter", "looter", "jawan", "constable", "cop", "trooper", "peacekeeper", "marine", "sailor", "airman",
        "terrorist", "extremist", "maoist", "naxal", "inmate", "hostage", "tourist", "labourer", "laborer",
        "shopkeeper", "trader", "youth", "teenager", "minor", "infant", "baby", "devotee", "voter",
        "herder", "shepherd", "nomad", "miner", "cleric", "monk", "nun", "priest", "pupil", "schoolchild",
        "schoolchildren", "bystander", "worshiper", "protestor", "settler", "elder", "medic", "paramedic",
        "contractor", "engineer", "diplomat", "lawmaker", "politician", "candidate", "citizen", "national",
        "inhabitant", "vendor", "separatist", "loyalist", "dissident", "opponent", "kid", "local",
        "other",  # "killing seven civilians and wounding 20 others": a toll's others are people
    }
)  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
# A plural unit states at least one unit: "thousands" -> 1000, "dozens" -> 12 (the convention).
UNIT_WORDS = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000, "million": 1_000_000}
MORE_THAN = frozenset({"more", "over"})
PEOPLE_ENDINGS = ("man", "men", "person", "people")


def count_of(token: Token) -> int | None:
    """The least number a phrase states: "at least five fighters" -> 5, "thousands of people" -> 1000.

    Only people are counted: "destroyed two houses" states no toll."""
    if not _people(token):
        return None
    candidates = [token, *[child for child in token.children if child.dep_ in ("nummod", "quantmod", "amod")]]
    for word in candidates:
        value = None if word.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT") else _number(word)
        if value is not None:
            if any(child.lower_ in MORE_THAN for child in word.subtree if child.i < word.i):
                value += 1
            return value
    return None


def _people(token: Token) -> bool:
    if token.ent_type_ in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"):
        return False  # "the 2019 uprising" counts no one
    if token.like_num or token.lower_.rstrip("s") in UNIT_WORDS or token.pos_ == "PRON":
        return True
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    nouns = [token, *[child for child in token.children if child.dep_ == "prep" and child.lower_ == "of"]]
    lemmas = {token.lemma_.lower()} | {pobj.lemma_.lower() for prep in nouns[1:] for pobj in prep.children}
    # "150 BJP and VHP workers": the parser hangs the number on the first name and the people on the last
    lemmas |= {child.lemma_.lower() for child in token.children if child.dep_ == "conj"}
    # English names people by trade or tribe with "-man" and "-person": fishermen, tribesmen, a spokesperson.
    return bool(lemmas & HUMAN_NOUNS) or any(lemma.endswith(PEOPLE_ENDINGS) for lemma in lemmas)


def _number(token: Token) -> int | None:
    word = token.lower_.replace(",", "")
    if re.fullmatch(r"\d{1,9}", word):
        following = token.nbor(1).lower_.rstrip("s") if token.i + 1 < len(token.doc) else ""
        return int(word) * UNIT_WORDS.get(following, 1)  # "5 million"
    if word in NUMBER_WORDS:
        following = token.nbor(1).lower_.rstrip("s") if token.i + 1 < len(token.doc) else ""
        return NUMBER_WORDS[word] * UNIT_WORDS.get(following, 1)
    singular = word[:-1] if word.endswith("s") else word
    if singular in UNIT_WORDS and word.endswith("s"):
        return UNIT_WORDS[singular]  # "thousands", "dozens"
    return None
