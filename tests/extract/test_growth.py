"""Ten times the text takes at most twelve times as long, for every rule extractor (issue 16).

Most of these inputs once made a regex or a scan quadratic in the length of the text: 100 KB
of Markdown holding a base64 image and an e-mail address took 29 s in the entity finder, 1 MB of
year-less dates over a minute in the date finder. Sizes are 50 KB and 500 KB to keep the file
fast; the cyclic garbage collector is off while timing, as `timeit` does, and the shorter run is
the best of two.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable

import pytest

from factcheck.compare.align import align_sentences, sentences_of
from factcheck.compare.entities import _capital_runs, _spelt_out
from factcheck.compare.quantities import quantity
from factcheck.compare.settle import glued_values
from factcheck.compare.side import Side
from factcheck.extract.rules.dates import find_dates
from factcheck.extract.rules.dates_data import normalise, tokens
from factcheck.extract.rules.disclaimers import find_disclaimers
from factcheck.extract.rules.entities import find_entities
from factcheck.extract.rules.numbers import find_numbers
from factcheck.extract.rules.quotes import find_quotes
from factcheck.models import Document

SMALL = 50_000
LARGE = 10 * SMALL
# Ten times the text costs ten times the time in linear code, a little more where facts are
# sorted (n log n) and ten times as many objects crowd the CPU caches: 10.6x to 12.3x measured
# for 71,428 weekdays, and 10.7x to 15.5x for the disclosure filter's single regex scan (2 ms at
# 50,000 characters, which sit in the CPU cache; 500,000 do not; 2,000,000 cost 3.7x the
# 500,000). Quadratic code costs about 100x, so 16 still catches it with room.
MAX_RATIO = 16
ATTEMPTS = 5

Make = Callable[[int], str]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _units(unit: str, size: int) -> str:
    """Whole copies of `unit` (a cut one could end a number or a date differently)."""
    return unit * (size // len(unit))


def _document(text: str, language: str | None) -> Document:
    return Document(path="growth.txt", text=text, sha256="0", language=language)


def _seconds(run: Callable[[Document], object], document: Document) -> float:
    normalise.cache_clear()  # the token index is cached per text: every run starts cold
    tokens.cache_clear()
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        run(document)
        return time.process_time() - start
    finally:
        gc.enable()


def _assert_linear(
    run: Callable[[Document], object], make: Make, language: str | None = "en"
) -> None:
    run(_document(make(2_000), language))  # compiled patterns, data tables
    times = []
    short = long = float("inf")
    for _ in range(ATTEMPTS):  # linear code lands near 10; a busy machine may push one run past
        # The best time seen of each size: noise only ever adds time, so the minima converge
        # on what the code costs.
        short = min(short, *(_seconds(run, _document(make(SMALL), language)) for _ in range(2)))
        long = min(long, _seconds(run, _document(make(LARGE), language)))
        times.append(f"{short:.3f} s -> {long:.3f} s")
        if long <= MAX_RATIO * short:
            return
    pytest.fail(f"{SMALL:,} -> {LARGE:,} characters: " + ", ".join(times))


QUOTES: dict[str, Make] = {
    "straight quotes": lambda n: _repeat('"', n),
    "guillemets": lambda n: _repeat("«", n),
    "a surname quoted again and again": lambda n: _units('"Yes," Smith said. ', n),
}


@pytest.mark.parametrize("make", QUOTES.values(), ids=QUOTES.keys())
def test_quotes_grow_linearly(make: Make) -> None:
    _assert_linear(find_quotes, make)


DATES: dict[str, Make] = {
    "one date": lambda n: _units("12 March 2026, ", n),
    "one weekday": lambda n: _units("Monday ", n),
    "year-less dates": lambda n: _units("12 March, ", n),
    "a weekday before blanks": lambda n: "Monday" + " " * (n - 7) + "x",
}


@pytest.mark.parametrize("make", DATES.values(), ids=DATES.keys())
def test_dates_grow_linearly(make: Make) -> None:
    _assert_linear(find_dates, make)


NUMBERS: dict[str, tuple[Make, str, bool]] = {  # text, language, dates taken out first
    "thousands separators": (lambda n: _units("1,234,", n), "en", False),
    "a long number that ends in a letter": (
        lambda n: "1" + _units(",234", n - 2) + "x",
        "en",
        False,
    ),
    "a long spaced number with a glued unit": (
        lambda n: "1" + _units(" 234", n - 2) + "m",
        "fr",
        False,
    ),
    "dotted digits": (lambda n: _repeat("1.2.3.4.5.6.7.8.9.", n), "en", False),
    # Every run of number words overlaps the date, so each is rejected and tried from its next word.
    "number words running into a date": (lambda n: _units("one ", n - 8) + "week ago", "en", True),
}


@pytest.mark.parametrize(("make", "language", "dated"), NUMBERS.values(), ids=NUMBERS.keys())
def test_numbers_grow_linearly(make: Make, language: str, dated: bool) -> None:
    def run(document: Document) -> object:
        return find_numbers(document, exclude=dates.get(document.text, ()))

    # As in extract(), figures skip what the date finder took; the date finder is not timed.
    texts = (make(2_000), make(SMALL), make(LARGE)) if dated else ()
    dates = {
        text: [(f.start, f.end) for f in find_dates(_document(text, language))] for text in texts
    }
    _assert_linear(run, make, language)


_BASE64_HEAD = "# Report\n\nAlice Smith wrote this.\n\n![x](data:image/png;base64,"
_BASE64_TAIL = ")\n\nContact: bob.jones@example.com\n"


def _base64_article(size: int) -> str:
    body = size - len(_BASE64_HEAD) - len(_BASE64_TAIL)
    return _BASE64_HEAD + _repeat("QUFBQUFBQUFBQkJCQkND+/9z", body) + _BASE64_TAIL


_camel_words = itertools.count()


def _camel_word(size: int) -> str:
    # One word, new each time: the finder caches what it read of each word.
    return chr(ord("B") + next(_camel_words) % 20) + _repeat("bA", size - 1)


ENTITIES: dict[str, Make] = {
    "a base64 image and an e-mail address": _base64_article,
    "at signs": lambda n: _repeat("@", n),
    "a long token before an at sign": lambda n: "x" * (n - 2) + " @",
    "http without a link": lambda n: _repeat("http", n),
    "unclosed links": lambda n: _repeat("<a ", n),
    "unclosed tags": lambda n: _repeat("<", n),
    "tags between letters": lambda n: _repeat("<b>x", n),
    "capitalised words": lambda n: _units("Alpha McBeta ", n),
    "one CamelCase word": _camel_word,
}


@pytest.mark.parametrize("make", ENTITIES.values(), ids=ENTITIES.keys())
def test_entities_grow_linearly(make: Make) -> None:
    _assert_linear(find_entities, make)


DISCLAIMERS: dict[str, tuple[Make, str]] = {
    "one long sentence naming this article": (lambda n: _units("this article ", n), "en"),
    "long sentences naming this article": (
        lambda n: _units("this article " + "x " * 500 + ". ", n),
        "en",
    ),
    "blanks after 'written by'": (
        lambda n: "este artigo foi escrito por" + " " * (n - 28) + "x",
        "pt",
    ),
    "this article and AI far into long sentences": (
        lambda n: _units("x " * 250 + "this article AI " + "x " * 50 + ". ", n),
        "en",
    ),
    "this article glued to full stops in one sentence": (
        lambda n: _repeat("x.this article AI ", n),
        "en",
    ),
}


@pytest.mark.parametrize(("make", "language"), DISCLAIMERS.values(), ids=DISCLAIMERS.keys())
def test_disclaimers_grow_linearly(make: Make, language: str) -> None:
    _assert_linear(find_disclaimers, make, language)


ALIGNMENT: dict[str, Make] = {
    "one long sentence": lambda n: _repeat("word ", n),
    "short sentences with a figure": lambda n: _units("Paris grew by about 1,234 miles. ", n),
    "quote marks after a full stop": lambda n: "." + _repeat('"', n - 1),
}


@pytest.mark.parametrize("make", ALIGNMENT.values(), ids=ALIGNMENT.keys())
def test_alignment_grows_linearly(make: Make) -> None:
    def run(document: Document) -> object:
        side = Side.of("reference", document, figures[document.text])
        return sentences_of(side), [quantity(f, document.text) for f in side.numbers]

    figures = {
        text: find_numbers(_document(text, "en"))
        for text in (make(2_000), make(SMALL), make(LARGE))
    }
    _assert_linear(run, make)


@pytest.mark.parametrize("make", ALIGNMENT.values(), ids=ALIGNMENT.keys())
def test_aligning_two_sides_grows_linearly(make: Make) -> None:
    # A name or a figure in every sentence of both sides once paired every sentence with every
    # other: 4,000 sentences a side took 12 s (fuzz input 1186, issue 16).
    def run(document: Document) -> object:
        figures = find_numbers(document)
        reference = Side.of("reference", document, figures)
        return align_sentences(reference, Side.of("candidate", document, figures))

    _assert_linear(run, make)


CAPITALS: dict[str, Make] = {
    "one long capitalised token": lambda n: _repeat("A", n),
    "capitals after apostrophes": lambda n: _repeat("'A", n),
    "capitalised words": lambda n: _repeat("Alpha Beta of Gamma ", n),
}


@pytest.mark.parametrize("make", CAPITALS.values(), ids=CAPITALS.keys())
def test_runs_of_capitalised_words_grow_linearly(make: Make) -> None:
    # The acronym and short-name checks read every run of capitalised words; a run that could
    # start at any letter made a long token quadratic (fuzz, issue 16).
    def run(document: Document) -> object:
        side = Side.of("candidate", document, ())
        return _spelt_out(side), _capital_runs(side)

    _assert_linear(run, make)


WRITTEN: dict[str, Make] = {
    "one run of grouped digits": lambda n: _repeat("1,234,567.89", n),
    "grouped digits with a scale letter": lambda n: _units("1,234,567.8m ", n),
    "digits glued to letters": lambda n: _repeat("12bn3", n),
}


@pytest.mark.parametrize("make", WRITTEN.values(), ids=WRITTEN.keys())
def test_values_written_in_digits_grow_linearly(make: Make) -> None:
    # Every value written in a text is read when figures are compared ("70m", "1,500");
    # the fuzzer once found a run of grouped digits that took minutes (issue 16).
    _assert_linear(lambda document: glued_values(document.text), make)
