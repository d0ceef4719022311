"""Facts of aligned sentences, paired where the pairing is unambiguous: what figures and dates
share (see `figures` and `dates`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from factcheck.compare.align import Alignment, Sentence
from factcheck.compare.side import words
from factcheck.models import Fact

F = TypeVar("F", bound=Fact)


def facts_in(sentence: Sentence, facts: Sequence[F]) -> list[F]:
    """The facts that start inside `sentence`."""
    return [f for f in facts if sentence.start <= f.start < sentence.end]


def sentence_pairs(
    alignment: Alignment, ref_facts: list[F], cand_facts: list[F]
) -> list[tuple[Sentence, Sentence, str, list[F], list[F]]]:
    """Aligned sentence pairs (and how they were aligned) with the facts of each sentence."""
    out = []
    for i, (j, how) in sorted(alignment.pairs.items()):
        rs, cs = alignment.reference[i], alignment.candidate[j]
        r, c = facts_in(rs, ref_facts), facts_in(cs, cand_facts)
        if r and c:
            out.append((rs, cs, how, r, c))
    return out


def trusted(alignment: Alignment, how: str, same_subject: bool, bare: bool) -> bool:
    """Whether a conflict in aligned sentences is about one fact. Sentence for sentence
    (a translation, a light edit), the alignment alone says so. Between independent reports a
    sentence also holds other facts of the same kind: a bare count or a date needs the same
    counted noun or event words (one language), a figure with a unit a sentence anchored on
    shared names and figures."""
    if alignment.parallel:
        return True
    return same_subject if bare else (how == "anchored" or same_subject)


def match_one(
    left: list[F],
    right: list[F],
    related: Callable[[F, F], bool],
    closer: Callable[[F, F], bool],
    in_order: bool = False,
) -> list[tuple[F, F]]:
    """Pairs of related facts where the pairing is unambiguous: one on each side, or one that
    is also `closer` (the same counted noun) when a sentence holds several. With `in_order`
    (sentence-parallel articles), what is left pairs in the order the sentences give it, when
    both sides have as many left and each pair is related: a translation keeps figure order."""
    found = []
    for a in left:
        options = [b for b in right if related(a, b)]
        if len(options) > 1 or (options and sum(related(x, options[0]) for x in left) > 1):
            options = [b for b in options if closer(a, b)]
            if len(options) != 1 or sum(closer(x, options[0]) for x in left) != 1:
                continue
        if len(options) == 1:
            found.append((a, options[0]))
    if in_order:
        taken_left = {id(a) for a, _ in found}
        taken_right = {id(b) for _, b in found}
        rest_left = sorted((a for a in left if id(a) not in taken_left), key=lambda f: f.start)
        rest_right = sorted((b for b in right if id(b) not in taken_right), key=lambda f: f.start)
        if len(rest_left) == len(rest_right) and all(
            related(a, b) for a, b in zip(rest_left, rest_right, strict=True)
        ):
            found += zip(rest_left, rest_right, strict=True)
    return found


def same_words(a: Fact, b: Fact) -> bool:
    """Whether two facts name the same counted noun or event (one language)."""
    ka, kb = set(words(a.context or "").split()), set(words(b.context or "").split())
    return bool(ka and kb) and (ka <= kb or kb <= ka)
