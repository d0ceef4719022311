"""Entities and AI disclaimers on the five real articles in ../shared/seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.rules.disclaimers import find_disclaimers
from factcheck.extract.rules.entities import find_entities, same_entity
from factcheck.models import Document, Fact
from tests.conftest import seed

pytestmark = pytest.mark.real

LANGUAGES = {0: "id", 1: "fr", 2: "fr", 3: "ar", 4: "id"}
MONTHS = {
    "Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Agustus", "Oktober", "Desember",
    "Janvier", "Février", "Mars", "Avril", "Juin", "Juillet", "Août", "Décembre",
}  # fmt: skip


def load(seeds_dir: Path, number: int) -> Document:
    path = seed(seeds_dir, number)
    return Document(
        path=str(path), text=path.read_text(), sha256="0" * 64, language=LANGUAGES[number]
    )


def entities(seeds_dir: Path, number: int) -> list[Fact]:
    document = load(seeds_dir, number)
    found = find_entities(document)
    for fact in found:
        assert document.text[fact.start : fact.end] == fact.text
    return found


def by_type(found: list[Fact], kind: str) -> set[str]:
    return {str(f.value) for f in found if f.entity_type == kind}


def test_seed_000_people_and_organisations(seeds_dir: Path):
    found = entities(seeds_dir, 0)
    assert {"christopher nulty", "hannah wong", "jared kaplan"} <= by_type(found, "person")
    assert {"anthropic", "openai", "wired", "techcrunch", "salesforce", "windsurf"} <= by_type(
        found, "org"
    )
    nulty = [f for f in found if f.text == "Nulty"]
    assert nulty and all(f.value == "christopher nulty" for f in nulty)


def test_seed_001_amodei_by_full_name_then_surname(seeds_dir: Path):
    found = entities(seeds_dir, 1)
    mentions = [(f.text, f.value, f.entity_type) for f in found if "Amodei" in f.text]
    assert mentions == [
        ("Dario Amodei", "dario amodei", "person"),
        ("Amodei", "dario amodei", "person"),
    ]


def test_seed_002_consultant_is_a_person(seeds_dir: Path):
    found = entities(seeds_dir, 2)
    assert "jean baptiste mesona" in by_type(found, "person")
    assert {"anthropic", "openai", "microsoft", "google"} <= by_type(found, "org")


def test_seed_003_arabic_article_names_anthropic_and_openai(seeds_dir: Path):
    found = entities(seeds_dir, 3)
    assert {"anthropic", "openai"} <= by_type(found, "org")
    # The Arabic spelling in the title is the same company as the Latin one in the body.
    arabic = [f for f in found if not f.text.isascii()]
    assert any(f.value == "anthropic" for f in arabic)


def test_seed_004_agency_people_and_places(seeds_dir: Path):
    found = entities(seeds_dir, 4)
    assert {"openai", "antara"} <= by_type(found, "org")
    assert "china" in by_type(found, "place")
    assert "farhan arda nugraha" in by_type(found, "person")


@pytest.mark.parametrize("number", range(5))
def test_no_sentence_starter_or_month_is_an_entity(seeds_dir: Path, number: int):
    texts = {f.text for f in entities(seeds_dir, number)}
    assert not {"Keputusan", "Selon", "Cette", "Langkah", "Dengan", "Hal", "Mereka"} & texts
    assert not MONTHS & texts
    assert not {"API", "AI", "IA", "LLM"} & texts


def test_same_people_across_the_retellings(seeds_dir: Path):
    orgs_000 = by_type(entities(seeds_dir, 0), "org")
    orgs_003 = by_type(entities(seeds_dir, 3), "org")
    assert all(any(same_entity(a, b) for b in orgs_000) for a in orgs_003)


def test_seed_000_closing_line_is_an_ai_disclaimer(seeds_dir: Path):
    document = load(seeds_dir, 0)
    (found,) = find_disclaimers(document)
    assert found.value == "id"
    assert document.text[found.start : found.end] == found.text
    assert found.text.startswith("Berita ini")
    assert "AI" in found.text and "kesalahan" in found.text  # the errors sentence joins it
    assert found.end == len(document.text.rstrip())


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_other_seeds_have_no_disclaimer(seeds_dir: Path, number: int):
    assert find_disclaimers(load(seeds_dir, number)) == []
