"""The offline rule-based extractor: quotes, dates, numbers, entities, AI disclaimers.

No key, no network, no model download. Each finder is a pure function of the document; this
module runs them in an order that lets numbers skip the years already inside dates.
"""

from __future__ import annotations

import dataclasses

from factcheck.extract.rules import dates, disclaimers, entities, numbers, quotes
from factcheck.load.chrome import chrome_spans, within
from factcheck.load.language import reading_language
from factcheck.models import Document, Fact


def extract(document: Document) -> list[Fact]:
    """Every rule-based fact of `document`, sorted by position."""
    reading = reading_language(document.language)
    if reading != document.language:  # Malay is read with the Indonesian data
        document = dataclasses.replace(document, language=reading)
    found_dates = dates.find_dates(document)
    taken = [(f.start, f.end) for f in found_dates]
    facts = [
        *quotes.find_quotes(document),
        *found_dates,
        *numbers.find_numbers(document, exclude=taken),
        *entities.find_entities(document),
    ]
    furniture = chrome_spans(document.text)
    if furniture:  # a cookie banner or a newsletter prompt states no fact of the story
        facts = [f for f in facts if not within(f.start, f.end, furniture)]
    facts += disclaimers.find_disclaimers(document)  # a disclosure may sit among them
    facts.sort(key=lambda f: (f.start, f.end, f.kind))
    return facts
