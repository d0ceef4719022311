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
# How many verb-and-term pairs of one sentence are tried, nearest first.
MAX_CORES = 8
# The longest term the pairing looks back for (a term starts at most this far before it ends).
MAX_TERM_CHARS = 40
# How many "may contain errors" sentences may join a disclosure.
MAX_ERROR_SENTENCES = 2

# A sentence ends at a line break, a CJK full stop, or a full stop followed by a space, a closing
# mark or the end; quotation marks are found in the same pass. The pattern starts with one
# character class so that the regex engine skips to the marks (alternatives would be tried at
# every character, and slow down on long texts); the rest is only checked at a full stop.
_QUOTE_MARKS = '"«»„“”「」『』‹›'
_MARKS = re.compile(
    f"[.!?؟…。！？\n{_QUOTE_MARKS}](?:(?<=[.!?؟…])(?=[\\s\"'”»)\\]」』]|\\Z)|(?<![.!?؟…]))"
)
_QUESTION = "?؟？"
_QUOTE = re.compile(f"[{_QUOTE_MARKS}]")
_CLOSER = {'"': '"', "«": "»", "„": "“”", "“": "”", "「": "」", "『": "』", "‹": "›"}
_LEADING = re.compile(r"[\W_]*")  # bullets, emoji, brackets before the first word
_PREFIX = re.compile(r"[^\W\d_][\w'’ .-]{0,30}?\s*[:：]\s*")  # "Note:", "Nota editorial:"
_PARENTHESIS = re.compile(r"\s*[(\[][^)\]]{0,80}[)\]]")
_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"[ \t]+[A-ZÀ-ÖØ-Þ]")

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
    folded: str  # empty for a stretch longer than MAX_SENTENCE, which is not read


def find_disclaimers(document: Document) -> list[Fact]:
    """Every AI-use disclosure in `document`: the sentence(s), with language and kind."""
    text = document.text
    if not term_index().may_hold_term(fold(text)):
        return []  # no sentence can hold a term: most articles are not read sentence by sentence
    order = _languages(document.language)
    found: list[Fact] = []
    previous: _Sentence | None = None
    room = 0  # how many more "may contain errors" sentences the last disclosure may take
    for sentence in _sentences(text):
        if not sentence.folded:  # too long to be one statement; it separates what is around it
            previous, room = None, 0
            continue
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


@dataclass(frozen=True, slots=True)
class _Refs:
    """What in one sentence may say "this piece", read once per language."""

    selves: tuple[tuple[int, int, bool], ...]  # (start, end, about an image), unquoted
    wes: tuple[tuple[int, int], ...]  # the newsroom's "we", unquoted
    label_end: int | None  # after "Note:" / "Disclaimer:"
    image_label_end: int | None  # after "Photo:" at the start
    body: int  # where the words of a label start, after bullets and a "Xxx:" prefix
    short: bool  # short enough to be a label
    pronoun_end: int | None  # after a starting "It" that continues a sentence naming the piece

    @property
    def any(self) -> bool:
        return bool(
            self.selves
            or self.wes
            or self.label_end is not None
            or self.image_label_end is not None
            or self.short
            or self.pronoun_end is not None
        )


def _refs(lex: Lexicon, sentence: _Sentence, previous: _Sentence | None) -> _Refs:
    s, quoted = sentence.folded, sentence.quoted
    selves = tuple(
        (m.start(), m.end(), image)
        for pattern, image in ((lex.image_reference, True), (lex.self_reference, False))
        for m in pattern.finditer(s)
        if not _inside(quoted, m.start())
    )
    wes = tuple((m.start(), m.end()) for m in lex.we.finditer(s) if not _inside(quoted, m.start()))
    lead = _LEADING.match(s).end()  # type: ignore[union-attr]
    label = lex.label.search(s)
    image_label = lex.image_label.match(s, lead)
    body = lead
    prefix = _PREFIX.match(s, body)
    if prefix is not None:
        body = prefix.end()
    rest = s[body:].rstrip(" .!…。")
    short = len(_WORD.findall(rest)) <= LABEL_WORDS if lex.spaced else len(rest) <= LABEL_CHARS
    pronoun_end = None
    if lex.pronoun is not None and previous is not None and not sentence.paragraph:
        pronoun = lex.pronoun.match(s, lead)
        if pronoun is not None and lex.self_reference.search(previous.folded):
            pronoun_end = pronoun.end()
    return _Refs(
        selves,
        wes,
        label.end() if label is not None else None,
        image_label.end() if image_label is not None else None,
        body,
        short,
        pronoun_end,
    )


def _disclosure_in(
    lex: Lexicon, sentence: _Sentence, previous: _Sentence | None
) -> DisclosureKind | None:
    s = sentence.folded
    refs: _Refs | None = None
    for core in _cores(lex, s):
        if _inside(sentence.quoted, core.start):
            continue
        if refs is None:
            refs = _refs(lex, sentence, previous)
            if not refs.any:
                return None
        image = _reference(lex, s, refs, core)
        if image is not None:
            return _kind(lex, s, core, image)
    return None


def _cores(lex: Lexicon, s: str) -> list[_Core]:
    """Verb-and-term pairs close enough to be one statement, nearest first (a few at most)."""
    names = tools()
    term_patterns = (
        (lex.ai, "ai"),
        (names.ai, "ai"),
        (lex.automation, "automation"),
        (names.automation, "automation"),
        (names.machine, "mt_tool"),
        (lex.machine, "machine"),
    )
    verb_patterns = (
        (lex.make, "make"),
        (lex.translate, "translate"),
        (lex.assist, "assist"),
        (lex.means, "means"),
    )
    if not lex.any_verb.search(s):
        return []
    if not (lex.any_term.search(s) or names.any.search(s)):
        return []
    found = [
        _Hit(m.start(), m.end(), what)
        for p, what in term_patterns
        for m in p.finditer(s)
        if not _in_a_name(lex, s, m)
    ]
    other_ai = any(h.what == "ai" for h in found)
    found += [
        _Hit(m.start(), m.end(), "ai")
        for m in names.ambiguous.finditer(s)
        if names.is_tool(s, m, other_ai)
    ]
    terms = sorted(found, key=lambda h: h.start)
    starts = [t.start for t in terms]
    reach = VERB_REACH[lex.spaced]
    pairs = []
    for pattern, what in verb_patterns:
        for m in pattern.finditer(s):
            verb = _Hit(m.start(), m.end(), what)
            first = bisect_left(starts, verb.start - reach - MAX_TERM_CHARS)
            for term in terms[first : bisect_left(starts, verb.end + reach + 1)]:
                if term.what == "machine" and verb.what != "translate":
                    continue
                if term.start < verb.end and verb.start < term.end and term.what != "machine":
                    continue  # one word read twice ("automatique" as verb and term)
                gap = max(term.start - verb.end, verb.start - term.end, 0)
                if gap <= reach:
                    start, end = min(verb.start, term.start), max(verb.end, term.end)
                    pairs.append((gap, start, _Core(start, end, verb, term)))
    pairs.sort(key=lambda p: (p[0], p[1]))
    return [core for _, _, core in pairs[:MAX_CORES]]


def _in_a_name(lex: Lexicon, s: str, term: re.Match[str]) -> bool:
    """ "the AI Now Institute", "EU AI Act": an acronym after an article or a capitalised word and
    before a capitalised word that is none of the lexicon's is part of a name, not a term ("KI
    Unterstützung" and "layanan AI Co-op Translator" still hold one)."""
    if not term.group().isupper():
        return False
    if not lex.name_before.search(s[max(0, term.start() - 24) : term.start()]):
        return False
    after = _CAPITALISED.match(s, term.end())
    if after is None:
        return False
    at = after.end() - 1
    words = (lex.make, lex.translate, lex.assist, lex.means, lex.piece, lex.image, lex.ai)
    names = tools()
    return not any(p.match(s, at) for p in (*words, names.ai, names.ambiguous, names.machine))


def _reference(lex: Lexicon, s: str, refs: _Refs, core: _Core) -> bool | None:
    """Whether the pair is said about this piece: None if not, else whether about an image."""
    for start, end, image in refs.selves:
        if _near(lex, s, start, end, core):
            return image
    if _newsroom_speaks(lex, s, refs, core):
        return False
    label = _label(lex, s, refs, core)
    if label is not None:
        return label
    if refs.pronoun_end is not None and refs.pronoun_end <= core.start:
        gap = s[refs.pronoun_end : core.start]
        if len(gap) <= SELF_REACH[lex.spaced] and not lex.about.search(gap):
            return False
    return None


def _near(lex: Lexicon, s: str, start: int, end: int, core: _Core) -> bool:
    """The self-reference stands by the pair, with no topic word ("how", "about") between."""
    if end <= core.start:
        gap = s[end : core.start]
    elif start >= core.end:
        gap = s[core.end : start]
    else:
        return True
    return len(gap) <= SELF_REACH[lex.spaced] and not lex.about.search(gap)


def _newsroom_speaks(lex: Lexicon, s: str, refs: _Refs, core: _Core) -> bool:
    """ "Texte, die wir mithilfe von KI erstellen": we, then at most one word, then the verb,
    and an AI term or tool (a newsroom making things "more automatic" discloses nothing)."""
    if core.term.what != "ai":
        return False
    for _, end in refs.wes:
        if end > core.verb.start:
            continue
        between = s[end : core.verb.start].strip()
        if not between or (lex.spaced and len(_WORD.findall(between)) <= 1):
            return True
    return False


def _label(lex: Lexicon, s: str, refs: _Refs, core: _Core) -> bool | None:
    """A label or caption: "Note: ...", "AI-assisted.", "Foto: Gerada por Gemini".

    Either a label word with a colon stands before the pair, or the sentence is short and
    starts with the piece, the verb or the term; in both cases nothing but "and ..." or a
    bracket follows the pair. None if not a label, else whether it is about an image.
    """
    labelled = refs.label_end is not None and refs.label_end <= core.start
    pictured = refs.image_label_end is not None and refs.image_label_end <= core.start
    if not (labelled or pictured or refs.short) or not _light_tail(lex, s, core):
        return None
    if pictured:
        return True
    if labelled:
        return _image_after(lex, s, core)
    body = refs.body if refs.body <= core.start else _LEADING.match(s).end()  # type: ignore[union-attr]
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
    quotes: list[int] = []  # filled by _cuts as it reads the text
    stack: list[str] = []  # the closing marks awaited, carried from sentence to sentence
    pos = previous_stop = 0
    first = True
    for cut in chain(_cuts(text, quotes), (None,)):
        if cut is None:
            end = next_pos = len(text)
        else:
            end = cut if text[cut] == "\n" else cut + 1
            next_pos = cut + 1
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
        paragraph = first or newlines > 1
        if stop - start <= MAX_SENTENCE:
            yield _sentence(text, start, stop, paragraph, quoted, awaited)
        else:
            yield _Sentence(start, stop, paragraph, (), "")
        previous_stop, first = stop, False


def _cuts(text: str, quotes: list[int]) -> Iterator[int]:
    """Where sentences end: the offsets of their final marks (or line breaks). Quotation marks
    met on the way are appended to `quotes`: the text is read once for both."""
    for mark in _MARKS.finditer(text):
        at = mark.start()
        if text[at] in _QUOTE_MARKS:
            quotes.append(at)
        else:
            yield at


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
