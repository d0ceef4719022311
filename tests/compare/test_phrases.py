"""One word changed inside a phrase both articles write, where the sentences do not align."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.compare.phrases import phrase_findings
from factcheck.compare.side import Side
from factcheck.extract.rules import extract
from tests.compare.helpers import doc

REFERENCE = (
    "The ferry company Nordvaer said its new route would open on Thursday after months of "
    "delays at the Halden yard. Engineers replaced the ramp twice before the inspectors "
    "signed off. The company expects rising demand for crossings to the islands, and seven "
    "crew members were hired for the summer timetable."
)


def _phrases(candidate: str, reference: str = REFERENCE, language: str = "en") -> list:
    ref, cand = doc(reference), doc(candidate, language)
    return phrase_findings(
        Side.of("reference", ref, extract(ref)), Side.of("candidate", cand, extract(cand)), []
    )


def test_a_weekday_changed_inside_a_shared_phrase_is_a_date_mismatch():
    summary = "Nordvaer, whose route would open on Monday after months of delays, is hiring."
    (found,) = _phrases(summary)
    assert (found.kind, found.severity) == ("date_mismatch", "medium")
    assert (found.reference.text, found.candidate.text) == ("Thursday", "Monday")
    assert "same phrase" in found.message and "weekdays" in found.message


def test_a_number_in_words_changed_inside_a_shared_phrase_is_a_number_mismatch():
    summary = "Nordvaer sails to the islands, and five crew members joined for the summer."
    (found,) = _phrases(summary)
    assert (found.kind, found.severity) == ("number_mismatch", "medium")
    assert (found.reference.text, found.candidate.text) == ("seven", "five")


def test_a_word_replaced_by_its_opposite_inside_a_shared_phrase_is_a_contradicted_claim():
    summary = "Nordvaer opened a route and expects falling demand for crossings this year."
    (found,) = _phrases(summary)
    assert (found.kind, found.severity) == ("contradicted_claim", "medium")
    assert (found.reference.text, found.candidate.text) == ("rising", "falling")


def test_one_same_word_on_one_side_is_not_a_phrase():
    # "Thursday" and "Monday" both follow "open", but nothing else around them matches
    assert _phrases("Nordvaer's bridge would open on Monday at noon for the first cars.") == []


def test_a_day_may_end_its_phrase_when_two_same_words_lead_to_it():
    (found,) = _phrases("Nordvaer says the new route would open on Monday.")
    assert (found.reference.text, found.candidate.text) == ("Thursday", "Monday")
    # a word and its opposite need the same words on both sides
    assert _phrases("The company expects falling passenger numbers.") == []


def test_figures_in_digits_are_left_to_the_figure_findings():
    reference = "The inspectors counted 14 cracked welds at the Halden yard on the ramp."
    assert _phrases("They counted 19 cracked welds at the Halden yard.", reference) == []


def test_synonyms_and_a_sentence_that_writes_both_words_are_not_reported():
    assert _phrases("The company expects growing demand for crossings to the islands.") == []
    both = "The company expects rising demand for crossings to the islands and falling fares."
    assert _phrases(both) == []


def test_another_language_is_not_read_word_for_word():
    assert _phrases("La compañía espera una demanda en descenso de cruces.", language="es") == []


def test_a_change_another_finding_reports_is_not_reported_twice():
    ref, cand = doc(REFERENCE), doc(REFERENCE.replace("seven crew", "five crew"))
    comparison = compare(ref, extract(ref), cand, extract(cand))
    on_five = [d for d in comparison.discrepancies if d.candidate and d.candidate.text == "five"]
    assert len(on_five) == 1


def test_a_brief_naming_someone_the_reference_never_names_is_medium():
    timetable = " ".join(
        f"Crossing {n} of the old timetable left the quay at {n + 6} o'clock with cars and "
        "bicycles on board."
        for n in range(10)
    )
    reference = f"{REFERENCE} {timetable}"
    brief = (
        "The ferry company Nordvaer said its new route would open on Thursday after delays at "
        "the Halden yard, according to harbour master Ilse Varnholt."
    )
    ref, cand = doc(reference), doc(brief)
    comparison = compare(ref, extract(ref), cand, extract(cand))
    added = [d for d in comparison.discrepancies if d.kind == "added_entity"]
    assert [(d.candidate.text, d.severity) for d in added] == [("Ilse Varnholt", "medium")]
    # the same name in passing in a retelling as long as the reference stays low
    retold = reference.replace("Engineers replaced", "Ilse Varnholt said engineers replaced")
    cand = doc(retold)
    comparison = compare(ref, extract(ref), cand, extract(cand))
    added = [d for d in comparison.discrepancies if d.kind == "added_entity"]
    assert [(d.candidate.text, d.severity) for d in added] == [("Ilse Varnholt", "low")]


def test_a_brief_placing_the_story_somewhere_the_reference_never_names_is_medium():
    reference = (
        REFERENCE
        + " "
        + " ".join(
            f"Crossing {n} left the quay in Norway at {n + 6} o'clock with cars on board."
            for n in range(10)
        )
    )
    brief = (
        "The ferry company Nordvaer said its new route to Iceland would open on Thursday "
        "after delays at the Halden yard."
    )
    ref, cand = doc(reference), doc(brief)
    comparison = compare(ref, extract(ref), cand, extract(cand))
    added = [(d.candidate.text, d.severity) for d in comparison.discrepancies if d.candidate]
    assert ("Iceland", "medium") in added
    # a place the brief leaves out is no finding: a retelling names the places it needs
    assert not any(d.kind == "missing_entity" for d in comparison.discrepancies)


def _brief_findings(brief: str) -> list[tuple[str, str, str]]:
    timetable = " ".join(
        f"Crossing {n} left the quay in Norway at {n + 6} o'clock with cars on board."
        for n in range(10)
    )
    ref, cand = doc(f"{REFERENCE} {timetable}"), doc(brief)
    comparison = compare(ref, extract(ref), cand, extract(cand))
    return [
        (d.kind, d.candidate.text, d.severity)
        for d in comparison.discrepancies
        if d.candidate and d.kind.startswith("added")
    ]


def test_a_brief_adds_no_background_a_date_or_a_name_it_adds_is_medium():
    found = _brief_findings(
        "The ferry company Nordvaer said its new route to Tromsvik would open on Thursday after "
        "delays at the Halden yard, as Swedish welders watched. Tickets went on sale on "
        "4 June 2026."
    )
    assert ("added_date", "4 June 2026", "medium") in found
    assert ("added_entity", "Swedish", "medium") in found  # a people, made from "Sweden"
    # a name of no known kind is as often a capitalised common word or a fragment of a name
    assert not any(text == "Tromsvik" for _, text, _ in found)


def test_a_name_made_from_a_word_the_reference_writes_is_not_added():
    # "Norwegian" is made from "Norway"; a month's short name is part of a date, not a name
    found = _brief_findings(
        "The ferry company Nordvaer said its new route would open on Thursday after delays at "
        "the Halden yard, as Norwegian welders watched, not before Jun. 4."
    )
    assert not [f for f in found if f[0] == "added_entity"]


def test_a_brief_written_from_its_reference_words_is_the_same_story():
    # no name, figure or date in common: only the reference's own words
    timetable = " ".join(
        f"Crossing {n} left the quay at {n + 6} o'clock with cars on board." for n in range(10)
    )
    ref = doc(f"{REFERENCE} {timetable}")
    brief = doc("Engineers replaced the ramp twice before inspectors signed off on the crossings.")
    assert compare(ref, extract(ref), brief, extract(brief)).verdict == "discrepancies"
    # a brief with fewer than half of its words from the reference is another story
    other = doc("Engineers at the Lindqvist bakery in Oslo replaced its ovens before opening.")
    assert compare(ref, extract(ref), other, extract(other)).verdict == "different_story"


def test_a_brief_naming_a_code_the_reference_never_gives_is_medium():
    found = _brief_findings(
        "The ferry company Nordvaer said its new route would open on Thursday after delays at "
        "the Halden yard, with the Skarv-9 ramp."
    )
    assert ("added_entity", "Skarv-9", "medium") in found
