"""`compare` with an LLM asks once per pair when the two articles fit one request.

The model reads both articles and answers with both sides' facts and a verdict on each of the
candidate's claims and quotes; those verdicts answer the comparison engine's questions
(`AnnotatedJudge`). A pair too long for one request is asked per article, then judged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.config import Settings
from factcheck.llm.joint import MAX_JOINT_CHARS, joint_request
from factcheck.llm.providers import ScriptedProvider
from factcheck.llm.providers.base import Request
from factcheck.models import Document
from factcheck.pipeline import compare_files
from tests.llm.test_llm_pipeline import _fact, article_pair

REFERENCE = """---
title: Harbour ferry resumes
date: 2026-05-04
lang: en
---
The Northgate ferry resumed service on Monday after a two-week strike, the operator said.
"We thank passengers for their patience," said Mara Olsen, the operator's director.
"""

CANDIDATE = """---
title: Le ferry reprend
date: 2026-05-04
lang: fr
---
Le ferry de Northgate a repris lundi après une grève, selon l'exploitant, qui promet des prix
plus bas.
« Nous remercions les passagers de leur patience », a dit Mara Olsen, directrice.
"""

RULES_AFTER = Settings(providers="rules")


def item(kind: str, evidence: str, **fields: Any) -> dict[str, Any]:
    return {**_fact(kind, evidence), "gloss_en": None, **fields}


def per_article(request: Request) -> dict[str, Any]:
    """No facts and no verdicts, for the requests of a pair asked per article."""
    return {"facts": []} if request.schema_name == "facts" else {"quotes": [], "claims": []}


def answer(quote_verdict: str = "same", quote_match: str | None = "R2") -> dict[str, Any]:
    """Both sides' facts; the candidate's invented promise judged not in the reference."""
    ref_quote = "We thank passengers for their patience"
    cand_quote = "Nous remercions les passagers de leur patience"
    return {
        "reference": [
            item("claim", "The Northgate ferry resumed service on Monday", id="R1"),
            item("quote", ref_quote, value=ref_quote, speaker="Mara Olsen", id="R2"),
        ],
        "candidates": [
            {
                "facts": [
                    item(
                        "claim",
                        "Le ferry de Northgate a repris lundi",
                        gloss_en="The Northgate ferry resumed on Monday.",
                        match="R1",
                        verdict="same",
                        reason=None,
                    ),
                    item(
                        "claim",
                        "qui promet des prix\nplus bas",
                        gloss_en="The operator promises lower prices.",
                        match=None,
                        verdict="not_in_reference",
                        reason="The reference says nothing about prices.",
                    ),
                    item(
                        "quote",
                        cand_quote,
                        value=cand_quote,
                        speaker="Mara Olsen",
                        match=quote_match,
                        verdict=quote_verdict,
                        reason=None if quote_verdict == "same" else "The quote now thanks nobody.",
                    ),
                    item("claim", "Une phrase inventée.", match=None, verdict="same", reason=None),
                ]
            },
        ],
    }


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    return article_pair(tmp_path, REFERENCE, CANDIDATE)


def test_one_request_per_pair_carries_both_articles_and_its_verdicts_become_findings(articles):
    model = ScriptedProvider(answer())
    result = compare_files(*articles, RULES_AFTER, provider=model)
    assert [r.schema_name for r in model.requests] == ["comparison"]
    sent = model.requests[0].messages[-1].content
    assert "The Northgate ferry resumed" in sent and "Le ferry de Northgate" in sent
    assert result.run.llm_calls == 1 and not result.run.degraded
    assert result.run.dropped_facts == 1  # the invented claim
    unsupported = [d for d in result.discrepancies if d.kind == "unsupported_claim"]
    assert len(unsupported) == 1
    assert "prices" in unsupported[0].message and unsupported[0].source.extractor == "llm"
    assert unsupported[0].candidate is not None
    assert "promet des prix" in unsupported[0].candidate.text
    # The quote the model matched to the reference's, "same": no quote finding.
    assert not [d for d in result.discrepancies if "quote" in d.kind]
    llm_ref = [f for f in result.reference_facts if f.source.extractor == "llm"]
    assert {f.kind for f in llm_ref} >= {"claim"}


def test_an_altered_quote_is_reported_with_the_models_reason(articles):
    model = ScriptedProvider(answer(quote_verdict="altered"))
    result = compare_files(*articles, RULES_AFTER, provider=model)
    altered = [d for d in result.discrepancies if d.kind == "altered_quote"]
    assert len(altered) == 1 and "thanks nobody" in altered[0].message


def test_a_quote_matched_to_another_reference_fact_is_not_taken_for_this_one(articles):
    fresh = Settings(providers="rules", use_cache=False)  # the same request, another answer
    same = compare_files(*articles, fresh, provider=ScriptedProvider(answer()))
    elsewhere = compare_files(*articles, fresh, provider=ScriptedProvider(answer(quote_match="R1")))
    kinds = {d.kind for d in elsewhere.discrepancies}
    assert "missing_quote" in kinds or "added_quote" in kinds
    assert not {"missing_quote", "added_quote"} & {d.kind for d in same.discrepancies}


def test_a_pair_too_long_for_one_request_is_asked_per_article_then_judged(tmp_path: Path):
    sentence = "The Northgate ferry resumed service on Monday after a strike. "
    long_ref = REFERENCE + sentence * (MAX_JOINT_CHARS // len(sentence) + 1)
    model = ScriptedProvider(respond=per_article)
    compare_files(*article_pair(tmp_path, long_ref, CANDIDATE), RULES_AFTER, provider=model)
    names = [r.schema_name for r in model.requests]
    assert "comparison" not in names and names.count("facts") >= 2


def test_a_model_that_will_not_write_so_long_an_answer_gets_the_pair_per_article(articles):
    from factcheck.errors import OutputTooLongError

    def respond(request: Request) -> dict[str, Any]:
        if request.schema_name == "comparison":  # as a 400 "max_tokens is too large" maps
            raise OutputTooLongError("max_tokens is too large", provider="scripted")
        return per_article(request)

    model = ScriptedProvider(respond=respond)
    result = compare_files(*articles, RULES_AFTER, provider=model)
    names = [r.schema_name for r in model.requests]
    assert names[0] == "comparison" and names[1:3] == ["facts", "facts"]
    assert not result.run.degraded


def test_a_pair_over_the_servers_window_is_asked_per_article(articles):
    model = ScriptedProvider(respond=per_article, window=1500)
    compare_files(*articles, RULES_AFTER, provider=model)
    assert [r.schema_name for r in model.requests][:2] == ["facts", "facts"]


def test_the_per_article_way_is_kept_when_asked_for(articles):
    model = ScriptedProvider(respond=per_article)
    settings = Settings(providers="rules", joint_compare=False)
    compare_files(*articles, settings, provider=model)
    assert [r.schema_name for r in model.requests][:2] == ["facts", "facts"]


def test_the_request_is_sized_to_both_articles():
    short = Document("a", "One. " * 40, "0", language="en")
    longer = Document("b", "Two words here. " * 200, "1", language="de")
    request = joint_request(short, [longer])
    candidates = request.schema["properties"]["candidates"]
    assert candidates["maxItems"] == 1
    assert (
        request.schema["properties"]["reference"]["maxItems"]
        < candidates["items"]["properties"]["facts"]["maxItems"]
    )
    assert "language de" in request.messages[-1].content
    assert request.splittable  # too big for a provider: asked per article, not passed down


def test_when_the_model_fails_the_rules_compare_alone_and_say_so(articles):
    from factcheck.errors import AccessError

    revoked = ScriptedProvider(respond=AccessError("access revoked", provider="scripted"))
    result = compare_files(*articles, RULES_AFTER, provider=revoked)
    assert result.run.degraded and result.run.notices
    assert len(revoked.requests) == 1  # one request for the pair, not one per article
    assert all(f.source.extractor == "rules" for f in result.candidate_facts)
    assert result.verdict in ("consistent", "discrepancies")  # compared, by the rules


def test_an_answer_that_misses_the_schema_is_asked_once_more_then_the_rules_carry_on(articles):
    model = ScriptedProvider({"reference": "none"}, {"candidates": []}, respond=answer())
    result = compare_files(*articles, RULES_AFTER, provider=model)
    _, again = model.requests  # the first answer, then the re-ask
    assert "does not fit the schema" in again.messages[-1].content
    assert result.run.fallbacks and "invalid_output" in result.run.fallbacks[0].reason
    assert all(f.source.extractor == "rules" for f in result.candidate_facts)
