"""How one article's facts are sorted by kind before a comparison."""

from __future__ import annotations

from factcheck.compare.side import Side
from factcheck.models import Document, Fact

TEXT = (
    "Note: this text was drafted with AI, with 40 edits (see 12 notes). "
    "The bridge cost 300 million."
)


def _fact(kind: str, phrase: str, value: object = None) -> Fact:
    start = TEXT.index(phrase)
    return Fact(kind, phrase, start, start + len(phrase), value)  # type: ignore[arg-type]


def test_facts_inside_any_disclaimer_are_set_aside_whatever_order_the_disclaimers_come_in():
    long = _fact("disclaimer", TEXT[: TEXT.index(". ") + 1], "en")
    short = _fact("disclaimer", "(see 12 notes)", "en")  # starts later, ends earlier
    inside_long_only = _fact("number", "40", 40.0)
    inside_both = _fact("number", "12", 12.0)
    news = _fact("number", "300 million", 3e8)
    document = Document(path="a.txt", text=TEXT, sha256="0")
    side = Side.of("reference", document, [news, short, inside_both, long, inside_long_only])
    assert side.numbers == [news]
    assert side.disclaimers == [short, long]
