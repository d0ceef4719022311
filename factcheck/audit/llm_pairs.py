"""The comparisons of an LLM audit: rules in the worker processes, the judge asked from here.

Each pair goes to a worker (`work.compare_or_ask`), which compares it by rules up to the point
where the judge would be asked, and sends back the question; this process sends it from the LLM
session's event loop, and when the answer comes hands it to a worker, which finishes the pair.
A pair with nothing to ask is finished by its first step. So the comparisons use every core, no
worker and no thread waits on the network, and each judgement leaves as soon as its question is
ready rather than when a thread comes free.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from queue import SimpleQueue
from typing import TYPE_CHECKING, TypeVar

from factcheck.audit.work import Answer, Filed, compare_or_ask
from factcheck.errors import FactcheckError
from factcheck.models import PairResult

if TYPE_CHECKING:
    from factcheck.backend import Backend
    from factcheck.compare.judge import JudgeRequest
    from factcheck.llm.judge import LLMJudge


F = TypeVar("F", bound=Future)


@dataclass(frozen=True, slots=True)
class PairTask:
    """One pair to compare: its reference and member as filed, and its report's name."""

    reference: Filed
    member: Filed
    name: str


def compare_with_llm(
    tasks: Sequence[PairTask | Future[PairTask]],
    pool: Executor,
    backend: Backend,
    report_dir: str | None,
    *,
    ahead: int,
    slots: int,
) -> Iterator[list[PairResult]]:
    """Every task's pair result (a list of one), in the order they finish.

    A task given as a future (`PairBoard.task`) is begun once it is done: when the model has
    answered for both its articles, while others are still being read.

    At most `ahead` pairs are in hand at once (compared up to their question, or asked and not
    answered yet): enough to keep every request slot of the session busy while the workers
    compare the next pairs. At most `slots` steps are in the pool at once, a pair's second
    step before any first: a pair whose answer came is finished before new pairs are begun.
    """
    from factcheck.llm.judge import LLMJudge

    assert backend.llm is not None
    judge = LLMJudge(backend.llm)
    finished = Finished()
    todo: deque[PairTask] = deque()  # ready to begin
    waiting: set[Future] = set()  # tasks whose articles are not both filed yet
    for task in tasks:
        if isinstance(task, Future):
            waiting.add(finished.watch(task))
        else:
            todo.append(task)
    in_hand = 0
    answered: deque[tuple[PairTask, Answer]] = deque()  # second steps waiting for the pool
    running: dict[Future, tuple[PairTask, bool]] = {}  # -> (task, is its first step)
    asking: dict[Future, tuple[PairTask, JudgeRequest]] = {}

    def fill_pool() -> None:
        nonlocal in_hand
        while len(running) < slots:
            if answered:
                pair, answer = answered.popleft()
                second = pool.submit(
                    compare_or_ask, pair.reference, pair.member, report_dir, pair.name, True, answer
                )
                running[finished.watch(second)] = (pair, False)
                continue
            if not todo or in_hand >= ahead:
                return
            task = todo.popleft()
            ask = backend.llm_available()  # as `Backend.compare_facts` decides, per pair
            begun = pool.submit(
                compare_or_ask, task.reference, task.member, report_dir, task.name, ask
            )
            running[finished.watch(begun)] = (task, True)
            in_hand += 1

    fill_pool()
    while running or asking or waiting:
        future = finished.next()
        if future in waiting:
            waiting.discard(future)
            todo.append(future.result())  # cancelled when the audit stopped: raises here
        elif future in asking:
            task, request = asking.pop(future)
            in_hand -= 1
            answered.append((task, _answer(judge, request, future)))
        else:
            task, first = running.pop(future)
            outcome = future.result()
            if isinstance(outcome, list):  # finished
                if first:
                    in_hand -= 1
                yield outcome
            else:
                pending = judge.start(outcome)
                if pending is None:  # the LLM may not be asked now: as an empty answer
                    in_hand -= 1
                    answered.append((task, _answer(judge, outcome, None)))
                else:
                    asking[finished.watch(pending)] = (task, outcome)
        fill_pool()


class PairBoard:
    """The pairs of an LLM audit, each handed over once both its articles are filed with the
    model's facts (`task`, `filed`). Used from one thread, the one reading the articles."""

    def __init__(self) -> None:
        self._filed: dict[str, Filed] = {}
        self._waiting: dict[str, list[tuple[Future[PairTask], str, str, str]]] = {}

    def filed(self, path: str, where: Filed) -> None:
        """Article `path` is filed at `where`: the pairs that waited on it alone are ready."""
        self._filed[path] = where
        for entry in self._waiting.pop(path, []):
            self._settle(*entry)

    def task(self, reference: str, member: str, name: str) -> Future[PairTask]:
        """The pair's task, done once both articles are filed (at once if they are)."""
        future: Future[PairTask] = Future()
        self._settle(future, reference, member, name)
        return future

    def cancel(self) -> None:
        """Cancel every task still waiting (the audit stops): its comparisons end too."""
        for entries in self._waiting.values():
            for future, *_ in entries:
                future.cancel()
        self._waiting.clear()

    def _settle(self, future: Future[PairTask], reference: str, member: str, name: str) -> None:
        missing = next((p for p in (reference, member) if p not in self._filed), None)
        if missing is None:
            future.set_result(PairTask(self._filed[reference], self._filed[member], name))
        else:
            self._waiting.setdefault(missing, []).append((future, reference, member, name))


class Finished:
    """Futures in the order they finish, each handed over at once.

    `concurrent.futures.wait(..., FIRST_COMPLETED)` in a loop visits every pending future on
    each call (to hang a waiter on it, then take it off): with the 80 or so futures an LLM audit
    keeps pending, that took a third of a second of the main process's CPU, held from the
    thread that sends the requests."""

    def __init__(self) -> None:
        self._done: SimpleQueue[Future] = SimpleQueue()

    def watch(self, future: F) -> F:
        """`future`, to be handed over by `next` once done."""
        future.add_done_callback(self._done.put)
        return future

    def next(self) -> Future:
        """The next watched future to finish (each once), waiting for it if need be."""
        return self._done.get()


def _answer(judge: LLMJudge, request: JudgeRequest, pending: Future | None) -> Answer:
    """The judge's answer as a worker can take it: a failure the comparison would report (a
    FactcheckError) travels as its text; any other error ends the audit here."""
    try:
        return Answer(judge.finish(request, pending))
    except FactcheckError as error:
        return Answer(failure=str(error))
