"""The seam for a second opinion on what rules cannot decide (an LLM, later).

Rules compare quotes word by word, which only works within one language. A `Judge` is asked
about the quote pairs the rules could not settle (pairs across languages, and reference quotes
left without a match) and about the candidate's claims; its verdicts turn into findings with the
judge's `Source`. With no judge the rules alone decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from factcheck.models import RULES, Fact, Source

QuoteVerdictKind = Literal["same", "altered", "different"]
ClaimVerdictKind = Literal["supported", "contradicted", "not_mentioned"]


@dataclass(frozen=True, slots=True)
class QuotePair:
    """A reference quote and a candidate quote that may be the same one."""

    id: str
    reference: Fact
    candidate: Fact


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """A candidate claim to check against the reference."""

    id: str
    claim: Fact


@dataclass(frozen=True, slots=True)
class JudgeRequest:
    """What a judge is asked: quote pairs and claims, with both articles' facts for context."""

    reference_language: str | None
    candidate_language: str | None
    reference_facts: tuple[Fact, ...]
    candidate_facts: tuple[Fact, ...]
    quote_pairs: tuple[QuotePair, ...]
    claims: tuple[ClaimItem, ...]


@dataclass(frozen=True, slots=True)
class QuoteVerdict:
    """Whether the two quotes of a pair say the same thing, and why."""

    id: str
    verdict: QuoteVerdictKind
    reason: str
    source: Source = RULES


@dataclass(frozen=True, slots=True)
class ClaimVerdict:
    """Whether the reference supports a candidate claim, and why."""

    id: str
    verdict: ClaimVerdictKind
    reason: str
    source: Source = RULES


@dataclass(frozen=True, slots=True)
class JudgeResult:
    """A judge's verdicts; items it did not answer are left to the rules."""

    quotes: tuple[QuoteVerdict, ...] = ()
    claims: tuple[ClaimVerdict, ...] = ()


class Judge(Protocol):
    """Anything that can judge quote pairs and claims."""

    def judge(self, request: JudgeRequest) -> JudgeResult:
        """Verdicts for the request's quote pairs and claims."""
        ...
