"""The examples' HTML reports in a real browser (headless Chromium), wide and on a phone.

What a reader would check: nothing logged as an error, no sideways scrolling on a phone, a filter
hides what it names, a click or a key on a finding brings its evidence into view and highlights
it, Arabic evidence reads right to left, and the audit index links to the pair pages and back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.browser.cdp import Page
from tests.browser.conftest import SCREENSHOTS
from tests.browser.shrink import save_docs_copy

WIDE = (1400, 900)
PHONE = (390, 844)
CURRENT = "rgb(255, 211, 61)"  # --current in report.css


def load(page: Page, path: Path, size: tuple[int, int], fragment: str = "") -> int:
    """Open a report at a window size; returns where its events start, for errors()."""
    page.viewport(*size, mobile=size[0] < 500)
    seen = len(page.events)
    page.open(path.as_uri() + fragment)
    return seen


def no_errors(page: Page, since: int) -> None:
    assert page.errors(since) == []


def shoot(page: Page, name: str) -> None:
    path = SCREENSHOTS / f"{name}.png"
    assert page.screenshot(path) > 1000
    if os.environ.get("FACTCHECK_DOCS_SCREENSHOTS"):
        save_docs_copy(path)


def in_view(page: Page, selector: str) -> dict[str, float]:
    """Where an element is relative to the window and to its scrolling article."""
    return page.js(
        f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
        " const r = el.getBoundingClientRect(); const pane = el.closest('.text');"
        " const p = pane.getBoundingClientRect();"
        " const bg = getComputedStyle(el).backgroundColor;"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,"
        " paneTop: Math.max(p.top, 0), paneBottom: Math.min(p.bottom, innerHeight),"
        " height: innerHeight, width: innerWidth, scrolled: pane.scrollTop,"
        " room: pane.scrollHeight - pane.clientHeight, current: el.classList.contains('current'),"
        " bg: bg, focused: document.activeElement === el}; })()"
    )


def assert_shown(where: dict[str, float]) -> None:
    assert where["current"] and where["bg"] == CURRENT, where
    assert where["top"] >= 0 and where["bottom"] <= where["height"], where
    assert where["paneTop"] <= where["top"] and where["bottom"] <= where["paneBottom"], where
    assert where["left"] >= 0 and where["right"] <= where["width"], where


def assert_centred(where: dict[str, float]) -> None:
    """The middle of the mark within a tenth of the window's height of the window's middle."""
    middle = (where["top"] + where["bottom"]) / 2
    assert abs(middle - where["height"] / 2) < where["height"] / 10, where


def overflow(page: Page) -> int:
    return int(page.js("document.documentElement.scrollWidth - innerWidth"))


def test_compare_report_wide(browser: Page, reports: dict[str, Path]) -> None:
    since = load(browser, reports["en"], WIDE)
    # The articles start in the first screen, side by side.
    ref, cand = browser.js(
        "[...document.querySelectorAll('.doc')].map(d => d.getBoundingClientRect().toJSON())"
    )
    assert ref["top"] < WIDE[1] / 2 and ref["top"] == cand["top"] and ref["right"] < cand["left"]
    # Every pin sits in the margin, left of its paragraph's text.
    assert browser.js(
        "[...document.querySelectorAll('.doc .pin')].every(p => p.getBoundingClientRect().right"
        " <= p.parentElement.closest('p').getBoundingClientRect().left + 1)"
    )
    assert overflow(browser) <= 0

    # A severity filter hides its findings, their pins and their marks' colour.
    rows = "document.querySelectorAll('.finding:not(.filtered)').length"
    before = browser.js(rows)
    browser.click('.filters input[name="sev"][value="medium"]')
    assert browser.js(rows) == before - 4
    assert (
        browser.js("getComputedStyle(document.querySelector('.finding[data-sev=medium]')).display")
        == "none"
    )
    assert browser.js("document.querySelector('mark.hl.sev-medium').classList.contains('filtered')")
    assert browser.js("document.getElementById('position').textContent") == "– / 4"
    browser.click('.filters input[name="sev"][value="medium"]')
    assert browser.js(rows) == before

    # A click on a finding's evidence shows both marks, highlighted, inside their articles.
    browser.click('#finding-3 a.ev[href="#cand-3"]')
    assert browser.js("document.querySelector('.finding.current').id") == "finding-3"
    for mark in ("#ref-3", "#cand-3"):
        where = in_view(browser, mark)
        assert_shown(where)
        assert_centred(where)  # both, though each sits at its own depth in its article
    assert in_view(browser, "#cand-3")["focused"]
    # The misattributed quote's two speakers are marked.
    assert browser.js("document.querySelectorAll('#ref-3-speaker, #cand-3-speaker').length") == 2

    # j / k step through the findings.
    browser.key("j")
    assert browser.js("document.getElementById('position').textContent") == "4 / 8"
    assert_shown(in_view(browser, "#cand-4"))
    assert_centred(in_view(browser, "#cand-4"))
    browser.key("k")
    browser.key("k")
    assert browser.js("document.querySelector('.finding.current').id") == "finding-2"
    assert_shown(in_view(browser, "#cand-2"))
    browser.js("window.scrollTo(0, 0)")  # the page's head in the picture; the articles keep theirs
    shoot(browser, "compare-1400")
    no_errors(browser, since)


def test_compare_report_on_a_phone(browser: Page, reports: dict[str, Path]) -> None:
    since = load(browser, reports["en"], PHONE)
    assert overflow(browser) <= 0
    ref, cand = browser.js(
        "[...document.querySelectorAll('.doc')].map(d => d.getBoundingClientRect().toJSON())"
    )
    assert ref["bottom"] <= cand["top"]  # stacked
    browser.click('.filters input[name="kind"][value="added_entity"]')
    assert (
        browser.js(
            "getComputedStyle(document.querySelector('.finding[data-kind=added_entity]')).display"
        )
        == "none"
    )
    browser.click("#finding-7 .msg")
    where = in_view(browser, "#cand-7")
    assert_shown(where)
    assert_centred(where)
    assert overflow(browser) <= 0
    shoot(browser, "compare-390")
    no_errors(browser, since)


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1400", "390"])
def test_arabic_retelling_reads_right_to_left(
    browser: Page, reports: dict[str, Path], size: tuple[int, int]
) -> None:
    since = load(browser, reports["ar"], size)
    assert overflow(browser) <= 0
    assert (
        browser.js("getComputedStyle(document.querySelector('.doc-candidate .text')).direction")
        == "rtl"
    )
    # In the Arabic article the pins sit in the right-hand margin.
    assert browser.js(
        "[...document.querySelectorAll('.doc-candidate .pin')].every(p => p.getBoundingClientRect()"
        ".left >= p.closest('p').getBoundingClientRect().right - 1)"
    )
    browser.click("#next")
    assert_shown(in_view(browser, "#cand-1"))
    if size == PHONE:
        shoot(browser, "compare-ar-390")
    no_errors(browser, since)


def test_shortened_arabic_evidence_ends_on_its_left(browser: Page, tmp_path: Path) -> None:
    """The ellipsis of a cut Arabic quote inside an English row is drawn where Arabic ends."""
    from tests.browser.pages import arabic_quote_page

    path = tmp_path / "arabic.html"
    path.write_text(arabic_quote_page(), encoding="utf-8")
    since = load(browser, path, WIDE)
    where = browser.js(
        "(() => { const b = document.querySelector('#finding-1 a.ev bdi');"
        " const t = b.firstChild, s = t.data; const r = document.createRange();"
        " const at = (i) => { r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect(); };"
        " return {first: at(0).toJSON(), dots: at(s.length - 1).toJSON(), last: s.slice(-1)}; })()"
    )
    assert where["last"] == "…"
    assert where["dots"]["right"] <= where["first"]["left"], where
    no_errors(browser, since)


def test_audit_index_links_both_ways(browser: Page, reports: dict[str, Path]) -> None:
    for size, name in ((WIDE, "audit-1400"), (PHONE, "audit-390")):
        since = load(browser, reports["audit"], size)
        assert overflow(browser) <= 0
        headlines = browser.js(
            "[...document.querySelectorAll('.story .headline')].map(h => h.textContent)"
        )
        assert "Wirasena approves Rp 1.2 trillion flood wall" in headlines
        assert browser.js("document.querySelectorAll('section.story').length") == 2
        shoot(browser, name)
        no_errors(browser, since)

    since = load(browser, reports["audit"], WIDE)
    browser.click("#filter")
    browser.type_text("b2-retelling")
    assert browser.js("document.getElementById('shown').textContent") == "1 of 8 articles shown"
    assert browser.js("[...document.querySelectorAll('section.story')].map(s => s.hidden)") == [
        True,
        False,
    ]
    seen = len(browser.events)
    browser.click(".story .member:not([hidden]) a.report")
    browser.wait_for("Page.loadEventFired", since=seen)
    assert browser.js("location.pathname").endswith(
        "/pairs/b1-reference-id-vs-b2-retelling-ar.html"
    )
    back = browser.js("document.querySelector('a.back').getAttribute('href')")
    assert back == "../index.html#pair-b1-reference-id-vs-b2-retelling-ar"
    seen = len(browser.events)
    browser.click("a.back")
    browser.wait_for("Page.loadEventFired", since=seen)
    assert (
        browser.js("document.querySelector(':target').id")
        == "pair-b1-reference-id-vs-b2-retelling-ar"
    )
    top = browser.js("document.querySelector(':target').getBoundingClientRect().top")
    assert 0 <= top < WIDE[1]
    no_errors(browser, since)


def test_printed_report_shows_every_finding_and_both_whole_articles(
    browser: Page, reports: dict[str, Path]
) -> None:
    since = load(browser, reports["en"], WIDE)
    browser.click('.filters input[name="sev"][value="medium"]')  # a filter left on screen
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.js("getComputedStyle(document.querySelector('.toolbar')).display") == "none"
        assert browser.js(
            "[...document.querySelectorAll('.finding')].every(f => getComputedStyle(f).display !== 'none')"
        )
        assert browser.js(
            "[...document.querySelectorAll('.doc .text')].every(t => t.scrollHeight <= t.clientHeight + 1)"
        )
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    no_errors(browser, since)
