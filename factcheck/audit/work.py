"""The units of work of an audit, as pure functions over plain data.

`extract_batch` and `compare_group` take and return picklable values only, so the executor that
runs them can be swapped: a local process pool today, Dask's or Ray's executor for folders that
outgrow one machine (see the README).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config import DEFAULT_MAX_BYTES
from factcheck.errors import FactcheckError, LoadError, ProviderError
from factcheck.models import Comparison, Document, Fact, PairResult

if TYPE_CHECKING:
    from factcheck.backend import Backend


@dataclass(frozen=True, slots=True)
class Extracted:
    """One article after loading and extraction, or the reason it could not be used."""

    path: str
    document: Document | None
    facts: tuple[Fact, ...] = ()
    error: str | None = None


def file_sha256(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """SHA-256 of the raw bytes (the extraction cache key), None when unreadable.

    Read like every input (`read_input`): a FIFO or a file over `max_bytes` gives None here,
    never a blocked or unbounded read, and `extract_one` then reports why it cannot be used.
    """
    from factcheck.load.read import read_input

    try:
        return hashlib.sha256(read_input(path, max_bytes)).hexdigest()
    except LoadError:
        return None


def extract_one(path: str, max_bytes: int, backend: Backend | None = None) -> Extracted:
    """Load and extract one article (rules, or the run's backend); a bad file becomes an error."""
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    try:
        document = load_document(path, max_bytes=max_bytes)
        facts = backend.extract(document) if backend is not None else extract(document)
        return Extracted(path, document, tuple(facts))
    except ProviderError:
        raise  # every backend failed and the chain has no `rules`: the whole run must stop
    except FactcheckError as error:
        return Extracted(path, None, error=getattr(error, "reason", None) or str(error))
    except OSError as error:  # unreadable after discovery: permissions, vanished file
        return Extracted(path, None, error=f"cannot read: {error.strerror or error}")


def extract_batch(
    paths: list[str], max_bytes: int, backend: Backend | None = None
) -> list[Extracted]:
    """`extract_one` over a batch (one task per batch keeps pool overhead small)."""
    return [extract_one(path, max_bytes, backend) for path in paths]


def compare_pair(
    reference: Extracted, candidate: Extracted, backend: Backend | None = None
) -> Comparison:
    """Compare one group member with its reference, exactly as `factcheck compare` does."""
    from factcheck.compare import compare

    ref, cand = reference.document, candidate.document
    assert ref is not None and cand is not None
    if backend is not None:
        return backend.compare_facts(ref, reference.facts, cand, candidate.facts)
    return compare(ref, reference.facts, cand, candidate.facts)


def compare_group(
    reference: Extracted,
    members: list[Extracted],
    report_dir: str | None,
    names: list[str],
    backend: Backend | None = None,
) -> list[PairResult]:
    """Compare every member with the reference; write each pair's HTML report under report_dir."""
    from factcheck.files import write_text_atomic
    from factcheck.report import to_html
    from factcheck.report.audit_html import pair_anchor

    results = []
    for member, name in zip(members, names, strict=True):
        comparison = compare_pair(reference, member, backend)
        report = None
        if report_dir is not None:
            report = f"pairs/{name}.html"
            # The pair report links back to its row in the index, one folder up.
            index = f"../index.html#{pair_anchor(report)}"
            write_text_atomic(Path(report_dir) / report, to_html(comparison, index=index))
        counts: dict[str, int] = {}
        for found in comparison.discrepancies:
            counts[found.kind] = counts.get(found.kind, 0) + 1
        results.append(
            PairResult(
                reference=reference.path,
                candidate=member.path,
                verdict=comparison.verdict,
                counts=counts,
                report=report,
                worst=comparison.worst_severity(),
            )
        )
    return results
