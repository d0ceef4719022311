"""The scope rules of benchmarks/recognizers.py, on short cases written for the tests."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks import recognizers as bench


def figure(text: str, *results: tuple[str, str, str]) -> dict[str, Any]:
    """A raw number case: (shown text, value, unit) per result, found in `text`."""
    out = []
    for shown, value, unit in results:
        start = text.index(shown)
        resolution = {"value": value, **({"unit": unit} if unit else {})}
        out.append(
            {"Text": shown, "Start": start, "End": start + len(shown) - 1, "Resolution": resolution}
        )
    return {"Input": text, "Results": out}


def date(
    text: str, shown: str, value: str, reference: str = "2020-05-01T00:00:00"
) -> dict[str, Any]:
    start = text.index(shown)
    timex = value
    result = {
        "Text": shown,
        "Type": "date",
        "Start": start,
        "End": start + len(shown) - 1,
        "Value": {
            "Timex": timex,
            "PastResolution": {"date": value},
            "FutureResolution": {"date": value},
        },
    }
    return {"Input": text, "Context": {"ReferenceDateTime": reference}, "Results": [result]}


@pytest.mark.parametrize(
    ("raw", "type_", "language", "reason"),
    [
        (
            figure("2. 345. 678", ("2", "2", ""), ("345", "345", ""), ("678", "678", "")),
            "numbers",
            "pt",
            "list marker",
        ),
        (
            figure("5.50 or 5,50", ("5", "5", ""), ("50", "50", ""), ("5,50", "5.5", "")),
            "numbers",
            "tr",
            "splits",
        ),
        (figure("12345.0", ("12345.0", "0.5", "")), "numbers", "fr", "not the number written"),
        (figure("41 cents", ("41 cents", "4100", "")), "numbers", "fr", "cent(s)"),
        (figure("percent of 40", ("percent of 40", "40%", "")), "percentages", "en", "'of N'"),
        (figure("70'in yüzdesi", ("70'in yüzdesi", "70%", "")), "percentages", "tr", "'of N'"),
    ],
)
def test_figures_set_aside_with_their_reason(
    raw: dict[str, Any], type_: str, language: str, reason: str
) -> None:
    case = bench._figure_case(raw, type_, language)
    assert case.out is not None and reason in case.out


@pytest.mark.parametrize(
    ("raw", "type_", "language"),
    [
        (figure("It cost € 40 now", ("€ 40", "40", "Euro")), "currency", "nl"),
        (figure("Pay € -40 now", ("€ -40", "-40", "Euro")), "currency", "nl"),
        (
            figure(
                "Items 12,14,16,18.",
                ("12", "12", ""),
                ("14", "14", ""),
                ("16", "16", ""),
                ("18", "18", ""),
            ),
            "numbers",
            "en",
        ),
        (figure("12345,5", ("12345,5", "12345.5", "")), "numbers", "fr"),
        (figure("41 cents", ("41 cents", "4100", "")), "numbers", "en"),
        (figure("40 percent", ("40 percent", "40%", "")), "percentages", "en"),
    ],
)
def test_figures_kept_in_scope(raw: dict[str, Any], type_: str, language: str) -> None:
    assert bench._figure_case(raw, type_, language).out is None


def test_a_month_first_all_digit_date_is_set_aside_where_the_day_comes_first() -> None:
    raw = date("Je rentre 07/10, 2019", "07/10, 2019", "2019-07-10")
    assert "month or year first" in (bench._date_case(raw, "fr").out or "")
    assert bench._date_case(raw, "en").out is None  # English writes the month first
    day_first = date("Je rentre 07/10, 2019", "07/10, 2019", "2019-10-07")
    assert bench._date_case(day_first, "fr").out is None


def test_a_relative_day_is_set_aside_and_scored_apart() -> None:
    raw = date("We met yesterday at noon.", "yesterday", "2020-04-30")
    raw["Results"][0]["Value"]["Timex"] = "2020-04-30"
    case = bench._date_case(raw, "en")
    assert case.out == bench.RELATIVE and len(case.relative) == 1
    assert bench._read(case.relative[0], bench._facts(case), "dates")  # resolved from 1 May
    wrong = date("We met yesterday at noon.", "yesterday", "2020-04-29")
    wrong["Results"][0]["Value"]["Timex"] = "2020-04-29"
    case = bench._date_case(wrong, "en")
    assert not bench._read(case.relative[0], bench._facts(case), "dates")


def test_a_spelled_out_day_in_scope_is_not_scored_as_relative() -> None:
    case = bench._date_case(date("On 3 March 2020 it rained.", "3 March 2020", "2020-03-03"), "en")
    assert case.out is None and case.relative == ()
