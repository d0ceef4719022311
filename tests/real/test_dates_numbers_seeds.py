"""Dates and figures in the five real seed articles (read in place from ../shared/seeds)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract.rules.dates import find_dates
from factcheck.extract.rules.numbers import find_numbers
from factcheck.models import Document, Fact
from tests.conftest import seed

pytestmark = pytest.mark.real

LANGUAGES = {0: "id", 1: "fr", 2: "fr", 3: "ar", 4: "id"}


def load(seeds_dir: Path, number: int, published: dt.date | None = None) -> Document:
    path = seed(seeds_dir, number)
    return Document(
        path=str(path),
        text=path.read_text(encoding="utf-8"),
        sha256="0" * 64,
        language=LANGUAGES[number],
        published=published,
    )


def extract(document: Document) -> tuple[list[Fact], list[Fact]]:
    """Dates, then figures outside them: the order the rules runner uses."""
    found_dates = find_dates(document)
    figures = find_numbers(document, exclude=[(f.start, f.end) for f in found_dates])
    return found_dates, figures


def test_004_dates_without_publication_date(seeds_dir: Path) -> None:
    found, _ = extract(load(seeds_dir, 4))
    values = {f.text: f.value for f in found}
    assert values["9 Juli 2024"] == "2024-07-09"
    assert values["Selasa (25/6)"] == "2024-06-25"
    closing = next(f for f in found if f.text == "9 Juli 2024")
    assert closing.context == "penutupan akses"


def test_004_partial_date_and_years_are_not_figures(seeds_dir: Path) -> None:
    document = load(seeds_dir, 4)
    _, figures = extract(document)
    assert not [f for f in figures if f.value in (25.0, 6.0, 2024.0)]
    start = document.text.index("(25/6)")
    assert not [f for f in figures if start <= f.start < start + 6]


def test_001_figures(seeds_dir: Path) -> None:
    found, figures = extract(load(seeds_dir, 1))
    half = next(f for f in figures if f.unit == "fraction")
    assert (half.text, half.value, half.context) == ("la moitié", 0.5, "emplois")
    rate = next(f for f in figures if f.unit == "%")
    assert (rate.text, rate.value, rate.context) == ("20 %", 20.0, "chômage")
    five = next(f for f in figures if f.text == "cinq")
    assert (five.value, five.context) == (5.0, "années")
    assert 2021.0 not in [f.value for f in figures]
    founded = next(f for f in found if f.value == "2021")
    assert (founded.text, founded.context) == ("2021", "fondée")


def test_001_next_day_after_a_year_stays_relative(seeds_dir: Path) -> None:
    found, _ = extract(load(seeds_dir, 1))
    next_day = next(f for f in found if f.text == "le lendemain")
    assert (next_day.value, next_day.relative) == (None, "le lendemain")


def test_000_closing_percentage(seeds_dir: Path) -> None:
    document = load(seeds_dir, 0)
    _, figures = extract(document)
    full = next(f for f in figures if f.unit == "%")
    assert (full.text, full.value) == ("100%", 100.0)
    assert full.start > len(document.text) * 0.9  # the AI disclaimer at the end


def test_000_relative_date_unresolved_then_resolved(seeds_dir: Path) -> None:
    unresolved, _ = extract(load(seeds_dir, 0))
    last_tuesday = next(f for f in unresolved if f.text == "Selasa lalu")
    assert (last_tuesday.value, last_tuesday.relative) == (None, "Selasa lalu")
    resolved, _ = extract(load(seeds_dir, 0, published=dt.date(2025, 8, 4)))
    last_tuesday = next(f for f in resolved if f.text == "Selasa lalu")
    assert (last_tuesday.value, last_tuesday.relative) == ("2025-07-29", "Selasa lalu")


def test_003_front_matter_date_this_week_and_no_html_figures(seeds_dir: Path) -> None:
    found, figures = extract(load(seeds_dir, 3, published=dt.date(2025, 8, 4)))
    assert "2025-08-04" in [f.value for f in found]
    this_week = next(f for f in found if f.relative)
    assert this_week.value == "2025-W32"
    assert figures == []  # GPT-5 is a name; "80%" and "12px" are HTML styling


def test_002_list_markers_and_model_names_are_not_figures(seeds_dir: Path) -> None:
    _, figures = extract(load(seeds_dir, 2))
    assert {f.text for f in figures} == {"deux"}


@functools.cache
def _seed_texts(seeds_dir: Path) -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("0*.txt")))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    number=st.integers(0, 4),
    cut=st.tuples(st.floats(0, 1), st.floats(0, 1)),
    language=st.sampled_from([None, "id", "fr", "ar", "en", "es", "de", "pt"]),
    published=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
)
def test_every_fact_is_its_evidence(
    seeds_dir: Path,
    number: int,
    cut: tuple[float, float],
    language: str | None,
    published: dt.date | None,
) -> None:
    """Any slice of any seed, any language, any publication date: offsets always hold."""
    text = _seed_texts(seeds_dir)[number]
    lo, hi = sorted(int(c * len(text)) for c in cut)
    piece = text[lo:hi] if hi > lo else text
    document = Document(
        path="seed", text=piece, sha256="0" * 64, language=language, published=published
    )
    found, figures = extract(document)
    for fact in [*found, *figures]:
        assert piece[fact.start : fact.end] == fact.text
        assert fact.text.strip() == fact.text and fact.text
    for date in found:
        assert date.value is None or isinstance(date.value, str)
    taken = [(f.start, f.end) for f in found]
    assert not [f for f in figures if any(s < f.end and f.start < e for s, e in taken)]
