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
from collections.abc import Mapping, Sequence

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
Table = list[list[float]]  # by [i][j]: a step ending with sentences i - 1 and j - 1


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
    anchors: Mapping[tuple[int, int], float],
) -> list[Step] | None:
    """The cheapest steps that align all of `ref` with all of `cand` (sentence lengths, indices
    from 0), `anchors` the anchor weight two sentences (i, j) share where they share any; None
    when the gap is too large to search. Of equally cheap steps the one first in order
    (di, dj) is taken."""
    n, m = len(ref), len(cand)
    if (n + 1) * (m + 1) > MAX_CELLS:
        return None
    # The loop below is the whole cost of aligning a long translation, so it is unrolled: each
    # step's prior, length fit and anchor bonus are read from tables built once, and the steps
    # are tried in (di, dj) order, a later one taken only when strictly cheaper.
    b11, b12, b21 = _bonuses(n, m, anchors)
    p01, p10, p11, p12, p21 = (STEPS[step] for step in ((0, 1), (1, 0), (1, 1), (1, 2), (2, 1)))
    inf = math.inf
    total = [[inf] * (m + 1) for _ in range(n + 1)]
    taken: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    total[0][0] = 0.0
    f10, f01, f11, f12, f21 = _fits(ref, cand, ratio)
    for i in range(n + 1):
        row, up = total[i], total[i - 1] if i else None
        up2 = total[i - 2] if i >= 2 else None
        b11_i, b12_i, b21_i = b11[i], b12[i], b21[i]
        for j in range(m + 1):
            if not (i or j):
                continue
            best, choice = inf, (0, 0)
            if j:
                cost = row[j - 1] + p01 + f01[j]
                if cost < best:
                    best, choice = cost, (0, 1)
            if up is not None:
                cost = up[j] + p10 + f10[i]
                if cost < best:
                    best, choice = cost, (1, 0)
                if j:
                    cost = up[j - 1] + p11 + f11[i][j]
                    cost -= b11_i[j]
                    if cost < best:
                        best, choice = cost, (1, 1)
                    if j >= 2:
                        cost = up[j - 2] + p12 + f12[i][j]
                        cost -= b12_i[j]
                        if cost < best:
                            best, choice = cost, (1, 2)
                    if up2 is not None:
                        cost = up2[j - 1] + p21 + f21[i][j]
                        cost -= b21_i[j]
                        if cost < best:
                            best, choice = cost, (2, 1)
            row[j], taken[i][j] = best, choice
    steps: list[Step] = []
    i, j = n, m
    while i or j:
        di, dj = taken[i][j]
        steps.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return steps[::-1]


def _fits(
    ref: Sequence[int], cand: Sequence[int], ratio: float
) -> tuple[list[float], list[float], Table, Table, Table]:
    """`length_cost` of every stretch a step can cover, for the steps (1, 0) by i, (0, 1) by j,
    and (1, 1), (1, 2), (2, 1) by [i][j] (the step ending with sentences i-1 and j-1); a
    stretch's cost is computed once however many cells share its lengths."""
    n, m = len(ref), len(cand)
    r1 = [0, *ref]  # r1[i]: sentence i-1's length; r2[i]: sentences i-2 and i-1 together
    c1 = [0, *cand]
    r2 = [0, 0, *(ref[k - 1] + ref[k] for k in range(1, n))]
    c2 = [0, 0, *(cand[k - 1] + cand[k] for k in range(1, m))]
    stretches = {(r, 0) for r in r1} | {(0, c) for c in c1}
    stretches |= {(r, c) for r in r1 for c in c1} | {(r, c) for r in r1 for c in c2}
    stretches |= {(r, c) for r in r2 for c in c1}
    cost = {(r, c): length_cost(r, c, ratio) for r, c in stretches}
    return (
        [cost[r, 0] for r in r1],
        [cost[0, c] for c in c1],
        [[cost[r, c] for c in c1] for r in r1],
        [[cost[r, c] for c in c2] for r in r1],
        [[cost[r, c] for c in c1] for r in r2],
    )


def _bonuses(n: int, m: int, anchors: Mapping[tuple[int, int], float]) -> tuple[Table, ...]:
    """What shared anchors take off the steps (1, 1), (1, 2) and (2, 1) ending at cell [i][j]:
    `ANCHOR_BONUS` times the largest weight (capped at 2) of the sentence pairs the step
    makes; 0 where they share none."""
    tables = tuple([[0.0] * (m + 1) for _ in range(n + 1)] for _ in range(3))
    b11, b12, b21 = tables
    for (a, b), weight in anchors.items():
        if not (0 <= a < n and 0 <= b < m) or weight <= 0:
            continue
        i, j = a + 1, b + 1  # the cell of the step that ends with sentences a and b
        cells = [(b11, i, j), (b12, i, j), (b21, i, j)]
        cells += [(b12, i, j + 1)] if j < m else []  # (1, 2) steps pairing a with b and b + 1
        cells += [(b21, i + 1, j)] if i < n else []  # (2, 1) steps pairing a and a + 1 with b
        for table, x, y in cells:
            table[x][y] = max(table[x][y], weight)
    for table in tables:
        for row in table:
            for y, weight in enumerate(row):
                if weight:
                    row[y] = ANCHOR_BONUS * min(weight, 2.0)
    return tables


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
        anchors = {
            (i - i0 - 1, j - j0 - 1): weight
            for (i, j), weight in scores.items()
            if i0 < i < i1 and j0 < j < j1
        }
        found = best_steps(ref[i0 + 1 : i1], cand[j0 + 1 : j1], ratio, anchors)
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
