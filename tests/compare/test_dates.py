"""Dates across a translation: a changed year is a mismatch even when the reference states the
new year elsewhere, and a year the other sentence writes settles it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factcheck.compare import compare
from factcheck.extract.rules import extract
from tests.compare.helpers import doc, kinds

EN = (
    "Harbour Bridge opens in Riverton\n\nMarch 3, 2025\n\n"
    "Mayor Maria Santos opened the Harbour Bridge in Riverton before 4,000 guests.\n\n"
    "The bridge cost 120 million euros and Northwind Steel supplied 8,500 tonnes of steel.\n\n"
    "A study by Delft Consult first proposed a bridge in 1986.\n\n"
    "The Riverton ferry service started in 1987 and Santos says it will run until at least 2030."
    "\n\nEngineer Tomas Berg expects 250 cars an hour on the Harbour Bridge."
)
ES = (
    "Se inaugura el Harbour Bridge en Riverton\n\n3 de marzo de 2025\n\n"
    "La alcaldesa Maria Santos inauguró el Harbour Bridge en Riverton ante 4.000 invitados.\n\n"
    "El puente costó 120 millones de euros y Northwind Steel suministró 8.500 toneladas de"
    " acero.\n\n"
    "Un estudio de Delft Consult propuso un puente por primera vez en 1986.\n\n"
    "El servicio de ferry de Riverton empezó en {year} y Santos dice que funcionará hasta 2030"
    " como mínimo.\n\n"
    "El ingeniero Tomas Berg espera 250 coches por hora en el Harbour Bridge."
)


def _compare(year: str):
    en, es = doc(EN), doc(ES.format(year=year), language="es")
    return compare(en, extract(en), es, extract(es))


def test_a_year_changed_to_one_the_reference_states_elsewhere_is_a_mismatch():
    result = _compare("1986")
    serious = [d for d in result.discrepancies if d.severity != "low"]
    assert kinds(serious) == [("date_mismatch", "high")]
    found = serious[0]
    assert found.reference is not None and found.reference.text == "1987"
    assert found.candidate is not None and found.candidate.text == "1986"
    assert found.candidate.start == ES.format(year="1986").index("1986 y Santos")


def test_the_faithful_translation_has_no_date_finding_above_low():
    result = _compare("1987")
    assert not [d for d in result.discrepancies if d.severity != "low"]


def test_a_year_the_reference_only_infers_from_next_year_does_not_hide_a_change():
    published = dt.date(2025, 3, 3)
    en = dataclasses.replace(
        doc(EN + "\n\nThe council will review the bridge tolls next year."), published=published
    )
    es = dataclasses.replace(
        doc(
            ES.format(year="2026")
            + "\n\nEl ayuntamiento revisará los peajes del puente más adelante.",
            language="es",
        ),
        published=published,
    )
    serious = [
        d for d in compare(en, extract(en), es, extract(es)).discrepancies if d.severity != "low"
    ]
    assert [
        (d.kind, d.reference.text if d.reference else "", d.candidate.text if d.candidate else "")
        for d in serious
    ] == [("date_mismatch", "1987", "2026")]


def test_a_dateline_is_metadata_even_when_the_publication_date_is_unknown():
    ref = doc(
        "Riverton opens its bridge\n\nMarch 3, 2025\n\n"
        "Mayor Maria Santos opened the Harbour Bridge in Riverton before 4,000 guests."
    )
    cand = doc(
        "Riverton bridge opens\n\nUpdated 3/4/2025 6:04 PM\n\n"
        "Mayor Maria Santos opened the Harbour Bridge in Riverton before 4,000 guests."
    )
    found = compare(ref, extract(ref), cand, extract(cand)).discrepancies
    # Published the next day: neither a changed date nor a date the reference does not give.
    assert not [d for d in found if d.kind in ("date_mismatch", "added_date")]


def _pair(reference: str, candidate: str):
    ref, cand = doc(reference), doc(candidate, path="candidate.txt")
    return compare(ref, extract(ref), cand, extract(cand))


SUMMIT = "Leaders of twelve nations met in Cusco on {when} to found the South American community."


def test_a_range_whose_end_day_changed_is_a_date_mismatch():
    result = _pair(
        SUMMIT.format(when="7-9 December 2004"), SUMMIT.format(when="7-10 December 2004")
    )
    assert kinds(result.discrepancies) == [("date_mismatch", "high")]
    found = result.discrepancies[0]
    assert found.reference is not None and found.reference.text == "7-9 December 2004"
    assert found.candidate is not None and found.candidate.text == "7-10 December 2004"


def test_a_day_inside_the_range_is_no_finding():
    result = _pair(SUMMIT.format(when="7-9 December 2004"), SUMMIT.format(when="8 December 2004"))
    assert [d for d in result.discrepancies if d.kind.endswith("date")] == []


def test_a_day_without_its_year_agrees_with_the_dated_day():
    result = _pair(SUMMIT.format(when="December 8, 2004"), SUMMIT.format(when="8 December"))
    assert [d for d in result.discrepancies if "date" in d.kind] == []


def test_a_year_inferred_from_the_publication_date_agrees_on_day_and_month():
    ref = doc(SUMMIT.format(when="December 8, 2004"))
    cand = dataclasses.replace(
        doc(SUMMIT.format(when="8 December"), path="candidate.txt"), published=dt.date(2005, 8, 1)
    )
    facts = extract(cand)
    assert [f.value for f in facts if f.kind == "date"] == ["2005-12-08"]  # the nearest year
    result = compare(ref, extract(ref), cand, facts)
    assert [d for d in result.discrepancies if "date" in d.kind] == []


def test_a_date_stamped_with_a_clock_time_is_a_page_timestamp_not_a_fact():
    story = "Rebels freed two hostages in the north, officials said."
    stamped = f"Hostages freed\n\nSaturday November 13, 2004 8:16 PM AP Photo\n\n{story}"
    result = _pair(story, stamped)
    assert [d for d in result.discrepancies if "date" in d.kind] == []


def test_a_dated_event_in_prose_is_still_an_added_date():
    story = "Rebels freed two hostages in the north, officials said."
    dated = "Rebels freed two hostages in the north on November 13, 2004, officials said."
    result = _pair(story, dated)
    assert [d.kind for d in result.discrepancies if "date" in d.kind] == ["added_date"]


CUSCO_ES = (
    "Los líderes de doce naciones se reunieron en Cusco {when} para fundar la comunidad"
    " sudamericana."
)


def test_across_languages_a_changed_end_day_is_a_mismatch_and_a_day_inside_is_not():
    en = doc(SUMMIT.format(when="7-9 December 2004"))
    changed = doc(
        CUSCO_ES.format(when="del 7 al 10 de diciembre de 2004"), language="es", path="c.txt"
    )
    result = compare(en, extract(en), changed, extract(changed))
    assert [d.kind for d in result.discrepancies if "date" in d.kind] == ["date_mismatch"]
    inside = doc(CUSCO_ES.format(when="el 8 de diciembre de 2004"), language="es", path="c.txt")
    result = compare(en, extract(en), inside, extract(inside))
    assert [d for d in result.discrepancies if "date" in d.kind] == []


UNDATED = (
    "Police said the gunman shot two guards at the Ridgeway depot on Thursday night before"
    " fleeing. A court jailed his brother for the Harlow robbery 12 years ago. Nobody else was"
    " hurt."
)


def _undated(candidate: str, language: str = "en"):
    ref, cand = doc(UNDATED), doc(candidate, language=language)
    assert ref.published is None and cand.published is None
    return compare(ref, extract(ref), cand, extract(cand)).discrepancies


def test_undated_articles_naming_two_weekdays_for_one_event_conflict_at_medium():
    found = _undated(
        "The gunman shot two guards at the Ridgeway depot on Friday night, police said."
    )
    mismatches = [d for d in found if d.kind == "date_mismatch"]
    assert [(d.severity, d.reference.text, d.candidate.text) for d in mismatches] == [
        ("medium", "Thursday", "Friday")
    ]


def test_undated_ago_phrases_conflict_only_when_no_neighbouring_day_reconciles_them():
    changed = _undated(
        "A court jailed his brother for the Harlow robbery 30 years ago, police said."
    )
    assert [(d.kind, d.severity) for d in changed if d.kind == "date_mismatch"] == [
        ("date_mismatch", "medium")
    ]
    # One year apart may be the same year written a year later; a week apart, the same day.
    for same in (
        "A court jailed his brother for the Harlow robbery 13 years ago, police said.",
        "The gunman shot two guards at the Ridgeway depot last Thursday night, police said.",
        "The gunman shot two guards at the Ridgeway depot yesterday, police said.",
    ):
        assert not [d for d in _undated(same) if d.kind == "date_mismatch"], same


def test_a_known_publication_day_leaves_relative_dates_to_the_resolved_comparison():
    ref = dataclasses.replace(doc(UNDATED), published=dt.date(2025, 3, 7))
    cand = doc("The gunman shot two guards at the Ridgeway depot on Friday night, police said.")
    found = compare(ref, extract(ref), cand, extract(cand)).discrepancies
    assert not [d for d in found if d.kind == "date_mismatch" and d.severity == "medium"]


def test_a_year_changed_in_a_sentence_copied_with_edits_is_a_mismatch():
    # Independent wording around it, but the sentence keeps most of its words: the one year
    # left on each side is the one that changed, even though "a 1998 flood" and "until 1988"
    # give it no common event word.
    ref = doc(
        "Officials warned farmers along the Vessel river on Monday. The valley was not thought"
        " to be at risk of flooding until a 1998 flood in Marlow, with most damage to farms."
    )
    copy = doc("The valley was not thought to be at risk of flooding until 1988, after a flood in"
               " Marlow.")  # fmt: skip
    rewrite = doc("Marlow's farmers recall 1988 as a dry year.")
    copied = compare(ref, extract(ref), copy, extract(copy)).discrepancies
    assert [
        (d.kind, d.reference.text, d.candidate.text) for d in copied if "mismatch" in d.kind
    ] == [("date_mismatch", "1998", "1988")]
    rewritten = compare(ref, extract(ref), rewrite, extract(rewrite)).discrepancies
    assert not [d for d in rewritten if "mismatch" in d.kind]
