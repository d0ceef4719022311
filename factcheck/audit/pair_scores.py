"""The story similarity of many pairs of one folder, fast enough for a 10,000-article audit.

`factcheck.compare.story.similarity` builds a dict of shared tokens and calls a weight
function per token: about 0.4 ms a pair, minutes for the 600,000 candidate pairs of a
10,000-article folder. Here each article is weighed once (`Weighed`), and a pair's score is
then a set intersection and sums over it done by builtins. The score is the same as
`similarity(a, b, weights, totals)` with the folder's weights (tests hold both to it):

- a shared token weighs its weight times `damped(min(count_a, count_b))`, the smaller of the
  two sides' `weight * damped(count)`, which each article holds ready (`Weighed`);
- content words of one language only ever meet words of that language, so a pair in two
  languages shares none; articles of no known language never compare their words (their
  words are left out of the sets);
- tokens no other article holds are left out of the sets too (they can never be shared), but
  not out of the totals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from factcheck.compare.story import (
    MIN_SHARED,
    WORDS_ONLY,
    Profile,
    in_time,
    length_normalised,
    words_suffice,
)


@dataclass(frozen=True, slots=True)
class Weighed:
    """One article's profile weighed in its folder, for `score`."""

    profile: Profile  # without its tokens (`Profile.without_tokens`)
    others: Mapping[str, float]  # weight * damped(count) of the shareable figures, dates, words
    names: Mapping[str, float]  # ... and of the shareable name words
    total_all: float  # total weight with the content words (a pair in one language)
    total_facts: float  # ... without them (a pair in two languages)


def weigh(p: Profile, weights: Mapping[str, float], shared: Mapping[str, int]) -> Weighed:
    """`p` weighed by the folder's `weights`; `shared` counts the articles holding each token."""
    comparable = p.language is not None
    others: dict[str, float] = {}
    names: dict[str, float] = {}
    total_all = total_facts = 0.0
    for token, count in p.tokens.items():
        w = weights[token]
        # The folder's own float when the token occurs once (most do): no copy per article.
        damped = w if count == 1 else w * (1.0 + math.log(count))
        total_all += damped
        if token[0] != "w":
            total_facts += damped
        elif not comparable:
            continue
        if shared[token] < 2:
            continue
        (names if token[0] == "n" else others)[token] = damped
    return Weighed(p.without_tokens(), others, names, total_all, total_facts)


def score(a: Weighed, b: Weighed) -> float:
    """`factcheck.compare.story.similarity` of the two articles with the folder's weights."""
    language = a.profile.language
    same_language = language is not None and language == b.profile.language
    total_a = a.total_all if same_language else a.total_facts
    total_b = b.total_all if same_language else b.total_facts
    if total_a <= 0 or total_b <= 0:
        return 0.0
    others = a.others.keys() & b.others.keys()
    names = a.names.keys() & b.names.keys()
    if len(others) < MIN_SHARED and len(others) + _distinct_names(a.profile, names) < MIN_SHARED:
        return 0.0
    if not names and len(others) < WORDS_ONLY and not words_suffice(others):
        return 0.0  # a few content words alone (sets this small: checked only here)
    # Builtins all the way down (no Python call per token): most of an audit's grouping time.
    common = sum(map(min, map(a.others.__getitem__, others), map(b.others.__getitem__, others)))
    if names:
        common += sum(map(min, map(a.names.__getitem__, names), map(b.names.__getitem__, names)))
    return length_normalised(common, total_a, total_b) * in_time(a.profile, b.profile)


def _distinct_names(p: Profile, words: AbstractSet[str]) -> int:
    """How many of `p`'s names the shared name words belong to (a name counts once)."""
    return len({p.name_of.get(t, t) for t in words})
