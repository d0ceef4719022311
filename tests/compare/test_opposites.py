"""A sentence retold with one word replaced by its opposite: "exports rose" / "exports fell"."""

from __future__ import annotations

import pytest

from factcheck.compare.claims import claim_findings
from factcheck.compare.opposites import known, opposite
from factcheck.compare.side import Side
from factcheck.extract.rules import extract
from tests.compare.helpers import doc

REFERENCE = (
    "Fishing exports from the Kessel islands rose sharply in the spring season, the trade "
    "office said. Officials ordered a controlled burn of the spilled resin near the harbour. "
    "The council approved the ferry timetable for the winter months."
)


def _claims(candidate: str, reference: str = REFERENCE, language: str = "en") -> list:
    ref, cand = doc(reference, language), doc(candidate, language)
    return claim_findings(
        Side.of("reference", ref, extract(ref)), Side.of("candidate", cand, extract(cand))
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("exports from the Kessel islands rose", "exports from the Kessel islands fell"),
        ("a controlled burn", "an uncontrolled burn"),
        ("council approved the ferry", "council rejected the ferry"),
    ],
)
def test_a_word_replaced_by_its_opposite_is_a_contradicted_claim(before, after):
    (found,) = _claims(REFERENCE.replace(before, after))
    assert (found.kind, found.severity) == ("contradicted_claim", "medium")
    assert found.candidate.text in after.split() and found.reference.text in before.split()
    assert "opposite" in found.message


def test_a_summary_that_condenses_the_sentence_is_still_read():
    summary = "The trade office said fishing exports fell sharply in the spring season."
    (found,) = _claims(summary)
    assert (found.reference.text, found.candidate.text) == ("rose", "fell")


def test_two_opposites_trading_places_are_not_a_contradiction():
    reference = "Prices of bread rose in the northern towns while wages fell over the same months."
    retold = "Wages fell in the northern towns while prices of bread rose over the same months."
    assert _claims(retold, reference=reference) == []


def test_a_sentence_that_still_says_the_meaning_in_another_word_is_not_flagged():
    reference = "Staff were told to remove the messaging app from their phones within a month."
    retold = "Staff were told to delete the messaging app from phones with work apps installed."
    assert _claims(retold, reference=reference) == []


def test_opposite_words_in_two_different_phrases_are_not_one_fact_retold():
    reference = "Prosecutors charged the former finance chief Arlo Venn for illegally hiring her."
    retold = "Months earlier the board fired her and the former finance chief Arlo Venn."
    assert _claims(retold, reference=reference) == []


def test_synonyms_are_not_opposites_and_unlisted_languages_have_none():
    assert opposite(["banning"], ["prohibiting"], ["banning"], ["prohibiting"], "en") is None
    assert opposite(["legal"], ["illegal"], [], [], "en") == ("legal", "illegal")
    assert opposite(["valuable"], ["invaluable"], [], [], "en") is None  # not "without value"
    assert known("en") and not known("fi")
    assert opposite(["nousi"], ["laski"], [], [], "fi") is None
