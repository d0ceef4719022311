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


# A negation in a complement clause, each language's way ("we think it is not ...").
COMPLEMENT = {
    "es": ("Creemos que es el futuro de la empresa.", "Creemos que no es el futuro de la empresa."),
    "it": (
        "Crediamo che sia il futuro dell'azienda.",
        "Crediamo che non sia il futuro dell'azienda.",
    ),
    "nl": ("Wij denken dat het de toekomst is.", "Wij denken dat het niet de toekomst is."),
    "fr": ("Nous pensons que c'est l'avenir.", "Nous pensons que ce n'est pas l'avenir."),
    "de": ("Wir glauben, dass es die Zukunft ist.", "Wir glauben, dass es nicht die Zukunft ist."),
}


@pytest.mark.parametrize("language", sorted(COMPLEMENT))
def test_a_negation_in_a_complement_clause_is_the_opposite(language: str):
    plain, negated = COMPLEMENT[language]
    english = "We think it is the future of the company."
    assert not opposite(english, "en", plain, language)
    assert opposite(english, "en", negated, language)


# A word of negative meaning that a translation renders with a negation, per language: the
# quote without a negation word holds it, so the two say the same.
IMPLICIT = {
    "es": ("Es una flota sin igual en el mundo.", "Is a fleet that has no equal in the world."),
    "it": (
        "Resteremo finché il divieto non sarà tolto.",
        "We stay as long as the ban is not lifted.",
    ),
    "nl": ("Het is een vloot zonder weerga.", "It is a fleet that has no equal."),
    "fr": (
        "Nous resterons jusqu'à la fin de la grève.",
        "We stay as long as the strike is not over.",
    ),
    "de": ("Das ist ohne Beispiel in der Branche.", "That has no precedent in the industry."),
}


@pytest.mark.parametrize("language", sorted(IMPLICIT))
def test_a_word_of_negative_meaning_rendered_with_a_negation_is_not_the_opposite(language: str):
    plain, english = IMPLICIT[language]
    assert not opposite(english, "en", plain, language)
    assert not opposite(plain, language, english, "en")


def test_english_words_of_negative_meaning_are_read_and_look_alikes_are_not():
    fleet = "a fleet that is unparalleled in the industry"
    assert not opposite(fleet, "en", "una flota que no tiene par en la industria", "es")
    assert not opposite(
        "a way that should remove the potential of disagreements",
        "en",
        "de manera que no haya posibilidad de desacuerdos",
        "es",
    )
    # "under" and "united" start like "un-" words but mean nothing negative.
    assert opposite(
        "The united board is under pressure.",
        "en",
        "La junta unida no está bajo presión.",
        "es",
    )


def test_a_sentence_negated_twice_where_its_translation_negates_once_is_the_opposite():
    assert opposite(
        "It is better we do not buy aircraft.", "en", "Non è meglio non comprare aerei.", "it"
    )
    # Concord words agree with the negation before them: "no ... nada" negates once.
    assert not opposite("He said nothing.", "en", "No dijo nada.", "es")
    assert not opposite("Il n'a rien dit.", "fr", "Er hat nichts gesagt.", "de")


# Around an interjection ("No, Sir"), translations move negations about: such a sentence counts
# only when negated on one side alone.
INTERJECTION = {
    "es": (
        "No, señor, no hable. Admite que no estaban cualificados.",
        "No, señor, olvídelo. Admite que estaban cualificados.",
    ),
    "it": (
        "No, signore, non ne parli. Ammette che non erano qualificati.",
        "No, signore, lo dimentichi. Ammette che erano qualificati.",
    ),
    "nl": (
        "Nee, meneer, praat er niet over. Hij geeft toe dat ze niet bekwaam waren.",
        "Nee, meneer, vergeet het. Hij geeft toe dat ze bekwaam waren.",
    ),
    "de": (
        "Nein, mein Herr, reden Sie nicht darüber. Er gibt zu, dass sie nicht qualifiziert waren.",
        "Nein, mein Herr, vergessen Sie es. Er gibt zu, dass sie qualifiziert waren.",
    ),
}


@pytest.mark.parametrize("language", sorted(INTERJECTION))
def test_a_sentence_with_an_interjection_counts_only_when_negated_on_one_side_alone(
    language: str,
):
    english = "No, Sir, forget it. He admits they were not qualified."
    faithful, changed = INTERJECTION[language]
    assert not opposite(english, "en", faithful, language)
    assert opposite(english, "en", changed, language)


# A negation added to a sentence of a longer quote that already negates once.
TWICE = {
    "es": (
        "No tenemos dinero. Admite que no estaban cualificados.",
        "No tenemos dinero. No admite que no estaban cualificados.",
    ),
    "it": (
        "Non abbiamo soldi. Ha ammesso che non erano qualificati.",
        "Non abbiamo soldi. Non ha ammesso che non erano qualificati.",
    ),
    "nl": (
        "We hebben geen geld. Hij geeft toe dat ze niet bekwaam waren.",
        "We hebben geen geld. Hij geeft niet toe dat ze niet bekwaam waren.",
    ),
    "de": (
        "Wir haben kein Geld. Er gibt zu, dass sie nicht qualifiziert waren.",
        "Wir haben kein Geld. Er gibt nicht zu, dass sie nicht qualifiziert waren.",
    ),
}


@pytest.mark.parametrize("language", sorted(TWICE))
def test_a_second_negation_in_a_sentence_of_a_longer_quote_is_the_opposite(language: str):
    english = "We have no money. He admits they were not qualified."
    faithful, changed = TWICE[language]
    assert not opposite(english, "en", faithful, language)
    assert opposite(english, "en", changed, language)


# "Not only X but Y" states X: no negation, in any language.
NOT_ONLY = {
    "en": "It is not only cheap, it is light.",
    "es": "No solo es barato, también es ligero.",
    "it": "Non solo è economico, è anche leggero.",
    "nl": "Het is niet alleen goedkoop, het is ook licht.",
    "de": "Es ist nicht nur billig, es ist auch leicht.",
}


@pytest.mark.parametrize("language", sorted(NOT_ONLY))
def test_not_only_is_no_negation(language: str):
    assert negations(NOT_ONLY[language], language) == 0
    assert negations(NOT_ONLY[language], language, heads=True) == 0
    # A translation that drops the construction says the same.
    plain = "It is cheap and it is also light."
    assert not opposite(plain, "en", NOT_ONLY[language], language)
    assert not opposite(NOT_ONLY[language], language, plain, "en")


def test_a_negation_beside_not_only_is_still_read():
    assert negations("Non solo non è economico, è anche pesante.", "it", heads=True) == 1
    assert opposite("It is not only cheap, it is light.", "en", "Non solo non è economico.", "it")


# A ban the translation states with a negation ("may not buy"), per language's ban noun.
BAN = {
    "it": "Le compagnie rispettano il divieto di acquisto in Europa.",
    "es": "Las aerolíneas respetan la prohibición de compra en Europa.",
    "nl": "De maatschappijen respecteren het verbod op aankopen in Europa.",
    "de": "Die Gesellschaften respektieren das Verbot von Käufen in Europa.",
}


@pytest.mark.parametrize("language", sorted(BAN))
def test_a_ban_rendered_with_a_negation_is_not_the_opposite(language: str):
    english = "Airlines may not buy aircraft in Europe."
    assert not opposite(english, "en", BAN[language], language)


def test_a_word_of_negative_meaning_accounts_for_one_negation_only():
    english = "Funding is rare, and the spokesman said the move was unprecedented."
    # The translation renders "unprecedented" with a negation: the same statement.
    dutch = "Financiering is zeldzaam; de woordvoerder zei dat dit niet eerder was voorgekomen."
    assert not opposite(english, "en", dutch, "nl")
    # A second negation is more than "unprecedented" accounts for.
    negated = "Financiering is niet zeldzaam; de woordvoerder zei dat dit niet eerder gebeurde."
    assert opposite(english, "en", negated, "nl")


@pytest.mark.parametrize(
    ("language", "text", "heads"),
    [
        ("it", "Lavoreremo finché il progetto non sarà finito.", 0),
        ("it", "Finché il divieto resta, non compreremo aerei.", 1),  # the clause ended
        ("fr", "Nous attendrons avant qu'il ne parte.", 0),
        ("fr", "Nous partirons avant midi, il ne reste rien.", 1),
        ("es", "Esperaremos hasta que no llegue el tren.", 0),
    ],
)
def test_an_expletive_negation_negates_nothing(language: str, text: str, heads: int):
    # "finché non", "avant qu'il ne", "hasta que no": the negation only marks the clause.
    assert negations(text, language) >= 1
    assert negations(text, language, heads=True) == heads


# A negation word that means "ever" negates nothing.
EVER = {
    "it": ("Se mai dovesse succedere, partiremo subito.", "Non l'ho mai visto."),
    "es": ("Ahora más que nunca necesitamos ayuda.", "Nunca necesitamos ayuda."),
    "fr": ("Nous sommes plus que jamais unis.", "Nous ne sommes jamais unis."),
    "pt": ("Agora, mais do que nunca, precisamos de ajuda.", "Nunca precisamos de ajuda."),
}


@pytest.mark.parametrize("language", sorted(EVER))
def test_a_negation_word_that_means_ever_negates_nothing(language: str):
    ever, never = EVER[language]
    assert negations(ever, language, heads=True) == 0
    assert negations(never, language, heads=True) == 1


# A stop inside a word ("C.E.O.,", "3.5") does not end a sentence: the quote is still read
# sentence for sentence, and a word of negative meaning in the next sentence ("Unfortunately")
# does not excuse a negation added to this one.
ABBREVIATION = {
    "it": (
        "Ho sempre detto che come CEO non potevo più restare. Purtroppo, quel giorno è arrivato.",
        "Non ho sempre detto che come CEO non potevo più restare. Purtroppo, quel giorno è "
        "arrivato.",
    ),
    "es": (
        "Siempre he dicho que como CEO ya no podía seguir. Por desgracia, ese día ha llegado.",
        "No siempre he dicho que como CEO ya no podía seguir. Por desgracia, ese día ha llegado.",
    ),
    "nl": (
        "Ik heb altijd gezegd dat ik als CEO niet meer kon blijven. Helaas is die dag gekomen.",
        "Ik heb niet altijd gezegd dat ik als CEO niet meer kon blijven. Helaas is die dag "
        "gekomen.",
    ),
    "de": (
        "Ich habe immer gesagt, dass ich als CEO nicht mehr bleiben könnte. Leider ist dieser "
        "Tag gekommen.",
        "Ich habe nicht immer gesagt, dass ich als CEO nicht mehr bleiben könnte. Leider ist "
        "dieser Tag gekommen.",
    ),
}


@pytest.mark.parametrize("language", sorted(ABBREVIATION))
def test_a_stop_inside_a_word_does_not_end_the_sentence(language: str):
    english = "I always said that as C.E.O., I could no longer stay. Unfortunately, that day came."
    faithful, changed = ABBREVIATION[language]
    assert not opposite(english, "en", faithful, language)
    assert opposite(english, "en", changed, language)
