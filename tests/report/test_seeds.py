"""The renderers on the real seed articles: empty quotes in 001, Arabic right-to-left in 003."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.models import Comparison, Discrepancy, Document, Evidence, Flag
from factcheck.report import report_dict, to_html, to_markdown, to_terminal, validate
from tests.conftest import seed
from tests.report.htmlcheck import Page

pytestmark = pytest.mark.real


def _doc(path: Path, language: str) -> Document:
    return Document(
        path=str(path), text=path.read_text("utf-8"), sha256="0" * 64, language=language
    )


def _seed_comparison(seeds_dir: Path) -> Comparison:
    ref = _doc(seed(seeds_dir, 0), "id")
    cand = _doc(seed(seeds_dir, 1), "fr")
    empties = [m.start() for m in re.finditer('""', cand.text)]
    assert len(empties) >= 2
    found = tuple(
        Discrepancy(
            "empty_quote",
            "high",
            "Empty quotation marks",
            candidate=Evidence.of(cand.text, s, s + 2),
        )
        for s in empties
    )
    at = ref.text.index("Christopher Nulty")
    missing = Discrepancy(
        "missing_entity",
        "low",
        "Christopher Nulty is not named",
        reference=Evidence.of(ref.text, at, at + len("Christopher Nulty")),
    )
    tail = ref.text.rstrip()
    last = tail.rfind("\n") + 1
    flag = Flag("ai_disclaimer", "reference", Evidence.of(ref.text, last, len(tail)))
    return Comparison(ref, cand, "discrepancies", (*found, missing), (flag,), (), ())


def test_seed_empty_quotes_render_everywhere(seeds_dir: Path) -> None:
    c = _seed_comparison(seeds_dir)
    doc = report_dict(c)
    validate(doc, "report")
    for d in doc["discrepancies"]:
        ev = d["candidate"] or d["reference"]
        text = c.candidate.text if d["candidate"] else c.reference.text
        assert ev["text"] == text[ev["start"] : ev["end"]]
    page = Page(to_html(c))
    assert page.errors == []
    assert set(page.links) <= set(page.ids)
    assert 'id="cand-1"' in to_html(c) and "Christopher Nulty</mark>" in to_html(c)
    assert "empty_quote" in to_markdown(c)
    out = to_terminal(c, width=80, color=False)
    assert out.startswith("DISCREPANCIES: 001_08fca85d72c74b22.txt (fr) vs reference")
    assert 'cand: ""' in out  # the empty quotation marks themselves, not wrapped in more


def test_seed_arabic_column_is_rtl(seeds_dir: Path) -> None:
    ar = _doc(seed(seeds_dir, 3), "ar")
    ref = _doc(seed(seeds_dir, 0), "id")
    at = ar.text.index("Anthropic")
    found = Discrepancy("missing_date", "medium", "x", candidate=Evidence.of(ar.text, at, at + 9))
    page = Page(to_html(Comparison(ref, ar, "discrepancies", (found,), (), (), ())))
    assert page.errors == []
    cand = next(a for t, a in page.tags if t == "article" and "doc-candidate" in a["class"])
    assert cand["dir"] == "rtl"
    # the front matter's image URL is article text, never a link or a source
    assert not any("http" in url for url in page.urls)
