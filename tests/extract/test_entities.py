"""People and organisations: mentions, types, keys, and matching names across scripts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.rules.entities import (
    _non_latin_mentions,
    _non_latin_pattern,
    entity_key,
    find_entities,
    same_entity,
)
from factcheck.extract.rules.entities_names import data
from factcheck.models import Document, Fact


def doc(text: str, language: str | None = "en") -> Document:
    return Document(path="t.txt", text=text, sha256="0" * 64, language=language)


def entities(text: str, language: str | None = "en") -> list[Fact]:
    document = doc(text, language)
    found = find_entities(document)
    for fact in found:
        assert fact.kind == "entity"
        assert document.text[fact.start : fact.end] == fact.text
    return found


def names(text: str, language: str | None = "en") -> dict[str, tuple[str, str]]:
    """Mention text -> (value, entity_type); the last mention wins."""
    return {f.text: (str(f.value), str(f.entity_type)) for f in entities(text, language)}


# --- finding mentions, per language -------------------------------------------------------------


def test_indonesian_spokesperson_and_surname_share_one_key():
    text = (
        "Keputusan itu diumumkan Selasa lalu. Juru bicara maskapai Nusantara Air, Rina Halim, "
        "mengatakan jadwal tetap berjalan. Dengan begitu, Halim menambahkan bahwa tiket aman."
    )
    found = names(text, "id")
    assert found["Rina Halim"] == ("rina halim", "person")
    assert found["Halim"] == ("rina halim", "person")
    assert "Keputusan" not in found and "Selasa" not in found and "Dengan" not in found


def test_french_ceo_and_company_cue():
    text = (
        "Selon la société Lumora, les ventes ont doublé. Cette hausse surprend. "
        "Paul Vidal, PDG de Lumora, a déclaré que la croissance continuerait. Vidal a ajouté "
        "qu'aucun licenciement n'était prévu en mars."
    )
    found = names(text, "fr")
    assert found["Paul Vidal"] == ("paul vidal", "person")
    assert found["Vidal"] == ("paul vidal", "person")
    assert next(f.entity_type for f in entities(text, "fr") if f.text == "Lumora") == "org"
    assert not {"Selon", "Cette", "PDG"} & found.keys()


def test_english_sentence_starters_months_and_weekdays_are_not_names():
    text = (
        "However, Brightline Inc said on Monday that March sales fell. The company's spokesperson, "
        "Maya Torres, blamed the weather. Torres said April would be better."
    )
    found = names(text)
    assert found["Maya Torres"] == ("maya torres", "person")
    assert found["Torres"] == ("maya torres", "person")
    assert found["Brightline"][1] == "org"  # "Inc" marks an organisation
    assert not {"However", "Monday", "March", "April", "The"} & found.keys()


def test_common_noun_acronyms_are_not_entities_but_brands_are():
    text = (
        "The firm's AI team used the API of OpenAI and an LLM, WIRED reported, and the CEO agreed."
    )
    found = names(text)
    assert found["OpenAI"] == ("openai", "org")
    assert found["WIRED"] == ("wired", "org")
    assert not {"AI", "API", "LLM", "CEO"} & found.keys()


def test_name_particles_join_names():
    found = names(
        "A speech by Ursula von der Leyen was welcomed by Mohammed bin Salman in the morning."
    )
    assert found["Ursula von der Leyen"][0] == "ursula von der leyen"
    assert found["Mohammed bin Salman"][0] == "mohammed bin salman"


def test_latin_names_inside_arabic_text_and_arabic_aliases():
    text = "أعلنت شركة Anthropic تعاونا مع OpenAI، وقالت أنثروبيك إن أوبن إيه آي شريك مهم."
    found = entities(text, "ar")
    values = {f.text: f.value for f in found}
    assert values["Anthropic"] == values["أنثروبيك"] == "anthropic"
    assert values["OpenAI"] == values["أوبن إيه آي"] == "openai"
    assert {f.entity_type for f in found} == {"org"}


def test_arabic_prefix_is_not_part_of_the_mention():
    found = entities("وقال متحدث لأنثروبيك إن القرار نهائي.", "ar")
    assert [(f.text, f.value) for f in found] == [("أنثروبيك", "anthropic")]


_ARABIC_PIECES = st.sampled_from([" ", "،", ".", "و", "ف", "ب", "ل", "ك", "ال", "ة", "\u064e", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_ARABIC_PIECES, st.sampled_from(data().non_latin_names)), max_size=12))
def test_arabic_names_are_found_as_a_scan_of_the_whole_text_would(pieces: list[str]) -> None:
    """The fast search (a trie of the names, then the exact pattern at up to two letters before)
    finds what one scan of the exact pattern finds: clitics, names glued to letters, names
    inside names."""
    text = "مرحبا " + "".join(pieces)
    pattern = _non_latin_pattern()
    assert pattern is not None
    expected = [(m.start("name"), m.end("name")) for m in pattern[1].finditer(text)]
    assert [(start, end) for start, end, _, _ in _non_latin_mentions(text)] == expected


def test_title_case_heading_words_are_not_names():
    text = "Perang Dingin Raksasa Teknologi\n\nPersaingan antara Anthropic dan OpenAI memanas."
    found = names(text, "id")
    assert set(found) == {"Anthropic", "OpenAI"}


def test_french_elision_and_glued_words():
    found = names("Le modèle d’OpenAI et l'offre d'Anthropic.AnthropicPensez-vous ?", "fr")
    assert found["OpenAI"][0] == "openai"
    assert found["Anthropic"][0] == "anthropic"
    assert "AnthropicPensez-vous" not in found


def test_compound_of_two_known_names_gives_both():
    found = entities("Le duel Anthropic-OpenAI se poursuit.", "fr")
    assert [f.value for f in found] == ["anthropic", "openai"]


def test_acronym_expansion_is_not_a_person():
    found = names("- SDK (Software Development Kit) : Trousse de développement logiciel.", "fr")
    assert found == {}


def test_german_nouns_are_not_names_but_full_names_are():
    text = (
        "Die Entscheidung von Anthropic überrascht. Laut Sprecherin Anna Becker ist sie endgültig."
    )
    found = names(text, "de")
    assert found["Anthropic"][0] == "anthropic"
    assert found["Anna Becker"] == ("anna becker", "person")
    assert "Entscheidung" not in found


def test_links_and_hashtags_are_skipped():
    text = 'Read more at <a href="https://example.org/?q=Zorblax">Zorblax</a> #StrategyTalk'
    assert names(text) == {}


def test_a_share_bar_names_no_one_but_a_service_in_a_sentence_is_a_name():
    text = (
        "Share: WhatsApp Facebook Twitter Pinterest Linkedin. Mayor Ana Lopez said Facebook"
        " and the council would meet.\nPRINT | EMAIL | TWITTER"
    )
    found = names(text)
    assert "Ana Lopez" in found and "Facebook" in found
    assert not {"WhatsApp", "Twitter", "Pinterest", "Linkedin", "PRINT", "EMAIL", "TWITTER"} & set(
        found
    )
    mentions = [f for f in entities(text) if f.text == "Facebook"]
    assert [m.start for m in mentions] == [text.rindex("Facebook")]  # not the bar's


def test_places_from_the_alias_table():
    found = names("Pengguna di China dan Amerika Serikat (AS) terdampak.", "id")
    assert found["China"] == ("china", "place")
    assert found["Amerika Serikat"] == found["AS"] == ("united states", "place")


def test_empty_document_has_no_entities():
    assert entities("") == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aa Zz.,'’-\n()بك OpenAI Ürs")), max_size=80))
def test_mentions_are_always_verbatim_spans(text: str):
    entities(text, None)


# --- keys and matching --------------------------------------------------------------------------


def test_entity_key_is_script_and_case_independent():
    assert entity_key("Anthropic") == entity_key("أنثروبيك") == entity_key("anthropic")
    assert entity_key("Amodei, Dario") == entity_key("Dario Amodei") == "dario amodei"
    assert entity_key("GPT-5") == entity_key("GPT5")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Anthropic", "أنثروبيك"),
        ("OpenAI", "Open AI"),
        ("Christopher Nulty", "Nulty"),
        ("Amodei, Dario", "Dario Amodei"),
        ("Jared Kaplan", "Jarred Kaplan"),  # a misspelt first name
        ("Christopher Nulty", "كريستوفر نولتي"),  # transliterated, not in the alias table
        ("Microsoft", "مايكروسوفت"),
    ],
)
def test_same_entity(a: str, b: str):
    assert same_entity(a, b)
    assert same_entity(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("OpenAI", "Open"),
        ("Claude", "Claude Code"),
        ("Code", "Claude Code"),
        ("GPT-4", "GPT-5"),
        ("Meta", "Metz"),
        ("Hannah Wong", "Hannah Wang"),  # one letter of a surname is another person
        ("Anthropic", "OpenAI"),
        ("Times", "Securities Times"),
        ("", "OpenAI"),
    ],
)
def test_not_same_entity(a: str, b: str):
    assert not same_entity(a, b)
    assert not same_entity(b, a)


def test_entity_table_is_versioned_and_has_stopwords_per_first_language():
    table = data()
    for language in ("id", "fr", "en", "es", "de", "pt"):
        assert table.stopwords[language]
    assert {"Keputusan", "Langkah", "Hal", "Mereka"} <= table.stopwords["id"]
    assert {"Selon", "Cette"} <= table.stopwords["fr"]
    assert {"API", "AI", "IA", "LLM", "CEO"} <= table.acronyms


def test_adjectives_and_fragments_are_reduced_to_names() -> None:
    text = (
        "The UK-based charity spoke. Former Rep. John Smith agreed, and the "
        "Christmas No. 1 single sold well. The National Health Service was strained."
    )
    found = {f.text: f.entity_type for f in find_entities(doc(text)) if f.kind == "entity"}
    assert found.get("UK") == "org"
    assert "UK-based" not in found
    assert "Former Rep" not in found and "Christmas No" not in found
    assert found.get("John Smith") == "person"
    assert found.get("National Health Service") == "org"


def test_a_name_is_not_glued_to_a_rank_or_the_capitalised_word_before_it() -> None:
    text = (
        "Chief of staff General Duncan McNab spoke. General Motors Corp agreed. The Deputy "
        "Undersecretary for Acquisition Darleen Druyun wrote. Druyun was jailed."
    )
    found = {f.text: f.entity_type for f in find_entities(doc(text)) if f.kind == "entity"}
    assert found.get("Duncan McNab") == "person"
    assert found.get("General Motors") == "org"
    assert found.get("Darleen Druyun") == "person"
    assert "Acquisition Darleen Druyun" not in found


def test_an_organisation_then_a_person_are_two_names() -> None:
    text = (
        "The memo reached Air Force James Roche on Monday. Carter Center Chair Jimmy Carter "
        "watched, and the Air National Guard flew."
    )
    found = {f.text: f.entity_type for f in find_entities(doc(text)) if f.kind == "entity"}
    assert found.get("Air Force") == "org"
    assert found.get("James Roche") == "person"
    assert found.get("Carter Center") == "org"
    assert found.get("Jimmy Carter") == "person"
    assert found.get("Air National Guard") == "org"


def test_a_head_noun_after_a_title_opens_the_name_where_the_language_puts_it_first() -> None:
    text = "Direktur Yayasan Bumi Lestari, Rina Sari, mengatakan warga sudah menunggu sejak pagi."
    found = [f.text for f in find_entities(doc(text, "id")) if f.kind == "entity"]
    assert "Yayasan Bumi Lestari" in found and "Rina Sari" in found
    assert "Yayasan" not in found and "Bumi Lestari" not in found


def test_a_title_with_a_rank_in_its_tail_is_not_part_of_the_name() -> None:
    text = "On Friday the envoy met Secretary General Kofi Annan in the capital."
    found = {f.text: f.entity_type for f in find_entities(doc(text)) if f.kind == "entity"}
    assert found.get("Kofi Annan") == "person"
    assert "General Kofi Annan" not in found


def test_middle_initials_stay_inside_the_name_and_out_of_its_key() -> None:
    text = "The press met President George W. Bush at noon. Bush spoke briefly."
    found = names(text)
    assert found["George W. Bush"] == ("george bush", "person")
    assert found["Bush"] == ("george bush", "person")


def test_function_words_header_labels_and_datelines_are_not_glued_to_names() -> None:
    text = (
        "Thanks very much. Robin About half an hour later, the call ended. During Cianci's "
        "trial the court met. From: Marvin Sambur To: Dov Zakheim Date: November 22, 2003\n\n"
        "By Steve Holland WASHINGTON, Nov 15 (Reuters) - The talks began."
    )
    found = names(text)
    assert not {"Robin About", "During Cianci", "Dov Zakheim Date"} & found.keys()
    assert found["Dov Zakheim"] == ("dov zakheim", "person")
    assert found["Steve Holland"] == ("steve holland", "person")
    assert "Steve Holland WASHINGTON" not in found and "Holland WASHINGTON" not in found


def test_a_generational_suffix_is_not_part_of_the_name() -> None:
    text = 'A chief of staff for former Mayor Vincent "Buddy" Cianci Jr. took the cash.'
    found = names(text)
    assert found["Cianci"] == ("cianci", "person")
    assert "Cianci Jr" not in found


def test_abstract_nouns_make_a_capitalised_phrase_no_person() -> None:
    text = (
        "If you scroll down, it even lists Suggested Registry Configuration. The Republican "
        "Convention opened, and Lockheed Allegations Focus on the chief."
    )
    found = names(text)
    assert found["Suggested Registry Configuration"][1] == "other"
    alone = names("The Deputy Undersecretary for Acquisition Darleen Druyun wrote the memo.")
    assert alone["Darleen Druyun"] == ("darleen druyun", "person")
    assert found["Republican Convention"][1] == "org"
    assert all(kind != "person" for _, kind in found.values())


def test_a_title_or_rank_without_a_name_is_no_entity() -> None:
    text = (
        "The Assistant Attorney General wrote to Army Spc. Joseph Darby, and the Assistant "
        "Secretary replied."
    )
    found = names(text)
    assert not {"General", "Assistant Secretary", "Spc", "Assistant Attorney General"} & set(found)
    assert found["Joseph Darby"] == ("joseph darby", "person")


def test_countries_capitals_and_states_are_places_and_a_column_of_them_is_split() -> None:
    text = (
        "Top sources of spam: Spain United Kingdom Germany Taiwan Mexico. Kerik traded "
        "New York for Iraq, and Ordinary people in Sri Lanka met George Washington."
    )
    found = names(text)
    for place in ("Spain", "United Kingdom", "Germany", "Taiwan", "Mexico", "New York", "Iraq"):
        assert found[place][1] == "place", place
    assert found["Sri Lanka"][1] == "place"
    assert found["George Washington"] == ("george washington", "person")
    assert "Spain United Kingdom Germany Taiwan Mexico" not in found


def test_an_organisation_named_after_a_place_is_not_a_place() -> None:
    found = names("The New York Times and the Washington Post reported it on Monday.")
    assert found["New York Times"][1] == "org"
    assert found["Washington Post"][1] == "org"


def test_a_file_path_component_is_not_a_name() -> None:
    text = "The listing holds usr/src/ucbcmd/troff.d/README and sys/PI/conf.h, says Kirk McKusick."
    found = names(text)
    assert "README" not in found and "PI" not in found
    assert found["Kirk McKusick"] == ("kirk mckusick", "person")
