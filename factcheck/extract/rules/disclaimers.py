"""AI-written disclaimers: "this article was written by AI", "it may contain errors"."""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from factcheck.models import Document, Fact

# A disclaimer closes an article; "written by AI" higher up is usually the story's subject.
CLOSING_CHARS = 500
CLOSING_LINES = 3
# How far after "this article" the "written by AI" phrase may start.
SELF_REFERENCE_REACH = 40

_SENTENCE_END = re.compile(r"[.!?؟…](?=[\s\"'”»)]|$)|\n")
_END_CHARS = ".!?؟…\n"


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
    sentences = _Sentences(text)
    candidates = set(sentences.between(closing, len(text)))
    for lang in languages:
        for ref in lang.self_reference.finditer(lowered, 0, closing):
            candidates.add(sentences.around(ref.start()))
    made = _Made(text)
    found: list[tuple[int, int, str]] = []
    for start, end in sorted(candidates):
        if found and start < found[-1][1]:
            continue
        # Closing lines are read in every language: syndicated copy often gets the outlet's
        # disclaimer appended in another language than the article's.
        tables = _closing_languages(document.language) if start >= closing else languages
        code = _disclaimer_language(made, start, end, tables, start >= closing)
        if code is None:
            continue
        end = _with_error_sentences(sentences, end, tables)
        found.append((start, end, code))
    return [Fact("disclaimer", text[s:e], s, e, value=code) for s, e, code in found]


def _disclaimer_language(
    made: _Made, start: int, end: int, languages: tuple[_Language, ...], closing: bool
) -> str | None:
    """The language whose "made by AI" phrase text[start:end] uses about itself, if any."""
    for lang in languages:
        match = made.first(lang, start, end)
        if match is None:
            continue
        sentence = made.text[start:end].lower()
        if closing or _points_at_itself(sentence, match.start() - start, lang):
            return lang.code
    return None


def _points_at_itself(sentence: str, made: int, lang: _Language) -> bool:
    for ref in lang.self_reference.finditer(sentence):
        if ref.start() <= made <= ref.end() + SELF_REFERENCE_REACH:
            return True
    return False


class _Made:
    """The first "made by AI" phrase of a candidate sentence, in one language.

    Candidates that end together are one sentence and its parts after a full stop glued to
    "this article" ("….This article"); in start order, each reuses the search of the one
    before it, which a text of a thousand such parts would otherwise repeat a thousand times.
    Searching text[start:end] in place is searching the slice: a candidate starts after a
    blank, a sentence end or the start of the text, so `\\b` reads the same there.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._last: dict[tuple[str, int], tuple[int, re.Match[str] | None]] = {}

    def first(self, lang: _Language, start: int, end: int) -> re.Match[str] | None:
        """The first match of `lang.made` in text[start:end] (positions in the whole text)."""
        key = (lang.code, end)
        last = self._last.get(key)
        if last is not None and start >= last[0] and (last[1] is None or last[1].start() >= start):
            return last[1]
        match = lang.made.search(self.text, start, end)
        self._last[key] = (start, match)
        return match


def _with_error_sentences(sentences: _Sentences, end: int, languages: tuple[_Language, ...]) -> int:
    """Widen a disclaimer to the "may contain errors" sentences right after it."""
    text = sentences.text
    while True:
        nxt = sentences.after(end)
        if nxt is None or not any(lang.errors.search(text[nxt[0] : nxt[1]]) for lang in languages):
            return end
        end = nxt[1]


@dataclass
class _Sentences:
    """The sentences of one text, bounded by bisection in its sentence ends and line breaks:
    searching for them from every mention of "this article" is quadratic in a long sentence."""

    text: str
    ends: list[int] = field(init=False)  # where each _SENTENCE_END match starts
    _trimmed: dict[tuple[int, int], tuple[int, int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]

    def between(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences of `text[start:end]`."""
        text = self.text
        out = []
        pos = start
        while pos < end:
            while pos < end and text[pos].isspace():
                pos += 1
            if pos >= end:
                break
            sentence = self.around(pos)
            out.append(sentence)
            pos = max(sentence[1], pos + 1)
        return out

    def around(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos`, without surrounding whitespace: from the last sentence end
        before `pos` (a mark right before `pos` ends a sentence whatever follows it, as in
        "….This article"), to the first sentence end from `pos`."""
        text = self.text
        if pos and text[pos - 1] in _END_CHARS:
            start = pos
        else:
            i = bisect_left(self.ends, pos - 1)
            start = self.ends[i - 1] + 1 if i else 0
        i = bisect_left(self.ends, pos)
        stop = self.ends[i] if i < len(self.ends) else -1
        end = len(text) if stop < 0 else stop + (text[stop] != "\n")  # "." is in, "\n" out
        return self._trim(start, end)

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        # Many mentions may share one long sentence: its spacing is skipped once.
        key = (start, end)
        trimmed = self._trimmed.get(key)
        if trimmed is None:
            text = self.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            trimmed = self._trimmed[key] = (start, end)
        return trimmed

    def after(self, end: int) -> tuple[int, int] | None:
        """The sentence after the one ending at `end`, unless a blank line comes first."""
        text = self.text
        i = end
        newlines = 0
        while i < len(text) and text[i].isspace():
            newlines += text[i] == "\n"
            i += 1
        if i >= len(text) or newlines > 1:  # a blank line ends the disclaimer
            return None
        return self.around(i)


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
