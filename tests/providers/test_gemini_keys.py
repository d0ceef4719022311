"""Gemini's key goes only to Google or to a URL the user named with that key; the SDK reads
nothing from the environment by itself; `factcheck providers` lists the kind; a whole run
through Gemini keeps grounded facts and leaks the key nowhere."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from factcheck.cli import run
from factcheck.config import Settings
from factcheck.errors import redact
from factcheck.llm.providers.chain import build_provider
from factcheck.llm.providers.registry import KINDS
from factcheck.llm.providers.resolve import resolve
from factcheck.llm.providers.spec import default_chain, parse_chain, parse_spec
from factcheck.llm.providers.store import Store
from factcheck.pipeline import compare_files
from tests.fakes.llm_server import (
    FakeLLMServer,
    gemini_bad_key,
    gemini_daily_quota,
    gemini_error,
    hang,
)
from tests.llm.test_llm_pipeline import CANDIDATE, REFERENCE, answer_like_a_model, news_folder
from tests.providers.conftest import GOOD, request

# Shaped like Google API keys ("AIza" + 35 characters), built at run time.
GEMINI_CANARY = "AIza" + "CANARYgemini" + "5" * 23
GOOGLE_CANARY = "AIza" + "CANARYgoogle" + "6" * 23


async def ask(spec: str, env: dict[str, str], store: Store) -> None:
    chain = build_provider(parse_chain(spec), env=env, store=store, use_cache=False)
    assert chain is not None
    try:
        assert (await chain.complete(request())).data == GOOD
    finally:
        await chain.aclose()


def sent_key(server: FakeLLMServer) -> str:
    return server.journal[-1].headers.get("x-goog-api-key", "")


def test_the_gemini_record() -> None:
    record = KINDS["gemini"]
    assert (record.key_variable, record.base_url_variable) == ("GEMINI_API_KEY", "GEMINI_BASE_URL")
    assert record.default_base_url == "https://generativelanguage.googleapis.com"
    assert record.default_model in record.prices


def test_gemini_joins_the_default_chain_only_when_its_key_is_set() -> None:
    assert [s.label for s in default_chain({})] == ["rules"]
    assert [s.label for s in default_chain({"GOOGLE_API_KEY": GOOGLE_CANARY})] == ["rules"]
    assert [s.label for s in default_chain({"GEMINI_API_KEY": GEMINI_CANARY})] == [
        "gemini:gemini-2.5-flash",
        "rules",
    ]
    everything = {"ANTHROPIC_API_KEY": "a" * 20, "OPENAI_API_KEY": "b" * 20}
    everything["GEMINI_API_KEY"] = GEMINI_CANARY
    assert [s.kind for s in default_chain(everything)] == ["anthropic", "openai", "gemini", "rules"]


def test_the_key_goes_to_google_and_to_google_only() -> None:
    env = {"GEMINI_API_KEY": GEMINI_CANARY}
    home = resolve(parse_spec("gemini"), env)
    assert home.base_url == "https://generativelanguage.googleapis.com"
    assert (home.key, home.key_source) == (GEMINI_CANARY, "GEMINI_API_KEY")
    written_out = resolve(parse_spec("gemini@https://generativelanguage.googleapis.com"), env)
    assert written_out.key == GEMINI_CANARY  # the kind's own service keeps its key
    elsewhere = resolve(parse_spec("gemini@https://gemini-proxy.example.org"), env)
    assert elsewhere.key is None and elsewhere.third_party
    # GOOGLE_API_KEY is never taken by itself: a missing GEMINI_API_KEY is named.
    bare = resolve(parse_spec("gemini"), {"GOOGLE_API_KEY": GOOGLE_CANARY})
    assert bare.key_missing
    named = resolve(parse_spec("gemini;key=GOOGLE_API_KEY"), {"GOOGLE_API_KEY": GOOGLE_CANARY})
    assert (named.key, named.key_source) == (GOOGLE_CANARY, "GOOGLE_API_KEY")


async def test_the_base_url_variable_gets_the_key_a_url_of_ones_own_does_not(
    llm_server: FakeLLMServer, store: Store
) -> None:
    llm_server.default = GOOD
    env = {"GEMINI_API_KEY": GEMINI_CANARY, "GEMINI_BASE_URL": llm_server.gemini_url}
    await ask("gemini", env, store)
    assert sent_key(llm_server) == GEMINI_CANARY
    await ask(f"gemini:gemini-2.5-flash@{llm_server.gemini_url}", env, store)
    assert sent_key(llm_server) == "not-needed"
    assert GEMINI_CANARY not in str(llm_server.journal[-1].headers)
    env["PROXY_KEY"] = "proxy-secret-42"
    await ask(f"gemini:gemini-2.5-flash@{llm_server.gemini_url};key=PROXY_KEY", env, store)
    assert sent_key(llm_server) == "proxy-secret-42"


async def test_the_sdk_reads_nothing_from_the_environment(
    llm_server: FakeLLMServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What google-genai would pick up by itself: keys, a base URL, Vertex AI, an API version."""
    llm_server.default = GOOD
    monkeypatch.setenv("GOOGLE_API_KEY", GOOGLE_CANARY)
    monkeypatch.setenv("GEMINI_API_KEY", GEMINI_CANARY)
    monkeypatch.setenv("GOOGLE_GEMINI_BASE_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("GOOGLE_GENAI_USE_VERTEXAI", "true")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "canary-project")
    monkeypatch.setenv("GOOGLE_GENAI_API_VERSION", "v1")
    await ask(f"gemini:gemini-2.5-flash@{llm_server.gemini_url}", {}, store)
    (sent,) = llm_server.journal
    assert sent.path == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert "canary" not in str(sent.headers).lower()


async def test_a_key_echoed_in_an_error_is_never_repeated(
    llm_server: FakeLLMServer, store: Store
) -> None:
    llm_server.script(
        "gemini", gemini_error(400, "INVALID_ARGUMENT", f"API key not valid: {GEMINI_CANARY}")
    )
    env = {"GEMINI_API_KEY": GEMINI_CANARY, "GEMINI_BASE_URL": llm_server.gemini_url}
    chain = build_provider(parse_chain("gemini,rules"), env=env, store=store, use_cache=False)
    assert chain is not None
    try:
        with pytest.raises(Exception) as caught:
            await chain.complete(request())
    finally:
        await chain.aclose()
    assert "API key not valid" in str(caught.value) and GEMINI_CANARY not in str(caught.value)
    assert [f.disabled for f in chain.fallbacks] == [True]
    assert all(GEMINI_CANARY not in f.reason for f in chain.fallbacks)


def test_a_google_key_shape_is_redacted_even_when_its_value_is_unknown() -> None:
    assert redact(f"upstream said: key {GOOGLE_CANARY} is wrong") == (
        "upstream said: key [redacted] is wrong"
    )


def test_providers_lists_gemini_and_names_its_variable(
    llm_server: FakeLLMServer, capsys, monkeypatch
) -> None:
    assert run(["providers", "--provider", "gemini,rules"]) == 0
    out = capsys.readouterr().out
    assert "gemini" in out and "MISSING: set GEMINI_API_KEY" in out
    assert run(["providers"]) == 0
    assert "GEMINI_API_KEY" in capsys.readouterr().out  # the offline hint names it too
    monkeypatch.setenv("GEMINI_API_KEY", GEMINI_CANARY)
    monkeypatch.setenv("GEMINI_BASE_URL", llm_server.gemini_url)
    llm_server.default = {"ok": True}
    assert run(["providers", "--ping"]) == 0
    captured = capsys.readouterr()
    assert "gemini-2.5-flash" in captured.out and "ok: answered in" in captured.out
    assert GEMINI_CANARY not in captured.out + captured.err
    assert llm_server.counts()["gemini"] == 1


def test_a_compare_through_gemini_keeps_grounded_facts_and_leaks_no_key(
    llm_server: FakeLLMServer, tmp_path: Path, capsys, monkeypatch
) -> None:
    llm_server.responder = answer_like_a_model
    reference, candidate = tmp_path / "ref.md", tmp_path / "cand.md"
    reference.write_text(REFERENCE, encoding="utf-8")
    candidate.write_text(CANDIDATE, encoding="utf-8")
    env = {
        "GEMINI_API_KEY": GEMINI_CANARY,
        "GEMINI_BASE_URL": llm_server.gemini_url,
        "FACTCHECK_HOME": os.environ["FACTCHECK_HOME"],
    }
    result = compare_files(reference, candidate, Settings(env=env, joint_compare=False))
    assert result.run.backends == ("gemini:gemini-2.5-flash", "rules")
    assert not result.run.degraded
    assert result.run.llm_calls == llm_server.counts()["gemini"] >= 2
    llm_facts = [f for f in result.candidate_facts if f.source.extractor == "llm"]
    assert llm_facts and all("appears in no article" not in f.text for f in llm_facts)
    assert all(r.headers["x-goog-api-key"] == GEMINI_CANARY for r in llm_server.journal)
    # The report in every format, and every file under the state folder, without the key.
    out = tmp_path / "report.json"
    argv = ["compare", str(reference), str(candidate), "--format", "json", "--out", str(out)]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert run([*argv, "--no-cache", "-vv"]) in (0, 1)
    assert run(["log", "--limit", "50"]) == 0
    captured = capsys.readouterr()
    assert GEMINI_CANARY not in captured.out + captured.err
    assert "gemini" in captured.out  # the log lists the attempts
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["run"]["backends"][0] == "gemini:gemini-2.5-flash"
    home = Path(os.environ["FACTCHECK_HOME"])
    written = [p for p in [*home.rglob("*"), *tmp_path.rglob("*")] if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in written)
    for path in written:
        assert GEMINI_CANARY.encode() not in path.read_bytes(), path


def _point_at(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", GEMINI_CANARY)
    monkeypatch.setenv("GEMINI_BASE_URL", server.gemini_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-proj-" + "x" * 24)
    monkeypatch.setenv("OPENAI_BASE_URL", server.openai_url)


def test_a_hung_gemini_costs_one_deadline_per_run(
    llm_server: FakeLLMServer, tmp_path: Path, capsys, monkeypatch
) -> None:
    llm_server.responder = answer_like_a_model
    llm_server.script("gemini", *[hang()] * 20)
    _point_at(llm_server, monkeypatch)
    monkeypatch.setenv("FACTCHECK_LLM_DEADLINE", "2")
    reference, candidate = tmp_path / "ref.md", tmp_path / "cand.md"
    reference.write_text(REFERENCE, encoding="utf-8")
    candidate.write_text(CANDIDATE, encoding="utf-8")
    from google import genai  # noqa: F401  (its import time is not what is measured)

    started = time.perf_counter()
    code = run(
        ["compare", str(reference), str(candidate), "--format", "json", "--fail-on", "never",
         "--provider", "gemini,openai:gpt-5-mini,rules"]
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and not report["run"]["degraded"]
    assert llm_server.counts()["gemini"] == 1 and llm_server.counts()["openai"] == 1
    assert elapsed < 2 + 10, elapsed
    assert "no answer within the request deadline (2s)" in report["run"]["fallbacks"][0]["reason"]


@pytest.mark.parametrize(
    "reply", [gemini_bad_key(), gemini_daily_quota()], ids=["key not valid", "daily quota"]
)
def test_an_audit_with_8_workers_sends_a_dead_gemini_exactly_one_request(
    llm_server: FakeLLMServer, tmp_path: Path, capsys, monkeypatch, reply
) -> None:
    folder = news_folder(tmp_path / "news", stories=8)
    llm_server.responder = answer_like_a_model
    llm_server.script("gemini", *[reply] * 50)
    llm_server.delay = 0.02
    _point_at(llm_server, monkeypatch)
    out = tmp_path / "audit"
    code = run(
        ["audit", str(folder), "--jobs", "8", "--out", str(out), "--format", "json",
         "--provider", "gemini,openai:gpt-5-mini,rules"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    report = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert llm_server.counts()["gemini"] == 1
    # One request per story's reference and up to three of its other articles.
    requests = sum(-(-(len(g["documents"]) - 1) // 3) for g in report["groups"])
    assert llm_server.counts()["openai"] == requests >= 2
    assert not report["run"]["degraded"]
    assert [f["disabled"] for f in report["run"]["fallbacks"]] == [True]
    assert GEMINI_CANARY not in (out / "audit.json").read_text(encoding="utf-8")
