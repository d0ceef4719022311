"""Align two articles' facts across languages and classify where the candidate departs.

side            one article's facts by kind (AI-disclaimer text set aside)
align           sentence alignment on what translation keeps (names, figures, dates)
pairing         facts of aligned sentences, paired where unambiguous; when a pairing is trusted
names           cached name matching: scripts, spellings, surname for full name
quotes          quote alignment: same words, aligned sentence, same speaker, shared cues
polarity        negation across languages (the one change in a translated quote rules read)
quote_findings  empty, missing, altered, misattributed and added quotes
quantities      when two figures agree (rounding, conversion, bounds) and when they conflict
figures         changed, missing and added figures
dates           changed, missing and added dates (datelines are metadata)
entities        people and organisations lost or added (headings and labels are not names)
story           the overlap score behind the `different_story` verdict
judge           the seam for a second opinion (an LLM) on quotes and claims
consult         asking a judge and folding its verdicts in
severity        the one table of severities, precision first
engine          `compare`, which runs them in order (`compare_each`: one reference, many)
"""

from factcheck.compare.engine import compare, compare_each
from factcheck.compare.judge import (
    ClaimItem,
    ClaimVerdict,
    Judge,
    JudgeRequest,
    JudgeResult,
    QuotePair,
    QuoteVerdict,
)

__all__ = [
    "ClaimItem",
    "ClaimVerdict",
    "Judge",
    "JudgeRequest",
    "JudgeResult",
    "QuotePair",
    "QuoteVerdict",
    "compare",
    "compare_each",
]
