"""The per-language word lists of AI-use disclosures, compiled once.

One data file per language (data/disclosures/<code>.json) names the parts a disclosure is built
from: phrases pointing at this piece ("this article", "artikel ini", "この記事"), nouns for the
piece and for an image, making, translating and assisting verbs, AI, automation and
machine-translation terms, label words ("Note:", "Penafian:"), words that turn a sentence into
one *about* something ("how", "about"), and "may contain errors" words. Tool names
(data/disclosure_tools.json) are shared by every language. A language is added by adding a file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from factcheck.extract.rules.trie import trie

# Arabic is written with or without short vowels and tatweel, and with several spellings of alef,
# final yeh and teh marbuta ("الاصطناعى", "الإصطناعي"); both the lexicon and the text are folded.
_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "’": "'",
    "ʼ": "'",
    "\u00ad": "",  # soft hyphen
    "\u200c": "",  # zero-width non-joiner
    "\u200d": "",
}
_ARABIC_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# One pass that stops only at the characters to change: `str.translate` looks up every
# character of the text, six times slower on a Latin text with a few curly apostrophes.
_TO_FOLD = re.compile(f"[{_ARABIC_MARKS}{''.join(_FOLD)}]")


def _folded(match: re.Match[str]) -> str:
    return _FOLD.get(match.group(), "")


# How a lexicon entry is bounded: spaced scripts match whole words; Korean attaches particles
# after a word; Arabic attaches clitics before it; Chinese and Japanese have no spaces at all.
_BOUNDS = {
    "spaced": (r"(?<!\w)", r"(?!\w)"),
    "prefix": (r"(?<!\w)", ""),
    "clitic": ("", ""),
    "unspaced": ("", ""),
}
# Latin acronyms ("AI") inside a script without spaces must still not be part of a Latin word.
_LATIN = (r"(?<![A-Za-z])", r"(?![A-Za-z])")


def fold(text: str) -> str:
    """`text` with Arabic marks dropped and letter variants unified (lengths may change)."""
    return _TO_FOLD.sub(_folded, text)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The compiled word lists of one language."""

    code: str
    spaced: bool  # words are separated by spaces (counts are in words, else in characters)
    self_reference: re.Pattern[str]  # "this article"
    image_reference: re.Pattern[str]  # "this image"
    piece: re.Pattern[str]  # "article", bare
    image: re.Pattern[str]  # "image", bare
    we: re.Pattern[str]
    pronoun: re.Pattern[str] | None  # "It" continuing a sentence that named the piece
    label: re.Pattern[str]  # "Note:" / "Disclaimer:"
    image_label: re.Pattern[str]  # "Photo:"
    make: re.Pattern[str]
    translate: re.Pattern[str]
    assist: re.Pattern[str]  # "with the help of": the AI helped
    means: re.Pattern[str]  # "using": a verb's instrument, no more
    ai: re.Pattern[str]
    automation: re.Pattern[str]
    machine: re.Pattern[str]  # counts only next to a translating verb ("automatically")
    any_verb: re.Pattern[str]  # make, translate, assist or means in one pass
    any_term: re.Pattern[str]  # ai, automation or machine in one pass
    about: re.Pattern[str]
    conjunction: re.Pattern[str]
    name_before: re.Pattern[str]  # an article or a capitalised word right before a position
    errors: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Tools:
    """Tool names shared by every language, by what they do."""

    ai: re.Pattern[str]
    ambiguous: re.Pattern[str]  # also a first name, a company or a word: "Claude", "Gemini"
    any: re.Pattern[str]  # every tool name, in one pass
    machine: re.Pattern[str]
    automation: re.Pattern[str]
    version: re.Pattern[str]  # " 3.5", " Sonnet" right after a name
    surname: re.Pattern[str]  # a capitalised word right after a name

    def is_tool(self, sentence: str, name: re.Match[str], other_terms: bool) -> bool:
        """Whether an ambiguous name is the tool: a model name or version follows it, or the
        sentence names AI another way; never when a capitalised word follows (a surname)."""
        return self.version.match(sentence, name.end()) is not None or (
            other_terms and self.surname.match(sentence, name.end()) is None
        )


def _alternation(entries: list[str]) -> str:
    return "(?:" + "|".join(fold(e) for e in entries) + ")"


def _bounded(entries: list[str], script: str, latin: bool = False) -> str:
    before, after = _BOUNDS[script]
    if latin and script != "spaced":
        before, after = before + _LATIN[0], after + _LATIN[1]
    return before + _alternation(entries) + after


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _language(code: str, raw: dict) -> Lexicon:
    script = raw["script"]
    pieces, images = _alternation(raw["pieces"]), _alternation(raw["images"])

    def words(key: str, latin: bool = False) -> re.Pattern[str]:
        return _compile(_bounded(raw[key], script, latin))

    def reference(noun: str) -> re.Pattern[str]:
        phrases = [p.replace("{PIECE}", noun) for p in raw["self"]]
        return _compile(_bounded(phrases, script))

    labels = _alternation(raw["labels"])
    image_labels = _alternation(raw["image_labels"])
    before = _BOUNDS[script][0]
    return Lexicon(
        code=code,
        spaced=script in ("spaced", "prefix", "clitic"),
        self_reference=reference(pieces),
        image_reference=reference(images),
        piece=_compile(_bounded(raw["pieces"], script)),
        image=_compile(_bounded(raw["images"], script)),
        we=words("we"),
        pronoun=words("pronoun") if raw["pronoun"] else None,
        label=_compile(before + labels + r"\s*[:：]"),
        image_label=_compile(before + image_labels + r"\s*[:：]"),
        make=words("make"),
        translate=words("translate"),
        assist=words("assist"),
        means=words("means"),
        ai=words("ai", latin=True),
        automation=words("automation", latin=True),
        machine=words("machine", latin=True),
        any_verb=_compile(
            _bounded([e for k in ("make", "translate", "assist", "means") for e in raw[k]], script)
        ),
        any_term=_compile(
            _bounded([e for k in ("ai", "automation", "machine") for e in raw[k]], script, True)
        ),
        about=words("about"),
        conjunction=words("conjunctions"),
        name_before=_name_before(raw["articles"]),
        errors=words("errors"),
    )


def _name_before(articles: list[str]) -> re.Pattern[str]:
    """Matches (searched backwards from a term, in a short window) when the term follows an
    article or a capitalised word: "the AI Act", "EU AI Act", "der KI Campus"."""
    article = r"(?<!\w)" + _alternation(articles) + r"\s+$" if articles else r"(?!x)x"
    return re.compile(f"(?:{article})|(?-i:[A-ZÀ-ÖØ-Þ][\\w.-]*\\s+$)", re.IGNORECASE)


def _read(path: str) -> dict:
    return json.loads(
        resources.files("factcheck.extract.rules").joinpath(path).read_text(encoding="utf-8")
    )


@cache
def _raw_lexicons() -> tuple[tuple[str, dict], ...]:
    folder = resources.files("factcheck.extract.rules").joinpath("data/disclosures")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))
    return tuple((name[:-5], _read(f"data/disclosures/{name}")) for name in names)


@cache
def lexicons() -> tuple[Lexicon, ...]:
    """Every language's lexicon, from data/disclosures/*.json, in file-name order."""
    return tuple(_language(code, raw) for code, raw in _raw_lexicons())


@cache
def tools() -> Tools:
    """The shared tool names, compiled once."""
    raw = _read("data/disclosure_tools.json")

    def names(entries: list[str]) -> re.Pattern[str]:
        return re.compile(_LATIN[0] + _alternation(entries) + r"(?![A-Za-z])")

    return Tools(
        ai=names(raw["ai"]),
        ambiguous=names(raw["ambiguous"]),
        machine=names(raw["machine"]),
        automation=names(raw["automation"]),
        any=names([e for key in TOOL_KINDS for e in raw[key]]),
        version=re.compile(r"[ \t]*[-‑]?[ \t]*" + _alternation(raw["versions"]) + r"(?![a-z])"),
        surname=re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ]"),
    )


@dataclass(frozen=True, slots=True)
class TermIndex:
    """What every AI, automation and machine-translation term and tool name starts with.

    A sentence holding none of these cannot be a disclosure and is not read further. This is
    the only test most sentences get, so it is cheap: a word of a spaced script holds a term when
    it starts with one of their stems (a trie of the stems, searched at word starts of the lower
    case text); scripts without spaces (or with clitics) are searched for a trie of their terms,
    whose first characters never occur in Latin text; acronyms and tool names for a
    case-sensitive trie.
    """

    stems: re.Pattern[str]
    unspaced: re.Pattern[str] | None
    names: re.Pattern[str]

    def may_hold_term(self, sentence: str) -> bool:
        """False when no term of any language can be in `sentence`.

        Also true of a whole (folded) text: none of the three searches looks across a space or
        a sentence's final mark, so a sentence holds a term only if the text holding it does.
        """
        if self.names.search(sentence):
            return True
        if self.unspaced is not None and self.unspaced.search(sentence):
            return True
        # The stems follow a non-word character: a space before the text stands for its start.
        return self.stems.search(" " + sentence.lower()) is not None


@cache
def term_index() -> TermIndex:
    """The term index of every language and tool (see TermIndex)."""
    stems: set[str] = set()
    unspaced: set[str] = set()
    names: set[str] = set()
    for _, raw in _raw_lexicons():
        for entry in (fold(e) for key in TERMS for e in raw[key]):
            start = literal_start(entry)
            if entry.startswith(_ACRONYM):
                names.add(start)
            elif raw["script"] == "spaced":
                stems.add(_stem(entry, start))
            else:
                unspaced.add(start)
    tool_names = _read("data/disclosure_tools.json")
    tools = [e for key in TOOL_KINDS for e in tool_names[key]]
    return TermIndex(
        # Opening with a character class, the search skips along each word in C and tries the
        # stems only after a space or a mark (twice as fast as a look-behind at every character).
        re.compile(r"\W" + trie(stems)),
        re.compile(trie(unspaced)) if unspaced else None,
        re.compile(_first_of(names, tools) + "(?:" + trie(names) + "|" + "|".join(tools) + ")"),
    )


def _stem(entry: str, start: str) -> str:
    """The lower-case word a spaced-script term starts with (at least three letters)."""
    stem = re.match(r"\w*", start.lower()).group()  # type: ignore[union-attr]
    if len(stem) < 3:
        raise ValueError(f"disclosure term {entry!r} must start with a 3-letter word")
    if "σ" in stem or "ς" in stem:
        # str.lower() writes a Greek sigma by its place in the word, so a whole text and one of
        # its sentences could spell it differently: may_hold_term would not hold of both.
        raise ValueError(f"disclosure term {entry!r}: a stem with a sigma needs both forms")
    return stem


def _first_of(names: set[str], tools: list[str]) -> str:
    """A lookahead for the characters every acronym and tool name starts with: a search then
    skips the rest of an article quickly (four times faster on news). Empty when an entry does
    not start with a literal character."""
    starts = [*names, *map(literal_start, tools)]
    if not all(starts):
        return ""
    return "(?=[" + "".join(sorted({re.escape(s[0]) for s in starts})) + "])"


TERMS = ("ai", "automation", "machine")
TOOL_KINDS = ("ai", "ambiguous", "machine", "automation")
_ACRONYM = "(?-i:"
_META = frozenset("\\()[]{}?*+|.^$")


def literal_start(entry: str) -> str:
    """The characters every match of a lexicon entry starts with ("automat(?:ed|ion)" ->
    "automat", "(?-i:AI)" -> "AI"); a character made optional by a quantifier is left out."""
    if entry.startswith(_ACRONYM):
        entry = entry[len(_ACRONYM) :]
    out: list[str] = []
    i = 0
    while i < len(entry):
        char, step = entry[i], 1
        if char == "\\" and entry[i + 1 : i + 2] in (".", "-", "'"):
            char, step = entry[i + 1], 2  # escaped punctuation is literal
        elif char in _META:
            break
        if entry[i + step : i + step + 1] in ("?", "*", "{"):
            break  # made optional
        out.append(char)
        i += step
    return "".join(out)
