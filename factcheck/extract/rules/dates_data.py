"""The date tables of data/dates.json, and the patterns built from them per language.

Patterns are built once per language (the document's language plus English) so a French "hier"
never fires in a Dutch or German article ("hier" = here). A document in another language reads
English words only, except month names: those count only next to a day or a year, so every
language's are tried.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, ClassVar

from factcheck.extract.rules.trie import trie

LANGUAGES = ("id", "fr", "en", "ar", "es", "de", "pt", "it", "nl", "tr")

# Arabic-Indic and Persian digits become ASCII, one character for one, so offsets survive.
EQUIVALENTS: dict[str, str] = {
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u066a": "%",  # Arabic percent sign
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits (Japanese, Chinese)
    "\uff0e": ".",  # full-width full stop, a decimal point between full-width digits
    "\uff05": "%",  # full-width percent sign
    "\u2019": "'",  # the typographic apostrophe in "l’an dernier"
}

# Arabic writes conjunctions and prepositions onto the digits that follow ("و3 يوليو"), so an
# Arabic letter right before a number does not make it part of a word.
NOT_AFTER_WORD = r"(?<![^\W\u0600-\u06ff])"

YEAR = r"(?P<y>(?:1[89]|2[01])\d\d)(?:م)?(?!\w)(?![.,]\d)"
# "outubro de 92", "April of 87", "juillet '98", "juillet 98,": a two-digit year only after
# "de"/"of"/"van" or an apostrophe, or a past one (40-99) right after the month and before a
# punctuation mark; never before a word, a digit or "%" ("el 5 de mayo de 30 empleados",
# "juillet 98 personnes" and "sinds februari 70%" count something)
SHORT_YEAR = (
    r"(?:\s+(?:de|del|of|van)\s+|\s*'|\s+(?=[4-9]\d\s*(?:[,.;:!?)]|\Z)))(?P<y2>\d\d)"
    r"(?!\w)(?![.,]\d)(?!\s+[^\W\d_])(?!\s*[\d%])"
)


@functools.cache
def table() -> dict[str, Any]:
    """The parsed data/dates.json."""
    text = resources.files("factcheck.extract.rules").joinpath("data/dates.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _alternation(words: list[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    unique = sorted({w.replace("\u2019", "'") for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique)


def languages(language: str | None) -> tuple[str, ...]:
    """The languages whose words apply to a document in `language`, English first.

    A known language reads its own tables and English (later tables win a conflict: the French
    "billion" is 10^12); any other language reads English only, never another language's
    ordinary words ("onze" is 11 in French and "our" in Dutch).
    """
    if language in LANGUAGES and language != "en":
        return ("en", language)
    return ("en",)


_TOKEN = re.compile(r"\w+")
# "\d\d*", not "\d+": a pattern that opens with a character class lets the engine skip ahead.
_DIGITS = re.compile(r"\d\d*")
_TO_NORMALISE = re.compile("[" + "".join(EQUIVALENTS) + "]")


@dataclass(frozen=True)
class TokenIndex:
    """Where a text's anchor words stand (the words a date or figure pattern can start at), and
    where its digit runs start and end."""

    lower: str  # the text in lower case, same length
    hits: list[tuple[int, int, str]]  # (start, end, word) of every anchor word, in text order
    digits: list[int]
    digit_ends: list[int]  # digit_ends[i] is where the run starting at digits[i] ends

    def at(
        self, anchors: dict[str, tuple[str, ...]], follows: Follows | None = None
    ) -> list[tuple[int, tuple[str, ...]]]:
        """(offset, pattern names) for every word that can start one of `anchors`' patterns;
        with `follows`, only the names whose phrases can go on with the next word."""
        out = []
        for start, end, word in self.hits:
            names = anchors.get(word)
            if names is None:
                continue
            rule = follows.get(word) if follows else None
            if rule:
                following = _TOKEN.search(self.lower, end)
                after = following.group() if following else ""
                names = tuple(n for n in names if n not in rule or rule[n](after))
                if not names:
                    continue
            out.append((start, names))
        return out


# first word -> pattern name -> whether a word may come next (names absent: any word may)
Follows = dict[str, dict[str, Callable[[str], bool]]]


def follow_table(groups: dict[str, list[str]], then_year: frozenset[str] = frozenset()) -> Follows:
    """For the first word of each phrase: what the next word of the text must be.

    "the" starts "the next day" and "the day before", and is in every English sentence; trying
    those patterns only where "next" or "day" follows saves most of their attempts. A phrase of
    one word lets any word follow, except for the names in `then_year`, whose phrases are
    followed by a year ("in 2006", "fin de 2006").
    """
    allowed: dict[tuple[str, str], set[str]] = {}
    open_ended: set[tuple[str, str]] = set()
    for name, phrases in groups.items():
        for phrase in phrases:
            words = _TOKEN.findall(key(phrase))
            if not words:
                continue
            if len(words) > 1:
                allowed.setdefault((words[0], name), set()).add(words[1])
            elif name in then_year:
                allowed.setdefault((words[0], name), set()).add(_YEAR_NEXT)
            else:
                open_ended.add((words[0], name))
    follows: Follows = {}
    for (first, name), seconds in allowed.items():
        if (first, name) not in open_ended:
            follows.setdefault(first, {})[name] = _next_word_test(frozenset(seconds))
    return follows


_YEAR_NEXT = "#year"  # in a follow set: a year may come next


def _next_word_test(seconds: frozenset[str]) -> Callable[[str], bool]:
    if _YEAR_NEXT not in seconds:
        return seconds.__contains__
    return lambda word: word in seconds or word[:4].isdigit()


@functools.lru_cache(maxsize=16)
def normalise(text: str) -> str:
    """`text` with ASCII digits and straight apostrophes, same length (dates and numbers share it)."""
    if not _TO_NORMALISE.search(text):
        return text
    return _TO_NORMALISE.sub(lambda m: EQUIVALENTS[m.group()], text)


@functools.lru_cache(maxsize=16)
def tokens(norm: str, words: frozenset[str]) -> TokenIndex:
    """Where `words` (the anchor words of the patterns to try) and the digit runs stand in `norm`.

    Patterns are tried only where a token can start them: scanning a 4 KB article with a few
    hundred alternatives at every offset costs milliseconds. One search for a trie of the anchor
    words (whole words only) costs a tenth of that, and finds every place at once for the date
    and figure patterns alike.
    """
    lower = norm.lower()
    if len(lower) != len(norm):  # "İ" lowercases to two characters; keep offsets exact
        lower = norm.replace("\u0130", "i").lower()  # Turkish capital dotted I
        if len(lower) != len(norm):
            lower = norm
    # A space before the text lets the scan start with a non-word character: the engine then
    # skips along the words and tries the trie only after a space or a mark (twice as fast as a
    # look-behind tried at every character); the digit runs are one more skip of the same kind.
    hits = [(m.start(), m.end() - 1, m[1]) for m in _scanner(words).finditer(" " + lower)]
    runs = [m.span() for m in _DIGITS.finditer(lower)]
    return TokenIndex(lower, hits, [a for a, _ in runs], [b for _, b in runs])


@functools.lru_cache(maxsize=32)
def _scanner(words: frozenset[str]) -> re.Pattern[str]:
    """A non-word character, then one of `words` as a whole word (group 1)."""
    if bad := sorted(w for w in words if not _TOKEN.fullmatch(w)):
        raise ValueError(f"anchor words must be single words: {bad[:5]}")
    return re.compile(rf"\W({trie(words)})(?!\w)" if words else "(?!)")


def first_token(phrase: str) -> str:
    """The token a phrase starts with: where its pattern is tried."""
    m = _TOKEN.search(key(phrase))
    return m.group() if m else phrase


def anchor_table(groups: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """First token -> names of the patterns that may start there."""
    table: dict[str, list[str]] = {}
    for name, phrases in groups.items():
        for phrase in phrases:
            names = table.setdefault(first_token(phrase), [])
            if name not in names:
                names.append(name)
    return {k: tuple(v) for k, v in table.items()}


# Which digit-led patterns can start at a digit run, by the character after it and whether the
# run has four digits: trying all eight at every number of a long article is most of the cost.
@functools.cache
def digit_led(after: str, four: bool) -> tuple[str, ...]:
    """The digit-led pattern names worth trying at a run followed by `after`."""
    wanted = {"day_month", "day_range", "ago"}
    if after:  # one of "/", ".", "-"
        wanted |= {"numeric", "numeric_day_month"} if after in "/." else {"numeric"}
        if after != ".":
            wanted.add("dashed")
    if four:
        wanted |= {"year_range", "year_month"}
        if after:
            wanted.add("iso")
        if after and after != ".":
            wanted.add("year_dashed")
    return tuple(name for name in Patterns.DIGIT_LED if name in wanted)


@dataclass(frozen=True)
class Patterns:
    """Everything `find_dates` matches for one set of languages."""

    DIGIT_LED: ClassVar[tuple[str, ...]] = (
        "iso",
        "numeric",
        "numeric_day_month",
        "dashed",
        "day_month",
        "day_range",
        "ago",
        "year_range",
        "year_dashed",
        "year_month",
    )

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, dict[str, int]]
    ago_units: dict[str, str]
    ago_amounts: dict[str, int]
    anchors: dict[str, tuple[str, ...]]
    follows: Follows  # what must come after an anchor word for each pattern (see follow_table)
    iso: re.Pattern[str]
    numeric: re.Pattern[str]
    dashed: re.Pattern[str]
    month_dashed: re.Pattern[str]
    year_dashed: re.Pattern[str]
    numeric_day_month: re.Pattern[str]
    date_before: re.Pattern[str]
    fraction_after: re.Pattern[str]
    year_range: re.Pattern[str]
    year_opener: re.Pattern[str]
    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    month_glued: re.Pattern[str]  # "Oct2", "Dec31, 1994": tried where a month name ends
    month_before_digits: re.Pattern[str]  # the month name glued to a digit run
    day_range: re.Pattern[str]  # "7-9 December", "del 7 al 9 de diciembre"
    month_day_range: re.Pattern[str]  # "April 20-21, 2001"
    day_range_opener: re.Pattern[str]  # "between " before the first day
    day_range_joiner: re.Pattern[str]  # "-", " to ", " au " between two dates: one range
    pair_joiners: frozenset[str]  # "and", "et": a range only after an opener
    month_year: re.Pattern[str]
    year_month: re.Pattern[str]  # "2017 Nisan'da", in the languages that write the year first
    year_after_word: re.Pattern[str]
    weekday_numeric: re.Pattern[str]
    weekday_before: re.Pattern[str]
    last_weekday: re.Pattern[str]
    next_weekday: re.Pattern[str]  # "next Friday", "lundi prochain": the first one after
    direction_before: re.Pattern[str]  # "el próximo ", "last " before a year-less day
    direction_after: re.Pattern[str]  # " prochain", " dernier" after one
    bare_weekday: re.Pattern[str]
    relative_phrase: re.Pattern[str]
    next_day: re.Pattern[str]
    previous_day: re.Pattern[str]
    ago: re.Pattern[str]


def key(word: str) -> str:
    """The table key of a matched word: lowercase, single spaces, straight apostrophe.

    Turkish capital İ lowercases to i plus a combining dot; the tables spell it i (a matched
    "BİN" must find "bin")."""
    return " ".join(word.lower().replace("i\u0307", "i").replace("\u2019", "'").split())


@functools.cache
def patterns(language: str | None) -> Patterns:
    """The compiled patterns for a document in `language` (None: English and every month name)."""
    data = table()
    langs = languages(language)
    month_langs = langs if language in LANGUAGES else LANGUAGES
    months = {key(k): v for lang in month_langs for k, v in data["months"][lang].items()}
    weekdays = {key(k): v for lang in langs for k, v in data["weekdays"][lang].items()}
    relative = {key(k): v for lang in langs for k, v in data["relative"][lang].items()}
    month = rf"(?P<mon>{_alternation(list(months))})(?!\w)\.?"
    # "4 آب/أغسطس 2025": Levantine and standard names side by side.
    month_pair = rf"{month}(?:\s*/\s*(?:{_alternation(list(months))})(?!\w))?"
    weekday_names = _alternation(list(weekdays))
    weekday = rf"(?P<wd>{weekday_names})(?!\w)"
    last = data["last_weekday"]
    toward = data["date_direction"]
    ago = data["ago"]
    amount = rf"(?:\d{{1,3}}|{_alternation(list(ago['amounts']))})"
    unit = _alternation(list(ago["units"]))
    flags = re.IGNORECASE
    suffixes = _alternation(data["ordinal_suffixes"])
    connectors = _alternation(data["day_month_connectors"])
    ranges = data["year_range"]
    days = data["day_range"]
    day_joiners = _alternation([*days["joiners"], *days["pair_joiners"]])
    anchors = anchor_table(
        {
            "month_dashed": list(months),
            "month_day": list(months),
            "month_day_range": list(months),
            "month_year": list(months),
            "weekday_numeric": list(weekdays),
            "last_weekday": [*weekdays, *last["before"]],
            "next_weekday": [*weekdays, *toward["next"]["before"]],
            "bare_weekday": list(weekdays),
            "relative_phrase": list(relative),
            "next_day": data["next_day"],
            "previous_day": data["previous_day"],
            "ago": [*ago["before"], *ago["amounts"]],
            "year_after_word": data["year_words"],
        }
    )
    # The patterns that open with one of their phrases (a weekday or an amount, one word, lets
    # anything follow); the month patterns are left out: a month may be followed by anything.
    follows = follow_table(
        {
            "last_weekday": [*weekdays, *last["before"]],
            "next_weekday": [*weekdays, *toward["next"]["before"]],
            "relative_phrase": list(relative),
            "next_day": data["next_day"],
            "previous_day": data["previous_day"],
            "ago": [*ago["before"], *ago["amounts"]],
            "year_after_word": data["year_words"],
        },
        then_year=frozenset({"year_after_word"}),
    )
    return Patterns(
        anchors=anchors,
        follows=follows,
        months=months,
        weekdays=weekdays,
        relative=relative,
        ago_units={key(k): v for k, v in ago["units"].items()},
        ago_amounts={key(k): v for k, v in ago["amounts"].items()},
        iso=re.compile(
            # "sales_report-2002-10-09.xlsx": a dash may glue it to a name, never to digits
            r"(?<![^\W_\u0600-\u06ff])(?<![/.])(?<!\d-)"
            r"(?P<y>(?:1[89]|2[01])\d\d)([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)(?![\d/])(?![.,]\d)"
        ),
        numeric=re.compile(
            NOT_AFTER_WORD + r"(?<![/.-])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
            r"(?P<y>(?:1[89]|2[01])\d\d|\d\d)(?!\d)(?![./-]\d)"
        ),
        # "01-Mar-08", "9/Jul/2024": a dateline's day, month abbreviation and year; "2-Oct"
        dashed=re.compile(
            NOT_AFTER_WORD
            + rf"(?<![.,/-])(?P<d>[0-3]?\d)(?P<sep>[-/]) ?(?P<mon>{_alternation(list(months))})"
            r"\.?(?:(?P=sep)(?P<y>(?:1[89]|2[01])\d\d|\d\d))?(?![\w/-])",
            flags,
        ),
        # "Oct-2", "Oct/2", "Sep-23-2020", "Dec-2018"
        month_dashed=re.compile(
            rf"(?<!\w)(?P<mon>{_alternation(list(months))})\.?(?P<sep>[-/]) ?"
            r"(?:(?P<d>[0-3]?\d)(?:(?P=sep)(?P<y>(?:1[89]|2[01])\d\d))?|(?P<y3>(?:1[89]|2[01])\d\d))"
            r"(?![\w/-])(?![.,]\d)",
            flags,
        ),
        # "2019-sep-1", "2019/Aug/01"
        year_dashed=re.compile(
            NOT_AFTER_WORD + r"(?<![/.-])(?P<y>(?:1[89]|2[01])\d\d)(?P<sep>[-/])"
            rf"(?P<mon>{_alternation(list(months))})\.?(?P=sep)(?P<d>[0-3]?\d)(?![\w/-])(?![.,]\d)",
            flags,
        ),
        # "22/04", "4/22", "15.1.", "28.10": a day and month in digits with no year
        numeric_day_month=re.compile(
            NOT_AFTER_WORD + r"(?<![/.,\d-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)"
            r"(?:(?P<dot>\.(?![\d\w]))|,\s*(?P<y>(?:1[89]|2[01])\d\d)(?!\w)(?![.,]\d)"
            # "08/12,15": a two-digit year written onto the comma, with no space
            r"|,(?P<y2>\d\d)(?![\w.,%]))?"
            r"(?![\d/])(?![.,]\d)"
        ),
        date_before=re.compile(
            rf"(?:(?<!\w)(?:{_alternation(data['date_prepositions'])})|{weekday}|\()[\s,]*\Z",
            flags,
        ),
        fraction_after=re.compile(
            rf"\s+(?:{_alternation(data['not_after_numeric'])})(?!\w)", flags
        ),
        # "from 1973 to 1990", "entre 2001 et 2005", "2008-2009": both ends are dates
        # "from 1973 to 1990", "entre 2001 et 2005", "2008-2009": both ends are dates. Tried at
        # four-digit runs only; the opener before is checked apart (year_opener), as trying a
        # pattern at every "de" and "van" of an article costs more than the whole date search.
        year_range=re.compile(
            rf"(?P<y1>(?:1[89]|2[01])\d\d)(?!\w)\s*(?P<join>{_alternation(ranges['joiners'])})"
            r"\s*(?P<y2>(?:1[89]|2[01])\d\d)(?!\w)(?![.,]\d)(?!\s*%)",
            flags,
        ),
        year_opener=re.compile(rf"(?<!\w)(?:{_alternation(ranges['openers'])})\s+\Z", flags),
        day_month=re.compile(
            NOT_AFTER_WORD + r"(?<![.,/$€£¥-])(?<![$€£¥] )"
            rf"(?P<d>[0-3]?\d)(?:{suffixes})?\s*(?:(?:{connectors})\s+)?{month_pair}"
            rf"(?:,?\s*(?:(?:de|del|of|van|in)\s+)?{YEAR}|{SHORT_YEAR})?",
            flags,
        ),
        # "October 1st", "October, 1st" (a comma only before an ordinal day), "June 28 in 2020"
        month_day=re.compile(
            rf"(?<!\w){month}(?:\s+|,\s*(?=[0-3]?\d(?:st|nd|rd|th)(?![\w-])))"
            r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?!\w)"
            rf"(?:\s*,?\s*(?:(?:of|in)\s+)?{YEAR})?",
            flags,
        ),
        month_glued=re.compile(
            rf"(?P<mon>{_alternation(list(months))})(?P<d>[0-3]?\d)(?![\w:])"
            rf"(?:\s*,\s*{YEAR})?",
            flags,
        ),
        month_before_digits=re.compile(rf"(?<!\w)(?:{_alternation(list(months))})\Z", flags),
        day_range=re.compile(
            NOT_AFTER_WORD + r"(?<![.,/$€£¥-])(?<![$€£¥] )"
            rf"(?P<d1>[0-3]?\d)(?:{suffixes})?\s*(?P<join>{day_joiners})\s*"
            rf"(?P<d>[0-3]?\d)(?:{suffixes})?\s*(?:(?:{connectors})\s+)?{month_pair}"
            rf"(?:,?\s*(?:(?:de|del|of|van)\s+)?{YEAR})?",
            flags,
        ),
        month_day_range=re.compile(
            rf"(?<!\w){month}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?P<join>{day_joiners})\s*"
            rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])(?!\w)(?:\s*,?\s*(?:of\s+)?{YEAR})?",
            flags,
        ),
        day_range_opener=re.compile(rf"(?<!\w)(?:{_alternation(days['openers'])})\s+\Z", flags),
        day_range_joiner=re.compile(rf"\s*(?:{day_joiners})\s*", flags),
        pair_joiners=frozenset(key(w) for w in days["pair_joiners"]),
        month_year=re.compile(
            rf"(?<!\w){month_pair}(?:,?\s+(?:(?:{connectors})\s+)?{YEAR}|{SHORT_YEAR})", flags
        ),
        year_month=re.compile(
            NOT_AFTER_WORD
            + rf"{YEAR}\s+(?P<mon>{_alternation(list(months))})(?:['’][^\W\d_]+)?(?!\w)"
            if language in data["year_month_languages"]
            else "(?!)",
            flags,
        ),
        year_after_word=re.compile(
            rf"(?<!\w)(?:{_alternation(data['year_words'])})(?:\s+|-){YEAR}(?!\s*%)", flags
        ),
        # "\s*+": both spacings may take a blank run; trying every split of a long one is
        # quadratic.
        weekday_numeric=re.compile(
            rf"(?<!\w){weekday},?\s*+(?P<open>\()?\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)"
            r"(?:/(?P<y>\d{4}|\d\d))?(?(open)\s*\)|(?![\d/]))",
            flags,
        ),
        weekday_before=re.compile(rf"{weekday}[\s,]*\Z", flags),
        last_weekday=re.compile(
            rf"(?<!\w)(?:(?P<pre>{_alternation(last['before'])})\s+{weekday}"
            rf"|(?P<wd2>{weekday_names})\s+(?P<post>{_alternation(last['after'])})(?!\w))",
            flags,
        ),
        next_weekday=re.compile(
            # "el próximo viernes 12 de mayo": a day follows, so the weekday belongs to that date
            rf"(?<!\w)(?:(?P<pre>{_alternation(toward['next']['before'])})\s+{weekday}(?![\s,]*\d)"
            rf"|(?P<wd2>{weekday_names})\s+(?P<post>{_alternation(toward['next']['after'])})(?!\w))",
            flags,
        ),
        direction_before=re.compile(
            rf"(?<!\w)(?:(?P<next>{_alternation(toward['next']['before'])})"
            rf"|(?P<last>{_alternation(toward['last']['before'])}))\s+\Z",
            flags,
        ),
        direction_after=re.compile(
            rf"\s+(?:(?P<next>{_alternation(toward['next']['after'])})"
            rf"|(?P<last>{_alternation(toward['last']['after'])}))(?!\w)",
            flags,
        ),
        bare_weekday=re.compile(rf"(?<!\w){weekday}", flags),
        relative_phrase=re.compile(rf"(?<!\w)(?P<rel>{_alternation(list(relative))})(?!\w)", flags),
        next_day=re.compile(rf"(?<!\w)(?:{_alternation(data['next_day'])})(?!\w)", flags),
        previous_day=re.compile(rf"(?<!\w)(?:{_alternation(data['previous_day'])})(?!\w)", flags),
        ago=re.compile(
            rf"(?<!\w)(?:(?:{_alternation(ago['before'])})\s+(?P<n1>{amount}|[^\W\d_]+)\s+(?P<u1>{unit})"
            rf"|(?P<n2>{amount})\s+(?P<u2>{unit})\s+(?:{_alternation(ago['after'])}))(?!\w)",
            flags,
        ),
    )


@functools.cache
def capitalised_only(language: str | None = None) -> frozenset[str]:
    """Month and weekday names that are ordinary words unless capitalised ("may", "minggu") in
    a document in `language` (None: every language's). English's hold everywhere except for the
    document's own lowercase names: "jan" and "feb" open Dutch dates."""
    data = table()
    lists = data["capitalised_only"]
    if language not in LANGUAGES:
        return frozenset(w for words in lists.values() for w in words)
    own = {key(w) for section in ("months", "weekdays") for w in data[section][language]}
    english = {w for w in lists["en"] if language == "en" or w not in own}
    return frozenset(english | set(lists.get(language, [])))
