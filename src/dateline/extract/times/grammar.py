"""The time rules: one regular expression per kind of expression ("date", "weekday", "ago", ...), built once per
lexicon from its month, weekday, number and unit words, and the context checks a pattern cannot state (a bare "May"
is a month only after a word such as "in" or "since"; "$5 a year" is a rate, not a duration). The rules' names key
the resolvers of the stage (``times.__init__``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from dateline.resources.times import TimeLexicon

_BOUNDARY = r"the\s+(?:end|beginning|start|middle)\s+of"
_MOD = rf"(?P<mod>early|late|mid|{_BOUNDARY})"
# How many, written as a tree by ``_alt``: no word of the list begins another, so its order never decided a match.
_QUANTIFIERS = ("about", "around", "roughly", "approximately", "some", "nearly", "almost", "more than", "less than",
               "fewer than", "at least", "at most", "up to", "over", "under", "just", "only", "no more than",
               "no less than", "as long as", "as many as", "as much as")  # fmt: skip
_CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b|o'clock)"
    r"(?:\s+(?P<zone>(?-i:[A-Z]{3})\b|local\s+time))?|(?P<noon>noon|midnight|midday))"
)
_GATED_MONTHS = {"may", "march"}
_RATE_CUES = {"times", "once", "twice", "percent", "%", "cents", "dollars", "a", "an"}
# Words after which a bare four-digit number is a year rather than a quantity.
_YEAR_CUES = {
    "in", "since", "by", "of", "until", "till", "from", "before", "after", "during", "through", "to", "early",
    "late", "mid", "fiscal", "year", "between", "and", "or", "the", "than", "for", "circa", "around", "about",
    "end", "spring", "summer", "fall", "autumn", "winter", "throughout", "into", "'s", "-",
}  # fmt: skip


def _alt(words: list[str]) -> str:
    """The words (lower case: the rules ignore case) as one alternation, a space standing for any run of spaces."""
    return _tree([r"\s+" if char == " " else re.escape(char) for char in word] for word in words)


def _capitalised(words: dict[str, int]) -> str:
    """Month or weekday names as written in text: capitalised or upper case, abbreviations dotted."""
    forms = []
    for word in words:
        for form in (word.capitalize(), word.upper()):
            # Bare abbreviations ("Sun", "Sat", "Jan") are ordinary words or names too often.
            dot = [r"\."] if len(word) <= 4 and word not in ("may", "june", "july") else []
            forms.append([*map(re.escape, form), *dot])
    return "(?-i:" + _tree(forms) + ")"


def _tree(words: Iterable[list[str]]) -> str:
    """Words, each a list of pattern pieces (a letter, an escaped mark, ``\\s+``), as one alternation written as a
    tree of their shared beginnings: ``s(?:ix(?:t(?:een|y)|)|even)``.

    At each word of a text a flat list of alternatives is tried one by one, and the time rules hold lists of forty
    words; in a tree only the branches whose next piece fits are followed (with the quantifiers so written, the rules'
    scan of 200 long articles took 2.95 CPU s instead of 3.8, the stage 14% less). Two words that both match at one
    place are one the beginning of the other, and the tree tries the longer first, as a flat list sorted longest
    first does, so every match is the same.
    """
    tree: dict[str, dict] = {}
    for pieces in words:
        node = tree
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}  # a word ends here
    return _branches(tree)


def _branches(node: dict[str, dict]) -> str:
    # A word that ends here is the last, empty, alternative: the longer ones are tried first.
    alternatives = [piece + _branches(rest) for piece, rest in node.items() if piece] + ([""] if "" in node else [])
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


@functools.cache
def _grammar(lexicon: TimeLexicon) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every rule as (name, pattern), in priority order for equal extents."""
    month = rf"(?P<month>{_capitalised(lexicon.months)}|(?-i:Sept?|Jan|Feb|Aug|Oct|Nov|Dec|Apr|Jun|Jul)(?=\s+\d))"
    # A weekday's full name is no ordinary word, so it is read in lower case too ("police said on friday").
    lower_weekdays = "|".join(sorted((word for word in lexicon.weekdays if len(word) >= 6), key=len, reverse=True))
    weekday = f"(?P<weekday>{_capitalised(lexicon.weekdays)}|(?-i:{lower_weekdays}))"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
    year = r"(?P<year>\d{4,5}|'\d\d)(?![\d%])"
    tens = _alt([word for word, value in lexicon.numbers.items() if value in range(20, 100, 10)])
    units_of_ten = _alt([word for word, value in lexicon.numbers.items() if value < 10 and word not in ("a", "an")])
    number_words = _alt([*lexicon.numbers, *lexicon.vague_numbers])
    number = (
        rf"(?P<number>\d+(?:[.,]\d+)?(?:\s+\d/\d)?|(?:{tens})[-\s](?:{units_of_ten})|{number_words})"
        r"(?P<half>\s+and\s+a\s+half)?"
    )
    units = _alt(list(lexicon.units))
    part = f"(?P<part>{_alt(list(lexicon.parts_of_day))})"
    season = f"(?P<season>{_alt(list(lexicon.seasons))})"
    # "nineteen ninety-six", "twenty twenty": the second part is ten or more, else it is a plain number.
    two_digits = _alt([word for word, value in lexicon.numbers.items() if 10 <= value < 100])
    spelled_year = (
        rf"(?P<spelled>(?:nineteen|twenty)[-\s](?:hundred|(?:{two_digits})(?:[-\s](?:{units_of_ten}))?)|two\s+thousand)"
    )
    ordinal = f"(?P<ordinal>{_alt(list(lexicon.ordinals))})"
    quant = _alt(list(_QUANTIFIERS))
    rules = {
        "date": rf"(?:{weekday},?\s+)?{month}\s+{day}(?:,?\s+{year})?",
        "day_month": rf"(?:{weekday},?\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?",
        "week_of": rf"the\s+week\s+of\s+{month}\s+{day}(?:,?\s+{year})?",
        "iso": r"(?P<iso>\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{4})(?![\d/-])",
        "month_year": rf"(?:{_MOD}[-\s]*)?{month},?\s+(?:of\s+)?(?:{year}|(?P<rel>this|last|next)\s+year)",
        "month": rf"(?:(?P<rel>last|next|this|early|late|mid|{_BOUNDARY})[-\s]*)?{month}(?!\s*\d)",
        "year": (
            rf"(?:{_MOD}[-\s]*)?(?:(?P<fiscal>fiscal(?:\s+year)?)\s+|the\s+year\s+)?"
            r"(?<![\d$£€.,])(?P<year>\d{4,5})(?![\d%])"
        ),
        "spelled_year": rf"(?:the\s+year\s+)?{spelled_year}",
        "decade": r"(?:the\s+)?(?:(?P<mod>early|late|mid)[-\s]?)?(?P<decade>\d{3}0|'\d0)'?s\b",
        "century": r"(?:the\s+)?(?:(?P<ordinal>\d{1,2})(?:st|nd|rd|th)|(?P<rel>this|last|next|past))[-\s]+century",
        "quarter": (
            rf"(?:(?P<owner>this|last|next)\s+year's\s+|the\s+|this\s+)?(?:(?P<lead_year>\d{{4}})\s+)?"
            rf"(?:(?P<adj>fiscal|year[-\s](?:earlier|ago)"
            rf"|latest|current|comparable|same|previous|prior|preceding|calendar)[-\s]+)*{ordinal}[-\s]+(?:fiscal[-\s]+)?"
            rf"(?P<unit>quarter|half)(?:\s+of\s+(?:{year}|(?P<rel>this|last|next)\s+year))?"
        ),
        "this_quarter": (
            r"(?P<det>the|this|last|next|that)\s+(?:(?P<lead_year>\d{4})\s+)?"
            r"(?:(?P<adj>latest|current|fiscal|comparable|same|previous|prior|"
            r"preceding|year[-\s](?:earlier|ago)|recent|just[-\s]ended)[-\s]+)*(?P<unit>quarter|period)"
        ),
        "year_ago": r"(?P<adj>year[-\s](?:earlier|ago))(?=[-\s]+\w)",
        "clock": (
            rf"{_CLOCK}(?:\s+(?:on\s+)?(?:{weekday}|(?P<dayword>today|yesterday|tomorrow|tonight))"
            rf"|,?\s+(?:on\s+)?{month}\s+{day}(?:,?\s+{year})?)?"
        ),
        "weekday": (
            rf"(?:(?P<rel>last|next|this|coming|past|early|late|earlier|later)\s+)?{weekday}"
            rf"(?:\s+{part})?(?:\s+at\s+{_CLOCK})?"
        ),
        "weekdays": r"(?:(?:every|each)\s+)?(?P<weekday>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|"
        r"Sundays))",
        "every_weekday": (
            rf"(?:(?P<each>every|each)\s+)?{weekday}(?:\s+(?P<nights>nights|mornings|evenings|afternoons))?"
        ),
        "dayword": (
            r"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>today|tonight|yesterday|tomorrow|"
            rf"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{part})?"
        ),
        "this_part": rf"(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>this|last)\s+{part}",
        "relative": (
            rf"(?:(?P<mod>early|late|earlier|later|{_BOUNDARY})\s+(?:in\s+)?)?(?P<the>the\s+)?"
            r"(?P<rel>last|next|this|past|coming|current|previous|following|same|latest|that|the)\s+"
            r"(?P<unit>week|weekend|month|year|decade|century|fiscal\s+year|summer|spring|fall|autumn|winter)(?!-)"
        ),
        "season": rf"(?:(?P<mod>early|late|mid)[-\s]?)?{season}\s+(?:of\s+)?(?:{year}|{spelled_year})",
        "ago": (
            rf"(?:{quant}\s+)?{number}[-\s]+(?P<unit>{units})\s+"
            r"(?P<direction>ago|earlier|later|from\s+now|hence)"
        ),
        "duration": (
            rf"(?:(?P<quant>{quant})\s+(?!the\b))?(?:the\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|"
            rf"final|latest|remaining|initial|same|year-earlier|recent|full)\s+)?{number}(?:\s+to\s+(?P<upper>\d+))?"
            rf"(?:\s+(?:more|additional|straight|consecutive|full|long))?[-\s]+(?P<unit>{units})"
            r"(?P<long>-long)?(?!-old|\s+old\b)"
        ),
        "plural": (
            rf"(?:(?P<rel>the\s+past|the\s+last|the\s+next|the\s+coming|the\s+early|recent|coming|the\s+recent)\s+"
            rf"|(?<=for\s)|(?<=within\s)|(?<=in\s))(?P<unit>{units})(?<=s)(?!\s+(?:of|ago)\b)"
        ),
        "whole_year": (
            r"(?:(?P<the>the|this)\s+(?P<adj>full|fiscal|current|calendar)\s+"
            r"|(?:(?<=for\s)|(?<=.in\s)|(?<=.of\s)|(?<=throughout\s))the\s+|the\s+(?=(?:fiscal\s+)?year\s+end))"
            r"(?:fiscal\s+)?year(?![-\w])(?!\s+(?:before|after|earlier|ago)\b)"
        ),
        "reference": rf"(?<!\bas\s)(?P<word>{_alt(list(lexicon.references))})",
        "set": rf"(?P<word>{_alt(list(lexicon.sets))})|(?P<each>every|each|per)\s+(?:other\s+)?(?P<unit>{units})",
        "holiday": rf"(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<holiday>{_holiday_names(lexicon)}))",
        "anaphoric": (
            r"(?:(?P<mod>earlier|later|early|late)\s+)?(?P<rel>that|the\s+same|that\s+same|the\s+next|the\s+following|"
            r"the\s+previous|the\s+preceding|the\s+prior)\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
        ),
    }
    # No rule starts inside a word or a hyphenated compound, nor ends inside a word.
    return tuple(
        (name, re.compile(rf"(?<![\w-])(?:{pattern})(?!\w)", re.IGNORECASE)) for name, pattern in rules.items()
    )


def _holiday_names(lexicon: TimeLexicon) -> str:
    return "|".join(
        re.escape(" ".join(part.capitalize() for part in name.split())).replace(r"\ ", r"\s+")
        for name in sorted(lexicon.holidays, key=len, reverse=True)
    )


def admissible_matches(text: str, lexicon: TimeLexicon, doc: Doc) -> list[tuple[int, int, str, re.Match[str]]]:
    found = []
    for name, pattern in _grammar(lexicon):
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or not _admissible(name, match, text, doc, lexicon):
                continue
            found.append((start, end, name, match))
    return found


def _admissible(name: str, match: re.Match[str], text: str, doc: Doc, lexicon: TimeLexicon) -> bool:
    """Context checks a regular expression cannot state cleanly."""
    before = text[max(0, match.start() - 24) : match.start()].lower().split()
    previous = before[-1] if before else ""
    if name == "month" and match.group("month").lower().rstrip(".") in _GATED_MONTHS and not match.group("rel"):
        return previous in {"in", "since", "until", "by", "of", "during", "early", "late", "mid", "through", "last"}
    if name == "duration":
        after = text[match.end() : match.end() + 4].lower()
        fraction = after.startswith(" of") or text[match.start("unit") - 1] == "-"
        if match.group("unit").lower().startswith("quarter") and fraction:
            return False  # "a quarter of the shares", "three-quarters": fractions
        if match.group("number").lower() in ("a", "an") and (previous[-1:].isdigit() or previous in _RATE_CUES):
            return False  # "$5 a year", "twice a week": a rate, not a stretch of time
        unit = _token_at(doc, match.start("unit"))
        if unit is not None and unit.lower_ == "second" and unit.tag_ == "JJ":
            return False  # "a second group", "the 1988 second quarter": the ordinal, not a second of time
    if name == "set" and match.group("word"):
        token = _token_at(doc, match.start())
        return token is None or token.pos_ == "ADV"  # "published daily", not "a daily newspaper"
    if name == "every_weekday":
        return bool(match.group("each") or match.group("nights"))
    if name == "year":
        if match.group("mod") or match.group("fiscal") or match.group(0).lower().startswith("the year"):
            return True
        if not 1000 <= int(match.group("year")) <= 2199:
            return False  # "80486", "0735": model numbers and clock times, not years
        if previous.rstrip(",") in _YEAR_CUES:
            return True
        # Without a cue only the entity recogniser says year, and it calls a number that counts the plural noun
        # right after it a date too ("fired 2000 rounds", "arrested 1500 people"): that number is a quantity. A
        # year before a plural names its period through the words between ("1990 BellSouth earnings").
        token = _token_at(doc, match.start("year"))
        return (
            token is not None
            and token.ent_type_ in ("DATE", "TIME")
            and not _counts_a_plural(token)
            and not _street_number(token)
        )
    return True


def _counts_a_plural(token: Token) -> bool:
    return token.dep_ == "nummod" and token.head.i == token.i + 1 and token.head.tag_ in ("NNS", "NNPS")


# What follows a house or block number in an address: "1300 Commerce Dr.", "the 2400 block of Jay Lane".
_STREET_WORDS = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane", "ln", "way",
     "court", "ct", "place", "pl", "highway", "hwy", "parkway", "pkwy", "terrace", "circle", "block"}
)  # fmt: skip


def _street_number(token: Token) -> bool:
    """A number two words or fewer before a street word is an address, not a year ("1300 Commerce Dr.")."""
    after = token.doc[token.i + 1 : token.i + 4]
    return any(word.lower_.rstrip(".") in _STREET_WORDS for word in after)


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
