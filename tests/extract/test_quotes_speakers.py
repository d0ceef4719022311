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
