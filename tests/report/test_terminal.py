"""to_terminal: verdict line, findings by severity, flags, backends, degraded notice, colour."""

from __future__ import annotations

import dataclasses
import re

from factcheck.models import Discrepancy
from factcheck.report import RENDERERS, to_terminal
from tests.report import fixtures

ANSI = re.compile(r"\x1b\[")


def test_verdict_line_names_both_articles_and_languages() -> None:
    first = to_terminal(fixtures.COMPARISON, width=120, color=False).splitlines()[0]
    assert first == (
        "DISCREPANCIES: harbour_fr.txt (fr) vs reference harbour_en.txt (en): "
        "10 findings (3 high, 3 medium, 4 low)"
    )


def test_different_story_verdict() -> None:
    other = dataclasses.replace(fixtures.CONSISTENT, verdict="different_story")
    out = to_terminal(other, width=120, color=False)
    assert out.startswith("DIFFERENT STORY: harbour_fr.txt (fr) vs reference harbour_en.txt")
    assert "too little to be compared" in out


def test_severities_are_grouped_high_first() -> None:
    out = to_terminal(fixtures.COMPARISON, width=100, color=False)
    assert out.index("HIGH (3)") < out.index("MEDIUM (3)") < out.index("LOW (4)")
    # the medium unsupported_claim comes before the low added_entity despite its later position
    assert out.index("unsupported_claim") < out.index("added_entity")


def test_long_evidence_is_truncated_with_an_ellipsis() -> None:
    long = Discrepancy(
        "unsupported_claim",
        "medium",
        "A long claim",
        candidate=fixtures.span(fixtures.CANDIDATE_TEXT, fixtures.CANDIDATE_TEXT[27:260]),
    )
    comparison = dataclasses.replace(fixtures.COMPARISON, discrepancies=(long,))
    out = to_terminal(comparison, width=200, color=False)
    cand = next(line for line in out.splitlines() if "cand:" in line)
    assert cand.rstrip().endswith("…”")
    assert len(cand.split("cand: ")[1]) <= 93


def test_degraded_notice_and_fallbacks() -> None:
    out = to_terminal(fixtures.DEGRADED, width=200, color=False)
    assert "DEGRADED: LLM providers failed; results come from the offline rules only" in out
    assert "anthropic:claude-haiku-4-5 failed (403 permission_error: access revoked)" in out
    assert "backends: anthropic:claude-haiku-4-5 → openai:gpt-5-mini → rules" in out
    assert "DEGRADED" not in to_terminal(fixtures.COMPARISON, width=200, color=False)


def test_flags_and_finding_sources_are_shown() -> None:
    out = to_terminal(fixtures.COMPARISON, width=200, color=False)
    assert "AI-use disclosure (1): review by a human" in out
    assert "candidate, written with AI help: “Cet article a été rédigé avec l'aide" in out
    assert "findings by: rules (8), llm anthropic/claude-haiku-4-5 (2)" in out


def test_an_ai_image_is_listed_apart_from_the_review_queue() -> None:
    caption = dataclasses.replace(fixtures.FLAGS[0], disclosure="ai_image")
    out = to_terminal(
        dataclasses.replace(fixtures.COMPARISON, flags=(caption,)), width=200, color=False
    )
    assert "review by a human" not in out
    assert "AI-made images (not in the review queue) (1)" in out
    assert "candidate, AI-made image: “Cet article" in out


def test_no_ansi_codes_without_colour_and_some_with_it() -> None:
    assert not ANSI.search(to_terminal(fixtures.DEGRADED, width=80, color=False))
    assert ANSI.search(to_terminal(fixtures.DEGRADED, width=80, color=True))


def test_rich_markup_in_article_text_is_printed_literally() -> None:
    tricky = dataclasses.replace(
        fixtures.COMPARISON,
        discrepancies=(Discrepancy("missing_entity", "low", "[bold red]Boom[/] :smile:"),),
    )
    out = to_terminal(tricky, width=120, color=False)
    assert "[bold red]Boom[/] :smile:" in out


def test_every_line_fits_80_columns() -> None:
    out = to_terminal(fixtures.DEGRADED, width=80, color=False)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_saved_terminal_renderer_is_plain_text() -> None:
    out = RENDERERS["terminal"](fixtures.DEGRADED)
    assert not ANSI.search(out)
    assert out.startswith("DISCREPANCIES:")
