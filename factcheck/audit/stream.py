"""An audit's results written as they finish: `documents.jsonl` and `pairs.jsonl`.

Every finished extraction appends a line to documents.jsonl and every finished comparison one to
pairs.jsonl, so the audit's main process holds no pair results while comparisons run, and an
audit stopped half-way leaves what it finished readable. `audit.json` and the indexes are built
from these two files at the end. The lines have the shapes of audit.json's `documents` and
`pairs` entries (a pair line also carries its story's `group`; a document line has no group yet:
stories are formed after every article is read).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from factcheck.models import AuditDocument, Disclosure, Evidence, PairResult

DOCUMENTS = "documents.jsonl"
PAIRS = "pairs.jsonl"
FLUSH_EVERY_S = 1.0


def _line(record: dict[str, Any]) -> str:
    from factcheck.report.names import escape_surrogates

    return escape_surrogates(json.dumps(record, ensure_ascii=False)) + "\n"


class AuditStream:
    """The two result files of one audit, open for appending while it runs (from two threads
    in an LLM audit: the one reading articles, the one comparing pairs)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self._documents: IO[str] = open(folder / DOCUMENTS, "w", encoding="utf-8")  # noqa: SIM115
        self._pairs: IO[str] = open(folder / PAIRS, "w", encoding="utf-8")  # noqa: SIM115
        self._flushed = time.monotonic()
        self._lock = threading.Lock()
        self.pair_count = 0

    def add_documents(self, documents: Iterable[AuditDocument]) -> None:
        from factcheck.report.audit_json import document_dict

        lines = []
        for document in documents:
            record = document_dict(document)
            del record["group"]  # not known until every article is read
            lines.append(_line(record))
        with self._lock:
            self._documents.writelines(lines)
            self._maybe_flush()

    def add_pairs(self, group: int, pairs: Iterable[PairResult]) -> None:
        from factcheck.report.audit_json import pair_dict

        lines = [_line({"group": group, **pair_dict(pair)}) for pair in pairs]
        with self._lock:
            self._pairs.writelines(lines)
            self.pair_count += len(lines)
            self._maybe_flush()

    def _maybe_flush(self) -> None:
        # Whole lines reach the file about once a second: readable while the audit runs,
        # without a system call per result.
        now = time.monotonic()
        if now - self._flushed >= FLUSH_EVERY_S:
            self._documents.flush()
            self._pairs.flush()
            self._flushed = now

    def close(self) -> None:
        self._documents.close()
        self._pairs.close()

    def __enter__(self) -> AuditStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_documents(folder: Path) -> Iterator[AuditDocument]:
    """The documents of `folder/documents.jsonl`, in the order they finished."""
    for record in _records(folder / DOCUMENTS):
        published = record["published"]
        yield AuditDocument(
            path=record["path"],
            language=record["language"],
            title=record["title"],
            published=dt.date.fromisoformat(published) if published else None,
            sha256=record["sha256"],
            flags=tuple(
                Disclosure(flag["disclosure"], Evidence(**flag["evidence"]))
                for flag in record["flags"]
            ),
            error=record["error"],
        )


def read_pairs(folder: Path) -> Iterator[tuple[int, PairResult]]:
    """(story id, pair) for each line of `folder/pairs.jsonl`, in the order they finished."""
    for record in _records(folder / PAIRS):
        yield (
            record["group"],
            PairResult(
                reference=record["reference"],
                candidate=record["candidate"],
                verdict=record["verdict"],
                counts=record["counts"],
                report=record["report"],
                worst=record["worst"],
            ),
        )


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


__all__ = ["DOCUMENTS", "PAIRS", "AuditStream", "read_documents", "read_pairs"]
