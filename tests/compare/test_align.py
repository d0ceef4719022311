"""Sentence alignment: what survives translation holds sentences together."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from factcheck.compare.align import align_sentences, split_sentences
from factcheck.compare.side import Side
from tests.compare.helpers import doc, fact, mentions

EN = (
    "Northwind Steel will supply the Harbour Bridge for 12 million euros.\n\n"
    "The contract was signed on 3 March 2025.\n\n"
    "Engineer Tomas Berg expects 250 workers on site.\n\n"
    "The first girders arrive in spring.\n\n"
    "Mayor Maria Santos called it a good day for Riverton."
)
ES = (
    "Northwind Steel suministrará el Harbour Bridge por 12 millones de euros.\n\n"
    "El contrato se firmó el 5 de marzo de 2025.\n\n"
    "El ingeniero Tomas Berg espera 250 obreros en la obra.\n\n"
    "Las primeras vigas llegan en primavera.\n\n"
    "La alcaldesa Maria Santos habló de un buen día para Riverton."
)


def _sides():
    en, es = doc(EN), doc(ES, language="es")
    en_facts = [
        fact(en, "number", "12 million euros", value=12e6, unit="EUR"),
        fact(en, "date", "3 March 2025", value="2025-03-03"),
        fact(en, "number", "250", value=250.0),
        *mentions(en, "Tomas Berg", "person"),
    ]
    es_facts = [
        fact(es, "number", "12 millones de euros", value=12e6, unit="EUR"),
        fact(es, "date", "5 de marzo de 2025", value="2025-03-05"),
        fact(es, "number", "250", value=250.0),
        *mentions(es, "Tomas Berg", "person"),
    ]
    return Side.of("reference", en, en_facts), Side.of("candidate", es, es_facts)


def test_sentences_split_at_paragraphs_and_final_punctuation_with_true_offsets():
    text = 'He said: "Go." Then he left.\n\nA new paragraph'
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ['He said: "Go."', "Then he left.", "A new paragraph"]


def test_a_full_stop_before_a_lower_case_word_ends_an_abbreviation_not_a_sentence():
    text = (
        "The plane left at 9:45 a.m. local time. It holds 19 percent of the U.S. music market."
        "\n\nit starts a paragraph."
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "The plane left at 9:45 a.m. local time.",
        "It holds 19 percent of the U.S. music market.",
        "it starts a paragraph.",
    ]


def test_a_title_a_number_sign_and_an_initial_do_not_end_a_sentence():
    text = (
        "Greeted by Mr. Lee, the No. 2 carrier named Timothy D. Cook chief. He lives in the U.S. "
        "The Sra. Ruiz and dhr. Jansen came too."
    )
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Greeted by Mr. Lee, the No. 2 carrier named Timothy D. Cook chief.",
        "He lives in the U.S.",
        "The Sra. Ruiz and dhr. Jansen came too.",
    ]


def test_a_translation_aligns_sentence_for_sentence():
    ref, cand = _sides()
    alignment = align_sentences(ref, cand)
    assert {i: j for i, (j, _) in alignment.pairs.items()} == {0: 0, 1: 1, 2: 2, 3: 3, 4: 4}
    # The changed date left its sentence nothing to anchor on: its neighbours hold it in place.
    assert alignment.pairs[1][1] == "sandwiched"
    assert alignment.pairs[0][1] == alignment.pairs[2][1] == "anchored"


def test_partner_finds_the_aligned_sentence_of_an_offset():
    ref, cand = _sides()
    alignment = align_sentences(ref, cand)
    found = alignment.partner(EN.index("3 March"))
    assert found is not None
    _, candidate_sentence, _ = found
    assert "5 de marzo" in ES[candidate_sentence.start : candidate_sentence.end]


def test_unrelated_sentences_are_not_aligned():
    ref = Side.of("reference", doc("The river rose overnight. Schools closed early."), [])
    cand = Side.of("candidate", doc("Prices fell in March. Markets were calm."), [])
    assert align_sentences(ref, cand).pairs == {}


def _titles() -> dict[str, list[str]]:
    data = resources.files("factcheck.compare").joinpath("data/abbreviations.json")
    titles: dict[str, list[str]] = json.loads(data.read_text(encoding="utf-8"))["titles"]
    return titles


@pytest.mark.parametrize("language", sorted(_titles()))
def test_every_language_s_titles_are_read(language: str) -> None:
    for title in _titles()[language]:
        text = f"Then {title.capitalize()}. Santos spoke."
        assert split_sentences(text) == [(0, len(text))], title
