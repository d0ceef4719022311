"""to_html: one self-contained page, escaped text, marks linked both ways, filters, RTL."""

from __future__ import annotations

import re

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
    assert re.search(r'<mark id="cand-\d+"[^>]*>Le maire <mark id="cand-\d+"[^>]*>Paul', out)
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
    assert '<a href="#flag-1-span">' in out
    assert "DEGRADED: LLM providers failed; results come from the offline rules only" in out
    assert 'role="alert"' not in to_html(fixtures.COMPARISON)


def test_phone_layout_media_query() -> None:
    out = to_html(fixtures.COMPARISON)
    phone = out.split("@media (max-width: 760px)")[1].split("</style>")[0]
    assert ".articles { grid-template-columns: 1fr; }" in phone
    assert ".articles { display: grid; grid-template-columns: 1fr 1fr;" in out
