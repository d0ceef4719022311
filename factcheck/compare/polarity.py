"""Whether a quote retold in another language still says yes where it said yes.

Across languages the words of a quote cannot be compared, but negation survives translation:
"we will not cut jobs" is "no recortaremos empleos". A retelling whose quote carries a negation
in a main clause where the reference's carries none (or the reverse), and a different number of
negations overall, says the opposite. Presence, not parity: French and Spanish negate twice
("il n'a rien dit", "no dijo nada"). Relative and complement clauses alone never decide: a
translation renders "unparalleled" as "que no tiene par", and "saying it will not" as "diciendo
que no". A relative or complement word opening a sentence ("Dat is niet ...") is a pronoun,
not the start of a subordinate clause."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_SENTENCE = re.compile(r"[.!?;:؟]+\s*")


@functools.cache
def _lexicon() -> dict[str, tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]]]:
    data = resources.files("factcheck.compare").joinpath("data/negation.json")
    table: dict[str, dict[str, list[str]]] = json.loads(data.read_text(encoding="utf-8"))
    out = {}
    for language, words in table["negations"].items():
        exact = frozenset(w for w in words if not w.endswith(("*", "'")))
        prefixes = tuple(w[:-1] for w in words if w.endswith("*")) + tuple(
            w
            for w in words
            if w.endswith("'")  # "n'" elided: "n'ai", "n'est"
        )
        subordinators = frozenset(table["subordinators"].get(language, ()))
        adverbial = frozenset(table.get("adverbial", {}).get(language, ()))
        out[language] = (exact, prefixes, subordinators, adverbial)
    return out


def known(language: str | None) -> bool:
    """Whether negation words are known for `language`."""
    return (language or "") in _lexicon()


def negations(text: str, language: str | None, main_only: bool = False) -> int:
    """How many negation words `text` holds in `language` (0 when the language is unknown);
    with `main_only`, each sentence is read up to its first subordinator ("that", "que")."""
    entry = _lexicon().get(language or "")
    if entry is None:
        return 0
    exact, prefixes, subordinators, adverbial = entry
    count = 0
    for sentence in _SENTENCE.split(text.casefold().replace("’", "'")):
        for n, token in enumerate(_WORD.findall(sentence)):
            # "Dat is niet ...": a relative or complement word opening a sentence is a pronoun.
            if main_only and token in subordinators and (n > 0 or token in adverbial):
                break
            if token.endswith("n't") or token in exact or (prefixes and token.startswith(prefixes)):
                count += 1
    return count


def opposite(a: str, language_a: str | None, b: str, language_b: str | None) -> bool:
    """Whether one of two quotes, in known languages, is negated and the other is not: their
    main clauses differ in having a negation (sentence by sentence when both have as many), and
    the quotes differ in how many they hold."""
    if not (known(language_a) and known(language_b)):
        return False
    if negations(a, language_a) == negations(b, language_b):
        return False
    sentences_a, sentences_b = _sentences(a), _sentences(b)
    if len(sentences_a) == len(sentences_b) > 1:
        # Sentence for sentence: a negation added to one sentence of a quote that already
        # negates another is still found.
        return any(
            (negations(x, language_a, True) == 0) != (negations(y, language_b, True) == 0)
            for x, y in zip(sentences_a, sentences_b, strict=True)
        )
    main_a, main_b = negations(a, language_a, True), negations(b, language_b, True)
    return (main_a == 0) != (main_b == 0)


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text) if _WORD.search(part)]
