"""The comparison on the five real articles, through the loader and the rules extractor.

Expectations that depend on what the extractor finds say so in their assertion messages, so a
failure tells which extractor result is missing rather than only that a comparison changed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from factcheck.compare import compare
from factcheck.extract.rules import extract
from factcheck.load import load_document
from factcheck.models import Comparison, Document, Fact
from tests.conftest import SEEDS, seed

pytestmark = pytest.mark.real


@cache
def _loaded(number: int) -> tuple[Document, tuple[Fact, ...]]:
    document = load_document(seed(SEEDS, number))
    return document, tuple(extract(document))


def _compare(seeds_dir: Path, reference: int, candidate: int) -> Comparison:
    assert seeds_dir == SEEDS
    ref, ref_facts = _loaded(reference)
    cand, cand_facts = _loaded(candidate)
    return compare(ref, ref_facts, cand, cand_facts)


def _of(result: Comparison, kind: str) -> list:
    return [d for d in result.discrepancies if d.kind == kind]


def test_000_vs_001_reports_the_emptied_quotes_and_the_lost_spokespeople(seeds_dir: Path):
    result = _compare(seeds_dir, 0, 1)
    assert result.verdict == "discrepancies"
    empty = _of(result, "empty_quote")
    assert len(empty) >= 3, "the quotes extractor should find 001's empty quotes"
    assert all(d.severity == "high" and d.candidate is not None for d in empty)
    assert all(d.candidate.text.strip('"“”«» ') == "" for d in empty)
    assert any("Dario Amodei" in d.message for d in empty), "speaker of 001's last empty quote"
    missing = " ".join(d.message for d in _of(result, "missing_quote"))
    for name in ("Christopher Nulty", "Hannah Wong", "Jared Kaplan"):
        assert name in missing, f"000's quote by {name} (needs quotes with speakers in 000)"
    by_name = {d.message.split(";")[0]: d.severity for d in _of(result, "missing_quote")}
    # Omissions are low; the message says her voice vanished (001 never names her).
    assert by_name["The reference quotes Hannah Wong"] == "low"


def test_000_vs_004_is_a_different_story(seeds_dir: Path):
    result = _compare(seeds_dir, 0, 4)
    assert result.verdict == "different_story", "000 and 004 share only OpenAI"
    assert result.discrepancies == ()
    assert _compare(seeds_dir, 4, 0).verdict == "different_story"


@pytest.mark.parametrize(("reference", "candidate"), [(0, 3), (3, 0), (0, 1), (0, 2), (1, 3)])
def test_the_four_retellings_are_the_same_story(seeds_dir: Path, reference: int, candidate: int):
    result = _compare(seeds_dir, reference, candidate)
    assert result.verdict != "different_story", (
        "needs Anthropic and OpenAI found as organisations in both articles"
    )


@pytest.mark.parametrize("number", range(5))
def test_a_seed_compared_with_itself_reports_only_its_own_defects(seeds_dir: Path, number: int):
    result = _compare(seeds_dir, number, number)
    assert {d.kind for d in result.discrepancies} <= {"empty_quote"}
    expected = 6 if number == 1 else 0  # 001's three empty quotes, once per side
    assert len(result.discrepancies) == expected


def test_000s_ai_disclaimer_is_a_flag_on_the_right_document(seeds_dir: Path):
    as_reference = _compare(seeds_dir, 0, 3)
    assert [f.document for f in as_reference.flags] == ["reference"], "000's closing disclaimer"
    flag = as_reference.flags[0]
    assert as_reference.reference.text[flag.evidence.start : flag.evidence.end] == (
        flag.evidence.text
    )
    assert "AI" in flag.evidence.text
    assert [f.document for f in _compare(seeds_dir, 3, 0).flags] == ["candidate"]


def test_every_evidence_span_is_a_true_slice_of_its_article(seeds_dir: Path):
    for reference in range(5):
        for candidate in range(5):
            result = _compare(seeds_dir, reference, candidate)
            for found in result.discrepancies:
                for evidence, document in (
                    (found.reference, result.reference),
                    (found.candidate, result.candidate),
                ):
                    if evidence is not None:
                        assert document.text[evidence.start : evidence.end] == evidence.text
