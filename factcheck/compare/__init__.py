"""Align two articles' facts across languages and classify where the candidate departs.

side            one article's facts by kind (AI-disclaimer text set aside)
names           cached name matching: scripts, spellings, surname for full name
quotes          quote alignment: same words, same speaker, shared cues across languages
quote_findings  empty, missing, altered and misattributed quotes
figures         numbers and dates: by value first, then by context
entities        people and organisations lost or added
story           the overlap score behind the `different_story` verdict
judge           the seam for a second opinion (an LLM) on quotes and claims
consult         asking a judge and folding its verdicts in
severity        the one table of severities
engine          `compare`, which runs them in order
"""

from factcheck.compare.engine import compare
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
]
