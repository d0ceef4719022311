"""Translated quotes read against what the reference states without quotation marks, and
quotes paired in order between aligned sentences (real extractor, short texts)."""

from __future__ import annotations

import pytest

from factcheck.compare.engine import compare
from factcheck.extract.rules import extract
from factcheck.models import Document


def doc(text: str, language: str) -> Document:
    return Document(path="a.txt", text=text, sha256="0" * 64, language=language)


def serious(reference: Document, candidate: Document) -> list[tuple[str, str]]:
    result = compare(reference, extract(reference), candidate, extract(candidate))
    return [(d.kind, d.severity) for d in result.discrepancies if d.severity != "low"]


ENGLISH = (
    "Apple introduced a new iPod on Wednesday 12 October 2005 in Cupertino.\n\n"
    "Steve Jobs presented it to 2,000 guests.\n\n"
    "The new iPod comes in a 30GB edition for US$299.\n\n"
    "On the 30GB iPod, 75 hours of video can be stored at a resolution of 320x240.\n\n"
    "Steve Jobs said the screen was large enough.\n\n"
    "Tim Cook expects 5 million sales in Europe."
)
# A translator put the fourth sentence in quotation marks; {verb} is where it is negated.
RETOLD = {
    "nl": (
        "Apple introduceerde woensdag 12 oktober 2005 een nieuwe iPod in Cupertino.\n\n"
        "Steve Jobs presenteerde hem aan 2.000 gasten.\n\n"
        "De nieuwe iPod heeft een capaciteit van 30 GB en kost US $299.\n\n"
        '"Op de iPod van 30 GB {verb} 75 uur aan videobeelden worden opgeslagen bij een resolutie'
        ' van 320x240."\n\n'
        "Steve Jobs zei dat het scherm groot genoeg was.\n\n"
        "Tim Cook verwacht 5 miljoen verkopen in Europa.",
        ("kan", "kan niet"),
    ),
    "es": (
        "Apple presentó el miércoles 12 de octubre de 2005 un nuevo iPod en Cupertino.\n\n"
        "Steve Jobs lo presentó ante 2.000 invitados.\n\n"
        "El nuevo iPod tiene una versión de 30GB por 299 US$.\n\n"
        '"En el iPod de 30GB {verb} almacenar 75 horas de vídeo con una resolución de'
        ' 320x240."\n\n'
        "Steve Jobs dijo que la pantalla era suficientemente grande.\n\n"
        "Tim Cook espera 5 millones de ventas en Europa.",
        ("se pueden", "no se pueden"),
    ),
    "it": (
        "Apple ha presentato mercoledì 12 ottobre 2005 un nuovo iPod a Cupertino.\n\n"
        "Steve Jobs lo ha presentato a 2.000 ospiti.\n\n"
        "Il nuovo iPod ha una versione da 30GB a 299 US$.\n\n"
        "\"Sull'iPod da 30GB {verb} memorizzare 75 ore di video con una risoluzione di"
        ' 320x240."\n\n'
        "Steve Jobs ha detto che lo schermo era abbastanza grande.\n\n"
        "Tim Cook prevede 5 milioni di vendite in Europa.",
        ("si possono", "non si possono"),
    ),
}


@pytest.mark.parametrize("language", sorted(RETOLD))
def test_a_quote_of_an_unquoted_reference_sentence_that_negates_it_is_altered(language: str):
    text, (plain, negated) = RETOLD[language]
    reference = doc(ENGLISH, "en")
    assert serious(reference, doc(text.format(verb=plain), language)) == []
    found = compare(
        reference,
        extract(reference),
        (candidate := doc(text.format(verb=negated), language)),
        extract(candidate),
    )
    altered = [d for d in found.discrepancies if d.kind == "altered_quote"]
    assert [d.severity for d in altered] == ["high"]
    assert altered[0].reference is not None
    assert altered[0].reference.text.startswith("On the 30GB iPod")
    assert altered[0].candidate is not None and negated in altered[0].candidate.text


OBAMA = (
    "Apple reported 42 million sales in 2010.\n\n"
    "Steve Jobs spoke in Cupertino on Monday.\n\n"
    "Tim Cook, the operations chief, answered questions from 300 reporters.\n\n"
    'Barack Obama said: "Steve was among the greatest of American innovators, brave enough to'
    ' think differently."\n\n'
    'Bill Gates said in 2011: "The world rarely sees someone who has had such a profound'
    ' impact."\n\n'
    "Microsoft sold 12 million copies in 2011."
)
# Not sentence for sentence (a sentence added at the start, one split in two), and the name
# beside the first quote is the one anchor of its sentence: only the quotes' order between
# aligned sentences pairs them.
OBAMA_ES = (
    "Es una noticia importante.\n\n"
    "Apple informó de 42 millones de ventas en 2010.\n\n"
    "Steve Jobs habló en Cupertino el lunes.\n\n"
    "Tim Cook es el jefe de operaciones.\n\n"
    "Respondió a las preguntas de 300 periodistas.\n\n"
    '{who} dijo: "Steve fue uno de los mayores innovadores estadounidenses, lo bastante valiente'
    ' para pensar diferente."\n\n'
    'Bill Gates dijo en 2011: "El mundo rara vez ve a alguien que haya tenido un impacto tan'
    ' profundo."\n\n'
    "Microsoft vendió 12 millones de copias en 2011."
)


def test_quotes_left_between_aligned_sentences_pair_in_order_so_a_swapped_speaker_is_found():
    reference = doc(OBAMA, "en")
    assert serious(reference, doc(OBAMA_ES.format(who="Barack Obama"), "es")) == []
    swapped = doc(OBAMA_ES.format(who="Tim Cook"), "es")
    result = compare(reference, extract(reference), swapped, extract(swapped))
    found = [d for d in result.discrepancies if d.kind == "misattributed_quote"]
    assert [d.severity for d in found] == ["high"]
    assert "Tim Cook" in found[0].message and "Barack Obama" in found[0].message


def test_independent_reports_sharing_one_sentence_do_not_pair_their_later_quotes():
    # Two reports in two languages share one sentence (names, a date), then each quotes a
    # different person: the article's end is no bound, so nothing pairs them.
    english = (
        "Spanish Prime Minister Pedro Sanchez extended the state of alarm in Madrid until 6 June,"
        " with 232,000 cases of coronavirus.\n\n"
        'In a rare admission, he said: "I wish to apologise to citizens for our own'
        ' mistakes in this crisis."'
    )
    german = (
        "Der spanische Ministerpräsident Pedro Sanchez verlängerte in Madrid den Alarmzustand bis"
        " zum 6. Juni, bei 232.000 Fällen.\n\nDer Rückgang sei „größer als in"
        " anderen Ländern wie etwa Italien“, sagte Gesundheitsminister Salvador Illa."
    )
    reference, candidate = doc(english, "en"), doc(german, "de")
    result = compare(reference, extract(reference), candidate, extract(candidate))
    assert [d for d in result.discrepancies if d.kind == "misattributed_quote"] == []


QUOTING = (
    "Apple introduced a new iPod on Wednesday 12 October 2005 in Cupertino.\n\n"
    "Steve Jobs presented it to 2,000 guests.\n\n"
    "The new iPod comes in a 30GB edition for US$299.\n\n"
    '"On the 30GB iPod, 75 hours of video can be stored at a resolution of 320x240."\n\n'
    "Steve Jobs said the screen was large enough.\n\n"
    "Tim Cook expects 5 million sales in Europe."
)
# The translation drops the quotation marks of the fourth paragraph; {verb} is negated or not.
PLAIN_NL = RETOLD["nl"][0].replace('"Op de iPod', "Op de iPod").replace('320x240."', "320x240.")


def test_a_reference_quote_carried_without_marks_is_not_missing_unless_negated():
    reference = doc(QUOTING, "en")
    plain = doc(PLAIN_NL.format(verb="kan"), "nl")
    result = compare(reference, extract(reference), plain, extract(plain))
    assert [d.kind for d in result.discrepancies if "quote" in d.kind] == []
    negated = doc(PLAIN_NL.format(verb="kan niet"), "nl")
    result = compare(reference, extract(reference), negated, extract(negated))
    altered = [d for d in result.discrepancies if d.kind == "altered_quote"]
    assert [d.severity for d in altered] == ["high"]
    assert altered[0].candidate is not None and "kan niet" in altered[0].candidate.text
    assert "without quotation marks" in altered[0].message
