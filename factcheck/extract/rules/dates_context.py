"""The few words around a date or a figure that say what it is about ("penutupan akses").

Words are read within the clause only: punctuation, line breaks and conjunctions such as
"bahwa" or "que" end it. Stop-words and capitalised names are skipped, since "OpenAI" says who,
not what; a capitalised word that opens a sentence still counts, lowercased.
"""

from __future__ import annotations

import functools
import re

from factcheck.extract.rules.dates_data import table

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")
_BREAK_CHARS = frozenset('.,;:!?()[]{}"“”«»„<>\n|،؛؟')
_BREAK = re.compile("[" + re.escape("".join(sorted(_BREAK_CHARS))) + "]")
_SENTENCE_END = frozenset(".!?\n:")
_DIGIT_CHARS = frozenset("0123456789")
WINDOW = 80


@functools.cache
def stopwords() -> frozenset[str]:
    """Function words of every language: never context."""
    return frozenset(w.replace("\u2019", "'") for w in table()["stopwords"])


@functools.cache
def clause_breaks() -> frozenset[str]:
    """Conjunctions that start a new clause ("bahwa", "que", "that")."""
    return frozenset(w.replace("\u2019", "'") for w in table()["clause_breaks"])


def _content(word: str, text: str, start: int, skip: frozenset[str]) -> str | None:
    """`word` lowercased when it can be context, else None."""
    lower = word.lower().replace("\u2019", "'")
    if lower in stopwords() or lower in skip or len(lower) < 2:
        return None
    if any(ch.isupper() for ch in word[1:]):
        return None  # OpenAI, GPT, ChatGPT: names
    if word[0].isupper():
        before = text[max(0, start - 3) : start].strip()
        if before and before[-1] not in _SENTENCE_END:
            return None
    return lower


def _words(segment: str) -> list[tuple[str, int]]:
    """The words of `segment` with their offsets, cut at the last break before the end."""
    return [(m.group(), m.start()) for m in _WORD.finditer(segment)]


def words_before(
    text: str, start: int, limit: int, skip: frozenset[str] = frozenset(), *, floor: int = 0
) -> list[str]:
    """Up to `limit` content words just before `start`, within its clause, never before `floor`."""
    lo = max(0, start - WINDOW, floor)
    segment = text[lo:start]
    last = _BREAK.search(segment[::-1])  # the last break: the first of the reversed segment
    cut = len(segment) - 1 - last.start() if last else -1
    found: list[str] = []
    for word, offset in reversed(_words(segment[cut + 1 :])):
        if word.lower() in clause_breaks():
            break
        content = _content(word, text, lo + cut + 1 + offset, skip)
        if content:
            found.append(content)
            if len(found) == limit:
                break
    return found[::-1]


def words_after(
    text: str,
    end: int,
    limit: int,
    skip: frozenset[str] = frozenset(),
    *,
    first_only: bool = False,
    stop: int | None = None,
) -> list[str]:
    """Up to `limit` content words just after `end`, within its clause.

    With `first_only` (figures), stop at the first word that is not a stop-word even when it
    cannot be context (a name: "20 % aux États-Unis" says nothing about what the 20 % counts),
    and at the next digit, which belongs to the next figure. Nothing at or after `stop` is read.
    """
    segment = text[end : min(end + WINDOW, stop if stop is not None else len(text))]
    # a leading comma ("Bulan lalu, perusahaan ...") does not end the clause the phrase opens
    lead = len(segment) - len(segment.lstrip(" ,\u00a0"))
    breaks = _BREAK_CHARS if not first_only else _BREAK_CHARS | _DIGIT_CHARS
    cut = next((i for i, ch in enumerate(segment) if ch in breaks and i >= lead), len(segment))
    found: list[str] = []
    for word, offset in _words(segment[:cut]):
        lower = word.lower()
        if lower in clause_breaks() and found:
            break
        content = _content(word, text, end + offset, skip)
        if content:
            found.append(content)
            if len(found) == limit:
                break
        elif first_only and lower not in stopwords() and lower not in skip:
            break
    return found
