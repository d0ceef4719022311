"""Where an audit keeps the articles it has read, off its main process's heap.

An article's document and facts (about 25 KB in memory) are needed twice: when its story
profile is formed, right after it is read, and when it is compared with its story's
reference, after every article is grouped. In between, a 100,000-article audit would hold
2.5 GB of them. Instead the process that read an article files it here, in a SQLite file of
its own inside a folder of the run (so no writer ever waits on another), and the comparison
that needs it reads it back by path.

Values are pickled: unlike the extraction cache, this folder is created by the run, readable
by its user only, and removed when the run ends, so it is never a way in for another user.
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from factcheck.audit.work import Extracted

try:
    import fcntl
except ImportError:  # no flock here: shelves are then never swept
    fcntl = None  # type: ignore[assignment]

# Paths as bytes: a file name may hold bytes that are not UTF-8 (kept as surrogates in `str`).
_SCHEMA = "CREATE TABLE IF NOT EXISTS articles (path BLOB PRIMARY KEY, record BLOB NOT NULL)"

# One writer per (folder, process); readers per (file, thread): a sqlite3 connection belongs
# to the thread that opened it.
_writers: dict[tuple[str, int], tuple[sqlite3.Connection, str, threading.Lock]] = {}
_writers_lock = threading.Lock()
_readers = threading.local()


def put_away(folder: str, items: Iterable[Extracted]) -> str:
    """File `items` (usable articles) in this process's file in `folder`; that file's path."""
    connection, file, lock = _writer(folder)
    rows = [(os.fsencode(item.path), pickle.dumps(item, pickle.HIGHEST_PROTOCOL)) for item in items]
    with lock:
        connection.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", rows)
        connection.commit()
    return file


def fetch(file: str, path: str) -> Extracted:
    """The article at `path` that `put_away` filed in `file`."""
    connections: dict[str, sqlite3.Connection] = _readers.__dict__.setdefault("open", {})
    connection = connections.get(file)
    if connection is None:
        connection = connections[file] = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    row = connection.execute(
        "SELECT record FROM articles WHERE path = ?", (os.fsencode(path),)
    ).fetchone()
    if row is None:
        raise LookupError(f"{path}: not filed in {file}")
    item = pickle.loads(row[0])
    assert isinstance(item, Extracted)
    return item


def _writer(folder: str) -> tuple[sqlite3.Connection, str, threading.Lock]:
    key = (folder, os.getpid())
    with _writers_lock:
        found = _writers.get(key)
        if found is None:
            file = str(Path(folder) / f"articles-{os.getpid()}.sqlite3")
            connection = sqlite3.connect(file, check_same_thread=False, isolation_level=None)
            # Scratch data of one run: a crash loses the run anyway, so no journal to sync.
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute(_SCHEMA)
            connection.isolation_level = "DEFERRED"  # executemany runs in one transaction
            found = _writers[key] = (connection, file, threading.Lock())
        return found


PREFIX = "factcheck-articles-"
_STAGING = "factcheck-shelf-new-"  # a shelf's name until its lock is held (see `Shelf`)
LOCK = "lock"


class Shelf:
    """The run's folder of filed articles: created private, removed with every file in it.

    A run killed with SIGKILL cannot remove its folder, which holds every article it read
    (gigabytes for a large archive). So the run holds a lock on a file inside it while it
    lives (the kernel lets go of it when the process dies, however it dies), and the next run
    of the same user removes every shelf whose lock it can take (`sweep`). A lock, not the
    process's number: a /tmp shared by containers sees processes it cannot see. The folder
    takes its final name only once the lock is held, so a sweep never meets a shelf in the
    making."""

    def __init__(self, parent: str | None = None) -> None:
        parent = parent or tempfile.gettempdir()
        sweep(parent)
        staging = tempfile.mkdtemp(prefix=_STAGING, dir=parent)  # private: mode 0700
        self._lock = _hold(os.path.join(staging, LOCK))
        self.folder = os.path.join(parent, PREFIX + os.path.basename(staging)[len(_STAGING) :])
        os.rename(staging, self.folder)

    def close(self) -> None:
        """Close this process's connections to the folder's files, then remove the folder."""
        with _writers_lock:
            for key in [k for k in _writers if k[0] == self.folder]:
                _writers.pop(key)[0].close()
        connections: dict[str, sqlite3.Connection] = _readers.__dict__.get("open", {})
        for file in [f for f in connections if f.startswith(self.folder + os.sep)]:
            connections.pop(file).close()
        shutil.rmtree(self.folder, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __enter__(self) -> Shelf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _hold(path: str) -> int | None:
    """A descriptor of `path` (created) holding its exclusive lock; None where files cannot be
    locked (the shelf is then never swept)."""
    if fcntl is None:
        return None
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        return None
    return descriptor


def sweep(parent: str) -> list[str]:
    """Remove the shelves in `parent` that this user's runs left when they were killed (no
    process holds their lock any more); the folders removed."""
    if fcntl is None:
        return []
    removed: list[str] = []
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat().st_uid != os.getuid():
                continue
            descriptor = os.open(os.path.join(entry.path, LOCK), os.O_RDWR | os.O_NOFOLLOW)
        except OSError:
            continue  # no lock file: not a shelf of this version, left alone
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # its run is alive
        else:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(entry.path)
        finally:
            os.close(descriptor)
    return removed


__all__ = ["Shelf", "fetch", "put_away", "sweep"]
