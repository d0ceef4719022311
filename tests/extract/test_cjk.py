"""Figures and dates in Chinese, Japanese and Korean text (factcheck/extract/rules/cjk.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.compare.story import profile, similarity
from factcheck.extract.rules import extract
from factcheck.models import Document


def _doc(text: str, language: str = "zh") -> Document:
    return Document("a.txt", text, "0", language=language, published=dt.date(2024, 5, 2))


def figures(text: str, language: str = "zh") -> list[tuple[str, float, str | None]]:
    return [(f.text, f.value, f.unit) for f in extract(_doc(text, language)) if f.kind == "number"]


def dates(text: str, language: str = "zh") -> list[tuple[str, str | None]]:
    return [(f.text, f.value) for f in extract(_doc(text, language)) if f.kind == "date"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("洪水造成15人死亡", "zh", [("15", 15.0, None)]),  # glued to the words on both sides
        ("预计吸引 300 万游客", "zh", [("300 万", 3_000_000.0, None)]),  # a myriad, spaced
        ("亏损2.5亿美元", "zh", [("2.5亿美元", 250_000_000.0, "USD")]),
        ("罚款提高到 20,000 欧元", "zh", [("20,000 欧元", 20_000.0, "EUR")]),
        ("株価は４％下落した", "ja", [("４％", 4.0, "%")]),  # full-width digits and sign
        ("1杯480円のラーメン", "ja", [("1", 1.0, None), ("480円", 480.0, "JPY")]),
        (
            "화재로 9명이 다치고 3만 명이 대피했다",
            "ko",
            [("9", 9.0, None), ("3만", 30_000.0, None)],
        ),
        ("10억 달러 규모", "ko", [("10억 달러", 1e9, "USD")]),
    ],
)
def test_figures_glued_to_cjk_words_are_read_with_their_myriads_and_currencies(
    text, language, expected
):
    assert figures(text, language) == expected


@pytest.mark.parametrize(
    "text",
    [
        "第 3 次会议",  # a rank
        "会议于 5 月 6 日举行",  # a day and a month
        "上午 9 点开始",  # an hour
        "2019 年的报告",  # a year
    ],
)
def test_days_hours_ranks_and_years_are_no_figures(text):
    assert figures(text) == []


def test_dates_are_read_with_their_units_and_a_missing_year_from_publication():
    assert dates("2023年11月8日，市政府宣布") == [("2023年11月8日", "2023-11-08")]
    assert dates("从 4 月 22 日开始") == [("4 月 22 日", "2024-04-22")]
    assert dates("2024년 3월 5일 발표했다", "ko") == [("2024년 3월 5일", "2024-03-05")]
    assert dates("2022年6月的数据") == [("2022年6月", "2022-06")]


def test_what_a_figure_counts_is_read_after_it():
    facts = [f for f in extract(_doc("地震造成 72 人死亡，另有 300 人受伤")) if f.kind == "number"]
    assert [(f.value, f.counted, f.context) for f in facts] == [
        (72.0, "dead", "人"),
        (300.0, "injured", "人"),
    ]


def test_a_myriad_figure_meets_the_same_figure_in_another_language():
    chinese = _doc("尼泊尔政府希望今年吸引 200 万游客，总统班达里说。")
    english = _doc(
        "Nepal hopes to draw 2 million tourists this year, President Bhandari said.", "en"
    )
    tokens = set(profile(chinese, extract(chinese)).tokens)
    assert "f:2e+06" in tokens and "f:200" not in tokens
    assert "f:2e+06" in profile(english, extract(english)).tokens


def test_chinese_text_is_profiled_by_pairs_of_characters():
    """Without spaces a run of characters is a clause: two reports of one story share few whole
    clauses, but many of their two-character words."""
    one = _doc("北卡罗来纳州联邦法官阻止了新的选民身份证法律。")
    other = _doc("一名联邦法官周二阻止北卡罗来纳州实施选民身份证法律。")
    unrelated = _doc("汉堡王宣布为儿童提供免费餐食，以应对学校停课。")
    profiles = [profile(d, extract(d)) for d in (one, other, unrelated)]
    assert "w:zh:法官" in profiles[0].tokens
    assert similarity(profiles[0], profiles[1]) > similarity(profiles[0], profiles[2])


def test_a_count_changed_in_a_chinese_retelling_is_a_number_mismatch():
    """Glued to the words around it, the count was invisible: the change went unreported."""
    from factcheck.compare import compare

    reference = _doc("周一，北部山区发生地震，造成72人死亡，数百栋房屋倒塌。")
    retelling = _doc("周一，北部山区发生地震，造成86人死亡，数百栋房屋倒塌。")
    result = compare(reference, extract(reference), retelling, extract(retelling))
    (found,) = [d for d in result.discrepancies if d.kind == "number_mismatch"]
    assert found.severity == "high" and "72" in found.message and "86" in found.message
