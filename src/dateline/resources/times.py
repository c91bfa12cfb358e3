"""The time-word lexicon (``times.toml``): month, weekday, number, unit and reference words.

The loader validates the file and raises ``ResourceError`` naming the table at fault, so a user
extending it with a spelling learns at load time, not from a silent miss.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import ResourceError

DEFAULT_PATH = Path(__file__).with_name("times.toml")
_VALUE = re.compile(r"P(?:T?\d+|X)[A-Z]{1,2}|PT1H|(?:PRESENT|PAST|FUTURE)_REF")
_HOLIDAY = re.compile(r"(0[1-9]|1[0-2])-(\d\d|[1-7]-[1-5])")


@dataclass(frozen=True, slots=True, eq=False)
class TimeLexicon:
    """Lower-case words mapped to what they mean; compared by identity so stages can cache on it."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    units: dict[str, str]  # singular and plural form -> TIMEX3 unit ("D", "TH", ...)
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    references: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, str]


def load_time_lexicon(path: Path = DEFAULT_PATH) -> TimeLexicon:
    """Read and validate the lexicon at ``path``."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ResourceError(f"{path}: cannot read the time lexicon ({error})") from error

    def table(name: str) -> dict[str, object]:
        value = raw.get(name)
        if not isinstance(value, dict) or not value:
            raise ResourceError(f"{path}: table [{name}] is missing or empty")
        return value

    def numbered(name: str, count: int) -> dict[str, int]:
        words: dict[str, int] = {}
        for key, names in table(name).items():
            if not key.isdigit() or not 1 <= int(key) <= count or not isinstance(names, list) or not names:
                raise ResourceError(f"{path}: [{name}] {key} must be a number 1-{count} with a list of names")
            words.update({str(word).lower(): int(key) for word in names})
        if set(words.values()) != set(range(1, count + 1)):
            raise ResourceError(f"{path}: [{name}] must name all of 1-{count}")
        return words

    def strings(name: str, pattern: re.Pattern[str] | None = None) -> dict[str, str]:
        entries = {str(key).lower(): value for key, value in table(name).items()}
        for key, value in entries.items():
            if not isinstance(value, str) or (pattern is not None and not pattern.fullmatch(value)):
                raise ResourceError(f"{path}: [{name}] {key} = {value!r} is not a valid value")
        return entries  # type: ignore[return-value]

    def integers(name: str) -> dict[str, int]:
        entries = {str(key).lower(): value for key, value in table(name).items()}
        if not all(isinstance(value, int) and value > 0 for value in entries.values()):
            raise ResourceError(f"{path}: [{name}] values must be positive integers")
        return entries  # type: ignore[return-value]

    units: dict[str, str] = {}
    for singular, forms in table("units").items():
        if not (isinstance(forms, list) and len(forms) == 2 and all(isinstance(form, str) for form in forms)):
            raise ResourceError(f"{path}: [units] {singular} must be [plural, TIMEX3 unit]")
        units[singular] = units[forms[0]] = forms[1]
    vague = table("vague_numbers").get("words")
    if not isinstance(vague, list) or not all(isinstance(word, str) for word in vague):
        raise ResourceError(f"{path}: [vague_numbers] words must be a list of strings")
    return TimeLexicon(
        months=numbered("months", 12),
        weekdays=numbered("weekdays", 7),
        numbers=integers("numbers"),
        vague_numbers=tuple(word.lower() for word in vague),
        ordinals=integers("ordinals"),
        units=units,
        parts_of_day=strings("parts_of_day", re.compile(r"MO|AF|EV|NI")),
        seasons=strings("seasons", re.compile(r"SP|SU|FA|WI")),
        references=strings("references", _VALUE),
        sets=strings("sets", _VALUE),
        holidays=strings("holidays", _HOLIDAY),
    )
