"""The library entry points the CLI calls: load -> extract -> compare, one function per command.

A path of '-' means standard input, the command-line convention; the article is then named
'<stdin>' in reports. At most one of a comparison's two articles can be read that way.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config import Settings
from factcheck.errors import UsageError
from factcheck.models import Comparison, Document, Fact, RunInfo

if TYPE_CHECKING:
    from factcheck.llm.providers.base import Provider

STDIN = "-"
_log = logging.getLogger(__name__)


def load(path: str | os.PathLike[str], settings: Settings) -> Document:
    """Load one article with the run's size limit; '-' reads standard input."""
    from factcheck.load import load_document, load_stdin

    started = time.perf_counter()
    if str(path) == STDIN:
        document = load_stdin(max_bytes=settings.max_bytes)
    else:
        document = load_document(path, max_bytes=settings.max_bytes)
    _log.info(
        "loaded %s: %s, %s, %d characters, published %s, in %.2f s",
        document.path, document.format, document.language or "language unknown",
        len(document.text), document.published or "unknown", time.perf_counter() - started,
    )  # fmt: skip
    return document


def extract_file(
    path: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    provider: Provider | None = None,
) -> tuple[Document, list[Fact], RunInfo]:
    """The facts of one article, and how the run went (`provider`: see `Backend`)."""
    from factcheck.backend import open_backend

    settings = settings or Settings()
    started = time.perf_counter()
    document = load(path, settings)
    with open_backend(settings, provider) as backend:
        _log.info("backends: %s", ", ".join(backend.backends))
        facts = backend.extract(document)
        run = backend.run_info(time.perf_counter() - started)
    _log.info("%d facts in %s", len(facts), document.path)
    _log.debug("facts in %s: %s", document.path, _count_kinds(facts))
    return document, facts, run


def compare_files(
    reference: str | os.PathLike[str],
    candidate: str | os.PathLike[str],
    settings: Settings | None = None,
    *,
    provider: Provider | None = None,
) -> Comparison:
    """Compare a candidate article with its reference (the source it retells).

    `provider` replaces the configured LLM providers (e.g. a ScriptedProvider in tests)."""
    from factcheck.backend import open_backend

    if str(reference) == STDIN and str(candidate) == STDIN:
        raise UsageError("only one of REFERENCE and CANDIDATE can be '-' (standard input)")
    settings = settings or Settings()
    started = time.perf_counter()
    ref_doc = load(reference, settings)
    cand_doc = load(candidate, settings)
    with open_backend(settings, provider) as backend:
        _log.info("backends: %s", ", ".join(backend.backends))
        comparison = backend.compare(ref_doc, cand_doc)
        run = backend.run_info(time.perf_counter() - started)
    # The comparison's own record may say the judge failed: keep that, add the backend's counts.
    judged = comparison.run
    notices = tuple(dict.fromkeys((*run.notices, *judged.notices)))
    run = dataclasses.replace(run, degraded=run.degraded or judged.degraded, notices=notices)
    for document, facts in (
        (ref_doc, comparison.reference_facts),
        (cand_doc, comparison.candidate_facts),
    ):
        _log.debug("facts in %s: %s", document.path, _count_kinds(facts))
    _log.info(
        "verdict %s: %d findings in %.2f s",
        comparison.verdict, len(comparison.discrepancies), run.seconds,
    )  # fmt: skip
    return dataclasses.replace(comparison, run=run)


def _count_kinds(facts: tuple[Fact, ...] | list[Fact]) -> str:
    """'quote 3, date 2, ...' in order of first appearance (for -vv)."""
    from collections import Counter

    return ", ".join(f"{kind} {n}" for kind, n in Counter(f.kind for f in facts).items()) or "none"


def report_stem(reference: str | os.PathLike[str], candidate: str | os.PathLike[str]) -> str:
    """A filesystem-safe name for a pair's report files ('-' is named 'stdin')."""
    from factcheck.report import default_report_name

    def name(path: str | os.PathLike[str]) -> str:
        return "stdin" if str(path) == STDIN else str(Path(path))

    return default_report_name(name(reference), name(candidate))
