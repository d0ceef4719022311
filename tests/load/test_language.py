"""Language detection per language, the Arabic-script rule, and language tags from metadata."""

from __future__ import annotations

import pytest

from factcheck.load import detect_language
from factcheck.load.language import is_supported, normalise_language_tag, reading_language


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("id", "Pemerintah kota mengumumkan bahwa jalan utama akan ditutup selama dua minggu."),
        ("fr", "Le gouvernement a annoncé hier une nouvelle loi sur la protection des données."),
        ("ar", "أعلنت الحكومة أمس عن قانون جديد لحماية البيانات الشخصية للمواطنين."),
        ("en", "The city council said the main road will be closed for two weeks."),
        ("es", "El ayuntamiento anunció que la calle principal estará cerrada dos semanas."),
        ("de", "Die Stadtverwaltung teilte mit, dass die Hauptstraße zwei Wochen gesperrt wird."),
        ("pt", "A prefeitura anunciou que a rua principal ficará fechada por duas semanas."),
    ],
)
def test_each_language(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("tr", "Belediye, ana caddenin iki hafta boyunca trafiğe kapalı olacağını açıkladı."),
        ("pl", "Władze miasta ogłosiły, że główna ulica będzie zamknięta przez dwa tygodnie."),
        ("ru", "Городские власти объявили, что главная улица будет закрыта на две недели."),
        ("sv", "Kommunen meddelade att huvudgatan stängs av i två veckor på grund av arbeten."),
        ("fa", "شهرداری اعلام کرد که خیابان اصلی به مدت دو هفته بسته خواهد بود."),
        ("ja", "市は大通りを二週間閉鎖すると発表した。"),
    ],
)
def test_languages_without_extraction_data_are_named(expected: str, text: str) -> None:
    assert detect_language(text) == expected
    assert not is_supported(expected)


def test_a_long_article_is_read() -> None:
    text = "The city council said on Tuesday that the main road will be closed for two weeks. " * 5
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text", ["Saya tidak tahu.", "Dia bilang tidak tahu.", "Kami sudah makan."]
)
def test_malay_indonesian_without_a_marker_is_indonesian(text: str) -> None:
    assert detect_language(text) == "id"


def test_malaysian_spelling_is_malay_and_read_with_indonesian_data() -> None:
    text = "Polis berkata mangsa dibawa ke hospital selepas kemalangan itu kerana cedera parah."
    assert detect_language(text) == "ms"
    assert reading_language("ms") == "id"
    assert is_supported("ms")


def test_indonesian_spelling_is_indonesian() -> None:
    text = (
        "Polisi mengatakan korban dibawa ke rumah sakit setelah kecelakaan itu karena luka parah."
    )
    assert detect_language(text) == "id"


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("cs", "Příprava trvala déle, než jsme čekali."),
        ("uk", "Міська рада повідомила, що головну вулицю закриють на два тижні."),
        ("hi", "नगर निगम ने कहा कि मुख्य सड़क दो सप्ताह तक बंद रहेगी।"),
    ],
)
def test_near_neighbours(expected: str, text: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        (
            "uk",
            "Дуже радує те, що з кожним роком нові посібники стають більш цікавими і потрібними.",
        ),
        ("kk", "Қала әкімдігі келесі жылы үш ауданда жаңа мектептер ашатынын хабарлады."),
        ("sr", "Градска управа је саопштила да ће главна улица бити затворена две недеље."),
    ],
)
def test_cyrillic_languages_by_their_frequent_letters(expected: str, text: str) -> None:
    assert detect_language(text) == expected


def test_urdu_after_english_boilerplate_is_urdu() -> None:
    text = "Daily News Online Home / Archives: وزیر اعظم نے کہا کہ سڑک دو ہفتے بند رہے گی۔"
    assert detect_language(text) == "ur"


def test_arabic_with_latin_product_names_is_arabic() -> None:
    text = "قالت شركة Anthropic إن OpenAI استخدمت Claude Code قبل إطلاق GPT-5 وفق التقارير."
    assert detect_language(text) == "ar"


def test_only_the_prefix_is_read() -> None:
    french = "Le gouvernement a annoncé hier une nouvelle loi sur les données. " * 40
    english = "The council said the road will close for two weeks. " * 200
    assert detect_language(french + english) == "fr"


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "— … !!"])
def test_no_letters_means_no_language(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("fr-FR", "fr"),
        ("id_ID", "id"),
        ("in", "id"),
        ("ms", "ms"),
        ("ms-MY", "ms"),
        ("Malay", "ms"),
        ("ara", "ar"),
        ("Arabic", "ar"),
        ("EN", "en"),
        ("pt-BR", "pt"),
        ("", None),
        ("klingon", None),
        (None, None),
        (42, None),
    ],
)
def test_language_tags(tag: object, code: str | None) -> None:
    assert normalise_language_tag(tag) == code


def test_a_rare_letter_keeps_its_language_among_the_candidates() -> None:
    # The stopword lists hold none of these Turkish words; ı, ş and ğ point to Turkish.
    text = (
        "İzmir'de fırtına: 3 yaralı. İzmir'in Karşıyaka ilçesinde şiddetli fırtına çatıları uçurdu."
    )
    assert detect_language(text) == "tr"


def test_a_text_its_stopwords_settle_is_read_without_lingua(monkeypatch) -> None:
    from factcheck.load import language

    def no_lingua(candidates: object) -> object:
        raise AssertionError("lingua was asked")

    monkeypatch.setattr(language, "_detector", no_lingua)
    english = "The council said on Monday that the bridge will be closed for two weeks while it is"
    assert detect_language(english + " repaired.") == "en"
    # Spanish and Portuguese share too many stopwords for the lists alone: lingua decides.
    with pytest.raises(AssertionError, match="lingua was asked"):
        detect_language("O conselho disse que a ponte vai fechar durante duas semanas.")


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("ru", "Я иду домой."),  # 'я', 'й': neither Macedonian nor Serbian
        ("ru", "Он живёт один."),  # 'ё'
        ("ru", "Я знаю его."),
        ("uk", "Моя сім'я вдома."),  # 'і': not Russian, 'я': not Macedonian
        ("mk", "Ѓорѓи ќе дојде утре."),  # 'ѓ', 'ќ', 'ј': Macedonian alone
    ],
)
def test_a_letter_outside_an_alphabet_rules_that_language_out(expected: str, text: str) -> None:
    assert detect_language(text) == expected
