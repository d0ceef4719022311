"""The compiled reporting language: phrases compiled on first use (for a word with many, only
those that can match where it stands), one-word roles as a set."""

from __future__ import annotations

import re

import pytest
import regex

from factcheck.extract.rules.quotes_lexicon import (
    _NARROWED_TIMES,
    SayFinder,
    _alternation,
    _ordered,
    _phrase,
    _shape,
    lexicon,
    single_word_roles,
    table,
)


def test_a_word_s_phrases_are_compiled_only_when_the_word_is_met() -> None:
    finder = SayFinder({"v": [("said", r"said"), ("told", r"told")], "pv": [], "src": []})
    assert finder._compiled == {}
    hit = finder.search("Anna said it was late.")
    assert hit is not None and hit.group() == "said"
    assert set(finder._compiled) == {"said"}  # "told" was never met, so never compiled


def test_one_word_roles_match_as_the_every_language_pattern_does() -> None:
    roles = lexicon(None).roles
    words = {
        variant
        for entry in table()["languages"].values()
        for phrase in (*entry["roles"], *entry["stops"], *entry["pronouns"])
        for word in phrase.split()
        for variant in (word, word.upper(), word.capitalize(), word + ",")
    }
    assert words
    for word in words:
        assert (word.lower() in single_word_roles()) == bool(roles.fullmatch(word)), word


def _whole(finder: SayFinder, s: str, pos: int) -> regex.Match[str] | None:
    """What the finder's match at `pos` was before narrowing: all the word's phrases at once."""
    word = re.match(r"\w+", s[pos:])
    source = finder._sources.get(word.group().lower()) if word else None
    return regex.compile(source, regex.IGNORECASE).match(s, pos) if source else None


def _said(hit: regex.Match[str] | None) -> tuple[object, ...] | None:
    if hit is None:
        return None
    return (
        hit.span(),
        hit.group("pv"),
        hit.group("src"),
        hit.group("v"),
        hit.groupdict().get("ins"),
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "« C'est fini », a-t-elle dit. Le maire a notamment déclaré qu'il a une idée."),
        ("fr", "Il a, de son côté, a pour sa part ajouté que A DÉCLARÉ\na dit-il a dit"),
        ("fr", "Elle a  à son tour   précisé : « non ». Il a ajoutée, il a dit"),
        ("it", "Il ministro ha dal canto suo detto che ha poi spiegato, ha dichiarato."),
        ("es", "El alcalde ha por su parte dicho que ha explicado y ha añadido algo."),
    ],
)
def test_a_word_with_many_phrases_matches_as_all_its_phrases_do(language: str, text: str) -> None:
    say = lexicon(language).say
    for word in re.finditer(r"\w+", text):
        assert _said(say.match(text, word.start())) == _said(_whole(say, text, word.start()))


def test_a_word_with_many_phrases_compiles_only_those_that_can_match() -> None:
    verbs = ["déclaré", "dit", "ajouté", "expliqué", "précisé", "souligné", "affirmé", "estimé"]
    verbs += [f"{v}{n}" for v in verbs for n in range(20)]  # a pattern long enough to narrow
    entries = [(f"a {v}", _phrase(f"a {v}", inserted=True)) for v in verbs]
    shapes = {(p, s): shape for p, s in entries if (shape := _shape(p, inserted=True))}
    finder = SayFinder({"v": entries, "pv": [], "src": []}, shapes)
    assert len(finder._sources["a"]) > 10_000
    hit = finder.match("Il a notamment dit non.", 3)
    assert hit is not None and hit.group() == "a notamment dit"
    assert hit.group("ins") == "notamment"
    assert finder.match("Il a un chien.", 3) is None
    assert "a" not in finder._compiled  # the whole pattern was never compiled
    # Two narrowings: the phrases ending in "dit", and none at all ("un chien" ends none).
    assert len(finder._narrowings["a"]) == 2
    assert all(len(source) < 1000 for source in finder._narrowings["a"])
    # A long run meets the word again and again: the whole pattern, compiled once, then serves.
    for _ in range(_NARROWED_TIMES):
        finder.match("Il a un chien.", 3)
    assert "a" in finder._compiled
    hit = finder.match("Il a notamment dit non.", 3)
    assert hit is not None and hit.group() == "a notamment dit"


def test_roles_check_the_word_end_once_per_run_and_match_as_before() -> None:
    phrases = ["porte-parole", "chef", "chef de cabinet", "ministre", "متحدث\u0640", "ceo"]
    entries = [(p, _phrase(p, inserted=False)) for p in phrases]
    once = regex.compile(_alternation(entries), regex.IGNORECASE)
    each = regex.compile("|".join(s for _, s in _ordered(entries)), regex.IGNORECASE)
    for text in ["chefs", "chef de cabinet", "Le CEO dit", "متحدثـو", "ministres", "porte-parole,"]:
        for start in range(len(text)):
            found, expected = once.match(text, start), each.match(text, start)
            assert (found and found.span()) == (expected and expected.span()), (text, start)
