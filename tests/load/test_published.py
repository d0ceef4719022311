"""Publication dates from metadata values and datelines, per language, and what must not count."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.load.published import date_from_dateline, date_from_value, find_dates

AUG_4 = dt.date(2025, 8, 4)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Jakarta, 4 Agustus 2025 (ANTARA) - Pemerintah mengumumkan aturan baru hari ini."),
        ("id", "Senin, 4 Agustus 2025 10:15 WIB\n\nPemerintah mengumumkan aturan baru."),
        ("id", "Diterbitkan 4 Agt 2025\n\nPemerintah mengumumkan aturan baru."),
        ("fr", "Publié le 4 août 2025 à 10h30\n\nLe gouvernement a présenté un projet de loi."),
        ("fr", "PARIS, 4 août 2025 — Le gouvernement a présenté un projet de loi mardi."),
        ("fr", "Mis en ligne le 4 aout 2025\n\nLe gouvernement a présenté un projet de loi."),
        ("en", "Published: August 4, 2025\n\nThe government announced a new rule."),
        ("en", "By Jane Roe | Aug. 4, 2025\n\nThe government announced a new rule."),
        ("en", "LONDON, 4 August 2025 (Reuters) - The government announced a new rule."),
        ("ar", "نُشر في 4 أغسطس 2025\n\nأعلنت الحكومة عن قاعدة جديدة."),
        ("ar", "نشر بتاريخ ٤ آب ٢٠٢٥\n\nأعلنت الحكومة عن قاعدة جديدة."),
        ("es", "Publicado el 4 de agosto de 2025\n\nEl gobierno anunció una nueva norma."),
        ("de", "Veröffentlicht am 4. August 2025\n\nDie Regierung kündigte eine neue Regel an."),
        ("pt", "Publicado em 4 de agosto de 2025\n\nO governo anunciou uma nova regra."),
        ("es", "Titular breve\n\n4 de agosto del 2025\n\nEl gobierno anunció una norma."),
        ("it", "Titolo breve\n\n4 agosto 2025\n\nIl governo ha annunciato una nuova regola."),
        ("it", "ROMA, 4 ago. 2025 - Il governo ha annunciato una nuova regola."),
        ("nl", "Korte kop\n\n4 augustus 2025\n\nDe regering kondigde een nieuwe regel aan."),
        ("nl", "Korte kop\n\n04-Aug-25\n\nDe regering kondigde een nieuwe regel aan."),
        ("nl", "Korte kop\n\n04-aug-2025\n\nDe regering kondigde een nieuwe regel aan."),
        ("en", "Short headline\n\n04-Aug-25\n\nThe government announced a new rule."),
    ],
)
def test_dateline_dates_per_language(lang: str, text: str) -> None:
    assert date_from_dateline(text) == AUG_4, lang


def test_agency_dateline_without_a_date_gives_none() -> None:
    text = (
        "Jakarta (ANTARA) - Perusahaan itu berencana menutup layanan bagi pengguna di luar negeri.\n\n"
        "Dalam pengumuman, panitia menyebut pameran dibuka tanggal 9 Juli 2024.\n\n"
        "COPYRIGHT © ANTARA 2024"
    )
    assert date_from_dateline(text) is None


def test_copyright_line_is_never_a_publication_date() -> None:
    assert date_from_dateline("© 4 August 2025 Example Media\n\nThe story begins here.") is None


def test_a_date_inside_an_opening_sentence_is_not_a_dateline() -> None:
    text = "The election on 4 August 2025 will decide who governs the country for five years."
    assert date_from_dateline(text) is None


def test_a_short_body_sentence_with_a_date_is_not_a_dateline() -> None:
    assert date_from_dateline("Title here\n\nThe vote was held on 4 August 2025.") is None


def test_dates_deep_in_the_body_are_ignored() -> None:
    body = "\n\n".join(["A paragraph without any date in it at all."] * 6)
    assert date_from_dateline(body + "\n\n4 August 2025") is None


@pytest.mark.parametrize(
    "value",
    [
        "2025-08-04T09:12:40",
        "2025-08-04T23:30:00-05:00",
        "2025-08-04",
        "2025/08/04",
        "4 août 2025",
        "August 4, 2025",
        dt.date(2025, 8, 4),
        dt.datetime(2025, 8, 4, 15, 50, 5),
    ],
)
def test_metadata_values(value: object) -> None:
    assert date_from_value(value) == AUG_4


@pytest.mark.parametrize("value", [None, "", "soon", "2025", 20250804, "2025-13-45"])
def test_metadata_values_without_a_full_date(value: object) -> None:
    assert date_from_value(value) is None


def test_find_dates_reports_offsets_into_the_text() -> None:
    text = "Dibuka tanggal 9 Juli 2024 dan 1er août 2025"
    found = find_dates(text)
    assert [(text[start:end], date) for start, end, date in found] == [
        ("9 Juli 2024", dt.date(2024, 7, 9)),
        ("1er août 2025", dt.date(2025, 8, 1)),
    ]


def test_impossible_dates_are_dropped() -> None:
    assert find_dates("31 Februari 2025") == []


@pytest.mark.parametrize(
    ("written", "year"), [("15-Oct-69", 2069), ("15-Oct-70", 1970), ("15-Oct-99", 1999)]
)
def test_two_digit_years_fall_in_1970_to_2069(written: str, year: int) -> None:
    assert date_from_value(written) == dt.date(year, 10, 15)


def test_a_dashed_date_inside_a_longer_token_is_not_a_date() -> None:
    assert find_dates("ref ABC-15-Oct-97-X and 115-Oct-97") == []
