"""to_html: one self-contained page, escaped text, marks linked both ways, filters, RTL."""

from __future__ import annotations

import dataclasses
import re

from factcheck.models import Comparison, Discrepancy, Evidence
from factcheck.report import to_html
from tests.report import fixtures
from tests.report.htmlcheck import Page


def test_page_is_well_formed_and_self_contained() -> None:
    page = Page(to_html(fixtures.DEGRADED))
    assert page.errors == []
    assert not [t for t, _ in page.tags if t in {"link", "img", "iframe", "object", "embed"}]
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert not [a for _, a in page.tags if "src" in a]
    assert "<style>" in to_html(fixtures.DEGRADED) and len(page.scripts) == 1


def test_article_text_is_escaped() -> None:
    out = to_html(fixtures.hostile_comparison())
    page = Page(out)
    assert page.errors == []
    assert out.count("<script>") == 1  # ours, at the end
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '" onmouseover=' not in out
    assert "&quot;yes&quot; onmouseover=alert(2)" in out
    assert "&lt;b&gt;nothing&lt;/b&gt;" in out
    assert not [a for _, a in page.tags if any(k.startswith("on") for k in a)]
    assert "&lt;img src=x onerror=&quot;alert(3)&quot;&gt;.txt" in out  # the file name
    assert not any(t == "img" for t, _ in page.tags)


def test_every_evidence_span_is_marked_and_linked_both_ways() -> None:
    out = to_html(fixtures.COMPARISON)
    page = Page(out)
    ids = set(page.ids)
    assert len(page.ids) == len(ids)  # unique
    findings = {i for i in ids if i.startswith("finding-")}
    assert len(findings) == 10
    marks = [a for t, a in page.tags if t == "mark" and a.get("id")]
    assert len(marks) == 12 + 1  # 12 evidence spans + 1 flag
    for attrs in marks:
        assert attrs["data-target"] in ids  # span -> finding
        assert f"#{attrs['data-target']}" in {f"#{link}" for link in page.links}
    for link in page.links:
        assert link in ids  # every in-page link lands
    for mark_id in (a["id"] for a in marks):
        assert mark_id in page.links  # finding -> span


def test_mark_covers_the_evidence_text() -> None:
    out = to_html(fixtures.COMPARISON)
    assert re.search(r'<mark id="cand-\d+"[^>]*>60 mètres</mark>', out)
    assert re.search(r'<mark id="ref-\d+"[^>]*>3 March 2025</mark>', out)
    assert re.search(r'<mark id="cand-\d+"[^>]*>« »</mark>', out)


def test_overlapping_spans_do_not_break_the_markup() -> None:
    out = to_html(fixtures.overlapping_comparison())
    page = Page(out)
    assert page.errors == []
    assert len(page.ids) == len(set(page.ids))
    # nested: the entity inside the unsupported claim
    assert re.search(
        r'<mark id="cand-\d+"[^>]*>Le maire <a class="pin[^>]*>\d+</a><mark id="cand-\d+"[^>]*>Paul',
        out,
    )
    # every link still lands on an id
    assert set(page.links) <= set(page.ids)


def test_filters_for_severity_and_kind() -> None:
    page = Page(to_html(fixtures.COMPARISON))
    boxes = [a for t, a in page.tags if t == "input" and a.get("type") == "checkbox"]
    assert {a["value"] for a in boxes if a["name"] == "sev"} == {"high", "medium", "low"}
    kinds = {a["value"] for a in boxes if a["name"] == "kind"}
    assert kinds == {d.kind for d in fixtures.DISCREPANCIES}
    items = [a for t, a in page.tags if t == "li" and "finding" in (a.get("class") or "")]
    assert all(a["data-sev"] and a["data-kind"] for a in items)
    assert "addEventListener" in page.scripts[0]


def test_rtl_article_gets_dir_rtl() -> None:
    page = Page(to_html(fixtures.arabic_comparison()))
    articles = {a["class"]: a for t, a in page.tags if t == "article"}
    assert articles["doc doc-candidate"]["dir"] == "rtl"
    assert articles["doc doc-candidate"]["lang"] == "ar"
    assert articles["doc doc-reference"]["dir"] != "rtl"


def test_flags_and_degraded_notice() -> None:
    out = to_html(fixtures.DEGRADED)
    assert "AI-use disclosure: review by a human" in out
    assert 'href="#flag-1-span"' in out
    assert "DEGRADED: LLM providers failed; results come from the offline rules only" in out
    assert 'role="alert"' not in to_html(fixtures.COMPARISON)


def test_phone_layout_media_query() -> None:
    out = to_html(fixtures.COMPARISON)
    phone = out.split("@media (max-width: 760px)")[1].split("</style>")[0]
    assert ".articles { grid-template-columns: 1fr; }" in phone
    assert ".articles { display: grid; grid-template-columns: 1fr 1fr;" in out


def _misattributed() -> Comparison:
    """The harbour reference and a candidate giving Mara Quint's words to Tobias Renn."""
    ref = fixtures.REFERENCE
    cand_text = f'Councillor Tobias Renn said "{fixtures.QUOTE}" on Monday.'
    cand = fixtures.document("articles/harbour_b.txt", cand_text, "en")
    quote = f'"{fixtures.QUOTE}"'
    found = Discrepancy(
        "misattributed_quote",
        "high",
        "The candidate gives Tobias Renn the words of Mara Quint",
        reference=fixtures.span(fixtures.R, quote),
        candidate=fixtures.span(cand_text, quote),
    )
    altered = Discrepancy(
        "altered_quote",
        "high",
        "changed",
        reference=fixtures.span(fixtures.R, quote),
        candidate=fixtures.span(cand_text, quote),
    )
    cand_facts = (fixtures.fact(cand_text, "quote", quote, fixtures.QUOTE, speaker="Tobias Renn"),)
    return Comparison(
        ref, cand, "discrepancies", (found, altered), (), fixtures.REFERENCE_FACTS, cand_facts
    )


def test_articles_come_right_after_a_short_list_of_findings() -> None:
    out = to_html(fixtures.COMPARISON)
    assert (
        out.index('class="toolbar"') < out.index('class="findings"') < out.index('class="articles"')
    )
    rows = re.findall(r'<li id="finding-\d+"', out)
    assert len(rows) == 10
    # no per-finding evidence blockquotes: the evidence is marked in the articles
    assert "<blockquote>" not in out.split('class="articles"')[0]
    assert 'id="prev"' in out and 'id="next"' in out and "<kbd>j</kbd>" in out


def test_hard_line_breaks_are_reflowed_into_paragraphs() -> None:
    out = to_html(fixtures.COMPARISON)
    reference = out.split('class="doc doc-reference"')[1].split("</article>")[0]
    assert reference.count("<p>") >= 3  # one per blank-line-separated paragraph
    assert "white-space: normal" in out and "white-space: pre-wrap" not in out


def test_each_finding_has_a_pin_in_the_margin_beside_its_evidence() -> None:
    out = to_html(fixtures.COMPARISON)
    assert re.search(
        r'<a class="pin sev-high" href="#finding-(\d+)"[^>]*>\1</a><mark id="cand-\1"[^>]*>60 mètres',
        out,
    )
    assert ".pin { position: absolute; inset-inline-start:" in out


def test_altered_quote_shows_a_word_diff() -> None:
    out = to_html(_misattributed())
    row = out.split('id="finding-2"')[1].split("</li>")[0]
    # the same words: nothing struck or inserted, so no misleading colour
    assert "words:" in row and "<del>" not in row
    changed = dataclasses.replace(
        _misattributed().discrepancies[1],
        candidate=Evidence('"The pier will stay open until engineers inspect it,"', 0, 0),
    )
    out = to_html(dataclasses.replace(_misattributed(), discrepancies=(changed,)))
    assert "<del>shut</del> <ins>open</ins>" in out


def test_misattributed_quote_marks_both_speakers() -> None:
    out = to_html(_misattributed())
    assert re.search(r'<mark id="ref-1-speaker" class="hl speaker"[^>]*>Mara Quint</mark>', out)
    assert re.search(r'<mark id="cand-1-speaker" class="hl speaker"[^>]*>Tobias Renn</mark>', out)
    row = out.split('id="finding-1"')[1].split("</li>")[0]
    assert 'said by <mark class="speaker"><bdi dir="auto">Mara Quint</bdi></mark>' in row
    assert '<mark class="speaker"><bdi dir="auto">Tobias Renn</bdi></mark> in the candidate' in row


def test_dates_are_written_with_month_names() -> None:
    out = to_html(fixtures.COMPARISON)
    assert '<time datetime="2025-03-03">Monday 3 March 2025</time>' in out  # published
    row = out.split('data-kind="date_mismatch"')[1].split("</li>")[0]
    assert '<time datetime="2025-03-04">Tuesday 4 March 2025</time>' in row


def test_arabic_evidence_is_isolated_in_english_text() -> None:
    out = to_html(fixtures.arabic_comparison())
    row = out.split('id="finding-1"')[1].split("</li>")[0]
    assert '“<bdi dir="auto">مارا كوينت</bdi>”' in row


def test_pair_report_links_back_to_the_audit_index() -> None:
    out = to_html(fixtures.COMPARISON, index="../index.html#pair-a-vs-b")
    assert '<a class="back" href="../index.html#pair-a-vs-b">' in out
    assert '<a class="back"' not in to_html(fixtures.COMPARISON)


def test_print_stylesheet_shows_everything_and_hides_the_controls() -> None:
    out = to_html(fixtures.COMPARISON)
    printed = out.split("@media print")[1].split("</style>")[0]
    assert ".toolbar, .back { display: none; }" in printed
    assert ".doc .text { max-height: none; overflow: visible; }" in printed
    assert "print-color-adjust: exact" in printed
