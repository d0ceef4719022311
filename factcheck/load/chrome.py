"""Page furniture in an article's text: the sentences a web page writes around every story.

A text saved from a web page often keeps its cookie banner, its newsletter or paywall prompt, its
log-in box and its copyright line. Two articles from one outlet then share those sentences
word for word, whatever their stories, and a short article is buried under them. This module
finds such sentences from the phrases only page furniture writes (`data/page_chrome.json`, 13
languages), so that the rules extractor states no fact from them and the story score takes no
evidence from them.

A sentence is furniture when it holds two distinct such terms ("click here" and "newsletter"),
or one in a short line ("Advertisement", "Read more:"). One term in a long sentence is left
alone unless furniture stands next to it, since a news story may be about cookies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

# A sentence of at most this many words is furniture when it holds a single term.
SHORT = 6
# A sentence this many sentences or fewer from furniture is read as part of its run.
REACH = 2
_SENTENCE = regex.compile(r"[^.!?;:。！？\n|]+[.!?;:。！？|]*")
_WORD = re.compile(r"\w+(?:-\w+)*")  # stdlib re: a third faster than regex here
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


@dataclass(frozen=True, slots=True)
class _Terms:
    words: frozenset[str]  # whole words
    prefixes: re.Pattern[str]  # words that begin with one of them
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # by first word: the rest of each phrase
    unspaced: tuple[str, ...]  # Chinese and Japanese: found anywhere


@cache
def _terms() -> _Terms:
    path = resources.files("factcheck.load").joinpath("data/page_chrome.json")
    data = json.loads(path.read_text("utf-8"))["terms"]
    listed = {term.casefold() for terms in data.values() for term in terms}
    words: set[str] = set()
    unspaced: list[str] = []
    prefixes: list[str] = []
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for term in listed:
        if _UNSPACED.match(term):
            unspaced.append(term)
        elif " " in term:
            first, *rest = term.split()
            phrases.setdefault(first, []).append(tuple(rest))
        elif term.endswith("*"):
            prefixes.append(term[:-1])
        else:
            words.add(term)
    return _Terms(
        frozenset(words),
        re.compile(rf"\b({'|'.join(map(re.escape, sorted(prefixes)))})" if prefixes else "(?!)"),
        {first: tuple(rest) for first, rest in phrases.items()},
        tuple(unspaced),
    )


def _hits(sentence: str, terms: _Terms) -> int:
    """How many distinct furniture terms `sentence` holds."""
    folded = sentence.casefold()
    words = _WORD.findall(folded)
    found = set(terms.words.intersection(words))
    found.update(terms.prefixes.findall(folded))
    for i in (i for i, word in enumerate(words) if word in terms.phrases):
        for rest in terms.phrases[words[i]]:
            if tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                found.add(" ".join((words[i], *rest)))
    found.update(t for t in terms.unspaced if t in folded)
    return len(found)


@lru_cache(maxsize=8)  # the extractor and the story profile both ask, one after the other
def chrome_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentences of `text` that are page furniture, in order.

    Furniture comes in runs (a consent banner is several sentences): within `REACH` sentences
    of furniture, one term makes a sentence furniture whatever its length, and a sentence with
    furniture on both sides within that reach is furniture too."""
    terms = _terms()
    if not _hits(text, terms):
        return ()
    sentences = list(_SENTENCE.finditer(text))
    found = [_hits(s.group(), terms) for s in sentences]
    chrome = [
        n >= 2 or (n == 1 and len(_WORD.findall(s.group())) <= SHORT)
        for n, s in zip(found, sentences, strict=True)
    ]
    changed = True
    while changed:
        changed = False
        for i, n in enumerate(found):
            if chrome[i]:
                continue
            before = any(chrome[max(0, i - REACH) : i])
            after = any(chrome[i + 1 : i + 1 + REACH])
            if (n and (before or after)) or (before and after):
                chrome[i] = changed = True
    return tuple(s.span() for s, is_chrome in zip(sentences, chrome, strict=True) if is_chrome)


def within(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether the text from `start` to `end` lies inside one of `spans` (`chrome_spans`)."""
    return any(s <= start and end <= e for s, e in spans)
