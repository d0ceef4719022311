"""Finding an LLM's quoted evidence in the article, so every fact points at real text.

Models copy evidence almost verbatim: they straighten curly quotes, collapse line breaks, drop a
non-breaking space. We look for the exact string first, then for the same string with quotes and
whitespace normalised on both sides, and map the match back to offsets in the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‹": "'",
        "›": "'",
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "\u00a0": " ",
        "\u202f": " ",
    }
)
_SPACE = re.compile(r"\s+")


def _normalise(text: str) -> tuple[str, list[int]]:
    """Text with quotes straightened and whitespace runs collapsed, and each char's origin."""
    out: list[str] = []
    origin: list[int] = []
    previous_space = False
    for i, char in enumerate(text.translate(_QUOTES)):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        out.append(char)
        origin.append(i)
    return "".join(out), origin


@dataclass
class Grounder:
    """Locates evidence strings in one document's text (normalised form built once)."""

    text: str

    def __post_init__(self) -> None:
        self._normal, self._origin = _normalise(self.text)
        self._folded = self._normal.casefold()
        self._same_length = len(self._folded) == len(self._normal)

    def locate(self, evidence: str, near: int = 0) -> tuple[int, int] | None:
        """(start, end) of `evidence` in the text, the occurrence nearest `near`; None if absent."""
        evidence = evidence.strip()
        if not evidence:
            return None
        exact = _nearest(_all(self.text, evidence), near)
        if exact is not None:
            return exact, exact + len(evidence)
        wanted, _ = _normalise(evidence)
        wanted = _SPACE.sub(" ", wanted).strip()
        haystack = self._normal
        if wanted not in haystack and self._same_length:
            wanted, haystack = wanted.casefold(), self._folded
        starts = _all(haystack, wanted)
        if not starts:
            return None
        near_normal = bisect_left(self._origin, near)
        start = _nearest(starts, near_normal)
        assert start is not None
        end = start + len(wanted) - 1
        return self._origin[start], self._origin[end] + 1


def _all(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _nearest(candidates: list[int], near: int) -> int | None:
    return min(candidates, key=lambda at: abs(at - near)) if candidates else None
