"""Pairing the facts of two aligned sentences: unambiguous pairs, order, place."""

from __future__ import annotations

from factcheck.compare import compare
from factcheck.compare.pairing import match_one
from factcheck.extract.rules import extract
from factcheck.models import Fact
from tests.compare.helpers import doc


def _figure(text: str, start: int) -> Fact:
    return Fact(kind="number", text=text, start=start, end=start + len(text), value=float(text))


def _differ(a: Fact, b: Fact) -> bool:
    return a.value != b.value


def _never(a: Fact, b: Fact) -> bool:
    return False


def test_a_translation_that_drops_a_figure_still_pairs_the_changed_one_by_place():
    # "attracted 840 orders, making the 787 worth ..." retold as "totalizzato 440 ordini, ...":
    # the model number is dropped, the count changed; 440 sits where 840 sat.
    left = [_figure("840", 20), _figure("787", 60)]
    right = [_figure("440", 22)]
    place = {id(left[0]): 0.20, id(left[1]): 0.60, id(right[0]): 0.22}
    found = match_one(left, right, _differ, _never, in_order=True, place=lambda f: place[id(f)])
    assert [(a.text, b.text) for a, b in found] == [("840", "440")]


def test_place_does_not_pair_what_sits_about_as_near_to_two_figures():
    left = [_figure("840", 20), _figure("787", 30)]
    right = [_figure("440", 25)]
    place = {id(left[0]): 0.20, id(left[1]): 0.30, id(right[0]): 0.25}
    found = match_one(left, right, _differ, _never, in_order=True, place=lambda f: place[id(f)])
    assert found == []
    assert match_one(left, right, _differ, _never, in_order=False) == []  # no order, no place


CLIMB = (
    "Climbers die on Mount Cook\n\n"
    "Two climbers died on Mount Cook in New Zealand on Saturday, Inspector Dave Gaskin said.\n\n"
    "The pair fell 600 metres from the Linda Glacier route near Plateau Hut.\n\n"
    "The three other climbers were released after an examination by medical staff.\n\n"
    "Rescue teams from Twizel flew to the scene in a Helicopter Line aircraft.\n\n"
    "Gaskin said the deaths were not related to the weather."
)


def _climb(sentence: str) -> list[tuple[str, str, str]]:
    edited = CLIMB.replace(
        "The three other climbers were released after an examination by medical staff.", sentence
    )
    ref, cand = doc(CLIMB), doc(edited)
    found = compare(ref, extract(ref), cand, extract(cand)).discrepancies
    return [
        (d.kind, d.reference.text, d.candidate.text)
        for d in found
        if d.severity == "high" and d.reference and d.candidate
    ]


def test_a_count_in_a_rewritten_sentence_of_a_copy_in_one_language_is_not_a_change():
    # The copy says something else in that sentence; "two deaths" is not "three climbers".
    assert (
        _climb("With two deaths in the park this weekend, police and rescuers were stretched.")
        == []
    )


def test_a_count_changed_in_a_sentence_the_copy_keeps_is_a_mismatch():
    assert _climb(
        "The two other climbers were released after an examination by medical staff."
    ) == [("number_mismatch", "three", "two")]
