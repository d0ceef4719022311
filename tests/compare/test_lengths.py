"""Sentence alignment by length: what a translation keeps of each sentence."""

from __future__ import annotations

import math
import random

import pytest

from factcheck.compare import compare
from factcheck.compare.align import align_sentences
from factcheck.compare.lengths import best_steps, translation_like
from factcheck.compare.side import Side
from factcheck.extract.rules import extract
from tests.compare.helpers import doc

_none: dict[tuple[int, int], float] = {}


def test_one_for_one_when_every_sentence_keeps_its_length():
    steps = best_steps([40, 120, 80], [44, 130, 90], 1.1, _none)
    assert steps == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_a_sentence_split_in_two_by_the_translator_is_one_step():
    steps = best_steps([40, 200, 80], [44, 100, 110, 90], 1.1, _none)
    assert steps == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


# A translation with two anchored sentences only (a share too small to call it parallel by
# anchors alone); the lengths of the others say which sentence translates which.
EN = (
    "Riverton gets a new ferry\n\n"
    "The city council of Riverton voted on Monday to buy a ferry from Northwind Yards.\n\n"
    "It will carry 350 passengers.\n\n"
    "The old ferry, which has served the island villages since the end of the war, will be sold"
    " to a museum after a last summer season on the northern route.\n\n"
    "Work on the new landing stage begins soon.\n\n"
    "The crossing takes forty minutes today and should take half an hour with the new boat,"
    " which is faster and uses less fuel than any ferry in service on the coast.\n\n"
    "Mayor Maria Santos said the ferry would be in service by the spring of 2027."
)
ES = (
    "Riverton tendrá un nuevo ferry\n\n"
    "El ayuntamiento de Riverton votó el lunes la compra de un ferry a Northwind Yards.\n\n"
    "Llevará {passengers} pasajeros.\n\n"
    "El viejo ferry, que sirve a los pueblos de la isla desde el final de la guerra, se venderá a"
    " un museo tras una última temporada de verano en la ruta del norte.\n\n"
    "Las obras del nuevo embarcadero empiezan pronto.\n\n"
    "La travesía dura hoy cuarenta minutos y debería durar media hora con el nuevo barco, que es"
    " más rápido y gasta menos combustible que cualquier ferry en servicio en la costa.\n\n"
    "La alcaldesa Maria Santos dijo que el ferry estaría en servicio en la primavera de 2027."
)


def test_a_translation_anchored_in_two_sentences_is_aligned_by_length():
    en, es = doc(EN), doc(ES.format(passengers="350"), language="es")
    alignment = align_sentences(
        Side.of("reference", en, extract(en)), Side.of("candidate", es, extract(es))
    )
    assert alignment.parallel
    assert {i: j for i, (j, _) in alignment.pairs.items()} == {i: i for i in range(7)}


def test_a_changed_figure_in_a_sentence_held_by_length_is_a_mismatch():
    en, es = doc(EN), doc(ES.format(passengers="550"), language="es")
    found = [
        d for d in compare(en, extract(en), es, extract(es)).discrepancies if d.severity == "high"
    ]
    assert [
        (d.kind, d.reference.text, d.candidate.text) for d in found if d.reference and d.candidate
    ] == [("number_mismatch", "350", "550")]


def test_sentences_that_do_not_keep_the_texts_length_ratio_are_no_translation():
    ref, cand = [40, 200, 60, 120, 80], [150, 30, 160, 40, 200]
    steps = best_steps(ref, cand, sum(cand) / sum(ref), _none)
    assert steps is not None
    assert not translation_like(ref, cand, steps)
    kept = [44, 215, 70, 130, 85]
    steps = best_steps(ref, kept, sum(kept) / sum(ref), _none)
    assert steps is not None
    assert translation_like(ref, kept, steps)


def test_reports_that_keep_the_ratio_in_only_half_their_sentences_are_no_translation():
    # Two reports written to one template: headline, dateline and lead about as long, the
    # rest not; the median sentence fits, too few of the others do.
    ref = [40, 200, 60, 120, 80, 100, 90, 70, 150]
    cand = [41, 204, 61, 122, 160, 50, 180, 35, 152]
    one_for_one = [((i,), (i,)) for i in range(len(ref))]
    assert not translation_like(ref, cand, one_for_one)
    assert translation_like(ref, [41, 204, 61, 122, 84, 97, 95, 72, 152], one_for_one)


def _textbook_steps(ref, cand, ratio, anchors):
    """best_steps as first written: every cell tries every step in (di, dj) order."""
    from factcheck.compare.lengths import ANCHOR_BONUS, STEPS, length_cost

    n, m = len(ref), len(cand)
    total = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in range(m + 1):
            if not (i or j):
                continue
            best = (math.inf, None)
            for (di, dj), prior in sorted(STEPS.items()):
                if i < di or j < dj:
                    continue
                cost = total[(i - di, j - dj)][0] + prior
                cost += length_cost(sum(ref[i - di : i]), sum(cand[j - dj : j]), ratio)
                pairs = [
                    anchors.get((i - 1 - a, j - 1 - b), 0.0) for a in range(di) for b in range(dj)
                ]
                if pairs:
                    cost -= ANCHOR_BONUS * min(max(pairs), 2.0)
                if cost < best[0]:
                    best = (cost, (di, dj))
            total[(i, j)] = best
    steps, i, j = [], n, m
    while i or j:
        di, dj = total[(i, j)][1]
        steps.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return steps[::-1]


@pytest.mark.parametrize("seed", range(8))
def test_the_fast_search_takes_the_textbook_steps(seed):
    # Random gaps with repeated lengths (cached fits) and anchors of equal weight (ties).
    rng = random.Random(seed)
    for _ in range(40):
        ref = [rng.choice([0, 40, 80, 81, 120, 200]) for _ in range(rng.randrange(0, 9))]
        cand = [rng.choice([0, 40, 80, 120, 160, 250]) for _ in range(rng.randrange(0, 9))]
        anchors = {(rng.randrange(9), rng.randrange(9)): rng.choice([0.5, 1.0, 3.0])
                   for _ in range(rng.randrange(6))}  # fmt: skip
        ratio = rng.choice([0.8, 1.0, 1.3])
        assert best_steps(ref, cand, ratio, anchors) == _textbook_steps(ref, cand, ratio, anchors)
