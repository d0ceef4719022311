"""The folder's fast pair score equals compare's story similarity with the folder's weights."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter

import pytest

from factcheck.audit.pair_scores import score, weigh
from factcheck.compare.story import Profile, similarity

VOCABULARY = [
    *(f"n:name{i}" for i in range(8)),
    *(f"s:NSK{i}" for i in range(6)),
    *(f"f:{10 + i}" for i in range(6)),
    *(f"d:2026-01-0{i + 1}" for i in range(5)),
    *(f"w:en:word{i}" for i in range(10)),
    *(f"w:fr:mot{i}" for i in range(10)),
    *(f"w:?:x{i}" for i in range(4)),
]


def _random_profile(rng: random.Random) -> Profile:
    language = rng.choice(["en", "en", "fr", None])
    pool = [t for t in VOCABULARY if t[0] != "w" or t.startswith(f"w:{language or '?'}:")]
    tokens = {t: rng.choice([1, 1, 1, 2, 5]) for t in rng.sample(pool, rng.randrange(1, 12))}
    named = [t for t in tokens if t[0] in "ns"]  # a name's spellings and sounds
    names = tuple(tuple(named[k : k + 3]) for k in range(0, len(named), 3))
    published = rng.choice([None, dt.date(2026, 1, 1), dt.date(2026, 3, 1)])
    script = rng.choice(["LATIN", "LATIN", "CYRILLIC", None])
    guessed = frozenset(t for t in tokens if t[0] == "s" and rng.random() < 0.5)
    return Profile(tokens, language, published, names, script, guessed)


def _weights(profiles: list[Profile], rng: random.Random) -> tuple[dict[str, float], Counter]:
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.tokens.keys())
    return {t: rng.uniform(0.5, 4.0) for t in df}, df


@pytest.mark.parametrize("seed", range(5))
def test_the_fast_score_is_the_similarity_with_folder_weights(seed: int) -> None:
    rng = random.Random(seed)
    profiles = [_random_profile(rng) for _ in range(60)]
    weights, df = _weights(profiles, rng)
    weighed = [weigh(p, weights, df) for p in profiles]
    compared = nonzero = 0
    for i in range(len(profiles)):
        for j in range(i + 1, len(profiles)):
            expected = similarity(profiles[i], profiles[j], weights.__getitem__)
            got = score(weighed[i], weighed[j])
            assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12), (i, j)
            compared += 1
            nonzero += expected > 0
    assert nonzero > compared // 10  # the random folders do share stories


def test_articles_of_no_known_language_do_not_share_their_words() -> None:
    a = Profile({"w:?:harbour": 1, "w:?:bridge": 1, "n:rina": 1}, None, names=(("n:rina",),))
    b = Profile({"w:?:harbour": 1, "w:?:bridge": 1, "n:otto": 1}, None, names=(("n:otto",),))
    weights = {t: 1.0 for t in {*a.tokens, *b.tokens}}
    df = Counter({**{t: 1 for t in weights}, "w:?:harbour": 2, "w:?:bridge": 2})
    assert score(weigh(a, weights, df), weigh(b, weights, df)) == 0.0
    assert similarity(a, b, weights.__getitem__) == 0.0


def test_a_shared_full_name_is_evidence_enough_where_one_shared_name_word_is_not() -> None:
    # Two one-line reports in two languages; the first names the new prime minister in full.
    def report(language: str, name: tuple[str, ...], place: str) -> Profile:
        tokens = dict.fromkeys((*name, place), 1)
        return Profile(tokens, language, names=(name, (place,)))

    swedish = report("sv", ("n:ulf", "n:kristersson"), "n:riksdagen")
    french = report("fr", ("n:ulf", "n:kristersson"), "n:suede")
    surname_only = report("fr", ("n:kristersson",), "n:suede")
    profiles = [swedish, french, surname_only]
    weights = {t: 3.0 for p in profiles for t in p.tokens}
    df = Counter(t for p in profiles for t in p.tokens)
    weighed = [weigh(p, weights, df) for p in profiles]
    assert score(weighed[0], weighed[1]) > 0.16 and similarity(swedish, french, weights.get) > 0.16
    assert score(weighed[0], weighed[2]) == 0.0 == similarity(swedish, surname_only, weights.get)
