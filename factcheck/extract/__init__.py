"""Fact extractors. An extractor is anything with `extract(document) -> list[Fact]`.

`factcheck.extract.rules.extract` is the offline one; `factcheck.backend.Backend` is the run's
extractor (rules, plus grounded LLM facts when a chain is configured).
"""

from __future__ import annotations

from typing import Protocol

from factcheck.models import Document, Fact


class Extractor(Protocol):
    """One required method: the facts of one document, each with its evidence span."""

    def extract(self, document: Document) -> list[Fact]: ...
