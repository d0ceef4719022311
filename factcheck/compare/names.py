"""Matching the names of people and organisations across articles, scripts and languages.

`same_entity` from the extractor decides whether two full names agree; news articles also refer
to a person by surname alone after the first mention ("Nulty" for "Christopher Nulty"), so
speakers match on that too. Comparisons repeat the same names across thousands of pairs, hence
the caches.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Generic, TypeVar

from factcheck.extract.rules.entities import entity_key, same_entity

# A surname this short ("Li", "Ng") matches too much to be trusted on its own.
MIN_SURNAME = 3
MIN_WORD = 4  # a single word this long may name a speaker inside a longer phrase

T = TypeVar("T")
_VOWELS = re.compile(r"[^bdfjklmnrstz0-9]+")  # after folding: what transliteration keeps
_FOLD = str.maketrans({"c": "k", "q": "k", "x": "k", "p": "b", "g": "j", "v": "f"})


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The script- and case-independent key of a name (cached `entity_key`)."""
    return entity_key(name)


@lru_cache(maxsize=262144)
def _same(a: str, b: str) -> bool:
    return same_entity(a, b)


def same_name(a: str, b: str) -> bool:
    """Whether two names denote the same entity (order-independent, cached)."""
    if a == b:
        return True
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    return _same(a, b) if a <= b else _same(b, a)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Whether two speakers are the same: same name, or one word of the full name standing for
    it (a surname, "Nulty"; or a given name, as Indonesian articles say "kata Hendra")."""
    if not a or not b:
        return False
    if same_name(a, b):
        return True
    ta, tb = key(a).split(), key(b).split()
    short, long = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(short) != 1 or len(long) < 2 or len(short[0]) < MIN_SURNAME:
        return False
    return short[0] in (long[0], long[-1])


def speaker_matches(a: str | None, b: str | None) -> bool:
    """`same_speaker`, or one word of one speaker naming the other ("ليستاري وقالت", an extracted
    speaker with a verb attached, names Sari Lestari). Looser: for pairing quotes only."""
    if same_speaker(a, b):
        return True
    if not a or not b:
        return False
    ta, tb = a.split(), b.split()  # surface words: same_name compares scripts by consonants
    for words, other in ((ta, tb), (tb, ta)):
        ends = {w for w in (other[0], other[-1]) if len(w) >= MIN_WORD}
        if ends and any(
            len(w) >= MIN_WORD and any(same_name(w, end) for end in ends) for w in words
        ):
            return True
    return False


def looks_like_name(speaker: str) -> bool:
    """Whether a speaker reads as a proper name ("Hannah Wong") rather than a role ("la société")."""
    words = [w for w in speaker.split() if any(ch.isalpha() for ch in w)]
    if not words:
        return False
    cased = [w for w in words if w[0].isupper() or w[0].islower()]
    if not cased:  # a caseless script (Arabic): only the extractor's entities can tell
        return False
    return all(w[0].isupper() for w in cased)


def is_named(speaker: str | None, persons: Iterable[str] = (), orgs: Iterable[str] = ()) -> bool:
    """Whether a speaker is a named person: a known person entity, or a capitalised name that is
    not one of the article's organisations."""
    if not speaker:
        return False
    if any(same_speaker(speaker, person) for person in persons):
        return True
    if any(same_name(speaker, org) for org in orgs):
        return False
    return looks_like_name(speaker)


def fullest(name: str, names: Iterable[str]) -> str:
    """The longest of `names` that denotes the same speaker as `name` (itself when none)."""
    best = name
    for other in names:
        if len(other) > len(best) and same_speaker(name, other):
            best = other
    return best


@lru_cache(maxsize=65536)
def blocks(name: str) -> frozenset[str]:
    """Cheap tags two matching names almost always share: the first consonant of each word and
    of the whole name (transliteration keeps consonants and drops vowels, as Arabic script does).
    """
    k = key(name)
    tags = set()
    for part in [*k.split(), k.replace(" ", "")]:
        folded = part.replace("ph", "f").replace("ch", "k").translate(_FOLD)
        consonants = _VOWELS.sub("", folded)
        tags.add((consonants or part)[:1])
    tags.discard("")
    return frozenset(tags)


class NameIndex(Generic[T]):
    """Items by the blocks of their names, so a lookup compares a few names instead of all."""

    def __init__(self) -> None:
        self._items: dict[str, list[tuple[int, T]]] = defaultdict(list)
        self._count = 0

    def add(self, name: str, item: T) -> None:
        """File `item` under the blocks of `name`."""
        for tag in blocks(name):
            self._items[tag].append((self._count, item))
        self._count += 1

    def near(self, name: str) -> list[T]:
        """Items whose names share a block with `name`, in the order they were added."""
        found: dict[int, T] = {}
        for tag in blocks(name):
            for order, item in self._items.get(tag, ()):
                found[order] = item
        return [found[order] for order in sorted(found)]
