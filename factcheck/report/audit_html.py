"""The audit's index page: stories and members, pair verdicts linked to their reports, review
queue, errors. One self-contained file, like the pair reports it links to."""

from __future__ import annotations

from urllib.parse import quote

from factcheck.models import AuditResult, PairResult, StoryGroup
from factcheck.report.audit_json import pair_counts
from factcheck.report.audit_text import audit_headline, short_path
from factcheck.report.names import visible
from factcheck.report.page import esc, page
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    REVIEW_HEADING,
    backends_line,
    degraded_notice,
    fallback_line,
)


def _report_link(report: str | None) -> str:
    if not report or "://" in report or report.startswith("//"):
        # Only relative paths to files the audit wrote; never a remote address.
        return '<span class="muted">-</span>'
    return f'<a href="{esc(quote(report, safe="/._-~"))}">report</a>'


def _pair_row(a: AuditResult, p: PairResult) -> str:
    counts = ", ".join(f"{esc(k)}&nbsp;{n}" for k, n in pair_counts(p).items()) or "-"
    worst = p.worst or "-"
    return (
        f"<tr><td>{esc(short_path(p.candidate, a.root))}</td><td>{esc(p.verdict)}</td>"
        f'<td><span class="badge sev-{esc(worst)}">{esc(worst)}</span></td>'
        f'<td class="kind">{counts}</td><td>{_report_link(p.report)}</td></tr>'
    )


def _group_html(a: AuditResult, g: StoryGroup) -> str:
    language = {d.path: d.language for d in a.documents}
    members = "".join(
        f"<li>{esc(short_path(path, a.root))} ({esc(language.get(path) or '?')})"
        f"{' <strong>reference</strong>' if path == g.reference else ''}</li>"
        for path in g.documents
    )
    rows = "".join(_pair_row(a, p) for p in a.pairs if p.reference == g.reference)
    table = (
        "<table><thead><tr><th>Candidate</th><th>Verdict</th><th>Worst</th><th>Findings</th>"
        f"<th>Report</th></tr></thead><tbody>{rows}</tbody></table>"
        if rows
        else '<p class="muted">Only one article tells this story.</p>'
    )
    return f'<section id="story-{g.id}"><h2>Story {g.id}</h2><ul>{members}</ul>{table}</section>'


def _review_html(a: AuditResult) -> str:
    out = ""
    sections = (("review", REVIEW_HEADING, "review"), ("ai-images", IMAGES_HEADING, "images"))
    for section, heading, attribute in sections:
        flagged = [(d, getattr(d, attribute)) for d in a.documents if getattr(d, attribute)]
        if not flagged:
            continue
        items = "".join(
            f"<li><strong>{esc(short_path(d.path, a.root))}</strong>"
            + "".join(
                f"<p>{esc(DISCLOSURE_WORDS[f.disclosure])}</p><blockquote>{esc(f.text)}</blockquote>"
                for f in flags
            )
            + "</li>"
            for d, flags in flagged
        )
        out += f'<section id="{section}"><h2>{esc(heading)}</h2><ul>{items}</ul></section>'
    return out


def _errors_html(a: AuditResult) -> str:
    if not a.errors:
        return ""
    items = "".join(
        f"<li>{esc(short_path(e.path, a.root))}: {esc(visible(e.reason))}</li>" for e in a.errors
    )
    return f'<section id="errors"><h2>Errors</h2><ul>{items}</ul></section>'


def audit_to_html(a: AuditResult) -> str:
    """The audit as one self-contained HTML page linking to each pair's report."""
    notice = degraded_notice(a.run)
    run = [f"Backends: {esc(backends_line(a.run))}"]
    run += [f"Fallback: {esc(fallback_line(f))}" for f in a.run.fallbacks]
    body = (
        f"<header><h1>factcheck audit: {esc(visible(a.root))}</h1>"
        f'<p class="verdict">{esc(audit_headline(a))}</p>'
        f"{f'<div class=notice role=alert><strong>{esc(notice)}</strong></div>' if notice else ''}"
        "</header>"
        + "".join(_group_html(a, g) for g in a.groups)
        + _review_html(a)
        + _errors_html(a)
        + "<footer><ul>"
        + "".join(f"<li>{line}</li>" for line in run)
        + "</ul></footer>"
    )
    return page(f"factcheck audit: {visible(a.root)}", body, script=False)
