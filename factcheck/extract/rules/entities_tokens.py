"""Capitalised words that may be names, and what their shape and position say about them."""

from __future__ import annotations

import itertools
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from factcheck.extract.rules.entities_mask import masked_spans, share_bars
from factcheck.extract.rules.entities_names import alias_of, letters_and_digits, longest_alias

# Indonesian enclitics glued with a hyphen: "AI-nya" is "its AI".
_CLITICS = ("-nya", "-lah", "-kah", "-pun")
_ADJECTIVAL = regex.compile(r"(?:-\p{Ll}+)+\Z")
_CAMEL_CUT = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
# Characters skipped when looking back for a sentence start: spaces, quotes, brackets, bullets.
_OPENERS = " \t\u00a0\"'“”«»‘’„([{*-–—•>"
_ENDERS = ".!?:;…\n\r|"
_HEADING_MAX_WORDS = 12
# "McCain", "MacArthur": a surname's prefix, not the capital inside a brand ("OpenAI").
_MAC = re.compile(r"\AMa?c(?=[A-Z][a-z])")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    ambiguous: bool  # capitalised because of its position (sentence start, heading), not a name


@cache
def _token_pattern() -> re.Pattern[str]:
    """A capitalised word; an apostrophe ends it, so "d'OpenAI" and "OpenAI's" give "OpenAI"."""
    # The stdlib engine with an explicit capitals class is about twice as fast as regex's \p{Lu},
    # and a pattern that starts with that class (the look-behind coming after it) lets the engine
    # skip to the next capital: 2.5 times faster again than starting with the look-behind.
    capitals = "".join(re.escape(chr(c)) for c in range(0x10000) if chr(c).isupper())
    return re.compile(rf"[{capitals}](?<![\w#@].)\w*(?:[-&]\w+)*")


# Arabic articles glued to a name with a hyphen ("al-Assad") belong to the word.
_ARTICLE = re.compile(r"(?<![\w#@])(?:al|el)-")


def tokens(text: str, stop: frozenset[str], german: bool) -> list[Token]:
    """Every capitalised word of `text` outside links, split into its possible names."""
    masked = _masked_spans(text)
    headings = _heading_lines(text)
    out: list[Token] = []
    for m in _token_pattern().finditer(text):
        start = m.start()
        if start >= 3 and _ARTICLE.match(text, start - 3):
            start -= 3
        parts = _parts(text[start : m.end()], stop)
        if not parts or (masked and _inside(masked, start)) or _in_path(text, start, m.end()):
            continue
        initial = _sentence_initial(text, start)
        heading = bool(headings) and _inside(headings, start)
        for offset, part in parts:
            weak = (initial and offset == 0) or heading or (german and titlecase(part))
            out.append(Token(start + offset, start + offset + len(part), part, weak))
    return out


@lru_cache(maxsize=16384)
def _parts(word: str, stop: frozenset[str]) -> tuple[tuple[int, str], ...]:
    """The possible names inside one capitalised word, with their offsets."""
    return tuple((i, p) for i, p in _split_word(word) if len(p) >= 2 and p not in stop)


@lru_cache(maxsize=16384)
def _split_word(word: str) -> tuple[tuple[int, str], ...]:
    if alias_of(word) is not None:
        return ((0, word),)
    for clitic in _CLITICS:
        if word.endswith(clitic):
            word = word[: -len(clitic)]
    if _ADJECTIVAL.search(word):
        # "UK-based", "Kremlin-backed": the name without the adjective made from it.
        word = _ADJECTIVAL.sub("", word)
    if "-" in word and alias_of(word) is None:
        # "Anthropic-OpenAI" names two companies.
        pieces = word.split("-")
        if all(alias_of(p) is not None for p in pieces):
            out, pos = [], 0
            for p in pieces:
                out.append((pos, p))
                pos += len(p) + 1
            return tuple(out)
    return ((0, _cut_camel(word)),)


def _in_path(text: str, start: int, end: int) -> bool:
    """A component of a file path ("troff.d/README", "sys/ufs/PI"): a file name, not a name."""
    return text[start - 1 : start] == "/" and (
        end == len(text) or text[end].isspace() or text[end] in "/.,;"
    )


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    c = text[i]
    if c == "." and i >= 1 and text[i - 1].isupper() and (i < 2 or not text[i - 2].isalpha()):
        return False  # the period of an initial ("George W. Bush", "U.S. Army")
    return c in _ENDERS or (ord(c) > 0x2000 and not c.isalnum() and c not in "’”»)")


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Short title-case lines without end punctuation: capitals there do not mark names."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        words = stripped.split()
        if (
            words
            and len(words) <= _HEADING_MAX_WORDS
            and stripped[-1] not in ".!?:;,\"'”»"
            and ":" not in stripped
            and sum(1 for w in words if w[:1].isupper()) * 2 >= len(words)
        ):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _masked_spans(text: str) -> list[tuple[int, int]]:
    bars = share_bars(text)
    if "<" not in text and "http" not in text and "@" not in text and "www." not in text:
        return bars
    spans = masked_spans(text)
    if not bars:
        return spans
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + bars):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_right(spans, (pos, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


@lru_cache(maxsize=16384)
def _cut_camel(word: str) -> str:
    """ "AnthropicPensez-vous" (two words glued by a lost space) gives "Anthropic"."""
    if alias_of(word) is not None or ("-" not in word and not _CAMEL_CUT.search(word)):
        return word
    # A prefix longer than every alias is none: stop there, or a long CamelCase token (a base64
    # blob) is looked up once per capital, in time quadratic in its length.
    longest, spelt, done = longest_alias(), 0, 0
    for cut in _CAMEL_CUT.finditer(word):
        spelt += letters_and_digits(word[done : cut.start()])
        done = cut.start()
        if spelt > longest and done > longest:
            break
        if alias_of(word[:done]) is not None and not brand(word[done:]):
            return word[:done]
    return word


@lru_cache(maxsize=16384)
def brand(word: str) -> bool:
    """CamelCase (OpenAI), all capitals (WIRED) or letters with digits (GPT-5)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 2:
        return False
    if word.isupper() or any(c.isdigit() for c in word):
        return True
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(_MAC.sub("", word)))


@lru_cache(maxsize=16384)
def titlecase(word: str) -> bool:
    """ "Kaplan", "Jean-Baptiste", "al-Assad": a capital, then lower case."""
    parts = [_MAC.sub("", p) for p in word.split("-") if p]
    core = [p for p in parts if p not in ("al", "el")]
    return bool(core) and all(p[0].isupper() and (p[1:].islower() or not p[1:]) for p in core)
