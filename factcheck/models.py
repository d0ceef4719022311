"""The plain data that stages hand each other: load -> extract -> compare -> report.

Everything here is a frozen dataclass. Nothing else crosses a stage boundary; JSON exists only at
the edges (report files, LLM responses), built by `factcheck.report.json_doc`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

FactKind = Literal["quote", "date", "number", "entity", "claim", "disclaimer"]
Severity = Literal["high", "medium", "low"]
DisclosureKind = Literal["ai_written", "ai_assisted", "machine_translated", "automated", "ai_image"]
Verdict = Literal["consistent", "discrepancies", "different_story"]
DiscrepancyKind = Literal[
    "empty_quote",
    "missing_quote",
    "altered_quote",
    "misattributed_quote",
    "date_mismatch",
    "missing_date",
    "number_mismatch",
    "missing_number",
    "missing_entity",
    "added_entity",
    "added_quote",
    "added_number",
    "added_date",
    "unsupported_claim",
    "contradicted_claim",
]

DISCREPANCY_KINDS: tuple[DiscrepancyKind, ...] = (
    "empty_quote",
    "missing_quote",
    "altered_quote",
    "misattributed_quote",
    "date_mismatch",
    "missing_date",
    "number_mismatch",
    "missing_number",
    "missing_entity",
    "added_entity",
    "added_quote",
    "added_number",
    "added_date",
    "unsupported_claim",
    "contradicted_claim",
)
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
DISCLOSURE_KINDS: tuple[DisclosureKind, ...] = (
    "ai_written",
    "ai_assisted",
    "machine_translated",
    "automated",
    "ai_image",
)
# An AI-made illustration says nothing about who wrote the text: it is listed apart from the
# disclosures a human should review.
REVIEWED_DISCLOSURES: frozenset[str] = frozenset(DISCLOSURE_KINDS) - {"ai_image"}
SEVERITY_RANK: dict[str, int] = {"high": 3, "medium": 2, "low": 1}


@dataclass(frozen=True, slots=True)
class Document:
    """One loaded article: normalised text plus what we know about it."""

    path: str
    text: str
    sha256: str
    language: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    encoding: str = "utf-8"
    format: Literal["text", "markdown", "html"] = "text"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document's text; `text == document.text[start:end]`, always."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, document_text: str, start: int, end: int) -> Evidence:
        """The evidence for `document_text[start:end]`."""
        return cls(document_text[start:end], start, end)


Span = Evidence


@dataclass(frozen=True, slots=True)
class Source:
    """Which backend produced a fact or a finding."""

    extractor: Literal["rules", "llm"] = "rules"
    provider: str | None = None
    model: str | None = None


RULES = Source()


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact found in a document, with its verbatim evidence span.

    `value` is the normalised value: the words inside the marks for a quote (empty string for an
    empty quote), an ISO 8601 date for a date ("2024-07-09", "2024-W28", "2024-07" or "2024"; a
    range of days as an interval, "2024-07-09/2024-07-11"; a day and month whose year nothing
    gives as "--07-09", or "--07-09/--07-11") or None when a relative date could not be resolved,
    a float for a number, a canonical key for an entity, the
    claim itself for a claim, the language of the statement for a disclaimer (whose kind of AI
    use is `disclosure`).
    """

    kind: FactKind
    text: str
    start: int
    end: int
    value: str | float | None = None
    speaker: str | None = None  # quote: who said it (a name, or a role such as "la société")
    unit: str | None = None  # number: "%", "USD", "people"...
    context: str | None = None  # number/date: the nearby words saying what it is about
    entity_type: str | None = None  # entity: "person" | "org" | "place" | "other"
    relative: str | None = None  # date: the relative wording ("Selasa lalu") when resolved from it
    gloss_en: str | None = None  # LLM facts: an English gloss
    disclosure: DisclosureKind | None = None  # disclaimer: which AI use it declares
    source: Source = RULES
    # number: "min" ("at least 68"), "max" ("up to 20") or "approx" ("nearly 85,000"), as
    # written before or after the figure; None for a figure stated plainly
    qualifier: str | None = None
    # number: what it counts, one key across languages ("dead" for killed, tewas, morts, قتلى;
    # "injured", "missing", "displaced", "arrested", "jobs", "people"), None when no word says
    counted: str | None = None
    # date: "day", "week", "month" or "year" (the precision `value` is written at; a range of
    # days is "day")
    granularity: str | None = None
    # date: where its year or day came from: "text" (written in the phrase), "published" (the
    # publication date), "sentence" (a dated phrase of the same sentence), "previous" (the date
    # before it: "the next day"); None when the date or its year could not be resolved
    anchor: str | None = None

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.text, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One place where the candidate departs from the reference."""

    kind: DiscrepancyKind
    severity: Severity
    message: str
    reference: Evidence | None = None
    candidate: Evidence | None = None
    source: Source = RULES


@dataclass(frozen=True, slots=True)
class Flag:
    """Something about one document a human should look at (today: an AI-use disclosure)."""

    kind: Literal["ai_disclaimer"]
    document: Literal["reference", "candidate"]
    evidence: Evidence
    disclosure: DisclosureKind = "ai_written"

    @property
    def reviewed(self) -> bool:
        """Whether the flag belongs in the human review queue (an AI image does not)."""
        return self.disclosure in REVIEWED_DISCLOSURES


@dataclass(frozen=True, slots=True)
class Disclosure:
    """An AI-use disclosure found in one audited document."""

    disclosure: DisclosureKind
    evidence: Evidence

    @property
    def text(self) -> str:
        return self.evidence.text

    @property
    def reviewed(self) -> bool:
        """Whether it belongs in the human review queue (an AI image does not)."""
        return self.disclosure in REVIEWED_DISCLOSURES


@dataclass(frozen=True, slots=True)
class Fallback:
    """One time a backend failed and the chain moved on."""

    provider: str
    reason: str
    to: str | None  # the next backend tried, None when none was left
    disabled: bool = False  # the circuit breaker took this provider out for the rest of the run


@dataclass(frozen=True, slots=True)
class RunInfo:
    """How a run went: backends, LLM accounting, fallbacks, time."""

    backends: tuple[str, ...] = ("rules",)
    llm_calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    fallbacks: tuple[Fallback, ...] = ()
    degraded: bool = False
    dropped_facts: int = 0  # LLM facts whose evidence was not found in the document
    notices: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing a candidate article with its reference."""

    reference: Document
    candidate: Document
    verdict: Verdict
    discrepancies: tuple[Discrepancy, ...]
    flags: tuple[Flag, ...]
    reference_facts: tuple[Fact, ...]
    candidate_facts: tuple[Fact, ...]
    run: RunInfo = field(default_factory=RunInfo)

    def worst_severity(self) -> Severity | None:
        """The highest severity among the discrepancies, or None when there are none."""
        if not self.discrepancies:
            return None
        return max(self.discrepancies, key=lambda d: SEVERITY_RANK[d.severity]).severity


@dataclass(frozen=True, slots=True)
class AuditDocument:
    """One file seen by an audit; `error` is set when it could not be loaded."""

    path: str
    language: str | None = None
    title: str | None = None
    published: dt.date | None = None
    sha256: str | None = None
    group: int | None = None
    flags: tuple[Disclosure, ...] = ()  # AI-use disclosures, AI images included
    error: str | None = None

    @property
    def review(self) -> tuple[Disclosure, ...]:
        """The disclosures a human should review: every kind but an AI-made image."""
        return tuple(f for f in self.flags if f.reviewed)

    @property
    def images(self) -> tuple[Disclosure, ...]:
        """AI-made images, reported apart from the review queue."""
        return tuple(f for f in self.flags if not f.reviewed)


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """Articles that tell the same story; `reference` is the one the others are compared with."""

    id: int
    documents: tuple[str, ...]
    reference: str


@dataclass(frozen=True, slots=True)
class PairResult:
    """The outcome of comparing one group member with its reference."""

    reference: str
    candidate: str
    verdict: Verdict
    counts: dict[str, int]  # discrepancy kind -> count (only kinds that occur)
    report: str | None = None  # path of the pair's HTML report, relative to the audit folder
    worst: Severity | None = None


@dataclass(frozen=True, slots=True)
class AuditError:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class AuditResult:
    """A folder audit: documents, story groups, pair outcomes, errors."""

    root: str
    documents: tuple[AuditDocument, ...]
    groups: tuple[StoryGroup, ...]
    pairs: tuple[PairResult, ...]
    errors: tuple[AuditError, ...]
    run: RunInfo = field(default_factory=RunInfo)
