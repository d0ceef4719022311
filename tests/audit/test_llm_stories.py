"""An LLM audit asks story by story: a reference with up to three of its story's other articles in
one request (`factcheck.audit.llm_stories`), and each pair compared from that answer."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from factcheck.audit import run_audit
from factcheck.config import Settings
from factcheck.errors import AccessError, OutputTooLongError
from factcheck.llm.providers import ScriptedProvider
from factcheck.llm.providers.base import Request
from factcheck.pipeline import compare_files
from tests.fakes.llm_server import FakeLLMServer, hang, joint_articles, llm_server
from tests.llm.test_llm_failures import audit_process, wait_for_requests
from tests.llm.test_llm_pipeline import (
    CANDIDATE,
    CLAIMS,
    REFERENCE,
    _fact,
    answer_like_a_model,
    news_folder,
)
from tests.llm.test_pipeline_scripted import like_a_model

__all__ = ["llm_server"]

SETTINGS = Settings(providers="rules", jobs=2, use_cache=False)
STAFF_LINE = "Reporting by the newsroom desk."


def story_folder(root: Path, members: int) -> Path:
    """The bridge story: its English report and `members` French retellings, each with its
    own figure; the last retelling signed with `STAFF_LINE`."""
    root.mkdir()
    (root / "a-bridge.md").write_text(REFERENCE, "utf-8")
    for n in range(members):
        text = CANDIDATE.replace("4,5", f"4,{5 + n}")
        if n == members - 1:
            text += f"\n{STAFF_LINE}\n"
        (root / f"pont-{n}.md").write_text(text, "utf-8")
    return root


def candidates_of(request: Request) -> list[str]:
    return joint_articles(request.messages[-1].content)[1]


def comparison(request: Request, keep: int | None = None) -> dict[str, Any]:
    """Each article's own claim; every candidate's contradicted (its first `keep` only). A
    candidate signed with `STAFF_LINE` gets that line as an automated-writing disclosure."""
    reference, candidates = joint_articles(request.messages[-1].content)
    ref_claim = _fact("claim", next(c for c in CLAIMS if c in reference)) | {"id": "R1"}
    entries = []
    for candidate in candidates[:keep]:
        claim = _fact("claim", next(c for c in CLAIMS if c in candidate))
        claim |= {"match": "R1", "verdict": "contradicted", "reason": "It reopens in June."}
        facts = [claim]
        if STAFF_LINE in candidate:
            facts.append(_fact("disclosure", STAFF_LINE) | {"disclosure": "automated"})
        entries.append(
            {"facts": [{"match": None, "verdict": None, "reason": None} | f for f in facts]}
        )
    return {"reference": [ref_claim], "candidates": entries}


def story_model(request: Request) -> dict[str, Any]:
    if request.schema_name == "comparison":
        return comparison(request)
    return like_a_model(request)


def test_a_story_is_asked_three_candidates_a_request_and_each_pair_as_compare_finds(tmp_path):
    folder = story_folder(tmp_path / "news", members=4)
    model = ScriptedProvider(respond=story_model)
    done = run_audit(folder, SETTINGS, out=tmp_path / "out", provider=model)
    assert len(done.result.groups) == 1 and len(done.result.pairs) == 4
    asked = [candidates_of(r) for r in model.requests]
    assert [r.schema_name for r in model.requests] == ["comparison", "comparison"]
    assert sorted(len(c) for c in asked) == [1, 3]
    assert len({c for batch in asked for c in batch}) == 4  # every candidate asked, once
    assert done.result.run.llm_calls == 2 and not done.result.run.degraded
    for pair in done.result.pairs:
        alone = compare_files(
            Path(pair.reference),
            Path(pair.candidate),
            SETTINGS,
            provider=ScriptedProvider(respond=story_model),
        )
        counts: dict[str, int] = {}
        for found in alone.discrepancies:
            counts[found.kind] = counts.get(found.kind, 0) + 1
        assert (pair.verdict, pair.counts) == (alone.verdict, counts), pair.candidate
        assert pair.counts.get("contradicted_claim") == 1


def test_the_models_disclosure_in_a_retelling_flags_its_document(tmp_path):
    folder = story_folder(tmp_path / "news", members=2)
    done = run_audit(
        folder, SETTINGS, out=tmp_path / "out", provider=ScriptedProvider(respond=story_model)
    )
    flagged = {Path(d.path).name: [f.disclosure for f in d.flags] for d in done.result.documents}
    assert flagged == {"a-bridge.md": [], "pont-0.md": [], "pont-1.md": ["automated"]}
    audit = json.loads((tmp_path / "out" / "audit.json").read_text("utf-8"))
    assert [d["flags"][0]["evidence"]["text"] for d in audit["documents"] if d["flags"]] == [
        STAFF_LINE
    ]


def test_a_request_longer_than_the_model_writes_is_asked_again_with_fewer_candidates(tmp_path):
    folder = story_folder(tmp_path / "news", members=4)

    def respond(request: Request) -> dict[str, Any]:
        if request.schema_name == "comparison" and len(candidates_of(request)) > 1:
            raise OutputTooLongError("max_tokens is too large", provider="scripted")
        return story_model(request)

    model = ScriptedProvider(respond=respond)
    done = run_audit(folder, SETTINGS, out=tmp_path / "out", provider=model)
    sizes = [len(candidates_of(r)) for r in model.requests]
    assert sorted(sizes) == [1, 1, 1, 1, 2, 3]  # 3 refused: 1 and 2; 2 refused: 1 and 1
    assert all(p.counts.get("contradicted_claim") == 1 for p in done.result.pairs)
    assert len(done.result.pairs) == 4 and not done.result.run.degraded


def test_a_candidate_the_answer_leaves_out_is_asked_again_then_per_article(tmp_path):
    folder = story_folder(tmp_path / "news", members=3)

    def leave_the_last_out(request: Request) -> dict[str, Any]:
        if request.schema_name == "comparison":
            return comparison(request, keep=len(candidates_of(request)) - 1)
        return like_a_model(request)

    once = ScriptedProvider(respond=leave_the_last_out)
    done = run_audit(folder, SETTINGS, out=tmp_path / "out", provider=once)
    # Three asked, two answered; the third asked alone, and left out again: per article.
    assert [len(candidates_of(r)) for r in once.asked("comparison")] == [3, 1]
    assert len(once.asked("facts")) == 2 and len(once.asked("judgement")) == 1
    assert len(done.result.pairs) == 3


def test_when_the_model_fails_every_pair_is_compared_by_the_rules(tmp_path):
    folder = story_folder(tmp_path / "news", members=4)
    revoked = ScriptedProvider(respond=AccessError("access revoked", provider="scripted"))
    done = run_audit(folder, SETTINGS, out=tmp_path / "out", provider=revoked)
    assert len(done.result.pairs) == 4 and done.result.run.degraded
    assert len(revoked.requests) == 1  # the provider is disabled after its first refusal
    assert all(p.verdict in ("consistent", "discrepancies") for p in done.result.pairs)


def test_an_article_alone_in_its_story_is_read_for_its_disclosures(tmp_path):
    folder = story_folder(tmp_path / "news", members=1)
    (folder / "z-other.md").write_text(
        "---\ntitle: Harvest fair\nlang: en\n---\nThe Millbrook harvest fair opened on Sunday.\n"
        f"{STAFF_LINE}\n",
        "utf-8",
    )

    def respond(request: Request) -> dict[str, Any]:
        if request.schema_name == "facts" and STAFF_LINE in request.messages[-1].content:
            return {"facts": [_fact("disclosure", STAFF_LINE) | {"disclosure": "automated"}]}
        return story_model(request)

    model = ScriptedProvider(respond=respond)
    done = run_audit(folder, SETTINGS, out=tmp_path / "out", provider=model)
    assert sorted(r.schema_name for r in model.requests) == ["comparison", "facts"]
    lone = next(d for d in done.result.documents if d.path.endswith("z-other.md"))
    assert [f.disclosure for f in lone.flags] == ["automated"] and lone.group is not None


def test_a_rerun_is_answered_from_the_cache(tmp_path):
    folder = story_folder(tmp_path / "news", members=4)
    cached = Settings(providers="rules", jobs=2)
    first = run_audit(
        folder, cached, out=tmp_path / "one", provider=ScriptedProvider(respond=story_model)
    )
    again = run_audit(folder, cached, out=tmp_path / "two", provider=ScriptedProvider())
    assert first.result.run.llm_calls == 2 and again.result.run.llm_calls == 0
    assert again.result.run.cache_hits == 2
    assert [p.counts for p in again.result.pairs] == [p.counts for p in first.result.pairs]


def test_a_rerun_after_kill_9_asks_again_only_what_had_no_answer(
    llm_server: FakeLLMServer, tmp_path: Path
) -> None:
    """A real audit process killed with SIGKILL while some of its requests wait: the answers it
    had got are in the answer cache, and the re-run sends only the others."""
    folder = news_folder(tmp_path / "news", stories=6)
    answered: list[str] = []

    def first_three(route: str, body: dict[str, Any]):
        if len(answered) >= 3:
            return hang()
        answered.append(json.dumps(body))
        return answer_like_a_model(route, body)

    llm_server.responder = first_three
    process, env = audit_process(llm_server, folder, str(tmp_path / "home"), tmp_path / "one")
    wait_for_requests(llm_server, 4)
    time.sleep(1.0)  # the three answers stored (each at once, in its own transaction)
    process.kill()
    process.wait()
    asked_first = len(llm_server.journal)
    assert asked_first >= 4 and len(answered) == 3

    llm_server.responder = answer_like_a_model
    settings = Settings(
        providers="openai:gpt-5-mini,rules", jobs=2, env={k: env[k] for k in env if k.isupper()}
    )
    again = run_audit(folder, settings, out=tmp_path / "two")
    sent_again = [json.dumps(r.body) for r in llm_server.journal[asked_first:]]
    requests = sum(-(-(len(g.documents) - 1) // 3) for g in again.result.groups)
    assert len(sent_again) == requests - 3 == again.result.run.llm_calls
    assert not set(sent_again) & set(answered)  # nothing answered before is asked again
    assert again.result.run.cache_hits == 3 and len(again.result.pairs) >= 5


def test_an_archive_audited_again_as_it_grows_asks_only_about_its_new_article(tmp_path):
    folder = story_folder(tmp_path / "news", members=3)
    cached = Settings(providers="rules", jobs=2)
    first = run_audit(
        folder, cached, out=tmp_path / "one", provider=ScriptedProvider(respond=story_model)
    )
    # A later retelling whose name sorts first: asked after the others all the same.
    later = CANDIDATE.replace("date: 2026-03-12", "date: 2026-03-13").replace("4,5", "4,9")
    (folder / "0-later.md").write_text(later, "utf-8")
    model = ScriptedProvider(respond=story_model)
    again = run_audit(folder, cached, out=tmp_path / "two", provider=model)
    assert first.result.run.llm_calls == 1 and len(again.result.pairs) == 4
    assert [len(candidates_of(r)) for r in model.requests] == [1]
    assert "4,9" in candidates_of(model.requests[0])[0]
    assert again.result.run.cache_hits == 1


def test_a_chain_without_rules_ends_a_story_audit_with_exit_code_3(
    llm_server: FakeLLMServer, tmp_path: Path, capsys, monkeypatch
) -> None:
    from factcheck.cli import run
    from tests.fakes.llm_server import error

    folder = story_folder(tmp_path / "news", members=2)
    llm_server.script("openai", *[error(403, "permission_error", "access revoked")] * 5)
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.openai_url)
    out = tmp_path / "audit"
    code = run(["audit", str(folder), "--out", str(out), "--provider", "openai:gpt-5-mini"])
    assert code == 3
    assert len(llm_server.journal) == 1  # the revoked key asked once
    assert "revoked" in capsys.readouterr().err
    assert not (out / "audit.json").exists()
