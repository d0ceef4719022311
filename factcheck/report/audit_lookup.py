"""An audit's documents by path and pairs by reference, built once per audit being rendered.

The renderers look up one story's pairs and one article's metadata per row; scanning the whole
audit for each made the indexes quadratic (minutes at 100,000 articles).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factcheck.models import AuditDocument, AuditResult, PairResult


@dataclass(frozen=True)
class AuditLookup:
    documents: dict[str, AuditDocument]
    pairs: dict[str, list[PairResult]]  # by reference path, in the audit's order


_last: list[tuple[AuditResult, AuditLookup]] = []


def lookup(a: AuditResult) -> AuditLookup:
    """The lookup tables of `a` (the last audit's are kept: one report renders several views)."""
    if _last and _last[0][0] is a:
        return _last[0][1]
    pairs: dict[str, list[PairResult]] = defaultdict(list)
    for pair in a.pairs:
        pairs[pair.reference].append(pair)
    found = AuditLookup({d.path: d for d in a.documents}, dict(pairs))
    _last[:] = [(a, found)]
    return found
