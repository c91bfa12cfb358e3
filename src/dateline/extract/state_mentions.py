"""A state named by its name, demonym or capital: the state itself, or the institution it modifies and its sector
("Iraqi army troops" -> Iraq's armed forces, "the U.S. Embassy" -> its government), and a capital only where it
acts or is addressed ("Washington warned", "urged Kyiv"; not "shelled Kyiv")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.extract.actor_grouping import ArticleActor, Grouping, known_actor
from dateline.extract.roles import DATE_ENTITIES
from dateline.resources.actors import ActorDictionary, KnownActor

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

# A state's warplanes, missiles and strikes act for its military ("Turkish jets bombed", "Israeli air strikes"); the
# mention is the state's word alone, since the weapon is no actor.
WEAPON_HEADS = frozenset(
    {"warplane", "jet", "bomber", "drone", "missile", "rocket", "tank", "warship", "gunboat", "helicopter",
     "airstrike", "bombardment", "shelling", "artillery", "howitzer", "mortar", "aircraft", "fighter-jet"}
)  # fmt: skip
# The noun a demonym, state name or capital modifies says which institution acts ("Iraqi army" -> MIL).
HEAD_SECTOR = {
    **dict.fromkeys(("government", "administration", "authority", "cabinet", "ministry", "regime"), "GOV"),
    **dict.fromkeys(("official", "leadership", "presidency", "diplomat", "embassy", "envoy", "state"), "GOV"),
    **dict.fromkeys(("army", "military", "force", "troop", "soldier", "navy", "marine", "airforce"), "MIL"),
    **dict.fromkeys(WEAPON_HEADS, "MIL"),
    **dict.fromkeys(("police", "policeman", "gendarmerie"), "COP"),
    **dict.fromkeys(("parliament", "lawmaker", "legislator", "legislature", "mp", "congress", "senate"), "LEG"),
    **dict.fromkeys(("court", "judiciary", "judge", "prosecutor"), "JUD"),
    **dict.fromkeys(("intelligence",), "SPY"),
    **dict.fromkeys(("rebel", "insurgent", "militant", "militia", "guerrilla", "jihadist", "resistance"), "REB"),
    **dict.fromkeys(("opposition", "dissident"), "OPP"),
    **dict.fromkeys(("civilian", "resident", "villager", "citizen", "protester", "demonstrator"), "CVL"),
    **dict.fromkeys(("journalist", "reporter"), "JRN"),
    **dict.fromkeys(("media", "press"), "MED"),
    **dict.fromkeys(("refugee",), "REF"),
    **dict.fromkeys(("cleric", "clergy"), "REL"),
}
# A state's civil bodies, whose names the dictionary need not list: "the U.S. Embassy", "Iraq's Foreign Ministry".
STATE_BODIES = frozenset({"embassy", "consulate", "ministry", "government", "cabinet", "presidency"})
# People a state's name or demonym describes by age, sex or trade: its civilians unless told otherwise ("two
# Palestinian teenagers", "a British man"). Only after a state: "family spokesman X" is no civilian by that word.
CIVILIAN_NOUNS = frozenset(
    {"teenager", "child", "boy", "girl", "woman", "man", "people", "person", "family", "student", "worker", "farmer",
     "fisherman", "shepherd", "pilgrim", "passenger", "tourist"}
)  # fmt: skip
STRIKE_WEAPONS = frozenset({"air", "drone", "missile", "rocket", "artillery"})
# What a state's strike does when it is a military one: a labour strike kills, wounds or flattens nobody.
STRIKE_HARMS = frozenset(
    {"kill", "wound", "injure", "hit", "destroy", "damage", "flatten", "level", "raze", "pound", "target", "die"}
)
# What a state does, told as a noun its demonym modifies: "the Israeli raid", "Russian aggression", "Iranian threats".
# The demonym names the doer; which institution acts the noun does not say, so the state itself is the actor.
STATE_DEEDS = frozenset(
    {"raid", "attack", "assault", "invasion", "offensive", "incursion", "bombing", "occupation", "aggression", "siege",
     "ambush", "blockade", "operation", "crackdown", "intervention", "annexation", "sanction", "threat", "warning",
     "ultimatum", "proposal", "demand", "veto", "deployment", "withdrawal", "retaliation"}
)  # fmt: skip
# Verbs whose object is someone spoken to, asked, judged or dealt with: a capital there stands for its government.
ADDRESSEE_VERBS = frozenset(
    {"warn", "urge", "ask", "accuse", "blame", "criticise", "criticize", "condemn", "denounce", "thank", "praise",
     "invite", "tell", "press", "pressure", "call", "sanction", "recognise", "recognize", "support", "back", "defy",
     "reassure", "assure", "persuade", "convince", "lobby", "advise", "inform", "notify", "summon", "reject"}
)  # fmt: skip
# A modifier that overrides the head: "resistance forces" are not the army, a "defence ministry" is.
MODIFIER_SECTOR = {
    **dict.fromkeys(("resistance", "rebel", "insurgent", "militia", "militant", "jihadist"), "REB"),
    **dict.fromkeys(("defence", "defense", "army", "military"), "MIL"),
    "opposition": "OPP",
    "police": "COP",
    "intelligence": "SPY",
}
# Heads that name people or bodies without saying which: only a modifier gives them a sector.
COLLECTIVE_HEADS = frozenset({"group", "faction", "movement", "fighter", "member", "unit", "organization"})
SECTOR_NAMES = {
    "GOV": "government", "MIL": "armed forces", "COP": "police", "LEG": "legislature", "JUD": "judiciary",
    "SPY": "intelligence services", "REB": "armed groups", "OPP": "opposition", "CVL": "civilians",
    "JRN": "journalists", "MED": "media", "REF": "refugees", "REL": "clergy",
}  # fmt: skip
KIND_OF_SECTOR = {**dict.fromkeys(("GOV", "MIL", "COP", "LEG", "JUD", "SPY"), "state"), "REB": "armed_group"}
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "into", "inside", "across", "throughout", "within", "around", "outside", "between",
     "from", "over", "toward", "towards", "along", "beyond", "via", "through"}
)  # fmt: skip


def state_body(dictionary: ActorDictionary, span: DocSpan) -> ArticleActor | None:
    """A name the dictionary lacks made of a state's name and the word for one of its bodies ("the U.S. Embassy", "the
    Iraqi Foreign Ministry", "Iraq's Defence Ministry"): that state's government, or the sector its modifier says.
    Only civil bodies: "Free Syrian Army" names a state but is none of its forces."""
    root = span.root
    if root.lemma_.lower() not in STATE_BODIES:
        return None
    words = [token for token in span if token.i < root.i and not token.is_punct and token.dep_ != "det"]
    states = [state for token in words if (state := state_named_by(dictionary, token.text)) is not None]
    if len(states) != 1:
        return None
    modifier = next((MODIFIER_SECTOR[t.lemma_.lower()] for t in words if t.lemma_.lower() in MODIFIER_SECTOR), None)
    return state_sector(states[0], modifier or "GOV")


def state_named_by(dictionary: ActorDictionary, text: str) -> KnownActor | None:
    claims = {form.actor_id for form in dictionary.lookup(text, frozenset({"name", "alias", "demonym"}))}
    if len(claims) == 1:
        actor = dictionary.actors[claims.pop()]
        return actor if actor.kind == "state" else None
    return None


def state_sector(state: KnownActor, sector: str) -> ArticleActor:
    return ArticleActor(
        f"{state.id}-{sector}", f"{state.name} ({SECTOR_NAMES[sector]})", KIND_OF_SECTOR.get(sector, "group"),
        state.id, sector,
    )  # fmt: skip


def state_mention(grouping: Grouping, span: DocSpan, state: KnownActor, via: str) -> None:
    """A state by name, demonym or capital: an institution when it modifies one, else the state itself."""
    doc = grouping.doc
    institution = _institution(span)
    if institution is not None:
        head, sector = institution
        between = doc[span.end : head.i]
        # A coordinated state keeps the institution noun for itself: "Hungarian and Romanian officials".
        coordinated = any(token.pos_ == "CCONJ" or token.is_punct for token in between)
        weapon = head.lemma_.lower() in WEAPON_HEADS | {"strike"}
        end = span.end if coordinated or weapon else head.i + 1
        if grouping.add(state_sector(state, sector), doc[span.start : end], via, 0.85):
            for other in head.conjuncts:
                # "the Iraqi government, army and ...": the army is Iraq's too.
                other_sector = HEAD_SECTOR.get(other.lemma_.lower())
                own_modifier = any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in other.children)
                if other.i > head.i and other_sector and not own_modifier:
                    grouping.add(state_sector(state, other_sector), doc[other.i : other.i + 1], via, 0.75)
        return
    root = span.root
    if via == "metonym":
        # "Washington is exerting pressure": a capital acts only as a subject, possessor or agent; an
        # upper-case one is a dateline ("BAGHDAD (Dispatches) --"), which says where, not who.
        if (agentive(root) or _addressed(root)) and not span.text.isupper():
            grouping.add(state_sector(state, "GOV"), span, "metonym", 0.75)
    elif via == "demonym":
        # "the Americans", "Iraqis": a plural demonym that is a noun in its own right.
        if root.tag_ in ("NNPS", "NNS") and root.dep_ not in ("amod", "compound"):
            grouping.add(known_actor(state), span, "demonym", 0.8)
        elif root.dep_ in ("amod", "compound") and _describes_a_deed(span, root.head):
            grouping.add(known_actor(state), span, "demonym", 0.75)
    else:
        # "shelled villages in Lebanon" may still make Lebanon the target: kept, but with less confidence.
        grouping.add(known_actor(state), span, "name", 0.5 if locative(root) else 0.9)


def _describes_a_deed(span: DocSpan, noun: Token) -> bool:
    """The noun is a state's deed and only adjectives stand between the words and it: "the Israeli military raid",
    but not "the american center attack", where the noun between them is what the demonym names."""
    return noun.lemma_.lower() in STATE_DEEDS and all(
        token.pos_ in ("ADJ", "ADV", "PUNCT") for token in span.doc[span.end : noun.i]
    )


def _institution(span: DocSpan) -> tuple[Token, str] | None:
    """The institution noun a state reference modifies and its sector: "Iraqi army troops" -> (troops, MIL)."""
    anchor = span.root
    while anchor.dep_ == "conj" and anchor.head.i < anchor.i:
        anchor = anchor.head  # "Hungarian and Romanian officials": Romanian modifies what Hungarian does
    if anchor.dep_ not in ("amod", "compound", "poss", "nmod"):
        return None
    head = anchor.head
    while head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i:
        head = head.head
    if head.i < span.end or head.pos_ not in ("NOUN", "PROPN"):
        return None
    between = [token for token in span.doc[span.end : head.i]]
    modifier = next((MODIFIER_SECTOR[t.lemma_.lower()] for t in between if t.lemma_.lower() in MODIFIER_SECTOR), None)
    lemma = head.lemma_.lower()
    head_sector = HEAD_SECTOR.get(lemma) or ("CVL" if lemma in CIVILIAN_NOUNS else None)
    if lemma == "strike" and (any(token.lemma_.lower() in STRIKE_WEAPONS for token in between) or _harms(head)):
        head_sector = "MIL"  # "Israeli air strikes", "US drone strikes"; a "French strike" is a labour one
    sector = modifier if lemma in COLLECTIVE_HEADS else head_sector and (modifier or head_sector)
    return (head, sector) if sector else None


def _harms(strike: Token) -> bool:
    """A strike told as harming or aimed at a place or people: "an Israeli strike killed five", "killed in a Turkish
    strike", "Russian strikes on Kharkiv" (a strike "on Monday" or "over pay" is still a labour one)."""
    governor = strike.head
    if strike.dep_ == "nsubj" and governor.lemma_.lower() in STRIKE_HARMS:
        return True
    if strike.dep_ == "pobj" and governor.lower_ in ("in", "by") and governor.head.lemma_.lower() in STRIKE_HARMS:
        return True
    return any(
        object_.dep_ == "pobj" and object_.ent_type_ not in DATE_ENTITIES
        for child in strike.children
        if child.dep_ == "prep" and child.lower_ == "on"
        for object_ in child.children
    )


def agentive(token: Token) -> bool:
    return token.dep_ in ("nsubj", "nsubjpass", "poss") or (token.dep_ == "pobj" and token.head.lower_ == "by")


def _addressed(token: Token) -> bool:
    """The object of a verb said, asked or done to a government: "warned Kyiv", "urged Washington to act",
    "accused Tehran of" ("shelled Kyiv" is the city)."""
    return token.dep_ in ("dobj", "obj", "dative") and token.head.lemma_.lower() in ADDRESSEE_VERBS


def locative(token: Token) -> bool:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS
