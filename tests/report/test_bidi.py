"""isolate_rtl / bdi: right-to-left runs inside English text keep their own direction."""

from __future__ import annotations

from factcheck.report.bidi import bdi, isolate_rtl


def test_arabic_name_and_its_ellipsis_are_isolated() -> None:
    out = isolate_rtl("The candidate quotes مايا براتيوي: “تقر مشروع سدود…”.")
    assert out == (
        'The candidate quotes <bdi dir="rtl">مايا براتيوي</bdi>: “<bdi dir="rtl">'
        "تقر مشروع سدود…</bdi>”."
    )


def test_hebrew_counts_as_right_to_left_and_latin_text_is_only_escaped() -> None:
    assert isolate_rtl("a שלום b") == 'a <bdi dir="rtl">שלום</bdi> b'
    assert isolate_rtl('Plain <b> & "x"') == "Plain &lt;b&gt; &amp; &quot;x&quot;"


def test_bdi_escapes_its_text() -> None:
    assert bdi("<script>") == '<bdi dir="auto">&lt;script&gt;</bdi>'
