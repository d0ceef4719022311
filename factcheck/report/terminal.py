"""The terminal report: verdict, findings by severity, flags, and which backends produced them."""

from __future__ import annotations

from typing import Any

from factcheck.models import SEVERITIES, Comparison, Document, Evidence
from factcheck.report.console import SEVERITY_STYLE, render
from factcheck.report.names import visible
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    REVIEW_HEADING,
    backends_line,
    degraded_notice,
    doc_label,
    fallback_line,
    findings_sources,
    ordered,
    quoted,
    shorten,
    verdict_sentence,
)

EVIDENCE_CHARS = 90
VERDICT_STYLE = {"consistent": "bold green", "discrepancies": "bold red", "different_story": "bold"}


def _about(role: str, document: Document) -> str:
    parts = [f"{role}: {doc_label(document)}"]
    if document.published:
        parts.append(document.published.isoformat()[:10])
    if document.title:
        parts.append(_shown(shorten(document.title, 70)))
    return "  ".join(parts)


def _quote(evidence: Evidence | None) -> str:
    if evidence is None:
        return "-"
    return _shown(quoted(evidence.text, EVIDENCE_CHARS))


def _shown(text: str) -> str:
    # Article text reaches a terminal: an ESC in it must not become an escape sequence.
    return visible(text, keep_format=True)


def _findings(console: Any, c: Comparison) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    numbered = list(enumerate(ordered(c.discrepancies), start=1))
    for severity in SEVERITIES:
        rows = [(n, d) for n, d in numbered if d.severity == severity]
        if not rows:
            continue
        style = SEVERITY_STYLE[severity]
        table = Table(
            title=Text(f"{severity.upper()} ({len(rows)})", style=style),
            title_justify="left",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            expand=True,
            pad_edge=False,
        )
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("kind", style=style, no_wrap=True)
        table.add_column("finding and evidence", ratio=1, overflow="fold")
        for number, found in rows:
            cell = Text(_shown(found.message))
            cell.append(f"\nref:  {_quote(found.reference)}", style="dim")
            cell.append(f"\ncand: {_quote(found.candidate)}", style="dim")
            table.add_row(str(number), found.kind, cell)
        console.print(table)
        console.print()


def _draw(console: Any, c: Comparison) -> None:
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    console.print(Text(verdict_sentence(c), style=VERDICT_STYLE[c.verdict]))
    for role in ("reference", "candidate"):
        about = Text(_about(role, getattr(c, role)), style="dim")
        console.print(about, no_wrap=True, overflow="ellipsis")
    console.print()
    notice = degraded_notice(c.run)
    if notice:
        console.print(Panel(Text(notice, style="bold yellow"), border_style="yellow"))
        console.print()
    _findings(console, c)
    review = [f for f in c.flags if f.reviewed]
    images = [f for f in c.flags if not f.reviewed]
    for heading, flags in ((REVIEW_HEADING, review), (IMAGES_HEADING, images)):
        if not flags:
            continue
        head, _, tail = heading.partition(":")
        title = f"{head} ({len(flags)}):{tail}" if tail else f"{heading} ({len(flags)})"
        console.print(Text(title, "bold"))
        for flag in flags:
            line = Text(f"{flag.document}, {DISCLOSURE_WORDS[flag.disclosure]}: ")
            line.append(_quote(flag.evidence), style="dim")
            console.print(Padding(line, (0, 0, 0, 2)))
        console.print()
    console.print(Text(f"backends: {backends_line(c.run)}"))
    sources = findings_sources(c)
    if sources:
        console.print(Text(f"findings by: {', '.join(sources)}"))
    for fallback in c.run.fallbacks:
        console.print(Text(f"fallback: {fallback_line(fallback)}", style="yellow"))
    for extra in c.run.notices:
        console.print(Text(f"note: {extra}", style="yellow"))


def to_terminal(c: Comparison, *, width: int | None = None, color: bool | None = None) -> str:
    """The comparison for a terminal; plain text when `color` is False, auto when None."""
    return render(lambda console: _draw(console, c), width=width, color=color)
