"""One article as the comparison sees it: its facts sorted by kind, and helpers for evidence."""

from __future__ import annotations

import dataclasses
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from factcheck.compare.names import NameSet
from factcheck.load.language import reading_language
from factcheck.models import Document, Evidence, Fact

YEARS = (1800, 2100)
BRIEF_SENTENCES = 3  # a candidate this short ...
BRIEF_SHARE = 4  # ... beside a reference this many times as long is a brief (`is_brief`)
_WORD = re.compile(r"\w+")
_HAS_WORD = re.compile(r"[^\W_]")


def is_empty_quote(fact: Fact) -> bool:
    """Whether a quote has nothing but punctuation (or nothing at all) inside its marks."""
    value = fact.value if isinstance(fact.value, str) else ""
    return not _HAS_WORD.search(value)


def is_year(fact: Fact) -> bool:
    """A bare four-digit figure that reads as a year ("since its 1967 debut"): compared as a
    date, whichever of the two an extractor took it for."""
    text = fact.text.strip()
    return not fact.unit and text.isdigit() and len(text) == 4 and YEARS[0] <= int(text) <= YEARS[1]


def is_brief(ref: Side, cand: Side) -> bool:
    """Whether the candidate is a brief or a summary of a much longer reference (`brief_of`).
    A brief has no room for background: what it adds, it claims. Asked by every kind of
    finding, so kept on the candidate's side (a side is compared with one reference)."""
    found = cand.memo.get("brief")
    if found is None:
        found = cand.memo["brief"] = brief_of(ref.document.text, cand.document.text)
    return bool(found)


def brief_of(reference: str, candidate: str) -> bool:
    """Whether `candidate` is at most `BRIEF_SENTENCES` sentences long and `reference`
    `BRIEF_SHARE` times as long or more."""
    from factcheck.compare.align import split_sentences

    if len(reference) < BRIEF_SHARE * len(candidate):
        return False
    return len(split_sentences(candidate)) <= BRIEF_SENTENCES


TITLE_SHARE = 0.7  # share of the longer words a title capitalises ...
TITLE_LETTERS = 4  # ... counting words this long: title case leaves "of", "an", "in" small
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_words(text: str) -> list[str]:
    """The words of `text` as `title_case` reads them."""
    return _TITLE_WORD.findall(text)


def title_case(found: list[str], least: int = 1) -> bool:
    """Whether words (`title_words`) are written in title case, as headlines, section titles and
    names of works are ("Make Love, Not Spam", "Possibility of an Earth Impact in 2029 Ruled
    Out"): nearly all of the longer ones capitalised, `least` of them at least."""
    content = [w for w in found if len(w) >= TITLE_LETTERS] or found
    capitalised = sum(1 for w in content if w[:1].isupper())
    return capitalised >= least and capitalised >= TITLE_SHARE * len(content)


def words(text: str) -> str:
    """Lower-cased words of `text` joined by single spaces (punctuation and marks dropped)."""
    return " ".join(_WORD.findall(text.casefold()))


def excerpt(text: str, limit: int = 60) -> str:
    """`text` on one line, cut at a word boundary near `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut + "…"


class _Within:
    """Whether a span lies inside one of some spans, by bisection: a long article has hundreds
    of disclaimers and tens of thousands of facts, too many to test every pair."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        # reach[i]: the furthest end of the first i + 1 spans, which all start no later
        self.reach = list(itertools.accumulate((end for _, end in ordered), max))

    def __call__(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.reach[i] >= end


@dataclass(slots=True)
class Side:
    """The facts of one document, grouped by kind, with disclaimer text set aside."""

    role: Literal["reference", "candidate"]
    document: Document
    facts: tuple[Fact, ...]
    quotes: list[Fact] = field(default_factory=list)
    dates: list[Fact] = field(default_factory=list)
    numbers: list[Fact] = field(default_factory=list)
    entities: list[Fact] = field(default_factory=list)
    claims: list[Fact] = field(default_factory=list)
    disclaimers: list[Fact] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)  # derived views, computed once per side

    @classmethod
    def of(
        cls, role: Literal["reference", "candidate"], document: Document, facts: Sequence[Fact]
    ) -> Side:
        """Sort `facts` by kind; facts inside an AI disclaimer are the disclaimer's, not news."""
        side = cls(role, document, tuple(facts))
        side.disclaimers = [f for f in facts if f.kind == "disclaimer"]
        inside = _Within((d.start, d.end) for d in side.disclaimers)
        buckets = {
            "quote": side.quotes,
            "date": side.dates,
            "number": side.numbers,
            "entity": side.entities,
            "claim": side.claims,
        }
        for fact in facts:
            bucket = buckets.get(fact.kind)
            if bucket is None:
                continue
            if inside(fact.start, fact.end):
                continue
            if fact.kind == "number" and is_year(fact):
                fact, bucket = dataclasses.replace(fact, kind="date", value=fact.text), side.dates
            bucket.append(fact)
        for bucket in buckets.values():
            bucket.sort(key=lambda f: (f.start, f.end))
        return side

    @property
    def language(self) -> str | None:
        """The language whose word lists read this side (Malay reads as Indonesian)."""
        return reading_language(self.document.language)

    def evidence(self, fact: Fact) -> Evidence:
        """The evidence of `fact`, always a true slice of the document text."""
        text = self.document.text
        if 0 <= fact.start <= fact.end <= len(text) and text[fact.start : fact.end] == fact.text:
            return Evidence(fact.text, fact.start, fact.end)
        # Offsets that drifted (an LLM fact, a re-normalised text): find the words instead.
        found = text.find(fact.text) if fact.text else -1
        if found >= 0:
            return Evidence.of(text, found, found + len(fact.text))
        start = min(max(fact.start, 0), len(text))
        end = min(max(fact.end, start), len(text))
        return Evidence.of(text, start, end)

    def position(self, fact: Fact) -> float:
        """Where `fact` sits in the article, from 0.0 (start) to 1.0 (end)."""
        return fact.start / max(len(self.document.text), 1)

    def persons(self) -> list[str]:
        """The surface names of the person entities of this side, each once, in text order."""
        return self._names_of_type("person")

    def orgs(self) -> list[str]:
        """The surface names of the organisation entities of this side, each once, in order."""
        return self._names_of_type("org")

    def person_set(self) -> NameSet:
        """`persons()` indexed, for asking many times whether one of them is a speaker."""
        if "person_set" not in self.memo:
            self.memo["person_set"] = NameSet(self.persons())
        found: NameSet = self.memo["person_set"]
        return found

    def org_set(self) -> NameSet:
        """`orgs()` indexed, for asking many times whether one of them is a name."""
        if "org_set" not in self.memo:
            self.memo["org_set"] = NameSet(self.orgs())
        found: NameSet = self.memo["org_set"]
        return found

    def _names_of_type(self, entity_type: str) -> list[str]:
        # Once per side, each spelling once: callers compare a speaker with every one of them.
        memo_key = f"surface_{entity_type}"
        if memo_key not in self.memo:
            self.memo[memo_key] = list(
                dict.fromkeys(f.text for f in self.entities if f.entity_type == entity_type)
            )
        names: list[str] = self.memo[memo_key]
        return names

    def names_around(self, name: str, fact: Fact, window: int) -> bool:
        """Whether a capitalised word of `name` is written within `window` characters of
        `fact` (a quote followed by "said the regent, Hendra Kusuma")."""
        text = self.document.text
        around = text[max(fact.start - window, 0) : fact.end + window]
        return bool(_name_pattern(name).search(around))

    def names_before(self, name: str, fact: Fact, window: int) -> bool:
        """Whether `name` (or its last word, a surname) is written in the `window` characters
        before `fact`, where "X said:" introduces a quote."""
        before = self.document.text[max(fact.start - window, 0) : fact.start]
        # Only the quote's own paragraph, or one that ends "X said:" to introduce it.
        blank = [m.end() for m in _BLANK_LINE.finditer(before)]
        if blank and not before[: blank[-1]].rstrip().endswith(":"):
            before = before[blank[-1] :]
        surname = name.split()[-1] if name.split() else name
        return bool(re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", before))


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


@lru_cache(maxsize=4096)  # a speaker is looked for around each of their quotes
def _name_pattern(name: str) -> re.Pattern[str]:
    parts = [re.escape(w) for w in name.split() if len(w) >= 3 and w[:1].isupper()]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts) or '(?!)'})(?!\w)")


def same_language(a: Side, b: Side) -> bool:
    """Whether two sides are in one language (unknown languages are given the benefit)."""
    return a.language is None or b.language is None or a.language == b.language
