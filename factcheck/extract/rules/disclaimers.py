"""AI-written disclaimers: "this article was written by AI", "it may contain errors"."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from factcheck.models import Document, Fact

# A disclaimer closes an article; "written by AI" higher up is usually the story's subject.
CLOSING_CHARS = 500
CLOSING_LINES = 3
# How far after "this article" the "written by AI" phrase may start.
SELF_REFERENCE_REACH = 40

_SENTENCE_END = re.compile(r"[.!?؟…](?=[\s\"'”»)]|$)|\n")


@dataclass(frozen=True, slots=True)
class _Language:
    code: str
    made: re.Pattern[str]
    errors: re.Pattern[str]
    self_reference: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Table:
    version: int
    languages: tuple[_Language, ...]


@cache
def table() -> _Table:
    """The disclaimer phrases shipped in data/disclaimers.json, compiled once."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/disclaimers.json")
        .read_text(encoding="utf-8")
    )
    languages = []
    for code, entry in raw["languages"].items():
        ai = "(?:" + "|".join(entry["ai"]) + ")"
        made = "|".join(p.replace("{AI}", ai) for p in entry["made"])
        languages.append(
            _Language(
                code=code,
                made=re.compile(made, re.IGNORECASE),
                errors=re.compile("|".join(entry["errors"]), re.IGNORECASE),
                self_reference=re.compile("|".join(p.lower() for p in entry["self"])),
            )
        )
    return _Table(raw["version"], tuple(languages))


def find_disclaimers(document: Document) -> list[Fact]:
    """Every AI-written disclaimer in `document`: the sentence(s), valued by phrase language."""
    text = document.text
    languages = _languages(document.language)
    closing = _closing_start(text)
    lowered = text.lower()  # self-reference search without IGNORECASE is many times faster
    candidates = set(_sentences(text, closing, len(text)))
    for lang in languages:
        for ref in lang.self_reference.finditer(lowered, 0, closing):
            candidates.add(_sentence(text, ref.start()))
    found: list[tuple[int, int, str]] = []
    for start, end in sorted(candidates):
        if found and start < found[-1][1]:
            continue
        # Closing lines are read in every language: syndicated copy often gets the outlet's
        # disclaimer appended in another language than the article's.
        tables = _closing_languages(document.language) if start >= closing else languages
        code = _disclaimer_language(text[start:end], tables, start >= closing)
        if code is None:
            continue
        end = _with_error_sentences(text, end, tables)
        found.append((start, end, code))
    return [Fact("disclaimer", text[s:e], s, e, value=code) for s, e, code in found]


def _disclaimer_language(
    sentence: str, languages: tuple[_Language, ...], closing: bool
) -> str | None:
    """The language whose "made by AI" phrase this sentence uses about itself, if any."""
    for lang in languages:
        match = lang.made.search(sentence)
        if match is None:
            continue
        if closing or _points_at_itself(sentence.lower(), match, lang):
            return lang.code
    return None


def _points_at_itself(sentence: str, made: re.Match[str], lang: _Language) -> bool:
    for ref in lang.self_reference.finditer(sentence):
        if ref.start() <= made.start() <= ref.end() + SELF_REFERENCE_REACH:
            return True
    return False


def _with_error_sentences(text: str, end: int, languages: tuple[_Language, ...]) -> int:
    """Widen a disclaimer to the "may contain errors" sentences right after it."""
    while True:
        nxt = _next_sentence(text, end)
        if nxt is None or not any(lang.errors.search(text[nxt[0] : nxt[1]]) for lang in languages):
            return end
        end = nxt[1]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]`."""
    out = []
    pos = start
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        sentence = _sentence(text, pos)
        out.append(sentence)
        pos = max(sentence[1], pos + 1)
    return out


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`, without surrounding whitespace."""
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos):
        start = m.end()
    if start == 0 and pos > 400:
        start = text.rfind("\n", 0, pos) + 1
    stop = _SENTENCE_END.search(text, pos)
    end = stop.end() if stop and stop.group() != "\n" else (stop.start() if stop else len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _next_sentence(text: str, end: int) -> tuple[int, int] | None:
    i = end
    newlines = 0
    while i < len(text) and text[i].isspace():
        newlines += text[i] == "\n"
        i += 1
    if i >= len(text) or newlines > 1:  # a blank line ends the disclaimer
        return None
    return _sentence(text, i)


def _closing_start(text: str) -> int:
    """Where the closing lines of the article begin."""
    body_end = len(text.rstrip())
    line_start, pos, seen = 0, body_end, 0
    while pos > 0 and seen < CLOSING_LINES:
        newline = text.rfind("\n", 0, pos)
        if text[newline + 1 : pos].strip():
            line_start, seen = newline + 1, seen + 1
        if newline < 0:
            break
        pos = newline
    return max(line_start, body_end - CLOSING_CHARS)


@cache
def _closing_languages(language: str | None) -> tuple[_Language, ...]:
    """Every language, the article's own first."""
    every = table().languages
    return tuple(sorted(every, key=lambda lang: lang.code != language))


@cache
def _languages(language: str | None) -> tuple[_Language, ...]:
    """The article's language and English, or every language when the article's is unknown."""
    every = table().languages
    chosen = [lang for lang in every if lang.code == language]
    if not chosen:
        return every
    return (chosen[0], *(lang for lang in every if lang.code == "en" and lang.code != language))
