"""The translation benchmark's negation edit: a quotation negated the way its language negates.

A negation inserted anywhere ("[Il non volo di prova]", "una non delle sette meraviglie") is
not a changed statement but a garbled one, and a reader would not take it for a quote that now
says the opposite. So the edit negates a finite verb, where the language puts the negation:
before it in Spanish and Italian, ahead of any clitic pronoun ("non ci hanno", "no lo sabe");
after it in English and in a Dutch main clause ("is niet"), before it at the end of a Dutch
subordinate clause ("dat het de toekomst niet is"). A verb that is already negated is skipped,
and a quotation with no finite verb the data file knows (a noun phrase) is not edited.

The rules and words are this benchmark's own (benchmarks/data/negation_edit.json), never
factcheck's: the benchmark must not share what it measures.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "negation_edit.json"
_WORD = re.compile(r"\w[\w'’]*")
_SENTENCE_END = re.compile(r"(?:^|[.!?…]\s*)[\[(«“\"'‘]*$")
_CLAUSE_START = re.compile(r"[,;:.!?…()\[\]«»“”\"–—]")


@dataclass(frozen=True, slots=True)
class Rules:
    """One language's way of negating a quotation (see the data file's comment)."""

    negation: str
    after: bool
    verbs: frozenset[str]
    verb_suffixes: tuple[str, ...]
    negated: frozenset[str]
    clitics: frozenset[str]
    elided: tuple[str, ...]
    subordinators: frozenset[str]
    ambiguous: frozenset[str]
    subject_words: frozenset[str]
    plural_endings: tuple[str, ...]
    after_skip: frozenset[str]
    expletive: frozenset[str]


@functools.cache
def rules(lang: str) -> Rules | None:
    """The negation rules of `lang`, or None for a language the data file lacks."""
    table = json.loads(DATA.read_text(encoding="utf-8")).get(lang)
    if table is None:
        return None
    return Rules(
        negation=table["negation"],
        after=table["after"],
        verbs=frozenset(table["verbs"]),
        verb_suffixes=tuple(table.get("verb_suffixes", ())),
        negated=frozenset(table["negated"]),
        clitics=frozenset(table.get("clitics", ())),
        elided=tuple(table.get("elided", ())),
        subordinators=frozenset(table.get("subordinators", ())),
        ambiguous=frozenset(table.get("ambiguous", ())),
        subject_words=frozenset(table.get("subject_words", ())),
        plural_endings=tuple(table.get("plural_endings", ())),
        after_skip=frozenset(table.get("after_skip", ())),
        expletive=frozenset(table.get("expletive", ())),
    )


def _bare(word: str, lang: Rules) -> str:
    """The verb a word holds once an elided clitic is taken off ("c'è" holds "è")."""
    low = word.lower()
    for prefix in lang.elided:
        if low.startswith(prefix) and len(low) > len(prefix):
            return low[len(prefix) :]
    return low


def _finite(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> bool:
    """Whether word i is a finite verb the rules know, read in its place."""
    word = _bare(words[i].group(), lang)
    if word not in lang.verbs and not (
        len(word) > 4 and any(word.endswith(s) for s in lang.verb_suffixes)
    ):
        return False
    if word in lang.ambiguous:
        return _ambiguous_is_verb(words, i, inner, lang)
    return True


def _ambiguous_is_verb(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> bool:
    """A form that is also a possessive ("zijn eerste vlucht") is a verb after a subject-like
    word (a pronoun, a plural noun) or at the end of its clause."""
    following = inner[words[i].end() :].lstrip()
    if not following or following[0] in ",.;:!?)]”»\"'":
        return True
    if i == 0 or _CLAUSE_START.search(inner[words[i - 1].end() : words[i].start()]):
        return False
    before = words[i - 1].group().lower()
    return before in lang.subject_words or before.endswith(lang.plural_endings)


def _already_negated(words: list[re.Match[str]], i: int, first: int, lang: Rules) -> bool:
    """Whether the verb at i is negated already: a negation word just before its clitics, or
    (where the negation follows) just after it."""
    if first > 0 and words[first - 1].group().lower() in lang.negated:
        return True
    after = words[i + 1].group().lower() if i + 1 < len(words) else ""
    return lang.after and after in lang.negated


def _clitics_before(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> int:
    """The index of the first of the clitic pronouns right before the verb at i (i if none)."""
    first = i
    while (
        first > 0
        and words[first - 1].group().lower() in lang.clitics
        and not inner[words[first - 1].end() : words[first].start()].strip()
    ):
        first -= 1
    return first


def _clause_start(words: list[re.Match[str]], i: int, inner: str) -> int:
    """The index of the first word of the clause that word i stands in."""
    start = i
    while start > 0 and not _CLAUSE_START.search(
        inner[words[start - 1].end() : words[start].start()]
    ):
        start -= 1
    return start


def _clause_end(words: list[re.Match[str]], i: int, inner: str) -> bool:
    """Whether word i is the last of its clause."""
    following = inner[words[i].end() : words[i + 1].start()] if i + 1 < len(words) else "."
    return bool(_CLAUSE_START.search(following))


def _subordinate(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> bool:
    """Whether the verb at i stands last in a subordinate clause: a subordinator before it in
    its clause with a word or more between them ("dat het ... is"; "Dat is" is a main clause),
    or the verb ends its clause after two words or more (the subordinator may stand before the
    quotation: zei dat “de vertragingen teleurstellend zijn”)."""
    start = _clause_start(words, i, inner)
    for k in range(i - 2, start - 1, -1):
        word = words[k].group().lower()
        if word in lang.subordinators:
            return True
        if _finite(words, k, inner, lang):
            break  # the nearest verb before belongs to the clause that holds this one
    return _clause_end(words, i, inner) and i - start >= 2


def _expletive(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> bool:
    """Whether the verb at i stands in a clause whose negation would negate nothing."""
    start = _clause_start(words, i, inner)
    return any(words[k].group().lower() in lang.expletive for k in range(start, i))


def _insert_after(words: list[re.Match[str]], i: int, inner: str, lang: Rules) -> str:
    """The negation after the verb at i and the weak pronouns that follow it ("ben er niet")."""
    last = i
    while last + 1 < len(words) and words[last + 1].group().lower() in lang.after_skip:
        if _CLAUSE_START.search(inner[words[last].end() : words[last + 1].start()]):
            break
        last += 1
    end = words[last].end()
    return inner[:end] + " " + lang.negation + inner[end:]


def _insert_before(inner: str, at: int, negation: str) -> str:
    """The negation before the word at `at`, taking over its capital at a sentence start."""
    word_start = inner[at:]
    if word_start[:1].isupper() and _SENTENCE_END.search(inner[:at]):
        negation = negation.capitalize()
        word_start = word_start[0].lower() + word_start[1:]
    return inner[:at] + negation + " " + word_start


def negated_quote(inner: str, lang: str) -> str | None:
    """The quote's words with the language's negation given to its first finite verb that is
    not negated yet; None when the quote is short or holds no finite verb the rules know."""
    language = rules(lang)
    words = list(_WORD.finditer(inner))
    if language is None or len(words) < 4:
        return None
    for i in range(len(words)):
        if not _finite(words, i, inner, language):
            continue
        first = _clitics_before(words, i, inner, language) if not language.after else i
        if _already_negated(words, i, first, language) or _expletive(words, i, inner, language):
            continue
        if language.after and not _subordinate(words, i, inner, language):
            return _insert_after(words, i, inner, language)
        return _insert_before(inner, words[first].start(), language.negation)
    return None
