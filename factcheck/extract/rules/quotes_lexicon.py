"""The reporting language of data/quotes.json, compiled once per language into regexes."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, NamedTuple

import regex

LANGUAGES = ("id", "fr", "en", "ar", "es", "de", "pt", "it", "nl", "ru")

_NOT_LETTER_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
_NOT_LETTER_AFTER = r"(?![\p{L}\p{M}\p{N}])"
# One inserted word inside a multi-word verb: "a notamment déclaré", "a ensuite ajouté"; in a
# Dutch separable verb it may be the subject: "voegde hij toe", "legde Jansen uit".
_INSERTED = r"[^\S\n]+(?:(?P<ins>[\p{L}\p{M}\-]+)[^\S\n]+)?"
_TATWEEL = "\u0640"


_WORDS = re.compile(r"\w+")


class Shape(NamedTuple):
    """What the pattern of a phrase of several words asks of the text: its last word (the literal
    it ends with, matched ignoring case) starting one of the `reach` words after its first."""

    last: str
    reach: int


# A word whose phrases make a pattern longer than this is narrowed (see SayFinder._narrowed)...
_NARROW_FROM = 1000
# ...until it has compiled this many different narrowings, or been met this many times (a long
# run: narrowing each time costs more than the whole pattern's one compilation); then all its
# phrases are compiled.
_NARROWINGS = 16
_NARROWED_TIMES = 64
# From a position: its word, the gap after it, and so on; where each next word starts.
_NEXT_WORD = regex.compile(r"\S+[^\S\n]+")


class SayFinder:
    """Finds reporting phrases; groups: pv (pronoun verb), src (according to), v (say-verb).

    One big alternation tried at every position costs milliseconds per article, so phrases are
    filed under their first word and only tried where that word starts. A word's pattern is
    compiled the first time the word is met: compiling all of them (the `regex` module parses in
    Python) cost a one-off `compare` about half of its run, for words most texts never write.

    A few words start very many phrases (French "a déclaré", "a-t-il dit"...; Italian "ha"): their
    pattern, tens of kB, takes tens of ms to compile. For them only the phrases that can match
    where the word stands are compiled: those of one word, and those whose last word (`shapes`)
    the text writes within their reach. A phrase left out cannot match there, and the phrases
    kept keep their order, so the match is the one the whole pattern gives.
    """

    def __init__(
        self,
        entries: dict[str, list[tuple[str, str]]],
        shapes: Mapping[tuple[str, str], Shape] | None = None,
    ) -> None:
        by_key: dict[str, dict[str, list[tuple[str, str]]]] = {}
        for group, phrases in entries.items():
            for phrase, pattern in phrases:
                for key in _keys(phrase):
                    by_key.setdefault(key, {}).setdefault(group, []).append((phrase, pattern))
        self._phrases = {
            key: {g: _ordered(groups.get(g, [])) for g in _GROUPS} for key, groups in by_key.items()
        }
        self._sources = {key: _source(groups) for key, groups in self._phrases.items()}
        self._shapes = dict(shapes or {})
        self._compiled: dict[str, regex.Pattern[str]] = {}
        # Per narrowed word: its probe (which last words stand where), and its narrowings so far.
        self._probes: dict[str, tuple[regex.Pattern[str], tuple[str, ...], int]] = {}
        self._narrowings: dict[str, dict[str, regex.Pattern[str]]] = {}
        self._narrowed_times: dict[str, int] = {}

    def _pattern(self, word: str) -> regex.Pattern[str] | None:
        """The compiled phrases that start with `word` (lowercased), or None."""
        pattern = self._compiled.get(word)
        if pattern is None:
            source = self._sources.get(word)
            if source is None:
                return None
            # Two threads may both compile a word: the same pattern, so either result serves.
            pattern = self._compiled[word] = regex.compile(source, regex.IGNORECASE)
        return pattern

    def _pattern_at(self, word: str, s: str, pos: int, end: int) -> regex.Pattern[str] | None:
        """The phrases starting with `word` that can match s[pos:end] at `pos`, compiled."""
        pattern = self._compiled.get(word)
        if pattern is not None:
            return pattern
        source = self._sources.get(word)
        if source is None:
            return None
        times = self._narrowed_times[word] = self._narrowed_times.get(word, 0) + 1
        if len(source) <= _NARROW_FROM or times > _NARROWED_TIMES or not self._narrowable(word):
            return self._pattern(word)
        narrowings = self._narrowings.setdefault(word, {})
        narrowed = self._narrowed(word, s, pos, end)
        pattern = narrowings.get(narrowed)
        if pattern is None:
            if len(narrowings) >= _NARROWINGS:  # a text that writes them all: compile them all
                return self._pattern(word)
            pattern = narrowings[narrowed] = regex.compile(narrowed, regex.IGNORECASE)
        return pattern

    def _narrowable(self, word: str) -> bool:
        """Whether some phrase of `word` has a shape: one that narrowing may leave out."""
        return any(e in self._shapes for group in self._phrases[word].values() for e in group)

    def _narrowed(self, word: str, s: str, pos: int, end: int) -> str:
        """The source of `word`'s phrases less those that cannot match s[pos:end] at `pos`: a
        phrase of several words ends with its last word, which starts one of the next `reach`
        words of the line (its words and any inserted ones are runs of non-space characters, with
        spaces but no line break between them)."""
        probe, lasts, reach = self._probe(word)
        nearest: dict[str, int] = {}  # last word -> the first word it starts, counted from pos
        at = pos
        for count in range(1, reach + 1):
            step = _NEXT_WORD.match(s, at, end)
            if step is None:
                break
            at = step.end()
            found = probe.match(s, at, end)
            if found is not None:
                for i, last in enumerate(lasts):
                    if last not in nearest and found.group(f"w{i}") is not None:
                        nearest[last] = count
        kept = {
            group: [
                entry
                for entry in phrases
                if (shape := self._shapes.get(entry)) is None
                or nearest.get(shape.last, reach + 1) <= shape.reach
            ]
            for group, phrases in self._phrases[word].items()
        }
        return _source(kept)

    def _probe(self, word: str) -> tuple[regex.Pattern[str], tuple[str, ...], int]:
        """For `word`: a pattern whose group w<i> takes part where its i-th last word starts
        (each an optional lookahead, so that all of them are tried), the last words, and the
        farthest any of them can stand."""
        probe = self._probes.get(word)
        if probe is None:
            shapes = [
                shape
                for group in self._phrases[word].values()
                for entry in group
                if (shape := self._shapes.get(entry)) is not None
            ]
            lasts = tuple(sorted({shape.last for shape in shapes}))
            source = "".join(f"(?:(?=(?P<w{i}>{regex.escape(w)})))?" for i, w in enumerate(lasts))
            reach = max(shape.reach for shape in shapes)
            probe = self._probes[word] = (regex.compile(source, regex.IGNORECASE), lasts, reach)
        return probe

    def match(self, s: str, pos: int) -> regex.Match[str] | None:
        """The reporting phrase starting exactly at `pos`, if any."""
        word = _WORDS.match(s, pos)
        pattern = self._pattern_at(word.group().lower(), s, pos, len(s)) if word else None
        return pattern.match(s, pos) if pattern else None

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
        """Every reporting phrase in s[pos:endpos], left to right, without overlaps."""
        end = len(s) if endpos is None else endpos
        found: list[regex.Match[str]] = []
        after = pos
        for word in _WORDS.finditer(s, pos, end):
            if word.start() < after:
                continue
            pattern = self._pattern_at(word.group().lower(), s, word.start(), end)
            hit = pattern.match(s, word.start(), end) if pattern else None
            if hit is not None:
                found.append(hit)
                after = hit.end()
        return found

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """The first reporting phrase in s[pos:endpos]."""
        end = len(s) if endpos is None else endpos
        for word in _WORDS.finditer(s, pos, end):
            pattern = self._pattern_at(word.group().lower(), s, word.start(), end)
            hit = pattern.match(s, word.start(), end) if pattern else None
            if hit is not None:
                return hit
        return None


_GROUPS = ("pv", "src", "v")


def _keys(phrase: str) -> list[str]:
    first = _WORDS.match(phrase.lower())
    assert first is not None, phrase
    return [first.group()]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Compiled reporting language for one set of languages."""

    say: SayFinder
    roles: regex.Pattern[str]
    role_words: tuple[
        str, ...
    ]  # lowercased, for compounds such as "Konzernchef", "Defensieanalist"
    pronouns: frozenset[str]
    stops: frozenset[str]
    not_names: frozenset[str]
    joins: frozenset[str]
    of_words: frozenset[str]  # "di" in "portavoce di Airbus Stefan Schaffrath"
    prepositions: frozenset[str]  # a name right after one is a place or a body: "in", "of the"
    honorifics: frozenset[str]  # lowercased: "sig.ra", "dhr.", "mr."
    # A speaker phrase may reach the quote over punctuation and a "that" (dat, che, bahwa).
    stray: regex.Pattern[str]
    # A run of capitalised words, initials ("Michael R. Golden") and an honorific before them.
    name_run: regex.Pattern[str]
    word: regex.Pattern[str]  # one word of a speaker phrase, honorifics and initials included
    subject_optional: bool  # the language may leave the subject out ("", ha aggiunto.)
    outlets: frozenset[str]  # lowercased: "reuters", "associated press"; never a speaker
    outlet_words: frozenset[str]  # "Times", "Telegraph": a name holding one is an outlet
    not_person_words: frozenset[str]  # "Store", "Department": the run names no person
    term_cues: frozenset[str]  # lowercased words before a title or term in quotation marks
    addressee_verbs: frozenset[str]  # lowercased: "told"; the words after it name the listener


@functools.cache
def table() -> dict[str, Any]:
    """The parsed data/quotes.json."""
    path = resources.files("factcheck.extract.rules").joinpath("data/quotes.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@functools.cache
def _inserted() -> str:
    """The gap inside a multi-word verb: one word, or a listed adverbial phrase ("a sua volta")."""
    phrases = table().get("inserted_phrases", ())
    if not phrases:
        return _INSERTED
    listed = "|".join(
        r"[^\S\n]+".join(regex.escape(w) for w in p.split())
        for p in sorted(phrases, key=len, reverse=True)
    )
    return rf"[^\S\n]+(?:(?:{listed})[^\S\n]+|(?P<ins>[\p{{L}}\p{{M}}\-]+)[^\S\n]+)?"


def _phrase(phrase: str, *, inserted: bool, prefixes: tuple[str, ...] = ()) -> str:
    attached = phrase.endswith(_TATWEEL)
    words = [regex.escape(w) for w in phrase.rstrip(_TATWEEL).split()]
    body = (_inserted() if inserted else r"[^\S\n]+").join(words)
    if prefixes:
        body = "(?:" + "|".join(regex.escape(p) for p in prefixes) + ")?" + body
    return body + (_TATWEEL + "?" if attached else _NOT_LETTER_AFTER)


def _ordered(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    # Longest phrase first so "a-t-il déclaré" wins over shorter overlapping entries.
    return sorted(set(entries), key=lambda e: -len(e[0]))


def _alternation(entries: list[tuple[str, str]]) -> str:
    """The phrases' patterns, longest first, as one alternation; the not-letter-after check is
    written once after each run of phrases that end with it: (?:a|b)c tries what ac|bc tries, in
    the same order, and compiles in a quarter of the time when the phrases are many."""
    runs: list[tuple[bool, list[str]]] = []
    for _, pattern in _ordered(entries):
        bounded = pattern.endswith(_NOT_LETTER_AFTER)
        body = pattern.removesuffix(_NOT_LETTER_AFTER)
        if runs and runs[-1][0] == bounded:
            runs[-1][1].append(body)
        else:
            runs.append((bounded, [body]))
    return (
        "|".join(
            f"(?:{'|'.join(bodies)}){_NOT_LETTER_AFTER}" if bounded else "|".join(bodies)
            for bounded, bodies in runs
        )
        or r"(?!)"
    )


def _source(groups: Mapping[str, list[tuple[str, str]]]) -> str:
    """The say-finder pattern of one word: its groups' phrases, each group in `_ordered` order."""
    return "|".join(
        f"(?P<{g}>{'|'.join(pattern for _, pattern in groups.get(g, [])) or '(?!)'})"
        for g in _GROUPS
    )


_ANY_SPACE = regex.compile(r"\s")


@functools.cache
def _most_inserted() -> int | None:
    """The most words `_inserted()` lets into a gap; None if a listed word holds a space."""
    phrases = [p.split() for p in table().get("inserted_phrases", ())]
    if any(_ANY_SPACE.search(w) for words in phrases for w in words):
        return None
    return max(1, max((len(words) for words in phrases), default=1))


def _shape(phrase: str, *, inserted: bool, prefixes: tuple[str, ...] = ()) -> Shape | None:
    """The shape of `_phrase(phrase, ...)`'s pattern: None for one word (or words holding what
    `regex` counts as a space, which the say finder then never leaves out)."""
    words = phrase.rstrip(_TATWEEL).split()
    most = _most_inserted() if inserted else 0
    if len(words) < 2 or most is None or any(_ANY_SPACE.search(w) for w in (*words, *prefixes)):
        return None
    return Shape(words[-1], (len(words) - 1) * (1 + most))


@functools.cache
def single_word_roles() -> frozenset[str]:
    """Every language's one-word roles, lowercased ("spokesman", "porte-parole", "juru bicara"
    is two words and not here): what `lexicon(None).roles` fully matches in one word, without
    compiling every language's phrases."""
    words: set[str] = set()
    for entry in table()["languages"].values():
        for role in entry["roles"]:
            if len(role.split()) == 1:
                bare = role.rstrip(_TATWEEL).lower()
                words.update({bare, bare + _TATWEEL} if role.endswith(_TATWEEL) else {bare})
    return frozenset(words)


@functools.cache
def lexicon(language: str | None) -> Lexicon:
    """The lexicon for `language` plus English, or for every language when it is unknown."""
    languages = table()["languages"]
    if language in languages:
        chosen = [languages[language]] + ([languages["en"]] if language != "en" else [])
    else:
        chosen = list(languages.values())
    pv: list[tuple[str, str]] = []
    src: list[tuple[str, str]] = []
    verbs: list[tuple[str, str]] = []
    roles: list[tuple[str, str]] = []
    shapes: dict[tuple[str, str], Shape] = {}

    def shaped(phrase: str, pattern: str, shape: Shape | None) -> tuple[str, str]:
        if shape is not None:
            shapes[phrase, pattern] = shape
        return phrase, pattern

    for entry in chosen:
        prefixes = tuple(entry.get("verb_prefixes", ()))
        pv += [
            shaped(p, _phrase(p, inserted=False), _shape(p, inserted=False))
            for p in entry["pronoun_verbs"]
        ]
        # Arabic writes "and" onto the verb (وقال), so the prefixed word is filed too.
        src += [
            shaped(
                pre + p,
                _phrase(p, inserted=False, prefixes=prefixes),
                _shape(p, inserted=False, prefixes=prefixes),
            )
            for p in entry["sources"]
            for pre in ("", *prefixes)
        ]
        verbs += [
            shaped(
                pre + p,
                _phrase(p, inserted=True, prefixes=prefixes),
                _shape(p, inserted=True, prefixes=prefixes),
            )
            for p in entry["verbs"]
            for pre in ("", *prefixes)
        ]
        roles += [(p, _phrase(p, inserted=False)) for p in entry["roles"]]
    honorifics = sorted({h for e in chosen for h in e.get("honorifics", ())}, key=len, reverse=True)
    that = sorted({w for e in chosen for w in e.get("that", ())}, key=len, reverse=True)
    return Lexicon(
        say=SayFinder({"pv": pv, "src": src, "v": verbs}, shapes),
        roles=regex.compile(_NOT_LETTER_BEFORE + f"(?:{_alternation(roles)})", regex.IGNORECASE),
        # Compounds end in a role word ("Konzernchef"); "ad" or "ceo" would end too many names.
        role_words=tuple(sorted({p.lower() for e in chosen for p in e["roles"] if len(p) >= 4})),
        pronouns=frozenset(p for e in chosen for p in e["pronouns"]),
        stops=frozenset(p for e in chosen for p in e["stops"]),
        not_names=frozenset(p for e in chosen for p in e["not_names"]),
        joins=frozenset(p for e in chosen for p in e["joins"]),
        of_words=frozenset(p for e in chosen for p in e.get("of", ())),
        prepositions=frozenset(
            w
            for e in chosen
            for w in (*e["stops"], *e.get("of", ()))
            if w not in {*e["joins"], *e.get("that", ()), *e.get("conjunctions", ())}
        ),
        honorifics=frozenset(h.lower() for h in honorifics),
        stray=regex.compile(
            r"[\s,،:;؛\-–—]*(?:(?:" + "|".join(map(regex.escape, that)) + r")[\s,،:]*)?"
            if that
            else r"[\s,،:;؛\-–—]*"
        ),
        name_run=_name_run(tuple(honorifics)),
        word=regex.compile(f"(?:{_titles(tuple(honorifics))}|{_INITIAL}|{_WORD})"),
        subject_optional=language in languages and bool(chosen[0].get("subject_optional")),
        outlets=frozenset(o.lower() for o in table().get("outlets", ())),
        outlet_words=frozenset(table().get("outlet_words", ())),
        not_person_words=frozenset(table().get("not_person_words", ())),
        term_cues=frozenset(w.lower() for e in chosen for w in e.get("term_cues", ())),
        addressee_verbs=frozenset(w.lower() for e in chosen for w in e.get("addressee_verbs", ())),
    )


# A capitalised name token: "Nulty", "Jean-Baptiste", "O’Brien", "OpenAI".
_TOKEN = r"\p{Lu}[\p{L}\p{M}]*(?:['’\-][\p{L}\p{M}]+)*"
# An initial inside a name: the "R." of "Michael R. Golden".
_INITIAL = r"\p{Lu}\.(?=[^\S\n]*\p{Lu})"
_WORD = r"[\p{L}\p{M}\p{N}'’\-]+"
_SPACE = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"
_PARTICLE = r"(?:de|da|del|della|di|du|van|von|der|den|bin|binti|ibn|dos|das|ter|le|la)"


def _titles(honorifics: tuple[str, ...]) -> str:
    """Honorifics, in any case, right before a capitalised word ("Sig.ra Rossi", "dhr. Jansen")."""
    if not honorifics:
        return r"(?!)"
    words = "|".join(regex.escape(h) for h in honorifics)
    return rf"(?i:{words})(?=[^\S\n]+\p{{Lu}})"


def _name_run(honorifics: tuple[str, ...]) -> regex.Pattern[str]:
    token = rf"(?:{_INITIAL}|{_TOKEN})"
    title = rf"(?:(?:{_titles(honorifics)}){_SPACE}){{0,3}}"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}\p{{N}}'’])({title}{token}(?:{_SPACE}(?:{_PARTICLE}{_SPACE})?{token})*)"
    )
