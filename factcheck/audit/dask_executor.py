"""Running an audit's tasks on Dask (`--executor dask`): a LocalCluster here, or a cluster elsewhere.

The tasks are the local executor's own (`work.read_batch`, `work.compare_group`): plain
records in, plain records out, files read by path inside the task. So the audit's result does
not depend on where they run, and the main process stays the only one that groups stories,
names the reports and writes the extraction cache (workers read it, where they can see it). A worker on another machine must see the
audited folder (and the report folder) at the same path: a shared filesystem.

`distributed` is imported here only, and only when Dask is asked for.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import logging
import os
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from factcheck.errors import UsageError
from factcheck.heap import for_batch_work

if TYPE_CHECKING:
    from factcheck.audit.work import Card, Extracted
    from factcheck.models import PairResult

EXTRA = "pip install 'factcheck[dask]'"
SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"
CONNECT_TIMEOUT_S = 20

_log = logging.getLogger(__name__)


def scheduler_address(option: str | None, env: Mapping[str, str] | None = None) -> str | None:
    """`--scheduler`, else `$DASK_SCHEDULER_ADDRESS`, else None (start a LocalCluster)."""
    if option:
        return option
    return (os.environ if env is None else env).get(SCHEDULER_VARIABLE) or None


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(f"--executor dask needs Dask, which is not installed: {EXTRA}") from None
    return distributed


class DaskExecutor(cf.Executor):
    """A Dask client seen as a `concurrent.futures` executor, owning the cluster it started.

    `submit` gives standard futures (so `concurrent.futures.as_completed` works on them);
    `map` yields results as tasks finish, not in order.

    On a cluster of its own the workers file the articles they read on this machine, as the
    local executor's do. On a cluster elsewhere articles stay on the workers that read them:
    the main process gathers only their cards
    without the article (`read_batch` gives cards that keep theirs when nothing files them),
    and a comparison is sent where its articles are (their batch's future and index), so they
    travel from worker to worker and never through the scheduler. `release_extractions` lets
    them go once every comparison is submitted (Dask keeps each until the comparisons needing
    it are done).
    """

    def __init__(self, client: Any, cluster: Any = None) -> None:
        self.client = client
        self._cluster = cluster
        # Workers of a cluster started here share this machine's files (`factcheck.audit.shelf`).
        self.local = cluster is not None
        self._located: dict[str, tuple[Any, int]] = {}

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        """A Dask future (not a concurrent one: read its results with `results`)."""
        from factcheck.audit.work import compare_filed

        if fn is compare_filed and args[0][1] in self._located:
            reference, members, *rest = args
            located = [self._located[path] for _, path in members]
            fn, args = compare_located, (self._located[reference[1]], located, *rest)
        # pure=False: the tasks read files, so two calls with equal arguments are not one.
        return self.client.submit(fn, *args, pure=False, **kwargs)

    def results(self, futures: Iterable[Any]) -> Iterator[Any]:
        """The results of `futures` (from `submit`) in the order they finish.

        Gathered by this thread, one call for whatever has finished: not by `as_completed`'s
        `with_results`, nor by the futures of Dask's concurrent.futures executor, whose
        gathers run on the client's loop for each future as it finishes and now and then read
        one connection twice at once when another client of the same process talks to the
        scheduler (a notebook's own, a test's): the audit then waited for ever."""
        gathered = self._gathered(futures)
        del futures  # each future is dropped once its result is yielded
        for _, result in gathered:
            yield result

    def _gathered(self, futures: Iterable[Any]) -> Generator[tuple[Any, Any], None, None]:
        """(future, result) in the order they finish, gathered as `results` says."""
        finished = _distributed().as_completed(futures)
        del futures  # as_completed holds each future until it is yielded, and no longer
        try:
            for done in finished.batches():
                yield from zip(done, self.client.gather(done), strict=True)
        finally:
            finished.clear()  # an interrupted audit leaves no task behind it

    def release_extractions(self) -> None:
        """Forget the workers' extracted articles (submitted comparisons keep what they need)."""
        self._located.clear()

    def map(
        self, fn: Callable[..., Any], *iterables: Iterable[Any], timeout=None, chunksize=1
    ) -> Iterator[Any]:
        from factcheck.audit.work import read_batch

        futures = self.client.map(fn, *iterables, pure=False)
        batches: dict[str, Any] = {}  # the key of a batch's cards without articles -> the batch
        if fn is read_batch:  # the cards come here without their articles
            light = self.client.map(_without_articles, futures, pure=False)
            batches = {cards.key: batch for cards, batch in zip(light, futures, strict=True)}
            futures = light
        finished = self._gathered(futures)  # see `results`
        del futures

        def results() -> Iterator[Any]:
            try:
                for future, result in finished:
                    batch = batches.pop(future.key, None)
                    if batch is not None:
                        for index, card in enumerate(result):
                            if card.profile is not None and card.shelf is None:
                                self._located[card.path] = (batch, index)
                    yield result
            finally:
                finished.close()  # an interrupted audit leaves no task behind it
                batches.clear()

        return results()

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._located.clear()
        self.client.close()  # the scheduler forgets every task this client still held
        if self._cluster is not None:
            self._cluster.close()


def _without_articles(cards: list[Card]) -> list[Card]:
    return [dataclasses.replace(card, article=None) for card in cards]


def compare_located(
    reference: tuple[list[Card], int],
    members: list[tuple[list[Card], int]],
    *rest: Any,
) -> list[PairResult]:
    """`compare_group` on a worker, the articles picked out of the batches Dask brought here."""
    from factcheck.audit.work import compare_group

    return compare_group(_picked(reference), [_picked(m) for m in members], *rest)


def _picked(located: tuple[list[Card], int]) -> Extracted:
    batch, index = located
    article = batch[index].article
    assert article is not None
    return article


def open_dask(jobs: int, scheduler: str | None) -> DaskExecutor:
    """A client of the cluster at `scheduler`, or of a new LocalCluster of `jobs` processes."""
    distributed = _distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as error:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        _log.info("Dask: scheduler %s, %d worker(s)", scheduler, _worker_count(client))
        return DaskExecutor(client)
    cluster = local_cluster(max(jobs, 1))
    client = distributed.Client(cluster)
    # Our own workers collect as the local executor's do; a shared cluster's are left alone.
    client.run(for_batch_work)
    _log.info("Dask: local cluster of %d worker process(es)", max(jobs, 1))
    return DaskExecutor(client, cluster)


def local_cluster(workers: int) -> Any:
    """A LocalCluster of `workers` single-threaded processes, reachable from this machine only."""
    import multiprocessing

    import dask

    distributed = _distributed()
    # Workers forked from a fork server start in a third of the time spawned ones take and
    # stop at once; unlike a plain fork, a fork server is safe in a process running threads.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with dask.config.set({"distributed.worker.multiprocessing-method": method}):
        return _start_local_cluster(distributed, workers)


def _start_local_cluster(distributed: Any, workers: int) -> Any:
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # the rules extractor is pure Python: one thread per process
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,  # no dashboard nobody asked for...
        # ... and the scheduler's small HTTP server on a free port, not 8787, which another
        # cluster on the machine may hold.
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        silence_logs=logging.ERROR,
    )


def _worker_count(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))


__all__ = [
    "EXTRA",
    "SCHEDULER_VARIABLE",
    "DaskExecutor",
    "local_cluster",
    "open_dask",
    "scheduler_address",
]
