"""Whether a trigger's event happened: asserted, alleged, negated, denied, conditional, threatened or hypothetical (and
questioned or standing, which the coder drops), from its negation, its governing verbs and its auxiliaries."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from dateline.extract.events.syntax import (
    GOVERNED_BY,
    OBJECTS,
    blamed_on,
    conditioned,
    controlling_clause,
    governors_of,
    lemma_forms,
    lemma_of,
    light_verb_of,
    modified_noun,
    parse_arrays,
    sentence_bounds,
    verb_in,
    walk_arrays,
    word_arrays,
)
from dateline.model import Quote, Span
from dateline.resources.events import QUAD_CLASS, Trigger

# "Failed to reach agreement": what a party failed to do did not happen.
FAIL_HEADS = frozenset({"fail"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
POSSIBILITY_AUX = frozenset({"could", "might", "may", "would", "can"})
THREAT_HEADS = frozenset({"threaten", "threat", "vow", "pledge", "warn", "promise"})
# What a party plans, wants, asks or demands to be done is not (yet) done: "calls on Dean to apologize", "demanded
# a crackdown", "the need for talks", "an offer of talks".
INTENT_HEADS = frozenset(
    {"plan", "want", "seek", "try", "intend", "aim", "hope", "prepare", "call", "urge", "ask", "right", "readiness",
     "demand", "propose", "proposal", "suggest", "insist", "need", "wish", "recommend", "appeal", "plea", "request",
     "offer", "press", "push", "advocate", "favour", "favor", "expect", "hint", "likely",
     "unlikely", "willing", "ready", "possible", "impossible", "train", "teach"}
)  # fmt: skip
# Verbs whose object names what is wanted, not what was done: "demanded immediate crackdown", "sought talks".
WANTING_VERBS = frozenset(
    {"demand", "seek", "want", "urge", "propose", "request", "need", "recommend", "favour", "fear", "expect"}
)
# Verbs that undo a planned event: "cancelled the talks", "the march was scrapped".
CANCEL_VERBS = frozenset({"cancel", "scrap", "abandon", "shelve", "postpone"})
# Verbs that keep an event from happening, whose subject is no party to it: "blocked the execution", "foiled an
# attack", "averted a strike".
PREVENTING_VERBS = frozenset({"block", "prevent", "avert", "foil", "thwart", "stay", "delay"})
# Verbs whose object is a topic, not something done: "met to discuss the ceasefire", "weighing sanctions".
TOPIC_VERBS = frozenset({"discuss", "debate", "consider", "review", "examine", "weigh", "explore", "study"})
# Verbs that report as often as they direct: only "told them to leave" is a directive, "told reporters that…" not.
DIRECTIVE_VERBS = frozenset({"tell", "instruct", "advise", "persuade"})
# The unions the checks below ask about, made once (not once per candidate and step).
WANTED_BY = WANTING_VERBS | TOPIC_VERBS
WANTED_THROUGH = GOVERNED_BY | OBJECTS
UNCERTAIN_AUX = POSSIBILITY_AUX | OBLIGATION_AUX
QUESTION_MARKS = frozenset({"if", "whether"})
# What may follow a question's mark at the end of its sentence: closing quotes and spaces.
QUESTION_CLOSERS = " \"'”’\n"
# "will likely win if…": the outlet's forecast, not a party's stance.
FORECAST_ADVERBS = frozenset({"likely", "probably", "perhaps", "possibly", "maybe"})
# How often a kind of act happens: "such attacks often kill dozens", "police routinely arrest activists" tell of a
# habit, not of one happening.
HABITUAL_ADVERBS = frozenset(
    {"often", "usually", "frequently", "regularly", "routinely", "typically", "generally", "commonly", "repeatedly",
     "sometimes", "occasionally", "rarely", "seldom", "habitually", "customarily"}
)  # fmt: skip
# Verbs of a standing position: backing or opposing someone is a state, not an act, unless told as done once
# ("endorsed Cruz on Monday").
STANDING_VERBS = frozenset({"support", "back", "oppose", "favor", "favour", "approve", "recognize", "recognise"})
# Of those, the ones whose object is only a stand taken ("support a ban"; "approved a ban" adopts one).
STANCE_VERBS = frozenset({"support", "back", "oppose", "favor", "favour"})
DURATIVE_ADVERBS = frozenset({"long", "always", "consistently", "steadfastly", "staunchly", "traditionally"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})
# Readings that are no happening at all, which the coder drops: a question, a standing position, an accident.
NOT_HAPPENINGS = frozenset({"questioned", "standing", "unanchored", "procedure", "accidental", "campaign"})
# A rally of a campaign, not a protest: "a campaign rally", "a Trump rally", "endorsed Clinton at a rally".
CAMPAIGN_WORDS = frozenset({"campaign", "election", "electoral", "fundraising", "re-election", "reelection", "primary"})
# What kills or injures by accident, no party's act: "killed in a helicopter crash", "died when a bus plunged into a
# ravine". (A fire or an explosion may be an attack, so neither is here.)
ACCIDENT_NOUNS = frozenset(
    {"crash", "accident", "collision", "derailment", "stampede", "landslide", "mudslide", "avalanche", "earthquake",
     "flood", "flooding", "storm", "hurricane", "cyclone", "typhoon", "tornado", "lightning", "drowning",
     "shipwreck", "heatwave"}
)  # fmt: skip
ACCIDENT_VERBS = frozenset({"plunge", "crash", "collapse", "overturn", "capsize", "derail", "sink", "collide", "skid"})
# What ties an event noun to one occasion: a determiner, an owner, a number, a modifying phrase or clause.
ANCHORS = frozenset({"det", "poss", "nummod", "prep", "compound", "acl", "relcl", "nmod", "appos"})
# Prepositions that make an event noun a topic, cause or circumstance: "despite criticism", "devastated by riots".
TOPIC_PREPOSITIONS = frozenset({"despite", "by", "about", "over", "for", "from", "against"})
# Acts made in words, which a party makes by saying it would or will: a promise, a threat, a demand.
PARTY_ACTS = frozenset({"AGREE", "THREATEN", "REQUEST"})
UNREALISED_WORDS = frozenset(
    {"possible", "potential", "planned", "likely", "imminent", "expected", "proposed", "future", "threatened", "fear"}
)
EXPECTATION_HEADS = frozenset({"anticipation", "fear", "prospect", "possibility", "risk", "expectation"})
# What a party longs for has not happened: "reiterated his desire for a speedy withdrawal".
DESIRE_HEADS = frozenset({"desire", "wish", "hope", "longing", "yearning"})
# "tens of thousands remained to be airlifted", "are yet to be released": what is still to be done is not done.
PENDING_HEADS = frozenset({"remain", "yet"})
PLAN_HEADS = frozenset({"plan", "intend"})
# What is remembered on a day was done before it: "will mark the first anniversary of the murder".
COMMEMORATION_HEADS = frozenset({"anniversary", "commemoration", "remembrance", "memorial"})
# Nouns whose infinitive was tried, not only set out: "an attempt to storm the building" (PLOVER codes the attack).
ATTEMPT_NOUNS = frozenset({"attempt", "bid", "effort", "try"})
DENIAL_HEADS = frozenset({"deny", "dismiss", "refute"})
# Nouns whose clause tells what someone says happened: "reports that the army had used chemical weapons".
REPORT_NOUNS = frozenset(
    {"report", "claim", "allegation", "rumour", "rumor", "accusation", "suggestion", "speculation", "charge"}
)
# Verbs that characterise what happened: "a new crime that forces described as a blatant assault", "described the
# marchers as rioters", "called it an act of aggression" name no second happening.
CHARACTERISING_VERBS = frozenset(
    {"describe", "call", "label", "term", "brand", "characterize", "characterise", "dub", "deem", "consider", "regard",
     "view", "see", "denounce", "decry", "condemn", "portray", "depict"}
)  # fmt: skip
# What a party is known for: "known for attacking police stations", "notorious for kidnappings".
REPUTATION_WORDS = frozenset({"know", "known", "famous", "notorious", "infamous", "renowned", "remember"})
# Nouns that name why a clause's own act was done ("in retaliation for the attack"), not a second act.
MOTIVE_NOUNS = frozenset({"retaliation", "revenge", "reprisal", "response"})
# What a party is accused of is its accuser's allegation, not the outlet's report: "accused the protesters of
# burning a building", "charged the army with killing ten villagers", "blamed the rebels for shelling the market".
ALLEGING_VERBS = frozenset({"accuse", "charge", "blame", "suspect", "indict", "allege"})


def modality_of(head: Token, trigger: Trigger, quote: Quote | None = None) -> str:
    # "accused him of directing drone and rocket attacks": the drones and rockets are the attacks' weapons, no more
    head = modified_noun(head)
    # A noun's modality is also that of the light verb it is the object of: "will extend the curfew", "did not
    # hold talks", "plans to impose restrictions", "if he gave them a veto".
    light = light_verb_of(head)
    # The words' children are read off the document's arrays: ``Token.children`` builds a Token per child.
    children, labels, lowers = walk_arrays(head.doc)
    lemmas = lemma_forms(head.doc)
    beside = [child for word in [head, *light] for child in children[word.i]]  # the trigger's and its light verb's
    # The children are tested in loops: asked of every trigger, a generator per test cost more than the tests.
    for child in beside:
        if labels[child] == "neg" or (lowers[child] == "no" and labels[child] == "det"):
            return "negated"
    if head.dep_ in ("pobj", "pcomp") and head.head.lower_ == "without":
        return "negated"  # "entered the town without fighting"
    for child in children[head.i]:
        if labels[child] == "amod" and lemmas[child] in UNREALISED_WORDS:
            return "hypothetical"  # "a possible ground invasion", "the planned march"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and lemma_of(head.head.head) in EXPECTATION_HEADS:
        return "hypothetical"  # "deployed forces in anticipation of more demonstrations"
    if head.dep_ == "pobj" and head.head.lower_ in ("of", "for") and lemma_of(head.head.head) in DESIRE_HEADS:
        return "hypothetical"  # "his desire for a speedy withdrawal"
    if head.dep_ == "xcomp" and lemma_of(head.head) in PENDING_HEADS and head.tag_ == "VBN":
        return "hypothetical"  # "remained to be airlifted"
    if commemorated(head):
        return "asserted"  # "will mark the anniversary of the murder": the remembering is to come, the murder was
    own_governors = governors_of(head)
    chains = [(head, own_governors), *((verb, governors_of(verb)) for verb in light)]
    governors = [word for _, chain in chains for word in chain]
    governed_by = {lemma_of(governor) for governor in governors}  # each lemma read once for the checks below
    if not DENIAL_HEADS.isdisjoint(governed_by):
        return "denied"
    reports = [governor for governor in governors if _tells_of(governor, [head, *light])]
    if any(report.dep_ in OBJECTS and lemma_of(report.head) in DENIAL_HEADS for report in reports):
        return "denied"  # "denied reports that the army had used chemical weapons"
    if reports:
        return "alleged"  # "amid claims that police beat the protesters"
    if (
        _alleged(head)
        or "allegedly" in map(lowers.__getitem__, beside)
        or "allege" in governed_by  # "alleged that she was raped"
    ):
        return "alleged"
    if not FAIL_HEADS.isdisjoint(governed_by) or _called_off(head):
        return "negated"
    if trigger.event != "PROTEST" and _prevented(head):
        return "negated"  # (a protest prevented is the preventer's repression, which the recoder codes)
    if QUAD_CLASS[trigger.event] in ("verbal_coop", "material_coop") and _failed_attempt(
        [*_attempt_of(head), *governors]
    ):
        # "A rescue mission to free the hostages failed": nobody was freed, and nobody refused to. (A failed attempt
        # at force is still force used: PLOVER codes an attempted assassination as an ASSAULT.)
        return "hypothetical"
    if _motive(head) or _characterisation(head) or _reputation(head):
        return "unanchored"
    if _accident(head):
        return "accidental"
    if _campaign_rally(head):
        return "campaign"
    if _reporting_procedure(head, governors):
        return "procedure"
    if _unanchored(head, trigger, light):
        return "unanchored"
    if _standing(head) and not (quote is not None and _of_itself(head)):
        return "standing"  # declared by the party itself ("said he fully supports the compromise"), it is an act
    clause = [head, *light, *governors]
    adverbs = [lowers[child] for child in beside if labels[child] == "advmod"]
    if FORECAST_ADVERBS.intersection(adverbs):
        return "hypothetical"
    doing = [head.head] if head.dep_ in ("nsubj", "nsubjpass") else []  # "such attacks often kill dozens"
    # "has repeatedly threatened", "repeatedly attacked": acts told as done, again and again, did happen
    done_again = any(word.tag_ in ("VBD", "VBN") for word in (head, *light))
    habitual = HABITUAL_ADVERBS - {"repeatedly"} if done_again else HABITUAL_ADVERBS
    if (
        habitual.intersection(adverbs)
        or any(labels[child] == "advmod" and lowers[child] in habitual for verb in doing for child in children[verb.i])
        or _every_time([head, *light, *doing])
        or "tend" in governed_by  # "voters tend to back Democrats"
    ):
        return "unanchored"
    if _asked_about(clause + _holders_of_purpose(head)):
        return "questioned"  # never stored: a question is no happening, not even a party's promise
    for word in clause:  # a loop: asked of every trigger, a generator per ask cost more than the checks
        if conditioned(word):
            return "conditional"
    if trigger.event != "THREATEN" and _told_as_threat(chains):
        return "threatened"
    auxiliaries = auxiliaries_of(clause, quote)
    planned = not PLAN_HEADS.isdisjoint(governed_by)
    if (auxiliaries & FUTURE_AUX or planned) and QUAD_CLASS[trigger.event] == "material_conflict":
        return "threatened"  # force or coercion a party says it will or plans to use
    # "tried to hold demonstrations": an attempt under a light verb still took place.
    if auxiliaries & POSSIBILITY_AUX or any(lemmas[governor.i] in INTENT_HEADS for governor in own_governors):
        return "hypothetical"
    if _wanted(head) or _stance_on(head, trigger) or (_purpose(head) and _done_by_hand(trigger)):
        return "hypothetical"
    return "asserted"


def commemorated(head: Token) -> bool:
    """The trigger names what an anniversary or a memorial is of: a happening of the past, whenever it is marked."""
    return head.dep_ == "pobj" and head.head.lower_ == "of" and lemma_of(head.head.head) in COMMEMORATION_HEADS


def _told_as_threat(chains: list[tuple[Token, list[Token]]]) -> bool:
    """Whether a threat, vow or warning governs the trigger ("vowed to attack", "threatened to strike and burn"), read
    along each word's chain of governors (``governors_of``). A verb joined to one by "and" is an act beside it, not
    its content: "warned of a takeover and urged an airlift" urged in earnest."""
    for start, chain in chains:
        below = start
        for governor in chain:
            if lemma_of(governor) in THREAT_HEADS and below.dep_ != "conj":
                return True
            below = governor
    return False


def _every_time(words: list[Token]) -> bool:
    """ "every year, thousands march", "each week police arrest": what happens every time of a kind is a habit."""
    if not words:
        return False
    doc = words[0].doc
    children, labels, lowers = walk_arrays(doc)
    lemmas = lemma_forms(doc)
    for verb in words:  # loops and tests in C: asked of every trigger, a generator per word cost more
        for child in children[verb.i]:
            if (
                labels[child] == "npadvmod"
                and lemmas[child] in RECURRING_TIMES
                and not EVERY.isdisjoint(map(lowers.__getitem__, children[child]))
            ):
                return True
    return False


# Spans of time that, after "every" or "each" (``EVERY``), make an act a habit.
EVERY = frozenset({"every", "each"})
RECURRING_TIMES = frozenset(
    {"day", "week", "month", "year", "time", "night", "morning", "evening", "weekend", "summer", "winter", "season"}
)


def _done_by_hand(trigger: Trigger) -> bool:
    """A material act, which a purpose clause tells as not yet done; acting "to demand", "to discuss" or "to
    protest" is demanding, discussing or protesting ("gathered to demand an end to power cuts", "shunned work to
    protest at the settlements")."""
    return QUAD_CLASS[trigger.event] in ("material_conflict", "material_coop") and trigger.event != "PROTEST"


def _purpose(head: Token) -> bool:
    """ "a police team that had gone to arrest a suspect", "troops were sent to quell the protests": what an act
    was done for is not told as done; nor what a noun sets out to be done ("set a deadline for the government to
    hand over the killers", "a mission to free the hostages"; but an attempt at force is force used)."""
    if head.tag_ != "VB" or not _infinitive(head):
        return False
    set_out = head.dep_ in ("acl", "relcl") and head.head.pos_ == "NOUN" and lemma_of(head.head) not in ATTEMPT_NOUNS
    return head.dep_ == "advcl" or set_out


def _infinitive(head: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in head.children)


def _campaign_rally(head: Token) -> bool:
    """A rally named for a campaign or a politician, or one a named person holds or speaks at: a campaign event,
    not a protest ("a campaign rally", "a Trump rally", "Sanders endorsed Clinton at a rally")."""
    if head.pos_ != "NOUN" or lemma_of(head) != "rally":
        return False
    if any(
        child.dep_ in ("compound", "amod") and (lemma_of(child) in CAMPAIGN_WORDS or _a_person(child))
        for child in head.children
    ):
        return True
    verb = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "at" else head.head
    held = head.dep_ in OBJECTS or verb.i != head.head.i
    return held and any(child.dep_ == "nsubj" and _a_person(child) for child in verb.children)


def _a_person(word: Token) -> bool:
    # The small model leaves some surnames unlabelled ("Sanders endorsed ..."): a proper noun no other kind claims
    return word.ent_type_ == "PERSON" or (word.pos_ == "PROPN" and word.ent_type_ not in ("ORG", "GPE", "NORP"))


def _accident(head: Token) -> bool:
    """A killing or wounding told as the work of an accident: "killed in a helicopter crash", "killed when a bus
    plunged into a ravine"."""
    if head.pos_ != "VERB" or lemma_of(head) not in ("kill", "injure", "wound", "die", "hurt"):
        return False
    for child in head.children:
        causes = [word for word in child.children if word.dep_ == "pobj"] if child.dep_ == "prep" else []
        if child.lower_ in ("in", "during", "after") and any(lemma_of(word) in ACCIDENT_NOUNS for word in causes):
            return True
        if child.dep_ == "advcl" and lemma_of(child) in ACCIDENT_VERBS:
            return True
    return False


def _characterisation(head: Token) -> bool:
    """An event noun that a verb of characterising predicates of something ("described as a blatant assault",
    "called it an act of aggression"): a name given to a happening told elsewhere, not a second one."""
    if head.pos_ != "NOUN":
        return False
    if head.dep_ in ("oprd", "attr") and lemma_of(head.head) in CHARACTERISING_VERBS:
        return True
    preposition = head.head
    return head.dep_ == "pobj" and preposition.lower_ == "as" and lemma_of(preposition.head) in CHARACTERISING_VERBS


def _reputation(head: Token) -> bool:
    """What a party is known for is its reputation, not a happening: "the group is known for attacking police
    stations", "notorious for kidnappings"."""
    if head.dep_ not in ("pobj", "pcomp"):
        return False
    preposition = head.head
    return preposition.lower_ == "for" and lemma_of(preposition.head) in REPUTATION_WORDS


def _motive(head: Token) -> bool:
    """ "shelled the village in retaliation for the attack", "as a reprisal": the noun names why the clause's own act
    was done; that act is the happening, not a second one."""
    if head.pos_ != "NOUN" or lemma_of(head) not in MOTIVE_NOUNS or head.dep_ != "pobj":
        return False
    preposition = head.head
    return preposition.lower_ in ("in", "as") and preposition.head.pos_ in ("VERB", "AUX")


def _prevented(head: Token) -> bool:
    """ "blocked the execution", "foiled an attack": an event noun kept from happening did not happen."""
    verb = _acting_on(head)
    return verb is not None and lemma_of(verb) in PREVENTING_VERBS


def _acting_on(head: Token) -> Token | None:
    """The verb an event noun is the object or passive subject of ("cancelled the talks", "the march was
    scrapped"), if any."""
    if head.pos_ != "NOUN" or head.dep_ not in (*OBJECTS, "nsubjpass") or head.head.i == head.i:
        return None
    return head.head


def _tells_of(noun: Token, words: list[Token]) -> bool:
    """The noun is a report, claim or rumour whose clause, or whose "of", holds one of ``words`` ("reports that the
    army had used", "rumours of a bomb blast"); a report "on" the riots only has them as its topic."""
    if noun.pos_ != "NOUN" or lemma_of(noun) not in REPORT_NOUNS:
        return False
    for word in words:
        below = word
        for _ in range(4):
            if below.head.i == noun.i:
                return below.dep_ in ("acl", "ccomp") or (below.dep_ == "prep" and below.lower_ == "of")
            if below.head.i == below.i:
                break
            below = below.head
    return False


def _alleged(head: Token) -> bool:
    """ "accused the protesters of burning", "blamed the bombing on militants", "blamed the outages on attacks": the
    act under an accusation's preposition, or blamed on someone or blamed for something, is alleged."""
    clause = controlling_clause(head)
    return (clause is not None and verb_in(clause[0], ALLEGING_VERBS)) or blamed_on(head) is not None


def _called_off(head: Token) -> bool:
    """ "The protest was called off", "cancelled the talks": an event noun that was cancelled did not happen."""
    verb = _acting_on(head)
    if verb is None:
        return False
    particle = any(child.dep_ == "prt" and child.lower_ == "off" for child in verb.children)
    return lemma_of(verb) in CANCEL_VERBS or (particle and lemma_of(verb) == "call")


def _attempt_of(head: Token) -> list[Token]:
    """The noun whose purpose an infinitive states ("a mission to free the hostages"), however the parser attaches
    it (``acl`` or ``relcl``)."""
    return [head.head] if _infinitive(head) and head.dep_ in ("acl", "relcl") and head.head.pos_ == "NOUN" else []


def _failed_attempt(governors: list[Token]) -> bool:
    """ "A rescue mission to free the hostages failed": the purpose of an attempt that failed did not happen."""
    return any(
        governor.pos_ == "NOUN" and governor.dep_ in ("nsubj", "nsubjpass") and lemma_of(governor.head) in FAIL_HEADS
        for governor in governors
    )


def told_as_unreal(modality: str, kind: str, head: Token, quote: Quote | None) -> bool:
    """Whether the text tells the trigger's event as no happening at all, so the coder drops it: what is asked
    about; a standing position; what only may happen ("could attack", "a possible invasion", "will likely win"),
    unless a party says it will do it ("the bank said it would halt loans") or it is a promise, threat or demand a
    party made; what would happen on a condition, unless it is a party's conditional threat or promise ("will
    withdraw unless")."""
    if modality in NOT_HAPPENINGS:
        return True
    if modality == "conditional":
        return kind not in PARTY_ACTS
    if modality != "hypothetical":
        return False
    if quote is None:
        return True
    announced = auxiliaries_of([head, *light_verb_of(head)], quote) & FUTURE_AUX
    return kind not in PARTY_ACTS and not announced


def _standing(head: Token) -> bool:
    """ "a super PAC backing Jeb Bush", "43% of voters support Strickland", "a group opposed to Trump", "his party
    was supporting the coalition": a position held, in the present, progressive or as a modifier."""
    if lemma_of(head) not in STANDING_VERBS:
        return False
    if head.tag_ in ("VBZ", "VBP") or (head.dep_ == "acl" and head.tag_ == "VBG"):
        return True
    if any(child.dep_ == "advmod" and child.lower_ in DURATIVE_ADVERBS for child in head.children):
        return True  # "have long opposed", "has always backed"
    auxiliaries = [child.lower_ for child in head.children if child.dep_ in ("aux", "auxpass")]
    if head.tag_ == "VBG" and auxiliaries:
        return True  # "was supporting"
    return head.tag_ == "VBN" and bool(auxiliaries) and PRESENT_BE.issuperset(auxiliaries)  # "is opposed to"


def _reporting_procedure(head: Token, governors: list[Token]) -> bool:
    """The reporting itself, or a verb of origin: "did not respond to a request for comment", "declined to comment
    on the attack", "will be interviewed about", "hails from Bihar"."""
    # Read off the document's arrays: ``Token.children`` builds a Token per child.
    doc, index = head.doc, head.i
    children, labels, lowers = walk_arrays(doc)
    lemmas = lemma_forms(doc)
    if lemmas[index] == "interview" or "comment" in [lemmas[governor.i] for governor in governors]:
        return True
    asked_for = [grandchild for child in children[index] if labels[child] == "prep" for grandchild in children[child]]
    if "comment" in map(lemmas.__getitem__, asked_for):
        return True
    return lemmas[index] == "hail" and any(lowers[child] == "from" for child in children[index])


def _unanchored(head: Token, trigger: Trigger, light: list[Token]) -> bool:
    """ "defended it despite criticism", "devastated by riots", "characterised by cooperation": an event noun with
    nothing tying it to an occasion, neither acted out by a verb ("held talks") nor doing something ("clashes
    erupted") nor naming a thing that does ("the compromise formula put forward") nor a verb's complement ("on
    alert"), speaks of a kind of happening, not of one."""
    if head.pos_ != "NOUN" or light or len(trigger.lemmas) > 1:
        return False  # a phrase trigger ("suppressed protest") is acted out by its own verb
    children, labels, lowers = walk_arrays(head.doc)
    heads = parse_arrays(head.doc)[0]
    first = head.i
    while labels[first] == "conj" and heads[first] != first:  # "confrontation and attack on property"
        first = heads[first]
    if any(labels[child] in ANCHORS for word in (head.i, first) for child in children[word]):
        return False
    # "engaged in ethnic cleansing", "remained on alert": a verb's own complement is acted out by it; so is its
    # object, told as acted on ("suppressed peaceful protest").
    return labels[first] == "pobj" and lowers[heads[first]] in TOPIC_PREPOSITIONS


def _of_itself(head: Token) -> bool:
    """Whether the trigger's subject is a pronoun: in reported speech, the speaker speaking of itself."""
    return any(child.dep_ in ("nsubj", "nsubjpass") and child.pos_ == "PRON" for child in head.children)


def _asked_about(clause: list[Token]) -> bool:
    """ "asked if he would support Trump", "how can he blame leaders?": what is asked about is not reported as
    done."""
    children, labels, lowers = walk_arrays(clause[0].doc)
    for word in clause:  # a loop: asked of every trigger, a generator per ask cost more than the tests
        for child in children[word.i]:
            if lowers[child] in QUESTION_MARKS and (labels[word.i] == "ccomp" or labels[child] == "mark"):
                return True  # also "had not decided whether to endorse Ryan"
    return _ends_in_question(clause[0]) and bool(auxiliaries_of(clause, None) & UNCERTAIN_AUX)


def _holders_of_purpose(head: Token) -> list[Token]:
    """ "whether she will create a committee to investigate the riot": the verb a purpose infinitive hangs from
    (through its object or directly), and the verbs above it, where a question that holds the infinitive is asked."""
    if head.dep_ not in ("acl", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
        return []
    holder = head.head
    if head.dep_ == "acl":
        holder = holder.head if holder.dep_ in OBJECTS else holder
    if holder.pos_ not in ("VERB", "AUX"):
        return []
    return [holder, *governors_of(holder)]


def _ends_in_question(word: Token) -> bool:
    """Whether the word's sentence ends in a question mark, closing quotes and spaces aside: read from its last
    words backwards (``Span.text`` joins every word of the sentence on each ask)."""
    doc = word.doc
    starts, ends = sentence_bounds(doc)
    lowers = word_arrays(doc)[3]  # lower-casing never makes or unmakes a question mark, a quote or a space
    for index in range(ends[word.i] - 1, starts[word.i] - 1, -1):
        written = lowers[index].rstrip(QUESTION_CLOSERS)
        if written:
            return written.endswith("?")
    return False


def _wanted(head: Token) -> bool:
    """ "demanded a ban on the rally", "called on the militias to stop attacks", "fearing attacks", "to discuss the
    ceasefire": the trigger lies in what a party wants, asks, fears or discusses, reached through objects and
    complements."""
    # Walked on the document's arrays: ``Token.head`` builds a Token per step.
    doc, index = head.doc, head.i
    heads, labels = parse_arrays(doc)
    lemmas = lemma_forms(doc)
    # "urged Congress to pass an aid package": a trigger noun compounded onto another is wanted with it
    compounded = labels[index] == "compound" and word_arrays(doc)[0][heads[index]] == "NOUN"
    current = heads[index] if compounded else index
    for _ in range(4):
        link, parent = labels[current], heads[current]
        if parent == current:
            return False
        if link in OBJECTS and lemmas[parent] in WANTED_BY:
            return True
        if link in GOVERNED_BY and lemmas[parent] in INTENT_HEADS:
            return True
        if link == "xcomp" and lemmas[parent] in DIRECTIVE_VERBS:
            return True
        if link not in WANTED_THROUGH:
            return False
        current = parent
    return False


def _stance_on(head: Token, trigger: Trigger) -> bool:
    """ "Most voters support a ban", "oppose sanctions": a stand on an act not done. ("Backed the strike" names one
    that was; "opposed demands for" names demands that were made.)"""
    return (
        head.pos_ == "NOUN"
        and head.dep_ in OBJECTS
        and lemma_of(head.head) in STANCE_VERBS
        and QUAD_CLASS[trigger.event] in ("material_conflict", "material_coop")
        and _indefinite(head)
    )


def _indefinite(noun: Token) -> bool:
    return not any(
        child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in ("the", "this", "that", "these", "those"))
        for child in noun.children
    )


def auxiliaries_of(clause: Iterable[Token], quote: Quote | None) -> set[str]:
    """The auxiliaries of a trigger's clause; a reported "would" ("said they would strike") is a future."""
    words = list(clause)
    found: set[str] = set()
    if words:  # read off the document's arrays: ``Token.children`` builds a Token per child
        doc = words[0].doc
        children, labels, lowers = walk_arrays(doc)
        found = {lowers[child] for word in words for child in children[word.i] if labels[child] == "aux"}
    if quote is not None and quote.kind in ("indirect", "mixed") and "would" in found:
        found.add("will")
    return found


def quote_of(trigger: Span, quote_parts: Iterable[tuple[int, int, Quote]]) -> Quote | None:
    """The first quote that carries the trigger: in its words, or as its cue ("pledged", "accused"); ``quote_parts``
    holds each quote's content, continuation and cue as (start, end, quote), in the quotes' order."""
    start, end = trigger.start, trigger.end
    for first, last, quote in quote_parts:  # a loop: asked of every trigger, a generator per ask cost more
        if first <= start and end <= last:
            return quote
    return None
