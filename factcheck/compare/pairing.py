"""Facts of aligned sentences, paired where the pairing is unambiguous: what figures and dates
share (see `figures` and `dates`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from factcheck.compare.align import Alignment, Sentence
from factcheck.compare.side import words
from factcheck.models import Fact

F = TypeVar("F", bound=Fact)
RETOLD_SHARE = 0.5  # an edited sentence keeps at least this share of its longer words
COPIED_WORDS = 4  # ... and a copy with edits has at least this many of them


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


def trusted(
    alignment: Alignment,
    how: str,
    same_subject: bool,
    bare: bool,
    retold: bool = True,
    copied: bool = False,
) -> bool:
    """Whether a conflict in aligned sentences is about one fact. Sentence for sentence
    (a translation, a light edit), the alignment alone says so; but in two articles in one
    language that share most sentences (a wire copy rewritten in places), a bare count or a
    date of a sentence that was rewritten (`retold` false) needs the same counted noun or event
    words.
    Between independent reports a sentence also holds other facts of the same kind: a bare
    count or a date needs the same counted noun or event words (one language), a figure with a
    unit a sentence anchored on shared names and figures; unless the candidate's sentence is a
    copy of the reference's with edits (`copied`), where the one figure or date left unsettled
    on each side is the one that changed.
    """
    if alignment.parallel:
        return not bare or retold or same_subject
    if copied:
        return True
    return same_subject if bare else (how == "anchored" or same_subject)


def copied(monolingual: bool, ref: Sentence, cand: Sentence) -> bool:
    """Whether, in one language, one sentence keeps most of the other's longer words and has
    `COPIED_WORDS` of them at least: a copy with edits, not a rewrite nor a short generic line."""
    smaller = min(len(ref.words), len(cand.words))
    return monolingual and smaller >= COPIED_WORDS and retold(monolingual, ref, cand)


def retold(monolingual: bool, ref: Sentence, cand: Sentence) -> bool:
    """Whether a sentence in one language keeps most of its longer words in the other article
    (an edit, not a rewrite); across languages words cannot tell, and the answer is yes."""
    if not monolingual:
        return True
    smaller = min(len(ref.words), len(cand.words))
    return smaller == 0 or len(ref.words & cand.words) >= RETOLD_SHARE * smaller


def match_one(
    left: list[F],
    right: list[F],
    related: Callable[[F, F], bool],
    closer: Callable[[F, F], bool],
    in_order: bool = False,
    place: Callable[[F], float] | None = None,
) -> list[tuple[F, F]]:
    """Pairs of related facts where the pairing is unambiguous: one on each side, or one that
    is also `closer` (the same counted noun) when a sentence holds several. With `in_order`
    (sentence-parallel articles), what is left pairs in the order the sentences give it, when
    both sides have as many left and each pair is related: a translation keeps figure order;
    else, given `place` (where a fact sits in its sentence, 0 to 1), by place where each of a
    pair is, by a clear margin, the other's nearest related fact."""
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
        elif place is not None:
            found += _by_place(rest_left, rest_right, related, place)
    return found


PLACE_NEAR = 0.2  # a pair sits at most this far apart in their sentences (0 = start, 1 = end)
PLACE_MARGIN = 0.2  # and every other related fact this much farther


def _by_place(
    left: list[F], right: list[F], related: Callable[[F, F], bool], place: Callable[[F], float]
) -> list[tuple[F, F]]:
    """Pairs of a translated sentence that holds one figure more or less than the original:
    each the other's clearly nearest related fact, at about the same place in the sentence."""

    def nearest(a: F, pool: list[F], forward: bool) -> F | None:
        options = [b for b in pool if (related(a, b) if forward else related(b, a))]
        options.sort(key=lambda b: abs(place(a) - place(b)))
        if not options or abs(place(a) - place(options[0])) > PLACE_NEAR:
            return None
        gap = abs(place(a) - place(options[0]))
        if len(options) > 1 and abs(place(a) - place(options[1])) < gap + PLACE_MARGIN:
            return None
        return options[0]

    found = []
    for a in left:
        b = nearest(a, right, forward=True)
        if b is not None and nearest(b, left, forward=False) is a:
            found.append((a, b))
    return found


def same_words(a: Fact, b: Fact) -> bool:
    """Whether two facts name the same counted noun or event (one language)."""
    ka, kb = set(words(a.context or "").split()), set(words(b.context or "").split())
    return bool(ka and kb) and (ka <= kb or kb <= ka)
