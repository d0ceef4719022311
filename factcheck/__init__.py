"""factcheck: compare news articles, across languages, and report factual discrepancies.

The library API is what the command line calls, one function per command::

    from factcheck import Settings, compare_files, to_markdown

    comparison = compare_files("source.md", "retelling.html", Settings(providers="rules"))
    print(comparison.verdict, [d.kind for d in comparison.discrepancies])
    print(to_markdown(comparison))

`compare_files`, `extract_file` and `load_document` take paths; `run_audit` audits a folder and
writes its reports. Results are frozen dataclasses (`Comparison`, `Discrepancy`, `Evidence`,
`Fact`, `Document`, `AuditResult`); every deliberate error is a `FactcheckError` whose
`exit_code` is the one the command line uses. Names are imported on first use, so `import
factcheck` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "Settings": "factcheck.config",
    "compare_files": "factcheck.pipeline",
    "extract_file": "factcheck.pipeline",
    "load_document": "factcheck.load",
    "run_audit": "factcheck.audit",
    "AuditRun": "factcheck.audit",
    "to_html": "factcheck.report",
    "to_json": "factcheck.report",
    "to_markdown": "factcheck.report",
    "to_terminal": "factcheck.report",
    "AuditResult": "factcheck.models",
    "Comparison": "factcheck.models",
    "Discrepancy": "factcheck.models",
    "Document": "factcheck.models",
    "Evidence": "factcheck.models",
    "Fact": "factcheck.models",
    "Flag": "factcheck.models",
    "RunInfo": "factcheck.models",
    "FactcheckError": "factcheck.errors",
}

if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
    from factcheck.audit import AuditRun, run_audit
    from factcheck.config import Settings
    from factcheck.errors import FactcheckError
    from factcheck.load import load_document
    from factcheck.models import (
        AuditResult,
        Comparison,
        Discrepancy,
        Document,
        Evidence,
        Fact,
        Flag,
        RunInfo,
    )
    from factcheck.pipeline import compare_files, extract_file
    from factcheck.report import to_html, to_json, to_markdown, to_terminal


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (PEP 562)."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "AuditResult",
    "AuditRun",
    "Comparison",
    "Discrepancy",
    "Document",
    "Evidence",
    "Fact",
    "FactcheckError",
    "Flag",
    "RunInfo",
    "Settings",
    "__version__",
    "compare_files",
    "extract_file",
    "load_document",
    "run_audit",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
]
