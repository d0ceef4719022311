"""facts_to_json / facts_to_terminal: what `factcheck extract` prints."""

from __future__ import annotations

import json

from factcheck.models import RunInfo
from factcheck.report.facts import facts_to_json, facts_to_terminal
from tests.report import fixtures


def test_facts_json() -> None:
    doc = json.loads(facts_to_json(fixtures.REFERENCE, fixtures.REFERENCE_FACTS, RunInfo()))
    assert doc["schema"] == "factcheck/facts@1"
    assert doc["document"]["path"] == "articles/harbour_en.txt"
    quote = doc["facts"][0]
    assert (quote["kind"], quote["speaker"]) == ("quote", "Mara Quint")
    assert quote["text"] == fixtures.REFERENCE_TEXT[quote["start"] : quote["end"]]
    assert doc["run"]["backends"] == ["rules"]


def test_facts_terminal_lists_each_fact_with_offsets() -> None:
    out = facts_to_terminal(
        fixtures.CANDIDATE, fixtures.CANDIDATE_FACTS, RunInfo(), width=200, color=False
    )
    assert out.startswith("harbour_fr.txt (fr): 7 fact(s)")
    assert "(empty quote) (said by la porte-parole)" in out
    ev = fixtures.span(fixtures.CANDIDATE_TEXT, "60 mètres")
    assert f"{ev.start}-{ev.end}" in out
    assert "60 m" in out
    assert "llm anthropic/claude-haiku-4-5" in out
    assert "fr ai_assisted" in out  # a disclosure shows its language and kind
