"""Pairing the facts of two aligned sentences: unambiguous pairs, order, place."""

from __future__ import annotations

from factcheck.compare.pairing import match_one
from factcheck.models import Fact


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
