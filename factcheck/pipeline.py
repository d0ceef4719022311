"""The library entry points the CLI calls: load -> extract -> compare, one function per command."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

from factcheck.config import Settings
from factcheck.models import Comparison, Document, Fact, RunInfo


def load(path: str | os.PathLike[str], settings: Settings) -> Document:
    """Load one article with the run's size limit."""
    from factcheck.load import load_document

    return load_document(path, max_bytes=settings.max_bytes)


def extract_file(
    path: str | os.PathLike[str], settings: Settings | None = None
) -> tuple[Document, list[Fact], RunInfo]:
    """The facts of one article, and how the run went."""
    from factcheck.backend import open_backend

    settings = settings or Settings()
    started = time.perf_counter()
    document = load(path, settings)
    with open_backend(settings) as backend:
        facts = backend.extract(document)
        run = backend.run_info(time.perf_counter() - started)
    return document, facts, run


def compare_files(
    reference: str | os.PathLike[str],
    candidate: str | os.PathLike[str],
    settings: Settings | None = None,
) -> Comparison:
    """Compare a candidate article with its reference (the source it retells)."""
    from factcheck.backend import open_backend

    settings = settings or Settings()
    started = time.perf_counter()
    ref_doc = load(reference, settings)
    cand_doc = load(candidate, settings)
    with open_backend(settings) as backend:
        comparison = backend.compare(ref_doc, cand_doc)
        run = backend.run_info(time.perf_counter() - started)
    return dataclasses.replace(comparison, run=run)


def report_stem(reference: str | os.PathLike[str], candidate: str | os.PathLike[str]) -> str:
    """A filesystem-safe name for a pair's report files."""
    from factcheck.report import default_report_name

    return default_report_name(str(Path(reference)), str(Path(candidate)))
