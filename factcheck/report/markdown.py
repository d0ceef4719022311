"""The Markdown report, for tickets and chat: verdict, summary table, one section per finding."""

from __future__ import annotations

import re

from factcheck.models import Comparison, Document, Evidence
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
    ordered,
    severity_table,
    shorten,
    source_label,
    verdict_sentence,
)

EVIDENCE_CHARS = 600
# Characters that would turn article text into Markdown or HTML markup in a ticket or chat.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str) -> str:
    """Article or engine text made inert in Markdown (no emphasis, links, tags or table breaks)."""
    return _SPECIAL.sub(r"\\\1", text)


def md_quote(text: str) -> str:
    """A block quote of `text`, kept inside the quote across line breaks."""
    lines = [md_escape(line) for line in text.splitlines()] or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _evidence(label: str, evidence: Evidence | None) -> list[str]:
    if evidence is None:
        return [f"**{label}:** not present", ""]
    where = f"chars {evidence.start}–{evidence.end}"
    text = evidence.text if len(evidence.text) <= EVIDENCE_CHARS else shorten(evidence.text, 600)
    return [f"**{label}** ({where}):", "", md_quote(text or "(empty)"), ""]


def _about(role: str, document: Document) -> str:
    parts = [f"**{role}:** {md_escape(doc_name(document))} ({document.language or '?'})"]
    if document.title:
        parts.append(md_escape(shorten(document.title, 120)))
    if document.published:
        parts.append(f"published {document.published.isoformat()[:10]}")
    return " — ".join(parts)


def to_markdown(c: Comparison) -> str:
    """The comparison as Markdown."""
    ref, cand = doc_label(c.reference), doc_label(c.candidate)
    out = [f"# factcheck: {md_escape(cand)} vs {md_escape(ref)}", ""]
    out += [f"**Verdict:** {md_escape(verdict_sentence(c))}", ""]
    out += [f"- {_about('Reference', c.reference)}", f"- {_about('Candidate', c.candidate)}", ""]
    notice = degraded_notice(c.run)
    if notice:
        out += [f"> **Warning:** {md_escape(notice)}", ""]

    rows = severity_table(c)
    if rows:
        out += ["## Summary", "", "| Kind | Severity | Count |", "| --- | --- | ---: |"]
        out += [f"| `{kind}` | {sev} | {n} |" for kind, n, sev in rows]
        out.append("")
        out += ["## Findings", ""]
        for number, found in enumerate(ordered(c.discrepancies), start=1):
            out += [f"### {number}. `{found.kind}` ({found.severity})", ""]
            out += [md_escape(found.message), ""]
            out += _evidence("Reference", found.reference)
            out += _evidence("Candidate", found.candidate)
            out += [f"_Found by: {md_escape(source_label(found.source))}_", ""]

    review = [f for f in c.flags if f.reviewed]
    images = [f for f in c.flags if not f.reviewed]
    for heading, flags in ((REVIEW_HEADING, review), (IMAGES_HEADING, images)):
        if not flags:
            continue
        out += [f"## {heading}", ""]
        for flag in flags:
            name = md_escape(doc_name(getattr(c, flag.document)))
            kind = DISCLOSURE_WORDS[flag.disclosure]
            out += [f"In the **{flag.document}** ({name}), `{flag.disclosure}` ({kind}):", ""]
            out += [md_quote(flag.evidence.text), ""]

    out += ["## Backends", "", f"- Backends: {md_escape(backends_line(c.run))}"]
    sources = findings_sources(c)
    if sources:
        out.append(f"- Findings by: {md_escape(', '.join(sources))}")
    out += [f"- Fallback: {md_escape(fallback_line(f))}" for f in c.run.fallbacks]
    out += [f"- Note: {md_escape(n)}" for n in c.run.notices]
    return "\n".join(out) + "\n"
