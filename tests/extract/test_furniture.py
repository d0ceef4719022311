"""The rules extractor states no fact from page furniture, and still finds a disclosure there."""

from __future__ import annotations

from factcheck.extract.rules import extract
from tests.compare.helpers import doc

STORY = "Mayor Lena Holt opened the Kestrel Bridge on 4 May 2024; it cost 12 million euros."
BANNER = (
    " Subscribe to our newsletter: click here to get Morning Wire Weekly in your inbox."
    " Read more: All rights reserved, Harbourside Gazette 2024."
)


def _texts(kind: str, text: str) -> set[str]:
    return {f.text for f in extract(doc(text)) if f.kind == kind}


def test_names_and_figures_of_a_banner_are_not_facts():
    names = _texts("entity", STORY + BANNER)
    assert "Lena Holt" in names and "Kestrel Bridge" in names
    assert not any("Morning Wire" in n or "Harbourside" in n for n in names)
    assert _texts("entity", STORY) <= names  # the story keeps every name it had


def test_a_disclosure_among_the_furniture_is_still_found():
    disclosure = " This article was translated with the help of artificial intelligence."
    found = _texts("disclaimer", STORY + BANNER + disclosure)
    assert found, "the disclosure after the banner must be reported"
