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


class Shelf:
    """The run's folder of filed articles: created private, removed with every file in it.

    A run killed with SIGKILL cannot remove its folder, which holds every article it read
    (gigabytes for a large archive): the folder is named after the run's process, and the
    next run of the same user removes the folders of runs that are no longer alive."""

    def __init__(self, parent: str | None = None) -> None:
        sweep(parent or tempfile.gettempdir())
        self._folder = tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-", dir=parent)
        self.folder = self._folder.name

    def close(self) -> None:
        """Close this process's connections to the folder's files, then remove the folder."""
        with _writers_lock:
            for key in [k for k in _writers if k[0] == self.folder]:
                _writers.pop(key)[0].close()
        connections: dict[str, sqlite3.Connection] = _readers.__dict__.get("open", {})
        for file in [f for f in connections if f.startswith(self.folder + os.sep)]:
            connections.pop(file).close()
        self._folder.cleanup()

    def __enter__(self) -> Shelf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sweep(parent: str) -> list[str]:
    """Remove the shelf folders in `parent` that this user's runs left when killed (their
    process is gone); the folders removed. A folder whose process still runs, or whose
    number another process now holds, is left alone."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return removed
    for entry in entries:
        owner, _, rest = entry.name.removeprefix(PREFIX).partition("-")
        if entry.name == owner or not owner.isdigit() or not rest:
            continue  # not a shelf, or one named before shelves carried their process
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat().st_uid != os.getuid():
                continue
        except OSError:
            continue
        if _alive(int(owner)):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process holds the number now
    return True


__all__ = ["Shelf", "fetch", "put_away", "sweep"]
