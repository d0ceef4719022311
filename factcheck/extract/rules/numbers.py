"""Figures: counts, percentages, money, scale words, number words, fractions and ranges.

A figure is digits in the document's locale ("1.234,5" in Indonesian, "1,234.5" in English,
"1 234,5" in French) or spelled-out words ("dua puluh", "cinq"), with an optional currency
before it and an optional scale word, percent word or currency after it. Years inside dates
(the `exclude` spans), product names (GPT-5, Claude 3), list markers, times of day, URLs and
HTML attributes are not figures; nor are numbers the words around them show to name rather than
count: a labelled item ("page 16", "§ 6250", "Flight 574"), an hour ("3 p.m."), a house or a
telephone number, a decade ("los años 90"), or a number standing alone between two sentences
(a page number in a scanned text).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.extract.rules import cjk
from factcheck.extract.rules.dates_context import stopwords, words_after, words_before
from factcheck.extract.rules.dates_data import key, normalise, tokens
from factcheck.extract.rules.numbers_data import (
    Patterns,
    anchor_words,
    parse_digits,
    patterns,
    words_value,
)
from factcheck.models import Document, Fact

_LINK = re.compile(r"https?://\S+|www\.\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_TAG = re.compile(r"<[^<>\n]{1,2000}>")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w.-]*)[ \u00a0]\Z")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_VERSION = re.compile(r"\d+\.\d{1,2}")  # "4.0", "10.4": a number a label may name
_TIME_SHAPE = re.compile(r"\d{1,2}[.:]\d\d")
_BLANKS = " \t"
# "+41 79 217 3446", "+33 (0)1 23 45 67 89": an international number, none of it a figure
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w.])\+ ?\d{1,3}(?: ?[ \u00a0.-]? ?\(\d{1,4}\)\d{0,5}|(?: ?[\u00a0.-] ?| )\d{1,6}){2,8}(?![\d.,]\d)"
)
_PHONE = re.compile(r"0\d{1,4}(?:[ \u00a0]\d{2,4}){1,6}(?!\d)")
_NO_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_BULLETS = "-*•–"  # a list marker is these after blanks, then blanks ("  - 2) ...")
_PERIOD = re.compile(
    r"(?<!\w)(?:first|second|third|fourth|premier|première|seconde?|primer|primera|segunda|"
    r"segundo|pertama|kedua|erste[nr]?|zweite[nr]?|prim[ao]|second[ao]|eerste|tweede)\s+\Z",
    re.IGNORECASE,
)
IDENTIFIER_DIGITS = 5
HOURS = 24  # a whole number up to this before "p.m." or "Uhr" is an hour
LABEL_WINDOW = 24  # characters read before a figure for "page", "§", "Flight"
HOUSE_DIGITS = 4  # a house number has at most this many digits
# after a number alone: a heading's period and capital, or the next heading's number
_ALONE_BEFORE = re.compile(r"(?:\A|[.!?\n])[ \t]*(?:\d{1,3}[ \t]+)?\Z")
_MINUTES_BEFORE = re.compile(r"\d[ \t]?h[ \t]?\Z")  # "15 h 30": the 30 is minutes
_ALONE_AFTER = re.compile(r"\.[ \t]+[^\W\d_]*[A-Z]|[ \t]+\d{1,3}\.[ \t]")
QUALIFIER_WINDOW = 40  # characters read before (or after) a figure for "at least", "environ"
QUALIFIER_WORDS = 4  # the longest bound phrase ("no fewer than", "ما لا يقل عن")
_OPENING = "([{«“\"'‘„"  # "(about US$1.4 billion)": the bracket is not part of the word
COUNTED_WINDOW = 60  # characters read after (and before) a figure for what it counts
_CLAUSE_END = re.compile(r"[.;:!?\n()\[\]\"“”«»؛؟]")
_WORD = re.compile(
    r"[^\W\d_][\w'’-]*"
)  # a run of this many digits with no separator is a number of something
_GLUED_BEFORE = re.compile(r"\d[+/#]\Z|\b0\d+[ -]\Z")
_GLUED_AFTER = re.compile(r"[+#]\d|[-–]\d{3}")
_CUT_GROUP = re.compile(r" [.,]\d{3}(?!\d)")  # "16 .400": a figure cut by a stray space
_DECADE = re.compile(r"['’]?s(?!\w)")
_DECADE_BEFORE = re.compile(r"['’]\Z")
_ORDINAL_AFTER = re.compile(r"\.[ \t]+([^\W\d_])")  # ". s" of "1. sırada"; lowercase only
_SENTENCE_END = '.!?\n:;"“”«»'


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    value: float
    unit: str | None
    scale: float | None  # the scale word's factor ("20 juta": 1e6), None without one
    context: str | None = None
    cjk: bool = False  # read in Chinese, Japanese or Korean text (cjk.py), its context with it


def find_numbers(document: Document, exclude: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    """Every figure in `document` outside the `exclude` spans, with its unit and context."""
    text = document.text
    norm = normalise(text)
    pats = patterns(document.language)
    mask = bytearray(len(text))
    index = tokens(norm, anchor_words(document.language))
    anchored = index.at(pats.anchors)
    # "Telephone: 41 22 791 2510": tried only where a phone label stands
    phones = [
        m.span("num")
        for pos, names in anchored
        if "phone" in names and (m := pats.phone.match(norm, pos))
    ]
    for start, end in [*exclude, *_not_prose(norm), *phones]:
        mask[start:end] = b"\x01" * (end - start)
    figures: list[_Figure] = []
    if cjk.HAS_CJK.search(norm):  # first: "200 万" is two million, not a 200 then a word
        for f in cjk.find_figures(norm, mask):
            figures.append(_Figure(f.start, f.end, f.value, f.unit, f.scale, f.context, cjk=True))
            mask[f.start : f.end] = b"\x01" * (f.end - f.start)
    starts = list(index.digits)
    for pos, names in anchored:
        if "fraction" in names and (m := pats.fraction.match(norm, pos)):
            if _PERIOD.search(norm, max(0, pos - 12), pos):
                continue  # "the first half of 2025" is a period, not a share
            if key(m[0]) in pats.ordinal_fractions and not (
                pats.fraction_before.search(norm, max(0, pos - 12), pos)
                or pats.fraction_after.match(norm, m.end())
            ):
                continue  # "a third term", "a third straight session": a rank, not a share
            if not any(mask[m.start() : m.end()]):  # first, so "two-thirds" is not a "two"
                figures.append(
                    _Figure(m.start(), m.end(), pats.fractions[key(m[0])], "fraction", None)
                )
                mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        elif "figure" in names:
            starts.append(pos)
    starts.sort()
    covered = 0
    for pos in starts:
        if pos < covered or mask[pos]:
            continue  # inside the previous figure ("234" of "1.234,5") or excluded
        figure = _figure(pos, norm, pats, mask)
        if figure:
            figures.append(figure)
            covered = figure.end
        elif norm[pos] == "0" and (phone := _PHONE.match(norm, pos)):
            covered = phone.end()  # "021 345 678": none of its groups is a figure
    figures.sort(key=lambda f: f.start)
    for i, figure in enumerate(figures):
        following = figures[i + 1].start if i + 1 < len(figures) else None
        previous = figures[i - 1].end if i else 0
        if not figure.cjk:
            figure.context = _context(text, figure, pats, previous, following)
    _join_ranges(figures, norm, pats)
    return [
        Fact(
            kind="number",
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            value=f.value,
            unit=f.unit,
            context=f.context,
            qualifier=_qualifier(norm, f, pats),
            counted=_counted(norm, figures, i, pats),
        )
        for i, f in enumerate(figures)
    ]


def _counted(norm: str, figures: list[_Figure], i: int, pats: Patterns) -> str | None:
    """What the figure counts, as a key shared by every language ("dead" for "killed", "tewas",
    "morts", "قتلى"): the words of its clause after it, then before it; a specific key wins over
    "people" ("68 people were killed")."""
    figure = figures[i]
    if figure.unit is not None:
        return None  # money and percentages count no thing
    stop = figures[i + 1].start if i + 1 < len(figures) else len(norm)
    if figure.cjk:
        return cjk.counted(norm, figure.end, stop)
    floor = figures[i - 1].end if i else 0
    after = norm[figure.end : min(stop, figure.end + COUNTED_WINDOW)]
    before = norm[max(floor, figure.start - COUNTED_WINDOW) : figure.start]
    clause = _CLAUSE_END.split(after, 1)[0] + " " + _CLAUSE_END.split(before)[-1]
    counted = pats.counted
    found = [counted[w] for w in _WORD.findall(clause.lower()) if w in counted]
    return next((what for what in found if what != "people"), found[0] if found else None)


def _qualifier(norm: str, figure: _Figure, pats: Patterns) -> str | None:
    """ "min", "max" or "approx" when words before or after make the figure a bound or an
    estimate ("at least 68", "nearly 85,000", "sekitar 20", "100'den fazla")."""
    before = norm[max(0, figure.start - QUALIFIER_WINDOW) : figure.start]
    words = before.split()[-QUALIFIER_WORDS:] if before[-1:].isspace() else []
    # most figures ("killed 68", "in 2024") end no bound phrase: one set lookup says so
    if words and words[-1].lower() in pats.qualifier_ends:
        words = [w.lstrip(_OPENING) for w in words]
        for size in range(len(words), 0, -1):  # "more than" before "than"
            kind = pats.qualifier_kinds.get(key(" ".join(words[-size:])))
            if kind:
                return kind
    if pats.qualifier_after is None:
        return None
    m = pats.qualifier_after.match(norm, figure.end, figure.end + QUALIFIER_WINDOW)
    return pats.qualifier_kinds.get(key(m["q"])) if m else None


def _figure(pos: int, norm: str, pats: Patterns, mask: bytearray) -> _Figure | None:
    """The figure starting at `pos`, or None when there is none (a name, a time, a marker, a year)."""
    # The cheap checks first: a long number or run of number words is matched from each of its
    # tokens that passes them, and matching scans to its end.
    prefix = pats.prefix.search(norm, max(0, pos - 10), pos)  # "$", "Rp ", "HK$ ", "yüzde "
    if prefix is None and not pats.boundary.match(norm, pos):
        return None
    m = pats.figure.match(norm, pos)
    if not m:
        return None
    start, end = (prefix.start() if prefix else pos), m.end()
    if m["gmeasure"]:
        end = m.start("gmeasure")  # "60GB": the unit is read after the figure, as in "60 GB"
    if any(mask[start:end]):
        return None
    raw = m["num"]
    unit = _unit(m, prefix, pats)
    written_scale = m["scale"] or m["late_scale"]
    scale = pats.scales[key(written_scale)] if written_scale else None
    if m["glued"]:
        if len(m["glued"]) == 1 and unit in (None, "%"):
            return None  # "5m" is five metres; "$5m" is five million dollars
        scale = pats.glued_scales[key(m["glued"])]
    if raw is None:
        words = m["words"]
        if words[0].isupper() and not _sentence_start(norm, start):
            return None  # "Lima" the city
        value = words_value(words, pats)
        if value is None or (value == 1 and not scale):
            return None  # "one", "un", "een" alone are pronouns and articles; "one million" counts
    else:
        if unit is None and scale is None and _not_a_figure(raw, m, norm, pats):
            return None
        value = parse_digits(raw, pats.decimal_comma)
        if value is None:
            return None
    if scale:
        value *= scale
    if prefix is not None and prefix["minus"]:
        value = -value  # "€ -12": a negative amount
    if not math.isfinite(value):
        return None  # a thousand-digit "number" is no figure anyone states
    if raw is None and not scale:
        scale = _trailing_scale(m["words"], pats)  # already in the value: kept for ranges
    return _Figure(start, end, value, unit, scale)


def _not_prose(norm: str) -> list[tuple[int, int]]:
    """Spans of links, e-mail addresses, international phone numbers and HTML tags
    ("font-size:80%" is no percentage)."""
    spans = [m.span() for m in _LINK.finditer(norm)] if ("http" in norm or "www." in norm) else []
    if "<" in norm:
        spans += [m.span() for m in _TAG.finditer(norm)]
    plus = norm.find("+")
    while plus != -1:
        m = _INTERNATIONAL_PHONE.match(norm, plus)
        if m:
            spans.append(m.span())
        plus = norm.find("+", plus + 1)
    at = norm.find("@")
    while at != -1:  # scanning for "@" first is far cheaper than trying the pattern everywhere
        m = _EMAIL.search(norm, max(0, at - 64), at + 256)
        if m:
            spans.append(m.span())
        at = norm.find("@", at + 1)
    return spans


def _unit(m: re.Match[str], prefix: re.Match[str] | None, pats: Patterns) -> str | None:
    if m["pct"] or (prefix and prefix["pct"]):
        return "%"
    if prefix and prefix["cur"]:  # "rmb 10 usd 20": the code before is this figure's
        return pats.currency_before[key(prefix["cur"])]
    if m["cur"]:
        return pats.currency_after[key(m["cur"])]
    if m["gcur"]:
        return pats.currency_after[key(m["gcur"])]
    if prefix and prefix["cur"]:
        return pats.currency_before[key(prefix["cur"])]
    return None


def _sentence_start(norm: str, start: int) -> bool:
    before = norm[max(0, start - 4) : start].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _not_a_figure(raw: str, m: re.Match[str], norm: str, pats: Patterns) -> bool:
    """A bare number that is a list marker, a time, a year, an identifier or part of a product
    name."""
    start, end = m.start("num"), m.end("num")
    if (
        norm[end : end + 1] in (".", ")")
        and _list_marker(norm, start, end + 1)
        and not _dot_ordinal(norm, end, pats)
    ):
        return True  # "1. Le secret", "- 2) ..."
    if _TIME_SHAPE.fullmatch(raw) and (
        pats.time_before.search(norm, max(0, start - 16), start) or pats.time_after.match(norm, end)
    ):
        return True
    if _identifier(raw, norm, start, end):
        return True
    labelled = raw.isdigit() or _VERSION.fullmatch(raw)  # "version 4.0", not "nr. 22,240,260"
    if labelled and _previous_token(norm, start, through_range=True) in pats.labels:
        return True  # "page 16", "§ 6250", "pages 14-16", "version 4.0"
    if raw.isdigit() and _names_something(raw, norm, start, end, pats):
        return True
    if raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100:
        following = _NEXT_WORD.match(norm, end)
        # "2024 karyawan" counts people; "ANTARA 2024", "2024." and "2024 OpenAI" are years
        # (a word of a caseless script, "١٢٣٤ شخصا", counts too)
        word = following.group(1) if following else ""
        counted = bool(word) and not word[:1].isupper() and word not in stopwords()
        return not counted
    previous = _PREVIOUS_WORD.search(norm, max(0, start - 30), start)
    if previous and len(raw) <= 4 and not _sentence_start(norm, previous.start()):
        name = previous.group(1)
        if any(ch.isupper() for ch in name) and name.lower() not in stopwords():
            return True  # "Claude 3", "iPhone 15", "Windows 11"
    return False


def _dot_ordinal(norm: str, end: int, pats: Patterns) -> bool:
    """Whether the period after digits ending at `end` writes an ordinal: a lowercase word
    follows in a language that writes "1. sırada" (first place), where a list item would open
    with a capital."""
    if not pats.dot_ordinals:
        return False
    after = _ORDINAL_AFTER.match(norm, end)
    return after is not None and after[1].islower()


def _names_something(raw: str, norm: str, start: int, end: int, pats: Patterns) -> bool:
    """Whole digits that label rather than count, told by the words around them: an hour ("3
    p.m.", "à 15 heures"), a decade ("los años 90"), a house number ("12 Downing Street"), or a number that makes up a sentence alone (a page number between
    two clauses of a scanned text, "hereto. 18. Entire Agreement")."""
    if len(raw) == 2 and _MINUTES_BEFORE.search(norm, max(0, start - 4), start):
        return True
    if int(raw) <= HOURS and (
        pats.clock_after.match(norm, end)
        or (
            pats.time_after.match(norm, end)
            and pats.time_before.search(norm, max(0, start - 16), start)
        )
    ):
        return True
    if _decade(raw, norm, start, end, pats):
        return True
    if len(raw) <= HOUSE_DIGITS and pats.street_after.match(norm, end):
        return True
    return _alone(norm, start, end)


def _decade(raw: str, norm: str, start: int, end: int, pats: Patterns) -> bool:
    """ "los años 90", "les années 80", "principios de los 90.": a decade, not ninety things."""
    if len(raw) != 2 or raw[1] != "0":
        return False
    word = _previous_token(norm, start)
    if word in pats.decade_words:
        return True
    return word in pats.decade_articles and not _NEXT_WORD.match(norm, end)


def _previous_token(norm: str, start: int, through_range: bool = False) -> str:
    """The word or sign right before a number at `start` ("page", "§", "n°"), lowercased and
    stripped of an opening bracket and an elided article; with `through_range`, read past the first end of a range
    ("pages 14-" before 16). Read backwards, a few characters at most."""
    i = start
    while i and norm[i - 1] in _BLANKS:
        i -= 1
    if through_range and i and norm[i - 1] in "-–":
        j = i - 1
        while j and norm[j - 1] in _BLANKS:
            j -= 1
        k = j
        while k and norm[k - 1].isdigit():
            k -= 1
        if k < j:
            i = k
            while i and norm[i - 1] in _BLANKS:
                i -= 1
    end = i
    while i and end - i < LABEL_WINDOW and not norm[i - 1].isspace() and not norm[i - 1].isdigit():
        i -= 1
    # "l'article 5", "dell'articolo 5": the elided article is not part of the word
    return key(norm[i:end].lstrip(_OPENING)).rsplit("'", 1)[-1]


def _alone(norm: str, start: int, end: int) -> bool:
    """Whether digits stand between a sentence's end and the next one (or a numbered heading)
    with no word: "... hereto. 18. Entire Agreement", "... copies. 14 10. USL's ..."."""
    if not _ALONE_BEFORE.search(norm, max(0, start - 8), start):
        return False
    return bool(_ALONE_AFTER.match(norm, end))


def _list_marker(norm: str, start: int, after: int) -> bool:
    """Whether only blanks and at most one bullet stand between the line start and `start`, and
    text follows on the line after `after` ("192." alone on its line is a figure).

    Read backwards from `start`: searching for the line start from every figure of a long line
    takes time quadratic in its length.
    """
    i = start
    while i and norm[i - 1] in _BLANKS:
        i -= 1
    if i and norm[i - 1] in _BULLETS:
        i -= 1
        while i and norm[i - 1] in _BLANKS:
            i -= 1
    if i and norm[i - 1] != "\n":
        return False
    rest = norm[after : after + 80].lstrip(_BLANKS)
    return bool(rest) and rest[0] != "\n"


def _identifier(raw: str, norm: str, start: int, end: int) -> bool:
    """Digits that name rather than count: a phone or case number ("059", "717864"), a code
    glued to other digits ("0735.6+7421", "555-0199"), a decade ("the 80's", "1990s")."""
    if raw.isdigit() and (len(raw) >= IDENTIFIER_DIGITS or (len(raw) > 1 and raw[0] == "0")):
        return True
    compact = raw.translate(_NO_SPACES)
    if compact != raw and compact[:1] == "0" and compact[1:2].isdigit():
        return True  # "021 345 678": a phone number grouped by spaces
    before, after = norm[max(0, start - 5) : start], norm[end : end + 5]
    if _GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after) or _CUT_GROUP.match(after):
        return True
    if raw.isdigit() and len(raw) == 2 and _DECADE_BEFORE.search(before):
        return True  # "the '90s", "gli anni '90"
    return bool(raw.isdigit() and _DECADE.match(after))


def _context(
    text: str, figure: _Figure, pats: Patterns, floor: int, stop: int | None
) -> str | None:
    """The noun the figure counts: right after it (before the next figure), else just before it
    (after the previous figure: "40.000 millones de US$ y 5 ..." says nothing about the 5)."""
    skip = pats.context_skip
    words = words_after(text, figure.end, 1, skip, first_only=True, stop=stop) or words_before(
        text, figure.start, 1, skip, floor=floor
    )
    return words[0] if words else None


def _join_ranges(figures: list[_Figure], norm: str, pats: Patterns) -> None:
    """Join ranges ("10-20 %", "antara 10 hingga 20 juta"): both ends share unit, scale, context."""
    for first, second in itertools.pairwise(figures):
        clash = None not in (first.unit, second.unit) and first.unit != second.unit
        if second.start - first.end > 12 or clash:
            continue
        if not pats.range_joiner.fullmatch(norm, first.end, second.start) and not (
            pats.pair_joiner.fullmatch(norm, first.end, second.start)
            and pats.range_opener.search(norm, max(0, first.start - 12), first.start)
        ):
            continue  # "10 dan 20" is two figures; "antara 10 dan 20" is a range
        # one unit for both ends: "10-20 %", "$12 tot 20 miljoen"
        first.unit = second.unit = first.unit or second.unit
        if first.scale is None and second.scale is not None and first.value < second.value:
            first.value *= second.scale
            first.scale = second.scale
        first.context = second.context


def _trailing_scale(words: str, pats: Patterns) -> float | None:
    """The factor of the scale word that ends a spelled-out figure ("dua puluh juta": 1e6)."""
    parts = key(words).replace("-", " ").split()
    for size in (2, 1):  # "mil millones" before "millones"
        if len(parts) > size and (scale := pats.scales.get(" ".join(parts[-size:]))):
            return scale
    return None
