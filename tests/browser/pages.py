"""Small pages written for the browser tests (the examples have no long Arabic evidence)."""

from __future__ import annotations

from factcheck.models import Comparison, Discrepancy
from factcheck.report import to_html
from tests.report import fixtures

# Written for this test: "The harbour authority closed the pier after the storm damaged the
# sea wall along forty metres, and said that repairs would take many months."
ARABIC = (
    "أغلقت سلطة الميناء الرصيف بعد أن ألحقت العاصفة أضرارا بالجدار البحري على امتداد "
    "أربعين مترا، وقالت إن الإصلاحات ستستغرق شهورا عديدة."
)


def arabic_quote_page() -> str:
    """An English reference against an Arabic candidate whose long evidence gets shortened."""
    cand = fixtures.document("articles/harbour_ar.md", ARABIC, "ar")
    found = Discrepancy(
        "unsupported_claim",
        "medium",
        "The candidate adds a claim about the repairs",
        candidate=fixtures.span(ARABIC, ARABIC),
    )
    comparison = Comparison(fixtures.REFERENCE, cand, "discrepancies", (found,), (), (), ())
    return to_html(comparison)
