"""Who did an event and to whom, chosen by trained models among the sentence's noun phrases.

The rules' reading of the parse (``slots.slot_tokens``) proposes a source and a target; a model per role scores
every noun, proper noun and pronoun of the sentence as that role of the trigger, with the rules' choices as
features, and replaces the rules' word only when its best candidate is at least ``model.threshold`` likely. They
learn from real role spans (ConfliBERT's CAMEO source/target tags) and the tune part of the PLOVER gold what the
rules miss: a recipient two prepositions away ("asked for support from Uganda"), a party named as a possessor, an
actor behind a weapon.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from dateline.extract.events.syntax import WHERE_PREPOSITIONS, is_passive, parse_arrays, word_arrays
from dateline.extract.events.triggers import TriggerMatch
from dateline.resources.events import QUAD_CLASS
from dateline.resources.role_model import RoleModel

CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
NOT_PARTIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
MAX_PATH = 4


def candidates(match: TriggerMatch, sentence: DocSpan, rules: Token | None, start: int = 0) -> list[Token]:
    """The words that could fill a role: the rules' own word, and the nouns and pronouns of the sentence from
    character ``start`` (the end of a dateline) that head their phrase (a compound's head, not its parts), never
    the trigger itself nor a place named after a preposition of where."""
    heads, labels = parse_arrays(sentence.doc)
    parts, _, offsets, lowers = word_arrays(sentence.doc)
    trigger = {word.i for word in match.tokens}
    words = [
        sentence.doc[index]
        for index in range(sentence.start, sentence.end)
        if parts[index] in CANDIDATE_POS
        and labels[index] != "compound"
        and offsets[index] >= start
        and index not in trigger
        and not (labels[index] == "pobj" and lowers[heads[index]] in WHERE_PREPOSITIONS)
    ]
    if rules is not None and not any(word.i == rules.i for word in words):
        words.append(rules)  # "U.S. airstrikes": the compound the rules read is a candidate like any other
    return words


def pair_rows(
    head: Token,
    kind: str,
    words: list[Token],
    rules: Token | None,
    other_role: Token | None,
    actor_at: Callable[[Token], bool],
    known: dict[int, list[str]] | None = None,
) -> list[list[str]]:
    """What the model reads of each (trigger, candidate word) pair: the dependency path between them, the
    candidate's label, preposition, entity type and side, the event type and voice, and whether the rules chose it
    for this role (``rules``) or for the other one (``other_role``). The trigger's side is read once for all;
    ``known`` keeps each word's features that do not depend on the role, for the other role's model to reuse."""
    known = {} if known is None else known
    missing = [candidate for candidate in words if candidate.i not in known]
    if missing:
        known.update(_role_free_rows(head, kind, missing, actor_at))
    rows = []
    for candidate in words:
        features = list(known[candidate.i])
        if other_role is not None and other_role.i == candidate.i:
            features.append("other_role")
        if rules is None:
            features.append("rules=none")
        elif rules.i == candidate.i:
            features += ["rules=this", f"kind_rules={kind}|this"]
        else:
            features.append("rules=other")
        rows.append(features)
    return rows


def _role_free_rows(
    head: Token, kind: str, words: list[Token], actor_at: Callable[[Token], bool]
) -> dict[int, list[str]]:
    heads, labels = parse_arrays(head.doc)
    parts, entities, _, lowers = word_arrays(head.doc)
    quad = QUAD_CLASS.get(kind, "none")
    voice = "passive" if is_passive(head) else "active"
    head_pos = parts[head.i]
    trigger_line = _line_up(head.i, heads)
    steps_down = {index: steps for steps, index in enumerate(trigger_line)}
    rows = {}
    for candidate in words:
        index = candidate.i
        path = _path(index, trigger_line, steps_down, heads, labels)
        label = labels[index]
        preposition = lowers[heads[index]] if label == "pobj" else "-"
        entity = entities[index]
        is_actor = actor_at(candidate)
        rows[index] = [
            f"path={path}",
            f"kind_path={kind}|{path}",
            f"quad_path={quad}|{path}",
            f"dep={label}",
            f"kind_dep={kind}|{label}",
            f"prep={preposition}",
            f"kind_prep={kind}|{preposition}",
            f"quad_prep={quad}|{preposition}",
            f"ent={entity or '-'}",
            f"pos={parts[index]}",
            f"side={'after' if index > head.i else 'before'}",
            f"distance={min(abs(index - head.i), 12) // 3}",
            f"voice={voice}|{label}",
            f"head_pos={head_pos}|{label}",
            f"actor={is_actor}",
            f"ent_actor={entity in NOT_PARTIES}|{is_actor}",
        ]
    return rows


def _line_up(index: int, heads: list[int]) -> list[int]:
    """The word and its governors, at most ``MAX_PATH + 2`` of them: no path longer than ``MAX_PATH`` is spelt."""
    line = [index]
    while heads[line[-1]] != line[-1] and len(line) <= MAX_PATH + 1:
        line.append(heads[line[-1]])
    return line


def _path(
    candidate: int, trigger_line: list[int], steps_down: dict[int, int], heads: list[int], labels: list[str]
) -> str:
    """The labels from the candidate up to the lowest word governing both, then down to the trigger: "pobj<prep<^",
    or "far" when longer than ``MAX_PATH`` steps."""
    up = _line_up(candidate, heads)
    for steps, index in enumerate(up):
        down = steps_down.get(index)
        if down is not None:
            if steps + down > MAX_PATH:
                return "far"
            rising = "<".join(labels[word] for word in up[:steps])
            falling = ">".join(labels[word] for word in reversed(trigger_line[:down]))
            return f"{rising}^{falling}"
    return "far"


def choose(
    model: RoleModel,
    match: TriggerMatch,
    sentence: DocSpan,
    rules: Token | None,
    other_role: Token | None,
    actor_at: Callable[[Token], bool],
    start: int = 0,
    known: dict[int, list[str]] | None = None,
) -> Token | None:
    """The model's word for its role when it is sure enough, else the rules' (``rules``). ``actor_at(token)``
    says whether the actors stage found an actor in the words the token heads; ``known`` carries the words'
    role-free features from one role's choice to the other's."""
    if not model:
        return rules
    head, kind = match.head, match.trigger.event
    words = candidates(match, sentence, rules, start)
    rows = pair_rows(head, kind, words, rules, other_role, actor_at, known)
    best, best_probability = None, 0.0
    for word, probability in zip(words, model.probabilities_of(rows), strict=True):
        if probability > best_probability:
            best, best_probability = word, probability
    return best if best is not None and best_probability >= model.threshold else rules
