"""The story similarity of many pairs of one folder, fast enough for a 10,000-article audit.

`factcheck.compare.story.similarity` builds a dict of shared tokens and calls a weight
function per token: about 0.4 ms a pair, minutes for the 600,000 candidate pairs of a
10,000-article folder. Here each article is weighed once (`Weighed`), and a pair's score is
then a set intersection and sums over it done by builtins. The score is the same as
`similarity(a, b, weights, totals)` with the folder's weights (tests hold both to it):

- a shared token weighs its weight times `damped(min(count_a, count_b))`, the smaller of the
  two sides' `weight * damped(count)`, which each article holds ready (`Weighed`);
- content words of one language only ever meet words of that language, so a pair in two
  languages shares none and does not look at them: words are kept apart from the figures and
  dates (nine tokens in ten of a generated article are words, and most pairs of a multilingual
  folder are in two languages); articles of no known language never compare their words
  (their words are left out of the sets);
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
    name_evidence,
    normalised,
    powers,
    two_scripts,
)


@dataclass(frozen=True, slots=True)
class Weighed:
    """One article's profile weighed in its folder, for `score`."""

    profile: Profile  # without its tokens (`Profile.without_tokens`)
    facts: Mapping[str, float]  # weight * damped(count) of the shareable figures and dates
    words: Mapping[str, float]  # ... of the shareable content words
    names: Mapping[str, float]  # ... of the shareable name words
    sounds: Mapping[str, float]  # ... and of the shareable name sounds (`s:`)
    total_all: float  # total weight with the content words (a pair in one language)
    total_facts: float  # ... without them (a pair in two languages of one script)
    total_sounds: float  # ... with sounds for names (a pair in two scripts)
    powers_all: tuple[float, float]  # `factcheck.compare.story.powers` of total_all
    powers_facts: tuple[float, float]  # ... of total_facts
    powers_sounds: tuple[float, float]  # ... and of total_sounds


def weigh(p: Profile, weights: Mapping[str, float], shared: Mapping[str, int]) -> Weighed:
    """`p` weighed by the folder's `weights`; `shared` counts the articles holding each token."""
    comparable = p.language is not None
    facts: dict[str, float] = {}
    words: dict[str, float] = {}
    names: dict[str, float] = {}
    sounds: dict[str, float] = {}
    shareable = {"f": facts, "d": facts, "w": words, "n": names, "s": sounds}
    total_all = total_facts = total_sounds = 0.0
    for token, count in p.tokens.items():
        w = weights[token]
        # The folder's own float when the token occurs once (most do): no copy per article.
        damped = w if count == 1 else w * (1.0 + math.log(count))
        kind = token[0]
        if kind == "w":
            total_all += damped
            if not comparable:
                continue
        elif kind == "s":
            if token not in p.guessed:  # counted only when shared (`story.guessed_weight`)
                total_sounds += damped
        else:
            total_all += damped
            total_facts += damped
            total_sounds += damped
        if shared[token] < 2:
            continue
        shareable[token[0]][token] = damped
    return Weighed(
        p.without_tokens(), facts, words, names, sounds, total_all, total_facts, total_sounds,
        powers(total_all), powers(total_facts), powers(total_sounds),
    )  # fmt: skip


_NO_WORDS: frozenset[str] = frozenset()


def score(a: Weighed, b: Weighed) -> float:
    """`factcheck.compare.story.similarity` of the two articles with the folder's weights.

    Called for every candidate pair of an audit (7 million at 100,000 articles): each side's
    totals come with their powers ready (`factcheck.compare.story.normalised`)."""
    profile_a, profile_b = a.profile, b.profile
    language = profile_a.language
    words: AbstractSet[str] = _NO_WORDS  # a pair in two languages shares none
    sounds: AbstractSet[str] = _NO_WORDS
    if two_scripts(profile_a, profile_b):
        total_a, total_b = a.total_sounds, b.total_sounds
        powers_a, powers_b = a.powers_sounds, b.powers_sounds
        sounds = a.sounds.keys() & b.sounds.keys()
        if profile_a.guessed or profile_b.guessed:
            total_a += sum(a.sounds[t] for t in sounds & profile_a.guessed)
            total_b += sum(b.sounds[t] for t in sounds & profile_b.guessed)
            powers_a, powers_b = powers(total_a), powers(total_b)
    elif language is not None and language == profile_b.language:
        total_a, total_b, powers_a, powers_b = a.total_all, b.total_all, a.powers_all, b.powers_all
        words = a.words.keys() & b.words.keys()
    else:
        total_a, total_b = a.total_facts, b.total_facts
        powers_a, powers_b = a.powers_facts, b.powers_facts
    if total_a <= 0 or total_b <= 0:
        return 0.0
    facts = a.facts.keys() & b.facts.keys()
    names = a.names.keys() & b.names.keys()
    shared = len(facts) + len(words)
    if shared < MIN_SHARED and shared + name_evidence(profile_a, names | sounds) < MIN_SHARED:
        return 0.0
    if not names and not sounds and not facts and len(words) < WORDS_ONLY:
        return 0.0  # a few content words alone (`factcheck.compare.story.words_suffice`)
    # Builtins all the way down (no Python call per token): most of an audit's grouping time.
    common = sum(map(min, map(a.words.__getitem__, words), map(b.words.__getitem__, words)))
    if facts:
        common += sum(map(min, map(a.facts.__getitem__, facts), map(b.facts.__getitem__, facts)))
    if names:
        common += sum(map(min, map(a.names.__getitem__, names), map(b.names.__getitem__, names)))
    if sounds:
        common += sum(
            map(min, map(a.sounds.__getitem__, sounds), map(b.sounds.__getitem__, sounds))
        )
    similarity = normalised(common, total_a, powers_a, total_b, powers_b)
    return similarity * in_time(profile_a, profile_b)
