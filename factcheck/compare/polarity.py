"""Whether a quote retold in another language still says yes where it said yes.

Across languages the words of a quote cannot be compared, but negation survives translation:
"we will not cut jobs" is "no recortaremos empleos". A retelling whose quote negates a sentence
more often than the reference's does (or less often) says the opposite.

Translations also write a negation for a word of negative meaning: "unparalleled" becomes "que
no tiene par", "remove the potential" "que no haya posibilidad", "until" "finché non", "failed"
"no funcionó". So each such word of the quote with fewer negations (the `implicit` lists of
the data file) accounts for one negation more on the other side, in whatever clause.
Subordinate clauses are read too: complement clauses carry much of what is quoted ("We think
it is not the future" is "Creemos que no es el futuro").

Negations are counted by their heads: "no dijo nada" and "il n'a rien dit" negate once, so a
quote negated twice where its translation negates once ("it is better we do not buy" retold as
"non è meglio non comprare") says something else."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

_WORD = re.compile(r"\w+(?:['’]\w+)?")
# A sentence ends at a stop followed by a space or the end: "C.E.O.," and "3.5" go on.
_SENTENCE = re.compile(r"[.!?;:؟]+[\"'”’»)\]]*(?:\s+|$)")


@dataclass(frozen=True, slots=True)
class _Implicit:
    """Words of negative meaning in one language (see the module docstring)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]  # two words, in this order, in one sentence
    not_exact: frozenset[str]
    not_prefixes: tuple[str, ...]

    def count(self, text: str) -> int:
        """How many of the words (and word pairs) `text` holds."""
        tokens = _WORD.findall(text.casefold().replace("’", "'"))
        found = sum(1 for token in tokens if self._word(token))
        for first, second in self.pairs:
            if first in tokens and second in tokens[tokens.index(first) + 1 :]:
                found += 1
        return found

    def _word(self, token: str) -> bool:
        if token in self.exact:
            return True
        # The longest affix decides: "ontbreekt" (ontbr*) yes, "ontwikkeling" (ont*, not) no.
        taken = max(
            (len(p) for p in self.prefixes if token.startswith(p) and len(token) >= len(p)),
            default=0,
        )
        taken = max(
            taken,
            max(
                (len(x) for x in self.suffixes if token.endswith(x) and len(token) > len(x)),
                default=0,
            ),
        )
        if not taken:
            return False
        kept = len(token) if token in self.not_exact else 0
        kept = max([kept, *(len(p) for p in self.not_prefixes if token.startswith(p))])
        return taken > kept


def _implicit(words: list[str], not_words: list[str]) -> _Implicit:
    single = [w for w in words if " " not in w]
    return _Implicit(
        exact=frozenset(w for w in single if "*" not in w),
        prefixes=tuple(w[:-1] for w in single if w.endswith("*")),
        suffixes=tuple(w[1:] for w in single if w.startswith("*")),
        pairs=tuple(tuple(w.split(maxsplit=1)) for w in words if " " in w),  # type: ignore[misc]
        not_exact=frozenset(w for w in not_words if not w.endswith("*")),
        not_prefixes=tuple(w[:-1] for w in not_words if w.endswith("*")),
    )


@functools.cache
def _implicit_words() -> dict[str, _Implicit]:
    data = resources.files("factcheck.compare").joinpath("data/negation.json")
    table: dict[str, dict[str, list[str]]] = json.loads(data.read_text(encoding="utf-8"))
    exclusions = table.get("implicit_not", {})
    return {
        language: _implicit(words, exclusions.get(language, []))
        for language, words in table.get("implicit", {}).items()
    }


def negative_meaning(text: str, language: str | None) -> int:
    """How many words of negative meaning that carry no negation word `text` holds in
    `language` ("without", "unparalleled", "until"): a translation may negate each."""
    found = _implicit_words().get(language or "")
    return found.count(text) if found is not None else 0


@functools.cache
def _lexicon() -> dict[str, _Negations]:
    data = resources.files("factcheck.compare").joinpath("data/negation.json")
    table: dict[str, dict[str, list[str]]] = json.loads(data.read_text(encoding="utf-8"))
    out = {}
    for language, words in table["negations"].items():
        out[language] = _Negations(
            exact=frozenset(w for w in words if not w.endswith(("*", "'"))),
            # "n'" elided: "n'ai", "n'est"
            prefixes=tuple(w[:-1] for w in words if w.endswith("*"))
            + tuple(w for w in words if w.endswith("'")),
            concord=frozenset(table.get("concord", {}).get(language, ())),
            expletive=frozenset(table.get("expletive", {}).get(language, ())),
            additive=frozenset(
                tuple(pair.split(maxsplit=1))  # type: ignore[misc]
                for pair in table.get("additive", {}).get(language, ())
            ),
            ever=tuple(tuple(phrase.split()) for phrase in table.get("ever", {}).get(language, ())),
        )
    return out


@dataclass(frozen=True, slots=True)
class _Negations:
    """The negation words of one language (see the data file's comment)."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]
    concord: frozenset[str]  # agree with a negation before them: "no dijo nada"
    expletive: frozenset[str]  # a negation after them in their clause negates nothing
    additive: frozenset[tuple[str, str]]  # "not only": a negation and the word that undoes it
    ever: tuple[tuple[str, ...], ...]  # "se mai", "plus que jamais": the negation means "ever"

    def negates(self, token: str) -> bool:
        return token.endswith("n't") or token in self.exact or token.startswith(self.prefixes)

    def undone(self, tokens: list[str], n: int) -> bool:
        """Whether the negation word at n negates nothing: "not only" (additive) or "se mai"
        (a phrase where it means "ever")."""
        following = tokens[n + 1] if n + 1 < len(tokens) else ""
        if (tokens[n], following) in self.additive:
            return True
        return any(
            len(phrase) <= n + 1 and tuple(tokens[n + 1 - len(phrase) : n + 1]) == phrase
            for phrase in self.ever
        )


def known(language: str | None) -> bool:
    """Whether negation words are known for `language`."""
    return (language or "") in _lexicon()


def negations(text: str, language: str | None, heads: bool = False) -> int:
    """How many negation words `text` holds in `language` (0 when the language is unknown);
    with `heads`, a concord word after another negation of its sentence is not counted ("no
    dijo nada" negates once), nor a negation after an expletive word in its clause ("finché
    non", "avant qu'il ne"). "Not only" ("non solo", "niet alleen") is never a negation: "not
    only X but Y" states X; nor is a negation word that means "ever" ("se mai", "più che mai",
    "plus que jamais")."""
    words = _lexicon().get(language or "")
    if words is None:
        return 0
    count = 0
    for sentence in _SENTENCE.split(text.casefold().replace("’", "'")):
        negated = False
        for clause in sentence.split(","):
            expletive = False
            tokens = _WORD.findall(clause)
            for n, token in enumerate(tokens):
                if heads and token in words.expletive:
                    expletive = True
                if not words.negates(token) or words.undone(tokens, n):
                    continue
                if not (heads and (expletive or (negated and token in words.concord))):
                    count += 1
                negated = True
    return count


def opposite(a: str, language_a: str | None, b: str, language_b: str | None) -> bool:
    """Whether one of two quotes, in known languages, says the opposite of the other: a sentence
    (sentence by sentence when both have as many) negated more often on one side, whose other
    side holds no word of negative meaning."""
    if not (known(language_a) and known(language_b)):
        return False
    if negations(a, language_a, True) == negations(b, language_b, True):
        return False
    sentences_a, sentences_b = _sentences(a), _sentences(b)
    if len(sentences_a) == len(sentences_b) > 1:
        # Sentence for sentence: a negation added to a sentence of a quote, even one that
        # negates already ("He admits they were not" retold as "Non ha ammesso che non"), is
        # found. A sentence holding an interjection ("No, Sir, save it" is "No, señor, no
        # hable") counts only when negated on one side alone: around an interjection,
        # translations move negations about.
        return any(
            _differ(
                x,
                language_a,
                y,
                language_b,
                presence=_interjection(x, language_a) or _interjection(y, language_b),
            )
            for x, y in zip(sentences_a, sentences_b, strict=True)
        )
    return _differ(a, language_a, b, language_b)


def _differ(
    a: str, language_a: str | None, b: str, language_b: str | None, *, presence: bool = False
) -> bool:
    """Whether one text negates more often than the other (with `presence`: negates where the
    other does not) by more than the other's words of negative meaning account for: each may
    have been rendered with a negation ("unparalleled", "que no tiene par")."""
    count_a, count_b = negations(a, language_a, True), negations(b, language_b, True)
    if count_a == count_b or (presence and min(count_a, count_b) > 0):
        return False
    fewer, fewer_language = (a, language_a) if count_a < count_b else (b, language_b)
    allowance = negative_meaning(fewer, fewer_language)
    return max(count_a, count_b) > min(count_a, count_b) + allowance


def _interjection(sentence: str, language: str | None) -> bool:
    """Whether a clause of `sentence` is nothing but negation words ("No, Sir", "Nee, nee")."""
    words = _lexicon().get(language or "")
    if words is None:
        return False
    for clause in sentence.casefold().split(","):
        tokens = _WORD.findall(clause)
        if tokens and all(words.negates(token) for token in tokens):
            return True
    return False


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text) if _WORD.search(part)]
