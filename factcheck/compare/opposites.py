"""Words of opposite meaning: "rose" / "fell", "approved" / "rejected", "legal" / "illegal".

A sentence the candidate copies from the reference with one word replaced by its opposite says the
opposite of the reference ("exports rose in May" / "exports fell in May"), while every name,
figure and date of it still matches. The word lists (`data/opposites.json`) are per language;
words made opposite by a prefix ("controlled" / "uncontrolled") need no list entry.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

MIN_STEM = 4  # letters a word keeps after an opposite-making prefix ("un" + "able" is no pair)

Pole = tuple[int, int]  # (pair number, 0 or 1)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    exact: dict[str, frozenset[Pole]]
    prefixed: tuple[tuple[str, Pole], ...]  # entries ending in * ("climb*")
    negating: tuple[str, ...]  # prefixes that make a word its own opposite ("un", "il")
    not_prefixed: frozenset[str]  # ... words they begin without that meaning ("inform")

    def poles(self, word: str) -> frozenset[Pole]:
        found = self.exact.get(word, frozenset())
        extra = {pole for prefix, pole in self.prefixed if word.startswith(prefix)}
        return found | extra if extra else found


@functools.cache
def _lexicon(language: str) -> _Lexicon | None:
    data = resources.files("factcheck.compare").joinpath("data/opposites.json")
    table = json.loads(data.read_text(encoding="utf-8"))
    pairs = table["pairs"].get(language)
    negating = tuple(table["prefixes"].get(language, ()))
    not_prefixed = frozenset(table["not_prefixed"].get(language, ()))
    if pairs is None and not negating:
        return None
    exact: dict[str, set[Pole]] = {}
    prefixed: list[tuple[str, Pole]] = []
    for number, poles in enumerate(pairs or ()):
        for side, words in enumerate(poles):
            for word in words:
                if word.endswith("*"):
                    prefixed.append((word[:-1], (number, side)))
                else:
                    exact.setdefault(word, set()).add((number, side))
    frozen = {word: frozenset(poles) for word, poles in exact.items()}
    return _Lexicon(frozen, tuple(prefixed), negating, not_prefixed)


def known(language: str | None) -> bool:
    """Whether opposites are listed for `language`."""
    return bool(language) and _lexicon(language or "") is not None


def has_opposite(word: str, language: str | None) -> bool:
    """Whether `word` is listed with an opposite in `language`."""
    lexicon = _lexicon(language or "")
    return lexicon is not None and bool(lexicon.poles(word))


def negating_prefixes(language: str | None) -> tuple[str, ...]:
    """The prefixes that make a word its own opposite in `language` ("un", "il")."""
    lexicon = _lexicon(language or "")
    return lexicon.negating if lexicon is not None else ()


def _prefixed(a: str, b: str, prefixes: Iterable[str]) -> bool:
    """`b` is `a` with an opposite-making prefix, or the reverse ("crewed", "uncrewed")."""
    for prefix in prefixes:
        if len(b) - len(prefix) >= MIN_STEM and b == prefix + a:
            return True
        if len(a) - len(prefix) >= MIN_STEM and a == prefix + b:
            return True
    return False


def opposite(
    old: Iterable[str],
    new: Iterable[str],
    old_sentence: Iterable[str],
    new_sentence: Iterable[str],
    language: str | None,
) -> tuple[str, str] | None:
    """A word of `old` and a word of `new` (lower-case words replacing one another in a copied
    sentence) of opposite meaning, when neither sentence also holds the other's word elsewhere:
    "prices rose and wages fell" retold as "wages fell and prices rose" swaps places, not
    meanings."""
    lexicon = _lexicon(language or "")
    if lexicon is None:
        return None
    old, new = list(old), list(new)
    old_all, new_all = set(old_sentence), set(new_sentence)
    for a in old:
        for b in new:
            if a == b or a in new_all or b in old_all:
                continue
            if _prefixed(a, b, lexicon.negating) and not {a, b} & lexicon.not_prefixed:
                return a, b
            pa, pb = lexicon.poles(a), lexicon.poles(b)
            if not pa or not pb:
                continue
            flipped = {(number, 1 - side) for number, side in pa}
            if not flipped & pb or pa & pb:
                continue
            if not _echoed(lexicon, pa, new_all) and not _echoed(lexicon, pb, old_all):
                return a, b
    return None


def _echoed(lexicon: _Lexicon, poles: frozenset[Pole], there: set[str]) -> bool:
    """Whether the other sentence still says the word's meaning in some word (then the
    opposite word is about something else: "delete the app ... if work apps are installed")."""
    return any(lexicon.poles(word) & poles for word in there)
