"""Whether two articles tell the same story at all.

Each article has distinctive items: the people and organisations it names (weighted by how often,
`1 + ln(mentions)`), its figures with a unit or of 10 and more, and its day-precise dates (weight
1 each). The overlap score is the weight the two articles share (for each shared item, the lower
of its two weights) without the single heaviest shared item, divided by the lighter article's
total weight, both without the heaviest shared item:

    overlap = (shared - heaviest) / min(total_reference - heaviest, total_candidate - heaviest)

(1.0 when a side has nothing but that item.) Leaving out the heaviest shared item is what makes the score about the story rather than its
main actor: two articles about different things a company did share that company, often many
times, and nothing else. Below `SAME_STORY` the verdict is `different_story`.
"""

from __future__ import annotations

import math

from factcheck.compare.entities import Name, counterpart, names_of, written_in
from factcheck.compare.side import Side

SAME_STORY = 0.2
MIN_FIGURE = 10  # smaller bare counts are in every article


def _weight(name: Name) -> float:
    return 1.0 + math.log(len(name.mentions))


def _figures(side: Side) -> set[str]:
    items: set[str] = set()
    for fact in side.numbers:
        if isinstance(fact.value, int | float) and (fact.unit or abs(fact.value) >= MIN_FIGURE):
            items.add(f"n:{float(fact.value):g}")
    for fact in side.dates:
        if isinstance(fact.value, str) and len(fact.value) == 10:
            items.add(f"d:{fact.value}")
    return items


def story_overlap(ref: Side, cand: Side) -> float | None:
    """The overlap score of two articles (see the module docstring); None when neither has items."""
    ref_names, cand_names = names_of(ref), names_of(cand)
    ref_figures, cand_figures = _figures(ref), _figures(cand)
    ref_total = sum(map(_weight, ref_names)) + len(ref_figures)
    cand_total = sum(map(_weight, cand_names)) + len(cand_figures)
    if not ref_total and not cand_total:
        return None
    # (shared weight, its weight in the reference, its weight in the candidate)
    shared = [(1.0, 1.0, 1.0)] * len(ref_figures & cand_figures)
    for name in ref_names:
        other = counterpart(name, cand)
        if other is not None:
            ref_w, cand_w = _weight(name), _weight(other)
            shared.append((min(ref_w, cand_w), ref_w, cand_w))
        elif written_in(name, cand):
            shared.append((1.0, _weight(name), 1.0))
    if not shared:
        return 0.0
    heaviest = max(shared)
    rest = min(ref_total - heaviest[1], cand_total - heaviest[2])
    if rest <= 0:
        return 1.0  # one side names nothing but the shared item: nothing says otherwise
    return (sum(w for w, _, _ in shared) - heaviest[0]) / rest


def different_story(ref: Side, cand: Side) -> bool:
    """Whether the two articles share too little to be compared fact by fact."""
    if ref.document.text == cand.document.text:
        return False
    overlap = story_overlap(ref, cand)
    return overlap is not None and overlap < SAME_STORY
