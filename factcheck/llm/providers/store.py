"""A local SQLite file: every LLM attempt (for `factcheck log`) and a cache of good answers.

WAL mode plus a busy timeout lets several factcheck processes (parallel audits) write at once.
Only what a request and its answer contain is stored: never a key or an Authorization header.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.llm.providers.base import Completion, Provider, Request, prepare
from factcheck.llm.providers.usage import Usage

FILENAME = "factcheck.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    time REAL NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    status TEXT NOT NULL,
    error_kind TEXT,
    latency_ms INTEGER,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL
);
CREATE TABLE IF NOT EXISTS cache (
    key TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
"""


_BUSY_S = 30.0


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL once; it stays WAL for every later connection.

    The switch needs the file to itself, and SQLite answers "database is locked" at once (without
    waiting out the busy timeout) when another process opens or writes the new file at that moment,
    so a lost race is retried with a growing pause until the busy timeout is spent.
    """
    deadline = time.monotonic() + _BUSY_S
    pause = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


def default_path(env: Mapping[str, str] | None = None) -> Path:
    """$FACTCHECK_HOME/factcheck.sqlite3, else the same file in the user cache directory."""
    from factcheck.paths import state_dir

    return state_dir(env) / FILENAME


def cache_key(kind: str, model: str, base_url: str | None, request: Request) -> str:
    """sha256 over who answers and everything that shapes the answer."""
    payload = {
        "provider": kind,
        "model": model,
        "base_url": base_url or "",
        "prompt_version": request.prompt_version,
        "schema_name": request.schema_name,
        "schema": request.schema,
        "system": request.system,
        "messages": [[m.role, m.content] for m in request.messages],
        "max_output_tokens": request.max_output_tokens,
        "temperature": request.temperature,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Attempt:
    """One logged call (or cache hit)."""

    time: float
    provider: str
    model: str
    status: str  # "ok", "error" or "cache_hit"
    error_kind: str | None
    latency_ms: int | None
    input_tokens: int
    output_tokens: int
    cost_usd: float | None


@dataclass(frozen=True, slots=True)
class Totals:
    """Everything the log holds, summed."""

    calls: int
    failures: int
    cache_hits: int
    input_tokens: int
    output_tokens: int
    cost_usd: float


class Store:
    """The attempts log and the answer cache in one SQLite file."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None

    def open(self) -> None:
        """Open (or create) the file now rather than at the first read or write."""
        with self._lock:
            self._db()

    def _db(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=_BUSY_S, check_same_thread=False)
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
            self._conn = conn
        return self._conn

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._lock:
            db = self._db()
            with db:  # one short transaction per write keeps other processes unblocked
                db.execute(sql, params)

    def log_attempt(
        self,
        *,
        provider: str,
        model: str,
        status: str,
        error_kind: str | None = None,
        latency_s: float | None = None,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cost_usd: float | None = None,
    ) -> None:
        """Record one attempt."""
        latency_ms = None if latency_s is None else round(latency_s * 1000)
        self._write(
            "INSERT INTO attempts (time, provider, model, status, error_kind, latency_ms,"
            " input_tokens, output_tokens, cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (time.time(), provider, model, status, error_kind, latency_ms,
             input_tokens, output_tokens, cost_usd),
        )  # fmt: skip

    def get(self, key: str) -> Completion | None:
        """The cached answer under `key`, marked cached."""
        with self._lock:
            row = (
                self._db()
                .execute(
                    "SELECT data, provider, model, input_tokens, output_tokens FROM cache WHERE key = ?",
                    (key,),
                )
                .fetchone()
            )
        if row is None:
            return None
        return Completion(
            data=json.loads(row[0]),
            provider=row[1],
            model=row[2],
            input_tokens=row[3],
            output_tokens=row[4],
            cached=True,
            latency_s=0.0,
        )

    def put(self, key: str, completion: Completion) -> None:
        """Cache a validated answer."""
        self._write(
            "INSERT OR REPLACE INTO cache (key, data, provider, model, input_tokens,"
            " output_tokens, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (key, json.dumps(completion.data, ensure_ascii=False), completion.provider,
             completion.model, completion.input_tokens, completion.output_tokens, time.time()),
        )  # fmt: skip

    def recent(self, limit: int = 20) -> list[Attempt]:
        """The latest attempts, newest first."""
        with self._lock:
            rows = (
                self._db()
                .execute(
                    "SELECT time, provider, model, status, error_kind, latency_ms, input_tokens,"
                    " output_tokens, cost_usd FROM attempts ORDER BY time DESC, id DESC LIMIT ?",
                    (limit,),
                )
                .fetchall()
            )
        return [Attempt(*row) for row in rows]

    def totals(self) -> Totals:
        """Calls, failures, cache hits, tokens and estimated cost over the whole log."""
        with self._lock:
            row = (
                self._db()
                .execute(
                    "SELECT"
                    " COALESCE(SUM(status != 'cache_hit'), 0),"
                    " COALESCE(SUM(status = 'error'), 0),"
                    " COALESCE(SUM(status = 'cache_hit'), 0),"
                    " COALESCE(SUM(CASE WHEN status != 'cache_hit' THEN input_tokens END), 0),"
                    " COALESCE(SUM(CASE WHEN status != 'cache_hit' THEN output_tokens END), 0),"
                    " COALESCE(SUM(cost_usd), 0.0)"
                    " FROM attempts"
                )
                .fetchone()
            )
        return Totals(*row)

    def close(self) -> None:
        """Close the connection (a later call reopens it)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class CachedProvider:
    """Serves a cached answer from any provider of the chain before asking `inner` at all."""

    def __init__(
        self, inner: Provider, store: Store, enabled: bool = True, usage: Usage | None = None
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.model = inner.model
        self.store = store
        self.enabled = enabled
        self.usage = usage if usage is not None else Usage()
        # A fallback's members are the ones that may have answered before.
        members = getattr(inner, "providers", None) or [inner]
        self._identities = [(p.name, p.model, getattr(p, "base_url", None)) for p in members]
        # Requests on their way, by the first member's cache key: an identical request made
        # meanwhile (an audit's workers judging the same claim) waits for that answer instead
        # of paying for a second call. All requests of a session run on one event loop.
        self._in_flight: dict[str, asyncio.Future[Completion | None]] = {}

    async def complete(self, request: Request) -> Completion:
        """The cached answer when there is one, else inner's answer (then cached)."""
        if not self.enabled:
            return await self.inner.complete(request)
        for kind, model, base_url in self._identities:
            hit = self.store.get(cache_key(kind, model, base_url, request))
            if hit is not None:
                self.usage.cache_hits += 1
                self.store.log_attempt(provider=kind, model=model, status="cache_hit")
                return hit
        flight = cache_key(*self._identities[0], request)
        pending = self._in_flight.get(flight)
        if pending is not None:
            shared = await asyncio.shield(pending)
            if shared is not None:
                self.usage.cache_hits += 1
                return shared
            # The request it waited for failed: this one tries for itself.
        return await self._ask(flight, request)

    async def _ask(self, flight: str, request: Request) -> Completion:
        """inner's answer, cached and handed to identical requests that wait for it."""
        future: asyncio.Future[Completion | None] = asyncio.get_running_loop().create_future()
        self._in_flight[flight] = future
        completion = None
        try:
            completion = await self.inner.complete(request)
            for kind, model, base_url in self._identities:
                if (kind, model) == (completion.provider, completion.model):
                    self.store.put(cache_key(kind, model, base_url, request), completion)
                    break
            return completion
        finally:
            del self._in_flight[flight]
            future.set_result(completion)  # None when it failed or was cancelled

    async def prepare(self) -> None:
        """Get the inner provider ready for its first request, and open the cache file
        meanwhile (in a thread: the first request would otherwise create it on the loop)."""
        opened = asyncio.create_task(asyncio.to_thread(self.store.open))
        await prepare(self.inner)
        await opened

    async def aclose(self) -> None:
        """Close the inner provider."""
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()
