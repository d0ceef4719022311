"""The golden files of the terminal and Markdown renderers, and what produces each of them.

Regenerate them all with ONE command, from the repository root:

    .venv/bin/python -m tests.report.regen

then read the diff (`git diff tests/report/golden`) before committing it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from factcheck.report import audit_to_markdown, audit_to_terminal, to_markdown, to_terminal
from tests.report import fixtures

GOLDEN_DIR = Path(__file__).parent / "golden"

GOLDENS: dict[str, Callable[[], str]] = {
    "terminal_discrepancies.txt": lambda: to_terminal(fixtures.COMPARISON, width=80, color=False),
    "terminal_degraded.txt": lambda: to_terminal(fixtures.DEGRADED, width=80, color=False),
    "terminal_consistent.txt": lambda: to_terminal(fixtures.CONSISTENT, width=80, color=False),
    "markdown_discrepancies.md": lambda: to_markdown(fixtures.COMPARISON),
    "markdown_degraded.md": lambda: to_markdown(fixtures.DEGRADED),
    "audit_terminal.txt": lambda: audit_to_terminal(fixtures.AUDIT, width=80, color=False),
    "audit_markdown.md": lambda: audit_to_markdown(fixtures.AUDIT),
}
