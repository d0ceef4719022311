"""Audit renderers: audit_dict against the schema, the index page, terminal and Markdown."""

from __future__ import annotations

import dataclasses
import re

import jsonschema
import pytest

from factcheck.models import AuditResult, PairResult
from factcheck.report import (
    audit_dict,
    audit_to_html,
    audit_to_markdown,
    audit_to_terminal,
    validate,
)
from tests.report import fixtures
from tests.report.htmlcheck import Page


def test_audit_dict_validates_and_carries_everything() -> None:
    doc = audit_dict(fixtures.AUDIT)
    validate(doc, "audit")
    assert doc["schema"] == "factcheck/audit@1"
    assert doc["documents"][0]["published"] == "2025-03-03"
    flag = doc["documents"][1]["flags"][0]
    assert flag["kind"] == "ai_disclaimer"
    assert flag["disclosure"] == "ai_assisted"
    ev = flag["evidence"]
    assert ev["text"] == fixtures.CANDIDATE_TEXT[ev["start"] : ev["end"]]
    assert doc["documents"][3] == {
        "path": "articles/broken.txt",
        "language": None,
        "title": None,
        "published": None,
        "sha256": None,
        "group": None,
        "flags": [],
        "error": "binary data, not text",
    }
    assert doc["pairs"][0]["counts"] == {"empty_quote": 1, "missing_quote": 1, "number_mismatch": 1}
    assert doc["pairs"][0]["report"] == "pairs/harbour_en-vs-harbour_fr.html"
    assert doc["errors"] == [{"path": "articles/broken.txt", "reason": "binary data, not text"}]


def test_zero_counts_are_dropped_so_the_schema_holds() -> None:
    pair = PairResult("a.txt", "b.txt", "consistent", {"missing_quote": 0}, None, None)
    audit = dataclasses.replace(fixtures.AUDIT, pairs=(pair,))
    doc = audit_dict(audit)
    validate(doc, "audit")
    assert doc["pairs"][0]["counts"] == {}


def test_broken_audit_fails_validation() -> None:
    doc = audit_dict(fixtures.AUDIT)
    doc["groups"][0]["documents"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "audit")


def test_index_page_links_each_pair_report() -> None:
    out = audit_to_html(fixtures.AUDIT)
    page = Page(out)
    assert page.errors == []
    remote = [u for u in page.urls if not u.startswith("#")]
    assert set(remote) == {"pairs/harbour_en-vs-harbour_fr.html"}
    assert not any("http" in url for url in page.urls)
    assert set(page.links) <= set(page.ids)  # every in-page link lands
    # the pair's row carries the id its report links back to
    assert "pair-harbour_en-vs-harbour_fr" in page.ids
    assert '<h2>Story 1: <bdi class="headline" dir="auto" lang="en">Harbour Authority' in out
    assert '<strong class="role">reference</strong>' in out
    assert '<span class="file">harbour_ar.md</span> · <span class="lang">ar</span>' in out
    assert (
        '<span class="kind">empty_quote</span>&nbsp;1, <span class="kind">missing_quote</span>'
        '&nbsp;1, <span class="kind">number_mismatch</span>&nbsp;1' in out
    )
    assert "Review queue" in out and "AI-use disclosure: review by a human" in out
    assert "written with AI help" in out
    assert "Cet article a été rédigé avec l&#x27;aide" in out
    assert "broken.txt: binary data, not text" in out


def test_index_page_shows_headlines_dates_and_a_filter_box() -> None:
    out = audit_to_html(fixtures.AUDIT)
    page = Page(out)
    titles = [t for t, a in page.tags if t == "bdi" and a.get("class") == "headline"]
    assert titles  # headlines, not only file names
    assert '<time datetime="2025-03-03">Monday 3 March 2025</time>' in out
    boxes = [a for t, a in page.tags if t == "input" and a.get("type") == "search"]
    assert boxes and boxes[0]["id"] == "filter"
    rows = [a for t, a in page.tags if t == "li" and a.get("class") == "member"]
    assert all(a.get("data-search") == (a.get("data-search") or "").casefold() for a in rows)
    assert "harbour_fr.txt" in " ".join(a["data-search"] or "" for a in rows)
    assert "input" in page.scripts[0] and "data-search" in page.scripts[0]


def test_index_page_refuses_remote_report_links_and_escapes_paths() -> None:
    pair = PairResult(
        "articles/<b>.txt",
        "articles/x.txt",
        "discrepancies",
        {"missing_date": 1},
        report="https://example.com/x.html",
        worst="medium",
    )
    out = audit_to_html(dataclasses.replace(fixtures.AUDIT, pairs=(pair,)))
    assert "example.com" not in out
    assert "<b>.txt" not in out


def test_terminal_summary() -> None:
    out = audit_to_terminal(fixtures.AUDIT, width=200, color=False)
    assert out.splitlines()[0] == (
        "Audit of articles: 3 articles in 1 story; 2 pair(s) compared (1 consistent, "
        "1 discrepancies); 1 flagged for review; 1 error(s)"
    )
    assert re.search(r"harbour_fr\.txt\s+discrepancies\s+high\s+empty_quote 1", out)
    assert "broken.txt: binary data, not text" in out
    assert not re.search(r"\x1b\[", out)


def test_markdown_summary() -> None:
    md = audit_to_markdown(fixtures.AUDIT)
    assert "## Story 1" in md
    assert "[report](<pairs/harbour_en-vs-harbour_fr.html>)" in md
    assert "## Errors" in md and "- broken.txt: binary data, not text" in md


def _with_image_caption() -> AuditResult:
    documents = list(fixtures.AUDIT.documents)
    flag = documents[1].flags[0]
    documents[1] = dataclasses.replace(
        documents[1], flags=(dataclasses.replace(flag, disclosure="ai_image"),)
    )
    return dataclasses.replace(fixtures.AUDIT, documents=tuple(documents))


def test_an_ai_image_is_not_in_the_review_queue_but_listed_apart() -> None:
    audit = _with_image_caption()
    out = audit_to_terminal(audit, width=200, color=False)
    assert "0 flagged for review" in out.splitlines()[0]
    assert "review by a human" not in out
    assert "AI-made images (not in the review queue)" in out
    md = audit_to_markdown(audit)
    assert "review by a human" not in md and "## AI-made images" in md
    page = audit_to_html(audit)
    queue, images = page.split('id="ai-images"')
    assert "rédigé avec l&#x27;aide" not in queue  # the review queue holds the high finding only
    assert "rédigé avec l&#x27;aide" in images.split("</section>")[0]
    doc = audit_dict(audit)
    validate(doc, "audit")
    assert doc["documents"][1]["flags"][0]["disclosure"] == "ai_image"


def test_degraded_audit_says_so_everywhere() -> None:
    audit = dataclasses.replace(fixtures.AUDIT, run=fixtures.DEGRADED_RUN)
    for text in (
        audit_to_terminal(audit, width=200, color=False),
        audit_to_markdown(audit),
        audit_to_html(audit),
    ):
        assert "LLM providers failed; results come from the offline rules only" in text
