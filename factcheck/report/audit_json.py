"""The `factcheck/audit@1` JSON document (factcheck/schemas/audit.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from factcheck.models import DISCREPANCY_KINDS, AuditDocument, AuditResult, PairResult
from factcheck.report.json_doc import evidence_dict, iso_date, run_dict
from factcheck.report.names import escape_surrogates

AUDIT_SCHEMA = "factcheck/audit@1"


def _document(d: AuditDocument) -> dict[str, Any]:
    return {
        "path": d.path,
        "language": d.language,
        "title": d.title,
        "published": iso_date(d.published),
        "sha256": d.sha256,
        "group": d.group,
        "flags": [
            {
                "kind": "ai_disclaimer",
                "disclosure": f.disclosure,
                "evidence": evidence_dict(f.evidence),
            }
            for f in d.flags
        ],
        "error": d.error,
    }


def pair_counts(pair: PairResult) -> dict[str, int]:
    """Counts by kind in the vocabulary's order, without zeros (the schema wants at least 1)."""
    order: dict[str, int] = {k: i for i, k in enumerate(DISCREPANCY_KINDS)}
    kept = [(k, n) for k, n in pair.counts.items() if n > 0]
    return dict(sorted(kept, key=lambda kn: (order.get(kn[0], len(order)), kn[0])))


def _pair(p: PairResult) -> dict[str, Any]:
    return {
        "reference": p.reference,
        "candidate": p.candidate,
        "verdict": p.verdict,
        "counts": pair_counts(p),
        "worst": p.worst,
        "report": p.report,
    }


# The record shapes of one document and one pair, also written line by line in documents.jsonl and
# pairs.jsonl while an audit runs (factcheck/audit/stream.py).
document_dict = _document
pair_dict = _pair


def audit_dict(a: AuditResult) -> dict[str, Any]:
    """The audit as a `factcheck/audit@1` document."""
    return {
        "schema": AUDIT_SCHEMA,
        "root": a.root,
        "documents": [_document(d) for d in a.documents],
        "groups": [
            {"id": g.id, "documents": list(g.documents), "reference": g.reference} for g in a.groups
        ],
        "pairs": [_pair(p) for p in a.pairs],
        "errors": [{"path": e.path, "reason": e.reason} for e in a.errors],
        "run": run_dict(a.run),
    }


def audit_to_json(a: AuditResult) -> str:
    """The `factcheck/audit@1` document as JSON text (indent 2, non-ASCII kept)."""
    return escape_surrogates(json.dumps(audit_dict(a), indent=2, ensure_ascii=False))
