"""Hand-built documents and facts for the comparison tests: facts are placed by finding text."""

from __future__ import annotations

from typing import Any

from factcheck.models import Discrepancy, Document, Evidence, Fact


def doc(text: str, language: str | None = "en", path: str = "article.txt") -> Document:
    """A document with a dummy hash."""
    return Document(path=path, text=text, sha256="0" * 64, language=language)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The offsets of the `nth` occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def fact(document: Document, kind: Any, needle: str, nth: int = 0, **fields: Any) -> Fact:
    """A fact of `kind` over the `nth` occurrence of `needle` in the document."""
    start, end = span(document.text, needle, nth)
    return Fact(kind=kind, text=needle, start=start, end=end, **fields)


def quote(document: Document, needle: str, speaker: str | None = None, nth: int = 0) -> Fact:
    """A quote fact whose value is the words inside the marks."""
    return fact(document, "quote", needle, nth, value=needle[1:-1].strip(), speaker=speaker)


def mentions(
    document: Document, name: str, entity_type: str, value: str | None = None
) -> list[Fact]:
    """One entity fact per occurrence of `name`."""
    found, start = [], document.text.find(name)
    while start >= 0:
        found.append(
            Fact(
                "entity",
                name,
                start,
                start + len(name),
                value=value or name.casefold(),
                entity_type=entity_type,
            )
        )
        start = document.text.find(name, start + 1)
    return found


def build(document: Document, spec: list[tuple[str, str, dict[str, Any]]]) -> list[Fact]:
    """Facts for every (kind, needle, fields) of `spec`; entities at every occurrence."""
    facts: list[Fact] = []
    for kind, needle, fields in spec:
        if kind == "entity":
            facts += mentions(document, needle, fields["entity_type"], fields.get("value"))
        elif kind == "quote":
            facts.append(quote(document, needle, fields.get("speaker")))
        else:
            facts.append(fact(document, kind, needle, **fields))
    return facts


def kinds(found: tuple[Discrepancy, ...] | list[Discrepancy]) -> list[tuple[str, str]]:
    """(kind, severity) of each finding."""
    return [(d.kind, d.severity) for d in found]


def assert_evidence_true(found: tuple[Discrepancy, ...], ref: Document, cand: Document) -> None:
    """Every evidence span is a true slice of its document."""
    for item in found:
        for evidence, document in ((item.reference, ref), (item.candidate, cand)):
            if evidence is not None:
                assert isinstance(evidence, Evidence)
                assert document.text[evidence.start : evidence.end] == evidence.text
