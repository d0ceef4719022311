"""Entity names: the data table, canonical keys, and whether two names denote the same entity."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii

# Below this length a fuzzy match is too easy ("Open" vs "OpenAI", "Meta" vs "Metz").
FUZZY_MIN_LENGTH = 6
FUZZY_THRESHOLD = 90
# Arabic-script spellings drop short vowels, so cross-script names compare on consonants.
SKELETON_THRESHOLD = 85

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGITS_AFTER_WORD = re.compile(r"(?<=[a-z]) (?=\d+(?: |$))")


@dataclass(frozen=True, slots=True)
class EntityData:
    """The contents of data/entities.json, ready for lookups."""

    acronyms: frozenset[str]
    stopwords: dict[str, frozenset[str]]
    titles: frozenset[str]
    roles: tuple[str, ...]
    org_cues: tuple[str, ...]
    org_suffixes: frozenset[str]
    org_words: frozenset[str]
    generic_words: frozenset[str]  # casefolded: "kabupaten", "river"... (never part of a person)
    particles: frozenset[str]
    alias_key: dict[str, str]  # normalised surface form -> canonical key
    cased_alias: dict[str, str]  # short all-caps forms ("AS", "US") that must match exactly
    key_type: dict[str, str]  # canonical key -> "person" | "org" | "place" | "other"
    non_latin_names: tuple[str, ...]  # surface forms in scripts without case (Arabic ...)
    all_stopwords: frozenset[str]


@cache
def data() -> EntityData:
    """The entity table shipped with the package (loaded once)."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )
    alias_key: dict[str, str] = {}
    cased: dict[str, str] = {}
    key_type: dict[str, str] = {}
    non_latin: list[str] = []
    for entry in raw["aliases"]:
        key_type[entry["key"]] = entry["type"]
        for name in entry["names"]:
            if name.isupper() and len(name.replace(".", "")) <= 4:
                cased[name] = entry["key"]
            else:
                alias_key[_plain(name)] = entry["key"]
            if not name.isascii() and not any(c.isupper() for c in name):
                non_latin.append(name)
    stopwords = {lang: frozenset(words) for lang, words in raw["stopwords"].items()}
    return EntityData(
        acronyms=frozenset(raw["acronyms"]),
        stopwords=stopwords,
        titles=frozenset(raw["titles"]),
        roles=tuple(raw["roles"]),
        org_cues=tuple(raw["org_cues"]),
        org_suffixes=frozenset(raw["org_suffixes"]),
        org_words=frozenset(raw["org_words"]),
        generic_words=frozenset(w.casefold() for w in raw["generic_words"]["words"]),
        particles=frozenset(raw["particles"]),
        alias_key=alias_key,
        cased_alias=cased,
        key_type=key_type,
        non_latin_names=tuple(sorted(set(non_latin), key=len, reverse=True)),
        all_stopwords=frozenset().union(*stopwords.values()),
    )


def _plain(name: str) -> str:
    """Lowercase ASCII words separated by single spaces; "GPT-5" becomes "gpt5"."""
    text = _NON_WORD.sub(" ", romanise(name).lower()).strip()
    return _DIGITS_AFTER_WORD.sub("", text)


@cache
def _letters() -> tuple[re.Pattern[str], dict[str, str]]:
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )["transliteration"]
    table = {**raw["cyrillic"], **raw["greek"]}
    pattern = re.compile("|".join(sorted(map(re.escape, table), key=len, reverse=True)))
    return pattern, table


@lru_cache(maxsize=65536)
def romanise(text: str) -> str:
    """`text` in Latin letters: anyascii, after the letters whose sound it spells unlike a
    Latin or Arabic spelling of the same name ("Хаддад" -> "Haddad", "Ερντογάν" -> "Erdogan")."""
    if text.isascii():
        return text
    pattern, table = _letters()
    return anyascii(pattern.sub(lambda m: table[m.group()], text))


@cache
def arabic_clitics() -> tuple[str, ...]:
    """The prefixes written onto Arabic words (longest first): و، ب، ل، ال ..."""
    raw = json.loads(
        resources.files("factcheck.extract.rules")
        .joinpath("data/entities.json")
        .read_text(encoding="utf-8")
    )["transliteration"]
    return tuple(sorted(raw["arabic_clitics"], key=len, reverse=True))


@lru_cache(maxsize=65536)
def alias_of(name: str) -> str | None:
    """The canonical key of `name` when the alias table knows it."""
    table = data()
    key = table.cased_alias.get(name.strip())
    if key is not None:
        return key
    return table.alias_key.get(_plain(name))


@cache
def longest_alias() -> int:
    """The length of the longest name the alias table can recognise (as key or exact form)."""
    table = data()
    return max(map(len, [*table.alias_key, *table.cased_alias]), default=0)


def letters_and_digits(text: str) -> int:
    """The letters and digits of `text` once transliterated: the least length of its key."""
    return len(_NON_WORD.sub("", anyascii(text).lower()))


def type_of_key(key: str) -> str | None:
    """The entity type the alias table gives `key`, if any."""
    return data().key_type.get(key)


@lru_cache(maxsize=65536)
def entity_key(name: str) -> str:
    """A script- and case-independent key for a name ("أنثروبيك" and "Anthropic" agree)."""
    name = name.strip()
    if name.count(",") == 1:
        # "Amodei, Dario" is the catalogue order of "Dario Amodei".
        last, first = (part.strip() for part in name.split(","))
        if last and first:
            name = f"{first} {last}"
    key = alias_of(name)
    if key is not None:
        return key
    return _plain(name)


def skeleton(key: str) -> str:
    """Consonants only, with Latin spellings folded the way Arabic script writes them.

    German "sch" and Russian "ч" (romanised "tsh") are the "sh" of Arabic ش; a word's first h
    stays, since Arabic writes it (Haddad, حداد), while a later one is mostly a Latin digraph.
    """
    s = key.replace("tsch", "sh").replace("sch", "sh").replace("tsh", "sh")
    s = s.replace("ph", "f").replace("ch", "k").replace("ck", "k").replace("qu", "k")
    s = s.translate(_FOLD)
    s = _FIRST_H.sub("H", s)
    s = _VOWELS_AND_H.sub("", s).lower()
    return _DOUBLED.sub(r"\1", s)


_FOLD = str.maketrans(
    {"c": "k", "q": "k", "p": "b", "v": "f", "g": "j", "x": "k", "z": "s", "'": ""}
)
_FIRST_H = re.compile(r"(?<![a-z])h(?=[a-z])")
_VOWELS_AND_H = re.compile(r"[aeiouwyh' ]+")
_DOUBLED = re.compile(r"(.)\1+")


def _digits(key: str) -> str:
    return "".join(c for c in key if c.isdigit())


@lru_cache(maxsize=65536)
def same_entity(a: str, b: str) -> bool:
    """Whether two names (keys or surface forms) denote the same person or organisation."""
    from rapidfuzz import fuzz

    ka, kb = entity_key(a), entity_key(b)
    if not ka or not kb:
        return False
    if ka == kb or ka.replace(" ", "") == kb.replace(" ", ""):
        return True
    if _digits(ka) != _digits(kb):  # "GPT-4" and "GPT-5" are different models
        return False
    wa, wb = ka.split(), kb.split()
    if len(wa) != len(wb) and _surname_of(wa, wb):
        return True
    if not (a.isascii() and b.isascii()):
        sa, sb = skeleton(ka), skeleton(kb)
        comparable = len(wa) == len(wb) and min(len(sa), len(sb)) >= 4
        if comparable and (sa == sb or fuzz.ratio(sa, sb) >= SKELETON_THRESHOLD):
            return True
    if min(len(ka), len(kb)) < FUZZY_MIN_LENGTH or len(wa) != len(wb):
        return False
    # A misspelt first name is forgiven; a surname one letter off ("Wong", "Wang") is someone else.
    if len(wa) > 1 and fuzz.ratio(wa[-1], wb[-1]) < FUZZY_THRESHOLD:
        return False
    return fuzz.ratio(ka, kb) >= FUZZY_THRESHOLD


def _surname_of(wa: list[str], wb: list[str]) -> bool:
    """One name is a single word equal to the last word of the other, a person's name."""
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if len(short) != 1 or len(short[0]) < 3 or short[0] != long[-1]:
        return False
    full = " ".join(long)
    # "Code" is not the surname of "Claude Code", nor "Times" of "Securities Times".
    if long[-1] in _org_words_lower():
        return False
    return type_of_key(full) in (None, "person") and type_of_key(short[0]) in (None, "person")


@cache
def _org_words_lower() -> frozenset[str]:
    table = data()
    return frozenset(w.lower() for w in table.org_words | table.org_suffixes)
