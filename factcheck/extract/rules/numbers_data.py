"""The figure tables of data/numbers.json, the patterns built from them, and value parsing."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from factcheck.extract.rules.dates_data import LANGUAGES, NOT_AFTER_WORD, anchor_table, key


@functools.cache
def table() -> dict[str, Any]:
    """The parsed data/numbers.json."""
    text = (
        resources.files("factcheck.extract.rules").joinpath("data/numbers.json").read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return data


def _alternation(words: list[str]) -> str:
    unique = sorted({w.replace("\u2019", "'") for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


@dataclass(frozen=True)
class Patterns:
    """Everything `find_numbers` matches for one language (None: every language)."""

    figure: re.Pattern[str]  # tried at a digit or number-word token; the prefix is checked apart
    prefix: re.Pattern[str]  # "$", "Rp ", "%" ending where the figure starts
    boundary: re.Pattern[str]  # zero-width: a figure with no prefix may start here
    anchors: dict[str, tuple[str, ...]]
    fraction: re.Pattern[str]
    scales: dict[str, float]
    number_words: dict[str, int]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    fractions: dict[str, float]
    decimal_comma: bool
    range_joiner: re.Pattern[str]
    pair_joiner: re.Pattern[str]
    range_opener: re.Pattern[str]
    time_before: re.Pattern[str]
    time_after: re.Pattern[str]
    context_skip: frozenset[str]


@functools.cache
def patterns(language: str | None) -> Patterns:
    """The compiled figure patterns for a document in `language`."""
    data = table()
    langs = (language, "en") if language in LANGUAGES else LANGUAGES
    scales = {key(k): v for k, v in data["scales"]["*"].items()}
    for lang in langs:
        scales.update({key(k): v for k, v in data["scales"].get(lang, {}).items()})
    words = {key(k): v for lang in langs for k, v in data["number_words"].get(lang, {}).items()}
    inner = [*words, *data["multipliers"], *data["teen_words"], *scales, *data["inner_ones"]]
    joiners = _alternation(data["joiners_in_words"])
    word = rf"(?:{_alternation(inner)})(?!\w)"
    # "dua puluh lima juta", "twenty-five", "vingt et un": a run that starts with a number word.
    word_run = rf"(?:{_alternation(list(words))})(?!\w)(?:(?:\s+|-|\s+(?:{joiners})\s+){word})*"
    space = (
        r"[\u00a0\u202f\u2009 ]" if language in data["space_groups"] else r"[\u00a0\u202f\u2009]"
    )
    digits = rf"\d{{1,3}}(?:(?:[.,]|{space})\d{{3}})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
    cur_before = data["currency_before"]
    cur_after = data["currency_after"]
    figure = (
        rf"(?:(?P<num>{digits})|(?P<words>{word_run}))(?![\w:/@])(?![.,]\w)"
        rf"(?:\s*(?P<scale>{_alternation(list(scales))})(?!\w))?"
        rf"(?:\s*(?P<pct>{_alternation(data['percent_words'])})(?!\w)"
        rf"|\s*(?:(?:de|d'|of)\s*)?(?P<cur>{_alternation(list(cur_after))})(?!\w))?"
    )
    prefix = (
        rf"{NOT_AFTER_WORD}(?<!\.)(?:(?P<cur>{_alternation(list(cur_before))})\s?|(?P<pct>%))\Z"
    )
    time_before = _alternation(data["time_before"])
    return Patterns(
        figure=re.compile(figure, re.IGNORECASE),
        prefix=re.compile(prefix, re.IGNORECASE),
        boundary=re.compile(rf"{NOT_AFTER_WORD}(?<![.,/:@#=&?%$€£¥])(?<![^\W\d_]-)(?<![^\W\d_]\.)"),
        anchors=anchor_table({"figure": list(words), "fraction": list(data["fractions"])}),
        fraction=re.compile(
            rf"(?<!\w)(?:{_alternation(list(data['fractions']))})(?!\w)", re.IGNORECASE
        ),
        scales=scales,
        number_words=words,
        currency_before={key(k): v for k, v in cur_before.items()},
        currency_after={key(k): v for k, v in cur_after.items()},
        fractions={key(k): v for k, v in data["fractions"].items()},
        decimal_comma=language in data["decimal_comma"],
        range_joiner=re.compile(rf"\s*(?:{_alternation(data['range_joiners'])})\s*", re.IGNORECASE),
        pair_joiner=re.compile(rf"\s*(?:{_alternation(data['pair_joiners'])})\s*", re.IGNORECASE),
        range_opener=re.compile(
            rf"(?<!\w)(?:{_alternation(data['range_openers'])})\s*\Z", re.IGNORECASE
        ),
        time_before=re.compile(rf"(?<!\w)(?:{time_before})\s*\Z", re.IGNORECASE),
        time_after=re.compile(rf"\s*(?:{_alternation(data['time_after'])})(?!\w)", re.IGNORECASE),
        context_skip=frozenset(w.replace("\u2019", "'") for w in data["context_skip"]),
    )


def parse_digits(raw: str, decimal_comma: bool) -> float:
    """The value of "1.234,5", "1,234.5", "1 234,5", "20", "2,5" decided by shape and language."""
    compact = re.sub(r"[\u00a0\u202f\u2009 ]", "", raw)
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        decimal = "." if compact.rfind(".") > compact.rfind(",") else ","
    elif dots + commas == 0:
        return float(compact)
    else:
        sep = "." if dots else ","
        tail = compact.rsplit(sep, 1)[1]
        if dots + commas > 1:
            decimal = "," if sep == "." else "."  # repeated: a thousands separator
        elif len(tail) != 3:
            decimal = sep
        else:  # "1.234" / "1,234": the language decides
            decimal = "," if decimal_comma else "."
    group = "," if decimal == "." else "."
    return float(compact.replace(group, "").replace(decimal, "."))


def words_value(phrase: str, pats: Patterns) -> float | None:
    """The value of a spelled-out number: "dua puluh lima" 25, "five million" 5e6."""
    data = table()
    multipliers = data["multipliers"]
    teens = data["teen_words"]
    total, current = 0.0, 0.0
    tokens = [
        part
        for token in phrase.lower().split()
        for part in ([token] if token in pats.number_words else token.split("-"))
    ]
    for token in tokens:
        if token in pats.number_words and not (token in multipliers and current):
            current += pats.number_words[token]
        elif token in data["inner_ones"] and current >= 20 and current % 10 == 0:
            current += 1  # "vingt et un": "un" only counts inside a spelled-out number
        elif token in multipliers:
            current = max(current, 1) * multipliers[token]
        elif token in teens:
            current += teens[token]
        elif token in pats.scales:
            total += max(current, 1) * pats.scales[token]
            current = 0
        elif not total and not current:
            return None
    value = total + current
    return value or None
