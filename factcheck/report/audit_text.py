"""Audit summaries for the terminal and for Markdown: groups, pair verdicts, review queue, errors."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

from factcheck.models import AuditDocument, AuditResult, Disclosure, PairResult
from factcheck.report.audit_json import pair_counts
from factcheck.report.audit_lookup import lookup
from factcheck.report.console import SEVERITY_STYLE, render
from factcheck.report.markdown import md_escape, md_quote
from factcheck.report.names import visible
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    REVIEW_HEADING,
    backends_line,
    degraded_notice,
    fallback_line,
    shorten,
)


def short_path(path: str, root: str) -> str:
    """`path` relative to the audit folder when it lies inside it, hidden characters escaped."""
    try:
        rel = os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return visible(path)
    return visible(path if rel.startswith("..") else rel)


def counts_text(pair: PairResult) -> str:
    """'missing_quote 2, date_mismatch 1' or '-'."""
    return ", ".join(f"{k} {n}" for k, n in pair_counts(pair).items()) or "-"


def _review(document: AuditDocument) -> tuple[Disclosure, ...]:
    return document.review


def _images(document: AuditDocument) -> tuple[Disclosure, ...]:
    return document.images


def audit_headline(a: AuditResult) -> str:
    """One line: how many files, groups, pairs, flags and errors."""
    read = sum(1 for d in a.documents if d.error is None)
    flagged = sum(1 for d in a.documents if d.review)
    verdicts = Counter(p.verdict for p in a.pairs)
    found = ", ".join(f"{n} {v.replace('_', ' ')}" for v, n in sorted(verdicts.items()))
    return (
        f"{read} article{'s' if read != 1 else ''} in {len(a.groups)} "
        f"stor{'ies' if len(a.groups) != 1 else 'y'}; {len(a.pairs)} pair(s) compared"
        f"{f' ({found})' if found else ''}; {flagged} flagged for review; "
        f"{len(a.errors)} error(s)"
    )


# Past this many pairs the terminal gets a summary; the tables are in index.md/index.html.
TERMINAL_TABLE_PAIRS = 100
SUMMARY_ROWS = 10


def _draw(console: Any, a: AuditResult) -> None:
    from rich.text import Text

    console.print(Text(f"Audit of {visible(a.root)}: {audit_headline(a)}", style="bold"))
    notice = degraded_notice(a.run)
    if notice:
        console.print(Text(notice, style="bold yellow"))
    if len(a.pairs) > TERMINAL_TABLE_PAIRS:
        _draw_summary(console, a)
    else:
        _draw_tables(console, a)
    _draw_review(console, a)
    console.print(Text(f"backends: {backends_line(a.run)}", style="dim"))
    for fallback in a.run.fallbacks:
        console.print(Text(f"fallback: {fallback_line(fallback)}", style="yellow"))


def _draw_summary(console: Any, a: AuditResult) -> None:
    """Counts, and the stories with the most high findings: a large audit's terminal view."""
    from rich.text import Text

    worst = Counter(p.worst or "none" for p in a.pairs)
    console.print()
    console.print(
        Text(
            "pairs by worst finding: "
            + ", ".join(f"{k} {worst[k]}" for k in ("high", "medium", "low", "none") if worst[k])
        )
    )
    high = Counter(p.reference for p in a.pairs if p.worst == "high")
    if high:
        console.print(Text(f"Stories with the most high findings (of {len(high)}):", style="bold"))
        story_of = {g.reference: g.id for g in a.groups}
        for reference, count in high.most_common(SUMMARY_ROWS):
            line = f"  story {story_of[reference]}: {count} high, reference "
            console.print(Text(line + short_path(reference, a.root)))
    console.print(
        Text(f"{len(a.pairs)} pairs: one row each in index.md, index.html and pairs.jsonl.")
    )


def _draw_tables(console: Any, a: AuditResult) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    for group in a.groups:
        ref = short_path(group.reference, a.root)
        console.print()
        if len(group.documents) == 1:
            console.print(Text(f"Story {group.id}: {ref} (alone: no other article tells it)"))
            continue
        console.print(Text(f"Story {group.id}: reference {ref}", style="bold"))
        pairs = lookup(a).pairs.get(group.reference, [])
        members = set(group.documents) - {p.candidate for p in pairs} - {group.reference}
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
        table.add_column("candidate", overflow="fold", ratio=2)
        table.add_column("verdict", no_wrap=True)
        table.add_column("worst", no_wrap=True)
        table.add_column("findings", overflow="fold", ratio=3)
        for pair in pairs:
            worst = Text(pair.worst or "-", style=SEVERITY_STYLE.get(pair.worst or "", ""))
            cand = short_path(pair.candidate, a.root)
            table.add_row(cand, pair.verdict, worst, counts_text(pair))
        for path in sorted(members):
            table.add_row(short_path(path, a.root), "not compared", "-", "-")
        if table.rows:
            console.print(table)


def _draw_review(console: Any, a: AuditResult) -> None:
    from rich.text import Text

    limit = SUMMARY_ROWS if len(a.pairs) > TERMINAL_TABLE_PAIRS else None
    for heading, pick in ((REVIEW_HEADING, _review), (IMAGES_HEADING, _images)):
        flagged = [(d, pick(d)) for d in a.documents if pick(d)]
        if not flagged:
            continue
        console.print()
        console.print(Text(heading, style="bold"))
        for doc, flags in flagged[:limit]:
            line = Text(
                f"  {short_path(doc.path, a.root)}, {DISCLOSURE_WORDS[flags[0].disclosure]}: "
            )
            line.append(f"“{visible(shorten(flags[0].text, 50), keep_format=True)}”", style="dim")
            console.print(line)
        _more(console, len(flagged), limit)
    if a.errors:
        console.print()
        console.print(Text("Errors", style="bold red"))
        for error in a.errors[:limit]:
            console.print(Text(f"  {short_path(error.path, a.root)}: {visible(error.reason)}"))
        _more(console, len(a.errors), limit)


def _more(console: Any, total: int, limit: int | None) -> None:
    from rich.text import Text

    if limit is not None and total > limit:
        console.print(Text(f"  ... and {total - limit} more in index.html and audit.json"))


def audit_to_terminal(
    a: AuditResult, *, width: int | None = None, color: bool | None = None
) -> str:
    """The audit summary for a terminal."""
    return render(lambda console: _draw(console, a), width=width, color=color)


def audit_to_markdown(a: AuditResult) -> str:
    """The audit as Markdown: headline, one table per story, review queue, errors."""
    out = [f"# factcheck audit: {md_escape(visible(a.root))}", "", md_escape(audit_headline(a)), ""]
    notice = degraded_notice(a.run)
    if notice:
        out += [f"> **Warning:** {md_escape(notice)}", ""]
    for group in a.groups:
        out += [f"## Story {group.id}", ""]
        if len(group.documents) == 1:
            alone = md_escape(short_path(group.reference, a.root))
            out += [f"{alone} is alone: no other article tells this story.", ""]
            continue
        out += [f"Reference: {md_escape(short_path(group.reference, a.root))}", ""]
        out += [
            "| Candidate | Verdict | Worst | Findings | Report |",
            "| --- | --- | --- | --- | --- |",
        ]
        for pair in lookup(a).pairs.get(group.reference, []):
            report = f"[report](<{pair.report}>)" if pair.report else "-"
            out.append(
                f"| {md_escape(short_path(pair.candidate, a.root))} | {pair.verdict} | "
                f"{pair.worst or '-'} | {md_escape(counts_text(pair))} | {report} |"
            )
        out.append("")
    for heading, pick in ((REVIEW_HEADING, _review), (IMAGES_HEADING, _images)):
        flagged = [(d, pick(d)) for d in a.documents if pick(d)]
        if not flagged:
            continue
        out += [f"## {heading}", ""]
        for doc, flags in flagged:
            out += [f"**{md_escape(short_path(doc.path, a.root))}**", ""]
            for flag in flags:
                out += [f"`{flag.disclosure}` ({DISCLOSURE_WORDS[flag.disclosure]}):", ""]
                out += [md_quote(flag.text) + "\n"]
    if a.errors:
        out += ["## Errors", ""]
        out += [
            f"- {md_escape(short_path(e.path, a.root))}: {md_escape(visible(e.reason))}"
            for e in a.errors
        ]
        out.append("")
    out += ["## Backends", "", f"- Backends: {md_escape(backends_line(a.run))}"]
    out += [f"- Fallback: {md_escape(fallback_line(f))}" for f in a.run.fallbacks]
    return "\n".join(out) + "\n"
