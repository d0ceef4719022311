"""word_diff / diff_html: which words of a quote changed, ignoring case and edge punctuation."""

from __future__ import annotations

from factcheck.report.worddiff import diff_html, word_diff


def test_changed_words_are_deleted_and_inserted() -> None:
    pieces = word_diff("This is a pause, not a farewell,", "This is not a pause, it is a farewell,")
    assert pieces is not None
    assert ("ins", "not") in pieces and ("del", "not") in pieces
    assert " ".join(w for op, w in pieces if op != "del").split() == (
        ["This", "is", "not", "a", "pause,", "it", "is", "a", "farewell,"]
    )


def test_punctuation_and_case_are_not_changes() -> None:
    assert word_diff('"We will return."', "we will return") == [("same", "we will return")]


def test_unrelated_or_translated_quotes_get_no_diff() -> None:
    assert word_diff("Nous rouvrirons avant l'été.", "We will reopen before summer.") is None
    assert diff_html("", "x") is None


def test_diff_html_escapes() -> None:
    out = diff_html("say <b>yes</b> now", "say <i>no</i> now")
    assert out is not None and "<b>" not in out and "&lt;i&gt;no&lt;/i&gt;" in out
