"""benchmarks/ragas_bench.py: its token counter and the fake model's answers to both systems'
prompts (offline; ragas itself is never imported here)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from benchmarks import ragas_bench as rb
from factcheck.compare.judge import ClaimItem, JudgeRequest, QuotePair
from factcheck.llm.extract import extraction_request
from factcheck.llm.judge import judge_request
from factcheck.models import Document, Fact

ARTICLE = (
    "The council approved the new bridge on Monday. It will cost $12 million.\n"
    "“We waited ten years for this,” said the mayor. Work starts in May?\n"
    "Short line\n"
    "هل سيبدأ العمل في أيار؟ قال المسؤول إن المشروع كبير."
)


def _body(request, *, native_schema: bool = True) -> dict:
    """The chat-completions body factcheck's OpenAI provider sends for `request`."""
    body: dict[str, Any] = {
        "model": rb.MODEL,
        "messages": [
            {"role": "system", "content": request.system},
            *({"role": m.role, "content": m.content} for m in request.messages),
        ],
    }
    if native_schema:
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {"name": request.schema_name, "schema": request.schema, "strict": True},
        }
    return body


def _ragas_prompt(instruction: str, data: dict) -> str:
    """A prompt laid out as ragas lays out both Faithfulness prompts."""
    example = json.dumps({"question": "Q?", "answer": "An example answer."}, indent=4)
    return (
        f"{instruction}\nPlease return the output in a JSON format that complies with the "
        'following schema as specified in JSON Schema:\n{"type": "object"}\n'
        f"--------EXAMPLES-----------\nExample 1\nInput: {example}\nOutput: {{}}\n"
        "-----------------------------\n\n"
        f"Now perform the same with the following input\ninput: {json.dumps(data, indent=4)}\n"
        "Output: "
    )


STATEMENTS = (
    "Given a question and an answer, analyze the complexity of each sentence in the answer. "
    "Break down each sentence into one or more fully understandable statements. Ensure that no "
    "pronouns are used in any statement."
)
VERDICTS = (
    "Your task is to judge the faithfulness of a series of statements based on a given context. "
    "For each statement you must return verdict as 1 if the statement can be directly inferred "
    "based on the context or 0 if the statement can not be directly inferred based on the context."
)


def _document(text: str = ARTICLE) -> Document:
    return Document(path="a.txt", text=text, sha256="0", language="en", title="Bridge")


# --- the token counter --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", 0),
        ("Hello, world!", 4),
        ("costs $12.5 million", 6),  # costs $ 12 . 5 million
        ('{"a": [1, 2]}', 11),
        ("قال المسؤول", 2),
        ("  spaced\n\tout  ", 2),
    ],
)
def test_count_tokens(text, tokens):
    assert rb.count_tokens(text) == tokens


def test_request_tokens_count_messages_and_the_schema_sent_beside_them():
    body = {
        "model": "m",
        "temperature": 0,  # not text the model reads: not counted
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": [{"type": "text", "text": "Hi there"}]},
        ],
        "response_format": {"type": "json_object"},
    }
    schema = rb.count_tokens(json.dumps({"type": "json_object"}))
    assert rb.request_tokens(body) == 3 + 2 + schema
    assert rb.request_tokens({"messages": []}) == 0


def test_the_parts_of_every_kind_of_request_add_up_to_its_tokens():
    extract = _body(extraction_request(_document(), ARTICLE))
    judge = _body(judge_request(_judge_request()))
    statements = {"messages": [{"role": "user", "content": _ragas_prompt(STATEMENTS, {})}]}
    for body in (extract, judge, statements):
        assert sum(rb.request_parts(body).values()) == rb.request_tokens(body)
    parts = rb.request_parts(judge)
    assert parts["claims listed again"] > 0 and parts["candidate facts"] > 0
    assert rb.request_parts(extract)["article"] == rb.count_tokens(ARTICLE)


# --- the fake model's answers -------------------------------------------------------------------


def test_sentences_end_at_marks_and_lines_and_drop_fragments():
    found = rb.sentences(ARTICLE)
    assert found == [
        "The council approved the new bridge on Monday.",
        "It will cost $12 million.",
        "“We waited ten years for this,” said the mayor.",
        "Work starts in May?",
        "هل سيبدأ العمل في أيار؟",
        "قال المسؤول إن المشروع كبير.",
    ]
    assert all(s in ARTICLE for s in found)  # verbatim: factcheck grounds them


def _judge_request() -> JudgeRequest:
    def fact(kind, text, **kw):
        return Fact(kind=kind, text=text, start=0, end=len(text), value=kw.pop("value", text), **kw)

    quote = fact("quote", "«Nous avons attendu»", value="Nous avons attendu", speaker="le maire")
    other = fact("quote", "“We waited”", value="We waited", speaker="the mayor")
    claims = tuple(
        ClaimItem(f"c{n}", fact("claim", text))
        for n, text in enumerate(["The bridge costs $12 million.", "Work starts in May."])
    )
    return JudgeRequest(
        "fr", "en", (quote,), (other, *(c.claim for c in claims)),
        (QuotePair("m0", quote, other),), claims,
    )  # fmt: skip


def test_factcheck_extraction_is_recognised_and_answered_with_grounded_claims():
    request = extraction_request(_document(), ARTICLE)
    body = _body(request)
    assert rb.classify(body) == "factcheck_extract"
    facts = rb.answer_data(body)["facts"]
    limit = request.schema["properties"]["facts"]["maxItems"]  # 4 for so short an article
    assert [f["evidence"] for f in facts] == rb.sentences(ARTICLE)[:limit]
    assert all(f["kind"] == "claim" and f["gloss_en"] == f["evidence"] for f in facts)
    assert set(facts[0]) == set(request.schema["properties"]["facts"]["items"]["required"])
    no_gloss = dict(body, model=rb.MODEL_NO_GLOSS)
    assert all(f["gloss_en"] is None for f in rb.answer_data(no_gloss)["facts"])


def test_factcheck_extraction_answers_stay_within_the_schemas_limit():
    long = " ".join(f"Sentence number {n} is here." for n in range(200))
    request = extraction_request(_document(long), long)
    facts = rb.answer_data(_body(request))["facts"]
    assert len(facts) == request.schema["properties"]["facts"]["maxItems"]


def test_factcheck_judgement_is_answered_for_every_id_it_asks_about():
    request = judge_request(_judge_request())
    for native in (True, False):  # schema enums, else the ids listed in the prompt
        body = _body(request, native_schema=native)
        assert rb.classify(body) == "factcheck_judge"
        data = rb.answer_data(body)
        assert [q["id"] for q in data["quotes"]] == ["m0"]
        assert [c["id"] for c in data["claims"]] == ["c0", "c1"]


def test_factcheck_extraction_without_a_native_schema_is_recognised_by_its_text():
    body = _body(extraction_request(_document(), ARTICLE), native_schema=False)
    assert rb.classify(body) == "factcheck_extract"


def test_ragas_statement_prompt_is_answered_with_the_answers_sentences():
    data = {"question": rb.QUESTION, "answer": ARTICLE}
    body = {
        "messages": [
            {"role": "system", "content": "As a genius expert ... json_schema: {...}"},
            {"role": "user", "content": _ragas_prompt(STATEMENTS, data)},
        ],
        "response_format": {"type": "json_object"},
    }
    assert rb.classify(body) == "ragas_statements"
    assert rb.answer_data(body) == {"statements": rb.sentences(ARTICLE)}  # not the example's


def test_ragas_verdict_prompt_is_answered_with_one_verdict_per_statement():
    statements = ["The council approved a bridge.", "Work starts in May."]
    prompt = _ragas_prompt(VERDICTS, {"context": ARTICLE, "statements": statements})
    body = {"messages": [{"role": "user", "content": prompt}]}
    assert rb.classify(body) == "ragas_verdicts"
    verdicts = rb.answer_data(body)["statements"]
    assert [v["statement"] for v in verdicts] == statements
    assert all(v["verdict"] == 1 and v["reason"] for v in verdicts)


def test_an_unknown_prompt_gets_an_empty_object():
    body = {"messages": [{"role": "user", "content": "Say hello."}]}
    assert rb.classify(body) == "unknown"
    assert rb.answer_data(body) == {}
