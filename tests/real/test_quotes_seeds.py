"""Quotes and speakers in the five real seed articles (read in place from ../shared/seeds)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.extract.rules.quotes import find_quotes
from factcheck.models import Document, Fact
from tests.conftest import seed

pytestmark = pytest.mark.real

LANGUAGES = {0: "id", 1: "fr", 2: "fr", 3: "ar", 4: "id"}


def seed_quotes(seeds_dir: Path, number: int, language: str | None = "") -> tuple[str, list[Fact]]:
    path = seed(seeds_dir, number)
    text = path.read_text(encoding="utf-8")
    lang = LANGUAGES[number] if language == "" else language
    document = Document(path=str(path), text=text, sha256="0" * 64, language=lang)
    return text, find_quotes(document)


def by(facts: list[Fact], speaker: str | None) -> list[Fact]:
    return [f for f in facts if f.speaker == speaker]


def test_000_named_spokespeople(seeds_dir: Path) -> None:
    _, facts = seed_quotes(seeds_dir, 0)
    assert len(facts) == 6
    nulty = by(facts, "Christopher Nulty")
    assert [f.context for f in nulty] == ["menegaskan", "menyatakan"]
    assert nulty[0].value.startswith("Claude Code")
    # The second is a partial quote inside "Nulty menyatakan bahwa ...": the surname alone.
    assert nulty[1].value.startswith("terus memastikan")
    (wong,) = by(facts, "Hannah Wong")
    assert (wong.context, wong.value.split()[0]) == ("mengatakan", "Mengevaluasi")
    (kaplan,) = by(facts, "Jared Kaplan")
    assert kaplan.value.startswith("Saya pikir")


def test_000_terms_of_service_phrases_have_no_speaker(seeds_dir: Path) -> None:
    text, facts = seed_quotes(seeds_dir, 0)
    unnamed = by(facts, None)
    assert [f.value.split()[0] for f in unnamed] == ["membangun", "merekayasa"]
    assert all(f.text.startswith('"') and f.text.endswith('"') for f in unnamed)
    # Both sit in the same sentence, in document order.
    assert text.count("\n", unnamed[0].end, unnamed[1].start) == 0


def test_001_empty_quotes_and_their_attribution(seeds_dir: Path) -> None:
    text, facts = seed_quotes(seeds_dir, 1)
    empty = [f for f in facts if f.value == ""]
    assert len(empty) == text.count('""') == 3
    assert all(f.text == '""' for f in empty)
    assert [f.speaker for f in empty] == [None, "la société", "Dario Amodei"]
    assert [f.context for f in empty] == [None, "a déclaré", "a déclaré"]


def test_001_every_empty_quote_is_found_where_it_stands(seeds_dir: Path) -> None:
    # After a word, after a full stop and after a colon: none of them is the doubled closing
    # mark of a nested quote, which the extractor skips.
    text, facts = seed_quotes(seeds_dir, 1)
    empty = [(f.start, f.end) for f in facts if f.value == ""]
    assert empty == [(m.start(), m.end()) for m in re.finditer('""', text)]
    assert [text[start - 2 : start] for start, _ in empty] == ["n ", ". ", ": "]


def test_001_partial_quote_and_the_unbalanced_last_mark(seeds_dir: Path) -> None:
    text, facts = seed_quotes(seeds_dir, 1)
    (partial,) = [f for f in facts if f.value]
    assert partial.speaker == "Dario Amodei"
    assert partial.value.startswith("hécatombe")
    # The odd straight quote before the closing call to action opens nothing.
    assert text.count('"') % 2 == 1
    assert max(f.end for f in facts) < text.index("Pensez-vous")


def test_002_consultant_quote(seeds_dir: Path) -> None:
    _, facts = seed_quotes(seeds_dir, 2)
    (mesona,) = by(facts, "Jean-Baptiste Mesona")
    assert mesona.context == "souligne"
    assert mesona.text.startswith("« ") and mesona.text.endswith(" »")
    assert mesona.value.startswith("L’accès")
    # Guillemets elsewhere are titles or scare quotes, attributed to no one; apostrophes are none.
    others = [f for f in facts if f is not mesona]
    assert len(others) == 5
    assert all(f.speaker is None and f.text[0] == "«" for f in others)


def test_003_markup_and_front_matter_are_not_quotes(seeds_dir: Path) -> None:
    # Its only straight quotes are front-matter values and HTML attributes.
    _, facts = seed_quotes(seeds_dir, 3)
    assert facts == []


def test_004_quote_by_a_role(seeds_dir: Path) -> None:
    _, facts = seed_quotes(seeds_dir, 4)
    (quote,) = facts
    assert (quote.speaker, quote.context) == ("juru bicara OpenAI", "kata")
    assert quote.text[0] == "“" and quote.text[-1] == "”"
    assert quote.value.startswith("Kami")


@pytest.mark.parametrize("number", range(5))
@pytest.mark.parametrize("known_language", [True, False])
def test_every_fact_is_its_document_slice(
    seeds_dir: Path, number: int, known_language: bool
) -> None:
    text, facts = seed_quotes(seeds_dir, number, "" if known_language else None)
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
        assert fact.kind == "quote"
    assert [f.start for f in facts] == sorted(f.start for f in facts)
