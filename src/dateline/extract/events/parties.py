"""Who did an event and to whom: the rules' reading, the trained models' choice among the sentence's noun phrases,
and the checks that keep a teller, a victim, a reactor or a word of the doer's own phrase out of the roles (who
those are: ``outsiders``).

The rules' reading of the parse (``rule_slots``, from ``slots.slot_tokens``) proposes a source and a target; a
model per role scores every noun, proper noun and pronoun of the sentence as that role of the trigger, with the
rules' choices as features, and replaces the rules' word only when its best candidate is at least
``model.threshold`` likely (``choose``); ``chosen_parties`` then checks the two words against each other. They
learn from real role spans (ConfliBERT's CAMEO source/target tags) and the tune part of the PLOVER gold what the
rules miss: a recipient two prepositions away ("asked for support from Uganda"), a party named as a possessor, an
actor behind a weapon.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from dateline.extract import roles
from dateline.extract.event_place import PLACE_LABELS
from dateline.extract.events import outsiders, slots
from dateline.extract.events.antecedents import named_subject
from dateline.extract.events.candidates import Context
from dateline.extract.events.counts import HUMAN_NOUNS
from dateline.extract.events.filling import has_actor, named_doer
from dateline.extract.events.slots import (
    RECIPIENT_PREPOSITIONS,
    TARGET_PREPOSITIONS,
    not_a_date,
    prepositional,
    slot_tokens,
)
from dateline.extract.events.syntax import (
    WHERE_PREPOSITIONS,
    is_passive,
    lemma_forms,
    lemma_of,
    named_through,
    parse_arrays,
    per_doc_in_hand,
    word_arrays,
)
from dateline.extract.events.tolls import died_in
from dateline.extract.events.triggers import TriggerMatch
from dateline.resources.events import QUAD_CLASS
from dateline.resources.role_model import RoleModel

CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
NOT_PARTIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
MAX_PATH = 4
# The pronouns that stand for a party the actors stage or the clause above names ("what", "that" stand for none).
PERSONAL = frozenset({"he", "him", "she", "her", "they", "them"})
# A named place "of" one of these is where something happened, no party: "took to the streets of Tbilisi".
PLACE_PARTS = frozenset(
    {"street", "outskirts", "centre", "center", "heart", "part", "suburb", "city", "town", "village", "province",
     "region", "district", "area", "border", "capital"}
)  # fmt: skip


def candidates(match: TriggerMatch, sentence: DocSpan, rules: Token | None, start: int = 0) -> list[Token]:
    """The words that could fill a role: the rules' own word, and the nouns and pronouns of the sentence from
    character ``start`` (the end of a dateline) that head their phrase (a compound's head, not its parts), never
    the trigger itself nor a place named after a preposition of where or as what a part belongs to ("the streets
    of Tbilisi")."""
    trigger = _indices(match)
    words = [sentence.doc[index] for index in _phrase_heads(sentence, start) if index not in trigger]
    if rules is not None and not any(word.i == rules.i for word in words):
        words.append(rules)  # "U.S. airstrikes": the compound the rules read is a candidate like any other
    return words


def _indices(match: TriggerMatch) -> set[int]:
    return {word.i for word in match.tokens}


@per_doc_in_hand
def _phrase_heads_by_sentence(doc: Doc) -> dict[tuple[int, int], list[int]]:
    # Filled by ``_phrase_heads``, a sentence's on its first ask, kept while the Doc lives.
    return {}


def _phrase_heads(sentence: DocSpan, start: int) -> list[int]:
    """The indices of the sentence's nouns and pronouns from character ``start`` that head their phrase and name
    no place of where: found once per sentence, as every trigger of it asks for both roles."""
    doc = sentence.doc
    kept = _phrase_heads_by_sentence(doc)
    found = kept.get((sentence.start, start))
    if found is None:
        heads, labels = parse_arrays(doc)
        parts, entities, offsets, lowers = word_arrays(doc)
        lemmas = lemma_forms(doc)
        # "killed this year, according to the UN": who the news comes from is no party of what it tells.
        informants = {
            index
            for word in range(sentence.start, sentence.end)
            if lowers[word] == "according" and labels[word] == "prep"
            for index in range(doc[word].left_edge.i, doc[word].right_edge.i + 1)
        }
        found = kept[(sentence.start, start)] = [
            index
            for index in range(sentence.start, sentence.end)
            if parts[index] in CANDIDATE_POS
            and labels[index] != "compound"
            and offsets[index] >= start
            and not _where(index, heads, labels, lowers)
            and not _part_of_a_place(index, heads, labels, entities, lemmas)
            and index not in informants
        ]
    return found


def _where(index: int, heads: list[int], labels: list[str], lowers: list[str]) -> bool:
    """The word says where: the object of "in", "near" and the like, or its possessor ("in Niger's Tillabéri
    region")."""
    if labels[index] == "poss":
        index = heads[index]
    return labels[index] == "pobj" and lowers[heads[index]] in WHERE_PREPOSITIONS


def _part_of_a_place(index: int, heads: list[int], labels: list[str], entities: list[str], lemmas: list[str]) -> bool:
    """The word names the place a part of which is named: "the streets of Tbilisi", "the outskirts of Aleppo"."""
    if labels[index] != "pobj" or lemmas[heads[index]] != "of" or entities[index] not in ("GPE", "LOC", "FAC"):
        return False
    return lemmas[heads[heads[index]]] in PLACE_PARTS


# A pair's features come in groups, each spelt from a few values that many pairs share (a path, a label, a
# preposition): the choosers score a group's strings once per model and values (``RoleModel.group_margin``), the
# training reads them spelt out (``pair_rows``).
def _path_features(kind: str, quad: str, path: str) -> list[str]:
    return [f"path={path}", f"kind_path={kind}|{path}", f"quad_path={quad}|{path}"]


def _label_features(kind: str, voice: str, head_pos: str, label: str) -> list[str]:
    return [f"dep={label}", f"kind_dep={kind}|{label}", f"voice={voice}|{label}", f"head_pos={head_pos}|{label}"]


def _preposition_features(kind: str, quad: str, preposition: str) -> list[str]:
    return [f"prep={preposition}", f"kind_prep={kind}|{preposition}", f"quad_prep={quad}|{preposition}"]


def _word_features(entity: str, part: str, after: bool, distance: int, is_actor: bool) -> list[str]:
    return [
        f"ent={entity or '-'}",
        f"pos={part}",
        f"side={'after' if after else 'before'}",
        f"distance={distance}",
        f"actor={is_actor}",
        f"ent_actor={entity in NOT_PARTIES}|{is_actor}",
    ]


def _role_features(kind: str, rules: str, other_role: bool) -> list[str]:
    """Whether the rules chose the word for this role (``rules``: "this", "other" or "none") or for the other one."""
    features = ["other_role"] if other_role else []
    return features + (["rules=this", f"kind_rules={kind}|this"] if rules == "this" else [f"rules={rules}"])


# A word's role-free groups, each as the function that spells it followed by the values it is spelt from.
Groups = tuple[tuple[Hashable, ...], ...]


def pair_rows(
    head: Token,
    kind: str,
    words: list[Token],
    rules: Token | None,
    other_role: Token | None,
    actor_at: Callable[[Token], bool],
) -> list[list[str]]:
    """What the model reads of each (trigger, candidate word) pair: the dependency path between them, the
    candidate's label, preposition, entity type and side, the event type and voice, and whether the rules chose it
    for this role (``rules``) or for the other one (``other_role``)."""
    values = _role_free_values(head, kind, [word.i for word in words], {word.i for word in words if actor_at(word)})
    return [
        [feature for spell, *group in values[word.i] for feature in spell(*group)]
        + _role_features(kind, _rules_relation(rules, word.i), other_role is not None and other_role.i == word.i)
        for word in words
    ]


def _rules_relation(rules: Token | None, index: int) -> str:
    return "none" if rules is None else "this" if rules.i == index else "other"


def _role_free_values(head: Token, kind: str, words: list[int], actor_words: Collection[int]) -> dict[int, Groups]:
    """Each word's feature groups that do not depend on the role, as the values they are spelt from; the
    trigger's side is read once for all."""
    heads, labels = parse_arrays(head.doc)
    parts, entities, _, lowers = word_arrays(head.doc)
    at = head.i
    quad = QUAD_CLASS.get(kind, "none")
    voice = "passive" if is_passive(head) else "active"
    head_pos = parts[at]
    trigger_line = _line_up(at, heads)
    steps_down = {index: steps for steps, index in enumerate(trigger_line)}
    # The labels down to the trigger from each of its governors, spelt once for every word's path.
    falling = [">".join(map(labels.__getitem__, reversed(trigger_line[:down]))) for down in range(len(trigger_line))]
    values = {}
    for index in words:
        label = labels[index]
        values[index] = (
            (_path_features, kind, quad, _path(index, steps_down, falling, heads, labels)),
            (_label_features, kind, voice, head_pos, label),
            (_preposition_features, kind, quad, lowers[heads[index]] if label == "pobj" else "-"),
            (
                _word_features,
                entities[index],
                parts[index],
                index > at,
                min(abs(index - at), 12) // 3,
                index in actor_words,
            ),
        )
    return values


def _line_up(index: int, heads: list[int]) -> list[int]:
    """The word and its governors, at most ``MAX_PATH + 2`` of them: no path longer than ``MAX_PATH`` is spelt."""
    line = [index]
    while heads[line[-1]] != line[-1] and len(line) <= MAX_PATH + 1:
        line.append(heads[line[-1]])
    return line


def _path(candidate: int, steps_down: dict[int, int], falling: list[str], heads: list[int], labels: list[str]) -> str:
    """The labels from the candidate up to the lowest word governing both, then down to the trigger: "pobj<prep<^",
    or "far" when longer than ``MAX_PATH`` steps. ``steps_down``: the trigger's governors' steps down to it;
    ``falling``: their labels on the way, by steps."""
    rising: list[int] = []
    index = candidate
    # Past ``MAX_PATH`` steps up, any path is "far": the walk stops there.
    for steps in range(MAX_PATH + 1):
        down = steps_down.get(index)
        if down is not None:
            if steps + down > MAX_PATH:
                return "far"
            return f"{'<'.join(map(labels.__getitem__, rising))}^{falling[down]}"
        if heads[index] == index:
            return "far"
        rising.append(index)
        index = heads[index]
    return "far"


def choose(
    model: RoleModel,
    match: TriggerMatch,
    sentence: DocSpan,
    rules: Token | None,
    other_role: Token | None,
    actor_words: Collection[int],
    start: int = 0,
    known: dict[int, Groups] | None = None,
) -> Token | None:
    """The model's word for its role when it is sure enough, else the rules' (``rules``). ``actor_words``: the
    words in which the actors stage found an actor; ``known`` carries the words' role-free feature groups from one
    role's choice to the other's."""
    if not model:
        return rules
    trigger = _indices(match)
    words = [index for index in _phrase_heads(sentence, start) if index not in trigger]
    added = rules is not None and rules.i not in words
    if added:
        words.append(rules.i)
    probabilities = list(map(model.logistic, pair_margins(model, match, words, rules, other_role, actor_words, known)))
    # The first word of the highest probability, when above 0 (``max`` and ``index`` both give the first).
    best_probability = max(probabilities, default=0.0)
    if best_probability <= 0.0 or best_probability < model.threshold:
        return rules
    best = words[probabilities.index(best_probability)]
    # The rules' own word when it was added to the sentence's candidates (the callers tell a new word by identity).
    return rules if added and rules is not None and best == rules.i else sentence.doc[best]


def pair_margins(
    model: RoleModel,
    match: TriggerMatch,
    words: list[int],
    rules: Token | None,
    other_role: Token | None,
    actor_words: Collection[int],
    known: dict[int, Groups] | None = None,
) -> list[float]:
    """The model's margin (``RoleModel.margin``) of what ``pair_rows`` spells for each word, by index: the groups'
    strings are spelt and looked up once per model and values, not once per pair."""
    head, kind = match.head, match.trigger.event
    known = {} if known is None else known
    missing = [index for index in words if index not in known]
    if missing:
        known.update(_role_free_values(head, kind, missing, actor_words))
    other = -1 if other_role is None else other_role.i
    chosen = -1 if rules is None else rules.i
    # The role group has at most four margins in one call (whether the word is the rules' choice, whether it is the
    # other role's word): each looked up once, not spelt and looked up per word.
    rest = _role_margins(model, kind, _rules_relation(rules, -1))
    this = rest if rules is None else _role_margins(model, kind, "this")
    kept, group_margin = model.groups, model.group_margin  # most groups are known: one look-up each, no call
    margins = []
    for index in words:
        margin = (this if index == chosen else rest)[other == index]
        for key in known[index]:
            found = kept.get(key)
            margin += group_margin(key) if found is None else found
        margins.append(margin)
    return margins


def _role_margins(model: RoleModel, kind: str, relation: str) -> tuple[float, float]:
    """The role group's margin of a word in ``relation`` to the rules' choice ("this", "other", "none"): when it is
    not the other role's word, and when it is."""
    return (
        model.group_margin((_role_features, kind, relation, False)),
        model.group_margin((_role_features, kind, relation, True)),
    )


def rule_slots(match: TriggerMatch) -> tuple[Token | None, Token | None]:
    """The words the rules read as who did it and to whom, before the target model and the actors stage."""
    head = match.head
    source_token, target_token = slot_tokens(head, match.trigger.event)
    dead = died_in(head)
    if dead is not None:
        # "five people died in the attack": its victims, never its doers
        source_token = None if source_token is not None and source_token.i == dead.i else source_token
        target_token = target_token or dead
    if target_token is not None and any(target_token.i == word.i for word in match.tokens):
        # "opened fire on demonstrators", "held talks with the rebels": the phrase's own noun is no target.
        inner = target_token
        target_token = not_a_date(
            prepositional(inner, RECIPIENT_PREPOSITIONS | {"at"}) or prepositional(head, TARGET_PREPOSITIONS)
        )
    if target_token is None and roles.reduced_passive(head):
        source_token, target_token = None, source_token  # "helicopter shot down": the subject is the victim
    noun = _named_noun(head)
    if (attacked := roles.attack_undergone_by(noun)) is not None:
        # "the convoy came under attack": the subject underwent it; the attacker only as "by" names one
        return prepositional(noun, {"by"}) or prepositional(noun.head.head, {"by"}), attacked
    if noun.pos_ == "NOUN" and (undergoing := roles.undergone_as_object(noun)) is not None:
        # "the plan drew condemnation from rights groups": whom "from" or "by" names did it, to the subject
        doer = prepositional(noun, {"from", "by"}) or prepositional(undergoing.head, {"from", "by"})
        return doer, undergoing
    if source_token is not None and source_token.head.i == head.head.i and _undergone(head):
        source_token = None  # "came under fire, killing three soldiers": the shots came from someone unnamed
    return source_token, target_token


def _undergone(head: Token) -> bool:
    """An attack its clause's subject came under ("the convoy came under attack"), or what followed from it ("came
    under fire, killing three soldiers"): only a "by" phrase names who attacked."""
    if _attack_come_under(head):
        return True
    return head.dep_ in ("advcl", "xcomp", "conj") and roles.came_under_attack(head.head) is not None


def _named_noun(word: Token) -> Token:
    """The noun a word names as part of a compound ("rocket" in "rocket attack"), or the word itself."""
    while word.dep_ == "compound" and word.head.i != word.i:
        word = word.head
    return word


def _attack_come_under(head: Token) -> bool:
    """Whether the word names an attack its clause's subject underwent, alone or as part of a compound ("came under
    rocket attack": "rocket" too; "fell victim to an attack", "was the target of an attack")."""
    return roles.attack_undergone_by(_named_noun(head)) is not None


def chosen_parties(
    match: TriggerMatch, sentence: DocSpan, context: Context, source: Token | None, target: Token | None
) -> tuple[Token | None, Token | None]:
    """The role models' source and target, each given the rules' two choices; one word is never both."""

    known: dict[int, Groups] = {}  # both role models read the same words: their role-free features, once
    if _party_of_probed_happening(match.head, target, context):
        # "Police are investigating the attack on the Iraqi embassy": the embassy is the attack's target; what the
        # police probe is the attack, and the party it names (if any) stands for it
        target = target.head.head
    start, actor_words = context.dateline_end, context.actor_words
    # The source model only fills a source the rules left empty: overruling them, it took the subject of a
    # reporting or governing verb for the doer ("the ministry said the state must pay"). An agentless passive
    # ("one protester was killed") or a headline's reduced one ("helicopter shot down") names no doer to fill in.
    chosen_source = source
    if (
        source is None
        and not agentless_passive(match.head)
        and not roles.reduced_passive(match.head)
        and not _undergone(match.head)
    ):
        chosen_source = choose(context.source_model, match, sentence, source, target, actor_words, start, known)
    if chosen_source is not None and (
        outsiders.subject_of_another_act(
            named_through(_trigger_root(match)), outsiders.phrase_head(chosen_source, match.head)
        )
        or (match.trigger.event == "PROTEST" and outsiders.acted_on_others_there(match.head, chosen_source))
        or (
            source is None
            and (outsiders.victim(chosen_source, match.head) or outsiders.agent_elsewhere(chosen_source, match.head))
        )
        or outsiders.accuser(match.head, chosen_source)
        or (source is None and outsiders.told_of_another_doer(match.head, chosen_source))
    ):
        chosen_source = None
    chosen_target = choose(context.target_model, match, sentence, target, source, actor_words, start, known)
    if chosen_target is not target and (
        outsiders.reporter_of(match.head, chosen_target)
        or outsiders.outside_named_event(match.head, chosen_target)
        or outsiders.reacts_to(match.head, chosen_target)
    ):
        # "North Korea fired missiles into the sea, South Korea's military said": who tells of it is not its target;
        # "the attack bears the fingerprints of Daesh": nor is a party of what is said about an event noun, nor who
        # condemns or avenges it
        chosen_target = target
    if _plain_people_target(match.head, target, context) and (
        target.lower_ in PERSONAL
        or not _names_people(chosen_target, context)
        or (lemma_of(match.head) in roles.HARMING_VERBS and chosen_target.ent_type_ in PLACE_LABELS)
    ):
        # "Over 50 people were arrested for rioting": the model may not trade the people the verb itself acts on
        # for a thing named elsewhere in the sentence; nor, when the verb harms people, for a place ("five people
        # were killed in a strike on Gaza"); nor a pronoun for another name ("a teenager who supports Trump says he
        # was assaulted": he is the teenager, whom the pronoun's resolution names)
        chosen_target = target
    elif _inside_known_party(chosen_target, target, context):
        chosen_target = target  # "met Germany's chancellor": the chancellor, not the state that possesses him
    elif _party_of_named_event(chosen_target, target, context):
        chosen_target = target  # "investigating the attack on the Iraqi embassy": the embassy is the attack's
    two_sided = slots.two_sided(match.head, match.trigger.event)
    if outsiders.within(chosen_target, chosen_source, two_sided):
        # "an attack by al-Shabaab militants on a base": a word of the doer's own phrase is not whom it was done to
        chosen_target = None if outsiders.within(target, chosen_source, two_sided) else target
    if chosen_source is not None and chosen_target is not None and chosen_source.i == chosen_target.i:
        if source is None:
            chosen_source = None  # the word the source model filled in is the target
        else:
            chosen_target = target if target is not None and target.i != chosen_source.i else None
    if chosen_source is not None and _relative_of_event_noun(match.head, chosen_source, context):
        # "an IED blast that killed two jawans": the blast is the same happening told twice, no party of it
        chosen_source = roles.party(chosen_source, context.event_nouns, False)
    return chosen_source, chosen_target


def teller_undergoing(pronoun: Token, head: Token, context: Context) -> Token | None:
    """Who a personal pronoun that a reported passive acts on stands for: the teller, when the teller is a party and
    the telling names no one else it could be ("a teenager says he was assaulted", "the association said it had not
    been consulted"; not "told Yadav that he would be allowed", nor "the notes say she was attacked"). An object
    pronoun ("accused him", "urged them") acts on others, and is left to the actors stage."""
    if pronoun.dep_ != "nsubjpass" or pronoun.head.i != head.i or head.dep_ != "ccomp":
        return None
    if pronoun.lower_ not in PERSONAL | {"it"}:
        return None
    teller = named_subject(pronoun, head)
    if teller is pronoun or teller.head.i != head.head.i:
        return None
    if any(child.dep_ in ("dobj", "dative", "iobj") for child in head.head.children):
        return None
    if pronoun.lower_ == "it":
        # "the association said it had not been consulted": a body's "it", never a person's
        return teller if teller.ent_type_ in ("ORG", "GPE", "NORP") else None
    named = teller.pos_ == "PROPN" or teller.ent_type_ in roles.PARTY_ENTITIES or has_actor(teller, context)
    return teller if named or lemma_of(teller) in HUMAN_NOUNS else None


def _trigger_root(match: TriggerMatch) -> Token:
    """The word a phrase trigger hangs from outside itself: "state" in "declared a state of emergency" (whose head
    word, "emergency", hangs from "state" as any event noun would from another noun)."""
    inside = {token.i for token in match.tokens}
    return next((token for token in match.tokens if token.head.i not in inside or token.head.i == token.i), match.head)


def _plain_people_target(head: Token, target: Token | None, context: Context) -> bool:
    """The rules' target is the trigger's own object or passive subject, and names people."""
    return (
        target is not None
        and target.head.i == head.i
        and target.dep_ in ("dobj", "obj", "nsubjpass")
        and _names_people(target, context)
    )


def _inside_known_party(chosen: Token | None, target: Token | None, context: Context) -> bool:
    """The model's word is a modifier within the rules' target phrase, which itself names a known actor or is a
    deed whose doer it names ("condemned the Russian invasion of Ukraine": Russia, not Ukraine)."""
    return (
        chosen is not None
        and target is not None
        and chosen.i != target.i
        and (has_actor(target, context) or named_doer(target, context) is not None)
        and outsiders.within(chosen, target)
    )


def _party_of_probed_happening(head: Token, target: Token | None, context: Context) -> bool:
    """The rules' target hangs by a preposition from the object of a verb reacting to a happening, and that object
    names a happening: "condemned the attack on the convoy", "investigating the riot at the Capitol"."""
    if target is None or target.dep_ != "pobj" or target.head.dep_ != "prep":
        return False
    happening = target.head.head
    return (
        happening.dep_ in ("dobj", "obj")
        and happening.head.i == head.i
        and lemma_of(head) in outsiders.REACTION_VERBS
        and (lemma_of(happening) in context.event_nouns or lemma_of(happening) in roles.HAPPENING_NOUNS)
    )


def _party_of_named_event(chosen: Token | None, target: Token | None, context: Context) -> bool:
    """The rules' target is an event noun and the chosen word hangs from it by a preposition: a party of that
    happening ("the attack on the Iraqi embassy", "the riot at the U.S. Capitol"), not of the act told of it."""
    if target is None or target.lemma_.lower() not in context.event_nouns:
        return False
    branch = outsiders.branch_within(chosen, target)
    return branch is not None and branch.dep_ == "prep"


def _relative_of_event_noun(head: Token, word: Token, context: Context) -> bool:
    """The word is the event noun the trigger's relative clause hangs from ("a blast that killed")."""
    return (
        head.dep_ == "relcl"
        and head.head.i == word.i
        and word.pos_ == "NOUN"
        and word.lemma_.lower() in context.event_nouns
        and not has_actor(word, context)
    )


def _names_people(token: Token | None, context: Context) -> bool:
    return token is not None and (
        has_actor(token, context)
        or token.ent_type_ in roles.PARTY_ENTITIES
        or token.pos_ == "PRON"
        or token.lemma_.lower() in HUMAN_NOUNS
    )


def agentless_passive(head: Token, told_in: bool = False) -> bool:
    """A passive that names no doer ("was wounded"), or the happening such a passive was told in ("was wounded in a
    shooting"), which names no more of one."""
    if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "VERB":
        verb = head.head.head
        # "forces were engaged in ethnic cleansing": who is engaged or involved in it does it
        return lemma_of(verb) not in PARTAKING and agentless_passive(verb, told_in=True)
    # "a man accused of stealing a cow": a participle modifying its noun is a passive too (but "a settlement reached
    # in peace talks" leaves open who talks)
    participle = head.dep_ == "acl" and head.tag_ == "VBN" and not told_in
    return (is_passive(head) or participle) and not any(child.dep_ == "agent" for child in head.children)


# Passives whose subject takes part in the happening they are "in": "were engaged in clashes", "was involved in".
PARTAKING = frozenset({"engage", "involve", "embroil", "entangle", "mire"})
