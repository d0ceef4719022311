"""The HTML report: both articles side by side, every evidence span marked and linked both ways.

Findings are numbered as in the terminal and Markdown reports. Finding n has the id `finding-n`;
its evidence spans are marks `ref-n` and `cand-n`; AI-disclaimer flag n is `flag-n`, its span
`flag-n-span`. A finding links to its marks, and each mark is followed by a small link back.
"""

from __future__ import annotations

from typing import Literal

from factcheck.models import Comparison, Discrepancy, Document, Evidence
from factcheck.report.highlight import Highlight, highlight, locate
from factcheck.report.page import esc, page
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    REVIEW_HEADING,
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
    source_label,
    verdict_sentence,
)

Side = Literal["reference", "candidate"]
_PREFIX: dict[str, str] = {"reference": "ref", "candidate": "cand"}


def _evidence_html(side: Side, number: int, document: Document, ev: Evidence | None) -> str:
    label = side.capitalize()
    if ev is None:
        return f'<p class="muted">{label}: not present</p>'
    where = locate(document.text, ev)
    if where is None:
        link = f"{label} (not found in the article text)"
    else:
        link = f'<a href="#{_PREFIX[side]}-{number}">{label}, chars {where[0]}–{where[1]}</a>'
    return f"<p>{link}</p><blockquote>{esc(ev.text) or '<em>(empty)</em>'}</blockquote>"


def _finding_html(c: Comparison, number: int, d: Discrepancy) -> str:
    data = f'data-sev="{esc(d.severity)}" data-kind="{esc(d.kind)}"'
    return (
        f'<li id="finding-{number}" class="finding sev-{esc(d.severity)}" {data}>'
        f'<p><strong>{number}.</strong> <span class="badge sev-{esc(d.severity)}">'
        f'{esc(d.severity)}</span> <span class="kind">{esc(d.kind)}</span> '
        f'<span class="muted">found by {esc(source_label(d.source))}</span></p>'
        f"<p>{esc(d.message)}</p>"
        f"{_evidence_html('reference', number, c.reference, d.reference)}"
        f"{_evidence_html('candidate', number, c.candidate, d.candidate)}</li>"
    )


def _highlights(c: Comparison, side: Side) -> list[Highlight]:
    document: Document = getattr(c, side)
    marks: list[Highlight] = []
    for number, d in enumerate(ordered(c.discrepancies), start=1):
        ev = getattr(d, side)
        where = locate(document.text, ev) if ev is not None else None
        if where is None:
            continue
        marks.append(
            Highlight(
                *where,
                mark_id=f"{_PREFIX[side]}-{number}",
                target=f"finding-{number}",
                label=str(number),
                title=f"{number}. {d.kind} ({d.severity}): {d.message}",
                css=f"sev-{d.severity}",
                data={"sev": d.severity, "kind": d.kind},
            )
        )
    for number, flag in enumerate(c.flags, start=1):
        where = locate(document.text, flag.evidence) if flag.document == side else None
        if where is not None:
            marks.append(
                Highlight(
                    *where,
                    mark_id=f"flag-{number}-span",
                    target=f"flag-{number}",
                    label=f"AI{number}",
                    title=f"AI-use disclosure: {DISCLOSURE_WORDS[flag.disclosure]}",
                    css="flag",
                )
            )
    return marks


def _article_html(c: Comparison, side: Side) -> str:
    document: Document = getattr(c, side)
    lang = document.language or ""
    attrs = f' lang="{esc(lang)}"' if lang else ""
    attrs += ' dir="rtl"' if is_rtl(lang) else ' dir="auto"'
    meta = [esc(document.title)] if document.title else []
    if document.published:
        meta.append(esc(document.published.isoformat()[:10]))
    meta_html = " · ".join(meta)
    return (
        f'<article class="doc doc-{side}"{attrs}>'
        f'<h2 dir="ltr">{side.capitalize()}: {esc(doc_label(document))}</h2>'
        f'<p class="meta">{meta_html}</p>'
        f'<div class="text">{highlight(document.text, _highlights(c, side))}</div></article>'
    )


def _filters_html(c: Comparison) -> str:
    if not c.discrepancies:
        return ""
    sev = "".join(
        f'<label><input type="checkbox" name="sev" value="{s}" checked> {s} ({n})</label>'
        for s, n in severity_counts(c.discrepancies).items()
    )
    kinds = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}" checked> {k} ({n})</label>'
        for k, n in kind_counts(c.discrepancies).items()
    )
    return (
        f'<div class="filters"><fieldset><legend>Severity</legend>{sev}'
        f"</fieldset><fieldset><legend>Kind</legend>{kinds}</fieldset></div>"
    )


def _flags_html(c: Comparison) -> str:
    review: list[str] = []
    images: list[str] = []
    for number, flag in enumerate(c.flags, start=1):
        name = doc_name(getattr(c, flag.document))
        (review if flag.reviewed else images).append(
            f'<li id="flag-{number}" class="flag-item">In the {esc(flag.document)} '
            f"({esc(name)}), {esc(DISCLOSURE_WORDS[flag.disclosure])}: "
            f'<a href="#flag-{number}-span">show in the article</a>'
            f"<blockquote>{esc(flag.evidence.text)}</blockquote></li>"
        )
    out = ""
    for heading, items in ((REVIEW_HEADING, review), (IMAGES_HEADING, images)):
        if items:
            out += f'<h2>{esc(heading)}</h2><ul class="flags">{"".join(items)}</ul>'
    return out


def _run_html(c: Comparison) -> str:
    lines = [f"Backends: {esc(backends_line(c.run))}"]
    sources = findings_sources(c)
    if sources:
        lines.append(f"Findings by: {esc(', '.join(sources))}")
    lines += [f"Fallback: {esc(fallback_line(f))}" for f in c.run.fallbacks]
    lines += [f"Note: {esc(n)}" for n in c.run.notices]
    return "<footer><ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul></footer>"


def to_html(c: Comparison) -> str:
    """The comparison as one self-contained HTML page."""
    notice = degraded_notice(c.run)
    notice_html = f'<div class="notice" role="alert"><strong>{esc(notice)}</strong></div>'
    findings = "".join(_finding_html(c, n, d) for n, d in enumerate(ordered(c.discrepancies), 1))
    body = (
        f"<header><h1>factcheck: {esc(doc_label(c.candidate))} vs "
        f"{esc(doc_label(c.reference))}</h1>"
        f'<p class="verdict verdict-{esc(c.verdict)}">{esc(verdict_sentence(c))}</p>'
        f"{notice_html if notice else ''}</header>"
        f"{_filters_html(c)}"
        f'<section class="findings"><h2>Findings</h2>'
        f"{f'<ol>{findings}</ol>' if findings else '<p>No discrepancy found.</p>'}"
        f"{_flags_html(c)}</section>"
        f'<div class="articles">{_article_html(c, "reference")}'
        f"{_article_html(c, 'candidate')}</div>"
        f"{_run_html(c)}"
    )
    title = f"factcheck: {doc_name(c.candidate)} vs {doc_name(c.reference)}"
    return page(title, body)
