"""What a small local server (llama.cpp, vLLM) needs, against the loopback fake: requests sized to
their chunk, chunks cut to the window the server publishes, and a task too big for one request
split before any fallback (a context-size error, an answer cut at the output limit)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.llm import extract as llm_module
from factcheck.pipeline import compare_files, extract_file
from tests.fakes.llm_server import FakeLLMServer, Reply, error, llm_server, ok
from tests.llm.test_llm_pipeline import _article, _fact, _user_text, settings_for

__all__ = ["llm_server"]

SENTENCES = [
    f"The council of Port Alder approved budget line {i} worth {i * 7} million dollars on Monday."
    for i in range(60)
]
LLAMA_CONTEXT_ERROR = "request ({n} tokens) exceeds the available context size (2048 tokens)"


@pytest.fixture
def long_article(tmp_path: Path) -> Path:
    """About 5,500 characters in paragraphs of three sentences."""
    paragraphs = [" ".join(SENTENCES[i : i + 3]) for i in range(0, len(SENTENCES), 3)]
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def first_sentence(route: str, body: dict[str, Any]) -> Reply:
    """Each extraction answers with the first sentence of its piece, copied exactly."""
    piece = _article(_user_text(route, body)).strip()
    return ok({"facts": [_fact("claim", piece.split(". ")[0] + ".")]})


def extractions(server: FakeLLMServer, route: str = "openai") -> list[dict[str, Any]]:
    return [r.body for r in server.requests(route) if "<article>" in _user_text(route, r.body)]


def pieces(server: FakeLLMServer, route: str = "openai") -> list[str]:
    return [_article(_user_text(route, body)) for body in extractions(server, route)]


def joined(parts: list[str], text: str) -> str:
    """The parts (asked in parallel, so in any order) in the order they stand in `text`."""
    return "".join(sorted(parts, key=text.index))


def test_an_extraction_asks_for_facts_and_tokens_in_proportion_to_its_chunk(
    llm_server: FakeLLMServer, long_article: Path
) -> None:
    llm_server.responder = first_sentence
    extract_file(long_article, settings_for(llm_server, "openai:m,rules"))
    (body,) = extractions(llm_server)
    piece = _article(_user_text("openai", body))
    limit = llm_module.facts_limit(len(piece))
    schema = body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["facts"]["maxItems"] == limit
    assert body["max_tokens"] == llm_module.output_tokens(limit)
    assert f"at most {limit} facts" in body["messages"][0]["content"]
    assert llm_module.MIN_FACTS_PER_CHUNK < limit < llm_module.MAX_FACTS_PER_CHUNK


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/props", {"default_generation_settings": {"n_ctx": 2048}, "total_slots": 1}),
        ("/v1/models", {"object": "list", "data": [{"id": "m", "max_model_len": 2048}]}),
    ],
)
def test_chunks_fit_the_context_window_the_server_publishes(
    llm_server: FakeLLMServer, long_article: Path, path: str, page: dict[str, Any]
) -> None:
    llm_server.pages[path] = page
    llm_server.responder = first_sentence
    document, facts, run = extract_file(long_article, settings_for(llm_server, "openai:m,rules"))
    size = llm_module.chunk_size(document, 2048)
    sent = pieces(llm_server)
    assert size < len(document.text) and len(sent) >= len(document.text) // size
    assert all(len(piece) <= size for piece in sent)
    assert joined(sent, document.text) == document.text
    for body in extractions(llm_server):
        assert body["max_tokens"] + len(json.dumps(body["messages"])) / 3.5 <= 2048 + 100
    assert llm_server.gets.count(path) == 1  # asked once per run
    assert run.llm_calls == len(sent) and not run.fallbacks
    grounded = [f for f in facts if f.source.extractor == "llm"]
    assert len(grounded) == len(sent)


def test_a_context_size_error_splits_the_chunk_before_any_fallback(
    llm_server: FakeLLMServer, long_article: Path
) -> None:
    def small_context(route: str, body: dict[str, Any]) -> Reply:
        piece = _article(_user_text(route, body))
        if len(piece) > 1500:  # llama.cpp's own error body for a prompt over its window
            return Reply(
                status=400,
                error_type="exceed_context_size_error",
                message=LLAMA_CONTEXT_ERROR.format(n=len(piece) // 3),
            )
        return first_sentence(route, body)

    llm_server.responder = small_context
    document, facts, run = extract_file(
        long_article, settings_for(llm_server, "openai:small,anthropic:big,rules")
    )
    answered = [p for p in pieces(llm_server) if len(p) <= 1500]
    assert joined(answered, document.text) == document.text  # every part answered once, in order
    assert llm_server.requests("anthropic") == []
    assert not run.fallbacks and not run.degraded
    assert run.llm_calls == len(llm_server.requests("openai"))
    assert len([f for f in facts if f.source.extractor == "llm"]) == len(answered)


def test_an_answer_cut_at_the_output_limit_is_split_not_asked_again_longer(
    llm_server: FakeLLMServer, long_article: Path
) -> None:
    def short_output(route: str, body: dict[str, Any]) -> Reply:
        if len(_article(_user_text(route, body))) > 2000:
            return Reply(content='{"facts": [{"kind": "claim", "evi', finish="length")
        return first_sentence(route, body)

    llm_server.responder = short_output
    document, _, run = extract_file(long_article, settings_for(llm_server, "openai:m,rules"))
    bodies = extractions(llm_server)
    assert all(len(body["messages"]) == 2 for body in bodies)  # no re-ask turn, ever
    answered = [p for p in pieces(llm_server) if len(p) <= 2000]
    assert joined(answered, document.text) == document.text
    assert len(bodies) > len(answered) >= 3
    assert not run.fallbacks and not run.degraded


def test_a_piece_too_small_to_split_falls_back_to_the_next_provider(
    llm_server: FakeLLMServer, long_article: Path
) -> None:
    llm_server.script(
        "openai",
        *[error(400, "exceed_context_size_error", LLAMA_CONTEXT_ERROR.format(n=9999))] * 40,
    )
    llm_server.responder = first_sentence
    document, _, run = extract_file(
        long_article, settings_for(llm_server, "openai:tiny,anthropic:big,rules")
    )
    assert run.fallbacks and run.fallbacks[0].reason.startswith("context_too_long")
    assert run.fallbacks[0].to == "anthropic:big"
    assert all(len(p) < 2 * llm_module.MIN_SPLIT_CHARS for p in pieces(llm_server)[-1:])
    assert joined(pieces(llm_server, "anthropic"), document.text) == document.text
    assert not run.degraded


# --- the judge ----------------------------------------------------------------------------------

REFERENCE = """---
title: Port Alder closes the Quayside bridge
date: 2026-03-12
lang: en
---
The city of Port Alder closed the Quayside bridge on Thursday for repairs that will cost 4.5
million dollars, the mayor Elena Ruiz said. "The bridge will reopen in June," Ruiz said.
"""

CANDIDATE = """---
title: Port Alder ferme le pont Quayside
date: 2026-03-12
lang: fr
---
La ville de Port Alder a fermé jeudi le pont Quayside. Le pont ne rouvrira jamais. Les travaux
coûteront 9 millions de dollars. « Le pont rouvrira en juin », a déclaré Ruiz. Le maire a démissionné.
"""


def _judge_ids(user: str) -> list[str]:
    return [
        line.split(":", 1)[0] for line in user.splitlines() if line[:1] in "qc" and ":" in line[:5]
    ]


def judge_or_extract(route: str, body: dict[str, Any]) -> Reply:
    user = _user_text(route, body)
    if "<article>" in user:
        sentences = [s.strip() for s in _article(user).split(".") if len(s.strip()) > 20]
        return ok({"facts": [_fact("claim", s + ".") for s in sentences[-3:]]})
    if len(_judge_ids(user)) > 1:  # this server's window holds one item at a time
        return Reply(
            status=400,
            error_type="exceed_context_size_error",
            message=LLAMA_CONTEXT_ERROR.format(n=3000),
        )
    ids = _judge_ids(user)
    return ok(
        {
            "quotes": [{"id": i, "verdict": "same", "reason": "Same."} for i in ids if i[0] == "q"],
            "claims": [
                {"id": i, "verdict": "not_mentioned", "reason": "Absent."}
                for i in ids
                if i[0] == "c"
            ],
        }
    )


def test_the_judge_names_the_ids_it_sent_and_splits_its_items_to_fit(
    llm_server: FakeLLMServer, tmp_path: Path
) -> None:
    reference, candidate = tmp_path / "ref.md", tmp_path / "cand.md"
    reference.write_text(REFERENCE, encoding="utf-8")
    candidate.write_text(CANDIDATE, encoding="utf-8")
    llm_server.responder = judge_or_extract
    result = compare_files(reference, candidate, settings_for(llm_server, "openai:m,rules"))
    judged = [
        r.body
        for r in llm_server.requests("openai")
        if "<reference>" in _user_text("openai", r.body)
    ]
    assert judged, "the judge was never asked"
    first = judged[0]
    sent = _judge_ids(_user_text("openai", first))
    assert len(sent) >= 2
    schema = first["response_format"]["json_schema"]["schema"]["properties"]
    assert schema["claims"]["items"]["properties"]["id"]["enum"] == [i for i in sent if i[0] == "c"]
    assert schema["claims"]["maxItems"] == len([i for i in sent if i[0] == "c"])
    assert first["max_tokens"] < 4096
    answered = [r for r in judged if len(_judge_ids(_user_text("openai", r))) == 1]
    assert sorted(i for r in answered for i in _judge_ids(_user_text("openai", r))) == sorted(sent)
    assert not result.run.fallbacks and not result.run.degraded
    verdicts = [d for d in result.discrepancies if d.source.extractor == "llm"]
    assert verdicts, [d.kind for d in result.discrepancies]


def test_anthropic_output_config_carries_no_item_limit_but_the_answer_is_still_held_to_it(
    llm_server: FakeLLMServer, long_article: Path
) -> None:
    llm_server.responder = lambda route, body: ok({"facts": [_fact("claim", "x")] * 70})
    llm_server.script("anthropic", *[ok({"facts": [_fact("claim", "x")] * 70})] * 2)
    _, _, run = extract_file(long_article, settings_for(llm_server, "anthropic:m,openai:m,rules"))
    native = llm_server.requests("anthropic")[0].body
    facts = native["output_config"]["format"]["schema"]["properties"]["facts"]
    assert "maxItems" not in facts
    assert run.fallbacks and "maxItems" not in json.dumps(native["output_config"])


async def test_when_one_part_fails_its_siblings_are_cancelled_not_left_running() -> None:
    import asyncio

    from factcheck.errors import BadRequestError
    from factcheck.llm.providers.base import gather_or_cancel

    finished: list[str] = []

    async def slow() -> str:
        await asyncio.sleep(5)
        finished.append("slow")
        return "slow"

    async def failing() -> str:
        await asyncio.sleep(0.01)
        raise BadRequestError("refused", provider="p")

    with pytest.raises(BadRequestError):  # the error itself, not an ExceptionGroup
        await gather_or_cancel(slow(), failing())
    await asyncio.sleep(0.05)
    assert finished == []
    assert await gather_or_cancel(asyncio.sleep(0, "a"), asyncio.sleep(0, "b")) == ["a", "b"]
