"""Report renderers: plain functions from a Comparison (or an AuditResult) to text.

    to_terminal   rich, rendered into a string (fixed width, colour optional)
    to_json       the `factcheck/report@1` document (report_dict for the dict)
    to_markdown   for tickets and chat
    to_html       one self-contained page, articles side by side, evidence linked both ways

Nothing here writes files or prints; the CLI does. rich is imported only when a terminal view is
rendered.
"""

from __future__ import annotations

from collections.abc import Callable

from factcheck.models import Comparison
from factcheck.report.audit_html import audit_to_html
from factcheck.report.audit_json import audit_dict, audit_to_json
from factcheck.report.audit_text import audit_to_markdown, audit_to_terminal
from factcheck.report.html import to_html
from factcheck.report.json_doc import report_dict, to_json
from factcheck.report.markdown import to_markdown
from factcheck.report.names import default_report_name
from factcheck.report.schema import load_schema, validate
from factcheck.report.terminal import to_terminal


def _terminal(c: Comparison) -> str:
    # A saved terminal report is plain text at a width that reads well in an editor.
    return to_terminal(c, width=100, color=False)


RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "terminal": _terminal,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
}
SUFFIX: dict[str, str] = {"json": ".json", "markdown": ".md", "html": ".html", "terminal": ".txt"}

__all__ = [
    "RENDERERS",
    "SUFFIX",
    "audit_dict",
    "audit_to_html",
    "audit_to_json",
    "audit_to_markdown",
    "audit_to_terminal",
    "default_report_name",
    "load_schema",
    "report_dict",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
    "validate",
]
