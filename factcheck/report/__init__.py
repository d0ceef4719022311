"""Report renderers: plain functions from a Comparison (or an AuditResult) to text.

    to_terminal   rich, rendered into a string (fixed width, colour optional)
    to_json       the `factcheck/report@1` document (report_dict for the dict)
    to_markdown   for tickets and chat
    to_html       one self-contained page, articles side by side, evidence linked both ways

Nothing here writes files or prints; the CLI does. rich is imported only when a terminal view is
rendered.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Each renderer's module is imported when it is first asked for: a one-off `compare --format
# json` need not import the HTML and audit views (a measurable share of its start-up).
_HOMES = {
    "audit_to_html": "audit_html",
    "audit_dict": "audit_json",
    "audit_to_json": "audit_json",
    "audit_to_markdown": "audit_text",
    "audit_to_terminal": "audit_text",
    "to_html": "html",
    "report_dict": "json_doc",
    "to_json": "json_doc",
    "to_markdown": "markdown",
    "default_report_name": "names",
    "load_schema": "schema",
    "validate": "schema",
    "to_terminal": "terminal",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def _lazy(name: str) -> Callable[[Comparison], str]:
    def render(c: Comparison) -> str:
        renderer: Callable[[Comparison], str] = __getattr__(name)
        return renderer(c)

    render.__name__ = render.__qualname__ = name
    render.__doc__ = f"`{name}`, imported on first use."
    return render


def _terminal(c: Comparison) -> str:
    # A saved terminal report is plain text at a width that reads well in an editor.
    to_terminal: Callable[..., str] = __getattr__("to_terminal")
    return to_terminal(c, width=100, color=False)


RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "terminal": _terminal,
    "json": _lazy("to_json"),
    "markdown": _lazy("to_markdown"),
    "html": _lazy("to_html"),
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
