"""The pipeline with an in-process scripted model: what the LLM adds, drops and judges.

No HTTP here: `compare_files(..., provider=ScriptedProvider(...))` runs the real chain (log,
retry, fallback, cache) around a model whose answers the test writes. What each vendor's wire
format does is tested against the loopback server in tests/providers/ and test_llm_pipeline.py.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import factcheck.llm.extract as llm_module
from factcheck.backend import Backend
from factcheck.config import Settings
from factcheck.errors import AccessError, AllBackendsFailedError, InvalidOutputError
from factcheck.llm.providers import ScriptedProvider
from factcheck.llm.providers.base import Message, Request
from factcheck.pipeline import compare_files, extract_file
from factcheck.report import RENDERERS
from tests.llm.test_llm_pipeline import REFERENCE, _article, _fact, article_pair, news_folder

CLAIMS = ("Le pont ne rouvrira jamais.", "closed the Quayside bridge on Thursday")
INVENTED = "This sentence appears in no article at all."
# A chain ending with rules (the default); `compare` asks per article, then judges: these tests
# follow those requests (the one-request way: test_joint_compare.py).
RULES_AFTER = Settings(providers="rules", joint_compare=False)


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    return article_pair(tmp_path)


def sent_ids(request: Request, part: str) -> list[str]:
    """The ids the judge request allows in `part` ("quotes" or "claims")."""
    return request.schema["properties"][part]["items"]["properties"]["id"].get("enum", [])


def verdicts(request: Request, quote: str, claim: str, reason: str) -> dict[str, Any]:
    return {
        "quotes": [
            {"id": i, "verdict": quote, "reason": reason} for i in sent_ids(request, "quotes")
        ],
        "claims": [
            {"id": i, "verdict": claim, "reason": reason} for i in sent_ids(request, "claims")
        ],
    }


def like_a_model(request: Request) -> dict[str, Any]:
    """Extraction: the article's own claim and an invented one. Judgement: every quote pair the
    same, every claim contradicted."""
    if request.schema_name == "facts":
        article = _article(request.messages[-1].content)
        grounded = next(c for c in CLAIMS if c in article)
        return {"facts": [_fact("claim", grounded), _fact("claim", INVENTED)]}
    return verdicts(request, "same", "contradicted", "The reference says it reopens in June.")


def test_grounded_facts_are_kept_ungrounded_dropped_and_counted(articles):
    model = ScriptedProvider(respond=like_a_model)
    result = compare_files(*articles, RULES_AFTER, provider=model)
    llm_claims = [f for f in result.candidate_facts if f.source.extractor == "llm"]
    assert [f.text for f in llm_claims] == ["Le pont ne rouvrira jamais."]
    claim = llm_claims[0]
    assert result.candidate.text[claim.start : claim.end] == claim.text
    assert (claim.source.provider, claim.source.model) == ("scripted", "script")
    assert result.run.dropped_facts == 2  # one invented claim per article
    assert result.run.backends == ("scripted:script", "rules")
    assert len(model.asked("facts")) == 2 and len(model.asked("judgement")) == 1
    assert result.run.llm_calls == len(model.requests) == 3
    assert result.run.input_tokens > 0 and not result.run.degraded


def test_the_judge_gets_only_the_candidates_claims_and_its_verdict_becomes_a_finding(articles):
    model = ScriptedProvider(respond=like_a_model)
    result = compare_files(*articles, RULES_AFTER, provider=model)
    (judgement,) = model.asked("judgement")
    claim_ids = sent_ids(judgement, "claims")
    assert claim_ids, "the candidate's LLM claim goes to the judge"
    assert "Le pont ne rouvrira jamais." in judgement.messages[-1].content
    contradicted = [d for d in result.discrepancies if d.kind == "contradicted_claim"]
    assert [d.candidate.text for d in contradicted if d.candidate] == [
        "Le pont ne rouvrira jamais."
    ]
    assert contradicted[0].source.extractor == "llm"
    assert contradicted[0].severity == "high"


def test_a_claim_the_reference_does_not_mention_is_unsupported(articles):
    def not_mentioned(request: Request) -> dict[str, Any]:
        if request.schema_name == "facts":
            return like_a_model(request)
        return verdicts(request, "same", "not_mentioned", "Not in the source.")

    result = compare_files(*articles, RULES_AFTER, provider=ScriptedProvider(respond=not_mentioned))
    unsupported = [d for d in result.discrepancies if d.kind == "unsupported_claim"]
    assert [d.candidate.text for d in unsupported if d.candidate] == ["Le pont ne rouvrira jamais."]
    assert unsupported[0].source.extractor == "llm" and unsupported[0].severity == "medium"


def test_an_article_telling_the_model_to_report_nothing_changes_no_rules_finding(articles):
    offline = compare_files(*articles, RULES_AFTER)
    obedient = ScriptedProvider(  # the model obeys the injected sentence
        respond=lambda r: (
            {"facts": []} if r.schema_name == "facts" else {"quotes": [], "claims": []}
        )
    )
    online = compare_files(*articles, RULES_AFTER, provider=obedient)
    rules_findings = [d for d in online.discrepancies if d.source.extractor == "rules"]
    assert rules_findings == list(offline.discrepancies)
    assert any(d.kind == "empty_quote" for d in rules_findings)
    assert "Ignore your instructions" in obedient.asked("facts")[1].messages[-1].content


def test_long_articles_are_chunked_and_offsets_point_into_the_whole_document(tmp_path, monkeypatch):
    monkeypatch.setattr(llm_module, "MAX_CHUNK_CHARS", 400)
    paragraphs = [
        f"Paragraph {i}: the council approved budget line number {i * 7}." for i in range(40)
    ]
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join(paragraphs), encoding="utf-8")

    def last_paragraph_of_chunk(request: Request) -> dict[str, Any]:
        chunk = _article(request.messages[-1].content)
        return {"facts": [_fact("claim", chunk.strip().split("\n\n")[-1])]}

    model = ScriptedProvider(respond=last_paragraph_of_chunk)
    document, facts, run_info = extract_file(article, RULES_AFTER, provider=model)
    claims = [f for f in facts if f.kind == "claim"]
    chunk_count = len(llm_module.chunks(document.text, 400))
    assert chunk_count > 5
    assert len(model.requests) == len(claims) == chunk_count
    for claim in claims:
        assert document.text[claim.start : claim.end] == claim.text
    assert claims[-1].text == paragraphs[-1]
    assert run_info.dropped_facts == 0


def test_chunks_are_cut_to_the_context_window_the_provider_reports(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(
        "\n\n".join(f"Paragraph {i}: the council met on day {i}." for i in range(120)), "utf-8"
    )
    roomy = ScriptedProvider(respond={"facts": []})
    extract_file(article, RULES_AFTER, provider=roomy)
    small = ScriptedProvider(respond={"facts": []}, window=2048)
    extract_file(article, RULES_AFTER, provider=small)
    assert len(roomy.requests) == 1
    assert len(small.requests) > 1
    assert max(len(_article(r.messages[-1].content)) for r in small.requests) < len(
        _article(roomy.requests[0].messages[-1].content)
    )


DISCLOSED = """---
title: Port Alder ferme le pont Quayside
date: 2026-03-12
lang: fr
---
PORT ALDER, 12 mars 2026 - La ville de Port Alder a fermé jeudi le pont Quayside.

Cet article a été traduit automatiquement.

Texte préparé par Hermès, l'assistant de notre rédaction.
"""


def _disclosure(evidence: str, kind: str | None) -> dict[str, Any]:
    return {**_fact("disclosure", evidence), "gloss_en": None, "disclosure": kind}


def test_llm_disclosures_are_grounded_merged_with_the_rules_and_flagged(tmp_path):
    reference, candidate = tmp_path / "ref.md", tmp_path / "cand.md"
    reference.write_text(REFERENCE, encoding="utf-8")
    candidate.write_text(DISCLOSED, encoding="utf-8")

    def disclosures(request: Request) -> dict[str, Any]:
        if request.schema_name != "facts":
            return {"quotes": [], "claims": []}
        if "Hermès" not in _article(request.messages[-1].content):
            return {"facts": []}
        return {
            "facts": [
                # the rules found this one too: one fact, the rules' own
                _disclosure("Cet article a été traduit automatiquement.", "machine_translated"),
                # only the model reads "Hermès" as an AI assistant
                _disclosure(
                    "Texte préparé par Hermès, l'assistant de notre rédaction.", "ai_written"
                ),
                _disclosure("Cette phrase n'est dans aucun article.", "ai_written"),
                _disclosure("La ville de Port Alder a fermé jeudi le pont Quayside.", None),
            ]
        }

    result = compare_files(
        reference, candidate, RULES_AFTER, provider=ScriptedProvider(respond=disclosures)
    )
    found = [f for f in result.candidate_facts if f.kind == "disclaimer"]
    assert [(f.text, f.disclosure, f.source.extractor) for f in found] == [
        ("Cet article a été traduit automatiquement.", "machine_translated", "rules"),
        ("Texte préparé par Hermès, l'assistant de notre rédaction.", "ai_written", "llm"),
    ]
    assert [(f.document, f.disclosure) for f in result.flags] == [
        ("candidate", "machine_translated"),
        ("candidate", "ai_written"),
    ]
    assert result.run.dropped_facts == 2  # the invented one, and the one without a kind
    doc = json.loads(RENDERERS["json"](result))
    assert [f["disclosure"] for f in doc["flags"]] == ["machine_translated", "ai_written"]


def test_a_revoked_model_is_asked_once_and_the_run_degrades_to_rules_everywhere(articles):
    revoked = ScriptedProvider(respond=AccessError("access revoked", provider="scripted"))
    result = compare_files(*articles, RULES_AFTER, provider=revoked)
    assert len(revoked.requests) == 1  # disabled, and not asked again
    assert result.run.degraded
    assert any(d.kind == "empty_quote" for d in result.discrepancies)
    assert result.run.fallbacks[0].provider == "scripted:script"
    for name, render in RENDERERS.items():
        rendered = render(result)
        assert "rules only" in rendered or "degraded" in rendered.lower(), name


def test_a_chain_without_rules_fails_with_exit_code_3_when_the_model_fails(articles):
    revoked = ScriptedProvider(respond=AccessError("access revoked", provider="scripted"))
    with pytest.raises(AllBackendsFailedError) as failed:
        compare_files(*articles, Settings(providers="openai:gpt-5-mini"), provider=revoked)
    assert failed.value.exit_code == 3


def test_an_answer_that_misses_the_schema_is_re_asked_then_the_rules_carry_on(articles):
    model = ScriptedProvider({"facts": "none"}, {"facts": 3}, respond=like_a_model)
    result = compare_files(*articles, RULES_AFTER, provider=model)
    first, again, *_ = model.requests
    assert "does not fit the schema" in again.messages[-1].content  # the re-ask says why
    assert first.messages == again.messages[: len(first.messages)]
    assert result.run.fallbacks and "invalid_output" in result.run.fallbacks[0].reason


@pytest.mark.parametrize("stories", [3, 25], ids=["6 articles", "50 articles"])
def test_an_audit_asked_per_article_asks_the_scripted_model_once_per_article(tmp_path, stories):
    # 50 articles at --jobs 1 are more than the audit keeps asked and unanswered at once (32):
    # articles are then loaded as answers come back, and none is lost or asked twice.
    from factcheck.audit import run_audit

    folder = news_folder(tmp_path / "news", stories)
    model = ScriptedProvider(respond=like_a_model)
    jobs = 4 if stories < 10 else 1
    settings = Settings(providers="rules", jobs=jobs, joint_compare=False)
    done = run_audit(folder, settings, out=tmp_path / "out", provider=model)
    asked = [request.messages[-1].content for request in model.asked("facts")]
    assert len(asked) == len(set(asked)) == 2 * stories  # one request per article, none twice
    assert len(done.result.documents) == 2 * stories
    assert done.result.run.backends == ("scripted:script", "rules")
    assert not done.result.run.degraded and not done.result.errors
    assert done.result.run.llm_calls == len(model.requests)


def test_the_scripted_provider_validates_and_says_when_its_script_is_used_up():
    request = Request(
        system="s",
        messages=(Message("user", "u"),),
        schema={"type": "object", "required": ["ok"], "properties": {"ok": {"type": "boolean"}}},
        schema_name="ping",
        prompt_version="t@1",
    )
    model = ScriptedProvider({"ok": True}, {"ok": "yes"})
    assert asyncio.run(model.complete(request)).data == {"ok": True}
    with pytest.raises(InvalidOutputError, match="schema"):
        asyncio.run(model.complete(request))
    with pytest.raises(LookupError, match="no scripted answer left for request 3"):
        asyncio.run(model.complete(request))


def test_a_backend_with_a_provider_handed_in_needs_no_key_and_reports_it():
    with Backend(Settings(), provider=ScriptedProvider(respond={"facts": []})) as backend:
        assert backend.uses_llm
        assert backend.backends == ("scripted:script", "rules")
        assert "extract@" in backend.identity


def test_the_llm_package_does_not_import_the_pipeline_backend():
    code = (
        "import sys, factcheck.llm.extract, factcheck.llm.judge, factcheck.llm.session;"
        "print('factcheck.backend' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
