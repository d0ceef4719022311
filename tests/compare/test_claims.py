"""Sentences copied from the reference with a name swapped or a negation flipped."""

from __future__ import annotations

from factcheck.compare.claims import claim_findings
from factcheck.compare.side import Side
from factcheck.extract.rules import extract
from tests.compare.helpers import doc

REFERENCE = (
    "Harbour workers in Velsen blocked the northern gate of the Ostrander terminal on Tuesday. "
    "The port authority approved the new shift rota after a long meeting with the union. "
    "Trucks waited for hours on the coast road."
)


def _claims(candidate: str, language: str = "en", reference: str = REFERENCE) -> list:
    ref, cand = doc(reference), doc(candidate, language)
    return claim_findings(
        Side.of("reference", ref, extract(ref)), Side.of("candidate", cand, extract(cand))
    )


def test_a_copied_sentence_with_one_place_swapped_for_another_is_a_contradicted_claim():
    (found,) = _claims(REFERENCE.replace("workers in Velsen", "workers in Dorlund"))
    assert (found.kind, found.severity) == ("contradicted_claim", "medium")
    assert (found.reference.text, found.candidate.text) == ("Velsen", "Dorlund")
    assert "“Dorlund”" in found.message and "“Velsen”" in found.message


def test_a_negation_added_to_a_copied_sentence_is_a_contradicted_claim():
    (found,) = _claims(REFERENCE.replace("authority approved", "authority did not approve"))
    assert (found.kind, found.severity) == ("contradicted_claim", "medium")
    assert "not" in found.candidate.text.split()
    assert "negated" in found.message


def test_a_negation_dropped_is_found_from_the_other_side_too():
    negated = REFERENCE.replace("authority approved", "authority never approved")
    (found,) = _claims(REFERENCE, reference=negated)
    assert "never" in found.reference.text


def test_paraphrase_of_common_words_is_not_a_claim():
    retold = (
        "Dock workers in Velsen blockaded the north gate of the Ostrander terminal on Tuesday. "
        "The harbour authority accepted the new shift schedule following a lengthy meeting with "
        "the union."
    )
    assert _claims(retold) == []


def test_a_name_spelt_another_way_or_spelt_out_is_not_swapped():
    assert _claims(REFERENCE.replace("Ostrander", "Oostrander")) == []
    reference = "The EC told its staff on Monday to remove the app from every work phone they use."
    spelt_out = "The European Commission told its staff on Monday to remove the app from every work phone they use."
    assert _claims(spelt_out, reference=reference) == []


def test_words_inside_a_quote_are_left_to_the_quote_findings():
    reference = 'The mayor said: "We will not close the northern gate of the Ostrander terminal."'
    retold = 'The mayor said: "We will close the northern gate of the Ostrander terminal."'
    assert _claims(retold, reference=reference) == []


def test_an_independent_report_in_another_language_is_not_compared_word_for_word():
    swapped = REFERENCE.replace("workers in Velsen", "workers in Dorlund")
    assert _claims(swapped, language="nl") == []


def test_a_retold_sentence_with_its_place_replaced_is_a_contradicted_claim():
    # Not a copy (the sentence was turned around), but the place stands by the same words
    # ("terminal") and neither article names the other.
    (found,) = _claims(
        "The Marsk terminal's northern gate was blocked by harbour workers from Velsen on Tuesday."
    )
    assert (found.kind, found.severity) == ("contradicted_claim", "medium")
    assert (found.reference.text, found.candidate.text) == ("Ostrander", "Marsk")


def test_a_retold_sentence_that_adds_a_name_elsewhere_is_no_swap():
    # "Marsk" comes with more told, in another phrase than "Ostrander": an added detail.
    assert (
        _claims(
            "Harbour workers in Velsen blocked the northern gate on Tuesday, said Marsk, who drove"
            " one of the trucks."
        )
        == []
    )
    # and a name spelt another way in the same sentence is the same name
    assert _claims(REFERENCE.replace("Ostrander terminal", "Ostrande terminal")) == []
