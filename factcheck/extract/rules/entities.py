"""People and organisations, and matching them across languages and scripts. (Stub.)"""

from anyascii import anyascii
from rapidfuzz import fuzz

from factcheck.models import Document, Fact


def find_entities(document: Document) -> list[Fact]:
    """Every person and organisation named in `document`."""
    return []


def entity_key(name: str) -> str:
    """A script- and case-independent key for a name ("أنثروبيك" and "Anthropic" agree)."""
    return " ".join(anyascii(name).lower().split())


def same_entity(a: str, b: str) -> bool:
    """Whether two names denote the same person or organisation."""
    ka, kb = entity_key(a), entity_key(b)
    return ka == kb or fuzz.token_set_ratio(ka, kb) >= 90
