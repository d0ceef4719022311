"""Folder audits: extract every article once, group stories, compare within groups, report.

    discover -> read (cached, in parallel) -> group -> compare (in parallel) -> write reports

Extraction results are stored as they arrive, so an interrupted audit resumes where it stopped.
The main process never holds the articles: the workers that read them file them on the run's
shelf (`factcheck.audit.shelf`) and send back a card each (`work.Card`: its report line and
story profile); grouping works from the profiles, and each comparison reads its articles back.
Results stream to `documents.jsonl` and `pairs.jsonl` as they finish (`factcheck.audit.stream`).
With an LLM, the workers (forked by a fork server) read the articles and compare the pairs, and
every LLM request leaves from this process's event loop. The stories are formed from the rules
profiles once every article is loaded; then each story's reference is asked about with its other
articles (`_audit_by_story`, `factcheck.audit.llm_stories`), or, with `joint_compare` off, each
article is asked about as it loads and each pair compared once the model has answered for both
its articles (`_audit_with_llm`, `factcheck.audit.llm_pairs`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import logging
import os
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.audit.cache import ExtractionCache, extraction_key, rules_fingerprint, to_row
from factcheck.audit.dask_executor import DaskExecutor, open_dask
from factcheck.audit.discover import discover
from factcheck.audit.grouping import group_profiles
from factcheck.audit.llm_pairs import Finished, PairBoard, compare_with_llm
from factcheck.audit.progress import Progress, progress_for
from factcheck.audit.shelf import Shelf, put_away
from factcheck.audit.stream import AuditStream, read_documents, read_pairs
from factcheck.audit.work import (
    Card,
    Extracted,
    card_of,
    compare_filed,
    extract_batch,
    file_sha256,
    read_batch,
)
from factcheck.backend import Backend, open_backend
from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.heap import for_batch_work
from factcheck.models import (
    SEVERITY_RANK,
    AuditDocument,
    AuditError,
    AuditResult,
    PairResult,
    Severity,
    StoryGroup,
)
from factcheck.paths import state_dir

if TYPE_CHECKING:
    from factcheck.compare.story import Profile
    from factcheck.llm.providers.base import Provider

BATCH = 16
T = TypeVar("T")
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditRun:
    """An audit's result and where its reports went."""

    result: AuditResult
    out_dir: Path
    json: str
    color: bool = False  # of the terminal view
    reports_line: bool = True  # the terminal view ends with where the reports are

    @functools.cached_property
    def terminal(self) -> str:
        """The terminal view, drawn when asked for (a large table takes a while to draw)."""
        from factcheck.report import audit_to_terminal
        from factcheck.report.names import visible

        text = audit_to_terminal(self.result, color=self.color)
        if self.reports_line:
            text += f"reports: {visible(str(self.out_dir))}/index.html\n"
        return text

    @property
    def worst(self) -> Severity | None:
        found = [w for w in (p.worst for p in self.result.pairs) if w is not None]
        if not found:
            return None
        return max(found, key=SEVERITY_RANK.__getitem__)


class _InProcess(Executor):
    """Runs tasks at submit time: `--jobs 1`, and the baseline an executor swap must match."""

    def submit(self, fn, /, *args, **kwargs):
        from concurrent.futures import Future

        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        # Lazy, unlike Executor.map: each result is stored before the next task starts.
        return (fn(*args) for args in zip(*iterables, strict=False))


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def start_worker(parent: int) -> None:
    """Process-pool initializer: the collector tuned for extraction and comparison (see
    factcheck.heap), and the worker bound to the audit that started it."""
    for_batch_work()
    die_with_parent(parent)


def start_served_worker(audit: int) -> None:
    """`start_worker` for a worker forked by a fork server: its parent is the server, which
    outlives the audit (each worker holds the pipe whose end would stop it), so the worker
    watches the audit's process itself."""
    for_batch_work()
    threading.Thread(
        target=_watch_process, args=(audit,), name="die-with-audit", daemon=True
    ).start()


def _watch_process(pid: int, every_s: float = 0.5) -> None:
    try:
        handle = os.pidfd_open(pid)  # readable once the process has ended (Linux 5.3+)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        import select

        select.select([handle], [], [])
        os._exit(1)
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:
            pass  # alive, another user's: not ours to signal
        time.sleep(every_s)


def die_with_parent(parent: int) -> None:
    """End this worker when the audit that started it dies.

    A `kill -9` of the audit gives it no chance to stop its pool, and workers left behind keep
    the cores busy. Linux sends SIGTERM on the parent's death (PR_SET_PDEATHSIG); elsewhere a
    daemon thread watches for the worker being handed to another parent.
    """
    if sys.platform.startswith("linux"):
        # The signal follows the death of the thread that forked the worker: the pool forks
        # from the thread that submits work, the audit's main thread.
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass  # no libc prctl here (e.g. a static build): fall back to watching
    threading.Thread(
        target=_watch_parent, args=(parent,), name="die-with-parent", daemon=True
    ).start()


def _watch_parent(parent: int, every_s: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(every_s)
    os._exit(1)


EXECUTORS = ("local", "dask")


def _executor(
    jobs: int, backend: Backend, kind: str = "local", scheduler: str | None = None
) -> Executor:
    if kind == "dask":
        if backend.uses_llm:
            # The backend holds open provider clients and caches: it cannot travel to workers.
            raise UsageError(
                "--executor dask runs the rules backend only; use --provider rules, or the "
                "local executor for LLM audits"
            )
        return open_dask(jobs, scheduler)
    if scheduler:
        raise UsageError("--scheduler needs --executor dask")
    if backend.uses_llm:
        return _served_pool(jobs)
    if jobs <= 1:
        return _InProcess()
    return ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(os.getpid(),))


def _llm_workers(jobs: int) -> int:
    """The worker processes of an LLM audit: its requests wait on the network in this process,
    so more workers than cores would only take turns."""
    return max(min(jobs, os.cpu_count() or 1), 1)


def _served_pool(jobs: int) -> ProcessPoolExecutor:
    """An LLM audit's workers, which read the articles and compare the pairs (its LLM requests
    leave from this process). Forked by a fork server, not by this process: it runs the LLM
    session's event loop, and the SDK is imported in a thread of it meanwhile."""
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    # The fork server imports what every task needs once (it starts with the pool's first
    # task), so that each worker it forks starts with it: for the workers of a later audit of
    # the same process too. "__main__" is the default.
    context.set_forkserver_preload(["__main__", "factcheck.audit.work"])
    return ProcessPoolExecutor(
        _llm_workers(jobs),
        mp_context=context,
        initializer=start_served_worker,
        initargs=(os.getpid(),),
    )


def _batches(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def read_all(
    paths: Sequence[Path],
    settings: Settings,
    executor: Executor,
    *,
    shelf: str | None = None,
    progress: bool = False,
    on_card: Callable[[Card], None] | None = None,
    backend: Backend | None = None,
    on_loaded: Callable[[Extracted], None] | None = None,
) -> tuple[list[Card], int]:
    """Every article loaded and extracted exactly once, reusing what earlier runs stored.

    Returns a card per article in `paths` order (see `Card`) and how many came from the
    cache; `on_card` is called with each as soon as it is ready. Usable articles are filed in
    the `shelf` folder (`factcheck.audit.shelf`), or kept in their cards when it is None.
    The rules path reads in the executor's workers, cache hits included: the main process
    only stores the new cache rows, one commit per finished batch (a kill -9 loses at most
    the batches in hand).

    With an LLM `backend`, `on_loaded` is called with each article as soon as it is loaded and
    rules-read (or read from the cache), before its card, which waits for the model's answer.
    """
    backend_id = f"rules:{rules_fingerprint()}"
    if backend is not None:
        backend_id += "+" + backend.identity
    cache_path = state_dir(settings.env) / "extractions.sqlite3" if settings.use_cache else None
    cache = ExtractionCache(cache_path) if cache_path is not None else None
    cache_file = str(cache_path) if cache_path is not None else None  # what the workers open
    keys: dict[str, str] = {}
    if cache is not None:
        for path in map(str, paths):
            digest = file_sha256(path, settings.max_bytes)
            if digest is not None:
                keys[path] = extraction_key(digest, path, backend_id, settings.max_bytes)
    found: dict[str, Card] = {}
    try:
        with progress_for("extracting", len(paths), enabled=progress and bool(paths)) as bar:
            if backend is not None and backend.llm is not None:
                finished = _read_with_llm(
                    list(map(str, paths)), keys, settings, backend, shelf, executor, on_loaded
                )
            else:
                batches = list(_batches([(str(p), keys.get(str(p))) for p in paths], BATCH))
                finished = executor.map(
                    read_batch,
                    batches,
                    *([value] * len(batches) for value in (settings.max_bytes, cache_file, shelf)),
                )
            for batch in finished:
                if cache is not None:
                    cache.put_rows((keys[c.path], *c.row) for c in batch if c.row is not None)
                for card in batch:
                    profile = card.profile.compact() if card.profile else None
                    found[card.path] = dataclasses.replace(card, row=None, profile=profile)
                    if on_card is not None:
                        on_card(card)
                bar.advance(len(batch), sum(1 for c in batch if c.document.error))
    finally:
        if cache is not None:
            cache.close()
    cards = [found[str(p)] for p in paths]
    return cards, sum(1 for c in cards if c.reused)


def _read_with_llm(
    paths: list[str],
    keys: dict[str, str],
    settings: Settings,
    backend: Backend,
    shelf: str | None,
    executor: Executor | None = None,
    on_loaded: Callable[[Extracted], None] | None = None,
) -> Iterator[list[Card]]:
    """`read_all` with an LLM: cache hits read here, the others through `_extract_with_llm`
    (in `executor` when it is a process pool, else in a pool of its own).
    A degraded LLM run stores nothing: the next run should ask the LLM again."""
    cache = ExtractionCache(state_dir(settings.env) / "extractions.sqlite3") if keys else None
    todo: list[str] = []
    try:
        for path in paths:
            hit = cache.get(keys[path]) if cache is not None and path in keys else None
            if hit is None:
                todo.append(path)
                continue
            item = Extracted(path, hit[0], tuple(hit[1]))
            if on_loaded is not None:
                on_loaded(item)
            yield [card_of(item, put_away(shelf, [item]) if shelf else None, reused=True)]
    finally:
        if cache is not None:
            cache.close()
    if not todo:
        return
    pool = executor if isinstance(executor, ProcessPoolExecutor) else None
    for batch in _extract_with_llm(todo, settings, backend, pool, on_loaded):
        usable = [replace(item, profile=None) for item in batch if item.document is not None]
        file = put_away(shelf, usable) if shelf and usable else None
        store = backend.llm_available()
        yield [
            card_of(
                item,
                file,
                to_row(item.document, item.facts)
                if store and item.path in keys and item.document
                else None,
            )
            for item in batch
        ]


# Articles per task when worker processes load and rules-read for an LLM audit: small, so the
# first requests leave early.
LLM_BATCH = 4


def _extract_with_llm(
    todo: list[str],
    settings: Settings,
    backend: Backend,
    pool: ProcessPoolExecutor | None = None,
    on_loaded: Callable[[Extracted], None] | None = None,
) -> Iterator[list[Extracted]]:
    """Each article loaded and rules-read in a worker process of `pool` (on every core; a pool
    of its own when None), its LLM extraction sent from the session's event loop as soon as it
    is loaded, and merged when the answer comes: the requests wait on the network while the
    cores read the next articles, and the SDK is imported here meanwhile. Yields articles as
    their answers arrive."""
    from factcheck.llm.extract import LLMExtractor, merge

    assert backend.llm is not None
    # The SDK imported while the first articles load: by one worker only until it is ready,
    # since the import is most of a second of CPU that the first request waits on, and more
    # workers starting at once would take that CPU from it.
    ready = backend.llm.prepare()
    extractor = LLMExtractor(backend.llm)
    workers = _llm_workers(settings.worker_count)
    # Articles asked about and not answered yet, at most: enough to keep every request slot of
    # the session busy, few enough that waiting on them stays cheap and loaded articles do not
    # pile up in memory ahead of the network.
    ahead = 4 * max(settings.jobs, 8)
    batches = _batches(todo, LLM_BATCH)
    with contextlib.ExitStack() as owned:
        workers_pool = pool or owned.enter_context(_served_pool(settings.worker_count))
        loading: set[Future] = set()
        asked: dict[Future, Extracted] = {}
        finished = Finished()

        def load_more() -> None:
            slots = 2 * workers if ready is None or ready.done() else 1
            while len(loading) < slots and len(asked) + LLM_BATCH * len(loading) < ahead:
                batch = next(batches, None)
                if batch is None:
                    return
                task = workers_pool.submit(extract_batch, batch, settings.max_bytes, None, True)
                loading.add(finished.watch(task))

        if ready is not None:
            finished.watch(ready)  # its end lets the other workers start loading
        load_more()
        while loading or asked:
            future = finished.next()
            if future is ready:
                pass
            elif future in loading:
                loading.discard(future)
                for item in future.result():
                    if on_loaded is not None:
                        on_loaded(item)
                    if item.document is None:
                        yield [item]
                        continue
                    backend.note_language(item.document)
                    pending = extractor.start(item.document)
                    if pending is None:  # the LLM is resting: the rules' facts stand
                        yield [item]
                    else:
                        asked[finished.watch(pending)] = item
            else:
                item = asked.pop(future)
                found = extractor.finish(future)
                if found is not None:
                    facts = merge(list(item.facts), found)
                    item = dataclasses.replace(item, facts=tuple(facts))
                yield [item]
            load_more()


def _filed(card: Card) -> tuple[str, str]:
    return card.shelf or "", card.path


def _reference_of(members: list[Card], chosen: set[str]) -> Card:
    for member in members:
        if str(Path(member.path).resolve()) in chosen:
            return member

    def order(card: Card) -> tuple[bool, dt.date, str]:
        published = card.document.published
        return (published is None, published or dt.date.max, card.path)

    return min(members, key=order)


def run_audit(
    folder: Path,
    settings: Settings,
    *,
    out: Path | None = None,
    references: Sequence[Path] = (),
    recursive: bool = True,
    progress: bool = False,
    color: bool = False,
    write_pair_reports: bool = True,
    write_reports: bool = True,
    executor: str = "local",
    scheduler: str | None = None,
    provider: Provider | None = None,
) -> AuditRun:
    """Audit `folder` and write its reports; one bad file is an error entry, never the end.

    `write_reports=False` writes no file at all (`audit --format json` without `--out`): the
    JSON then has no pair report paths, and `out_dir` is where the reports would have gone.
    `executor="dask"` runs the tasks on Dask: a LocalCluster of `settings.worker_count`
    processes, or the cluster at `scheduler`; the result is the local executor's. `provider`
    replaces the configured LLM providers (see `Backend`).
    """
    if executor not in EXECUTORS:
        raise UsageError(f"--executor must be one of {', '.join(EXECUTORS)}, got {executor!r}")
    out_dir = out or Path("reports") / f"audit-{dt.datetime.now():%Y%m%d-%H%M%S}"
    with contextlib.ExitStack() as stack:
        if write_reports:
            stream_dir = out_dir
        else:  # the results still stream to disk, to a folder of our own that is then removed
            stream_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="audit-")))
        return _run_audit(
            folder,
            settings,
            out_dir=out_dir,
            stream_dir=stream_dir,
            references=references,
            recursive=recursive,
            progress=progress,
            color=color,
            write_pair_reports=write_pair_reports,
            write_reports=write_reports,
            kind=executor,
            scheduler=scheduler,
            provider=provider,
        )


def _run_audit(
    folder: Path,
    settings: Settings,
    *,
    out_dir: Path,
    stream_dir: Path,
    references: Sequence[Path],
    recursive: bool,
    progress: bool,
    color: bool,
    write_pair_reports: bool,
    write_reports: bool,
    kind: str,
    scheduler: str | None,
    provider: Provider | None = None,
) -> AuditRun:
    from factcheck.files import write_text_atomic
    from factcheck.report import (
        audit_to_html,
        audit_to_json,
        audit_to_markdown,
    )

    started = time.perf_counter()
    paths, errors = discover(folder, recursive=recursive)
    _log.info("%s: %d article(s) to read, %d refused", folder, len(paths), len(errors))
    chosen = {str(p.resolve()) for p in references}

    with (
        open_backend(settings, provider) as backend,
        contextlib.ExitStack() as stack,  # holds the shelf: removed once the workers are gone
        _executor(settings.worker_count, backend, kind, scheduler) as executor,
        AuditStream(stream_dir) as stream,
    ):
        llm = backend if backend.uses_llm else None
        # A cluster elsewhere keeps each article on the worker that read it; here they are filed.
        remote = isinstance(executor, DaskExecutor) and not executor.local
        shelf = None if remote else stack.enter_context(Shelf())
        pair_dir = str(out_dir) if write_pair_reports and write_reports else None
        if llm is not None:
            run = _LLMAudit(
                paths, settings, llm, executor, stream, shelf, chosen, pair_dir, progress, errors
            )
            audit = _audit_by_story if settings.joint_compare else _audit_with_llm
            groups, group_of, reused = audit(run)
        else:
            cards, reused = _read_streamed(
                paths, settings, executor, stream, shelf, progress, errors
            )
            profiles, usable = _profiles_apart(cards)
            del cards
            groups, group_of, plan = _plan(group_profiles(profiles), usable, chosen)
            del usable  # the plan names the articles it needs; the profiles are done with
            futures = [
                executor.submit(
                    compare_filed,
                    _filed(reference),
                    [_filed(m) for m in others],
                    pair_dir,
                    names,
                )
                for reference, others, names in plan
                if others  # one task per group keeps pickling low
            ]
            del plan
            if isinstance(executor, DaskExecutor):
                executor.release_extractions()
            with progress_for("comparing", len(futures), enabled=progress and bool(futures)) as bar:
                _stream_pairs(futures, stream, group_of, bar, executor)
        run_info = backend.run_info(time.perf_counter() - started)
    _log.info(
        "%d stories, %d pairs compared, %d extraction(s) reused, in %.1f s",
        len(groups), stream.pair_count, reused, run_info.seconds,
    )  # fmt: skip

    result = AuditResult(
        root=str(folder),
        documents=_documents_from(stream_dir, paths, group_of),
        groups=tuple(groups),
        pairs=tuple(p for _, p in sorted(read_pairs(stream_dir), key=_pair_order)),
        errors=tuple(sorted(errors, key=lambda e: e.path)),
        run=dataclasses.replace(
            run_info,
            notices=run_info.notices
            + ((f"reused {reused} extraction(s) stored by an earlier run",) if reused else ()),
        ),
    )
    json_text = audit_to_json(result)
    if write_reports:
        write_text_atomic(out_dir / "audit.json", json_text)
        write_text_atomic(out_dir / "index.md", audit_to_markdown(result))
        write_text_atomic(out_dir / "index.html", audit_to_html(result))
    return AuditRun(result, out_dir, json_text, color, reports_line=write_reports)


@dataclass(frozen=True)
class _Planned:
    """The stories of an LLM audit, and the thread comparing their pairs."""

    groups: list[StoryGroup]
    group_of: dict[str, int]
    tasks: int  # pairs to compare
    thread: threading.Thread


def _read_streamed(
    paths: Sequence[Path],
    settings: Settings,
    executor: Executor,
    stream: AuditStream,
    shelf: Shelf | None,
    progress: bool,
    errors: list[AuditError],
    *,
    backend: Backend | None = None,
    on_loaded: Callable[[Extracted], None] | None = None,
    then: Callable[[Card], None] | None = None,
) -> tuple[list[Card], int]:
    """`read_all`, each card's line appended to documents.jsonl as it comes (then handed to
    `then`), and every unusable article added to `errors`."""

    def on_card(card: Card) -> None:
        stream.add_documents([card.document])
        if then is not None:
            then(card)

    cards, reused = read_all(
        paths, settings, executor, shelf=shelf.folder if shelf else None, progress=progress,
        on_card=on_card, backend=backend, on_loaded=on_loaded,
    )  # fmt: skip
    errors += [AuditError(c.path, c.document.error) for c in cards if c.document.error]
    return cards, reused


def _profiles_apart(cards: list[Card]) -> tuple[list[Profile | None], list[Card]]:
    """The usable cards' profiles, and those cards without them: grouping weighs each profile
    and lets its tokens go (the caller drops its own list of the cards)."""
    usable = [card for card in cards if card.profile is not None]
    return [c.profile for c in usable], [dataclasses.replace(c, profile=None) for c in usable]


GroupPlan = tuple[Card, list[Card], list[str]]  # a story's reference, its others, report names


def _plan(
    groups_idx: list[list[int]], usable: list[Card], chosen: set[str]
) -> tuple[list[StoryGroup], dict[str, int], list[GroupPlan]]:
    """The stories (numbered from 1), the story of each article, and each story's reference,
    other members and their pair reports' names (unique in the audit)."""
    from factcheck.report import default_report_name

    groups: list[StoryGroup] = []
    group_of: dict[str, int] = {}
    plan: list[GroupPlan] = []
    used: set[str] = set()
    for number, members_idx in enumerate(groups_idx, start=1):
        members = [usable[i] for i in members_idx]
        reference = _reference_of(members, chosen)
        others = [m for m in members if m is not reference]
        groups.append(StoryGroup(number, tuple(m.path for m in members), reference.path))
        for member in members:
            group_of[member.path] = number
        names = [_unique(default_report_name(reference.path, m.path), used) for m in others]
        plan.append((reference, others, names))
    return groups, group_of, plan


@dataclass(frozen=True)
class _LLMAudit:
    """What an LLM audit reads and compares with, whichever way it asks the model
    (`_audit_by_story`, `_audit_with_llm`); `errors` gets the unreadable articles."""

    paths: list[Path]
    settings: Settings
    backend: Backend
    pool: Executor
    stream: AuditStream
    shelf: Shelf | None
    chosen: set[str]
    pair_dir: str | None
    progress: bool
    errors: list[AuditError]


def _audit_with_llm(run: _LLMAudit) -> tuple[list[StoryGroup], dict[str, int], int]:
    """Read, group and compare with an LLM: each pair begins as soon as the model has answered
    for both its articles, while the others are still being asked about.

    The stories are formed from the rules profiles (`work.rules_profile`) once the last article
    is loaded; the model's answers for the last articles are then still on their way. The
    pairs are compared on a thread of their own (`compare_with_llm`, whose waits hold no
    worker), fed by this one as articles are filed with the model's facts (`PairBoard`).
    Returns the stories, the story of each article and how many extractions were reused;
    adds the unreadable articles to `errors`.
    """
    board = PairBoard()
    loaded: dict[str, Card | None] = {}
    planned: list[_Planned] = []  # once every article is loaded
    compared = [0]  # pairs finished, counted by the comparing thread
    failed: list[BaseException] = []  # what ended the comparing thread early

    def compare(tasks: list[Future], group_of: dict[str, int]) -> None:
        try:
            finished = compare_with_llm(
                tasks,
                run.pool,
                run.backend,
                run.pair_dir,
                ahead=4 * max(run.settings.jobs, 8),  # as for the extractions
                slots=2 * _llm_workers(run.settings.worker_count),  # one running, one queued
            )
            for pairs in finished:
                if pairs:
                    run.stream.add_pairs(group_of[pairs[0].reference], pairs)
                compared[0] += 1
        except BaseException as error:  # re-raised by the reading thread
            failed.append(error)

    def begin() -> None:
        profiles, usable = _profiles_apart(
            [card for p in run.paths if (card := loaded.get(str(p)))]
        )
        groups, group_of, plan = _plan(group_profiles(profiles), usable, run.chosen)
        tasks = [
            board.task(reference.path, member.path, name)
            for reference, others, names in plan
            for member, name in zip(others, names, strict=True)
        ]
        thread = threading.Thread(
            target=compare, args=(tasks, group_of), name="factcheck-pairs", daemon=True
        )
        planned.append(_Planned(groups, group_of, len(tasks), thread))
        thread.start()

    def on_loaded(item: Extracted) -> None:
        card = card_of(item, None) if item.document is not None else None
        loaded[item.path] = (
            dataclasses.replace(card, article=None, profile=card.profile.compact())
            if card and card.profile
            else None
        )
        if len(loaded) == len(run.paths):
            begin()

    def on_card(card: Card) -> None:
        if failed:
            raise failed[0]
        if card.profile is not None:
            board.filed(card.path, _filed(card))

    try:
        _, reused = _read_streamed(
            run.paths, run.settings, run.pool, run.stream, run.shelf, run.progress, run.errors,
            backend=run.backend, on_loaded=on_loaded, then=on_card,
        )  # fmt: skip
        if not planned:  # no article at all
            begin()
        plan = planned[0]
        with progress_for(
            "comparing", plan.tasks, enabled=run.progress and bool(plan.tasks)
        ) as bar:
            shown = 0
            while plan.thread.is_alive():
                plan.thread.join(0.1)
                bar.advance(compared[0] - shown)
                shown = compared[0]
    except BaseException:
        board.cancel()  # the comparing thread stops at its next task
        raise
    if failed:
        raise failed[0]
    return plan.groups, plan.group_of, reused


def _audit_by_story(run: _LLMAudit) -> tuple[list[StoryGroup], dict[str, int], int]:
    """Read, group and compare with an LLM asked story by story (`llm_stories`): every article
    read and rules-extracted by the workers, as without an LLM, then each story's reference
    asked about with its other articles. Returns what `_audit_with_llm` returns."""
    from factcheck.audit.llm_stories import compare_stories

    assert run.backend.llm is not None
    run.backend.llm.prepare()  # the SDK imported while the articles are read
    cards, reused = _read_streamed(
        run.paths, run.settings, run.pool, run.stream, run.shelf, run.progress, run.errors
    )
    profiles, usable = _profiles_apart(cards)
    del cards
    groups, group_of, plan = _plan(group_profiles(profiles), usable, run.chosen)
    pairs = sum(len(others) for _, others, _ in plan)
    updates = compare_stories(
        plan, run.pool, run.backend, run.pair_dir, ahead=4 * max(run.settings.jobs, 8)
    )
    with progress_for("comparing", pairs, enabled=run.progress and bool(pairs)) as bar:
        for update in updates:
            if isinstance(update, AuditDocument):
                run.stream.add_documents([update])  # its line again, with the model's disclosures
                continue
            run.stream.add_pairs(group_of[update[0].reference], update)
            bar.advance()
    return groups, group_of, reused


def _stream_pairs(
    futures: list[Any],
    stream: AuditStream,
    group_of: dict[str, int],
    bar: Progress,
    executor: Executor,
) -> None:
    """Append each group's pair results to pairs.jsonl as it finishes, keeping none of them.

    `as_completed`, not `wait` in a loop: `wait` visits every pending future on each call,
    which over the 4,000 groups of a 100,000-article audit kept the main process a fifth busy
    on a 2-core machine, taken from the workers. Dask's futures: `DaskExecutor.results`."""
    if isinstance(executor, DaskExecutor):
        results = executor.results(list(futures))
    else:
        finished = as_completed(set(futures))  # the set is the generator's own
        results = (future.result() for future in finished)
    futures.clear()  # a finished future (and its results) is dropped once written
    _stream_results(results, stream, group_of, bar)


def _stream_results(
    finished: Iterable[list[PairResult]],
    stream: AuditStream,
    group_of: dict[str, int],
    bar: Progress,
) -> None:
    """Append each task's pair results to pairs.jsonl as it finishes."""
    for pairs in finished:
        if pairs:
            stream.add_pairs(group_of[pairs[0].reference], pairs)
        bar.advance()


def _pair_order(item: tuple[int, PairResult]) -> tuple[int, str]:
    return item[0], item[1].candidate


def _documents_from(
    stream_dir: Path, paths: Sequence[Path], group_of: dict[str, int]
) -> tuple[AuditDocument, ...]:
    """documents.jsonl in discovery order, each with the story it joined. An article whose
    line was written again (with disclosures the model found later) keeps its last line."""
    position = {str(p): i for i, p in enumerate(paths)}
    last = {d.path: d for d in read_documents(stream_dir)}
    documents = sorted(last.values(), key=lambda d: position[d.path])
    return tuple(dataclasses.replace(d, group=group_of.get(d.path)) for d in documents)


def _unique(name: str, used: set[str]) -> str:
    """`name`, or `name-2`, `name-3`... when an earlier pair of the audit already took it."""
    candidate, number = name, 1
    while candidate in used:
        number += 1
        candidate = f"{name}-{number}"
    used.add(candidate)
    return candidate


__all__ = ["AuditRun", "read_all", "run_audit"]
