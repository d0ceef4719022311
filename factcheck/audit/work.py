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
from factcheck.models import AuditDocument, Comparison, Disclosure, Document, Fact, PairResult

if TYPE_CHECKING:
    from factcheck.backend import Backend
    from factcheck.compare.story import Profile


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


@dataclass(frozen=True, slots=True)
class Card:
    """What an audit's main process keeps of one article it has read: the line it reports,
    the profile it is grouped by, and where the article itself was filed (`factcheck.audit.shelf`).
    """

    path: str
    document: AuditDocument  # its documents.jsonl line (the story it joins is not known yet)
    profile: Profile | None  # None: the article cannot be used (see document.error)
    shelf: str | None = None  # the file holding the article, when filed
    row: tuple[str, str] | None = None  # a fresh extraction's cache row (document, facts)
    reused: bool = False  # read from the extraction cache
    article: Extracted | None = None  # the article itself, when not filed (Dask keeps it)


def card_of(
    item: Extracted, shelf: str | None, row: tuple[str, str] | None = None, reused: bool = False
) -> Card:
    """`item`'s card; `shelf` None keeps the article in it."""
    from factcheck.compare.story import profile

    document = item.document
    if document is None:
        return Card(item.path, AuditDocument(path=item.path, error=item.error), None)
    flags = tuple(
        Disclosure(f.disclosure or "ai_written", f.evidence)
        for f in item.facts
        if f.kind == "disclaimer"
    )
    line = AuditDocument(
        path=item.path,
        language=document.language,
        title=document.title,
        published=document.published,
        sha256=document.sha256,
        flags=flags,
    )
    kept = None if shelf else item
    return Card(item.path, line, profile(document, item.facts), shelf, row, reused, kept)


def read_batch(
    items: list[tuple[str, str | None]], max_bytes: int, cache: str | None, shelf: str | None
) -> list[Card]:
    """Read each (path, cache key) of a batch: from the extraction cache at `cache` when it
    holds the key, else loaded and rules-extracted (with the cache row to store). Usable
    articles are filed in the `shelf` folder; with `shelf` None each card keeps its article.
    """
    from factcheck.audit.cache import from_row, stored_rows, to_row
    from factcheck.audit.shelf import put_away

    stored = stored_rows(cache, [key for _, key in items if key]) if cache else {}
    read: list[tuple[Extracted, tuple[str, str] | None, bool]] = []
    for path, key in items:
        hit = stored.get(key) if key else None
        if hit is not None:
            document, facts = from_row(hit)
            read.append((Extracted(path, document, tuple(facts)), None, True))
            continue
        item = extract_one(path, max_bytes)
        row = None
        if key and item.document is not None:
            row = to_row(item.document, item.facts)
        read.append((item, row, False))
    file = None
    if shelf is not None:
        file = put_away(shelf, [item for item, _, _ in read if item.document is not None])
    return [card_of(item, file, row, reused) for item, row, reused in read]


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


def _usable(item: Extracted) -> tuple[Document, tuple[Fact, ...]]:
    assert item.document is not None
    return item.document, item.facts


Filed = tuple[str, str]  # (shelf file, path): an article `read_batch` filed


def compare_filed(
    reference: Filed,
    members: list[Filed],
    report_dir: str | None,
    names: list[str],
    backend: Backend | None = None,
) -> list[PairResult]:
    """`compare_group` on articles read back from the shelf files they were filed in."""
    from factcheck.audit.shelf import fetch

    return compare_group(
        fetch(*reference), [fetch(*m) for m in members], report_dir, names, backend
    )


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

    if backend is None:  # the rules: the reference is read once for the whole story
        from factcheck.compare import compare_each

        assert reference.document is not None
        comparisons = compare_each(
            reference.document, reference.facts, (_usable(m) for m in members)
        )
    else:
        comparisons = (compare_pair(reference, member, backend) for member in members)
    results = []
    for member, name, comparison in zip(members, names, comparisons, strict=True):
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
