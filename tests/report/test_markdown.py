"""to_markdown: verdict, summary table, one section per discrepancy, flags, degraded notice."""

from __future__ import annotations

import dataclasses
import re

from factcheck.report import to_markdown
from tests.report import fixtures


def test_one_section_per_discrepancy_in_severity_order() -> None:
    md = to_markdown(fixtures.COMPARISON)
    headings = re.findall(r"^### (\d+)\. `([a-z_]+)` \((\w+)\)$", md, flags=re.M)
    assert len(headings) == len(fixtures.DISCREPANCIES)
    assert [h[0] for h in headings] == [str(n) for n in range(1, 11)]
    assert [h[2] for h in headings] == ["high"] * 3 + ["medium"] * 3 + ["low"] * 4


def test_both_evidences_are_quotes() -> None:
    md = to_markdown(fixtures.COMPARISON)
    section = md.split("`date_mismatch` (high)")[1].split("###")[0]
    assert "**Reference** (chars 57–69):\n\n> 3 March 2025" in section
    assert "**Candidate** (chars 82–93):\n\n> 4 mars 2025" in section
    missing = md.split("`missing_quote` (low)")[1].split("###")[0]
    assert "**Candidate:** not present" in missing


def test_summary_table_counts_kinds() -> None:
    md = to_markdown(fixtures.COMPARISON)
    assert "| Kind | Severity | Count |" in md
    assert "| `number_mismatch` | high | 1 |" in md
    assert md.index("| `empty_quote` | high") < md.index("| `missing_entity` | low")


def test_verdict_flags_and_backends() -> None:
    md = to_markdown(fixtures.COMPARISON)
    assert md.startswith("# factcheck: harbour\\_fr.txt (fr) vs harbour\\_en.txt (en)\n")
    assert "**Verdict:** DISCREPANCIES:" in md
    assert "## AI-use disclosure: review by a human" in md
    assert "> Cet article a été rédigé avec l'aide d'une intelligence artificielle." in md
    assert "- Findings by: rules (8), llm anthropic/claude-haiku-4-5 (2)" in md


def test_degraded_notice() -> None:
    md = to_markdown(fixtures.DEGRADED)
    assert "> **Warning:** DEGRADED: LLM providers failed; results come from the offline" in md
    assert "DEGRADED" not in to_markdown(fixtures.COMPARISON)


def test_article_markup_is_made_inert() -> None:
    md = to_markdown(fixtures.hostile_comparison())
    assert "<script>" not in md
    assert "\\<script\\>alert(1)\\</script\\>" in md


def test_consistent_report_has_no_findings_section() -> None:
    md = to_markdown(fixtures.CONSISTENT)
    assert "**Verdict:** CONSISTENT:" in md
    assert "## Findings" not in md


def test_an_ai_image_is_listed_apart_from_the_review_queue() -> None:
    caption = dataclasses.replace(fixtures.FLAGS[0], disclosure="ai_image")
    md = to_markdown(dataclasses.replace(fixtures.COMPARISON, flags=(caption,)))
    assert "review by a human" not in md
    assert "## AI-made images (not in the review queue)" in md
    assert "`ai_image` (AI-made image)" in md
