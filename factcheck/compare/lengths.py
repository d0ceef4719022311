"""Sentence alignment by length, for articles that are translations of each other.

A translator keeps sentence order and roughly each sentence's length (Gale and Church, 1993):
sentence i of the original and its translation have lengths in about the ratio of the two whole
texts. Between sentences anchored by shared names and figures, the best sequence of one-to-one,
two-to-one, one-to-two and one-to-nothing steps under a cost for lengths that do not fit (and a
bonus for shared anchors) says which sentence translates which. Independent reports do not keep
lengths, so the same measure tells a translation from a retelling.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

VARIANCE = 6.8  # Gale and Church: variance of translated length per character of original
# -log of how often each step occurs between a text and its translation (Gale and Church).
STEPS: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099 / 2),
    (0, 1): -math.log(0.0099 / 2),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
}
TRANSLATED_ONE_FOR_ONE = 0.75  # a translation aligns at least this share of steps one for one,
TRANSLATED_DRIFT = 0.2  # its median sentence this close to the texts' length ratio (log),
TRANSLATED_CLOSE = 0.3  # and at least TRANSLATED_KEPT of its steps are one for one and this close
TRANSLATED_KEPT = 0.65
ANCHOR_BONUS = 2.0  # cost taken off a step per unit of shared anchor weight (capped at 2 units)
MAX_CELLS = 40_000  # a gap larger than this (sentences x sentences) is left as it is

Step = tuple[tuple[int, ...], tuple[int, ...]]  # reference sentences, candidate sentences


def length_cost(ref_chars: int, cand_chars: int, ratio: float) -> float:
    """-log of how likely a stretch of `ref_chars` translates into `cand_chars` characters."""
    if ref_chars == 0 and cand_chars == 0:
        return 0.0
    mean = (ref_chars + cand_chars / ratio) / 2
    delta = (cand_chars - ref_chars * ratio) / math.sqrt(VARIANCE * max(mean, 1.0))
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-300))


def best_steps(
    ref: Sequence[int],
    cand: Sequence[int],
    ratio: float,
    shared: Callable[[int, int], float],
) -> list[Step] | None:
    """The cheapest steps that align all of `ref` with all of `cand` (sentence lengths, indices
    from 0), `shared(i, j)` the anchor weight two sentences share; None when the gap is too
    large to search. Of equally cheap steps the one first in order (di, dj) is taken."""
    n, m = len(ref), len(cand)
    if (n + 1) * (m + 1) > MAX_CELLS:
        return None
    # Prefix sums give any stretch's length in one subtraction; stretch lengths recur from
    # cell to cell, so their costs are kept. here[i][j] is the anchor weight of sentences i - 1
    # and j - 1, read once for every step that pairs them.
    ref_at = list(itertools.accumulate(ref, initial=0))
    cand_at = list(itertools.accumulate(cand, initial=0))
    costs: dict[tuple[int, int], float] = {}
    here = [[0.0] * (m + 1)] + [[0.0] + [shared(a, b) for b in range(m)] for a in range(n)]
    # In (di, dj) order, so that of equally cheap steps the first is kept; with the cells of
    # `here` a step pairs, counted back from the cell it ends at.
    plan = [
        (di, dj, prior, [(a, b) for a in range(di) for b in range(dj)])
        for (di, dj), prior in sorted(STEPS.items())
    ]
    total = [[math.inf] * (m + 1) for _ in range(n + 1)]
    taken: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    total[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if not (i or j):
                continue
            best, choice = math.inf, (0, 0)
            for di, dj, prior, cells in plan:
                if i < di or j < dj:
                    continue
                stretch = (ref_at[i] - ref_at[i - di], cand_at[j] - cand_at[j - dj])
                fit = costs.get(stretch)
                if fit is None:
                    fit = costs[stretch] = length_cost(*stretch, ratio)
                cost = total[i - di][j - dj] + prior + fit
                if cells:
                    anchor = max([here[i - a][j - b] for a, b in cells])
                    cost -= ANCHOR_BONUS * min(anchor, 2.0)
                if cost < best:
                    best, choice = cost, (di, dj)
            total[i][j], taken[i][j] = best, choice
    steps: list[Step] = []
    i, j = n, m
    while i or j:
        di, dj = taken[i][j]
        steps.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return steps[::-1]


def through_chain(
    ref: Sequence[int],
    cand: Sequence[int],
    chain: Sequence[tuple[int, int]],
    scores: dict[tuple[int, int], float],
) -> list[Step] | None:
    """The steps that align two whole articles (sentence lengths) through the anchored `chain`
    pairs, each kept one for one; `scores` the anchor weight of sentence pairs."""
    ratio = sum(cand) / max(sum(ref), 1)
    bounds = [(-1, -1), *chain, (len(ref), len(cand))]
    steps: list[Step] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):

        def shared(a: int, b: int, i0: int = i0, j0: int = j0) -> float:
            return scores.get((i0 + 1 + a, j0 + 1 + b), 0.0)

        found = best_steps(ref[i0 + 1 : i1], cand[j0 + 1 : j1], ratio, shared)
        if found is None:
            return None
        steps += [(tuple(i0 + 1 + a for a in r), tuple(j0 + 1 + b for b in c)) for r, c in found]
        if i1 < len(ref):
            steps.append(((i1,), (j1,)))
    return steps


def translation_like(ref: Sequence[int], cand: Sequence[int], steps: list[Step]) -> bool:
    """Whether a length alignment reads as a translation: mostly one sentence for one, most of
    them about as long as the ratio of the two texts says. Independent reports of one event
    written to one template (a headline, a dateline, "X announced today that ...") come close
    on the median; fewer of their sentences keep the ratio."""
    ratio = sum(cand) / max(sum(ref), 1)
    ones = [(r[0], c[0]) for r, c in steps if len(r) == 1 and len(c) == 1]
    if not ones or len(ones) < TRANSLATED_ONE_FOR_ONE * len(steps):
        return False
    drift = sorted(abs(math.log((cand[j] + 1) / (ratio * (ref[i] + 1)))) for i, j in ones)
    kept = sum(d <= TRANSLATED_CLOSE for d in drift)
    return drift[len(drift) // 2] <= TRANSLATED_DRIFT and kept >= TRANSLATED_KEPT * len(steps)
