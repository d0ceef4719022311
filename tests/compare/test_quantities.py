"""When two figures agree (rounding, conversion, bounds) and when they conflict."""

from __future__ import annotations

import pytest

from factcheck.compare.quantities import (
    Quantity,
    agree,
    conflict,
    currency_swapped,
    qualifier_before,
    quantity,
    same_amount,
    to_precision,
    written_step,
)
from tests.compare.helpers import doc, fact


def q(value: float, family: str = "count", qualifier=None, base: float | None = None) -> Quantity:
    return Quantity(value, family, value if base is None else base, qualifier)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (88.93, 89.0),  # a share rounded
        (11.47e9, 11.5e9),  # "$11.47 billion" and "$11.5bn"
        (1.14e6, 1.1e6),
        (2950.0, 3000.0),
        (1.48, 1.5),
    ],
)
def test_a_rounded_figure_agrees(a: float, b: float):
    assert agree(q(a), q(b)) and not conflict(q(a), q(b))


@pytest.mark.parametrize(("a", "b"), [(340.0, 430.0), (1000.0, 1400.0), (20.0, 25.0), (7.0, 30.0)])
def test_a_changed_figure_conflicts(a: float, b: float):
    assert conflict(q(a), q(b))


def test_figures_of_different_families_neither_agree_nor_conflict():
    assert not agree(q(15.0, "USD"), q(15.0, "%"))
    assert not conflict(q(15.0, "USD"), q(12.0, "%"))


def test_a_bound_holds_the_other_value():
    assert agree(q(68.0, qualifier="min"), q(72.0))
    assert not agree(q(80.0, qualifier="min"), q(72.0))
    assert agree(q(100.0, qualifier="max"), q(72.0))
    assert agree(q(3000.0, qualifier="approx"), q(3200.0))


def test_a_bound_reaches_only_as_far_as_a_reporter_would_state_it():
    assert agree(q(300.0, qualifier="min"), q(400.0))  # "more than 300": 400 is fair
    assert conflict(q(300.0, qualifier="min"), q(700.0))  # ... 700 is another figure
    assert conflict(q(700.0), q(300.0, qualifier="min"))
    assert conflict(q(330.0, qualifier="max"), q(100.0))  # "up to 330" is not said of 100
    assert agree(q(330.0, qualifier="max"), q(300.0))


def test_two_bounds_of_one_kind_with_different_values_conflict():
    assert conflict(q(300.0, qualifier="min"), q(700.0, qualifier="min"))
    assert agree(q(3000.0, qualifier="approx"), q(3100.0, qualifier="approx"))
    assert agree(q(68.0, qualifier="min"), q(68.0, qualifier="min"))


def test_qualifiers_are_read_before_the_figure_in_several_languages():
    for text, expected in [
        ("killed at least 68 people", "min"),
        ("pelo menos 68 mortos", "min"),
        ("près de 85 000 personnes", "approx"),
        ("sekitar 300 warga", "approx"),
        ("up to $5 million", "max"),
        ("killed 68 people", None),
    ]:
        start = next(i for i, ch in enumerate(text) if ch.isdigit() or ch == "$")
        assert qualifier_before(text, start) == expected, text


def test_a_measure_word_gives_a_bare_figure_its_unit_and_a_conversion_agrees():
    d = doc("The route is 510 miles long, or 820 km.")
    miles = quantity(fact(d, "number", "510", value=510.0, context="miles"), d.text)
    km = quantity(fact(d, "number", "820", value=820.0, context="km"), d.text)
    assert miles is not None and km is not None
    assert miles.family == km.family == "length"
    assert agree(miles, km)


def test_a_count_and_a_figure_measured_by_a_word_conflict_within_one_magnitude():
    miles = Quantity(9420.0, "length", 9420.0 * 1852, None, worded=True)
    assert conflict(miles, q(5420.0))  # "9,420 nautical miles" retold as "5.420 zeemijl"
    assert not conflict(miles, q(9420.0))
    assert not conflict(miles, q(9.0))  # a figure cut or misread, not the same one changed
    assert not conflict(q(15.0, "USD"), q(12.0))  # a symbol is a unit: no loose typing


def test_a_sum_under_another_currency_symbol_is_one_amount_unless_the_amount_changed():
    # A translator's "$2,73" for "€2.73" is one amount; "62 milioni di euro" for "$12 million"
    # is another.
    assert same_amount(q(2.73, "EUR"), q(2.73, "USD"))
    assert not currency_swapped(q(2.73, "EUR"), q(2.73, "USD"))
    assert currency_swapped(q(12e6, "USD"), q(62e6, "EUR"))
    assert not same_amount(q(12e6, "USD"), q(62e6, "EUR"))
    # Not two currencies, or a figure ten times over (misread, not changed): neither.
    assert not currency_swapped(q(12e6, "USD"), q(62e6, "USD"))
    assert not currency_swapped(q(12e6, "USD"), q(12e9, "EUR"))


def _written(text: str, value: float, unit: str | None = None, before: str = "") -> Quantity:
    document = doc(f"{before}{text} were counted.")
    found = quantity(fact(document, "number", text, value=value, unit=unit), document.text)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("text", "value", "step"),
    [
        ("8.44", 8.44, 0.01),
        ("8", 8.0, 1.0),
        ("3.2 million", 3.2e6, 1e5),
        ("3,150,000", 3.15e6, 1.0),
    ],
)
def test_the_precision_a_figure_is_written_to(text: str, value: float, step: float):
    assert written_step(text, value) == pytest.approx(step)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("8", 8.0, "%"), ("8.44", 8.44, "%")),  # a share rounded to the unit
        (("3.2 million", 3.2e6, None), ("3,150,000", 3.15e6, None)),  # half rounds up
        (("about 300", 300.0, None), ("296", 296.0, None)),  # an estimate
    ],
)
def test_a_figure_rounded_to_the_precision_written_agrees(a: tuple, b: tuple):
    first = _written(a[0].removeprefix("about "), a[1], a[2], "about " if "about" in a[0] else "")
    second = _written(*b)
    assert agree(first, second) and not conflict(first, second)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("23", 23.0), ("23.5", 23.5)),  # 23.5 rounds to 24, not 23
        (("4.3 billion", 4.3e9), ("4.2 billion", 4.2e9)),  # one decimal, changed
        (("1,000", 1000.0), ("1,400", 1400.0)),
    ],
)
def test_a_figure_off_by_more_than_its_rounding_does_not_agree(a: tuple, b: tuple):
    assert not to_precision(_written(*a), _written(*b))


@pytest.mark.parametrize(
    ("text", "figure", "family"),
    [
        ("The 60GB model costs more.", "60", "data"),
        ("Le modèle de 60 Go coûte plus cher, avec 64 GB.", "64", "data"),
        ("A 500MW plant opened.", "500", "power"),
        ("Winds reached 100mph on the coast.", "100", "speed"),
        ("A 3.5mm jack was dropped.", "3.5", "length"),
    ],
)
def test_a_unit_written_onto_a_figure_gives_it_its_family(text, figure, family):
    d = doc(text)
    found = quantity(fact(d, "number", figure, value=float(figure)), d.text)
    assert found is not None and found.family == family


def test_units_of_one_family_convert_and_different_sizes_conflict():
    d = doc("It stores 2 TB, that is 2000 GB, not 1500 GB.")
    tb, gb, other = (
        quantity(fact(d, "number", n, value=float(n)), d.text) for n in ("2", "2000", "1500")
    )
    assert tb is not None and gb is not None and other is not None
    assert agree(tb, gb) and conflict(gb, other)
