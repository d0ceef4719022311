"""Fact extractors. An extractor is anything with `extract(document) -> list[Fact]`."""

from __future__ import annotations

from typing import Protocol

from factcheck.models import Document, Fact


class Extractor(Protocol):
    """One required method: the facts of one document, each with its evidence span."""

    def extract(self, document: Document) -> list[Fact]: ...
