"""AI-written disclaimers ("written by AI", "may contain errors"). (Stub.)"""

from factcheck.models import Document, Fact


def find_disclaimers(document: Document) -> list[Fact]:
    """Every AI-written disclaimer in `document`."""
    return []
