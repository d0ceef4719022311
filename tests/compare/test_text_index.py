"""The word index that lets many names be searched in one long article."""

from __future__ import annotations

import re

from factcheck.compare.text_index import WordIndex


def test_a_name_is_found_where_its_first_word_stands_in_any_case():
    index = WordIndex("The mayor met Dewi Anggraini.\nLater dewi  anggraini left.")
    assert index.search(re.compile(r"Dewi\s+Anggraini(?!\w)"), "Dewi Anggraini")
    assert index.search(re.compile(r"dewi\s+anggraini(?!\w)"), "dewi anggraini")
    assert not index.search(re.compile(r"Dewi\s+Lestari(?!\w)"), "Dewi Lestari")


def test_a_pattern_given_as_a_function_is_compiled_only_when_its_first_word_is_there():
    index = WordIndex("Warga Lirang menyambut jembatan baru.")
    asked: list[str] = []

    def compiled(text: str) -> re.Pattern[str]:
        asked.append(text)
        return re.compile(re.escape(text))

    assert not index.search(lambda: compiled("Wirasena"), "Wirasena")
    assert asked == []  # no word "wirasena" in the text: nothing to compile
    assert index.search(lambda: compiled("Lirang"), "Lirang")
    assert asked == ["Lirang"]
    assert index.search(lambda: compiled("(Lirang"), "(Lirang") is False  # whole-text search
    assert asked == ["Lirang", "(Lirang"]
