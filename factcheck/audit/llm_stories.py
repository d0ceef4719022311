"""The comparisons of an LLM audit asked story by story (`Settings.joint_compare`, the default).

Once every article is read and rules-extracted (in the worker processes) and the stories are
formed, each story's reference goes to the model with up to `MAX_CANDIDATES` of its other
articles in one request (`factcheck.llm.joint`): the model reads them together and answers with
every article's facts and its verdicts on each candidate's. The reference and the instructions are
sent once for several pairs, and no request waits for another's answer. The requests leave from
this process's event loop; each answer's pairs are grounded and compared in the worker processes
(`work.compare_answered`), as `factcheck compare` compares a pair from the answer for it alone.

What cannot be asked that way is still compared:
- a request too long (over MAX_JOINT_CHARS, the server's window, or what the model will write) is
  asked again with half its candidates; a pair too long on its own, or a candidate the answer left
  out twice, is asked per article and then judged (`Backend.compare_facts`), on a thread;
- when the LLM failed or rests, the pair is compared by the rules alone, as the run's notices say;
- an article alone in its story is still read by the model, for the AI-use disclosures it makes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.audit.llm_pairs import Finished
from factcheck.audit.work import (
    Card,
    Extracted,
    Joined,
    compare_answered,
    compare_group,
    compare_or_ask,
    disclosures,
)
from factcheck.models import AuditDocument, Disclosure, Document, PairResult

if TYPE_CHECKING:
    from factcheck.backend import Backend
    from factcheck.llm.joint import JointAnswer

# A story's reference, its other articles and their pair reports' names (the audit's plan).
Story = tuple[Card, list[Card], list[str]]
# What the comparisons hand back as they go: a finished pair, or an article's line again with
# the disclosures the model found in it.
Update = list[PairResult] | AuditDocument
# Threads comparing a pair per article (rare: a pair too long for one request).
PER_ARTICLE_THREADS = 4


@dataclass
class _Ask:
    """One request: a reference and some of its story's other articles (with report names)."""

    reference: Card
    members: list[tuple[Card, str]]
    items: dict[str, Extracted] = field(default_factory=dict)  # the articles, by path
    again: bool = False  # asked before, and the answer left these members out


def _filed(card: Card) -> tuple[str, str]:
    return card.shelf or "", card.path


def _oldest_first(member: tuple[Card, str]) -> tuple[dt.date, str]:
    """The order a story's other articles are asked in: by publication date, then path. An
    archive audited again as it grows gets its new articles last, so the requests for the
    earlier ones are the same as before and answered from the cache."""
    card = member[0]
    return card.document.published or dt.date.max, card.path


def _document(item: Extracted) -> Document:
    assert item.document is not None  # a filed article is a usable one
    return item.document


def compare_stories(
    plan: Sequence[Story], pool: Executor, backend: Backend, report_dir: str | None, *, ahead: int
) -> Iterator[Update]:
    """Every pair of `plan` compared, and the amended lines of articles whose disclosures the
    model added to, in the order they finish. At most `ahead` requests are in flight at once."""
    from factcheck.audit.shelf import fetch
    from factcheck.llm.extract import LLMExtractor, merge
    from factcheck.llm.joint import llm_joint, stories

    llm = backend.llm
    assert llm is not None
    extractor = LLMExtractor(llm)
    finished = Finished()
    todo: deque[Story | _Ask | Card] = deque(
        story if story[1] else story[0] for story in plan
    )  # a Card: an article alone in its story
    asking: dict[Future, _Ask | Extracted] = {}
    working: set[Future] = set()  # pair comparisons, in the pool or on a thread
    lines: dict[str, AuditDocument] = {}
    threads = ThreadPoolExecutor(PER_ARTICLE_THREADS, thread_name_prefix="factcheck-pair")

    def by_rules(ask: _Ask) -> None:
        for card, name in ask.members:
            working.add(
                finished.watch(
                    pool.submit(
                        compare_or_ask, _filed(ask.reference), _filed(card), report_dir, name, False
                    )
                )
            )

    def per_article(ask: _Ask) -> None:
        reference = ask.items[ask.reference.path]
        for card, name in ask.members:
            work = threads.submit(
                _per_article, backend, reference, ask.items[card.path], report_dir, name
            )
            working.add(finished.watch(work))

    def begin(job: Story | _Ask | Card) -> None:
        if isinstance(job, Card):  # alone: read by the model for its disclosures only
            if not llm.available():
                return
            item = fetch(*_filed(job))
            backend.note_language(_document(item))
            pending = extractor.start(_document(item))
            if pending is not None:
                asking[finished.watch(pending)] = item
            return
        if isinstance(job, tuple):  # a story: its requests, first in line
            reference, others, names = job
            items = {c.path: fetch(*_filed(c)) for c in (reference, *others)}
            for item in items.values():
                backend.note_language(_document(item))
            members = sorted(zip(others, names, strict=True), key=_oldest_first)
            documents = [_document(items[card.path]) for card, _ in members]
            batches = stories(_document(items[reference.path]), documents)
            todo.extendleft(
                _Ask(reference, [members[i] for i in batch], items) for batch in reversed(batches)
            )
            return
        if not llm.available():
            by_rules(job)
            return
        ref_document = _document(job.items[job.reference.path])
        documents = [_document(job.items[card.path]) for card, _ in job.members]
        joint = llm.start(llm_joint(ref_document, documents, llm.chain, llm.prompts))
        asking[finished.watch(joint)] = job

    def fill() -> None:
        while todo and len(asking) < ahead:
            begin(todo.popleft())

    def answered(ask: _Ask, pending: Future[JointAnswer | None]) -> None:
        answer = llm.wait(pending)  # None: failed (the rules carry on), or too long
        if answer is None:
            if pending.exception() is not None or not llm.available():
                by_rules(ask)
            elif len(ask.members) > 1:  # fewer candidates at a time
                half = len(ask.members) // 2
                todo.appendleft(dataclasses.replace(ask, members=ask.members[half:]))
                todo.appendleft(dataclasses.replace(ask, members=ask.members[:half]))
            else:
                per_article(ask)
            return
        left_out = []
        for index, (card, name) in enumerate(ask.members):
            if not answer.answered(index):
                left_out.append((card, name))
                continue
            work = pool.submit(
                compare_answered,
                _filed(ask.reference),
                _filed(card),
                answer.completion,
                index,
                report_dir,
                name,
            )
            working.add(finished.watch(work))
        if left_out:
            again = dataclasses.replace(ask, members=left_out, again=True)
            if ask.again:
                per_article(again)
            else:
                todo.appendleft(again)

    def amend(card: Card, flags: tuple[Disclosure, ...]) -> AuditDocument | None:
        line = lines.get(card.path, card.document)
        added = tuple(f for f in flags if f not in line.flags)
        if not added:
            return None
        line = lines[card.path] = dataclasses.replace(line, flags=line.flags + added)
        return line

    cards = {c.path: c for story in plan for c in (story[0], *story[1])}
    try:
        fill()
        while asking or working or todo:
            if not asking and not working:
                fill()
                continue
            future = finished.next()
            job = asking.pop(future, None)
            if isinstance(job, _Ask):
                answered(job, future)
            elif isinstance(job, Extracted):
                found = extractor.finish(future)
                if found is not None:
                    line = amend(cards[job.path], disclosures(merge(list(job.facts), found)))
                    if line is not None:
                        yield line
            else:
                working.discard(future)
                outcome = future.result()
                if isinstance(outcome, Joined):
                    llm.count_dropped(outcome.dropped)
                    yield outcome.pairs
                    for path, flags in (
                        (outcome.pairs[0].reference, outcome.reference_flags),
                        (outcome.pairs[0].candidate, outcome.member_flags),
                    ):
                        line = amend(cards[path], flags)
                        if line is not None:
                            yield line
                else:
                    yield outcome
            fill()
    finally:
        for pending in (*asking, *working):
            pending.cancel()
        threads.shutdown(wait=True, cancel_futures=True)


def _per_article(
    backend: Backend, reference: Extracted, member: Extracted, report_dir: str | None, name: str
) -> Joined:
    """A pair asked the per-article way: each article's facts, then a judgement."""
    assert reference.document is not None and member.document is not None
    ref = dataclasses.replace(
        reference, facts=tuple(backend.extract(reference.document, list(reference.facts)))
    )
    cand = dataclasses.replace(
        member, facts=tuple(backend.extract(member.document, list(member.facts)))
    )
    pairs = compare_group(ref, [cand], report_dir, [name], backend=backend)
    return Joined(pairs, disclosures(ref.facts), disclosures(cand.facts), 0)
