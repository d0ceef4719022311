"""Figures found by the rule-based extractor: locale formats, units, scales, words, ranges."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from factcheck.extract.rules.numbers import find_numbers
from factcheck.models import Document, Fact


def numbers(text: str, language: str | None, exclude: Sequence[tuple[int, int]] = ()) -> list[Fact]:
    document = Document(path="t.txt", text=text, sha256="0" * 64, language=language)
    found = find_numbers(document, exclude=exclude)
    for fact in found:
        assert fact.kind == "number"
        assert text[fact.start : fact.end] == fact.text
        assert isinstance(fact.value, float)
    return found


def only(text: str, language: str | None) -> Fact:
    (fact,) = numbers(text, language)
    return fact


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("id", "Ada 1.234,5 ton beras.", "1.234,5", 1234.5),
        ("id", "Ada 1.234 ton beras.", "1.234", 1234.0),
        ("id", "Ada 2,5 ton beras.", "2,5", 2.5),
        ("en", "About 1,234.5 tons of rice.", "1,234.5", 1234.5),
        ("en", "About 1,234 tons of rice.", "1,234", 1234.0),
        ("en", "About 2.5 tons of rice.", "2.5", 2.5),
        ("fr", "Environ 1 234,5 tonnes de riz.", "1 234,5", 1234.5),
        ("fr", "Environ 1\u00a0234,5 tonnes de riz.", "1\u00a0234,5", 1234.5),
        ("fr", "Environ 1\u202f234 tonnes de riz.", "1\u202f234", 1234.0),
        ("de", "Rund 1.234.567 Menschen.", "1.234.567", 1234567.0),
        ("en", "Some 1,234,567 people.", "1,234,567", 1234567.0),
        ("ar", "نحو ١٢٣٤ شخصا فقط", "١٢٣٤", 1234.0),
    ],
)
def test_locale_formats(language: str, text: str, phrase: str, value: float) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, None)


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("fr", "Le chômage atteint 20 % cette année.", "20 %"),
        ("en", "Unemployment reached 20% this year.", "20%"),
        ("id", "Pengangguran naik 20 persen tahun ini.", "20 persen"),
        ("fr", "Le chômage atteint 20 pour cent cette année.", "20 pour cent"),
        ("ar", "ارتفعت البطالة ٢٠٪ هذا العام", "٢٠٪"),
        ("ar", "ارتفعت البطالة %20 هذا العام", "%20"),
        ("ar", "ارتفعت البطالة 20 في المائة هذا العام", "20 في المائة"),
    ],
)
def test_percentages(language: str, text: str, phrase: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, 20.0, "%")


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("en", "It cost $5 in total.", "$5", 5.0, "USD"),
        ("en", "It cost 5 dollars in total.", "5 dollars", 5.0, "USD"),
        ("en", "A deal worth $5 billion was signed.", "$5 billion", 5e9, "USD"),
        ("id", "Nilainya Rp 5 juta saja.", "Rp 5 juta", 5e6, "IDR"),
        ("id", "Nilainya Rp5.000 saja.", "Rp5.000", 5000.0, "IDR"),
        ("id", "Nilainya 5 juta rupiah saja.", "5 juta rupiah", 5e6, "IDR"),
        ("id", "Nilainya 2,5 miliar dolar AS saja.", "2,5 miliar dolar AS", 2.5e9, "USD"),
        ("fr", "Cela coûte 5 € seulement.", "5 €", 5.0, "EUR"),
        ("fr", "Cela coûte 5 euros seulement.", "5 euros", 5.0, "EUR"),
        ("fr", "Un contrat de 3 milliards de dollars.", "3 milliards de dollars", 3e9, "USD"),
        ("fr", "Un contrat de 3 millions d'euros.", "3 millions d'euros", 3e6, "EUR"),
        ("ar", "صفقة بقيمة 5 ملايين دولار", "5 ملايين دولار", 5e6, "USD"),
        ("es", "Un acuerdo de 5 millones de dólares.", "5 millones de dólares", 5e6, "USD"),
    ],
)
def test_money_and_scale_words(
    language: str, text: str, phrase: str, value: float, unit: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, unit)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Some 1.5 million people voted.", "1.5 million", 1.5e6),
        ("id", "Sebanyak 3 ribu orang hadir.", "3 ribu", 3000.0),
        ("fr", "Près de 2 milliards de personnes.", "2 milliards", 2e9),
        ("fr", "Un billion de francs.", None, None),
        ("de", "Fast 2 Milliarden Menschen.", "2 Milliarden", 2e9),
        ("pt", "Quase 2 bilhões de pessoas.", "2 bilhões", 2e9),
        ("ar", "نحو 3 آلاف شخص", "3 آلاف", 3000.0),
    ],
)
def test_scale_words_multiply(
    language: str, text: str, phrase: str | None, value: float | None
) -> None:
    found = numbers(text, language)
    if phrase is None:  # a scale word alone is no figure
        assert found == []
    else:
        assert [(f.text, f.value) for f in found] == [(phrase, value)]


def test_french_billion_is_ten_to_the_twelfth() -> None:
    assert only("Une dette de 2 billions d'euros.", "fr").value == 2e12


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Five people died in the crash.", "Five", 5.0),
        ("en", "The crash killed five people.", "five", 5.0),
        ("fr", "Dans les cinq prochaines années.", "cinq", 5.0),
        ("id", "Sebanyak lima karyawan dipecat.", "lima", 5.0),
        ("id", "Ada dua puluh karyawan baru.", "dua puluh", 20.0),
        ("id", "Ada dua puluh lima karyawan baru.", "dua puluh lima", 25.0),
        ("id", "Ada seratus ribu pelanggan.", "seratus ribu", 100000.0),
        ("ar", "قتل خمسة أشخاص في الحادث", "خمسة", 5.0),
        ("fr", "Il y a eu vingt et un morts.", "vingt et un", 21.0),
        ("en", "It hired twenty-five engineers.", "twenty-five", 25.0),
    ],
)
def test_number_words(language: str, text: str, phrase: str, value: float) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


def test_lima_the_city_is_not_five() -> None:
    assert numbers("Konferensi digelar di Lima pekan ini.", "id") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("fr", "Elle supprimerait la moitié des emplois.", "la moitié", 0.5),
        ("id", "Setengah karyawan dipecat.", "Setengah", 0.5),
        ("en", "About a third of users left.", "a third", 1 / 3),
        ("en", "Some two-thirds of users stayed.", "two-thirds", 2 / 3),
        ("ar", "غادر نصف الموظفين الشركة", "نصف", 0.5),
    ],
)
def test_fractions(language: str, text: str, phrase: str, value: float) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, pytest.approx(value), "fraction")


@pytest.mark.parametrize(
    ("language", "text", "unit", "context"),
    [
        ("fr", "Entre 10-20 % des salariés partiront.", "%", "salariés"),
        ("en", "Some 10–20% of staff will leave.", "%", "staff"),
        ("id", "Antara 10 hingga 20 persen karyawan keluar.", "%", "karyawan"),
        ("en", "Between 10 and 20 percent of staff will leave.", "%", "staff"),
    ],
)
def test_ranges_share_unit_and_context(language: str, text: str, unit: str, context: str) -> None:
    low, high = numbers(text, language)
    assert (low.value, high.value) == (10.0, 20.0)
    assert low.unit == high.unit == unit
    assert low.context == high.context == context


def test_range_shares_the_scale() -> None:
    low, high = numbers("Antara 10 hingga 20 juta orang terdampak.", "id")
    assert (low.value, high.value) == (1e7, 2e7)


def test_two_figures_joined_by_and_are_not_a_range() -> None:
    first, second = numbers("Ada 20 persen dan 5 juta dolar.", "id")
    assert (first.unit, second.unit, second.value) == ("%", "USD", 5e6)


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI prepares GPT-5 and Claude 3 while iPhone 15 users wait.",
        "After COVID-19, Windows 11 sales grew in Q1.",
        "1. First point of the list",
        "- 2. Second point of the list",
        "The meeting is at 15:50 sharp.",
        "Rapat dimulai pukul 15.50 WIB.",
        "Write to press2024@example.com or see https://example.com/page/20",
        '<span style="font-size:80%; padding:3px 10px">tag</span>',
        "COPYRIGHT © ANTARA 2024",
        "The 3D model runs on 5G.",
    ],
)
def test_not_figures(text: str) -> None:
    assert numbers(text, "en" if "Rapat" not in text else "id") == []


def test_a_year_followed_by_a_count_noun_is_a_count() -> None:
    fact = only("Perusahaan merekrut 2000 karyawan baru.", "id")
    assert (fact.value, fact.context) == (2000.0, "karyawan")


def test_excluded_spans_are_skipped() -> None:
    text = "Didirikan pada 2021 dengan 50 karyawan."
    start = text.index("2021")
    found = numbers(text, "id", exclude=[(start, start + 4)])
    assert [(f.text, f.value) for f in found] == [("50", 50.0)]


@pytest.mark.parametrize(
    ("language", "text", "context"),
    [
        ("fr", "Le plan créerait 500 emplois en France.", "emplois"),
        ("en", "The quake left 12 dead in the region.", "dead"),
        ("en", "The plan creates 500 jobs in Ohio.", "jobs"),
        ("fr", "Un taux de chômage pouvant atteindre 20 % aux États-Unis.", "chômage"),
        ("id", "Perusahaan memecat 500 karyawan tahun ini.", "karyawan"),
        ("fr", "Dans les cinq prochaines années.", "années"),
    ],
)
def test_context_is_the_counted_noun(language: str, text: str, context: str) -> None:
    assert only(text, language).context == context
