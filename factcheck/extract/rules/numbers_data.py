"""The figure tables of data/numbers.json, the patterns built from them, and value parsing."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

from factcheck.extract.rules.dates_data import NOT_AFTER_WORD, anchor_table, key, languages
from factcheck.extract.rules.dates_data import patterns as date_patterns

# A figure is tried at each of its tokens that may start one, and a match that a later check
# rejects ("1 234 … 234m", words running into a date) is tried again from the next token: without
# these bounds, a long run of digit groups or number words costs time quadratic in its length.
MAX_GROUPS = 20  # groups of three digits after the first: up to 10^63
MAX_WORDS = 30  # words of a spelled-out figure


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


def _merged(section: dict[str, Any], langs: tuple[str, ...]) -> dict[str, Any]:
    """One table of `section` for `langs`: '*' first, then each language (later ones win)."""
    merged: dict[str, Any] = {}
    for lang in ("*", *langs):
        entry = section.get(lang, {})
        merged.update({key(w): True for w in entry} if isinstance(entry, list) else entry)
    return {key(k): v for k, v in merged.items()}


def _plain(word: str) -> str:
    """`word` without its accents ("francos suíços" -> "francos suicos")."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def with_plain_spellings(words: dict[str, Any]) -> dict[str, Any]:
    """`words` plus each accented word spelled without its accents, as people type names and
    scales on keyboards without them ("dolares", "milhoes"); a spelling already in the table
    keeps its own value."""
    return {**{_plain(w): v for w, v in words.items()}, **words}


@dataclass(frozen=True)
class Patterns:
    """Everything `find_numbers` matches for one language (None or unknown: English only)."""

    figure: re.Pattern[str]  # tried at a digit or number-word token; the prefix is checked apart
    prefix: re.Pattern[str]  # "$", "Rp ", "%" ending where the figure starts
    boundary: re.Pattern[str]  # zero-width: a figure with no prefix may start here
    anchors: dict[str, tuple[str, ...]]
    fraction: re.Pattern[str]
    # fractions that are also ordinals ("a third term"), and where they are fractions after all
    ordinal_fractions: frozenset[str]
    fraction_before: re.Pattern[str]  # ends where the fraction starts ("by ")
    fraction_after: re.Pattern[str]  # matched where it ends (" of", " higher", ",")
    scales: dict[str, float]
    glued_scales: dict[str, float]  # "$15bn", "$269m"
    number_words: dict[str, int]
    multipliers: dict[str, int]
    teen_words: dict[str, int]
    inner_ones: frozenset[str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    fractions: dict[str, float]
    decimal_comma: bool
    dot_ordinals: bool  # "1. sırada": digits and a period write an ordinal
    range_joiner: re.Pattern[str]
    pair_joiner: re.Pattern[str]
    range_opener: re.Pattern[str]
    time_before: re.Pattern[str]
    time_after: re.Pattern[str]
    clock_after: re.Pattern[str]  # "p.m.", "Uhr" after an hour: a time of day
    labels: frozenset[str]  # "page", "§", "flight" right before a number: an identifier
    street_after: re.Pattern[str]  # " Downing Street", " rue de Rivoli": a house number before
    phone: re.Pattern[str]  # "Telephone: 41 22 791 2510": the number after a phone label
    decade_words: frozenset[str]  # "años", "années": a decade follows ("los años 90")
    decade_articles: frozenset[str]  # "los": a decade when no word follows ("de los 90.")
    context_skip: frozenset[str]
    qualifier_after: re.Pattern[str] | None  # "'den fazla" right after the figure (Turkish)
    qualifier_kinds: dict[str, str]  # phrase -> "min" | "max" | "approx"
    qualifier_ends: frozenset[str]  # last words of those phrases: a cheap first test
    counted: dict[str, str]  # word -> what it counts ("tewas" -> "dead")


@functools.cache
def patterns(language: str | None) -> Patterns:
    """The compiled figure patterns for a document in `language`."""
    data = table()
    # Words after a figure (scales, currencies, percent words) may come from English as well;
    # words that stand alone (number words, fractions) only from the document's own language.
    langs = languages(language)
    own = langs[-1:]
    scales = with_plain_spellings(_merged(data["scales"], langs))
    glued = {**scales, **_merged(data["glued_scales"], langs)}
    words = _merged(data["number_words"], own)
    multipliers = _merged(data["multipliers"], own)
    teens = _merged(data["teen_words"], own)
    inner_ones = _merged(data["inner_ones"], own)
    fractions = _merged(data["fractions"], own)
    cur_after = with_plain_spellings(_merged(data["currency_after"], langs))
    percent = list(_merged(data["percent_words"], langs))
    percent_before = list(_merged(data["percent_before"], langs))
    inner = [*words, *multipliers, *teens, *scales, *inner_ones]
    joiners = _alternation(list(_merged(data["joiners_in_words"], own))) or "(?!)"
    word = rf"(?:{_alternation(inner)})(?!\w)"
    starters = _alternation(list(words)) or "(?!)"
    # "dua puluh lima juta", "twenty-five", "vingt et un": a run that starts with a number word.
    word_run = rf"(?:{starters})(?!\w)(?:(?:\s+|-|\s+(?:{joiners})\s+){word}){{0,{MAX_WORDS - 1}}}"
    space = (
        r"[\u00a0\u202f\u2009 ]" if language in data["space_groups"] else r"[\u00a0\u202f\u2009]"
    )
    # "20 000" and "1 414 021 100" where a plain space is not the usual separator, not "18 777"
    loose = (
        rf"|\d{{1,3}}(?: \d{{3}}){{2,{MAX_GROUPS}}}(?:[.,]\d+)?(?!\d)|\d{{1,3}} \d00(?:[.,]\d+)?(?!\d)"
        if language in data["loose_space_groups"]
        else ""
    )
    digits = (
        rf"\d{{1,3}}(?:(?:[.,]|{space})\d{{3}}){{1,{MAX_GROUPS}}}(?:[.,]\d+)?(?!\d){loose}"
        r"|\d+(?:[.,]\d+)?"
    )
    cur_before = data["currency_before"]
    # "115USD", "100元", "5€": a code or a sign written onto the digits, never a word
    glued_currencies = [w for w in cur_after if len(w) <= 3 or not w.isalpha()]
    glued_currencies = [w for w in glued_currencies if " " not in w]
    connectors = _alternation(data["currency_connectors"])
    end = r"(?![\w:/@])(?![.,]\w)"
    # Turkish writes case endings onto the word: "50 dolardan", "10 milyarlık"
    ending = r"(?:[^\W\d_]{1,6})?" if language in data["suffixing"] else ""
    figure = (
        rf"(?:(?P<num>{digits})(?:{end}|(?P<glued>{_alternation(list(glued))})(?!\w)"
        rf"|(?P<gcur>{_alternation(glued_currencies)})(?!\w)"
        rf"|(?P<gmeasure>{_alternation(data['glued_measures'])})(?![\w/]))"
        rf"|(?P<words>{word_run}){end})"
        rf"(?:(?:\s*|-)(?P<scale>{_alternation(list(scales))}){ending}(?!\w))?"
        rf"(?:\s*(?P<pct>{_alternation(percent)})(?!\w)"
        rf"|\s*(?:(?:{connectors})\s*)?(?P<cur>{_alternation(list(cur_after))}){ending}(?!\w)"
        # "75 USD million": a scale may follow the currency code too
        rf"(?:\s*(?P<late_scale>{_alternation(list(scales))}){ending}(?!\w))?)?"
    )
    # "%" may follow a word ("göre% 18"); a percent word ("yüzde 25") may not
    pct_before = "|".join(
        re.escape(w) if not w[0].isalpha() else rf"(?<!\w){re.escape(w)}"
        for w in sorted(percent_before, key=len, reverse=True)
    )
    # "€ -12", "US$-3.5 billion": a minus between the currency and its digits is a loss
    prefix = (
        rf"(?:{NOT_AFTER_WORD}(?<!\.)(?P<cur>{_alternation(list(cur_before))})\s?(?P<minus>[-−])?"
        rf"|(?P<pct>{pct_before})\s?)\Z"
    )
    time_before = _alternation(data["time_before"])
    phone_labels = list(_merged(data["phone_labels"], own))
    after_name = _alternation(list(_merged(data["streets_after_name"], own))) or "(?!)"
    before_name = _alternation(list(_merged(data["streets_before_name"], own))) or "(?!)"
    before, after = (_qualifiers(data["qualifiers"][side], langs) for side in ("before", "after"))
    fraction_words = _alternation(list(fractions)) or "(?!)"
    ordinal = data["ordinal_fractions"].get(own[0], {}) if own else {}
    fraction_before = _alternation(ordinal.get("before", [])) or "(?!)"
    fraction_after = _alternation(ordinal.get("after", [])) or "(?!)"
    return Patterns(
        figure=re.compile(figure, re.IGNORECASE),
        prefix=re.compile(prefix, re.IGNORECASE),
        boundary=re.compile(rf"{NOT_AFTER_WORD}(?<![.,/:@#=&?%$€£¥])(?<![^\W\d_]-)(?<![^\W\d_]\.)"),
        anchors=anchor_table(
            {"figure": list(words), "fraction": list(fractions), "phone": phone_labels}
        ),
        # Not in a compound ("a third-party app")
        fraction=re.compile(rf"(?<!\w)(?:{fraction_words})(?!\w|-\w)", re.IGNORECASE),
        ordinal_fractions=frozenset(key(p) for p in ordinal.get("phrases", [])),
        fraction_before=re.compile(rf"(?<!\w)(?:{fraction_before})\s+\Z", re.IGNORECASE),
        fraction_after=re.compile(rf"\s*(?:[^\w\s]|\Z|(?:{fraction_after})(?!\w))", re.IGNORECASE),
        scales=scales,
        glued_scales=glued,
        number_words=words,
        multipliers=multipliers,
        teen_words=teens,
        inner_ones=frozenset(inner_ones),
        currency_before={key(k): v for k, v in cur_before.items()},
        currency_after=cur_after,
        fractions=fractions,
        decimal_comma=language in data["decimal_comma"],
        dot_ordinals=language in data["dot_ordinals"],
        range_joiner=re.compile(rf"\s*(?:{_alternation(data['range_joiners'])})\s*", re.IGNORECASE),
        pair_joiner=re.compile(rf"\s*(?:{_alternation(data['pair_joiners'])})\s*", re.IGNORECASE),
        range_opener=re.compile(
            rf"(?<!\w)(?:{_alternation(data['range_openers'])})\s*\Z", re.IGNORECASE
        ),
        time_before=re.compile(rf"(?<!\w)(?:{time_before})\s*\Z", re.IGNORECASE),
        time_after=re.compile(rf"\s*(?:{_alternation(data['time_after'])})(?!\w)", re.IGNORECASE),
        clock_after=re.compile(
            rf"\s*(?:(?:{_alternation(data['clock_after'])})(?!\w)|h\s?[0-5]\d(?!\d))",
            re.IGNORECASE,
        ),
        # "pages 14-16": the second end of a labelled range is an identifier too
        labels=frozenset(_merged(data["labels"], own)),
        street_after=re.compile(
            rf"(?:\s+[A-Z][\w'’-]*){{1,3}}\s+(?i:{after_name})(?!\w)"
            rf"|\s+(?i:{before_name})\s+(?:(?i:de|du|des|de la)\s+|d['’])?[A-Z]"
        ),
        phone=re.compile(
            rf"(?<!\w)(?:{_alternation(phone_labels)})(?!\w)\.?"
            r"[ \t]*(?:\([^()\n]{0,20}\))?[ \t]*:?[ \t]*"
            r"(?P<num>\+?[ \t]?\(?\d[\d \t\u00a0.()/–-]{4,40}\d)",
            re.IGNORECASE,
        ),
        decade_words=frozenset(_merged(data["decades"]["words"], own)),
        decade_articles=frozenset(_merged(data["decades"]["articles"], own)),
        context_skip=frozenset(w.replace("\u2019", "'") for w in data["context_skip"]),
        qualifier_after=re.compile(
            rf"(?:['’][^\W\d_]{{1,4}})?\s+(?P<q>{_alternation(list(after))})(?!\w)",
            re.IGNORECASE,
        )
        if after
        else None,
        qualifier_kinds={**after, **before},
        qualifier_ends=frozenset(
            end for phrase in before for end in (phrase.split()[-1], "(" + phrase.split()[-1])
        ),
        counted={
            w: what
            for what, words in data["counted"].items()
            for lang in langs
            for w in words.get(lang, [])
            if " " not in w
        },
    )


def _qualifiers(section: dict[str, dict[str, list[str]]], langs: tuple[str, ...]) -> dict[str, str]:
    """Phrase -> qualifier kind for `langs` (a later language wins a phrase both list)."""
    kinds: dict[str, str] = {}
    for lang in langs:
        for kind, phrases in section.get(lang, {}).items():
            kinds.update({key(p): kind for p in phrases})
    return kinds


def parse_digits(raw: str, decimal_comma: bool) -> float | None:
    """The value of "1.234,5", "1,234.5", "1 234,5", "20", "2,5" decided by shape and language;
    None for digits no number is written as ("1.234.567,891,234.5": separators mixed up)."""
    compact = re.sub(r"[\u00a0\u202f\u2009 ]", "", raw)
    dots, commas = compact.count("."), compact.count(",")
    if dots and commas:
        decimal = "." if compact.rfind(".") > compact.rfind(",") else ","
    elif dots + commas == 0:
        return float(compact)
    else:
        sep = "." if dots else ","
        head, _, tail = compact.partition(sep)
        if dots + commas > 1:
            decimal = "," if sep == "." else "."  # repeated: a thousands separator
        elif len(tail) != 3 or head == "0" or len(head) > 3:
            decimal = sep  # "0.683" and "1111.121" group no thousands
        else:  # "1.234" / "1,234": the language decides
            decimal = "," if decimal_comma else "."
    group = "," if decimal == "." else "."
    whole, _, fraction = compact.rpartition(decimal) if decimal in compact else (compact, "", "")
    if decimal in whole or group in fraction:
        return None
    return float(compact.replace(group, "").replace(decimal, "."))


@functools.cache
def anchor_words(language: str | None) -> frozenset[str]:
    """Every word a date or a figure pattern of `language` can start at: the token index
    (`dates_data.tokens`) finds them all in one search of a text."""
    return frozenset(date_patterns(language).anchors) | frozenset(patterns(language).anchors)


def words_value(phrase: str, pats: Patterns) -> float | None:
    """The value of a spelled-out number: "dua puluh lima" 25, "five million" 5e6."""
    total, current = 0.0, 0.0
    tokens = [
        part
        for token in phrase.lower().split()
        for part in ([token] if token in pats.number_words else token.split("-"))
    ]
    for token in tokens:
        scale = pats.scales.get(token)
        # "mille" alone is 1000; after a number it multiplies: "deux mille" is 2000, not 1002
        after_number = current and (token in pats.multipliers or scale)
        if token in pats.number_words and not after_number:
            current += pats.number_words[token]
        elif token in pats.inner_ones and current >= 20 and current % 10 == 0:
            current += 1  # "vingt et un": "un" only counts inside a spelled-out number
        elif token in pats.multipliers:
            current = max(current, 1) * pats.multipliers[token]
        elif token in pats.teen_words:
            current += pats.teen_words[token]
        elif scale and total and not current:
            total *= scale  # "dos mil millones": a thousand millions
        elif scale:
            total += max(current, 1) * scale
            current = 0
        elif not total and not current:
            return None
    value = total + current
    return value or None
