"""Where the words of one article start, to test many names against a long text.

Searching the whole text once per name makes a comparison quadratic: a long candidate has
thousands of names, and each search reads all of it. A name is written where its first word is,
so the index lists the positions of every word once, and a name's pattern is only tried there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

_WORD = re.compile(r"\w+")


class WordIndex:
    """The start positions of every word of `text`, by its case-folded form."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: dict[str, list[int]] = defaultdict(list)
        for m in _WORD.finditer(text):
            self._at[m.group().casefold()].append(m.start())

    def search(self, pattern: re.Pattern[str] | Callable[[], re.Pattern[str]], phrase: str) -> bool:
        """Whether `pattern` matches the text somewhere, for a pattern whose every match starts
        where a word of the text starts and spells `phrase`'s first word (in any case).

        A phrase that does not start with a word character is searched in the whole text.
        `pattern` may be a function that compiles it, called only when there is a place to try
        it: most names of a long article are absent from the other, and compiling a pattern
        for each of them cost more than the rest of their search.
        """
        first = _WORD.match(phrase)
        if first is None:
            return _pattern(pattern).search(self.text) is not None
        positions = self._at.get(first.group().casefold())
        if not positions:
            return False
        compiled = _pattern(pattern)
        return any(compiled.match(self.text, pos) for pos in positions)


def _pattern(pattern: re.Pattern[str] | Callable[[], re.Pattern[str]]) -> re.Pattern[str]:
    return pattern if isinstance(pattern, re.Pattern) else pattern()


def word_index(text: str, memo: dict[str, object]) -> WordIndex:
    """The `WordIndex` of `text`, built once and kept in `memo` (a side's derived views)."""
    index = memo.get("word_index")
    if not isinstance(index, WordIndex) or index.text is not text:
        index = memo["word_index"] = WordIndex(text)
    return index
