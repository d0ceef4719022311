"""The reporting language of data/quotes.json, compiled once per language into regexes."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

LANGUAGES = ("id", "fr", "en", "ar", "es", "de", "pt", "it", "nl", "ru")

_NOT_LETTER_BEFORE = r"(?<![\p{L}\p{M}\p{N}])"
_NOT_LETTER_AFTER = r"(?![\p{L}\p{M}\p{N}])"
# One inserted word inside a multi-word verb: "a notamment déclaré", "a ensuite ajouté"; in a
# Dutch separable verb it may be the subject: "voegde hij toe", "legde Jansen uit".
_INSERTED = r"[^\S\n]+(?:(?P<ins>[\p{L}\p{M}\-]+)[^\S\n]+)?"
_TATWEEL = "\u0640"


_WORDS = re.compile(r"\w+")


class SayFinder:
    """Finds reporting phrases; groups: pv (pronoun verb), src (according to), v (say-verb).

    One big alternation tried at every position costs milliseconds per article, so phrases are
    filed under their first word and only tried where that word starts. A word's pattern is
    compiled the first time the word is met: compiling all of them (the `regex` module parses in
    Python) cost a one-off `compare` about half of its run, for words most texts never write.
    """

    def __init__(self, entries: dict[str, list[tuple[str, str]]]) -> None:
        by_key: dict[str, dict[str, list[tuple[str, str]]]] = {}
        for group, phrases in entries.items():
            for phrase, pattern in phrases:
                for key in _keys(phrase):
                    by_key.setdefault(key, {}).setdefault(group, []).append((phrase, pattern))
        self._sources = {
            key: "|".join(f"(?P<{g}>{_alternation(groups.get(g, []))})" for g in _GROUPS)
            for key, groups in by_key.items()
        }
        self._compiled: dict[str, regex.Pattern[str]] = {}

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

    def match(self, s: str, pos: int) -> regex.Match[str] | None:
        """The reporting phrase starting exactly at `pos`, if any."""
        word = _WORDS.match(s, pos)
        pattern = self._pattern(word.group().lower()) if word else None
        return pattern.match(s, pos) if pattern else None

    def finditer(self, s: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
        """Every reporting phrase in s[pos:endpos], left to right, without overlaps."""
        end = len(s) if endpos is None else endpos
        found: list[regex.Match[str]] = []
        after = pos
        for word in _WORDS.finditer(s, pos, end):
            pattern = self._pattern(word.group().lower())
            if pattern is None or word.start() < after:
                continue
            hit = pattern.match(s, word.start(), end)
            if hit is not None:
                found.append(hit)
                after = hit.end()
        return found

    def search(self, s: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        """The first reporting phrase in s[pos:endpos]."""
        end = len(s) if endpos is None else endpos
        for word in _WORDS.finditer(s, pos, end):
            pattern = self._pattern(word.group().lower())
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


def _alternation(entries: list[tuple[str, str]]) -> str:
    # Longest phrase first so "a-t-il déclaré" wins over shorter overlapping entries.
    ordered = sorted(set(entries), key=lambda e: -len(e[0]))
    return "|".join(pattern for _, pattern in ordered) or r"(?!)"


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
    for entry in chosen:
        prefixes = tuple(entry.get("verb_prefixes", ()))
        pv += [(p, _phrase(p, inserted=False)) for p in entry["pronoun_verbs"]]
        # Arabic writes "and" onto the verb (وقال), so the prefixed word is filed too.
        src += [
            (pre + p, _phrase(p, inserted=False, prefixes=prefixes))
            for p in entry["sources"]
            for pre in ("", *prefixes)
        ]
        verbs += [
            (pre + p, _phrase(p, inserted=True, prefixes=prefixes))
            for p in entry["verbs"]
            for pre in ("", *prefixes)
        ]
        roles += [(p, _phrase(p, inserted=False)) for p in entry["roles"]]
    honorifics = sorted({h for e in chosen for h in e.get("honorifics", ())}, key=len, reverse=True)
    that = sorted({w for e in chosen for w in e.get("that", ())}, key=len, reverse=True)
    return Lexicon(
        say=SayFinder({"pv": pv, "src": src, "v": verbs}),
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
