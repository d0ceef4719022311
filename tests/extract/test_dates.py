"""Dates found by the rule-based extractor: absolute, numeric, relative, per language."""

from __future__ import annotations

import datetime as dt
import random
import re
from unittest import mock

import pytest

from factcheck.extract.rules import dates_resolve
from factcheck.extract.rules.dates import find_dates
from factcheck.extract.rules.dates_data import LANGUAGES, key, patterns, table, tokens
from factcheck.extract.rules.numbers_data import anchor_words
from factcheck.models import Document, Fact

MONDAY = dt.date(2025, 8, 4)  # a Monday: last Tuesday is 2025-07-29


def dates(text: str, language: str | None, published: dt.date | None = None) -> list[Fact]:
    document = Document(
        path="t.txt", text=text, sha256="0" * 64, language=language, published=published
    )
    found = find_dates(document)
    for fact in found:
        assert fact.kind == "date"
        assert text[fact.start : fact.end] == fact.text
    return found


def only(text: str, language: str | None, published: dt.date | None = None) -> Fact:
    (fact,) = dates(text, language, published)
    return fact


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("id", "Pameran dibuka mulai tanggal 9 Juli 2024 untuk umum.", "9 Juli 2024", "2024-07-09"),
        ("fr", "La décision date du 4 août 2025 selon elle.", "4 août 2025", "2025-08-04"),
        ("fr", "Signé le 1er mars 2023 à Lyon.", "1er mars 2023", "2023-03-01"),
        ("en", "It was announced on August 4, 2025 by the firm.", "August 4, 2025", "2025-08-04"),
        ("en", "Filed 4 Aug 2025 in court.", "4 Aug 2025", "2025-08-04"),
        ("ar", "أعلنت الشركة في 4 أغسطس 2025 القرار", "4 أغسطس 2025", "2025-08-04"),
        ("ar", "أعلنت الشركة في ٤ أغسطس ٢٠٢٥ القرار", "٤ أغسطس ٢٠٢٥", "2025-08-04"),
        ("ar", "صدر القرار في 9 تموز 2024 رسميا", "9 تموز 2024", "2024-07-09"),
        ("ar", "صدر القرار في 9 جويلية 2024 رسميا", "9 جويلية 2024", "2024-07-09"),
        ("ar", "صدر القرار في 9 يوليو 2024 رسميا", "9 يوليو 2024", "2024-07-09"),
        ("ar", "صدر القرار و9 يوليو 2024 رسميا", "9 يوليو 2024", "2024-07-09"),
        ("es", "Se firmó el 9 de julio de 2024 en Madrid.", "9 de julio de 2024", "2024-07-09"),
        ("de", "Am 9. Juli 2024 wurde es beschlossen.", "9. Juli 2024", "2024-07-09"),
        ("pt", "Foi assinado em 9 de julho de 2024.", "9 de julho de 2024", "2024-07-09"),
    ],
)
def test_absolute_dates_per_language(language: str, text: str, phrase: str, value: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.relative) == (phrase, value, None)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("id", "Rilis pada 2024-07-09 lalu.", "2024-07-09", "2024-07-09"),
        ("de", "Stand: 09.07.2024 abends.", "09.07.2024", "2024-07-09"),
        ("fr", "Publié le 9/7/2024 au matin.", "9/7/2024", "2024-07-09"),
        ("en", "Posted 7/9/2024 in the morning.", "7/9/2024", "2024-07-09"),
        ("en", "Posted 13/9/2024 in the morning.", "13/9/2024", "2024-09-13"),
        ("en", "Released 9.7.2024 in Europe.", "9.7.2024", "2024-07-09"),
    ],
)
def test_numeric_dates_day_first_except_en_us(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("fr", "Les tests ont commencé en juillet 2024 déjà.", "juillet 2024", "2024-07"),
        ("id", "Sejak Juli 2024 aksesnya ditutup.", "Juli 2024", "2024-07"),
        ("en", "Since July 2024 it has been closed.", "July 2024", "2024-07"),
        ("ar", "منذ يوليو 2024 أغلق الوصول", "يوليو 2024", "2024-07"),
    ],
)
def test_month_year(language: str, text: str, phrase: str, value: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Une coopérative fondée en 2021 près de Lyon."),
        ("id", "Perusahaan itu didirikan pada 2021 di AS."),
        ("id", "Perusahaan itu didirikan tahun 2021 di AS."),
        ("en", "The company was founded in 2021 by researchers."),
        ("ar", "تأسست الشركة عام 2021 في أمريكا"),
    ],
)
def test_year_after_a_preposition_is_a_year(language: str, text: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == ("2021", "2021")


@pytest.mark.parametrize(
    "text", ["The system will be released in mid-2021.", "Sales slowed in late-2021 and recovered."]
)
def test_a_year_joined_to_its_word_by_a_hyphen_is_a_year(text: str) -> None:
    fact = only(text, "en")
    assert (fact.text, fact.value) == ("2021", "2021")


def test_bare_year_is_left_to_numbers() -> None:
    assert dates("COPYRIGHT © ANTARA 2024", "id") == []


def test_lowercase_may_is_a_verb_not_a_month() -> None:
    assert dates("Prices may 5 times rise.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("id", "Akses dicabut Selasa lalu oleh perusahaan.", "2025-07-29"),
        ("fr", "L'accès a été coupé mardi dernier par la société.", "2025-07-29"),
        ("ar", "قطعت الشركة الوصول الثلاثاء الماضي بشكل مفاجئ", "2025-07-29"),
        ("en", "Access was cut last Tuesday by the company.", "2025-07-29"),
        ("es", "El acceso se cortó el martes pasado.", "2025-07-29"),
        ("en", "The firm said yesterday it would appeal.", "2025-08-03"),
        ("fr", "La firme a déclaré hier qu'elle ferait appel.", "2025-08-03"),
        ("id", "Perusahaan kemarin menyatakan banding.", "2025-08-03"),
        ("fr", "Ils l'ont annoncé la semaine dernière à Paris.", "2025-W31"),
        ("id", "Mereka mengumumkannya pekan lalu di Jakarta.", "2025-W31"),
        ("id", "Mereka mengumumkannya bulan lalu di Jakarta.", "2025-07"),
        ("fr", "Ils l'ont annoncé le mois dernier à Paris.", "2025-07"),
        ("en", "They announced it last month in London.", "2025-07"),
        ("en", "They announced it last year in London.", "2024"),
        ("id", "Pengumuman dibuat Jumat di Jakarta.", "2025-08-01"),
        ("fr", "Ils l'ont annoncé il y a deux semaines.", "2025-W30"),
        ("id", "Mereka mengumumkannya tiga hari lalu.", "2025-08-01"),
    ],
)
def test_relative_dates_resolve_against_publication(language: str, text: str, value: str) -> None:
    fact = only(text, language, MONDAY)
    assert fact.value == value
    assert fact.relative == fact.text


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "The plant closed eight years ago.", "2017"),
        ("fr", "L'usine a fermé il y a neuf ans.", "2016"),
        ("de", "Das Werk schloss vor einem Jahr.", "2024"),
        ("es", "La planta cerró hace cuatro años.", "2021"),
        ("pt", "A fábrica fechou há dez anos.", "2015"),
        ("it", "La fabbrica ha chiuso sette mesi fa.", "2025-01"),
        ("nl", "De fabriek sloot zes dagen geleden.", "2025-07-29"),
        ("tr", "Fabrika iki yıl önce kapandı.", "2023"),
        ("id", "Pabrik itu tutup delapan tahun lalu.", "2017"),  # not "tahun lalu", last year
        ("ar", "أغلق المصنع منذ سبع سنوات", "2018"),
    ],
)
def test_an_amount_spelled_out_counts_back_from_publication(
    language: str, text: str, value: str
) -> None:
    """One to ten in words, in every language, without the slow fallback parser."""
    with mock.patch.object(dates_resolve, "parse_ago", side_effect=AssertionError("fallback")):
        fact = only(text, language, MONDAY)
    assert fact.value == value
    assert fact.relative == fact.text


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("en", "The board will vote next Thursday on the plan.", "next Thursday"),
        ("fr", "Le conseil votera jeudi prochain sur le plan.", "jeudi prochain"),
        ("es", "La junta votará el próximo jueves el plan.", "el próximo jueves"),
        ("pt", "A direção vota na próxima quinta-feira o plano.", "na próxima quinta-feira"),
        ("it", "Il consiglio voterà giovedì prossimo il piano.", "giovedì prossimo"),
        ("de", "Der Vorstand stimmt am kommenden Donnerstag ab.", "kommenden Donnerstag"),
        ("nl", "Het bestuur stemt volgende donderdag over het plan.", "volgende donderdag"),
        ("tr", "Yönetim kurulu önümüzdeki Perşembe oylayacak.", "önümüzdeki Perşembe"),
        ("id", "Dewan akan memutuskan Kamis depan di Jakarta.", "Kamis depan"),
        ("ar", "سيصوت المجلس الخميس المقبل على الخطة", "الخميس المقبل"),
    ],
)
def test_next_weekday_is_the_first_one_after_publication(
    language: str, text: str, phrase: str
) -> None:
    fact = only(text, language, MONDAY)  # the Thursday after Monday 4 August 2025
    assert (fact.text, fact.value, fact.anchor) == (phrase, "2025-08-07", "published")
    assert only(text, language, dt.date(2025, 8, 7)).value == "2025-08-14"  # never the same day


def test_next_weekday_before_a_day_and_month_is_part_of_that_date() -> None:
    fact = only("La junta votará el próximo viernes 8 de agosto.", "es", MONDAY)
    assert fact.value == "2025-08-08" and "8 de agosto" in fact.text


def test_last_weekday_on_that_weekday_is_a_week_back() -> None:
    tuesday = dt.date(2025, 8, 5)
    assert only("Akses dicabut Selasa lalu.", "id", tuesday).value == "2025-07-29"


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("id", "OpenAI dilarang mulai Selasa lalu.", "Selasa lalu"),
        ("fr", "Coupé mardi dernier sans préavis.", "mardi dernier"),
        ("id", "Harga beras naik bulan lalu di pasar itu.", "bulan lalu"),
        ("id", "Dikutip pada Jumat, majalah itu menulis.", "Jumat"),
    ],
)
def test_relative_dates_without_publication_stay_unresolved(
    language: str, text: str, phrase: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.relative) == (phrase, None, phrase)


def test_a_phrase_the_tables_cannot_count_goes_to_dateparser_and_stays_relative() -> None:
    fact = only("Annoncé il y a quelques jours à Paris.", "fr", MONDAY)
    assert (fact.text, fact.value, fact.relative) == (
        "il y a quelques jours",
        None,
        "il y a quelques jours",
    )


def test_minggu_lalu_is_last_week_not_last_sunday() -> None:
    assert only("Aturan itu berubah minggu lalu.", "id", MONDAY).value == "2025-W31"


def test_next_day_follows_the_previous_date() -> None:
    first, second = dates("Il l'a dit le 3 juin 2025, puis le lendemain à la radio.", "fr")
    assert (first.value, second.text, second.value) == ("2025-06-03", "le lendemain", "2025-06-04")


def test_next_day_after_a_year_only_cannot_be_resolved() -> None:
    _, second = dates("Fondée en 2021 ; le lendemain, silence.", "fr")
    assert (second.value, second.relative) == (None, "le lendemain")


def test_weekday_with_partial_numeric_date_takes_the_year_of_that_weekday() -> None:
    found = dates("Sejak Selasa (25/6) panen dimulai; pasar buka 9 Juli 2024.", "id")
    assert [(f.text, f.value) for f in found] == [
        ("Selasa (25/6)", "2024-06-25"),
        ("9 Juli 2024", "2024-07-09"),
    ]


def test_weekday_with_partial_date_uses_publication_when_given() -> None:
    # 25 June is a Wednesday in 2025 and a Tuesday in 2024: the weekday picks 2024
    fact = only("Sejak Selasa (25/6) panen dimulai.", "id", MONDAY)
    assert fact.value == "2024-06-25"


def test_weekday_joins_a_textual_date_without_year() -> None:
    fact = only("Le vote a eu lieu mardi 25 juin à Paris.", "fr", MONDAY)
    assert (fact.text, fact.value) == ("mardi 25 juin", "2024-06-25")


def test_day_month_without_year_takes_the_nearest_year() -> None:
    fact = only("Le vote a eu lieu le 25 juillet à Paris.", "fr", MONDAY)
    assert (fact.text, fact.value) == ("25 juillet", "2025-07-25")


def test_day_month_without_any_anchor_keeps_day_and_month_without_a_year() -> None:
    fact = only("Le vote a eu lieu le 25 juillet à Paris.", "fr")
    assert (fact.value, fact.granularity, fact.anchor) == ("--07-25", "day", None)


@pytest.mark.parametrize(
    ("language", "text", "context"),
    [
        ("fr", "Une librairie (associative) fondée en 2021 près de Lyon.", "fondée"),
        (
            "id",
            "Soal rencana pembongkaran gedung Pasar Lama mulai 3 Maret 2025.",
            "pembongkaran gedung",
        ),
        ("id", "Disebutkan bahwa pada Kamis (12/3) Telkomsel mulai mengirimkan email.", None),
    ],
)
def test_context_names_what_is_dated(language: str, text: str, context: str | None) -> None:
    fact = dates(text, language)[0]
    if context is None:  # nothing before the date in its clause: the words after it
        assert fact.context == "mengirimkan email"
    else:
        assert fact.context == context


def test_unknown_language_uses_every_table() -> None:
    found = dates("Le 4 août 2025 et 9 Juli 2024 et August 4, 2025.", None)
    assert [f.value for f in found] == ["2025-08-04", "2024-07-09", "2025-08-04"]


def test_german_hier_is_not_yesterday() -> None:
    assert dates("Die Firma ist hier in Berlin.", "de", MONDAY) == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("it", "L'accordo è stato firmato il 9 luglio 2024 a Roma.", "9 luglio 2024", "2024-07-09"),
        ("it", "Entra in vigore il 1° gennaio 2025.", "1° gennaio 2025", "2025-01-01"),
        ("it", "Firmato il 9 lug. 2024 a Roma.", "9 lug. 2024", "2024-07-09"),
        ("nl", "Het akkoord is op 9 juli 2024 getekend.", "9 juli 2024", "2024-07-09"),
        ("nl", "Het akkoord is op 1 maart 2024 getekend.", "1 maart 2024", "2024-03-01"),
        ("nl", "Getekend op 9 mrt. 2024 in Utrecht.", "9 mrt. 2024", "2024-03-09"),
        ("es", "Se firmó el 20 de noviembre del 2004.", "20 de noviembre del 2004", "2004-11-20"),
        ("en", "It was filed on Mar 9, 2024 in court.", "Mar 9, 2024", "2024-03-09"),
    ],
)
def test_absolute_dates_in_italian_dutch_and_spanish(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("nl", "Amsterdam, 09-Jul-24 - Het kabinet besloot.", "09-Jul-24", "2024-07-09"),
        ("nl", "Bijgewerkt 9-okt-2023 om negen uur.", "9-okt-2023", "2023-10-09"),
        ("en", "Filed 15-Oct-97 by the clerk.", "15-Oct-97", "1997-10-15"),
        ("en", "Filed 15-Oct-39 by the clerk.", "15-Oct-39", "2039-10-15"),
        ("en", "Filed 15-Oct-69 by the clerk.", "15-Oct-69", "1969-10-15"),
        ("en", "Filed 15-Oct-70 by the clerk.", "15-Oct-70", "1970-10-15"),
        ("it", "Aggiornato 3/mar/2008 in serata.", "3/mar/2008", "2008-03-03"),
    ],
)
def test_day_month_abbreviation_year(language: str, text: str, phrase: str, value: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("it", "I lavori sono finiti a marzo 2024 ormai.", "marzo 2024", "2024-03"),
        ("nl", "De werken eindigden in maart 2024 al.", "maart 2024", "2024-03"),
        ("es", "Las obras terminaron en marzo del 2024 ya.", "marzo del 2024", "2024-03"),
        ("it", "La società è stata fondata nel 2021 a Milano.", "2021", "2021"),
        ("nl", "Het bedrijf werd in 2021 opgericht.", "2021", "2021"),
        ("es", "La empresa cerró en el 2021 sus oficinas.", "2021", "2021"),
    ],
)
def test_month_year_and_year_words_in_italian_dutch_and_spanish(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("it", "L'azienda ha annunciato ieri il ricorso.", "2025-08-03"),
        ("it", "Il servizio è stato chiuso martedì scorso.", "2025-07-29"),
        ("it", "Lo hanno annunciato tre giorni fa a Roma.", "2025-08-01"),
        ("it", "Lo hanno annunciato la settimana scorsa a Roma.", "2025-W31"),
        ("it", "Lo hanno annunciato il mese scorso a Roma.", "2025-07"),
        ("it", "Lo hanno annunciato l'anno scorso a Roma.", "2024"),
        ("it", "Il voto si è tenuto venerdì a Roma.", "2025-08-01"),
        ("nl", "Het bedrijf kondigde gisteren beroep aan.", "2025-08-03"),
        ("nl", "De dienst werd afgelopen dinsdag gesloten.", "2025-07-29"),
        ("nl", "Ze maakten het drie dagen geleden bekend.", "2025-08-01"),
        ("nl", "Ze maakten het vorige week bekend.", "2025-W31"),
        ("nl", "Ze maakten het vorige maand bekend.", "2025-07"),
        ("nl", "Ze maakten het vorig jaar bekend.", "2024"),
        ("nl", "De stemming vond vrijdag plaats.", "2025-08-01"),
    ],
)
def test_relative_dates_in_italian_and_dutch(language: str, text: str, value: str) -> None:
    fact = only(text, language, MONDAY)
    assert fact.value == value
    assert fact.relative == fact.text


def test_italian_weekday_joins_its_date() -> None:
    fact = only("Il voto si è tenuto martedì 25 giugno a Roma.", "it", MONDAY)
    assert (fact.text, fact.value) == ("martedì 25 giugno", "2024-06-25")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "Het bedrijf is hier in Utrecht gevestigd."),
        ("nl", "Onze klanten komen hier elke ochtend."),
        ("tr", "Hier morgen demain ayer"),
        (None, "Hier morgen demain ayer"),
    ],
)
def test_relative_words_of_other_languages_are_not_dates(language: str | None, text: str) -> None:
    assert dates(text, language, MONDAY) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_date_words_that_are_read(language: str) -> None:
    data = table()
    pats = patterns(language)
    for section, found in (
        ("months", pats.months),
        ("weekdays", pats.weekdays),
        ("relative", pats.relative),
    ):
        own = {key(w) for w in data[section][language]}
        assert own and own <= set(found), (language, section)


# --- issue 12: years from the publication date or the sentence, ranges, granularity -----------


def test_a_year_elsewhere_in_the_text_lends_no_year() -> None:
    text = "The band formed in 1968. On Dec. 10 they played in Paris."
    assert [(f.text, f.value) for f in dates(text, "en")] == [
        ("1968", "1968"),
        ("Dec. 10", "--12-10"),
    ]


def test_a_year_in_the_same_sentence_lends_its_year() -> None:
    text = "They met on Dec. 10, 1968 and again on Dec. 12."
    assert [f.value for f in dates(text, "en")] == ["1968-12-10", "1968-12-12"]


def test_the_publication_date_wins_over_a_stray_year() -> None:
    text = "On Monday, November 15 the summit opened after the 2001 accord."
    published = dt.date(2021, 11, 20)
    fact = dates(text, "en", published)[0]
    assert (fact.text, fact.value) == ("Monday, November 15", "2021-11-15")


def test_a_weekday_that_fits_no_neighbouring_year_gives_way() -> None:
    # 22 January 2016 was a Friday; the weekday is a slip, not a date in 2014 or 2019
    fact = only("Je reviendrai le mercredi 22 janvier.", "fr", dt.date(2016, 11, 7))
    assert fact.value == "2017-01-22"


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("en", "The war lasted from 1973 to 1990.", ["1973", "1990"]),
        ("en", "Output rose between 2001 and 2005.", ["2001", "2005"]),
        ("en", "Sales fell in 2008-2009.", ["2008", "2009"]),
        ("fr", "Il a régné de 1973 à 1990.", ["1973", "1990"]),
        ("de", "Er regierte von 1973 bis 1990.", ["1973", "1990"]),
        ("es", "Gobernó desde 1973 hasta 1990.", ["1973", "1990"]),
        ("id", "Ia memimpin dari 1973 hingga 1990.", ["1973", "1990"]),
        ("nl", "Hij regeerde van 1973 tot 1990.", ["1973", "1990"]),
        ("it", "Ha governato dal 1973 al 1990.", ["1973", "1990"]),
        ("pt", "Governou de 1973 a 1990.", ["1973", "1990"]),
        ("ar", "حكم من 1973 إلى 1990", ["1973", "1990"]),
    ],
)
def test_year_ranges_keep_both_ends(language: str, text: str, values: list[str]) -> None:
    assert [f.value for f in dates(text, language)] == values


def test_two_counts_joined_by_and_are_not_a_year_range() -> None:
    assert dates("They sold 2008 and 2009 units.", "en") == []


@pytest.mark.parametrize(
    ("language", "text", "phrase"),
    [
        ("en", "By the end of 2006 the plant had closed.", "2006"),
        ("fr", "L'usine a fermé fin 2006.", "2006"),
        ("es", "La fábrica cerró a finales de 2006.", "2006"),
        ("de", "Das Werk schloss Ende 2006.", "2006"),
        ("it", "La fabbrica ha chiuso alla fine del 2006.", "2006"),
        ("id", "Pabrik itu tutup akhir 2006.", "2006"),
    ],
)
def test_the_end_of_a_year_is_a_date(language: str, text: str, phrase: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, "2006")


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "They meet on 22/04 in Geneva.", "22/04", "2025-04-22"),
        ("en", "They met on 4/22 in Geneva.", "4/22", "2025-04-22"),
        ("fr", "Rendez-vous le 21/05 à Lyon.", "21/05", "2025-05-21"),
        ("de", "Ich komme am 15.1. zurück.", "15.1.", "2026-01-15"),
        ("de", "Wir sehen uns am 22.04 wieder.", "22.04", "2025-04-22"),
        ("pt", "A compra foi feita no dia 17/11 em Lisboa.", "17/11", "2025-11-17"),
        ("es", "Llegó el 08/12, 2015 a Madrid.", "08/12, 2015", "2015-12-08"),
    ],
)
def test_day_and_month_in_digits_after_a_date_word(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language, MONDAY)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Support is available 24/7 all year."),
        ("en", "She won 3/4 of the vote."),
        ("es", "Obtuvo el 2/3 de los escaños."),
        ("en", "Growth was 4.22 points."),
    ],
)
def test_fractions_ratios_and_decimals_are_not_dates(language: str, text: str) -> None:
    assert dates(text, language, MONDAY) == []


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "Filed on Oct-2 at noon.", "Oct-2", "2025-10-02"),
        ("en", "Filed Sep-23-2020 at noon.", "Sep-23-2020", "2020-09-23"),
        ("en", "Filed 2019-sep-1 at noon.", "2019-sep-1", "2019-09-01"),
        ("en", "Plans for Dec-2018 are set.", "Dec-2018", "2018-12"),
        ("es", "Vendió IVAC el 31-dic-1994.", "31-dic-1994", "1994-12-31"),
        ("en", "It opened on 1st Jan 2019.", "1st Jan 2019", "2019-01-01"),
        ("nl", "Ik ga de 4e jan 2019 terug.", "4e jan 2019", "2019-01-04"),
        ("pt", "Voltarei em 1o de Jan de 2019.", "1o de Jan de 2019", "2019-01-01"),
        ("es", "Volveré el 1.º de julio de 2019.", "1.º de julio de 2019", "2019-07-01"),
        ("pt", "As greves de maio de 68, em Paris, mudaram tudo.", "maio de 68", "1968-05"),
        ("pt", "Ocorreu em 2 de outubro de 92.", "2 de outubro de 92", "1992-10-02"),
        ("en", "Eli Lilly sold IVAC on Dec. 31 , 1994.", "Dec. 31 , 1994", "1994-12-31"),
    ],
)
def test_dashed_ordinal_and_short_year_dates(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language, MONDAY)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("12 Ocak 2016'da döneceğim.", "12 Ocak 2016", "2016-01-12"),
        ("Toplantı 15 Haziran'da yapıldı.", "15 Haziran", "2025-06-15"),
        ("Karar dün açıklandı.", "dün", "2025-08-03"),
        ("Anlaşma Aralık 2018'de imzalandı.", "Aralık 2018", "2018-12"),
        ("İstanbul'da 3 gün önce toplandılar.", "3 gün önce", "2025-08-01"),
    ],
)
def test_turkish_dates(text: str, phrase: str, value: str) -> None:
    fact = only(text, "tr", MONDAY)
    assert (fact.text, fact.value) == (phrase, value)


def test_dutch_lowercase_month_abbreviations_are_dates() -> None:
    fact = only("Eli Lilly verkocht IVAC op 31 dec. 1994.", "nl")
    assert (fact.text, fact.value) == ("31 dec. 1994", "1994-12-31")


def test_english_lowercase_abbreviations_stay_words() -> None:
    assert dates("I may 5 times say no.", "en", MONDAY) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Signed on 4 August 2025.", "2025-08-04"),
        ("Signed in August 2025.", "2025-08"),
        ("Signed in 2025.", "2025"),
        ("Signed last week.", "2025-W31"),
    ],
)
def test_granularity_shows_in_the_value(text: str, value: str) -> None:
    assert only(text, "en", MONDAY).value == value


def test_a_price_before_a_month_is_not_its_day() -> None:
    fact = only("I bought it for $12 December 27.", "en", MONDAY)
    assert (fact.text, fact.value) == ("December 27", "2025-12-27")


def test_a_short_year_before_a_word_counts_that_word() -> None:
    text = "El 5 de mayo de 30 empleados, solo uno vino."
    assert [f.text for f in dates(text, "es", MONDAY)] == ["5 de mayo"]


# --- bad input: no crash, no fact or a sane one ------------------------------------------------


@pytest.mark.parametrize("text", ["Due on 31/02/2025.", "Due on 30 February 2025.", "Feb 30, 2025"])
def test_impossible_dates_get_no_value(text: str) -> None:
    for fact in dates(text, "en", MONDAY):
        assert fact.value is None


@pytest.mark.parametrize(
    "text", ["In 99999 the sun will still shine.", "Due on 12/05/99999.", "May 5, 99999"]
)
def test_year_99999_is_never_a_year(text: str) -> None:
    for fact in dates(text, "en", MONDAY):
        assert fact.value is None or not str(fact.value).startswith("9999")


def test_a_ten_thousand_digit_number_is_no_date() -> None:
    assert dates("On " + "9" * 10_000 + " days.", "en", MONDAY) == []


def test_granularity_and_anchor_are_carried_on_the_fact() -> None:
    text = "On Dec. 10, 1968 they met, and on Dec. 12 too. The next day it rained. Last week too."
    found = dates(text, "en", dt.date(2024, 3, 20))
    assert [(f.text, f.value, f.granularity, f.anchor) for f in found] == [
        ("Dec. 10, 1968", "1968-12-10", "day", "text"),
        ("Dec. 12", "1968-12-12", "day", "sentence"),
        ("The next day", "1968-12-13", "day", "previous"),
        ("Last week", "2024-W11", "week", "published"),
    ]


def test_a_bare_year_in_the_sentence_yields_to_the_publication_date() -> None:
    text = "Since 2001, they meet on November 15."
    found = dates(text, "en", dt.date(2024, 3, 20))
    assert [(f.value, f.anchor) for f in found] == [("2001", "text"), ("2023-11-15", "published")]
    found = dates(text, "en")
    assert [(f.value, f.anchor) for f in found] == [("2001", "text"), ("2001-11-15", "sentence")]


def test_an_unresolved_date_has_no_granularity_nor_anchor() -> None:
    fact = only("It happened yesterday.", "en")
    assert (fact.value, fact.granularity, fact.anchor) == (None, None, None)


def test_lowercase_english_months_are_dates_except_verbs() -> None:
    assert only("Meet me on 14 nov please.", "en", MONDAY).value == "2025-11-14"
    assert only("see you monday january 12th, 2026", "en", MONDAY).value == "2026-01-12"
    assert dates("I may 5 times say no.", "en", MONDAY) == []
    assert dates("En mars 5 personnes sont venues.", "fr", MONDAY) == []


@pytest.mark.parametrize(
    ("language", "text", "dated"),
    [
        ("fr", "En juillet 98, la France a gagné.", [("juillet 98", "1998-07")]),
        ("fr", "Signé le 1er avril 78, à Paris.", [("1er avril 78", "1978-04-01")]),
        ("nl", "Het gebeurde in juni van 1992.", [("juni van 1992", "1992-06")]),
        ("nl", "Op 4e juli van 1995 begon het.", [("4e juli van 1995", "1995-07-04")]),
        ("fr", "En juillet 98 personnes sont venues.", []),
        ("nl", "Sinds februari 70% van de verkoop.", []),
        ("fr", "Le 5 mai 30 000 manifestants ont défilé.", [("5 mai", "2025-05-05")]),
    ],
)
def test_short_years_after_a_month_only_when_no_count_follows(
    language: str, text: str, dated: list[tuple[str, str]]
) -> None:
    assert [(f.text, f.value) for f in dates(text, language, MONDAY)] == dated


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        (
            "en",
            "The rebels held him on April 20-21, 2001 in the hills.",
            "April 20-21, 2001",
            "2001-04-20/2001-04-21",
        ),
        (
            "en",
            "The summit met on 7-9 December 2004 in Lima.",
            "7-9 December 2004",
            "2004-12-07/2004-12-09",
        ),
        (
            "en",
            "Talks ran between 7 and 9 December 2004.",
            "7 and 9 December 2004",
            "2004-12-07/2004-12-09",
        ),
        (
            "fr",
            "Le salon se tient du 20 au 21 avril 2001 à Lyon.",
            "20 au 21 avril 2001",
            "2001-04-20/2001-04-21",
        ),
        (
            "es",
            "La cumbre fue del 7 al 9 de diciembre de 2004.",
            "7 al 9 de diciembre de 2004",
            "2004-12-07/2004-12-09",
        ),
        (
            "de",
            "Die Messe läuft vom 7. bis 9. Dezember 2004.",
            "7. bis 9. Dezember 2004",
            "2004-12-07/2004-12-09",
        ),
        (
            "it",
            "Il vertice si è svolto dal 7 al 9 dicembre 2004.",
            "7 al 9 dicembre 2004",
            "2004-12-07/2004-12-09",
        ),
        (
            "en",
            "The fair runs from 30 April to 2 May 2005.",
            "30 April to 2 May 2005",
            "2005-04-30/2005-05-02",
        ),
    ],
)
def test_a_range_of_days_is_one_date_with_both_ends(
    language: str, text: str, phrase: str, value: str
) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value, fact.granularity, fact.anchor) == (phrase, value, "day", "text")


def test_a_range_of_days_without_a_year_takes_the_publication_year() -> None:
    fact = only("The summit was held between 7-9 December in Lima.", "en", dt.date(2004, 12, 10))
    assert (fact.value, fact.anchor) == ("2004-12-07/2004-12-09", "published")


def test_a_range_of_days_with_no_year_anywhere_keeps_its_days() -> None:
    assert only("The summit was held 7-9 December in Lima.", "en").value == "--12-07/--12-09"


def test_two_days_joined_by_and_without_between_are_not_a_range() -> None:
    found = dates("They met on 7 and 9 December 2004.", "en")
    assert [f.value for f in found] == ["2004-12-09"]


def test_a_numeric_day_and_month_without_a_year_stays_unresolved() -> None:
    # "8/9" is 8 September or August 9: without a year nothing says which
    assert only("The return legs are on 8/9 at home.", "en").value is None


def test_turkish_writes_the_year_before_the_month() -> None:
    fact = only("2017 Nisan'da Ankara'ya döndü.", "tr")
    assert (fact.text, fact.value, fact.granularity) == ("2017 Nisan", "2017-04", "month")


def test_a_year_before_a_month_is_no_month_date_in_english() -> None:
    assert [f.value for f in dates("In 2017 April was cold.", "en")] == ["2017"]


def test_a_day_and_month_joined_by_a_spaced_dash() -> None:
    fact = only("سأعود يوم 2- أكتوبر", "ar", dt.date(2016, 11, 7))
    assert (fact.text, fact.value) == ("2- أكتوبر", "2016-10-02")


@pytest.mark.parametrize(
    ("language", "text", "published", "phrase", "value"),
    [
        (
            "es",
            "Se votará el próximo 6 de abril.",
            dt.date(2019, 5, 20),
            "6 de abril",
            "2020-04-06",
        ),
        ("es", "Se votó el pasado 6 de junio.", dt.date(2019, 5, 20), "6 de junio", "2018-06-06"),
        (
            "fr",
            "Le vote aura lieu le 6 avril prochain.",
            dt.date(2019, 5, 20),
            "6 avril",
            "2020-04-06",
        ),
        (
            "fr",
            "Le vote a eu lieu le 6 avril dernier.",
            dt.date(2019, 3, 20),
            "6 avril",
            "2018-04-06",
        ),
        ("it", "Si vota il prossimo 6 aprile.", dt.date(2019, 5, 20), "6 aprile", "2020-04-06"),
        ("it", "Si è votato il 6 giugno scorso.", dt.date(2019, 5, 20), "6 giugno", "2018-06-06"),
        (
            "en",
            "The vote is set for next 6th of April.",
            dt.date(2019, 5, 20),
            "6th of April",
            "2020-04-06",
        ),
        (
            "en",
            "The vote was held last 6 June in Lyon.",
            dt.date(2019, 5, 20),
            "6 June",
            "2018-06-06",
        ),
        (
            "pt",
            "A votação será no próximo dia 6 de abril.",
            dt.date(2019, 5, 20),
            "6 de abril",
            "2020-04-06",
        ),
        (
            "fr",
            "Rendez-vous le 29 février prochain.",
            dt.date(2021, 3, 1),
            "29 février",
            "2024-02-29",
        ),
        # without "next" the nearest year stands
        ("es", "Se votó el 6 de abril.", dt.date(2019, 5, 20), "6 de abril", "2019-04-06"),
    ],
)
def test_next_and_last_point_a_yearless_date_from_publication(
    language: str, text: str, published: dt.date, phrase: str, value: str
) -> None:
    fact = only(text, language, published)
    assert (fact.text, fact.value, fact.anchor) == (phrase, value, "published")


def test_a_weekday_fixes_the_year_before_next_does() -> None:
    # 12 May 2017 is a Friday: "el próximo viernes" names that Friday, not next year's 12 May
    fact = only("Será el próximo viernes 12 de mayo.", "es", dt.date(2017, 5, 1))
    assert fact.value == "2017-05-12"


@pytest.mark.parametrize(
    ("language", "text", "phrase", "value"),
    [
        ("en", "The file is sales_report-2002-10-09.xlsx here.", "2002-10-09", "2002-10-09"),
        ("es", "El archivo es informe_2002-10-09.pdf aquí.", "2002-10-09", "2002-10-09"),
        ("en", "Eli Lilly sold it on Dec31 , 1994 to them.", "Dec31 , 1994", "1994-12-31"),
        ("en", "It closed on June 28 in 2020 for good.", "June 28 in 2020", "2020-06-28"),
        ("en", "It closed on 28 June in 2020 for good.", "28 June in 2020", "2020-06-28"),
        ("nl", "Het sloot op 28 juni in 2020 voorgoed.", "28 juni in 2020", "2020-06-28"),
        ("en", "I came back 08/12,15 and stayed.", "08/12,15", "2015-08-12"),
        ("es", "Volví el 08/12,15 a casa.", "08/12,15", "2015-12-08"),
        ("it", "Tornai il 08/12,15 da lì.", "08/12,15", "2015-12-08"),
    ],
)
def test_glued_and_loose_dates(language: str, text: str, phrase: str, value: str) -> None:
    fact = only(text, language)
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("text", "phrase", "value"),
    [
        ("Set it up for October, 1st.", "October, 1st", "2019-10-01"),
        ("I'll be back Oct2 for sure.", "Oct2", "2019-10-02"),
        ("I'll be back October2 for sure.", "October2", "2019-10-02"),
    ],
)
def test_english_month_and_day_written_together(text: str, phrase: str, value: str) -> None:
    fact = only(text, "en", dt.date(2019, 5, 20))
    assert (fact.text, fact.value) == (phrase, value)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Serial 12-2002-10-09 was logged."),  # digits before the dash: no date
        ("en", "The code oct2 is lowercase."),  # a lowercase name glued to digits: a code
        ("en", "In October, 1st-time buyers rushed in."),
        ("en", "In October, 15 people came."),  # a comma before a plain number: a count
    ],
)
def test_shapes_that_stay_no_date(language: str, text: str) -> None:
    found = dates(text, language, dt.date(2019, 5, 20))
    assert [f.text for f in found if f.granularity == "day"] == []


def test_a_short_year_after_a_spaced_comma_is_a_count() -> None:
    found = dates("Llegaron el 08/12, 15 personas.", "es", dt.date(2018, 1, 10))
    assert [(f.text, f.value) for f in found] == [("08/12", "2017-12-08")]


def test_a_phrase_is_tried_only_where_its_next_word_follows() -> None:
    from factcheck.extract.rules.dates_data import follow_table

    follows = follow_table(
        {"next_day": ["the next day", "le lendemain"], "year": ["in", "fin de", "fin"]},
        then_year=frozenset({"year"}),
    )
    assert follows["the"]["next_day"]("next") and not follows["the"]["next_day"]("house")
    assert "le" in follows and "lendemain" not in follows  # only first words are looked up
    assert follows["in"]["year"]("2006") and not follows["in"]["year"]("paris")
    assert follows["fin"]["year"]("de") and follows["fin"]["year"]("2006")
    # The patterns still match where they should: the filter only skips hopeless attempts.
    found = dates("They met on 1 August 2025 and again the next day in Paris.", "en", MONDAY)
    assert [f.value for f in found] == ["2025-08-01", "2025-08-02"]
    assert [f.value for f in dates("Works started in 2006 and end by the end of 2009.", "en")] == [
        "2006",
        "2009",
    ]


_INDEX_PIECES = [" ", ", ", ".", "-", "'", "’", "\n", "«", "x", "é", "İ", "٣", "12", "2006", "_"]


@pytest.mark.parametrize("language", [*LANGUAGES, None])
def test_the_token_index_finds_every_anchor_word_and_digit_run(language: str | None) -> None:
    """One trie search finds the same places as splitting the text into words would: whole
    anchor words only, and every digit run, inside words too ("covid19", "60gb")."""
    words = anchor_words(language)
    vocabulary = sorted(words)
    rng = random.Random(7)
    for _ in range(200):
        pieces = [rng.choice(vocabulary) for _ in range(6)] + rng.choices(_INDEX_PIECES, k=10)
        rng.shuffle(pieces)
        text = "".join(pieces)
        lower = text.replace(
            "\u0130", "i"
        ).lower()  # Turkish "İ": one letter, as the index reads it
        assert len(lower) == len(text)
        index = tokens(text, words)
        expected = [(m.start(), m.end(), m[0]) for m in re.finditer(r"\w+", lower) if m[0] in words]
        assert index.hits == expected, text
        runs = [m.span() for m in re.finditer(r"\d+", text)]
        assert list(zip(index.digits, index.digit_ends, strict=True)) == runs, text
