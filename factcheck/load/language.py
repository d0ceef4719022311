"""Which language an article is written in (ISO 639-1), from its metadata or its text.

Detection answers any language lingua knows, at a cost that suits one-off `compare` runs:

- Arabic-script text goes to a detector of the Arabic-script languages (Arabic, Persian, Urdu),
  fed only the Arabic-script words (Latin product names inside Arabic prose confuse n-grams).
- Latin-script text of article length whose letters all belong to our extraction languages
  goes to a small detector of those languages, which loads in tens of milliseconds: a long text
  in Polish, Turkish, Czech, Swedish, Romanian or Hungarian writes a letter none of ours does
  (ł, ş, ř, å, ă, ő...). Short text, text with such a letter, or text that small detector
  hesitates about goes to every Latin-script language (trigram models: about 0.4 s of CPU to
  load, once per process; lingua's letter rules narrow the set first, so Turkish costs less).
- Any other script goes to the full detector, which only loads the models of that script.

Whenever a wider set answers, an extraction language within `CLOSE` of the best answer wins,
and Malay is read as Indonesian (as a Malay tag is): no data reads it better.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import Language, LanguageDetector

_PREFIX = 1_000  # characters inspected: plenty to be sure; lingua time grows with length
_SHORT = 300  # below this, the slower high-accuracy models are worth their cost
# An extraction language whose confidence is at least this share of the best answer is chosen.
CLOSE = 0.5
# The extraction detector's best answer must carry this probability to be kept without a check.
SURE = 0.75
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_ARABIC_RUN = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LETTER = re.compile(r"[^\W\d_]")

# Tags seen in front matter and <html lang> that are not plain ISO 639-1 codes.
_ALIASES = {
    "in": "id",  # the old ISO code for Indonesian, still emitted by some CMSs
    "ind": "id",
    "indonesian": "id",
    "bahasa": "id",
    "bahasa indonesia": "id",
    "ms": "id",  # we read Malay-tagged articles as Indonesian: the closest data we have
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


@cache
def _data() -> dict:
    path = resources.files("factcheck.load").joinpath("data/languages.json")
    return json.loads(path.read_text("utf-8"))


def extraction_languages() -> tuple[str, ...]:
    """The languages the rules extractor has data for (others get its language-free parts)."""
    return tuple(_data()["extraction"])


def is_supported(code: str | None) -> bool:
    """Whether the rules extractor has data for language `code`."""
    return code in extraction_languages()


@cache
def _our_letters() -> frozenset[str]:
    letters = set("abcdefghijklmnopqrstuvwxyz")
    for accented in _data()["letters"].values():
        letters.update(accented)
    return frozenset(letters)


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
    high = len(sample) < _SHORT
    if len(_ARABIC_LETTER.findall(sample)) > letters / 2:
        arabic_words = " ".join(_ARABIC_RUN.findall(sample))
        return _choose(_detector("arabic", high_accuracy=high), arabic_words) or "ar"
    if len(_LATIN_LETTER.findall(sample)) > letters / 2:
        return _latin(sample, high)
    return _choose(_detector("all", high_accuracy=high), sample)


def _latin(sample: str, high: bool) -> str | None:
    """Our extraction languages first; every Latin-script language when they do not fit."""
    foreign = any(c not in _our_letters() for c in _LATIN_LETTER.findall(sample.lower()))
    if not foreign and not high:
        values = _detector("ours", high_accuracy=high).compute_language_confidence_values(sample)
        if values and values[0].value >= SURE:
            return _code(values[0].language)
    return _choose(_detector("latin", high_accuracy=False), sample)


def _choose(detector: LanguageDetector, sample: str) -> str | None:
    """The detector's answer, or an extraction language whose evidence is close to it."""
    values = detector.compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return None
    best = values[0]
    ours = set(extraction_languages())
    for candidate in values:
        if candidate.value < best.value * CLOSE:
            break
        if _code(candidate.language) in ours:
            return _code(candidate.language)
    return _code(best.language)


def _code(language: Language) -> str:
    code = language.iso_code_639_1.name.lower()
    return _ALIASES.get(code, code)


@cache
def _detector(kind: str, *, high_accuracy: bool) -> LanguageDetector:
    """Built once per process; lingua loads each language model on first use."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    if kind == "ours":
        codes = [getattr(IsoCode639_1, c.upper()) for c in _data()["letters"]]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
    elif kind == "arabic":
        builder = LanguageDetectorBuilder.from_all_languages_with_arabic_script()
    elif kind == "latin":
        builder = LanguageDetectorBuilder.from_all_languages_with_latin_script()
    else:
        builder = LanguageDetectorBuilder.from_all_languages()
    if not high_accuracy:
        builder = builder.with_low_accuracy_mode()
    return builder.build()
