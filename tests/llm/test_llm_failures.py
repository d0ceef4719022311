"""Whole runs against misbehaving providers: what the user sees, what each provider was sent,
and that no key or URL password ever leaves the process except to the service it belongs to."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cli import run
from factcheck.config import Settings
from factcheck.pipeline import compare_files
from factcheck.report import RENDERERS
from tests.fakes.llm_server import (
    FakeLLMServer,
    anthropic_spend_limit,
    error,
    hang,
    html,
    llm_server,
)
from tests.llm.test_llm_pipeline import answer_like_a_model, article_pair, news_folder

__all__ = ["llm_server"]

OPENAI_CANARY = "sk-proj-" + "CANARYopenai" + "7" * 20
ANTHROPIC_CANARY = "sk-ant-" + "CANARYanthropic" + "3" * 20
URL_PASSWORD = "CANARYurlpass" + "9" * 8
CANARIES = (OPENAI_CANARY, ANTHROPIC_CANARY, URL_PASSWORD)


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    return article_pair(tmp_path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six short articles about two stories, for audits."""
    return news_folder(tmp_path / "news")


def point_at(server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_CANARY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_CANARY)
    monkeypatch.setenv("OPENAI_BASE_URL", server.openai_url)
    monkeypatch.setenv("ANTHROPIC_BASE_URL", server.anthropic_url)


def test_html_pages_from_a_proxy_fall_back_without_a_traceback(
    llm_server: FakeLLMServer, articles, capsys, monkeypatch
) -> None:
    llm_server.responder = answer_like_a_model
    llm_server.script("anthropic", *[html()] * 40)
    point_at(llm_server, monkeypatch)
    argv = ["compare", *map(str, articles), "--format", "json", "--fail-on", "never"]
    code = run([*argv, "--provider", "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"])
    captured = capsys.readouterr()
    assert code == 0 and "Traceback" not in captured.err
    report = json.loads(captured.out)
    assert not report["run"]["degraded"]
    assert report["run"]["fallbacks"][0]["reason"].startswith("transient: the server's answer")
    assert llm_server.counts()["anthropic"] == 4  # one request's retries, then it rests
    assert report["run"]["llm_calls"] == len(llm_server.journal)


def test_a_compare_with_a_hung_first_provider_costs_one_deadline(
    llm_server: FakeLLMServer, articles, capsys, monkeypatch
) -> None:
    llm_server.responder = answer_like_a_model
    llm_server.script("anthropic", *[hang()] * 20)
    point_at(llm_server, monkeypatch)
    monkeypatch.setenv("FACTCHECK_LLM_DEADLINE", "2")
    import anthropic  # noqa: F401  (their import time is not what is measured)

    started = time.perf_counter()
    code = run(
        ["compare", *map(str, articles), "--format", "json", "--fail-on", "never",
         "--provider", "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"]
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and not report["run"]["degraded"]
    assert llm_server.counts()["anthropic"] == 1
    assert llm_server.counts()["openai"] == 1  # the pair, in one request
    assert elapsed < 2 + 10, elapsed
    assert "no answer within the request deadline (2s)" in report["run"]["fallbacks"][0]["reason"]


def test_providers_ping_reports_an_html_page_instead_of_crashing(
    llm_server: FakeLLMServer, capsys, monkeypatch
) -> None:
    llm_server.script("openai", html())
    point_at(llm_server, monkeypatch)
    assert run(["providers", "--ping", "--provider", "openai:gpt-5-mini"]) == 3  # a ping failed
    captured = capsys.readouterr()
    flat = " ".join(captured.out.replace("│", " ").split())  # the table's wrapped cells, joined
    assert "FAILED: transient: openai: the server's answer is not a model response" in flat
    assert captured.err == "error: ping failed: openai:gpt-5-mini\n"
    assert "Traceback" not in captured.out + captured.err


def test_every_llm_request_refused_is_degraded_with_a_notice_in_every_format(
    llm_server: FakeLLMServer, articles
) -> None:
    llm_server.script("openai", *[error(400, "invalid_request_error", "messages: bad")] * 10)
    env = {"OPENAI_API_KEY": OPENAI_CANARY, "OPENAI_BASE_URL": llm_server.openai_url}
    result = compare_files(
        *articles, Settings(providers="openai:fake-model,rules", env=env, joint_compare=False)
    )
    assert result.run.degraded
    assert result.run.llm_calls == len(llm_server.journal) >= 2
    for name, render in RENDERERS.items():
        assert "DEGRADED" in render(result) or "degraded" in render(result), name


def test_a_base_url_without_any_key_runs_the_llm(llm_server: FakeLLMServer, articles) -> None:
    llm_server.responder = answer_like_a_model
    result = compare_files(
        *articles, Settings(env={"OPENAI_BASE_URL": llm_server.openai_url}, joint_compare=False)
    )
    assert result.run.backends == ("openai:gpt-5-mini", "rules")
    assert not result.run.degraded and result.run.llm_calls >= 2
    assert any(f.source.extractor == "llm" for f in result.candidate_facts)
    assert llm_server.journal[0].headers["authorization"] == "Bearer not-needed"


@pytest.mark.parametrize(
    "reply",
    [error(403, "permission_error", "access revoked"), anthropic_spend_limit()],
    ids=["revoked", "spend limit"],
)
def test_an_audit_with_8_workers_sends_a_dead_provider_exactly_one_request(
    llm_server: FakeLLMServer, folder: Path, tmp_path: Path, capsys, monkeypatch, reply
) -> None:
    llm_server.responder = answer_like_a_model
    llm_server.script("anthropic", *[reply] * 50)
    llm_server.delay = 0.02
    point_at(llm_server, monkeypatch)
    out = tmp_path / "audit"
    code = run(
        ["audit", str(folder), "--jobs", "8", "--out", str(out), "--format", "json",
         "--provider", "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    report = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert llm_server.counts()["anthropic"] == 1
    # One request per story's reference and up to three of its other articles.
    requests = sum(-(-(len(g["documents"]) - 1) // 3) for g in report["groups"])
    assert llm_server.counts()["openai"] == requests >= 2
    assert not report["run"]["degraded"]
    assert [f["disabled"] for f in report["run"]["fallbacks"]] == [True]


def audit_process(
    server: FakeLLMServer, folder: Path, home: str, out: Path
) -> tuple[subprocess.Popen, dict[str, str]]:
    """`factcheck audit` of `folder` in a process of its own (2 jobs, the OpenAI route of
    `server`, then rules), with `home` as its state folder; the process and its environment."""
    env = {**os.environ, "FACTCHECK_HOME": home, "OPENAI_API_KEY": "k"}
    env["OPENAI_BASE_URL"] = server.openai_url
    command = [sys.executable, "-m", "factcheck", "audit", str(folder), "--jobs", "2"]
    command += ["--provider", "openai:gpt-5-mini,rules", "--out", str(out)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    return process, env


def wait_for_requests(server: FakeLLMServer, count: int, seconds: float = 60) -> None:
    """Until `server` has received `count` requests (or `seconds` have passed)."""
    deadline = time.monotonic() + seconds
    while len(server.journal) < count and time.monotonic() < deadline:
        time.sleep(0.05)


def _leaks(text: str) -> list[str]:
    return [c for c in CANARIES if c in text]


def test_no_key_and_no_url_password_appears_in_any_output(
    llm_server: FakeLLMServer, articles, folder: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    """Canaries in the environment and in a spec's URL; every run's output, every file under
    the state folder and the report folders, and every error are searched for them."""
    llm_server.responder = answer_like_a_model
    # Servers that echo what they were sent: a 401 quoting the key, a 400 quoting the URL.
    llm_server.script(
        "anthropic",
        error(401, "authentication_error", f"invalid x-api-key {ANTHROPIC_CANARY}"),
    )
    point_at(llm_server, monkeypatch)
    home = Path(__import__("os").environ["FACTCHECK_HOME"])
    secret_url = llm_server.openai_url.replace("http://", f"http://me:{URL_PASSWORD}@")
    chains = [
        f"anthropic:claude-haiku-4-5,openai:gpt-5-mini@{secret_url},rules",
        f"openai:other@{secret_url};key=url,rules",
        f"openai:gpt-5-mini@{secret_url};key=OPENAI_API_KEY",
    ]
    outputs: list[str] = []
    codes: list[int] = []
    for number, chain in enumerate(chains):
        monkeypatch.setenv("FACTCHECK_PROVIDERS", chain)
        for fmt in ("json", "markdown", "html", "terminal"):
            target = tmp_path / f"out{number}.{fmt}"
            codes.append(
                run(["compare", *map(str, articles), "--format", fmt, "--out", str(target)])
            )
            codes.append(
                run(["compare", *map(str, articles), "--format", fmt, "--no-cache", "-vv"])
            )
        codes.append(run(["extract", str(articles[0]), "--format", "json"]))
        audit_dir = tmp_path / f"audit{number}"
        codes.append(run(["audit", str(folder), "--jobs", "4", "--out", str(audit_dir), "-vv"]))
        codes.append(run(["providers"]))
        codes.append(run(["config"]))
        run(["providers", "--ping"])  # exits 3 when the chain's first provider refuses the key
        captured = capsys.readouterr()
        outputs += [captured.out, captured.err]
    # A bad spec and a chain that fails entirely: errors, not only reports.
    run(["compare", *map(str, articles), "--provider", f"openai:m@ftp://me:{URL_PASSWORD}@h/v1"])
    llm_server.script("openai", *[error(401, "invalid_api_key", f"bad key {OPENAI_CANARY}")] * 3)
    run(["compare", *map(str, articles), "--no-cache", "--provider", "openai:gpt-5-mini"])
    run(["log", "--limit", "200"])
    captured = capsys.readouterr()
    outputs += [captured.out, captured.err]

    assert set(codes) <= {0, 1}, codes  # every run above worked (1: discrepancies found)
    assert llm_server.counts()["openai"] > 0  # the URL without its credentials was used
    for text in outputs:
        assert _leaks(text) == []
    written = [p for p in [*home.rglob("*"), *tmp_path.rglob("*")] if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in written)
    for path in written:
        if path.is_relative_to(folder):
            continue
        data = path.read_bytes()
        leaked = [c for c in CANARIES if c.encode() in data]
        assert leaked == [], path


def test_a_judge_failure_stays_in_the_run_record_of_compare_files(
    llm_server: FakeLLMServer, articles, monkeypatch
) -> None:
    from factcheck.errors import ExtractionError
    from factcheck.llm.judge import LLMJudge

    def broken(self, request):  # type: ignore[no-untyped-def]
        raise ExtractionError("the judge's answer could not be used")

    monkeypatch.setattr(LLMJudge, "judge", broken)
    llm_server.responder = answer_like_a_model
    env = {"OPENAI_BASE_URL": llm_server.openai_url}
    result = compare_files(
        *articles, Settings(providers="openai:fake-model,rules", env=env, joint_compare=False)
    )
    assert result.run.degraded
    assert any("The judge failed" in notice for notice in result.run.notices)
    assert result.run.llm_calls == 2  # the two extractions, still counted


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_of_an_llm_audit_leaves_no_worker(llm_server: FakeLLMServer, folder, tmp_path):
    # An LLM audit reads articles in processes forked by a fork server; their parent is that
    # server, not the audit, so they watch the audit itself and end with it.
    from tests.audit.test_dask_executor import _processes_with

    llm_server.delay = 30.0  # the first extraction (a provider's first is alone) still waiting
    home = str(tmp_path / "home")
    process, _ = audit_process(llm_server, folder, home, tmp_path / "out")
    wait_for_requests(llm_server, 1)  # an article loaded by a worker and asked about
    running = _processes_with("FACTCHECK_HOME", home)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert llm_server.journal, "the audit asked nothing before it was killed"
    assert len(running) >= 4  # the audit, the fork server and two workers at least
    deadline = time.monotonic() + 20
    while _processes_with("FACTCHECK_HOME", home) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_with("FACTCHECK_HOME", home) == []
