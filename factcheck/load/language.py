"""Which language an article is written in (ISO 639-1), from its metadata or its text."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

# Languages the detector may answer. Malay is left out on purpose: short Indonesian text is
# otherwise often called Malay, and nothing downstream handles Malay differently.
DETECTED = ("id", "fr", "ar", "en", "es", "de", "pt", "it", "nl")
_PREFIX = 1_000  # characters inspected: plenty to be sure; lingua time grows with length
_SHORT = 300  # below this, the slower high-accuracy models are worth their cost
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LETTER = re.compile(r"[^\W\d_]")

# Tags seen in front matter and <html lang> that are not plain ISO 639-1 codes.
_ALIASES = {
    "in": "id",  # the old ISO code for Indonesian, still emitted by some CMSs
    "ind": "id",
    "indonesian": "id",
    "bahasa": "id",
    "bahasa indonesia": "id",
    "ms": "id",  # see DETECTED: we read Malay-tagged articles as Indonesian
    "ara": "ar",
    "arabic": "ar",
    "fra": "fr",
    "fre": "fr",
    "french": "fr",
    "français": "fr",
    "eng": "en",
    "english": "en",
    "spa": "es",
    "spanish": "es",
    "español": "es",
    "deu": "de",
    "ger": "de",
    "german": "de",
    "deutsch": "de",
    "por": "pt",
    "portuguese": "pt",
    "português": "pt",
    "ita": "it",
    "italian": "it",
    "nld": "nl",
    "dut": "nl",
    "dutch": "nl",
}


def normalise_language_tag(tag: object) -> str | None:
    """An ISO 639-1 code from a tag such as "fr-FR", "id_ID", "ara" or "Arabic"; None if unknown."""
    if not isinstance(tag, str):
        return None
    tag = tag.strip().lower()
    if tag in _ALIASES:
        return _ALIASES[tag]
    primary = re.split(r"[-_]", tag, maxsplit=1)[0]
    if primary in _ALIASES:
        return _ALIASES[primary]
    return primary if re.fullmatch(r"[a-z]{2}", primary) else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when unclear."""
    sample = text[:_PREFIX]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return None
    # Latin-script names (OpenAI, GPT-5) inside Arabic prose confuse n-gram models; the script
    # alone is decisive here.
    if len(_ARABIC_LETTER.findall(sample)) > letters / 2:
        return "ar"
    detector = _detector(high_accuracy=len(sample) < _SHORT)
    language = detector.detect_language_of(sample)
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


@cache
def _detector(*, high_accuracy: bool) -> LanguageDetector:
    """Built once per process; lingua loads each language model on first use."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in DETECTED]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()
