"""compare, extract and audit through a real llama.cpp server (marker local_llm, `make test-llm`).

The model is tiny (Gemma 3 270M on CPU), so these tests check the plumbing, not its judgement:
exit codes and no traceback; every request accounted for; the structured-output level the server
accepted; model facts kept only where their evidence is in the article, the rest counted as
dropped; an article longer than the server's context split to fit it; and no request allowed to
wait past the deadline the chain item sets.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from factcheck.load import load_document
from tests.local_llm.conftest import MODEL_NAME, LlamaServer
from tests.local_llm.recorder import Exchange

pytestmark = pytest.mark.local_llm

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DEADLINE = 240  # seconds per request: a small model on 2 shared cores is slow, never this slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One factcheck home for the OpenAI-wire tests: an article extracted once is a cache hit
    afterwards (counted in `cache_hits`, never sent), which keeps the slow model's work short."""
    return tmp_path_factory.mktemp("home")


def openai_spec(url: str, deadline: float = DEADLINE) -> str:
    return f"openai:{MODEL_NAME}@{url}/v1;deadline={deadline:g},rules"


def factcheck(
    home: Path, *args: str, timeout: float = 1200
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the CLI as a user would, in a clean home, with no vendor key in the environment."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "ANTHROPIC_", "FACTCHECK_"))
    }
    env.update(FACTCHECK_HOME=str(home), FACTCHECK_NO_DOTENV="1", NO_COLOR="1")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        text=True,
        cwd=home,
        env=env,
        timeout=timeout,
        check=False,
    )
    return done, time.monotonic() - started


def assert_clean(done: subprocess.CompletedProcess[str], code: int = 0) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode == code, f"exit {done.returncode}:\n{done.stderr[-3000:]}"


CHAT_PATHS = ("/chat/completions", "/messages")


def chats(exchanges: list[Exchange]) -> list[Exchange]:
    return [e for e in exchanges if e.path.endswith(("/chat/completions", "/messages"))]


def is_extraction(exchange: Exchange) -> bool:
    return "<article>" in exchange.text


def answer_data(exchange: Exchange) -> dict[str, Any]:
    """The JSON object the model answered with (OpenAI or Anthropic wire format)."""
    answer = exchange.answer or {}
    if "choices" in answer:
        return json.loads(answer["choices"][0]["message"]["content"] or "{}")
    for block in answer.get("content", []):
        if block.get("type") == "tool_use":
            return dict(block["input"])
    return json.loads("".join(b.get("text", "") for b in answer.get("content", [])) or "{}")


def article_piece(exchange: Exchange) -> str:
    return exchange.text.split("<article>\n", 1)[1].rsplit("\n</article>", 1)[0]


def squeezed(text: str) -> str:
    return " ".join(text.split())


# --- extract ----------------------------------------------------------------------------------


def test_extract_keeps_grounded_model_facts_and_counts_the_rest(
    llama: LlamaServer, home: Path
) -> None:
    path = EXAMPLES / "a1-reference-en.md"
    mark = llama.recorder.mark()
    done, _ = factcheck(
        home,
        "extract",
        str(path),
        "--format",
        "json",
        "--provider",
        openai_spec(llama.recorder.url),
    )
    assert_clean(done)
    report = json.loads(done.stdout)
    run = report["run"]
    sent = chats(llama.recorder.since(mark))
    # Every HTTP request is counted, and the server took the strictest output level.
    assert run["llm_calls"] == llama.recorder.arrivals(mark, *CHAT_PATHS) == len(sent) >= 1
    answered = [e for e in sent if e.status == 200]
    assert answered, [e.status for e in sent]
    assert {e.output_format for e in answered} == {"json_schema"}
    assert not run["degraded"] and not run["fallbacks"], run

    # The article does not fit the 2,048-token context with the instructions and the answer
    # budget: it was cut to the window /props reports, every piece asked once, in full.
    text = load_document(path).text
    extractions = [e for e in answered if is_extraction(e)]
    assert len(extractions) >= 2
    assert squeezed("".join(sorted(map(article_piece, extractions), key=text.index))) == squeezed(
        text
    )
    for exchange in extractions:
        usage = (exchange.answer or {})["usage"]
        assert usage["prompt_tokens"] + exchange.body["max_tokens"] <= llama.context
    assert any(e.path == "/props" for e in llama.recorder.since(mark))
    model_facts = [f for e in answered if is_extraction(e) for f in answer_data(e)["facts"]]
    kept = [f for f in report["facts"] if (f["source"] or {}).get("kind") == "llm"]
    for fact in kept:  # grounded: the fact points at the article's own characters
        assert text[fact["start"] : fact["end"]] == fact["text"]
    # Evidence copied exactly (a clause, not a word that may sit inside another) is never
    # dropped; evidence found nowhere always is.
    exact = [
        f
        for f in model_facts
        if len(f["evidence"].strip()) >= 20 and f["evidence"] in text and f["kind"] != "disclosure"
    ]
    absent = [
        f for f in model_facts if squeezed(f["evidence"]).lower() not in squeezed(text).lower()
    ]
    assert len(absent) - _empty_or_unlocatable_margin(absent, text) <= run["dropped_facts"]
    assert run["dropped_facts"] <= len(model_facts) - len(exact)
    assert len(kept) <= len(model_facts) - run["dropped_facts"]
    if not kept:  # then the run must say why: all dropped, or each one a twin of a rules fact
        rules = [f for f in report["facts"] if (f["source"] or {}).get("kind") != "llm"]
        for fact in exact:
            start = text.index(fact["evidence"])
            end = start + len(fact["evidence"])
            assert any(r["start"] < end and start < r["end"] for r in rules), fact


def assert_cut_answers_were_split(sent: list[Exchange]) -> None:
    """An answer cut at the output limit is never asked again with a longer prompt (a re-ask
    turn): its piece is split, so smaller pieces of it follow, unless it is too short to split."""
    for exchange in sent:
        assert len(exchange.body["messages"]) == 2, "a re-ask was sent"
    cut = [
        e
        for e in sent
        if is_extraction(e)
        and (e.answer or {}).get("choices", [{}])[0].get("finish_reason") == "length"
    ]
    from factcheck.llm.extract import MIN_SPLIT_CHARS

    for exchange in cut:
        if len(article_piece(exchange)) < 2 * MIN_SPLIT_CHARS:
            continue  # too short to split: it went down the chain (to the rules) instead
        piece = squeezed(article_piece(exchange))
        parts = [squeezed(article_piece(e)) for e in sent if is_extraction(e)]
        assert any(p != piece and p in piece for p in parts), "a cut answer's piece was not split"


def assert_used_or_said_why(run: dict[str, Any]) -> None:
    """With this tiny model an LLM answer may be lost (its facts cut even on the smallest piece):
    then the run must say so, name the cause, and carry on with the rules."""
    if not run["degraded"]:
        return
    assert run["notices"] and run["fallbacks"], json.dumps(run)
    for fallback in run["fallbacks"]:
        assert fallback["to"] == "rules"
        assert fallback["reason"].split(":")[0] in (
            "output_too_long",
            "context_too_long",
            "invalid_output",
        ), fallback


def _empty_or_unlocatable_margin(absent: list[dict[str, Any]], text: str) -> int:
    """Absent evidence the grounder may still place (it forgives case, spacing and quote marks)."""
    return sum(1 for f in absent if len(f["evidence"].strip()) >= 12 and f["evidence"][:12] in text)


async def test_llama_cpp_context_errors_are_recognised(llama: LlamaServer) -> None:
    """A request over the window, sent as nothing can split it, gets llama.cpp's own error,
    which must read as a context-size error (fall back), not as a bad request (fail)."""
    from factcheck.errors import ContextTooLongError
    from factcheck.llm.providers.base import Message, Request
    from factcheck.llm.providers.openai_provider import OpenAIProvider

    provider = OpenAIProvider(MODEL_NAME, base_url=f"{llama.direct_url}/v1", third_party=True)
    words = " ".join(f"word{i}" for i in range(3 * llama.context))
    request = Request(
        system="Answer in JSON.",
        messages=(Message("user", words),),
        schema={"type": "object", "properties": {}, "additionalProperties": False},
        schema_name="none",
        prompt_version="test",
        max_output_tokens=8,
    )
    try:
        with pytest.raises(ContextTooLongError, match="context"):
            await provider.complete(request)
        assert await provider.context_window() == llama.context
    finally:
        await provider.aclose()


# --- compare and audit ------------------------------------------------------------------------


def test_compare_two_examples_through_the_openai_wire(llama: LlamaServer, home: Path) -> None:
    mark = llama.recorder.mark()
    done, _ = factcheck(
        home,
        "compare",
        str(EXAMPLES / "a1-reference-en.md"),
        str(EXAMPLES / "a3-retelling-fr.md"),
        "--format", "json", "--fail-on", "never",
        "--provider", openai_spec(llama.recorder.url),
    )  # fmt: skip
    assert_clean(done)
    report = json.loads(done.stdout)
    run = report["run"]
    sent = chats(llama.recorder.since(mark))
    assert run["llm_calls"] == llama.recorder.arrivals(mark, *CHAT_PATHS), run
    # The candidate asked; the reference asked too, or taken from the cache (the extract test
    # asked it first).
    pieces = [squeezed(article_piece(e)) for e in sent if is_extraction(e)]
    reference, candidate = (
        squeezed(load_document(EXAMPLES / name).text)
        for name in ("a1-reference-en.md", "a3-retelling-fr.md")
    )
    assert any(piece in candidate for piece in pieces)
    assert run["cache_hits"] >= 1 or any(piece in reference for piece in pieces)
    assert all(e.seconds <= DEADLINE for e in sent)
    assert_cut_answers_were_split(sent)
    assert_used_or_said_why(run)
    judged = [e for e in sent if not is_extraction(e)]
    for exchange in judged:  # the judge may only answer about the ids it was sent
        schema = exchange.body["response_format"]["json_schema"]["schema"]
        for part in ("quotes", "claims"):
            ids = schema["properties"][part]["items"]["properties"]["id"].get("enum", [])
            for verdict in answer_data(exchange)[part] if exchange.status == 200 else []:
                assert verdict["id"] in ids


def test_compare_asks_once_for_a_short_pair(llama: LlamaServer, tmp_path: Path) -> None:
    # Short enough for both articles, the instructions and the answer to fit the small context:
    # one request carries the pair. An answer cut at its limit sends the pair per article.
    reference, candidate = tmp_path / "ref.txt", tmp_path / "cand.txt"
    reference.write_text(
        "The Lintel Museum reopened on Friday after a 3 million euro repair, its director Ana "
        'Paz said. "Visitors can return at last," she said.\n',
        encoding="utf-8",
    )
    candidate.write_text(
        "Le musée Lintel a rouvert vendredi après des travaux de 5 millions d'euros, a dit sa "
        "directrice Ana Paz.\n",
        encoding="utf-8",
    )
    mark = llama.recorder.mark()
    done, _ = factcheck(
        tmp_path,
        "compare", str(reference), str(candidate), "--format", "json", "--fail-on", "never",
        "--provider", openai_spec(llama.recorder.url),
    )  # fmt: skip
    assert_clean(done)
    run = json.loads(done.stdout)["run"]
    sent = chats(llama.recorder.since(mark))
    assert run["llm_calls"] == len(sent) >= 1, run
    first = sent[0]
    assert first.body["response_format"]["json_schema"]["name"] == "comparison"
    assert "Lintel Museum" in first.text and "musée Lintel" in first.text
    finish = (first.answer or {}).get("choices", [{}])[0].get("finish_reason")
    data = answer_data(first) if first.status == 200 and finish == "stop" else None
    if data is not None and data["candidates"]:
        assert len(sent) == 1  # the pair's one answer, validated against its schema
        assert set(data) == {"reference", "candidates"} and len(data["candidates"]) == 1
    else:  # cut, refused, or the candidate left out: per article, never the same request again
        assert all(not e.text.count("<reference_article>") for e in sent[1:])
    assert all(e.seconds <= DEADLINE for e in sent)
    assert_used_or_said_why(run)


def test_audit_of_the_examples(llama: LlamaServer, home: Path, tmp_path: Path) -> None:
    # One story of the examples (a reference and its retelling): the whole folder would take
    # the small model half an hour on 2 shared cores.
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a1-reference-en.md", "a2-retelling-en.txt"):
        shutil.copy(EXAMPLES / name, folder / name)
    mark = llama.recorder.mark()
    done, _ = factcheck(
        home,
        "audit", str(folder), "--out", str(tmp_path / "report"), "--jobs", "2",
        "--format", "json", "--provider", openai_spec(llama.recorder.url),
    )  # fmt: skip
    assert_clean(done)
    run = json.loads(done.stdout)["run"]
    assert run["llm_calls"] == llama.recorder.arrivals(mark, *CHAT_PATHS), run
    assert all(e.seconds <= DEADLINE for e in chats(llama.recorder.since(mark)))
    assert run["llm_calls"] + run["cache_hits"] >= 2  # each article asked, or cached before
    assert_cut_answers_were_split(chats(llama.recorder.since(mark)))
    assert_used_or_said_why(run)
    assert (tmp_path / "report" / "index.html").is_file()


# --- Anthropic's Messages API on the same server ----------------------------------------------


def _offers_messages(url: str) -> bool:
    request = urllib.request.Request(
        f"{url}/v1/messages",
        data=json.dumps(
            {"model": MODEL_NAME, "max_tokens": 4, "messages": [{"role": "user", "content": "Hi"}]}
        ).encode(),
        headers={"content-type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120):
            return True
    except urllib.error.HTTPError as error:
        return error.code != 404


def test_extract_through_the_anthropic_wire(llama: LlamaServer, tmp_path: Path) -> None:
    """This llama.cpp serves Anthropic's Messages API but honours neither output_config nor a
    forced tool: the model answers in prose until max_tokens. The provider must notice (the
    answer fails validation), step down from output_config to the tool, re-ask once, then leave
    the document to the rules, saying so, with every request counted and no traceback."""
    if not _offers_messages(llama.direct_url):
        pytest.skip("this llama.cpp server has no /v1/messages (Anthropic Messages API)")
    article = tmp_path / "short.md"
    article.write_text(load_document(EXAMPLES / "a1-reference-en.md").text[:700], encoding="utf-8")
    mark = llama.recorder.mark()
    done, _ = factcheck(
        tmp_path,
        "extract", str(article), "--format", "json",
        "--provider", f"anthropic:{MODEL_NAME}@{llama.recorder.url};deadline={DEADLINE},rules",
    )  # fmt: skip
    assert_clean(done)
    run = json.loads(done.stdout)["run"]
    sent = chats(llama.recorder.since(mark))
    assert run["llm_calls"] == llama.recorder.arrivals(mark, *CHAT_PATHS) == len(sent) >= 2
    assert all(e.status == 200 for e in sent)
    levels = [e.output_format for e in sent]
    assert levels[0] == "output_config"
    if run["degraded"]:  # what this server did when the test was written
        assert levels[1:] == ["tool"] * (len(levels) - 1) and len(levels) == 3, levels
        assert run["fallbacks"][0]["reason"].startswith("invalid_output"), run
        assert run["notices"], run
    else:  # a server that honours one of the two levels
        assert run["fallbacks"] == []


# --- deadline ---------------------------------------------------------------------------------


def test_no_request_waits_past_its_deadline(llama: LlamaServer, tmp_path: Path) -> None:
    deadline = 3
    parts = [
        load_document(EXAMPLES / name).text for name in ("a1-reference-en.md", "b4-retelling-en.md")
    ]
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join(parts), encoding="utf-8")
    done, seconds = factcheck(
        tmp_path, "extract", str(article), "--format", "json",
        "--provider", openai_spec(llama.direct_url, deadline),
    )  # fmt: skip
    assert_clean(done)
    run = json.loads(done.stdout)["run"]
    # The server cannot answer that fast: the request is given up at its deadline, the provider
    # rests, and the run ends on the rules, degraded and saying why, one deadline later.
    assert run["degraded"], run
    assert any("deadline" in f["reason"] for f in run["fallbacks"]), run
    assert seconds < deadline + 20, seconds
