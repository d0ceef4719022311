"""The comparisons of an LLM audit: rules in worker processes, the judge asked from the main
process (factcheck/audit/llm_pairs.py, `work.compare_or_ask`)."""

from __future__ import annotations

import dataclasses
import json
import threading
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

from factcheck.audit import _InProcess, run_audit
from factcheck.audit.llm_pairs import Finished, PairBoard, PairTask, compare_with_llm
from factcheck.audit.shelf import Shelf, put_away
from factcheck.audit.work import Answer, Extracted, card_of, compare_filed, compare_or_ask
from factcheck.backend import Backend
from factcheck.compare import ClaimVerdict, JudgeRequest, JudgeResult
from factcheck.config import Settings
from factcheck.extract.rules import extract
from factcheck.llm.providers import ScriptedProvider
from factcheck.llm.providers.base import Request
from factcheck.load import load_document
from factcheck.models import Fact, Source
from factcheck.pipeline import compare_files
from tests.fakes.llm_server import llm_server, ok
from tests.llm.test_llm_pipeline import CANDIDATE, REFERENCE, answer_like_a_model, news_folder
from tests.llm.test_pipeline_scripted import like_a_model

__all__ = ["llm_server"]


CLAIM = "Le pont ne rouvrira jamais."
LONE = (
    "---\ntitle: Hollow Creek opens a library\nlang: en\n---\nHOLLOW CREEK - The town of Hollow "
    "Creek opened a library with 12,000 books on Monday, the librarian Amos Kettle said. The town "
    "council paid for it.\n"
)


def _filed(tmp_path: Path, shelf: Shelf, name: str, text: str) -> tuple[str, str]:
    """The article filed as an LLM audit files it: rules facts, and a claim the model found."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    document = load_document(str(path))
    facts = extract(document)
    if CLAIM in document.text:
        start = document.text.index(CLAIM)
        claim = Fact("claim", CLAIM, start, start + len(CLAIM), CLAIM, source=Source("llm"))
        facts = sorted([*facts, claim], key=lambda f: (f.start, f.end, f.kind))
    item = Extracted(str(path), document, tuple(facts))
    return put_away(shelf.folder, [item]), str(path)


def test_a_pair_asks_its_question_then_is_finished_with_the_answer(tmp_path):
    with Shelf() as shelf:
        reference = _filed(tmp_path, shelf, "ref.md", REFERENCE)
        member = _filed(tmp_path, shelf, "cand.md", CANDIDATE)
        rules = compare_filed(reference, [member], None, ["p"])
        # The LLM may not be asked: the rules' comparison, in one step.
        assert compare_or_ask(reference, member, None, "p", False) == rules
        asked = compare_or_ask(reference, member, None, "p", True)
        assert isinstance(asked, JudgeRequest) and asked.claims
        # A judge that failed, or gave no verdict: the rules' findings stand.
        assert compare_or_ask(reference, member, None, "p", True, Answer()) == rules
        assert compare_or_ask(reference, member, None, "p", True, Answer(failure="down")) == rules
        claim = asked.claims[0]
        verdict = ClaimVerdict(claim.id, "contradicted", "It reopens in June.", Source("llm"))
        (judged,) = compare_or_ask(
            reference, member, None, "p", True, Answer(JudgeResult(claims=(verdict,)))
        )
    assert judged.counts.get("contradicted_claim") == 1
    assert judged.counts.get("contradicted_claim") != rules[0].counts.get("contradicted_claim")


class _Recording(Executor):
    """Runs each task at submit time, noting which step of which pair it was."""

    def __init__(self, log: list[tuple[str, str]]) -> None:
        self._run = _InProcess()
        self._log = log

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        step = "second" if len(args) > 5 else "first"
        self._log.append((step, args[3]))
        return self._run.submit(fn, *args, **kwargs)


def test_a_judgement_leaves_before_the_later_pairs_are_compared_and_each_pair_is_asked_once(
    tmp_path,
):
    log: list[tuple[str, str]] = []

    def judge(request: Request) -> dict[str, Any]:
        log.append(("judge", ""))
        return like_a_model(request)

    model = ScriptedProvider(respond=judge)
    with Shelf() as shelf, Backend(Settings(providers="rules"), provider=model) as backend:
        reference = _filed(tmp_path, shelf, "ref.md", REFERENCE)
        tasks = [
            PairTask(
                reference,
                _filed(tmp_path, shelf, f"cand-{n}.md", CANDIDATE.replace("4,5", f"4,{5 + n}")),
                f"pair-{n}",
            )
            for n in range(4)
        ]
        pool = _Recording(log)
        results = list(compare_with_llm(tasks, pool, backend, None, ahead=2, slots=2))
    assert sorted(r[0].candidate for r in results) == sorted(t.member[1] for t in tasks)
    assert all(r[0].counts.get("contradicted_claim") for r in results)
    assert len(model.asked("judgement")) == 4  # one question per pair, none twice
    firsts = [name for step, name in log if step == "first"]
    seconds = [name for step, name in log if step == "second"]
    assert sorted(firsts) == sorted(seconds) == [t.name for t in tasks]
    # Two pairs at most in hand: the first judgement is asked before pair 3 is compared.
    assert log.index(("judge", "")) < log.index(("first", "pair-3"))


@pytest.mark.parametrize("by_story", [True, False], ids=["by story", "per article"])
def test_an_llm_audit_finds_for_every_pair_what_compare_finds(llm_server, tmp_path, by_story):
    llm_server.responder = answer_like_a_model
    folder = news_folder(tmp_path / "news")
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm_server.openai_url}
    settings = Settings(
        providers="openai:fake-model,rules", jobs=2, env=env, use_cache=False,
        joint_compare=by_story,
    )  # fmt: skip
    done = run_audit(folder, settings, out=tmp_path / "out")
    assert done.result.pairs and not done.result.run.degraded
    bodies = [str(r.body) for r in llm_server.requests("openai")]
    if by_story:  # each pair's candidate in one request with its reference, once
        asked = sum(body.count("<candidate_article n=") for body in bodies)
        assert asked == len(done.result.pairs)
        assert not [b for b in bodies if "<reference>" in b]  # no judgement asked apart
    else:
        judgements = [b for b in bodies if "<reference>" in b]
        assert len(judgements) == len(done.result.pairs)  # every pair judged, once
    # The requests that start together wait for one look at the server's context window.
    assert llm_server.gets.count("/props") == llm_server.gets.count("/v1/models") == 1
    for pair in done.result.pairs:
        alone = compare_files(Path(pair.reference), Path(pair.candidate), settings)
        counts: dict[str, int] = {}
        for found in alone.discrepancies:
            counts[found.kind] = counts.get(found.kind, 0) + 1
        assert (pair.verdict, pair.counts) == (alone.verdict, counts), pair.candidate
    assert any(p.counts.get("contradicted_claim") for p in done.result.pairs)


def test_futures_are_handed_over_as_they_finish_each_once():
    finished = Finished()
    early: Future[int] = Future()
    early.set_result(0)
    first, second = Future[int](), Future[int]()
    for future in (finished.watch(early), finished.watch(first), finished.watch(second)):
        assert isinstance(future, Future)
    second.set_result(2)
    first.set_result(1)
    assert [finished.next().result() for _ in range(3)] == [0, 2, 1]


def test_a_pair_is_judged_while_another_article_still_waits_for_the_model(llm_server, tmp_path):
    # Issue 18: a pair's judgement starts once its two articles are extracted, not once every
    # article of the folder is. The model keeps one lone article's extraction until it has seen
    # a judgement (10 s at most): had the judgements waited for every extraction, none would come.
    folder = news_folder(tmp_path / "news", stories=1)
    (folder / "z-lone.md").write_text(LONE, "utf-8")
    judged = threading.Event()
    order: list[str] = []

    def answer(route: str, body: dict[str, Any]):
        text = json.dumps(body)
        if "<reference>" in text:
            order.append("judgement")
            judged.set()
        elif "Hollow Creek" in text:
            judged.wait(10)
            order.append("lone extraction answered")
            return ok({"facts": []})
        return answer_like_a_model(route, body)

    llm_server.responder = answer
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm_server.openai_url}
    settings = Settings(
        providers="openai:fake-model,rules", jobs=2, env=env, use_cache=False,
        joint_compare=False,
    )  # fmt: skip
    done = run_audit(folder, settings, out=tmp_path / "out")
    assert len(done.result.groups) == 2 and len(done.result.pairs) == 1
    assert order == ["judgement", "lone extraction answered"]
    assert done.result.pairs[0].counts.get("contradicted_claim")


def test_an_article_is_profiled_by_its_rules_facts_whatever_the_model_adds(tmp_path):
    # The stories do not depend on the backend (and an LLM audit groups before every answer
    # is in): what the model adds to an article leaves its story profile as the rules make it.
    path = tmp_path / "lone.md"
    path.write_text(LONE, "utf-8")
    document = load_document(str(path))
    rules = tuple(extract(document))
    start = document.text.index("town council")
    added = Fact(
        "entity", "town council", start, start + 12, "Town Council", entity_type="org",
        source=Source("llm", "openai", "fake-model"),
    )  # fmt: skip
    plain = card_of(Extracted(str(path), document, rules), None).profile
    with_model = card_of(Extracted(str(path), document, (*rules, added)), None).profile
    assert plain is not None and with_model == plain
    # ... while the same fact found by the rules would change it: the test can fail.
    as_rules = dataclasses.replace(added, source=Source())
    assert card_of(Extracted(str(path), document, (*rules, as_rules)), None).profile != plain


def test_an_llm_audit_forms_the_stories_a_rules_audit_forms(llm_server, tmp_path):
    folder = news_folder(tmp_path / "news", stories=1)
    (folder / "z-lone.md").write_text(LONE, "utf-8")
    llm_server.responder = lambda route, body: (
        ok({"facts": []})
        if "Hollow Creek" in json.dumps(body)
        else answer_like_a_model(route, body)
    )
    env = {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm_server.openai_url}
    with_llm = Settings(providers="openai:fake-model,rules", jobs=2, env=env, use_cache=False)
    rules = Settings(providers="rules", jobs=2, env=env, use_cache=False)
    llm_groups = run_audit(folder, with_llm, out=tmp_path / "llm").result.groups
    rules_groups = run_audit(folder, rules, out=tmp_path / "rules").result.groups
    assert [g.documents for g in llm_groups] == [g.documents for g in rules_groups]
    assert len(llm_groups) == 2


def test_the_board_hands_a_pair_over_once_both_its_articles_are_filed():
    board = PairBoard()
    board.filed("a", ("shelf-1", "a"))
    ready = board.task("a", "b", "a-b")
    later = board.task("c", "d", "c-d")
    assert ready.done() is False and later.done() is False
    board.filed("b", ("shelf-2", "b"))
    assert ready.result() == PairTask(("shelf-1", "a"), ("shelf-2", "b"), "a-b")
    board.filed("d", ("shelf-2", "d"))
    assert not later.done()  # still waits for "c"
    board.cancel()
    assert later.cancelled()
    assert board.task("a", "b", "again").result().name == "again"  # both filed: at once
