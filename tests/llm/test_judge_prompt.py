"""What the judge is sent: every fact once, and an English gloss only where it adds something."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factcheck.compare.judge import ClaimItem, JudgeRequest, QuotePair
from factcheck.llm.judge import halves, judge_request, render_judge_prompt
from factcheck.models import Fact
from factcheck.pipeline import compare_files
from tests.fakes.llm_server import FakeLLMServer, llm_server, ok
from tests.llm.test_llm_pipeline import (
    CANDIDATE,
    REFERENCE,
    _user_text,
    answer_like_a_model,
    settings_for,
)

__all__ = ["llm_server"]


def _fact(kind: str, text: str, start: int = 0, **fields: Any) -> Fact:
    fields.setdefault("value", text)
    return Fact(kind=kind, text=text, start=start, end=start + len(text), **fields)


def _claim(text: str, start: int = 0, gloss: str | None = None) -> Fact:
    return _fact("claim", text, start, gloss_en=gloss)


def _request(
    reference: tuple[Fact, ...],
    candidate: tuple[Fact, ...],
    claims: tuple[Fact, ...] = (),
    pairs: tuple[QuotePair, ...] = (),
) -> JudgeRequest:
    items = tuple(ClaimItem(f"c{n}", fact) for n, fact in enumerate(claims))
    return JudgeRequest("en", "fr", reference, candidate, pairs, items)


def _user(request: JudgeRequest, **options: Any) -> str:
    return render_judge_prompt(request, **options)[1]


def _block(user: str, side: str) -> list[str]:
    start, end = f"<{side}>\n", f"\n</{side}>"
    return user.split(start, 1)[1].split(end, 1)[0].splitlines()


def _listed_claims(user: str) -> list[str]:
    return user.split("Candidate claims to judge:\n", 1)[1].splitlines()


# --- glosses -------------------------------------------------------------------------------------


def test_a_gloss_that_repeats_the_facts_own_words_is_not_sent():
    # the same words but for case and white space: nothing the model does not already read
    english = _claim("The bridge  will reopen\tin June.", gloss="the bridge will reopen in JUNE. ")
    said = _fact(
        "quote", "“We waited”", 40, value="We waited", speaker="the mayor", gloss_en="we waited"
    )
    user = _user(_request((english, said), (), (_claim("Le pont rouvrira.", 40),)))
    assert _block(user, "reference") == [
        "- claim: The bridge  will reopen\tin June.",
        "- quote by the mayor: «We waited»",
    ]


def test_a_gloss_that_says_something_else_is_sent_beside_the_fact():
    french = _claim("Le pont rouvrira en juin.", 30, gloss="The bridge will reopen in June.")
    quote = _fact(
        "quote", "« Nous avons attendu »", value="Nous avons attendu", speaker="le maire",
        gloss_en="We waited",
    )  # fmt: skip
    other = _claim("Le maire a parlé.", 60, gloss="The mayor spoke.")
    user = _user(_request((), (quote, french, other), (french,)))
    assert _listed_claims(user) == [
        "c0: Le pont rouvrira en juin. (English: The bridge will reopen in June.)"
    ]
    assert _block(user, "candidate") == [
        "- quote by le maire: «Nous avons attendu» (English: We waited)",
        "- claim: Le maire a parlé. (English: The mayor spoke.)",
    ]


def test_a_claim_to_judge_whose_gloss_is_its_text_is_listed_without_it():
    claim = _claim("Work starts in May.", gloss="Work starts in May.")
    user = _user(_request((), (claim,), (claim,)))
    assert _listed_claims(user) == ["c0: Work starts in May."]
    assert "English" not in user


# --- each claim once -----------------------------------------------------------------------------


def test_each_candidate_claims_text_appears_once_in_the_judge_request():
    first = _claim("The bridge costs $12 million.", 0)
    second = _claim("Work starts in May.", 40)
    figure = _fact("number", "$12 million", 20, value=12e6, unit="USD", context="costs")
    request = _request((), (first, figure, second), (first, second))
    user = _user(request)
    for claim in (first, second):
        assert user.count(claim.text) == 1
    assert _listed_claims(user) == ["c0: The bridge costs $12 million.", "c1: Work starts in May."]
    # the candidate's other facts are still there for context
    assert _block(user, "candidate") == ["- number: $12 million = 1.2e+07 USD costs"]
    schema = judge_request(request).schema["properties"]["claims"]
    assert schema["items"]["properties"]["id"]["enum"] == ["c0", "c1"]


def test_a_half_shows_the_other_halfs_claims_as_context_each_text_still_once():
    claims = tuple(_claim(f"The council approved budget line {i}.", 40 * i) for i in range(4))
    first, second = halves(_request((), claims, claims))
    user = _user(first)
    assert _listed_claims(user) == [f"c{i}: The council approved budget line {i}." for i in (0, 1)]
    assert _block(user, "candidate") == [
        f"- claim: The council approved budget line {i}." for i in (2, 3)
    ]
    assert all(user.count(claim.text) == 1 for claim in claims)
    assert [item.id for item in second.claims] == ["c2", "c3"]


def test_claims_to_judge_are_listed_even_when_no_context_fact_fits():
    claims = (_claim("Work starts in May.", 0), _claim("It costs a lot.", 30))
    user = _user(_request(claims, claims, claims), context_facts=0)
    assert _block(user, "reference") == ["(none)"] and _block(user, "candidate") == ["(none)"]
    assert _listed_claims(user) == ["c0: Work starts in May.", "c1: It costs a lot."]


def test_quote_pairs_are_still_listed_whole():
    ours = _fact("quote", "“We waited”", value="We waited", speaker="the mayor")
    theirs = _fact(
        "quote", "« Nous avons attendu »", value="Nous avons attendu", speaker="le maire"
    )
    user = _user(_request((ours,), (theirs,), pairs=(QuotePair("m0", ours, theirs),)))
    assert (
        "m0: REFERENCE quote by the mayor: «We waited» | CANDIDATE quote by le maire: "
        "«Nous avons attendu»" in user
    )


# --- repeated lines ------------------------------------------------------------------------------


def test_a_line_repeated_in_a_facts_block_is_sent_once():
    def date(text: str, start: int, value: str) -> Fact:
        return _fact("date", text, start, value=value, context="announced")

    facts = (
        date("9 April 2026", 0, "2026-04-09"),
        _fact("number", "616", 20, value=616.0, context="jobs"),
        date("9 April 2026", 50, "2026-04-09"),  # the same date written twice
        _fact("number", "616", 70, value=616.0, context="jobs"),
        date("10 April 2026", 90, "2026-04-10"),
    )
    lines = _block(_user(_request(facts, facts)), "reference")
    assert lines == [
        "- date: 9 April 2026 = 2026-04-09 announced",
        "- number: 616 = 616 jobs",
        "- date: 10 April 2026 = 2026-04-10 announced",
    ]
    # the context limit counts the lines sent, not the repeats left out
    assert len(_block(_user(_request(facts, facts), context_facts=3), "candidate")) == 3


def test_a_quote_figure_or_date_inside_a_claim_that_is_sent_is_not_sent_again():
    claim = _claim("Santos said 616 jobs go on 9 April.", 100)
    inside = (
        _fact("number", "616", 112, value=616.0, context="jobs"),
        _fact("date", "9 April", 127, value="2026-04-09", context="jobs go"),
    )
    alone = _fact("number", "42", 300, value=42.0, context="trucks")
    lines = _block(_user(_request((claim, *inside, alone), ())), "reference")
    assert lines == ["- claim: Santos said 616 jobs go on 9 April.", "- number: 42 = 42 trucks"]
    # a claim listed to be judged carries its figures too: the candidate block leaves them out
    user = _user(_request((), (claim, *inside, alone), (claim,)))
    assert _block(user, "candidate") == ["- number: 42 = 42 trucks"]
    assert _listed_claims(user) == ["c0: Santos said 616 jobs go on 9 April."]


# --- over the wire -------------------------------------------------------------------------------


def _articles(tmp_path: Path) -> tuple[Path, Path]:
    reference, candidate = tmp_path / "ref.md", tmp_path / "cand.md"
    reference.write_text(REFERENCE, encoding="utf-8")
    candidate.write_text(CANDIDATE, encoding="utf-8")
    return reference, candidate


def _judgement(server: FakeLLMServer) -> str:
    users = [_user_text("openai", r.body) for r in server.requests("openai")]
    judged = [user for user in users if "<reference>" in user]
    assert len(judged) == 1
    return judged[0]


def test_over_the_wire_a_claim_is_sent_once_and_a_gloss_repeating_it_not_at_all(
    llm_server: FakeLLMServer, tmp_path: Path
) -> None:
    llm_server.responder = answer_like_a_model  # every gloss is the evidence itself
    result = compare_files(*_articles(tmp_path), settings_for(llm_server, "openai:m,rules"))
    user = _judgement(llm_server)
    assert user.count("Le pont ne rouvrira jamais.") == 1
    assert "c0: Le pont ne rouvrira jamais." in user.splitlines()
    assert "closed the Quayside bridge on Thursday" in "\n".join(_block(user, "reference"))
    assert "(English:" not in user
    # the verdict still lands on the claim it was asked about
    found = [d for d in result.discrepancies if d.kind == "contradicted_claim"]
    assert [d.candidate.text for d in found if d.candidate] == ["Le pont ne rouvrira jamais."]


def test_over_the_wire_a_translated_gloss_is_sent_once_beside_its_claim(
    llm_server: FakeLLMServer, tmp_path: Path
) -> None:
    gloss = "The bridge will never reopen."

    def translating(route: str, body: dict[str, Any]) -> Any:
        reply = answer_like_a_model(route, body)
        data = json.loads(reply.content or "{}")
        for fact in data.get("facts", []):
            if fact["evidence"] == "Le pont ne rouvrira jamais.":
                fact["gloss_en"] = gloss
        return ok(data)

    llm_server.responder = translating
    compare_files(*_articles(tmp_path), settings_for(llm_server, "openai:m,rules"))
    user = _judgement(llm_server)
    assert f"c0: Le pont ne rouvrira jamais. (English: {gloss})" in user.splitlines()
    assert user.count("Le pont ne rouvrira jamais.") == 1 and user.count(gloss) == 1
