"""Quotations and who said them. (Stub: the quotes helper replaces this.)"""

from factcheck.models import Document, Fact


def find_quotes(document: Document) -> list[Fact]:
    """Every quotation in `document`, including empty ones, with its speaker when the text gives one."""
    return []
