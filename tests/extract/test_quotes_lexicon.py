"""The compiled reporting language: phrases compiled on first use, one-word roles as a set."""

from __future__ import annotations

from factcheck.extract.rules.quotes_lexicon import SayFinder, lexicon, single_word_roles, table


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
