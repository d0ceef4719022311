"""Where a word occurs in a text, for completing and checking the names of quote speakers.

Scanning the whole text for each name makes a long text that quotes many different people take
time quadratic in its length. Names start with a capital, so the text's capitals are indexed
once, each with the characters that follow it, sorted: the occurrences of a name are then the
entries that start with it.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

_CAPITAL = regex.compile(r"\p{Lu}")
WINDOW = 64  # characters kept after each capital; longer words are checked against the text


class Occurrences:
    """The positions of words in one text, looked up in a sorted index of its capitals."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: list[tuple[str, int]] | None = None
        self._found: dict[str, list[int]] = {}

    def of(self, word: str) -> list[int]:
        """Every position where `word` starts in the text, overlapping ones included, in order."""
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = self._find(word)
        return found

    def _find(self, word: str) -> list[int]:
        if not word or not _CAPITAL.match(word):
            return _scan(self.text, word)
        if self._index is None:
            self._index = sorted(
                (self.text[m.start() : m.start() + WINDOW], m.start())
                for m in _CAPITAL.finditer(self.text)
            )
        key = word[:WINDOW]
        found = []
        i = bisect_left(self._index, (key,))
        while i < len(self._index) and self._index[i][0].startswith(key):
            pos = self._index[i][1]
            if len(word) <= WINDOW or self.text.startswith(word, pos):
                found.append(pos)
            i += 1
        found.sort()
        return found


def _scan(text: str, word: str) -> list[int]:
    found = []
    pos = text.find(word)
    while pos >= 0:
        found.append(pos)
        pos = text.find(word, pos + 1)
    return found


def apart(positions: list[int], length: int) -> list[int]:
    """The positions a left-to-right scan finds, each occurrence `length` long: no overlaps."""
    kept = []
    end = 0
    for pos in positions:
        if pos >= end:
            kept.append(pos)
            end = pos + length
    return kept
