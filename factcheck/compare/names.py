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

from rapidfuzz import fuzz, process

from factcheck.extract.rules.entities import entity_key, same_entity
from factcheck.extract.rules.entities_names import FUZZY_THRESHOLD, SKELETON_THRESHOLD, skeleton

# A surname this short ("Li", "Ng") matches too much to be trusted on its own.
MIN_SURNAME = 3
MIN_WORD = 4  # a single word this long may name a speaker inside a longer phrase
MIN_SKELETON = 2  # consonants a surname in another script must share with the full name's

FEW = 16  # a block this small is compared name by name
T = TypeVar("T")
_VOWELS = re.compile(r"[^bdfjklmnrstz0-9]+")  # after folding: what transliteration keeps
_FOLD = str.maketrans({"c": "k", "q": "k", "x": "k", "p": "b", "g": "j", "v": "f", "z": "s"})


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
    if len(short) >= 2 and long[-len(short) :] == short:
        # "Acquisition Darleen Druyun", "Air Force James Roche": a title or employer glued in
        # front of the full name by an extractor; the name itself is the same.
        return True
    if len(short) != 1 or len(long) < 2 or len(short[0]) < MIN_SURNAME:
        return False
    if short[0] in (long[0], long[-1]):
        return True
    # Across scripts a surname keeps its consonants: "حداد" (hdd) stands for Karim Haddad.
    return not (a.isascii() and b.isascii()) and _same_consonants(short[0], long[-1])


def _same_consonants(a: str, b: str) -> bool:
    sa, sb = skeleton(a), skeleton(b)
    return len(sa) >= MIN_SKELETON and sa == sb


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


def is_named(
    speaker: str | None, persons: Iterable[str] | NameSet = (), orgs: Iterable[str] | NameSet = ()
) -> bool:
    """Whether a speaker is a named person: a known person entity, or a capitalised name that is
    not one of the article's organisations."""
    if not speaker:
        return False
    if isinstance(persons, NameSet):
        if persons.has_speaker(speaker):
            return True
    elif any(same_speaker(speaker, person) for person in persons):
        return True
    if isinstance(orgs, NameSet):
        if orgs.has_name(speaker):
            return False
    elif any(same_name(speaker, org) for org in orgs):
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
def blocks(name: str) -> frozenset[tuple[str, ...]]:
    """Cheap tags a name is filed under; a name that `same_speaker` accepts as the same speaker
    carries one of them among its `probes`.

    Each rule leaves its own tag: the key, the key without spaces ("Al Jazeera", "AlJazeera"),
    a single word against the first or last word of a longer name (a surname or given name
    standing for the full name), and for names of as many words, the first consonant of a word
    or of the whole name (transliteration keeps consonants and drops vowels, as Arabic script
    does). Fuzzy spellings whose first consonants differ are the one case the tags may miss.
    """
    return _tags(name, probe=False)


@lru_cache(maxsize=65536)
def probes(name: str) -> frozenset[tuple[str, ...]]:
    """The tags to look `name` up by (see `blocks`)."""
    return _tags(name, probe=True)


def _tags(name: str, *, probe: bool) -> frozenset[tuple[str, ...]]:
    k = key(name)
    words = k.split()
    if not words:
        return frozenset()
    tags: set[tuple[str, ...]] = {("key", k), ("joined", k.replace(" ", ""))}
    if len(words) == 1:
        tags.add(("end", words[0]) if probe else ("single", words[0]))
        # A surname in another script, by its consonants (see same_speaker).
        tags.add(
            ("last-consonants", skeleton(words[0])) if probe else ("consonants", skeleton(words[0]))
        )
    else:
        ends = {words[0], words[-1]}
        tags.update(("single", w) if probe else ("end", w) for w in ends)
        # A full name at the end of a longer run ("Air Force James Roche"; see same_speaker).
        tags.add(("tail", words[-2], words[-1]))
        last = skeleton(words[-1])
        tags.add(("consonants", last) if probe else ("last-consonants", last))
    count = str(len(words))
    for part in [*words, k.replace(" ", "")]:
        folded = part.replace("tsch", "sh").replace("sch", "sh").replace("tsh", "sh")
        folded = folded.replace("ph", "f").replace("ch", "k").translate(_FOLD)
        consonants = _VOWELS.sub("", folded)
        tags.add(("first", count, (consonants or part)[:1]))
    return frozenset(tags)


class NameIndex(Generic[T]):
    """Items by the blocks of their names, so a lookup compares a few names instead of all.

    A block of first consonants grows with the article (thousands of names share "m"); the names
    there can only match by fuzzy spelling, so a large one is first narrowed, in one call to
    rapidfuzz, to the names whose key (or consonant skeleton) is as close as `same_entity` asks.
    """

    def __init__(self) -> None:
        self._items: dict[tuple[str, ...], list[tuple[int, T]]] = defaultdict(list)
        self._spelling: dict[tuple[str, ...], _Spellings] = defaultdict(_Spellings)
        self._count = 0

    def add(self, name: str, item: T) -> None:
        """File `item` under the blocks of `name`."""
        for tag in blocks(name):
            self._items[tag].append((self._count, item))
            if tag[0] == "first":
                self._spelling[tag].add(name)
        self._count += 1

    def near(self, name: str) -> list[T]:
        """Items whose names share a block with `name` (and, in a large block of first
        consonants, are spelt close enough to match), in the order they were added."""
        found: dict[int, T] = {}
        for tag in probes(name):
            bucket = self._items.get(tag, ())
            if tag[0] == "first" and len(bucket) > FEW:
                bucket = [bucket[i] for i in self._spelling[tag].close(name)]
            for order, item in bucket:
                found[order] = item
        return [found[order] for order in sorted(found)]


class _Spellings:
    """The keys and consonant skeletons of the names of one block, in the order added."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.skeletons: list[str] = []
        self.foreign: list[int] = []  # the names written in another script than Latin

    def add(self, name: str) -> None:
        k = key(name)
        if not name.isascii():
            self.foreign.append(len(self.keys))
        self.keys.append(k)
        self.skeletons.append(skeleton(k))

    def close(self, name: str) -> list[int]:
        """The names `same_entity` could match with `name` by spelling alone: a key at its fuzzy
        threshold, or, where one of the two is not in Latin script, a close consonant skeleton."""
        k = key(name)
        hits = {
            i
            for _, _, i in process.extract(
                k, self.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=None
            )
        }
        if not name.isascii() or self.foreign:
            near = process.extract(
                skeleton(k),
                self.skeletons,
                scorer=fuzz.ratio,
                score_cutoff=SKELETON_THRESHOLD,
                limit=None,
            )
            foreign = set(self.foreign) if name.isascii() else None
            hits.update(i for _, _, i in near if foreign is None or i in foreign)
        return sorted(hits)


class NameSet:
    """A list of names (an article's persons, or its quotes' speakers) asked, many times over,
    whether it holds a given speaker: each question compares the few names that share a block."""

    def __init__(self, names: Iterable[str]) -> None:
        self._index: NameIndex[str] = NameIndex()
        for name in dict.fromkeys(n for n in names if n):
            self._index.add(name, name)

    def has_speaker(self, speaker: str | None) -> bool:
        """Whether one of the names is `speaker` (`same_speaker`)."""
        return bool(speaker) and any(
            same_speaker(speaker, name) for name in self._index.near(str(speaker))
        )

    def has_name(self, name: str) -> bool:
        """Whether one of the names denotes the same entity as `name` (`same_name`)."""
        return any(same_name(name, other) for other in self._index.near(name))

    def fullest(self, name: str) -> str:
        """The longest name that is the same speaker as `name` (`fullest`)."""
        return fullest(name, self._index.near(name))
