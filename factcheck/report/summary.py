"""The words every renderer shares: verdict sentence, degraded notice, backends, short evidence.

Keeping them here means the terminal, Markdown and HTML reports never disagree about what a run
found or how it was produced.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import PurePath

from factcheck.models import (
    DISCREPANCY_KINDS,
    SEVERITIES,
    SEVERITY_RANK,
    Comparison,
    Discrepancy,
    Document,
    Evidence,
    Fallback,
    RunInfo,
    Source,
)
from factcheck.report.names import visible

# Languages written right to left; their article text needs dir="rtl" in HTML.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"})

VERDICT_WORDS = {
    "consistent": "CONSISTENT",
    "discrepancies": "DISCREPANCIES",
    "different_story": "DIFFERENT STORY",
}

# How each kind of AI-use disclosure reads in a report.
DISCLOSURE_WORDS = {
    "ai_written": "written by AI",
    "ai_assisted": "written with AI help",
    "machine_translated": "machine-translated",
    "automated": "automated (template or data)",
    "ai_image": "AI-made image",
}
REVIEW_HEADING = "AI-use disclosure: review by a human"
IMAGES_HEADING = "AI-made images (not in the review queue)"
DEGRADED_TEXT = "LLM providers failed; results come from the offline rules only"

_SPACES = re.compile(r"\s+")


def doc_name(document: Document) -> str:
    """The file name of a document, as a reader recognises it (hidden characters escaped)."""
    return visible(PurePath(document.path).name or document.path)


def doc_label(document: Document) -> str:
    """`name (language)`, with `?` when the language is unknown."""
    return f"{doc_name(document)} ({document.language or '?'})"


def is_rtl(language: str | None) -> bool:
    """Whether text in `language` is written right to left."""
    return (language or "").split("-")[0].lower() in RTL_LANGUAGES


def severity_counts(discrepancies: Iterable[Discrepancy]) -> dict[str, int]:
    """Count per severity, high first, leaving out severities that do not occur."""
    counts = Counter(d.severity for d in discrepancies)
    return {s: counts[s] for s in SEVERITIES if counts[s]}


def kind_counts(discrepancies: Iterable[Discrepancy]) -> dict[str, int]:
    """Count per kind, in the vocabulary's order, leaving out kinds that do not occur."""
    counts = Counter(d.kind for d in discrepancies)
    return {k: counts[k] for k in DISCREPANCY_KINDS if counts[k]}


def ordered(discrepancies: Iterable[Discrepancy]) -> list[Discrepancy]:
    """Discrepancies by severity (high first), keeping the engine's order within a severity."""
    return sorted(discrepancies, key=lambda d: -SEVERITY_RANK[d.severity])


def severity_table(comparison: Comparison) -> list[tuple[str, int, str]]:
    """Rows of (kind, count, severity) for a summary, worst severity first."""
    counts = Counter((d.kind, d.severity) for d in comparison.discrepancies)
    rows = [(kind, n, sev) for (kind, sev), n in counts.items()]
    order: dict[str, int] = {k: i for i, k in enumerate(DISCREPANCY_KINDS)}
    return sorted(rows, key=lambda r: (-SEVERITY_RANK[r[2]], order[r[0]]))


def findings_phrase(discrepancies: Iterable[Discrepancy]) -> str:
    """'3 findings (1 high, 2 low)' or 'no findings'."""
    items = list(discrepancies)
    if not items:
        return "no findings"
    parts = ", ".join(f"{n} {s}" for s, n in severity_counts(items).items())
    return f"{len(items)} finding{'s' if len(items) != 1 else ''} ({parts})"


def verdict_sentence(comparison: Comparison) -> str:
    """One line saying what the comparison concluded, naming both articles."""
    ref, cand = doc_label(comparison.reference), doc_label(comparison.candidate)
    word = VERDICT_WORDS[comparison.verdict]
    if comparison.verdict == "different_story":
        detail = "the articles share too little to be compared fact by fact"
    elif comparison.verdict == "consistent":
        detail = "no discrepancy found"
    else:
        detail = findings_phrase(comparison.discrepancies)
    return f"{word}: {cand} vs reference {ref}: {detail}"


def degraded_notice(run: RunInfo) -> str | None:
    """The notice every format shows when LLM backends failed and the rules carried the run."""
    if not run.degraded:
        return None
    failed = [f.provider for f in run.fallbacks if f.provider != "rules"]
    names = f" ({', '.join(dict.fromkeys(failed))})" if failed else ""
    return f"DEGRADED: {DEGRADED_TEXT}{names}."


def backends_line(run: RunInfo) -> str:
    """The backends of the run in fallback order, with LLM accounting when there was any."""
    line = " → ".join(run.backends) or "none"
    if run.llm_calls or run.cache_hits:
        line += (
            f"; {run.llm_calls} LLM call{'s' if run.llm_calls != 1 else ''},"
            f" {run.cache_hits} cached, tokens {run.input_tokens} in / {run.output_tokens} out"
        )
    if run.dropped_facts:
        line += f"; {run.dropped_facts} LLM fact(s) dropped (evidence not in the article)"
    return line


def fallback_line(fallback: Fallback) -> str:
    """One fallback in words: who failed, why, and who took over."""
    then = f"fell back to {fallback.to}" if fallback.to else "no backend left"
    disabled = ", disabled for the rest of the run" if fallback.disabled else ""
    return f"{fallback.provider} failed ({fallback.reason}){disabled}; {then}"


def source_label(source: Source) -> str:
    """'rules' or 'llm anthropic/claude-haiku-4-5'."""
    if source.extractor == "rules":
        return "rules"
    who = "/".join(p for p in (source.provider, source.model) if p)
    return f"llm {who}" if who else "llm"


def findings_sources(comparison: Comparison) -> list[str]:
    """Which backends produced the findings, most frequent first."""
    counts = Counter(source_label(d.source) for d in comparison.discrepancies)
    return [f"{name} ({n})" for name, n in counts.most_common()]


def flatten(text: str) -> str:
    """Text on one line: every run of whitespace becomes one space."""
    return _SPACES.sub(" ", text).strip()


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters, ending in …."""
    flat = flatten(text)
    if len(flat) <= limit:
        return flat
    cut = flat[: max(limit - 1, 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"


QUOTE_MARKS = '"“”„«»‹›‘’「」'


def quoted(text: str, limit: int) -> str:
    """`text` shortened and shown between “ ” — unless it already starts with a quotation mark."""
    short = shorten(text, limit)
    return short if short[:1] in QUOTE_MARKS else f"“{short}”"


def evidence_where(evidence: Evidence) -> str:
    """'chars 10-52' for a reader who wants to find the span."""
    return f"chars {evidence.start}-{evidence.end}"
