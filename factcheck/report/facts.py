"""The facts of one article, for `factcheck extract`: JSON and a terminal table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from factcheck.models import Document, Fact, RunInfo
from factcheck.report.console import render
from factcheck.report.json_doc import doc_dict, fact_dict, run_dict
from factcheck.report.names import escape_surrogates, visible
from factcheck.report.summary import (
    backends_line,
    degraded_notice,
    doc_label,
    quoted,
    source_label,
)

FACTS_SCHEMA = "factcheck/facts@1"


def facts_dict(document: Document, facts: Sequence[Fact], run: RunInfo) -> dict[str, Any]:
    """The facts of `document` as a `factcheck/facts@1` document (Doc, Facts, run as in reports)."""
    return {
        "schema": FACTS_SCHEMA,
        "document": doc_dict(document),
        "facts": [fact_dict(f) for f in facts],
        "run": run_dict(run),
    }


def facts_to_json(document: Document, facts: Sequence[Fact], run: RunInfo) -> str:
    """The facts as JSON text (indent 2, non-ASCII kept)."""
    return escape_surrogates(
        json.dumps(facts_dict(document, facts, run), indent=2, ensure_ascii=False)
    )


def _value(fact: Fact) -> str:
    if fact.kind == "quote":
        said = f" (said by {fact.speaker})" if fact.speaker else ""
        return ("(empty quote)" if fact.value == "" else "quote") + said
    value = (
        "?"
        if fact.value is None
        else f"{fact.value:g}"
        if isinstance(fact.value, float)
        else str(fact.value)
    )
    extra = [x for x in (fact.unit, fact.entity_type, fact.relative, fact.disclosure) if x]
    return f"{value} {' '.join(extra)}".strip()


def facts_to_terminal(
    document: Document,
    facts: Sequence[Fact],
    run: RunInfo,
    *,
    width: int | None = None,
    color: bool | None = None,
) -> str:
    """The facts as a table: kind, value, evidence, offsets, backend."""

    def draw(console: Any) -> None:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        console.print(Text(f"{doc_label(document)}: {len(facts)} fact(s)", style="bold"))
        notice = degraded_notice(run)
        if notice:
            console.print(Text(notice, style="bold yellow"))
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True, pad_edge=False)
        table.add_column("kind", no_wrap=True)
        table.add_column("value", overflow="fold", ratio=2)
        table.add_column("evidence", overflow="fold", ratio=3)
        table.add_column("chars", no_wrap=True, justify="right")
        table.add_column("by", no_wrap=True)
        for fact in sorted(facts, key=lambda f: (f.start, f.end)):
            table.add_row(
                fact.kind,
                visible(_value(fact), keep_format=True),
                visible(quoted(fact.text, 80), keep_format=True),
                f"{fact.start}-{fact.end}",
                source_label(fact.source),
            )
        console.print(table)
        console.print(Text(f"backends: {backends_line(run)}", style="dim"))

    return render(draw, width=width, color=color)
