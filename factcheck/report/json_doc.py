"""The `factcheck/report@1` JSON document (factcheck/schemas/report.schema.json)."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from factcheck.models import (
    Comparison,
    Discrepancy,
    Document,
    Evidence,
    Fact,
    Fallback,
    Flag,
    RunInfo,
    Source,
)
from factcheck.report.names import escape_surrogates

REPORT_SCHEMA = "factcheck/report@1"


def iso_date(value: dt.date | None) -> str | None:
    """A date as 'YYYY-MM-DD'; a datetime loses its time so the schema's `date` format holds."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def doc_dict(document: Document) -> dict[str, Any]:
    """The `Doc` object: path, language, title, published, sha256."""
    return {
        "path": document.path,
        "language": document.language,
        "title": document.title,
        "published": iso_date(document.published),
        "sha256": document.sha256,
    }


def evidence_dict(evidence: Evidence | None) -> dict[str, Any] | None:
    """The `Evidence` object, or None."""
    if evidence is None:
        return None
    return {"text": evidence.text, "start": evidence.start, "end": evidence.end}


def source_dict(source: Source) -> dict[str, Any]:
    """Which backend produced a fact or finding."""
    return {"extractor": source.extractor, "provider": source.provider, "model": source.model}


def _json_value(value: str | float | None) -> str | float | None:
    # NaN and infinities are not JSON; a figure we could not read is better reported as unknown.
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def fact_dict(fact: Fact) -> dict[str, Any]:
    """Every field of a Fact."""
    return {
        "kind": fact.kind,
        "text": fact.text,
        "start": fact.start,
        "end": fact.end,
        "value": _json_value(fact.value),
        "speaker": fact.speaker,
        "unit": fact.unit,
        "context": fact.context,
        "entity_type": fact.entity_type,
        "relative": fact.relative,
        "gloss_en": fact.gloss_en,
        "disclosure": fact.disclosure,
        "source": source_dict(fact.source),
        "qualifier": fact.qualifier,
        "counted": fact.counted,
        "granularity": fact.granularity,
        "anchor": fact.anchor,
    }


def discrepancy_dict(discrepancy: Discrepancy) -> dict[str, Any]:
    """One finding."""
    return {
        "kind": discrepancy.kind,
        "severity": discrepancy.severity,
        "message": discrepancy.message,
        "reference": evidence_dict(discrepancy.reference),
        "candidate": evidence_dict(discrepancy.candidate),
        "source": source_dict(discrepancy.source),
    }


def flag_dict(flag: Flag) -> dict[str, Any]:
    """One flag on a document."""
    return {
        "kind": flag.kind,
        "document": flag.document,
        "disclosure": flag.disclosure,
        "evidence": evidence_dict(flag.evidence),
    }


def fallback_dict(fallback: Fallback) -> dict[str, Any]:
    """One time the chain moved on."""
    return {
        "provider": fallback.provider,
        "reason": fallback.reason,
        "to": fallback.to,
        "disabled": fallback.disabled,
    }


def run_dict(run: RunInfo) -> dict[str, Any]:
    """How the run went."""
    return {
        "backends": list(run.backends),
        "llm_calls": run.llm_calls,
        "cache_hits": run.cache_hits,
        "tokens": {"input": run.input_tokens, "output": run.output_tokens},
        "fallbacks": [fallback_dict(f) for f in run.fallbacks],
        "degraded": run.degraded,
        "dropped_facts": run.dropped_facts,
        "notices": list(run.notices),
        "seconds": round(max(run.seconds, 0.0), 3),
    }


def report_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as a `factcheck/report@1` document."""
    return {
        "schema": REPORT_SCHEMA,
        "reference": doc_dict(c.reference),
        "candidate": doc_dict(c.candidate),
        "verdict": c.verdict,
        "discrepancies": [discrepancy_dict(d) for d in c.discrepancies],
        "flags": [flag_dict(f) for f in c.flags],
        "facts": {
            "reference": [fact_dict(f) for f in c.reference_facts],
            "candidate": [fact_dict(f) for f in c.candidate_facts],
        },
        "run": run_dict(c.run),
    }


def to_json(c: Comparison) -> str:
    """The `factcheck/report@1` document as JSON text (indent 2, non-ASCII kept)."""
    return escape_surrogates(json.dumps(report_dict(c), indent=2, ensure_ascii=False))
