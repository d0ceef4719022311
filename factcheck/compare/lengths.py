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
TRANSLATED_ONE_FOR_ONE = 0.7  # a translation aligns at least this share of steps one for one
TRANSLATED_DRIFT = 0.25  # ... its median sentence this close to the texts' length ratio (log)
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
    large to search."""
    n, m = len(ref), len(cand)
    if (n + 1) * (m + 1) > MAX_CELLS:
        return None
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            options = []
            for (di, dj), prior in STEPS.items():
                if i < di or j < dj or (i - di, j - dj) not in best:
                    continue
                cost = best[(i - di, j - dj)][0] + prior
                cost += length_cost(sum(ref[i - di : i]), sum(cand[j - dj : j]), ratio)
                if di and dj:
                    anchor = max(shared(a, b) for a in range(i - di, i) for b in range(j - dj, j))
                    cost -= ANCHOR_BONUS * min(anchor, 2.0)
                options.append((cost, (di, dj)))
            if options:
                best[(i, j)] = min(options)
    steps: list[Step] = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = best[(i, j)][1]
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
    """Whether a length alignment reads as a translation: mostly one sentence for one, each
    about as long as the ratio of the two texts says."""
    ratio = sum(cand) / max(sum(ref), 1)
    ones = [(r[0], c[0]) for r, c in steps if len(r) == 1 and len(c) == 1]
    if not ones or len(ones) < TRANSLATED_ONE_FOR_ONE * len(steps):
        return False
    drift = sorted(abs(math.log((cand[j] + 1) / (ratio * (ref[i] + 1)))) for i, j in ones)
    return drift[len(drift) // 2] <= TRANSLATED_DRIFT
