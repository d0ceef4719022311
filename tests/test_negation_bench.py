"""The translation benchmark's negation edit (benchmarks/negation.py), on sentences written here."""

from __future__ import annotations

import pytest

from benchmarks import negation


@pytest.mark.parametrize(
    ("lang", "inner", "negated"),
    [
        # Before the finite verb in Spanish and Italian; after it in English and Dutch.
        ("es", "La decisión es muy buena para todos", "La decisión no es muy buena para todos"),
        (
            "it",
            "Questa scelta è una vittoria per tutti",
            "Questa scelta non è una vittoria per tutti",
        ),
        ("nl", "De tanker is onze eerste prioriteit", "De tanker is niet onze eerste prioriteit"),
        ("en", "The tanker is our first priority", "The tanker is not our first priority"),
    ],
)
def test_the_negation_goes_where_the_language_puts_it(lang: str, inner: str, negated: str):
    assert negation.negated_quote(inner, lang) == negated


@pytest.mark.parametrize(
    ("lang", "inner", "negated"),
    [
        ("es", "Hemos reducido el esfuerzo de diseño", "No hemos reducido el esfuerzo de diseño"),
        # A sentence start inside the quote takes the capital too ("non Ha ammesso" was wrong).
        (
            "it",
            "Grazie a tutti. Ha ammesso che erano in ritardo",
            "Grazie a tutti. Non ha ammesso che erano in ritardo",
        ),
        ("es", "Gracias. Es un gran día para todos", "Gracias. No es un gran día para todos"),
    ],
)
def test_a_negation_opening_a_sentence_takes_its_capital(lang: str, inner: str, negated: str):
    assert negation.negated_quote(inner, lang) == negated


@pytest.mark.parametrize(
    ("lang", "inner", "negated"),
    [
        ("it", "I tecnici ci hanno aiutato molto", "I tecnici non ci hanno aiutato molto"),
        ("it", "Se ne sono andati tutti ieri", "Non se ne sono andati tutti ieri"),
        ("it", "Il motore c'è ancora in magazzino", "Il motore non c'è ancora in magazzino"),
        ("es", "El director lo sabe desde ayer", "El director no lo sabe desde ayer"),
        ("es", "Se lo ha dicho a todos", "No se lo ha dicho a todos"),
    ],
)
def test_the_negation_goes_ahead_of_clitic_pronouns(lang: str, inner: str, negated: str):
    assert negation.negated_quote(inner, lang) == negated


@pytest.mark.parametrize(
    ("lang", "inner"),
    [
        ("it", "una delle sette meraviglie del mondo"),
        ("it", "[Il volo di prova] e la sua lunga preparazione"),
        ("es", "el agarre de la muerte total"),
        ("nl", "een vloot van wereldklasse voor iedereen"),
        ("en", "a fleet of world class for everyone"),
    ],
)
def test_a_quote_without_a_finite_verb_is_not_negated(lang: str, inner: str):
    # A noun phrase with a negation put into it is garbled, not the opposite statement.
    assert negation.negated_quote(inner, lang) is None


@pytest.mark.parametrize(
    ("lang", "inner", "negated"),
    [
        # A verb negated already is passed over for the next one.
        (
            "es",
            "No tenemos dinero y es un problema",
            "No tenemos dinero y no es un problema",
        ),
        ("it", "Non abbiamo fondi e questo è grave", "Non abbiamo fondi e questo non è grave"),
        ("nl", "We hebben geen geld en dat is erg", "We hebben geen geld en dat is niet erg"),
        (
            "en",
            "We have not got money and that is bad",
            "We have not got money and that is not bad",
        ),
    ],
)
def test_a_verb_already_negated_is_passed_over(lang: str, inner: str, negated: str):
    assert negation.negated_quote(inner, lang) == negated


@pytest.mark.parametrize(
    ("inner", "negated"),
    [
        # A subordinate clause puts its finite verb last, and the negation before it.
        (
            "Wij vrezen dat het de toekomst van laptops is",
            "Wij vrezen dat het de toekomst van laptops niet is",
        ),
        # A main clause keeps the negation after its verb, before a clause that follows.
        (
            "Wij denken dat het de toekomst van laptops is",
            "Wij denken niet dat het de toekomst van laptops is",
        ),
        (
            "de vertragingen teleurstellend zijn, zei hij gisteren",
            "de vertragingen teleurstellend niet zijn, zei hij gisteren",
        ),
        # Weak pronouns stand between the verb and the negation.
        ("Ik ben er heel trots op", "Ik ben er niet heel trots op"),
        # "zijn" before a noun after a verb is a possessive; the verb comes later.
        (
            "Airbus voerde zijn eerste vlucht uit en is klaar",
            "Airbus voerde zijn eerste vlucht uit en is niet klaar",
        ),
        ("De reacties zijn enorm groot", "De reacties zijn niet enorm groot"),
    ],
)
def test_dutch_word_order(inner: str, negated: str):
    assert negation.negated_quote(inner, "nl") == negated


@pytest.mark.parametrize(
    ("lang", "inner", "negated"),
    [
        # "finché non" / "hasta que no" negate nothing: the verb of the main clause is taken.
        (
            "it",
            "Finché il divieto resta in vigore, è meglio aspettare",
            "Finché il divieto resta in vigore, non è meglio aspettare",
        ),
        (
            "es",
            "Hasta que se fue, era feliz con todos",
            "Hasta que se fue, no era feliz con todos",
        ),
    ],
)
def test_a_clause_whose_negation_negates_nothing_is_passed_over(lang, inner, negated):
    assert negation.negated_quote(inner, lang) == negated


def test_short_quotes_and_unknown_languages_are_not_negated():
    assert negation.negated_quote("es muy bueno", "es") is None
    assert negation.negated_quote("Bu karar herkes için iyidir", "tr") is None
