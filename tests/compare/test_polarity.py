"""Negation across languages: the one change in a translated quote rules can read."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from factcheck.compare.polarity import known, negations, opposite

SAID = {
    "en": ("We will cut jobs.", "We will not cut jobs."),
    "fr": ("Nous allons supprimer des postes.", "Nous n'allons pas supprimer de postes."),
    "es": ("Vamos a recortar empleos.", "No vamos a recortar empleos."),
    "pt": ("Vamos cortar empregos.", "Não vamos cortar empregos."),
    "it": ("Taglieremo posti di lavoro.", "Non taglieremo posti di lavoro."),
    "nl": ("We gaan banen schrappen.", "We gaan geen banen schrappen."),
    "de": ("Wir werden Stellen streichen.", "Wir werden keine Stellen streichen."),
    "id": ("Kami akan memangkas pekerjaan.", "Kami tidak akan memangkas pekerjaan."),
    "ar": ("سنخفض الوظائف.", "لن نخفض الوظائف."),
}


def test_every_language_in_the_data_file_has_a_case_here():
    data = resources.files("factcheck.compare").joinpath("data/negation.json")
    languages = set(json.loads(data.read_text(encoding="utf-8"))["negations"])
    assert set(SAID) <= languages
    assert all(known(language) for language in SAID)


@pytest.mark.parametrize("language", sorted(SAID))
def test_a_negation_is_read_in_each_language(language: str):
    plain, negated = SAID[language]
    assert negations(plain, language) == 0
    assert negations(negated, language) >= 1
    assert opposite(SAID["en"][0], "en", negated, language)
    assert not opposite(SAID["en"][1], "en", negated, language)


def test_a_negation_in_a_subordinate_clause_alone_is_not_the_opposite():
    # "unparalleled" is rendered "que no tiene par": the meaning is kept.
    assert not opposite(
        "a fleet that is unparalleled in the industry",
        "en",
        "una flota que no tiene par en la industria",
        "es",
    )


def test_an_unknown_language_is_never_called_the_opposite():
    assert not opposite("We will cut jobs.", "en", "Biz işleri kesmeyeceğiz.", "xx")


def test_french_negation_is_read_from_ne_whatever_follows():
    # "ne ... plus" (no longer) negates as "ne ... pas" does; "n'" is elided before a vowel.
    assert negations("Nous ne voulons plus compter les dégâts.", "fr") >= 1
    assert negations("Je n'ai rien dit.", "fr") >= 1
    assert not opposite(
        "Kami tidak mau lagi menghitung kerugian.", "id", "Nous ne voulons plus compter.", "fr"
    )


def test_a_negation_added_to_one_sentence_of_a_quote_that_already_negates_is_found():
    english = "We will not cut jobs. The plant stays open."
    assert not opposite(english, "en", "No recortaremos empleos. La planta sigue abierta.", "es")
    assert opposite(english, "en", "No recortaremos empleos. La planta no sigue abierta.", "es")


def test_a_relative_word_opening_a_sentence_is_a_pronoun():
    assert opposite("That is an amazing thing.", "en", "Dat is niet een geweldig moment.", "nl")
