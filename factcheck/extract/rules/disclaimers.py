"""AI-use disclosures: "this article was written with the help of AI", "Image generated with
Midjourney", "Cet article a été traduit automatiquement".

A disclosure is found by its structure, never by a fixed phrase. In one short sentence:
  - a making, translating or assisting word ("written", "traduit", "mithilfe", "bantuan"),
  - next to an AI, automation or machine-translation term or a tool name ("AI", "DeepL"),
    in either order,
  - said about *this* piece: a self-reference ("this article", "artikel ini", "この記事"), the
    newsroom speaking ("wir"), a label ("Disclaimer: ...", "Image generated with ..."), or a
    sentence starting "It ..." right after one that named the piece.
A sentence about AI in general, inside quotation marks, a question, or one where "this article"
only introduces a topic ("this story looks at how AI ...") is not a disclosure, wherever it
stands: the last lines of an article get no looser rule than the rest.

Each disclosure carries its language (`value`) and its kind (`disclosure`): ai_written,
ai_assisted, machine_translated, automated (template or data driven) or ai_image.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import chain

from factcheck.extract.rules.disclosure_lexicon import Lexicon, fold, lexicons, term_index, tools
from factcheck.models import DISCLOSURE_KINDS, DisclosureKind, Document, Fact

# A disclosure is one short sentence; longer runs of text without a sentence end are not read.
MAX_SENTENCE = 600
# How far apart (characters of the folded sentence) the verb and the AI term may stand ...
VERB_REACH = {True: 60, False: 24}  # spaced scripts, scripts without spaces
# ... and how far the self-reference may stand from them.
SELF_REACH = {True: 32, False: 12}
# A label ("AI-assisted.", "Image generated with Midjourney") is short.
LABEL_WORDS = 12
LABEL_CHARS = 40
# What may follow the verb and term of a label, in words, after "and", a comma or a bracket.
TRAILING_WORDS = 10
# How many "may contain errors" sentences may join a disclosure.
MAX_ERROR_SENTENCES = 2

_BREAK = re.compile(r"[.!?؟…](?=[\s\"'”»)\]」』]|$)|[。！？]|\n")
_QUESTION = "?؟？"
_QUOTE = re.compile('["«»„“”「」『』‹›]')
_CLOSER = {'"': '"', "«": "»", "„": "“”", "“": "”", "「": "」", "『": "』", "‹": "›"}
_LEADING = re.compile(r"[\W_]*")  # bullets, emoji, brackets before the first word
_PREFIX = re.compile(r"[^\W\d_][\w'’ .-]{0,30}?\s*[:：]\s*")  # "Note:", "Nota editorial:"
_PARENTHESIS = re.compile(r"\s*[(\[][^)\]]{0,80}[)\]]")
_WORD = re.compile(r"\w+")

KINDS = DISCLOSURE_KINDS


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    what: str  # make | translate | assist | ai | automation | machine | mt_tool


@dataclass(frozen=True, slots=True)
class _Core:
    """A verb and a term close together, and what they say."""

    start: int
    end: int
    verb: _Hit
    term: _Hit


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: bool  # a blank line (or the start of the text) comes before it
    quoted: tuple[tuple[int, int], ...]  # quoted stretches, offsets in the folded text
    folded: str


def find_disclaimers(document: Document) -> list[Fact]:
    """Every AI-use disclosure in `document`: the sentence(s), with language and kind."""
    text = document.text
    order = _languages(document.language)
    found: list[Fact] = []
    previous: _Sentence | None = None
    room = 0  # how many more "may contain errors" sentences the last disclosure may take
    for sentence in _sentences(text):
        if room and not sentence.paragraph and _is_errors_note(sentence.folded, found[-1]):
            last = found[-1]
            found[-1] = dataclasses.replace(
                last, text=text[last.start : sentence.end], end=sentence.end
            )
            room -= 1
        else:
            room = 0
            result = _disclosure(sentence, previous, order)
            if result is not None:
                code, kind = result
                span = text[sentence.start : sentence.end]
                found.append(
                    Fact("disclaimer", span, sentence.start, sentence.end, code, disclosure=kind)
                )
                room = MAX_ERROR_SENTENCES
        previous = sentence
    return found


def _is_errors_note(folded: str, fact: Fact) -> bool:
    """A "may contain errors" sentence right after a disclosure belongs to it."""
    return any(
        lex.code in (fact.value, "en") and lex.errors.search(folded) is not None
        for lex in lexicons()
    )


def _disclosure(
    sentence: _Sentence, previous: _Sentence | None, order: tuple[Lexicon, ...]
) -> tuple[str, DisclosureKind] | None:
    """(language, kind) when the sentence discloses AI use about this piece."""
    s = sentence.folded
    if not term_index().may_hold_term(s):
        return None
    if s.rstrip(" .\"'”»)").endswith(tuple(_QUESTION)):
        return None
    for lex in order:
        kind = _disclosure_in(lex, sentence, previous)
        if kind is not None:
            return lex.code, kind
    return None


def _disclosure_in(
    lex: Lexicon, sentence: _Sentence, previous: _Sentence | None
) -> DisclosureKind | None:
    s = sentence.folded
    for core in _cores(lex, s):
        if _inside(sentence.quoted, core.start):
            continue
        image = _reference(lex, sentence, previous, core)
        if image is None:
            continue
        return _kind(lex, s, core, image)
    return None


def _cores(lex: Lexicon, s: str) -> Iterator[_Core]:
    """Verb-and-term pairs close enough to be one statement, nearest first."""
    names = tools()
    terms = [
        *(_Hit(m.start(), m.end(), "ai") for m in lex.ai.finditer(s)),
        *(_Hit(m.start(), m.end(), "ai") for m in names.ai.finditer(s)),
        *(_Hit(m.start(), m.end(), "automation") for m in lex.automation.finditer(s)),
        *(_Hit(m.start(), m.end(), "automation") for m in names.automation.finditer(s)),
        *(_Hit(m.start(), m.end(), "mt_tool") for m in names.machine.finditer(s)),
        *(_Hit(m.start(), m.end(), "machine") for m in lex.machine.finditer(s)),
    ]
    if not terms:
        return
    verbs = [
        *(_Hit(m.start(), m.end(), "make") for m in lex.make.finditer(s)),
        *(_Hit(m.start(), m.end(), "translate") for m in lex.translate.finditer(s)),
        *(_Hit(m.start(), m.end(), "assist") for m in lex.assist.finditer(s)),
        *(_Hit(m.start(), m.end(), "means") for m in lex.means.finditer(s)),
    ]
    reach = VERB_REACH[lex.spaced]
    pairs = []
    for verb in verbs:
        for term in terms:
            if term.what == "machine" and verb.what != "translate":
                continue
            if term.start < verb.end and verb.start < term.end and term.what != "machine":
                continue  # one word read twice ("automatique" as verb and term)
            gap = max(term.start - verb.end, verb.start - term.end, 0)
            if gap <= reach:
                start, end = min(verb.start, term.start), max(verb.end, term.end)
                pairs.append((gap, start, _Core(start, end, verb, term)))
    for _, _, core in sorted(pairs, key=lambda p: (p[0], p[1])):
        yield core


def _reference(
    lex: Lexicon, sentence: _Sentence, previous: _Sentence | None, core: _Core
) -> bool | None:
    """Whether the pair is said about this piece: None if not, else whether about an image."""
    s = sentence.folded
    for pattern, image in ((lex.image_reference, True), (lex.self_reference, False)):
        for ref in pattern.finditer(s):
            if not _inside(sentence.quoted, ref.start()) and _near(lex, s, ref, core):
                return image
    if _newsroom_speaks(lex, sentence, core):
        return False
    label = _label(lex, s, core)
    if label is not None:
        return label
    if previous is not None and _continues(lex, sentence, previous, core):
        return False
    return None


def _near(lex: Lexicon, s: str, ref: re.Match[str], core: _Core) -> bool:
    """The self-reference stands by the pair, with no topic word ("how", "about") between."""
    if ref.end() <= core.start:
        gap = s[ref.end() : core.start]
    elif ref.start() >= core.end:
        gap = s[core.end : ref.start()]
    else:
        return True
    return len(gap) <= SELF_REACH[lex.spaced] and not lex.about.search(gap)


def _newsroom_speaks(lex: Lexicon, sentence: _Sentence, core: _Core) -> bool:
    """ "Texte, die wir mithilfe von KI erstellen": we, then at most one word, then the verb,
    and an AI term or tool (a newsroom making things "more automatic" discloses nothing)."""
    if core.term.what != "ai":
        return False
    s = sentence.folded
    for we in lex.we.finditer(s, 0, core.start + 1):
        if _inside(sentence.quoted, we.start()):
            continue
        between = s[we.end() : core.verb.start].strip()
        if core.verb.start >= we.end() and (
            not between or (lex.spaced and len(_WORD.findall(between)) <= 1)
        ):
            return True
    return False


def _label(lex: Lexicon, s: str, core: _Core) -> bool | None:
    """A label or caption: "Note: ...", "AI-assisted.", "Foto: Gerada por Gemini".

    Either a label word with a colon stands before the pair, or the sentence is short and
    starts with the piece, the verb or the term; in both cases nothing but "and ..." or a
    bracket follows the pair. None if not a label, else whether it is about an image.
    """
    if not _light_tail(lex, s, core):
        return None
    image_label = lex.image_label.match(s, _LEADING.match(s).end())  # type: ignore[union-attr]
    if image_label is not None and image_label.end() <= core.start:
        return True
    label = lex.label.search(s, 0, core.start)
    if label is not None and label.end() <= core.start:
        return _image_after(lex, s, core)
    body = _LEADING.match(s).end()  # type: ignore[union-attr]
    prefix = _PREFIX.match(s, body)
    if prefix is not None and prefix.end() <= core.start:
        body = prefix.end()
    rest = s[body:].rstrip(" .!…。")
    if lex.spaced and len(_WORD.findall(rest)) > LABEL_WORDS:
        return None
    if not lex.spaced and len(rest) > LABEL_CHARS:
        return None
    if lex.image.match(s, body):
        return True
    if body in (core.start, core.verb.start, core.term.start) or lex.piece.match(s, body):
        return _image_after(lex, s, core)
    return None


def _light_tail(lex: Lexicon, s: str, core: _Core) -> bool:
    """Nothing of weight follows the pair: the end, a bracket, or "and reviewed by ..."."""
    tail = s[core.end :]
    while True:
        bracket = _PARENTHESIS.match(tail)
        if bracket is None:
            break
        tail = tail[bracket.end() :]
    tail = tail.strip().rstrip(" .!…。")
    if not tail:
        return True
    if not lex.spaced:
        return len(tail) <= 12 or tail[0] in ",，、;；:：(（"
    if tail[0] in ",;:(—–-/":
        return len(_WORD.findall(tail)) <= TRAILING_WORDS
    first = lex.conjunction.match(tail)
    return first is not None and len(_WORD.findall(tail)) <= TRAILING_WORDS


def _image_after(lex: Lexicon, s: str, core: _Core) -> bool:
    """ "AI-generated image": the pair describes a picture named right after it."""
    return lex.image.match(s, core.end + (s[core.end : core.end + 1] in " -")) is not None


def _continues(lex: Lexicon, sentence: _Sentence, previous: _Sentence, core: _Core) -> bool:
    """ "This article was first published in German. It was translated ...": "It" is the piece
    named by the sentence just before (same paragraph)."""
    if lex.pronoun is None or sentence.paragraph:
        return False
    s = sentence.folded
    pronoun = lex.pronoun.match(s, _LEADING.match(s).end())  # type: ignore[union-attr]
    if pronoun is None or pronoun.end() > core.start:
        return False
    gap = s[pronoun.end() : core.start]
    if len(gap) > SELF_REACH[lex.spaced] or lex.about.search(gap):
        return False
    return lex.self_reference.search(previous.folded) is not None


def _kind(lex: Lexicon, s: str, core: _Core, image: bool) -> DisclosureKind:
    """Which kind of disclosure the pair makes."""
    reach = VERB_REACH[lex.spaced]
    around = (max(0, core.start - reach), core.end + reach)
    if image or _image_after(lex, s, core):
        return "ai_image"
    if (
        core.verb.what == "translate"
        or core.term.what in ("machine", "mt_tool")
        or lex.translate.search(s, *around)
    ):
        return "machine_translated"
    if core.term.what == "automation" and not (lex.ai.search(s) or tools().ai.search(s)):
        return "automated"
    if core.verb.what == "assist" or lex.assist.search(s, *around):
        return "ai_assisted"
    if core.verb.what == "means" and not lex.make.search(s, *around):
        return "ai_assisted"
    return "ai_written"


def _inside(quoted: tuple[tuple[int, int], ...], pos: int) -> bool:
    return any(start <= pos < end for start, end in quoted)


def _sentences(text: str) -> Iterator[_Sentence]:
    """The sentences of `text`, each read once: ends of sentences and line breaks cut them."""
    quotes = [m.start() for m in _QUOTE.finditer(text)]
    stack: list[str] = []  # the closing marks awaited, carried from sentence to sentence
    pos = previous_stop = 0
    first = True
    for cut in chain(_BREAK.finditer(text), (None,)):
        if cut is None:
            end = next_pos = len(text)
        else:
            end = cut.start() if text[cut.start()] == "\n" else cut.end()
            next_pos = cut.end()
        start, stop = pos, end
        while start < stop and text[start].isspace():
            start += 1
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        pos = next_pos
        if stop == start:
            continue
        newlines = text.count("\n", previous_stop, start)
        if newlines:
            stack.clear()  # a quotation does not run over a line break
        awaited = list(stack)
        quoted = _quoted(text, quotes, start, stop, stack)
        if stop - start <= MAX_SENTENCE:
            paragraph = first or newlines > 1
            yield _sentence(text, start, stop, paragraph, quoted, awaited)
        previous_stop, first = stop, False


def _sentence(
    text: str,
    start: int,
    end: int,
    paragraph: bool,
    quoted: list[tuple[int, int]],
    awaited: list[str],
) -> _Sentence:
    raw = text[start:end]
    folded = fold(raw)
    if len(folded) != len(raw):
        # Arabic marks were dropped: the quoted stretches are re-read on the folded text.
        inner = [m.start() for m in _QUOTE.finditer(folded)]
        quoted = _quoted(folded, inner, 0, len(folded), awaited)
    else:
        quoted = [(a - start, b - start) for a, b in quoted]
    return _Sentence(start, end, paragraph, tuple(quoted), folded)


def _quoted(
    text: str, quotes: list[int], start: int, end: int, stack: list[str]
) -> list[tuple[int, int]]:
    """The quoted stretches of text[start:end], carrying open quotes over in `stack`."""
    out: list[tuple[int, int]] = []
    open_at = start if stack else -1
    for i in range(bisect_left(quotes, start), bisect_left(quotes, end)):
        pos = quotes[i]
        mark = text[pos]
        if stack and mark in stack[-1]:
            stack.pop()
            if not stack:
                out.append((open_at, pos + 1))
                open_at = -1
        elif mark in _CLOSER:
            if not stack:
                open_at = pos
            stack.append(_CLOSER[mark])
    if stack and open_at >= 0:
        out.append((open_at, end))
    return out


@cache
def _languages(language: str | None) -> tuple[Lexicon, ...]:
    """Every language, the article's own first: a disclosure may be appended in another
    language than the article's (syndicated copy, an English label on a translation)."""
    return tuple(sorted(lexicons(), key=lambda lex: (lex.code != language, lex.code != "en")))
