"""highlight(): escaped text with nested, crossing, coinciding and empty spans kept well formed."""

from __future__ import annotations

import re

from factcheck.models import Evidence
from factcheck.report.highlight import Highlight, highlight, locate
from tests.report.htmlcheck import Page

TEXT = "Alpha beta gamma delta <epsilon> & zeta"


def mark(start: int, end: int, n: int) -> Highlight:
    return Highlight(start, end, f"m{n}", f"finding-{n}", str(n), f"finding {n}")


def visible(html: str) -> str:
    import html as htmlmod

    no_links = re.sub(r'<a class="pin[^>]*>.*?</a>', "", html)
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", no_links))


def test_text_is_escaped_and_preserved() -> None:
    out = highlight(TEXT, [mark(23, 32, 1)])
    assert "&lt;epsilon&gt;" in out and "&amp;" in out
    assert visible(out) == TEXT
    assert '<mark id="m1"' in out and ">&lt;epsilon&gt;</mark>" in out


def test_crossing_spans_are_split_and_stay_nested() -> None:
    # "beta gamma" and "gamma delta" cross
    out = highlight(TEXT, [mark(6, 16, 1), mark(11, 22, 2)])
    page = Page(f"<div>{out}</div>")
    assert page.errors == []
    assert page.ids == ["m1", "m2"]  # each id once, on the span's first piece
    assert visible(out) == TEXT
    assert out.count('data-target="finding-2"') == 2  # m2 continues after m1 closes
    assert '<a class="pin" href="#finding-1" aria-label="finding 1">1</a><mark id="m1"' in out
    assert '<a class="pin" href="#finding-2" aria-label="finding 2">2</a><mark id="m2"' in out


def test_nested_coinciding_and_empty_spans() -> None:
    spans = [mark(0, 22, 1), mark(6, 10, 2), mark(6, 10, 3), mark(5, 5, 4), mark(39, 39, 5)]
    out = highlight(TEXT, spans)
    page = Page(f"<div>{out}</div>")
    assert page.errors == []
    assert sorted(page.ids) == ["m1", "m2", "m3", "m4", "m5"]
    assert visible(out) == TEXT
    assert out.endswith(
        '<a class="pin" href="#finding-5" aria-label="finding 5">5</a>'
        '<mark id="m5" class="hl" data-target="finding-5" title="finding 5"></mark></p>'
    )


def test_out_of_range_spans_are_ignored() -> None:
    out = highlight(TEXT, [mark(30, 99, 1), mark(-1, 3, 2)])
    assert "<mark" not in out
    assert visible(out) == TEXT


def test_locate_trusts_matching_offsets_and_recovers_shifted_ones() -> None:
    assert locate(TEXT, Evidence("gamma", 11, 16)) == (11, 16)
    assert locate(TEXT, Evidence("gamma", 0, 5)) == (11, 16)
    assert locate(TEXT, Evidence("omega", 0, 5)) is None


def test_blank_lines_make_paragraphs_and_single_newlines_stay_inside() -> None:
    text = "One line\nwrapped here.\n\n  \nSecond paragraph.\n\n\nThird."
    out = highlight(text, [])
    assert out == "<p>One line\nwrapped here.</p><p>Second paragraph.</p><p>Third.</p>"


def test_lines_are_paragraphs_in_html_text_and_in_text_without_blank_lines() -> None:
    assert highlight("One.\nTwo.\n\nThree.", [], lines_are_paragraphs=True) == (
        "<p>One.</p><p>Two.</p><p>Three.</p>"
    )
    assert highlight("One.\nTwo.", []) == "<p>One.</p><p>Two.</p>"


def test_a_span_across_a_paragraph_break_is_closed_and_reopened() -> None:
    text = "Alpha beta.\n\nGamma delta."
    out = highlight(text, [mark(6, 19, 1)])
    page = Page(f"<div>{out}</div>")
    assert page.errors == [] and page.ids == ["m1"]
    assert out.count('data-target="finding-1"') == 2  # the piece after the break has no id
    assert out.count("<p>") == 2
    assert re.search(
        r'<mark id="m1"[^>]*>beta\.</mark></p><p><mark class="hl"[^>]*>Gamma </mark>delta', out
    )


def test_paragraph_breaks_are_found_in_linear_time() -> None:
    import time

    text = ("word " * 2000 + "\n\n") * 50 + " " * 200_000
    started = time.process_time()
    out = highlight(text, [])
    assert out.count("<p>") == 50
    assert time.process_time() - started < 2.0
