"""The audit's index page: every story as a section, each article by its headline, outlet file,
language and date, with its comparison's verdict and counts by kind, a review queue on top and a
filter box. Links go both ways: a row links to its pair report, and the pair report links back to
the row (`pair-<report name>`). One self-contained file, like the pair reports it links to."""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import quote

from factcheck.models import (
    DISCREPANCY_KINDS,
    AuditDocument,
    AuditResult,
    Disclosure,
    PairResult,
    StoryGroup,
)
from factcheck.report.audit_json import pair_counts
from factcheck.report.audit_lookup import lookup
from factcheck.report.audit_text import audit_headline, short_path
from factcheck.report.bidi import isolate_rtl
from factcheck.report.evidence_view import time_html
from factcheck.report.names import visible
from factcheck.report.page import esc, page
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    REVIEW_HEADING,
    backends_line,
    degraded_notice,
    fallback_line,
    is_rtl,
    shorten,
)

_VERDICT_WORDS = {
    "consistent": "consistent",
    "discrepancies": "discrepancies",
    "different_story": "different story",
}


def pair_anchor(report: str) -> str:
    """The id of a pair's row in the index, from its report path: 'pair-<report name>'."""
    return "pair-" + PurePosixPath(report).stem


def _report_href(report: str | None) -> str | None:
    if not report or "://" in report or report.startswith("//"):
        # Only relative paths to files the audit wrote; never a remote address.
        return None
    return quote(report, safe="/._-~")


def _counts_html(counts: dict[str, int]) -> str:
    return ", ".join(f'<span class="kind">{esc(k)}</span>&nbsp;{n}' for k, n in counts.items())


def _headline(d: AuditDocument | None, path: str, root: str) -> str:
    """The article's title in its own language and direction, or its file name."""
    if d is not None and d.title:
        lang = f' lang="{esc(d.language)}"' if d.language else ""
        direction = "rtl" if is_rtl(d.language) else "auto"
        return f'<bdi class="headline" dir="{direction}"{lang}>{esc(visible(d.title))}</bdi>'
    return f'<bdi class="headline" dir="auto">{esc(short_path(path, root))}</bdi>'


def _meta(d: AuditDocument | None, path: str, root: str) -> str:
    parts = [f'<span class="file">{isolate_rtl(short_path(path, root))}</span>']
    parts.append(f'<span class="lang">{esc((d.language if d else None) or "?")}</span>')
    if d is not None and d.published:
        parts.append(time_html(d.published.isoformat()) or "")
    return " · ".join(parts)


def _search(d: AuditDocument | None, path: str, root: str, extra: str = "") -> str:
    words = [short_path(path, root), extra]
    if d is not None:
        words += [d.title or "", d.language or ""]
    return esc(" ".join(words).casefold())


def _member_html(a: AuditResult, g: StoryGroup, path: str, pair: PairResult | None) -> str:
    d = lookup(a).documents.get(path)
    anchor = ""
    result = ""
    extra = ""
    if path == g.reference:
        result = '<strong class="role">reference</strong>'
        extra = "reference"
    elif pair is not None:
        worst = pair.worst or "none"
        counts = pair_counts(pair)
        href = _report_href(pair.report)
        link = f'<a class="report" href="{esc(href)}">report →</a>' if href else ""
        anchor = f' id="{esc(pair_anchor(pair.report))}"' if pair.report else ""
        result = (
            f'<span class="badge sev-{esc(worst)}">{esc(worst)}</span> '
            f'<span class="verdict-word">{esc(_VERDICT_WORDS[pair.verdict])}</span> '
            f'<span class="counts">{_counts_html(counts) or "no findings"}</span> {link}'
        )
        extra = f"{pair.verdict} {worst} {' '.join(counts)}"
    flag = ""
    if d is not None and d.review:
        flag = ' <span class="badge flag">AI disclosure</span>'
    elif d is not None and d.images:
        flag = ' <span class="badge">AI image</span>'

    return (
        f'<li class="member"{anchor} data-search="{_search(d, path, a.root, extra)}">'
        f"<div>{_headline(d, path, a.root)}{flag}</div>"
        f'<div class="meta">{_meta(d, path, a.root)}</div>'
        f'<div class="result">{result}</div></li>'
    )


def _story_counts(pairs: list[PairResult]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for p in pairs:
        total.update(pair_counts(p))
    return {k: total[k] for k in DISCREPANCY_KINDS if total[k]}


def _group_html(a: AuditResult, g: StoryGroup) -> str:
    pairs = lookup(a).pairs.get(g.reference, [])
    by_candidate = {p.candidate: p for p in pairs}
    members = "".join(_member_html(a, g, path, by_candidate.get(path)) for path in g.documents)
    reference = lookup(a).documents.get(g.reference)
    counts = _counts_html(_story_counts(pairs))
    summary = (
        f'<p class="counts">Findings: {counts}</p>'
        if counts
        else '<p class="muted">Only one article tells this story.</p>'
        if not pairs
        else '<p class="muted">No findings.</p>'
    )
    return (
        f'<section class="story" id="story-{g.id}"><h2>Story {g.id}: '
        f"{_headline(reference, g.reference, a.root)}</h2>{summary}"
        f'<ul class="members">{members}</ul></section>'
    )


def _flagged_item(a: AuditResult, d: AuditDocument, flags: tuple[Disclosure, ...]) -> str:
    quotes = "".join(
        f'<p class="muted">{esc(DISCLOSURE_WORDS[f.disclosure])}</p>'
        f'<blockquote><bdi dir="auto">{esc(shorten(f.text, 160))}</bdi></blockquote>'
        for f in flags
    )
    story = f' · <a href="#story-{d.group}">story {d.group}</a>' if d.group else ""
    badge = "AI disclosure" if flags[0].reviewed else "AI image"
    kinds = " ".join(f.disclosure for f in flags)
    return (
        f'<li class="member" data-search="{_search(d, d.path, a.root, kinds)}">'
        f'<div><span class="badge flag">{badge}</span> {_headline(d, d.path, a.root)}'
        f'</div><div class="meta">{_meta(d, d.path, a.root)}{story}</div>{quotes}</li>'
    )


def _high_item(a: AuditResult, p: PairResult, d: AuditDocument | None) -> str:
    row = f' · <a href="#{esc(pair_anchor(p.report))}">in its story</a>' if p.report else ""
    report = _report_href(p.report)
    link = f' <a class="report" href="{esc(report)}">report →</a>' if report else ""
    return (
        f'<li class="member" data-search="{_search(d, p.candidate, a.root, "high")}">'
        f'<div><span class="badge sev-high">high</span> {_headline(d, p.candidate, a.root)}'
        f'</div><div class="meta">{_meta(d, p.candidate, a.root)}{row}</div>'
        f'<div class="result">{_counts_html(pair_counts(p))}{link}</div></li>'
    )


def _review_html(a: AuditResult) -> str:
    """Articles a person should read first: AI-use disclosures, then high findings; AI-made
    images are listed apart, after the queue."""
    docs = lookup(a).documents
    items = [_flagged_item(a, d, d.review) for d in a.documents if d.review]
    items += [_high_item(a, p, docs.get(p.candidate)) for p in a.pairs if p.worst == "high"]
    out = ""
    if items:
        out += (
            f'<section id="review"><h2>Review queue</h2><p class="muted">{esc(REVIEW_HEADING)}; '
            "then retellings with high-severity findings.</p>"
            f'<ul class="members">{"".join(items)}</ul></section>'
        )
    images = [_flagged_item(a, d, d.images) for d in a.documents if d.images]
    if images:
        out += (
            f'<section id="ai-images"><h2>{esc(IMAGES_HEADING)}</h2>'
            f'<ul class="members">{"".join(images)}</ul></section>'
        )
    return out


def _errors_html(a: AuditResult) -> str:
    if not a.errors:
        return ""
    items = "".join(
        f"<li>{esc(short_path(e.path, a.root))}: {esc(visible(e.reason))}</li>" for e in a.errors
    )
    return f'<section id="errors"><h2>Errors</h2><ul>{items}</ul></section>'


def _jump_html(a: AuditResult) -> str:
    links = [f'<a href="#story-{g.id}">story {g.id}</a>' for g in a.groups]
    if any(d.images for d in a.documents):
        links.insert(0, '<a href="#ai-images">AI images</a>')
    if any(d.review for d in a.documents) or any(p.worst == "high" for p in a.pairs):
        links.insert(0, '<a href="#review">review queue</a>')
    if a.errors:
        links.append(f'<a href="#errors">errors ({len(a.errors)})</a>')
    return f'<nav class="jump" aria-label="Sections">{" · ".join(links)}</nav>'


def audit_to_html(a: AuditResult) -> str:
    """The audit as one self-contained HTML page linking to each pair's report."""
    notice = degraded_notice(a.run)
    run = [f"Backends: {esc(backends_line(a.run))}"]
    run += [f"Fallback: {esc(fallback_line(f))}" for f in a.run.fallbacks]
    totals = _counts_html(_story_counts(list(a.pairs)))
    body = (
        f'<header class="top"><h1>factcheck audit: {isolate_rtl(visible(a.root))}</h1>'
        f'<p class="verdict">{esc(audit_headline(a))}</p>'
        f"{f'<p class=counts>All findings: {totals}</p>' if totals else ''}"
        f"{f'<div class=notice role=alert><strong>{esc(notice)}</strong></div>' if notice else ''}"
        f"{_jump_html(a)}</header>"
        '<div class="toolbar"><label class="filter">Filter <input type="search" id="filter" '
        'placeholder="headline, file, language, kind…" autocomplete="off"></label> '
        '<span id="shown" class="muted" aria-live="polite"></span></div>'
        + _review_html(a)
        + "".join(_group_html(a, g) for g in a.groups)
        + _errors_html(a)
        + "<footer><ul>"
        + "".join(f"<li>{line}</li>" for line in run)
        + "</ul></footer>"
    )
    return page(f"factcheck audit: {visible(a.root)}", body, script="audit.js")
