"""Dates, absolute and relative. (Stub: the dates helper replaces this.)"""

from factcheck.models import Document, Fact


def find_dates(document: Document) -> list[Fact]:
    """Every date phrase in `document`, normalised to ISO when it can be resolved."""
    return []
