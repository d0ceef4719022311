"""The judge's request too big for a small server: context facts shrink first, then items split."""

from __future__ import annotations

from factcheck.compare.judge import ClaimItem, JudgeRequest
from factcheck.errors import ContextTooLongError, OutputTooLongError
from factcheck.llm.judge import judged
from factcheck.llm.providers.base import Completion, Request
from factcheck.models import Fact


def _claim(i: int) -> Fact:
    text = f"The council approved budget line {i}."
    return Fact(kind="claim", text=text, start=0, end=len(text), value=text)


def _request(claims: int, facts: int) -> JudgeRequest:
    context = tuple(_claim(100 + i) for i in range(facts))
    return JudgeRequest(
        "en",
        "fr",
        context,
        context,
        (),
        tuple(ClaimItem(f"c{i}", _claim(i)) for i in range(claims)),
    )


class SmallServer:
    """A provider whose window holds `max_lines` fact lines and whose output holds `max_items`."""

    name = "small"
    model = "m"

    def __init__(self, max_lines: int, max_items: int) -> None:
        self.max_lines = max_lines
        self.max_items = max_items
        self.asked: list[Request] = []

    async def complete(self, request: Request) -> Completion:
        self.asked.append(request)
        user = request.messages[0].content
        if user.count("\n- claim:") > self.max_lines:
            raise ContextTooLongError(
                "request exceeds the available context size", provider="small"
            )
        ids = request.schema["properties"]["claims"]["items"]["properties"]["id"]["enum"]
        if len(ids) > self.max_items:
            raise OutputTooLongError("cut off at the output token limit", provider="small")
        data = {
            "quotes": [],
            "claims": [{"id": i, "verdict": "supported", "reason": "ok"} for i in ids],
        }
        return Completion(data, "small", "m", 10, 10, False, 0.1)


async def test_too_many_context_facts_shrink_the_context_before_the_items_are_split() -> None:
    server = SmallServer(max_lines=30, max_items=10)
    answers = await judged(server, _request(claims=6, facts=60))
    assert len(answers) == 1  # one request holds all six claims once the context is smaller
    assert [c["id"] for c in answers[0].data["claims"]] == [f"c{i}" for i in range(6)]
    # up to 80 facts per side shown (60 exist: 120 lines), then 40 (80), 20 (40), 10 (20 lines)
    assert len(server.asked) == 4
    assert all(r.splittable for r in server.asked)


async def test_an_answer_cut_at_the_output_limit_splits_the_items() -> None:
    server = SmallServer(max_lines=1000, max_items=2)
    answers = await judged(server, _request(claims=6, facts=5))
    ids = [c["id"] for a in answers for c in a.data["claims"]]
    assert sorted(ids) == [f"c{i}" for i in range(6)]
    assert all(len(a.data["claims"]) <= 2 for a in answers)
    # each request's budget follows its items
    assert {
        r.max_output_tokens
        for r in server.asked
        if len(r.schema["properties"]["claims"]["items"]["properties"]["id"]["enum"]) == 2
    } == {64 + 2 * 80}
