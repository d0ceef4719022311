"""Which language an article is written in (ISO 639-1), from its metadata or its text.

Detection answers any language lingua knows, at a cost that suits one-off `compare` runs. Lingua
loads a model per candidate language on first use (about 10 ms each for the trigram models it
reads in low-accuracy mode; its high-accuracy models cost some 250 ms each, too much for a
one-off run), so the work is to put few candidates to it without losing the right one:

- The script comes first, counted in words. Latin words inside other-script text are usually
  names, brands or boilerplate, so another script holding a third of the words wins, and its
  text is read without the Latin words.
- Cyrillic, Arabic and Devanagari text goes to the few languages of its script; any other script
  to every language (lingua's own letter rules leave one or two languages there). A text of some
  length that writes none of a language's frequent letters (Kazakh ә ғ қ ң ө ұ ү һ, Ukrainian
  і ї є ґ...) is not put to that language: lingua's trigrams alone took Ukrainian for Kazakh.
- Latin-script text is narrowed by stopwords (stopwordsiso): the languages whose lists cover most
  of its words, plus the languages of any letter few lists write (ı ş ğ, ő, ř ů). Text that no
  list covers well goes to every Latin-script language.
- Among the answers whose confidence is within `CLOSE` of the best, an extraction language wins.

Malay and Indonesian are one language written to two standards, which lingua's n-grams do not
tell apart: the answer is Malay when the text writes more Malaysian forms than Indonesian ones
(data/malay_indonesian.json), else Indonesian; the rules read both with the Indonesian data
(`reading_language`).
"""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import ConfidenceValue, Language, LanguageDetector

_PREFIX = 1_000  # characters inspected: plenty to be sure; lingua time grows with length
# An answer whose confidence is at least this share of the best answer is a close call.
CLOSE = 0.5
# Latin-script text is put to the languages whose stopwords cover the most of its words...
_NARROW_TO = 5
# ...when the best list covers at least this share of them; otherwise to every Latin language.
_COVERED = 0.15
# ...and whose share is at least this part of the best list's share.
_NEAR = 0.4
# A text of at least this many words whose best stopword list covers this share of them, with
# no other list covering more than this part of that share, is in that list's language.
_CLEAR_WORDS = 8
_CLEAR_SHARE = 0.3
_CLEAR_GAP = 0.55
# A letter written by at most this many stopword lists points to those languages.
_RARE_LETTER_WRITERS = 3
# A script other than Latin holding at least this share of the words is the text's script.
_OTHER_SCRIPT = 1 / 3
_WORD = re.compile(r"[^\W\d_]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_SCRIPTS_WITH_FEW_LANGUAGES = ("CYRILLIC", "ARABIC", "DEVANAGARI")

# Tags seen in front matter and <html lang> that are not plain ISO 639-1 codes.
_ALIASES = {
    "in": "id",  # the old ISO code for Indonesian, still emitted by some CMSs
    "ind": "id",
    "indonesian": "id",
    "bahasa": "id",
    "bahasa indonesia": "id",
    "msa": "ms",
    "may": "ms",
    "malay": "ms",
    "bahasa melayu": "ms",
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


def reading_language(code: str | None) -> str | None:
    """The language whose data the rules read a text in `code` with (Malay: Indonesian)."""
    return _data()["reads_as"].get(code, code) if code else code


def is_supported(code: str | None) -> bool:
    """Whether the rules extractor has data for language `code` (or a language it reads as)."""
    return reading_language(code) in extraction_languages()


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
    words = _WORD.findall(sample)
    if not words:
        return None
    script = _script(words)
    if script != "LATIN":
        sample = _LATIN_RUN.sub(" ", sample)
        words = [w for w in words if _word_script(w) == script]
    if script == "LATIN":
        clear = _clear_by_stopwords(words)
        if clear is not None:
            return _malay_or_indonesian(words) if clear in _standards() else clear
    candidates = _within_alphabets(
        _without_missing_letters(_candidates(script, words), words), words
    )
    if len(candidates) == 1:  # its alphabet alone says it (lingua compares two at least)
        return _lingua_code(next(iter(candidates)))
    values = _detector(candidates).compute_language_confidence_values(sample)
    wider = _script_languages(script)
    if (not values or values[0].value <= 0) and candidates != wider:
        # Narrowed too far (the text writes a letter none of the candidates does).
        values = _detector(wider).compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return None
    return _choose(values, words)


def _clear_by_stopwords(words: list[str]) -> str | None:
    """The language whose stopwords cover a good share of a text of some length, far more than
    any other list does; None when that is not clear. Lingua then need not load its models: on
    the lingua sentences this decides about a quarter of the Latin-script ones, and answers them
    as lingua does (the only misses: Malay read as Indonesian, which lingua misses too)."""
    if len(words) < _CLEAR_WORDS:
        return None
    shares = _stopword_shares(words)
    ranked = sorted(shares, key=lambda code: -shares[code])
    if len(ranked) < 2:
        return None
    best, runner_up = shares[ranked[0]], shares[ranked[1]]
    return ranked[0] if best >= _CLEAR_SHARE and runner_up <= _CLEAR_GAP * best else None


def text_script(text: str) -> str | None:
    """The script `text` is written in, as `detect_language` decides it from the text's start
    ("LATIN", "CYRILLIC", "ARABIC"...), or None for a text with no letters. Japanese, whose
    words may start with a kanji or a kana, is "KANA" whenever it writes kana; Chinese is "CJK"."""
    sample = text[:_PREFIX]
    words = _WORD.findall(sample)
    if not words:
        return None
    script = _script(words)
    if script in ("CJK", "HIRAGANA", "KATAKANA"):
        return "KANA" if _KANA.search(sample) else "CJK"
    return script


def _word_script(word: str) -> str:
    """The Unicode script of a word's first letter ("LATIN", "CYRILLIC", "CJK"...)."""
    return unicodedata.name(word[0], "UNKNOWN").split(" ", 1)[0]


def _script(words: list[str]) -> str:
    """The script the text is written in: the commonest, but Latin yields to a third."""
    counts = Counter(_word_script(w) for w in words)
    top = counts.most_common(1)[0][0]
    others = [(c, s) for s, c in counts.items() if s != "LATIN"]
    if top == "LATIN" and others:
        count, script = max(others)
        if count >= len(words) * _OTHER_SCRIPT:
            return script
    return top


def _candidates(script: str, words: list[str]) -> frozenset[Language]:
    """The languages to put the text to: its script's, narrowed by stopwords for Latin."""
    everyone = _script_languages(script)
    if script != "LATIN":
        return everyone
    shares = _stopword_shares(words)
    ranked = sorted(shares, key=lambda code: -shares[code])
    if len(ranked) < 2 or shares[ranked[0]] < _COVERED:
        return everyone
    # Languages tied with the last one kept are kept too: a tie is no evidence against them.
    floor = shares[ranked[min(_NARROW_TO, len(ranked)) - 1]]
    floor = max(floor, shares[ranked[0]] * _NEAR)
    chosen = [code for code in ranked if shares[code] >= floor]
    if len(chosen) < 2:  # lingua decides between two languages at least
        chosen = ranked[:2]
    by_code = _by_code()
    return frozenset(by_code[code] for code in {*chosen, *_writers_of_rare_letters(words)})


def _without_missing_letters(
    candidates: frozenset[Language], words: list[str]
) -> frozenset[Language]:
    """The candidates, less those whose frequent letters a text of some length never writes."""
    letters = set("".join(words).lower())
    if sum(len(w) for w in words) < _data()["frequent_letters_from"]:
        return candidates
    kept = frozenset(
        language
        for language in candidates
        if letters & set(_data()["frequent_letters"].get(_lingua_code(language), letters))
    )
    return kept if len(kept) >= 2 else candidates


def _within_alphabets(candidates: frozenset[Language], words: list[str]) -> frozenset[Language]:
    """The candidates, less those whose alphabet (when we list it) lacks a letter the text
    writes; all of them when none would be left."""
    alphabets: dict[str, str] = _data()["alphabets"]
    letters = set("".join(words).lower())
    kept = frozenset(
        language
        for language in candidates
        if (alphabet := alphabets.get(_lingua_code(language))) is None
        or not _foreign_letters(letters, alphabet)
    )
    return kept or candidates


def _foreign_letters(letters: set[str], alphabet: str) -> bool:
    """Whether a letter of `letters` in the alphabet's script is not in `alphabet`."""
    script = _word_script(alphabet[0])
    return any(_word_script(c) == script and c not in alphabet for c in letters if c.isalpha())


@cache
def _script_languages(script: str) -> frozenset[Language]:
    from lingua import Language

    if script == "LATIN":
        return frozenset(Language.all_with_latin_script())
    if script in _SCRIPTS_WITH_FEW_LANGUAGES:
        return frozenset(getattr(Language, f"all_with_{script.lower()}_script")())
    return frozenset(Language.all())


@cache
def _by_code() -> dict[str, Language]:
    from lingua import Language

    return {_lingua_code(language): language for language in Language.all()}


@cache
def _stopword_lists() -> dict[str, frozenset[str]]:
    """Per Latin-script detector language with a stopwordsiso list, that list."""
    every = stopwords_iso()
    filed_as = _data()["stopword_lists"]
    lists = {}
    for code in sorted(_lingua_code(language) for language in _script_languages("LATIN")):
        listed = filed_as.get(code, code).lower()
        if listed in every:
            lists[code] = frozenset(every[listed])
    return lists


@cache
def stopwords_iso() -> dict[str, list[str]]:
    """stopwordsiso's lists by language code, read from the package's data file: importing the
    package also looks its version up among the installed distributions and parses the file
    again, some 30 ms, a fifteenth of a one-off `compare`."""
    spec = importlib.util.find_spec("stopwordsiso")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder, "stopwords-iso.json")
        if path.is_file():
            lists: dict[str, list[str]] = json.loads(path.read_text("utf-8"))
            return lists
    import stopwordsiso  # laid out otherwise: its own API, at its own cost

    return {code: sorted(stopwordsiso.stopwords(code)) for code in stopwordsiso.langs()}


@cache
def _letter_writers() -> dict[str, frozenset[str]]:
    """Each letter beyond a-z that few Latin-script stopword lists write -> those languages
    (ı ş ğ: Turkish; ő ű: Hungarian; ř ů: Czech): a text writing one is put to them too, however
    few of its words the lists hold."""
    writers: dict[str, set[str]] = {}
    for code, listed in _stopword_lists().items():
        for letter in set("".join(listed)):
            if letter.isalpha() and not ("a" <= letter <= "z"):
                writers.setdefault(letter, set()).add(code)
    return {
        letter: frozenset(codes)
        for letter, codes in writers.items()
        if len(codes) <= _RARE_LETTER_WRITERS
    }


def _writers_of_rare_letters(words: list[str]) -> set[str]:
    writers = _letter_writers()
    found: set[str] = set()
    for letter in set("".join(words).casefold()):
        found |= writers.get(letter, frozenset())
    return found


def _stopword_shares(words: list[str]) -> dict[str, float]:
    """Per language code, the share of `words` its stopword list holds."""
    folded = [w.casefold() for w in words]
    shares = {}
    for code, listed in _stopword_lists().items():
        hits = sum(w in listed for w in folded)
        if hits:
            shares[code] = hits / len(folded)
    return shares


def _choose(values: list[ConfidenceValue], words: list[str]) -> str:
    """Among the close answers, an extraction language, then the one its own stopwords favour."""
    best = values[0].value
    close = [_lingua_code(v.language) for v in values if v.value >= best * CLOSE]
    ours = set(extraction_languages())
    preferred = [code for code in close if reading_language(code) in ours] or close
    chosen = preferred[0]
    return _malay_or_indonesian(words) if chosen in _standards() else chosen


@cache
def _standards() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Per standard (Malay, Indonesian): the words and loanword endings only it writes."""
    path = resources.files("factcheck.load").joinpath("data/malay_indonesian.json")
    data = json.loads(path.read_text("utf-8"))
    return {
        code: (frozenset(data[code]), tuple(data["suffixes"][code])) for code in data["suffixes"]
    }


def _malay_or_indonesian(words: list[str]) -> str:
    """Malay when the text writes more Malaysian forms than Indonesian ones, else Indonesian.

    Without a marker the two cannot be told apart; Indonesian is then the answer, the standard
    with far more news text and the one whose data the rules read either way."""
    marks: Counter[str] = Counter()
    for word in (w.casefold() for w in words):
        for code, (own, endings) in _standards().items():
            if word in own or (len(word) > 5 and word.endswith(endings)):
                marks[code] += 1
    return "ms" if marks["ms"] > marks["id"] else "id"


def _lingua_code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


@lru_cache(maxsize=1024)
def _detector(languages: frozenset[Language]) -> LanguageDetector:
    """Built once per candidate set (cheap: lingua shares each language's model between
    detectors, and a folder meets a few hundred sets at most)."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
