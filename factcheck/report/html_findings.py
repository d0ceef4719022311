"""The compact list of findings at the top of the HTML report, and the spans each one marks.

One finding is one row: number, severity, kind and message, then the evidence of each side as a
short quotation linking to its mark (`ref-n`, `cand-n`). An altered quote shows its word-level
difference; a misattributed quote names both speakers, who are also marked in the articles
(`ref-n-speaker`, `cand-n-speaker`); a date shows the day it resolves to, month spelled out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from factcheck.models import Comparison, Discrepancy, Document, Evidence, Fact
from factcheck.report.bidi import bdi, isolate_rtl
from factcheck.report.evidence_view import fact_for, speaker_span, time_html
from factcheck.report.highlight import Highlight, locate
from factcheck.report.page import esc
from factcheck.report.summary import (
    DISCLOSURE_WORDS,
    IMAGES_HEADING,
    QUOTE_MARKS,
    REVIEW_HEADING,
    doc_name,
    ordered,
    shorten,
    source_label,
)
from factcheck.report.worddiff import diff_html

Side = Literal["reference", "candidate"]
SIDES: tuple[Side, Side] = ("reference", "candidate")
PREFIX: dict[str, str] = {"reference": "ref", "candidate": "cand"}
_SNIPPET = 70  # characters of evidence shown in a row; the whole span is marked in the article


@dataclass(frozen=True, slots=True)
class SideView:
    """One side of a finding as the report shows it: where its evidence and speaker are."""

    evidence: Evidence | None
    where: tuple[int, int] | None
    fact: Fact | None
    speaker: tuple[int, int] | None


def side_view(c: Comparison, d: Discrepancy, side: Side) -> SideView:
    """Locate one side's evidence, its fact and (for a quote) its speaker in the article."""
    document: Document = getattr(c, side)
    ev: Evidence | None = getattr(d, side)
    if ev is None:
        return SideView(None, None, None, None)
    where = locate(document.text, ev)
    facts: tuple[Fact, ...] = getattr(c, f"{side}_facts")
    kind = "quote" if "quote" in d.kind else "date" if "date" in d.kind else ""
    fact = fact_for(facts, kind, document, ev) if kind and where else None
    speaker = None
    if d.kind == "misattributed_quote" and fact is not None and fact.speaker and where:
        speaker = speaker_span(document, fact.speaker, where)
    return SideView(ev, where, fact, speaker)


def _snippet(side: Side, number: int, view: SideView) -> str:
    if view.evidence is None:
        return ""
    label = "ref" if side == "reference" else "cand"
    text = shorten(view.evidence.text, _SNIPPET)
    inner = text.strip(QUOTE_MARKS + " ")
    # The quotation marks are drawn outside the isolate, in the sentence's direction; an empty
    # quote keeps its own marks, which are the evidence.
    quoted = f"“{bdi(inner)}”" if inner else bdi(text or "(empty)")
    if view.where is None:
        return f'<span class="ev">{label}: {quoted} <em>(not found in the article text)</em></span>'
    when = time_html(view.fact.value) if view.fact and view.fact.kind == "date" else None
    return (
        f'<a class="ev" href="#{PREFIX[side]}-{number}">{label}: {quoted}</a>'
        f"{f' <span class=when>= {when}</span>' if when else ''}"
    )


def _speakers(d: Discrepancy, views: dict[Side, SideView]) -> str:
    if d.kind != "misattributed_quote":
        return ""
    names = [v.fact.speaker for v in views.values() if v.fact is not None and v.fact.speaker]
    if len(names) < 2:
        return ""
    ref, cand = names[0], names[1]
    return (
        f'<span class="speakers">said by <mark class="speaker">{bdi(ref)}</mark> in the '
        f'reference, by <mark class="speaker">{bdi(cand)}</mark> in the candidate</span>'
    )


def _diff(d: Discrepancy, views: dict[Side, SideView]) -> str:
    ref, cand = views["reference"].evidence, views["candidate"].evidence
    if d.kind != "altered_quote" or ref is None or cand is None:
        return ""
    shown = diff_html(ref.text, cand.text)
    return f'<span class="diffline">words: {shown}</span>' if shown else ""


def finding_row(c: Comparison, number: int, d: Discrepancy) -> str:
    """One finding as a compact list row."""
    views = {side: side_view(c, d, side) for side in SIDES}
    sev, kind = esc(d.severity), esc(d.kind)
    details = [_snippet(side, number, views[side]) for side in SIDES]
    details += [_diff(d, views), _speakers(d, views)]
    detail_html = " ".join(part for part in details if part)
    return (
        f'<li id="finding-{number}" class="finding sev-{sev}" data-sev="{sev}" '
        f'data-kind="{kind}" data-nav>'
        f'<span class="head"><span class="num">{number}</span> '
        f'<span class="badge sev-{sev}">{sev}</span> <span class="kind">{kind}</span></span> '
        f'<span class="msg" title="{esc(d.message)}">{isolate_rtl(d.message)}</span> '
        f'<span class="details">{detail_html} '
        f'<span class="src muted">found by {esc(source_label(d.source))}</span></span></li>'
    )


def _mark(span: tuple[int, int], mark_id: str, number: int, d: Discrepancy, css: str) -> Highlight:
    return Highlight(
        *span,
        mark_id=mark_id,
        target=f"finding-{number}",
        label=str(number),
        title=f"{number}. {d.kind} ({d.severity}): {d.message}",
        css=css,
        data={"sev": d.severity, "kind": d.kind},
        pin=css != "speaker",  # the speaker shares the pin of its quote
    )


def finding_highlights(c: Comparison, side: Side) -> list[Highlight]:
    """The marks of one article: each finding's evidence, and the speakers of a misattribution."""
    marks: list[Highlight] = []
    for number, d in enumerate(ordered(c.discrepancies), start=1):
        view = side_view(c, d, side)
        if view.where is None:
            continue
        marks.append(_mark(view.where, f"{PREFIX[side]}-{number}", number, d, f"sev-{d.severity}"))
        if view.speaker is not None:
            marks.append(
                _mark(view.speaker, f"{PREFIX[side]}-{number}-speaker", number, d, "speaker")
            )
    return marks


def flag_highlights(c: Comparison, side: Side) -> list[Highlight]:
    """The marks of the AI-use disclosures found in one article."""
    document: Document = getattr(c, side)
    marks = []
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


def flags_html(c: Comparison) -> str:
    """The AI-use disclosures, each with its kind and linking to its span, for a human to
    review; AI-made images are listed apart, after them."""
    review: list[str] = []
    images: list[str] = []
    for number, flag in enumerate(c.flags, start=1):
        name = doc_name(getattr(c, flag.document))
        text = shorten(flag.evidence.text, _SNIPPET * 2).strip(QUOTE_MARKS + " ")
        (review if flag.reviewed else images).append(
            f'<li id="flag-{number}" class="flag-item" data-nav>'
            f'<span class="badge flag">AI{number}</span> In the {esc(flag.document)} '
            f"({esc(name)}), {esc(DISCLOSURE_WORDS[flag.disclosure])}: "
            f'<a class="ev" href="#flag-{number}-span">“{bdi(text)}”</a></li>'
        )
    out = ""
    for heading, items in ((REVIEW_HEADING, review), (IMAGES_HEADING, images)):
        if items:
            out += (
                f'<h2 class="flags-title">{esc(heading)}</h2>'
                f'<ul class="flags">{"".join(items)}</ul>'
            )
    return out
