"""How serious each finding is: one table, read by every part of the comparison.

A finding is named by its discrepancy kind and a case. The cases, and why they weigh what they do:

| kind | case | severity | why |
| --- | --- | --- | --- |
| empty_quote | candidate | high | the candidate prints quotation marks around nothing |
| empty_quote | reference | low | the reference's own defect, reported so the editor sees it |
| missing_quote | only_named | high | the candidate drops the only quote of a named speaker |
| missing_quote | default | medium | a quote dropped (its speaker has others, or is a role) |
| missing_quote | fragment | low | a short unattributed phrase in marks (a term, a scare quote) |
| altered_quote | default | high | same speaker, words changed |
| misattributed_quote | default | high | same words, another named speaker |
| date_mismatch | default | high | the same event dated differently |
| missing_date | main | medium | a day-precise date of the main event (the title or the lead) |
| missing_date | default | low | any other resolved date |
| number_mismatch | default | high | a figure about the same thing changed |
| missing_number | measured | medium | a figure with a unit (%, money) or a large count |
| missing_number | default | low | a small bare count |
| missing_entity | major | medium | a person quoted or named twice, an organisation named 3+ times |
| missing_entity | default | low | a name mentioned once in passing |
| added_entity | major | medium | a new voice: a person the candidate quotes or names twice |
| added_entity | default | low | any other new name |
| unsupported_claim | default | medium | the judge found no support in the reference |
| contradicted_claim | default | high | the judge found the reference says otherwise |
"""

from __future__ import annotations

from factcheck.models import DiscrepancyKind, Severity

SEVERITY: dict[tuple[DiscrepancyKind, str], Severity] = {
    ("empty_quote", "candidate"): "high",
    ("empty_quote", "reference"): "low",
    ("missing_quote", "only_named"): "high",
    ("missing_quote", "default"): "medium",
    ("missing_quote", "fragment"): "low",
    ("altered_quote", "default"): "high",
    ("misattributed_quote", "default"): "high",
    ("date_mismatch", "default"): "high",
    ("missing_date", "main"): "medium",
    ("missing_date", "default"): "low",
    ("number_mismatch", "default"): "high",
    ("missing_number", "measured"): "medium",
    ("missing_number", "default"): "low",
    ("missing_entity", "major"): "medium",
    ("missing_entity", "default"): "low",
    ("added_entity", "major"): "medium",
    ("added_entity", "default"): "low",
    ("unsupported_claim", "default"): "medium",
    ("contradicted_claim", "default"): "high",
}


def severity(kind: DiscrepancyKind, case: str = "default") -> Severity:
    """The severity of a finding of `kind` in `case` (see the table above)."""
    return SEVERITY[(kind, case)]
