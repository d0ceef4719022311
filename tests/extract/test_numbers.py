"""Figures found by the rule-based extractor: locale formats, units, scales, words, ranges."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from factcheck.extract.rules.dates_data import LANGUAGES, key
from factcheck.extract.rules.numbers import find_numbers
from factcheck.extract.rules.numbers_data import parse_digits, patterns, table
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
        ("fr", "Un billion de francs.", "Un billion", 1e12),
        ("fr", "Un milliard.", "Un milliard", 1e9),
        ("de", "Fast 2 Milliarden Menschen.", "2 Milliarden", 2e9),
        ("pt", "Quase 2 bilhões de pessoas.", "2 bilhões", 2e9),
        ("ar", "نحو 3 آلاف شخص", "3 آلاف", 3000.0),
    ],
)
def test_scale_words_multiply(language: str, text: str, phrase: str, value: float) -> None:
    found = numbers(text, language)
    assert [(f.text, f.value) for f in found] == [(phrase, value)]


def test_french_billion_is_ten_to_the_twelfth() -> None:
    assert only("Une dette de 2 billions d'euros.", "fr").value == 2e12


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Five people died in the crash.", "Five", 5.0),
        ("en", "The crash killed five people.", "five", 5.0),
        ("fr", "Au cours des cinq dernières années.", "cinq", 5.0),
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
        ("fr", "Elle vendrait la moitié des terrains.", "la moitié", 0.5),
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


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "Airbus darà tra i 12 e i 20 milioni di euro per la ricerca."),
        ("es", "Airbus dará entre los 12 y los 20 millones de euros para la búsqueda."),
        ("fr", "Airbus versera entre les 12 et les 20 millions d'euros pour les recherches."),
    ],
)
def test_a_range_that_repeats_the_article_shares_the_scale_and_currency(
    language: str, text: str
) -> None:
    low, high = numbers(text, language)
    assert (low.value, high.value) == (12e6, 20e6)
    assert low.unit == high.unit == "EUR"


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
        ("fr", "Une hausse du chômage pouvant atteindre 14 % en Wallonie.", "chômage"),
        ("id", "Perusahaan memecat 500 karyawan tahun ini.", "karyawan"),
        ("fr", "Au cours des cinq dernières années.", "années"),
    ],
)
def test_context_is_the_counted_noun(language: str, text: str, context: str) -> None:
    assert only(text, language).context == context


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("it", "Lo stadio ospita 12.500 tifosi.", "12.500", 12500.0),
        ("it", "Il tasso è salito al 3,5 annuo.", "3,5", 3.5),
        ("nl", "Het stadion telt 12.500 zitplaatsen.", "12.500", 12500.0),
        ("nl", "De rente steeg naar 3,5 per jaar.", "3,5", 3.5),
        ("es", "El estadio tiene 12.500 asientos.", "12.500", 12500.0),
    ],
)
def test_thousands_dots_and_decimal_commas(
    language: str, text: str, phrase: str, value: float
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("it", "Un accordo da 3 miliardi di dollari.", "3 miliardi di dollari", 3e9, "USD"),
        ("it", "Una multa di 2,5 milioni di euro.", "2,5 milioni di euro", 2.5e6, "EUR"),
        ("it", "Un premio di 40 mila sterline.", "40 mila sterline", 4e4, "GBP"),
        ("it", "In piazza 10mila persone.", "10mila", 1e4, None),
        ("nl", "Een order van 3 miljard dollar.", "3 miljard dollar", 3e9, "USD"),
        ("nl", "Een boete van 2,5 miljoen euro.", "2,5 miljoen euro", 2.5e6, "EUR"),
        ("nl", "Een prijs van 40 duizend pond.", "40 duizend pond", 4e4, "GBP"),
        ("nl", "Een order van US $7 miljard.", "US $7 miljard", 7e9, "USD"),
        ("es", "Un acuerdo de 7.000 millones de US$.", "7.000 millones de US$", 7e9, "USD"),
        ("es", "Un acuerdo de 3 mil millones de dólares.", "3 mil millones de dólares", 3e9, "USD"),
        ("en", "Profits reached $45m last year.", "$45m", 4.5e7, "USD"),
        ("en", "An order worth $3bn was signed.", "$3bn", 3e9, "USD"),
    ],
)
def test_scale_and_currency_words_per_language(
    language: str, text: str, phrase: str, value: float, unit: str | None
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, unit)


def test_a_glued_letter_scales_money_only() -> None:
    assert numbers("The wall is 5m high.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("it", "La disoccupazione sale al 20 per cento.", "20 per cento"),
        ("nl", "De werkloosheid steeg tot 20 procent.", "20 procent"),
        ("it", "La disoccupazione sale al 20%.", "20%"),
    ],
)
def test_percent_words_per_language(language: str, text: str, phrase: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, 20.0, "%")


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("it", "Sono morte cinque persone.", "cinque", 5.0),
        ("it", "Hanno assunto venti ingegneri.", "venti", 20.0),
        ("nl", "Er zijn vijf mensen overleden.", "vijf", 5.0),
        ("nl", "Ze namen twee honderd mensen aan.", "twee honderd", 200.0),
        ("fr", "Il y a eu deux mille morts.", "deux mille", 2000.0),
        ("es", "Costó dos mil millones en total.", "dos mil millones", 2e9),
    ],
)
def test_number_words_of_italian_dutch_and_more(
    language: str, text: str, phrase: str, value: float
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Onze klanten en onze medewerkers blijven trouw."),
        ("nl", "Het museum ligt ten noorden van de stad."),
        ("it", "Il museo resta chiuso per lavori."),
        ("tr", "Onze cinq dix cent"),
        (None, "Onze cinq dix cent"),
    ],
)
def test_ordinary_words_of_other_languages_are_not_numbers(language: str | None, text: str) -> None:
    assert numbers(text, language) == []


def test_an_unknown_language_reads_digits_and_unambiguous_scale_words() -> None:
    fact = only("Toplam 5 miljard dolar.", "tr")
    assert (fact.text, fact.value, fact.unit) == ("5 miljard dolar", 5e9, "USD")


def test_an_unknown_language_keeps_the_separator_decision_by_shape() -> None:
    assert [f.value for f in numbers("Toplam 1.234,5 ve 2,5 ve 1.234.567.", "tr")] == [
        1234.5,
        2.5,
        1234567.0,
    ]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("it", "Ne ha venduto la metà ieri.", 0.5),
        ("nl", "Hij verkocht de helft gisteren.", 0.5),
        ("nl", "Twee derde van de leden stemde voor.", 2 / 3),
    ],
)
def test_fractions_of_italian_and_dutch(language: str, text: str, value: float) -> None:
    fact = only(text, language)
    assert (fact.value, fact.unit) == (pytest.approx(value), "fraction")


@pytest.mark.parametrize(
    ("language", "text", "values", "unit"),
    [
        ("nl", "Het kost tussen 10 en 20 miljoen euro.", (1e7, 2e7), "EUR"),
        ("nl", "Het kost $10 tot 20 miljoen.", (1e7, 2e7), "USD"),
        ("it", "Costa tra 10 e 20 milioni di euro.", (1e7, 2e7), "EUR"),
        ("it", "Costa da 10 fino a 20 milioni di euro.", (1e7, 2e7), "EUR"),
    ],
)
def test_ranges_in_italian_and_dutch(
    language: str, text: str, values: tuple[float, float], unit: str
) -> None:
    low, high = numbers(text, language)
    assert (low.value, high.value) == values
    assert low.unit == high.unit == unit


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("it", "La riunione inizia alle 15.30 in sala."),
        ("nl", "De vergadering begint om 15.30 uur."),
    ],
)
def test_times_of_day_in_italian_and_dutch_are_not_figures(language: str, text: str) -> None:
    assert numbers(text, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_figure_words_that_are_read(language: str) -> None:
    data = table()
    pats = patterns(language)
    for section in ("number_words", "scales", "currency_after", "percent_words"):
        own = data[section].get(language, {})
        assert section == "scales" or own, (language, section)
    assert set(map(key, data["number_words"][language])) <= set(pats.number_words)
    for section, found in (("scales", pats.scales), ("currency_after", pats.currency_after)):
        assert set(map(key, data[section].get(language, {}))) <= set(found), section
    assert language in data["decimal_comma"] or language in ("en", "ar")


@pytest.mark.parametrize(
    "text",
    [
        "Call 059 2231 for tickets.",
        "The ruling in case 717864 was appealed.",
        "The cluster MS 0735.6+7421 is far away.",
        "It was a hit in the 80's and again in the 1990s.",
        "Signed in 1824, the treaty still stands.",
    ],
)
def test_identifiers_decades_and_old_years_are_not_figures(text: str):
    assert [f.text for f in numbers(text, "en")] == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "One million visitors came, and no one left.", "One million", 1e6),
        ("nl", "Een miljoen bezoekers, zei een man.", "Een miljoen", 1e6),
        ("es", "Un millón de votos, dijo uno de ellos.", "Un millón", 1e6),
    ],
)
def test_one_counts_only_before_a_scale_word(language: str, text: str, phrase: str, value: float):
    assert [(f.text, f.value) for f in numbers(text, language)] == [(phrase, value)]


def test_an_apostrophe_decade_is_not_a_figure():
    assert numbers("Gli anni '90 furono duri.", "it") == []


@pytest.mark.parametrize(
    "text", ["He sells a third-party app.", "Sales rose in the first half of 2025."]
)
def test_a_compound_or_a_period_is_not_a_fraction(text: str):
    assert [f for f in numbers(text, "en") if f.unit == "fraction"] == []


@pytest.mark.parametrize("raw", ["1.234.567,891,234,567.89", "1,234.567,8", "12.345,678.9"])
def test_digits_with_mixed_up_separators_are_no_figure(raw: str) -> None:
    assert parse_digits(raw, decimal_comma=False) is None
    assert parse_digits(raw, decimal_comma=True) is None


# --- issue 12: scale words, suffixes and currencies in every language we claim ---------------


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("en", "The deal is worth $11.5bn in cash.", "$11.5bn", 11.5e9, "USD"),
        ("en", "It raised $500m from investors.", "$500m", 5e8, "USD"),
        ("en", "Sales reached Rp 18bn last quarter.", "Rp 18bn", 1.8e10, "IDR"),
        ("en", "The bill came to 13 lakh rupees.", "13 lakh rupees", 1.3e6, "INR"),
        ("id", "Nilainya Rp 18 miliar tahun lalu.", "Rp 18 miliar", 1.8e10, "IDR"),
        ("id", "Dana Rp 2,5 triliun dicairkan.", "Rp 2,5 triliun", 2.5e12, "IDR"),
        ("fr", "Un contrat de 3 milliards d'euros est signé.", "3 milliards d'euros", 3e9, "EUR"),
        ("fr", "Le budget atteint 2 Mds €.", "2 Mds €", 2e9, "EUR"),
        ("ar", "بلغت الصفقة 5 مليون دولار أمس", "5 مليون دولار", 5e6, "USD"),
        ("es", "Pagó $94.000 por la casa.", "$94.000", 94000.0, "USD"),
        ("es", "Invirtió 3 mil millones de dólares.", "3 mil millones de dólares", 3e9, "USD"),
        ("de", "Der Wert liegt bei 2,5 Mio. Euro.", "2,5 Mio. Euro", 2.5e6, "EUR"),
        ("pt", "Custou 2 milhões de dólares ao estado.", "2 milhões de dólares", 2e6, "USD"),
        ("pt", "Perdeu 4 milhoes de dólares.", "4 milhoes de dólares", 4e6, "USD"),
        ("it", "Un prestito di 75 milioni di dollari.", "75 milioni di dollari", 7.5e7, "USD"),
        ("it", "Un fondo da 2 bilioni di euro.", "2 bilioni di euro", 2e12, "EUR"),
        ("nl", "Een order van 40 miljard dollar.", "40 miljard dollar", 4e10, "USD"),
        ("tr", "Şirket 75 milyon $ kazandı.", "75 milyon $", 7.5e7, "USD"),
        ("tr", "Fiyatı 40.000 $ oldu.", "40.000 $", 40000.0, "USD"),
        ("tr", "Bilet 50 dolardan başlıyor.", "50 dolardan", 50.0, "USD"),
        ("tr", "Gelir 10 milyar liraya ulaştı.", "10 milyar liraya", 1e10, "TRY"),
    ],
)
def test_scale_words_and_currencies_per_language(
    language: str, text: str, phrase: str, value: float, unit: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.unit) == (phrase, unit)
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "unit"),
    [
        ("It costs 115USD per seat.", "115USD", 115.0, "USD"),
        ("The fare is 100元 now.", "100元", 100.0, "CNY"),
        ("Priced at usd$ 15 each.", "usd$ 15", 15.0, "USD"),
        ("Exports reached hk $ 10.05 billion.", "hk $ 10.05 billion", 1.005e10, "HKD"),
        ("Shares fell to c $ 1.34 each.", "c $ 1.34", 1.34, "CAD"),
    ],
)
def test_currency_codes_and_prefixes(text: str, phrase: str, value: float, unit: str) -> None:
    fact = only(text, "en")
    assert (fact.text, fact.unit) == (phrase, unit)
    assert fact.value == pytest.approx(value)


def test_a_dollar_after_the_article_a_is_not_australian() -> None:
    fact = only("They won a $ 300 million contract.", "en")
    assert (fact.text, fact.value, fact.unit) == ("$ 300 million", 3e8, "USD")


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Some 20 000 people marched.", "20 000", 20000.0),
        ("id", "Sebanyak 20 000 orang berkumpul.", "20 000", 20000.0),
        ("it", "Circa 1 234 567 abitanti.", "1 234 567", 1234567.0),
        ("nl", "Ongeveer 40 000 bezoekers kwamen.", "40 000", 40000.0),
        ("tr", "Yaklaşık 1 414 021 100 kişi yaşıyor.", "1 414 021 100", 1414021100.0),
        ("ar", "يعيش ١ ٢٣٤ ٥٦٧ شخصا هنا", "١ ٢٣٤ ٥٦٧", 1234567.0),
    ],
)
def test_space_grouped_digits_in_every_language(
    language: str, text: str, phrase: str, value: float
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


def test_a_phone_number_grouped_by_spaces_is_no_figure() -> None:
    assert numbers("Call 021 345 678 for tickets.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("tr", "İşsizlik yüzde 25 arttı.", "yüzde 25"),
        ("tr", "Satışlar % 18 arttı.", "% 18"),
        ("tr", "Satışlar göre% 18 arttı.", "% 18"),
        ("fr", "Le taux atteint 100 pour-cent.", "100 pour-cent"),
    ],
)
def test_percent_words_before_and_after(language: str, text: str, phrase: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.unit) == (phrase, "%")


@pytest.mark.parametrize(
    ("raw", "decimal_comma", "value"),
    [
        ("0.683", True, 0.683),  # no thousands group starts with a lone zero
        ("1111.121", True, 1111.121),  # nor with four digits
        ("1.234", True, 1234.0),
        ("4,800", True, 4.8),
        ("20 000", False, 20000.0),
    ],
)
def test_separators_that_cannot_group_thousands(raw: str, decimal_comma: bool, value: float):
    assert parse_digits(raw, decimal_comma) == value


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "He ordered 3 dozen eggs.", 36.0),
        ("fr", "Il a acheté 2 douzaines d'œufs.", 24.0),
        ("tr", "Sadece 450 bin kişi geldi.", 450000.0),
    ],
)
def test_dozens_and_thousands_after_digits(language: str, text: str, value: float) -> None:
    assert only(text, language).value == value


def test_a_number_alone_on_its_line_is_not_a_list_marker() -> None:
    assert [f.value for f in numbers("192.", "en")] == [192.0]
    assert numbers("1. Le secret\n2. La suite", "fr") == []


def test_single_letter_suffixes_stay_money_only() -> None:
    assert numbers("He ran a 10k race.", "en") == []
    assert only("It raised $1.2b.", "en").value == 1.2e9


# --- bad input: no crash, no fact or a sane one ------------------------------------------------


def test_a_ten_thousand_digit_number_gives_no_fact() -> None:
    digits = "7" * 10_000
    assert numbers(f"The total was {digits} units.", "en") == []
    for fact in numbers(f"It cost ${digits}.", "en"):
        assert fact.value is not None and math.isfinite(float(fact.value))


def test_thousands_of_digit_groups_give_finite_values() -> None:
    text = "Worth " + ",".join(["123"] * 3000) + " dollars."
    for fact in numbers(text, "en"):
        assert math.isfinite(float(fact.value or 0.0))


def test_year_99999_is_no_year_and_no_figure() -> None:
    assert numbers("In 99999 the sun will still shine.", "en") == []


# --- bounds and approximations on the fact ----------------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "qualifiers"),
    [
        (
            "en",
            "At least 68 died, nearly 85,000 fled, up to $20 million lost.",
            ["min", "approx", "max"],
        ),
        ("id", "Sekitar 20 orang tewas, lebih dari 3.000 mengungsi.", ["approx", "min"]),
        ("fr", "Au moins 68 morts et environ 85 000 déplacés.", ["min", "approx"]),
        ("ar", "قتل أكثر من 68 شخصا ونزح حوالي 500 آخرين", ["min", "approx"]),
        ("es", "Al menos 68 muertos y casi 85.000 desplazados.", ["min", "approx"]),
        ("de", "Mindestens 68 Tote und etwa 85.000 Vertriebene.", ["min", "approx"]),
        ("pt", "Pelo menos 68 mortos e cerca de 85 mil deslocados.", ["min", "approx"]),
        ("it", "Almeno 68 morti e circa 85.000 sfollati.", ["min", "approx"]),
        ("nl", "Minstens 68 doden en ongeveer 85.000 vluchtelingen.", ["min", "approx"]),
        ("tr", "100'den fazla kişi öldü, 50 civarında yaralı var.", ["min", "approx"]),
        ("tr", "En az 68 kişi öldü, yaklaşık 85.000 kişi kaçtı.", ["min", "approx"]),
    ],
)
def test_bounds_and_approximations_are_carried_on_the_fact(
    language: str, text: str, qualifiers: list[str]
) -> None:
    assert [f.qualifier for f in numbers(text, language)] == qualifiers


def test_a_plain_figure_has_no_qualifier() -> None:
    assert only("The storm killed 68 people.", "en").qualifier is None


# --- what a figure counts, one key across languages -------------------------------------------


@pytest.mark.parametrize(
    ("language", "text", "counted"),
    [
        ("en", "At least 68 people were killed and 300 injured.", ["dead", "injured"]),
        ("id", "Sedikitnya 68 orang tewas dan 300 luka-luka.", ["dead", "injured"]),
        ("fr", "Au moins 68 morts et 300 blessés.", ["dead", "injured"]),
        ("ar", "قتل 68 شخصا وأصيب 300 جرحى", ["dead", "injured"]),
        ("es", "Hubo 68 muertos y 300 heridos.", ["dead", "injured"]),
        ("de", "Es gab 68 Tote und 300 Verletzte.", ["dead", "injured"]),
        ("pt", "Foram 68 mortos e 300 feridos.", ["dead", "injured"]),
        ("it", "Ci sono 68 morti e 300 feriti.", ["dead", "injured"]),
        ("nl", "Er vielen 68 doden en 300 gewonden.", ["dead", "injured"]),
        ("tr", "68 kişi öldü ve 300 kişi yaralandı.", ["dead", "injured"]),
        ("en", "The firm will cut 300 jobs.", ["jobs"]),
        ("en", "Some 2,000 people marched.", ["people"]),
    ],
)
def test_what_a_figure_counts_is_one_key_across_languages(
    language: str, text: str, counted: list[str]
) -> None:
    assert [f.counted for f in numbers(text, language)] == counted


def test_money_and_percentages_count_no_thing() -> None:
    assert [f.counted for f in numbers("It cost $5 million, 20% of 68 jobs.", "en")] == [
        None,
        None,
        "jobs",
    ]


def test_a_turkish_capital_dotted_i_in_a_scale_word_is_read() -> None:
    # "BİN" lowercases to "bi̇n" (i plus a combining dot): it must still be the scale "bin".
    from factcheck.extract.rules import extract
    from factcheck.models import Document

    document = Document("a.txt", "DEPREMDE 5 BİN KİŞİ EVSİZ KALDI.", "0", language="tr")
    assert [(f.text, f.value) for f in extract(document) if f.kind == "number"] == [
        ("5 BİN", 5000.0)
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The hearing resumed after 3 p.m. on the second floor."),
        ("en", "See page 16 and section 6250 of the code."),
        ("en", "The statute (§ 6250-6270) was cited."),
        ("en", "He waited in room 13 for the bus."),
        ("en", "The office is at 12 Downing Street in London."),
        ("en", "Call +41 79 217 3446 for details."),
        ("en", "the parties hereto. 18. Entire Agreement. The text"),
        ("en", "their own copies. 14 10. Representations of the parties"),
        ("fr", "La séance reprend à 15 h 30 au siège."),
        ("fr", "Le bureau est au 8 rue de la Paix."),
        ("fr", "Voir l'article 5 et la page 12 du rapport."),
        ("es", "Según el artículo 27 de la ley."),
        ("de", "Der Termin beginnt um 10 Uhr im Rathaus."),
        ("id", "Hal itu diatur dalam pasal 28 undang-undang."),
        ("es", "La empresa lo hace desde principios de los 90."),
        ("fr", "Le groupe a dominé les années 80 sans rival."),
        ("es", "Tiene un alcance de 16 .400 km."),  # a figure cut by a stray space
    ],
)
def test_numbers_that_name_rather_than_count_are_no_figures(language: str, text: str) -> None:
    assert numbers(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "He left. 18 people were hurt in the blast.", 18.0),
        ("en", "The report runs to 16 pages.", 16.0),
        ("en", "Prices rose +12.5% last year.", 12.5),
        ("fr", "Les négociations ont duré 15 heures.", 15.0),
        ("en", "3 stations closed after the storm.", 3.0),
        ("es", "Los 90 pasajeros salieron ilesos.", 90.0),
    ],
)
def test_counts_beside_those_words_stay_figures(language: str, text: str, value: float) -> None:
    assert [f.value for f in numbers(text, language)] == [value]


def test_a_verb_that_may_also_label_still_takes_its_count() -> None:
    found = numbers("The jet will seat 200 to 300 people and number 5,000 staff.", "en")
    assert [f.value for f in found] == [200.0, 300.0, 5000.0]


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("en", "Support fell 5 percentage points.", "5 percentage points", 5.0, "%"),
        ("de", "Die Quote sank um 15 Prozentpunkte.", "15 Prozentpunkte", 15.0, "%"),
        ("es", "El paro bajó 2 puntos porcentuales.", "2 puntos porcentuales", 2.0, "%"),
        ("ar", "ارتفعت الأسعار بنسبة 10 خلال العام.", "بنسبة 10", 10.0, "%"),
        ("en", "They lost 75 USD million last year.", "75 USD million", 75e6, "USD"),
        ("fr", "Le contrat vaut 16,4 millions de $CAD.", "16,4 millions de $CAD", 16.4e6, "CAD"),
    ],
)
def test_percent_points_rates_and_late_scales(
    language: str, text: str, phrase: str, value: float, unit: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.unit) == (phrase, unit)
    assert math.isclose(float(fact.value or 0), value)


def test_the_currency_written_before_a_figure_is_its_own() -> None:
    found = numbers("The rate was rmb 10 usd 20 at the counter.", "en")
    assert [(f.value, f.unit) for f in found] == [(10.0, "CNY"), (20.0, "USD")]


@pytest.mark.parametrize(
    "text",
    [
        "Telephone: 41 22 791 2510",
        "Mobile phone: 41 79 475 5558",
        "Maputo office + 258 - 1 - 497949.",
        "Tel. (Jakarta) 021 345 6789",
        "Use version 4.0 or above.",
    ],
)
def test_phone_numbers_and_labelled_decimals_are_no_figures(text: str) -> None:
    assert numbers(text, "en") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Support rose to 60 percentage in the poll.", "60 percentage", 60.0),
        ("fr", "Le taux atteint 40 pourcentage selon lui.", "40 pourcentage", 40.0),
        ("it", "Il tasso arriva a 30 percentuale ormai.", "30 percentuale", 30.0),
        ("es", "La tasa llegó a 12 porcentaje este año.", "12 porcentaje", 12.0),
        ("pt", "A taxa chegou a 8 porcentagem no mês.", "8 porcentagem", 8.0),
        ("pt", "A taxa chegou a 9 percentagem no mês.", "9 percentagem", 9.0),
        ("en", "Turnout fell 4 percentage points overall.", "4 percentage points", 4.0),
    ],
)
def test_percent_nouns_after_a_figure(language: str, text: str, phrase: str, value: float) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, "%")


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("حضر 3 مائة شخص الاجتماع", "3 مائة", 300.0),
        ("حضر 25 مئة متفرج المباراة", "25 مئة", 2500.0),
        ("حضر ثلاث مائة شخص", "ثلاث مائة", 300.0),
    ],
)
def test_arabic_hundred_scales_digits(text: str, phrase: str, value: float) -> None:
    fact = only(text, "ar")
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("pt", "A multa foi de 10.000 francos suicos.", "10.000 francos suicos", 10000.0, "CHF"),
        ("pt", "Custou 450.000 yenes ao governo.", "450.000 yenes", 450000.0, "JPY"),
        ("es", "Pagó 20 dolares estadounidenses.", "20 dolares estadounidenses", 20.0, "USD"),
        ("tr", "Fiyatı 100 isvicre frangı oldu.", "100 isvicre frangı", 100.0, "CHF"),
        ("pt", "Foram 3 bilhoes de pessoas.", "3 bilhoes", 3e9, None),
    ],
)
def test_names_without_their_accents(
    language: str, text: str, phrase: str, value: float, unit: str | None
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, unit)


def test_a_turkish_dot_ordinal_opening_a_line_is_a_figure() -> None:
    fact = only("1. sırada Ahmet var.", "tr")
    assert (fact.text, fact.value) == ("1", 1.0)
    # a capital after the period opens a list item, in Turkish too
    assert numbers("1. Madde: kurallar değişti.", "tr") == []
    # English writes no ordinal so: a list marker whatever follows
    assert numbers("1. the rules changed.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value", "unit"),
    [
        ("nl", "Het saldo was € -12 aan het eind.", "€ -12", -12.0, "EUR"),
        ("en", "A loss of US$-3.5 billion was booked.", "US$-3.5 billion", -3.5e9, "USD"),
    ],
)
def test_a_minus_between_currency_and_digits_is_a_negative_amount(
    language: str, text: str, phrase: str, value: float, unit: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, unit)


def test_a_dash_between_two_amounts_stays_a_range() -> None:
    found = numbers("Tickets cost $10-$12 each.", "en")
    assert [(f.text, f.value) for f in found] == [("$10", 10.0), ("$12", 12.0)]


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "The new player comes in a 60GB edition.", "60", 60.0),
        ("en", "The 5km race starts at noon.", "5", 5.0),
        ("fr", "Une centrale de 500MW ouvrira.", "500", 500.0),
        ("de", "Ein Sack von 10kg kostet mehr.", "10", 10.0),
        ("nl", "De schijf van 2TB is duurder.", "2", 2.0),
    ],
)
def test_a_unit_written_onto_the_digits_leaves_a_figure(
    language: str, text: str, phrase: str, value: float
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.unit) == (phrase, value, None)
    assert text[fact.end].isalpha()  # the unit stays outside the span, read by the comparison


@pytest.mark.parametrize("text", ["Operators sell 5G and 4G plans.", "The A330 and the F-35 flew."])
def test_letters_that_are_no_unit_still_make_a_name(text: str) -> None:
    assert numbers(text, "en") == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Yields rose for a third straight session."),
        ("en", "She won a third term in the spring."),
        ("en", "A quarter century later the mill closed."),
        ("it", "Ha vinto un quarto mandato."),
    ],
)
def test_a_fraction_written_as_an_ordinal_is_a_rank_not_a_share(language: str, text: str):
    assert [f.text for f in numbers(text, language) if f.unit == "fraction"] == []


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("en", "Sales fell by a third last year.", "a third"),
        ("en", "Prices were a third higher.", "a third"),
        ("en", "Output fell a third.", "a third"),
        ("en", "A quarter of the staff left.", "A quarter"),
        ("it", "I costi sono scesi di un quarto nel 2024.", "un quarto"),
        ("it", "Un quarto dei voti è andato perso.", "Un quarto"),
    ],
)
def test_the_same_words_as_a_share_stay_a_fraction(language: str, text: str, phrase: str):
    assert [f.text for f in numbers(text, language) if f.unit == "fraction"] == [phrase]
