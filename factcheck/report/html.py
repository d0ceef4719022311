"""The HTML report, built for reading: the two articles side by side at the top, every finding a
numbered pin in the margin beside its evidence, and a short list of findings above them.

Findings are numbered as in the terminal and Markdown reports. Finding n is the list row
`finding-n`; its evidence spans are marks `ref-n` and `cand-n`, each preceded by a pin linking
back to the row; AI-disclaimer flag n is `flag-n`, its span `flag-n-span`. Without JavaScript
every link still lands; with it, j/k and the Previous/Next buttons step through the findings,
centre both marks in view and filter by severity and kind (assets/report.js).
"""

from __future__ import annotations

from factcheck.models import Comparison, Document
from factcheck.report.bidi import isolate_rtl
from factcheck.report.evidence_view import time_html
from factcheck.report.highlight import highlight
from factcheck.report.html_findings import (
    Side,
    finding_highlights,
    finding_row,
    flag_highlights,
    flags_html,
)
from factcheck.report.page import esc, page
from factcheck.report.summary import (
    backends_line,
    degraded_notice,
    doc_label,
    doc_name,
    fallback_line,
    findings_sources,
    is_rtl,
    kind_counts,
    ordered,
    severity_counts,
    verdict_sentence,
)


def _article_html(c: Comparison, side: Side) -> str:
    document: Document = getattr(c, side)
    lang = document.language or ""
    attrs = f' lang="{esc(lang)}"' if lang else ""
    attrs += ' dir="rtl"' if is_rtl(lang) else ' dir="auto"'
    meta = [f'<bdi dir="auto" class="title">{esc(document.title)}</bdi>'] if document.title else []
    if document.published:
        meta.append(time_html(document.published.isoformat()) or "")
    marks = finding_highlights(c, side) + flag_highlights(c, side)
    return (
        f'<article class="doc doc-{side}"{attrs}>'
        f'<header lang="en" dir="ltr"><h2>{side.capitalize()}: {isolate_rtl(doc_label(document))}</h2>'
        f'<p class="meta">{" · ".join(meta)}</p></header>'
        f'<div class="text" tabindex="0" aria-label="{side} text">{highlight(document.text, marks, lines_are_paragraphs=document.format == "html")}</div></article>'
    )


def _filters_html(c: Comparison) -> str:
    sev = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> {s} ({n})</label>'
        for s, n in severity_counts(c.discrepancies).items()
    )
    kinds = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}" checked> {k} ({n})</label>'
        for k, n in kind_counts(c.discrepancies).items()
    )
    return (
        f'<div class="filters"><fieldset><legend>Severity</legend>{sev}</fieldset>'
        f"<fieldset><legend>Kind</legend>{kinds}</fieldset></div>"
    )


def _toolbar_html(c: Comparison) -> str:
    if not c.discrepancies and not c.flags:
        return ""
    nav = (
        '<div class="nav" hidden><button type="button" id="prev" aria-keyshortcuts="k">'
        '<span aria-hidden="true">↑</span> Previous <kbd>k</kbd></button>'
        '<span id="position" aria-live="polite"></span>'
        '<button type="button" id="next" aria-keyshortcuts="j">Next <kbd>j</kbd> '
        '<span aria-hidden="true">↓</span></button></div>'
    )
    filters = _filters_html(c) if c.discrepancies else ""
    return f'<nav class="toolbar" aria-label="Findings">{nav}{filters}</nav>'


def _findings_html(c: Comparison) -> str:
    rows = "".join(finding_row(c, n, d) for n, d in enumerate(ordered(c.discrepancies), 1))
    listed = f'<ol class="list">{rows}</ol>' if rows else "<p>No discrepancy found.</p>"
    return (
        f'<section class="findings" aria-label="Findings"><h2 class="sr">Findings</h2>'
        f"{listed}{flags_html(c)}</section>"
    )


def _run_html(c: Comparison) -> str:
    lines = [f"Backends: {esc(backends_line(c.run))}"]
    sources = findings_sources(c)
    if sources:
        lines.append(f"Findings by: {esc(', '.join(sources))}")
    lines += [f"Fallback: {esc(fallback_line(f))}" for f in c.run.fallbacks]
    lines += [f"Note: {esc(n)}" for n in c.run.notices]
    return "<footer><ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul></footer>"


def to_html(c: Comparison, *, index: str | None = None) -> str:
    """The comparison as one self-contained HTML page; `index` links back to an audit's index."""
    notice = degraded_notice(c.run)
    notice_html = f'<div class="notice" role="alert"><strong>{esc(notice)}</strong></div>'
    back = f'<a class="back" href="{esc(index)}">← audit index</a>' if index else ""
    body = (
        f'<header class="top">{back}<h1>factcheck: {isolate_rtl(doc_label(c.candidate))} vs '
        f"{isolate_rtl(doc_label(c.reference))}</h1>"
        f'<p class="verdict verdict-{esc(c.verdict)}">{isolate_rtl(verdict_sentence(c))}</p>'
        f"{notice_html if notice else ''}</header>"
        f"{_toolbar_html(c)}{_findings_html(c)}"
        f'<main class="articles">{_article_html(c, "reference")}'
        f"{_article_html(c, 'candidate')}</main>"
        f"{_run_html(c)}"
    )
    title = f"factcheck: {doc_name(c.candidate)} vs {doc_name(c.reference)}"
    return page(title, body)
