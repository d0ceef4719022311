"""default_report_name: short, readable, filesystem-safe names from the two stems."""

from __future__ import annotations

import re

from factcheck.report import default_report_name

SAFE = re.compile(r"^[A-Za-z0-9._-]+$")


def test_seed_names_shorten_their_hashes() -> None:
    name = default_report_name(
        "/work/shared/seeds/000_46db0fec834488b0.txt", "seeds/001_08fca85d72c74b22.txt"
    )
    assert name == "000_46db0fec-vs-001_08fca85d"


def test_unsafe_and_non_latin_names_become_safe() -> None:
    name = default_report_name("a/Le mot: «vrai»?.md", "b/مقال الأخبار.html")
    assert SAFE.match(name), name
    assert name.startswith("Le-mot-vrai-vs-")
    assert len(name) <= 90


def test_same_stem_in_two_folders_stays_distinguishable() -> None:
    name = default_report_name("fr/article.txt", "ar/article.txt")
    assert name == "fr-article-vs-ar-article"
