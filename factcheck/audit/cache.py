"""The extraction cache that makes audits resumable: facts per document, keyed by content.

A document's facts are stored as soon as they are extracted, so an interrupted audit (Ctrl-C,
kill -9) redoes none of the finished extractions when it runs again. Values are JSON, never
pickle: the cache folder is user-writable and must not become a code-execution path.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from factcheck.models import Document, Fact, Source

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    facts TEXT NOT NULL,
    created REAL NOT NULL
)
"""


@cache
def rules_fingerprint() -> str:
    """A hash of the code and data of the loader and the rules extractor: any change to either
    (a language detected differently, a pattern fixed) invalidates cached facts."""
    digest = hashlib.sha256()
    for name in ("factcheck.load", "factcheck.extract.rules"):
        for entry in sorted(_walk(resources.files(name)), key=lambda e: e.name):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def _walk(folder: Traversable) -> Iterator[Traversable]:
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _walk(entry)
        elif entry.name.endswith((".py", ".json")):
            yield entry


def extraction_key(sha256: str, path: str, backend: str, max_bytes: int) -> str:
    """Cache key of one document's facts under one backend configuration."""
    # A file name may hold bytes that are not UTF-8 (kept as surrogates by os.fsdecode).
    raw = f"{sha256}\0{path}\0{backend}\0{max_bytes}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(raw).hexdigest()


# Field names read once: `dataclasses.asdict` deep-copies every value and was the audit main
# process's largest serial cost when storing thousands of extractions.
_DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Document))
_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact))
_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(Source))


def document_to_json(document: Document) -> str:
    data = {name: getattr(document, name) for name in _DOCUMENT_FIELDS}
    data["published"] = document.published.isoformat() if document.published else None
    text = json.dumps(data, ensure_ascii=False)
    if any("\ud800" <= ch <= "\udfff" for ch in document.path):
        text = json.dumps(data)  # SQLite stores UTF-8: escape the name's undecodable bytes
    return text


def document_from_json(text: str) -> Document:
    data = json.loads(text)
    published = data.pop("published")
    return Document(**data, published=dt.date.fromisoformat(published) if published else None)


def _fact_dict(fact: Fact) -> dict:
    data = {name: getattr(fact, name) for name in _FACT_FIELDS}
    data["source"] = {name: getattr(fact.source, name) for name in _SOURCE_FIELDS}
    return data


def facts_to_json(facts: list[Fact]) -> str:
    return json.dumps([_fact_dict(f) for f in facts], ensure_ascii=False)


def facts_from_json(text: str) -> list[Fact]:
    facts = []
    for data in json.loads(text):
        data["source"] = Source(**data["source"])
        facts.append(Fact(**data))
    return facts


def to_row(document: Document, facts: Sequence[Fact]) -> tuple[str, str]:
    """The (document, facts) JSON the cache stores for one extraction."""
    return document_to_json(document), facts_to_json(list(facts))


def from_row(row: tuple[str, str]) -> tuple[Document, list[Fact]]:
    """The extraction a cache row holds."""
    return document_from_json(row[0]), facts_from_json(row[1])


class ExtractionCache:
    """SQLite table of extracted documents; WAL so that readers never block the writer."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)

    def get(self, key: str) -> tuple[Document, list[Fact]] | None:
        row = self._db.execute(
            "SELECT document, facts FROM extractions WHERE key = ?", (key,)
        ).fetchone()
        return None if row is None else from_row(row)

    def put(self, key: str, document: Document, facts: list[Fact]) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO extractions (key, document, facts, created)"
            " VALUES (?, ?, ?, ?)",
            (key, document_to_json(document), facts_to_json(facts), time.time()),
        )

    def put_many(self, rows: Iterable[tuple[str, Document, list[Fact]]]) -> None:
        """Store several extractions in one transaction (one commit, not one per row)."""
        self.put_rows((key, *to_row(document, facts)) for key, document, facts in rows)

    def put_rows(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store (key, document JSON, facts JSON) rows in one transaction."""
        now = time.time()
        values = [(key, document, facts, now) for key, document, facts in rows]
        if not values:
            return
        self._db.execute("BEGIN")
        try:
            self._db.executemany(
                "INSERT OR REPLACE INTO extractions (key, document, facts, created)"
                " VALUES (?, ?, ?, ?)",
                values,
            )
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()


def stored_rows(path: str, keys: list[str]) -> dict[str, tuple[str, str]]:
    """The (document, facts) JSON the cache at `path` holds for each of `keys` it has, read by
    an audit's worker: a cache it cannot open (absent on this machine, locked, damaged) holds
    nothing, and the article is extracted again."""
    if not keys:
        return {}
    try:
        reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return {}
    try:
        marks = ",".join("?" * len(keys))
        found = reader.execute(
            f"SELECT key, document, facts FROM extractions WHERE key IN ({marks})", keys
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        reader.close()
    return {key: (document, facts) for key, document, facts in found}
