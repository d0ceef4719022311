"""When two date values can state one date: ranges of days, year-less days, inferred years."""

from __future__ import annotations

import pytest

from factcheck.compare.date_values import precision, values_compatible


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2004-12-08", "2004-12-07/2004-12-09"),  # a day inside the range
        ("2004-12", "2004-12-07/2004-12-09"),  # the month holds the range
        ("--01-26", "2005-01-26"),  # the same day, its year not written
        ("--12-07/--12-09", "2004-12-07/2004-12-09"),
        ("2004-07", "2004-07-09"),
    ],
)
def test_values_that_can_be_one_date(a: str, b: str) -> None:
    assert values_compatible(a, b) and values_compatible(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2004-12-07/2004-12-09", "2004-12-07/2004-12-10"),  # the end day changed
        ("2004-12-12", "2004-12-07/2004-12-09"),  # a day outside the range
        ("--01-26", "2005-01-27"),
        ("--01-26", "2005"),  # the year is not given by the year-less day
        ("2004-07-09", "2005-07-09"),  # both years written: they differ
    ],
)
def test_values_that_cannot(a: str, b: str) -> None:
    assert not values_compatible(a, b) and not values_compatible(b, a)


def test_an_inferred_year_agrees_on_day_and_month_alone() -> None:
    assert values_compatible("2005-03-12", "2004-03-12", a_inferred=True)
    assert not values_compatible("2005-03-12", "2004-03-13", a_inferred=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2004-12-07", "day"),
        ("2004-12-07/2004-12-09", "day"),
        ("--12-07", "day"),
        ("2004-W50", "week"),
        ("2004-12", "month"),
        ("2004", "year"),
        ("soon", ""),
    ],
)
def test_precision(value: str, expected: str) -> None:
    assert precision(value) == expected


def test_a_week_never_stands_in_for_a_day() -> None:
    assert not values_compatible("2026-W12", "2026-03-20")
    assert not values_compatible("2026-W12", "2026-03-20", b_inferred=True)
