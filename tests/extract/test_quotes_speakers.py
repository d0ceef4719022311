"""Who said a quote, the way newsrooms write it: honorifics, outlets, roles, back-references."""

from __future__ import annotations

import pytest

from factcheck.extract.rules.quotes import find_quotes
from factcheck.models import Document, Fact


def quotes(text: str, language: str | None = "en") -> list[Fact]:
    facts = find_quotes(Document(path="t.txt", text=text, sha256="0" * 64, language=language))
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
    return facts


def speakers(text: str, language: str | None = "en") -> list[str | None]:
    return [fact.speaker for fact in quotes(text, language)]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "en",
            '"We will rebuild," said Lt. Col. Robert Atkins, the base commander.',
            "Robert Atkins",
        ),
        ("en", '"Prices will fall," Rep. Tom Lantos said.', "Tom Lantos"),
        ("en", 'Nora Quist runs the depot.\n\n"It is over," Mr. Quist said.', "Nora Quist"),
        ("id", 'Ketua panitia, Pak Budi Santoso, mengatakan: "Semua siap."', "Budi Santoso"),
        ("id", '"Kami siap," kata Bu Sari Lestari.', "Sari Lestari"),
        ("fr", "« Nous tiendrons », a déclaré M. Jean Morel.", "Jean Morel"),
        ("fr", "« Rien n'est décidé », a dit Mme Claire Dubois.", "Claire Dubois"),
        ("ru", "«Завод откроется в мае», — сказал Карим Хаддад.", "Карим Хаддад"),
    ],
)
def test_honorifics_and_ranks_are_not_part_of_the_speaker(
    language: str, text: str, speaker: str
) -> None:
    assert speakers(text, language)[-1] == speaker


@pytest.mark.parametrize(
    "text",
    [
        # The agency reports the quote; the person before it said it.
        'As a senior ministry official told the Daily Yomiuri, "Aid buys support."',
        'The Daily Telegraph quotes Viktor Orlov as saying: "We have two choices."',
        '"We expect calm," Anna Berg told Reuters.',
        'Viktor Orlov spoke. "We need no new planes," Detik.com quoted Orlov as saying.',
    ],
)
def test_an_outlet_is_never_the_speaker_of_a_quote_it_reports(text: str) -> None:
    (speaker,) = speakers(text)
    assert speaker is not None
    assert not any(word in speaker for word in ("Yomiuri", "Telegraph", "Reuters", "Detik"))


def test_the_name_beside_a_role_after_the_quote_is_the_speaker() -> None:
    text = (
        '"We had to simplify some things," Jim Allchin, the vice president in charge of '
        'Windows, said in an interview. "We kept search," said the firm\'s chief, Ana Ruiz. '
        '"It was expected," organizer Miriam Tidwell told reporters.'
    )
    assert speakers(text) == ["Jim Allchin", "Ana Ruiz", "Miriam Tidwell"]


def test_he_points_to_the_person_shown_speaking_not_to_the_last_name() -> None:
    text = (
        "Coach John Bracewell said Franklin would have played and that Mills was picked.\n\n"
        '"We want a swing bowler," he said.\n\n'
        'Reid, 64, said he and the Democrats would push for health care. "We must raise the '
        'minimum wage," he said.'
    )
    assert speakers(text) == ["John Bracewell", "Reid"]


def test_he_after_an_according_to_phrase_is_that_source() -> None:
    text = (
        "Foreign Minister Ken Ota spoke on Monday. According to a senior strategist at Sony, "
        '"Japan is disappointed," he told the paper.'
    )
    (speaker,) = speakers(text)
    assert speaker is not None and "strategist" in speaker


@pytest.mark.parametrize(
    "text",
    [
        'He was sent to a psychiatrist for a "combat stress evaluation" the next day.',
        'Fans of the film "Lilo and Stitch" know him well, Disney said.',
        'Eagleburger told CNN\'s "Paula Zahn Now." on Monday.',
        'Lycos ended its campaign: "Make Love Not Spam." A company spokesperson said the '
        "campaign had raised awareness.",
    ],
)
def test_a_title_or_a_term_in_quotation_marks_has_no_speaker(text: str) -> None:
    assert speakers(text) == [None]


def test_a_role_speaks_on_within_its_paragraph() -> None:
    text = '"The plan ignores the study," a Senate aide said. "It decides the outcome."'
    assert speakers(text) == ["a Senate aide", "a Senate aide"]


def test_quote_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        'Bracewell added: "We want at least one swing bowler.\n\n'
        '"The pitch is already showing cracks."\n\n'
        "Lehmann passed a fitness test."
    )
    (fact,) = quotes(text)
    assert fact.speaker == "Bracewell"
    assert fact.value == "We want at least one swing bowler. The pitch is already showing cracks."


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        # A known place glued before the name: "the president of the United States Barack Obama".
        (
            "it",
            'Il presidente degli Stati Uniti Barack Obama ha dichiarato "Steve era unico".',
            "Barack Obama",
        ),
        (
            "es",
            'El presidente de los Estados Unidos Barack Obama ha expresado que "Steve fue único".',
            "Barack Obama",
        ),
        # A sentence that introduces the quote with a colon, its subject a person.
        (
            "it",
            'Nella lettera, Steve Jobs ha lasciato questo addio: "Grazie a tutti per gli anni insieme".',
            "Steve Jobs",
        ),
        ("es", '"Los próximos años serán emocionantes", confesaba Neil Aspinall.', "Neil Aspinall"),
        # The outlet reports; the name after "quotes the words of" speaks.
        ("it", '"Non servono aerei" Detik.com cita le parole di Jusuf Kalla.', "Jusuf Kalla"),
    ],
)
def test_translations_name_their_speakers_the_same_ways(
    language: str, text: str, speaker: str
) -> None:
    assert speakers(text, language) == [speaker]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Roche wrote several emails that year.\n\n"
            "Secretary of the Air Force James Roche: “No, Sir, save it and blow him away.”",
        ),
        (
            "es",
            "Roche escribió varios correos.\n\nEl secretario de la Fuerza Aérea James Roche:"
            " “No, señor, olvídelo y acabe con él de una vez.”",
        ),
        (
            "fr",
            "Roche a écrit plusieurs courriels.\n\nLe secrétaire de l’Armée de l’air James Roche :"
            " « Non, monsieur, oubliez-le et finissez-en avec lui. »",
        ),
        (
            "it",
            "Roche scrisse diverse email.\n\nIl segretario della Air Force James Roche:"
            " “No, signore, lasci perdere e lo spazzi via una volta per tutte.”",
        ),
        (
            "de",
            "Roche schrieb mehrere E-Mails.\n\nDer Staatssekretär der Air Force James Roche:"
            " „Nein, lassen Sie es und machen Sie ihn endgültig fertig.“",
        ),
        (
            "nl",
            "Roche schreef enkele e-mails.\n\nDe secretaris van de Air Force James Roche:"
            " “Nee, laat het maar en maak hem in één keer af.”",
        ),
    ],
)
def test_a_title_of_an_organisation_before_the_name_past_an_article_is_cut(
    language: str, text: str
):
    # "Secretary of the Air Force James Roche": the organisation after "of the" is not part of
    # the name when the surname stands alone elsewhere in the article.
    assert speakers(text, language) == ["James Roche"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            'Steve Jobs spoke in Cupertino.\n\nJobs said that "a very small percentage of users"'
            ' had problems, but dismissed an "Antennagate" and said the issue "has been blown so'
            ' out of proportion that it is incredible."',
        ),
        (
            "es",
            'Steve Jobs habló en Cupertino.\n\nJobs reconoció que "un porcentaje muy pequeño de'
            ' usuarios" tenía problemas, pero rechazó la existencia de un "Antennagate" y dijo'
            ' que el problema "ha explotado de manera tan desproporcionada que es increíble".',
        ),
        (
            "it",
            'Steve Jobs ha parlato a Cupertino.\n\nJobs ha ammesso che "una piccola percentuale'
            ' di utenti" aveva problemi, ma ha negato l\'esistenza di un "Antennagate" e ha detto'
            ' che il problema "è stato ingigantito a dismisura da risultare incredibile".',
        ),
        (
            "nl",
            'Steve Jobs sprak in Cupertino.\n\nJobs erkende dat "een zeer klein percentage'
            ' gebruikers" problemen had, maar ontkende het bestaan van een "Antennagate" en zei'
            ' dat het probleem "zo buiten proporties is opgeblazen dat het ongelooflijk is".',
        ),
        (
            "fr",
            "Steve Jobs a parlé à Cupertino.\n\nJobs a reconnu qu’« un très petit pourcentage"
            " d’utilisateurs » avait des problèmes, mais a nié l’existence d’un « Antennagate »"
            " et a dit que le problème « a été grossi au point d’en être incroyable ».",
        ),
        (
            "de",
            "Steve Jobs sprach in Cupertino.\n\nJobs sagte, dass „ein sehr kleiner Teil der"
            " Nutzer“ Probleme habe, bestritt aber ein „Antennagate“ und sagte, das Problem sei"
            " „so aufgebauscht worden, dass es unglaublich ist“.",
        ),
    ],
)
def test_a_term_in_marks_does_not_end_the_speakers_sentence(language: str, text: str):
    # The term ("Antennagate") is nobody's words; the quote after it, in the same sentence, is
    # still the speaker's.
    found = speakers(text, language)
    assert len(found) == 3
    assert found[0] == found[2] == "Steve Jobs"


def test_a_term_after_a_finished_quote_does_not_carry_its_speaker_on():
    text = (
        'Roche told Sambur, "I love it. Give it to them."\n\nA website quotes a "Senate aide" as'
        ' saying: "The House language ignores an analysis of alternatives."'
    )
    assert speakers(text)[-1] != "Roche"


@pytest.mark.parametrize(
    ("language", "text", "inside"),
    [
        ("fr", "Il a dit qu’« il n’y aura pas de grève cette année ».", "il n’y aura pas"),
        ("fr", "Il parle d’« une erreur technique grave ».", "une erreur technique grave"),
        ("it", "Ha parlato dell’« errore tecnico più grave dell’anno ».", "errore tecnico"),
    ],
)
def test_a_quotation_mark_after_an_elided_word_opens_the_quote(
    language: str, text: str, inside: str
):
    found = quotes(text, language)
    assert len(found) == 1
    assert str(found[0].value).startswith(inside)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "After the case closed Apple CEO Steve Jobs extended an invitation to the label,"
            ' "we have always loved the Beatles, and hopefully we can now work together on this."',
        ),
        (
            "es",
            "Al terminar el juicio, el consejero delegado de Apple Steve Jobs invitó a la"
            ' discográfica, "siempre nos han gustado los Beatles, y esperamos que podamos'
            ' trabajar juntos ahora."',
        ),
        (
            "it",
            'Alla fine del processo Steve Jobs ha invitato la casa discografica, "abbiamo sempre'
            ' amato i Beatles e speriamo ora di poter lavorare insieme su questo."',
        ),
        (
            "nl",
            'Na de zaak nodigde Steve Jobs het platenlabel uit, "we hebben altijd van de Beatles'
            ' gehouden en hopelijk kunnen we nu samenwerken."',
        ),
        (
            "fr",
            "Après le procès, Steve Jobs a invité la maison de disques, « nous avons toujours aimé"
            " les Beatles et nous espérons maintenant travailler ensemble. »",
        ),
        (
            "de",
            "Nach dem Prozess hat Steve Jobs die Plattenfirma eingeladen, „wir haben die Beatles"
            " immer geliebt und hoffen, jetzt gemeinsam daran zu arbeiten.“",
        ),
    ],
)
def test_a_long_quote_after_a_comma_belongs_to_the_sentences_named_subject(
    language: str, text: str
):
    assert speakers(text, language) == ["Steve Jobs"]


def test_a_short_quote_or_a_one_word_subject_after_a_comma_gets_no_speaker():
    assert speakers('The senator visited the plant, "a symbol of decline".') == [None]
    text = (
        'The Constitution reads, "The Emperor shall be the symbol of the state and of the unity'
        ' of the people."'
    )
    assert speakers(text) == [None]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", 'Nicki Dugan runs the site. She said it was getting "around 450 clicks a minute."'),
        ("es", 'Nicki Dugan dirige el sitio. Ella dijo que recibía "unos 450 clics por minuto".'),
        (
            "it",
            'Nicki Dugan gestisce il sito. Lei ha detto che riceveva "circa 450 clic al minuto".',
        ),
        ("de", "Nicki Dugan betreibt die Seite. Sie sagte, die Seite bekomme „etwa 450 Klicks“."),
        (
            "fr",
            "Nicki Dugan gère le site. Elle a dit qu’il recevait « environ 450 clics par minute ».",
        ),
        ("nl", 'Nicki Dugan beheert de site. Zij zei dat de site "ongeveer 450 klikken" kreeg.'),
    ],
)
def test_a_capitalised_pronoun_opening_the_sentence_points_back_and_is_no_name(
    language: str, text: str
):
    assert speakers(text, language) == ["Nicki Dugan"]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "it",
            'Norm Dicks ha a sua volta dichiarato di essere "sconvolto dalla decisione".',
            "Norm Dicks",
        ),
        (
            "fr",
            'Marie Dupont a pour sa part déclaré : "Nous sommes déçus par ce choix".',
            "Marie Dupont",
        ),
        (
            "es",
            'Ana Torres ha por su parte afirmado que "la decisión es un error grave".',
            "Ana Torres",
        ),
    ],
)
def test_an_adverbial_phrase_inside_the_reporting_verb_keeps_the_speaker(
    language: str, text: str, speaker: str
) -> None:
    assert speakers(text, language) == [speaker]
