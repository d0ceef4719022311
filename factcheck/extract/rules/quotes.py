"""Quotations and who said them.

Quotation marks are paired with a small stack over the marks alone (never a loop over every
character): « » “ ” „ “ ‹ › ‘ ’ 「 」 『 』 and straight quotes, whose direction is read from the
characters around them. Only outermost quotes become facts; an inner quote stays inside its outer
fact.

A quotation may run over several paragraphs, written two ways: the opening mark repeated at the
start of each paragraph and closed in the last one (the newsroom convention), or opened once and
closed in a later paragraph (translations that put each sentence in its own paragraph). It
becomes one fact whose evidence spans every paragraph and whose value leaves out the repeated
marks. Otherwise an opening mark that never closes is dropped at a paragraph break, after a few
line breaks or after MAX_QUOTE_CHARS, so it cannot swallow the rest of the article.
"""

from __future__ import annotations

import bisect
import re
from collections import deque
from dataclasses import dataclass, field

import regex

from factcheck.extract.rules.quotes_lexicon import lexicon
from factcheck.extract.rules.quotes_speakers import Speakers
from factcheck.models import Document, Fact

MAX_QUOTE_CHARS = 1200
MAX_QUOTE_LINES = 2  # line breaks one quote may span; more means an unbalanced mark
MAX_QUOTE_PARAGRAPHS = 8  # paragraphs one quotation may run over

# Which marks close a quote opened by each mark ("„Wort“", "»Wort«", English and French pairs).
CLOSERS: dict[str, str] = {
    '"': '"',
    "“": "”“",
    "„": "“”",
    "”": "”",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
    "‘": "’‘",
    "‚": "‘’",
    "「": "」",
    "『": "』",
}
_MARKS = "".join(CLOSERS) + "’」』"
# The opening marks each mark closes.
_CLOSES: dict[str, tuple[str, ...]] = {
    mark: tuple(opener for opener, closers in CLOSERS.items() if mark in closers) for mark in _MARKS
}
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_FRONT_MATTER = regex.compile(r"\A\ufeff?---[^\S\n]*\n.*?\n---[^\S\n]*(?:\n|\Z)", regex.DOTALL)
_WORDY = regex.compile(r"[\p{L}\p{N}]")
_INVISIBLE = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff"
_BEFORE_OPENER = "([{<:/—–-" + "".join(CLOSERS) + "」』"
_PUNCTUATION = ".,;:!?)]}>…"
_AFTER_CLOSER = _PUNCTUATION + "/—–-" + "".join(CLOSERS) + "」』"
_PARAGRAPH_END = ".!?…"
_DOUBLE_MARKS = '"“”„«»'
_ELIDED_WORD = regex.compile(r"(?<!\p{L})\p{L}+\Z")
_ELIDED_ENDINGS = ("qu", "ll", "un")  # lorsqu’, dell’, nell’, un’


@dataclass(slots=True)
class _Open:
    pos: int
    mark: str
    inner: list[tuple[int, int]] = field(default_factory=list)  # closed quotes nested inside
    since: int = -1  # where the part of the quote in the current paragraph starts
    paragraph: int = 0  # the paragraph that part is in
    repeats: list[int] = field(default_factory=list)  # opening marks repeated at paragraph starts
    seq: int = 0  # place on the stack, counted from the bottom when the stack was last empty


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    repeats: tuple[int, ...] = ()  # positions of repeated opening marks, not part of the words


def find_quotes(document: Document) -> list[Fact]:
    """Every quotation in `document`, including empty ones, with its speaker when the text gives one."""
    text = document.text
    speakers = Speakers(text, lexicon(document.language))
    facts = []
    previous_end = -1
    for span in _spans(text):
        start, end = span.start, span.end
        value = " ".join(_words_inside(text, span).split())
        if not _WORDY.search(value):
            value = ""
            if _doubled_closer(text, start, end, previous_end):
                continue
        elif text[start] == '"' and "://" in value and " " not in value:
            continue  # a quoted URL in leftover markup, not a quotation
        elif _defined_term(text, start, end, value):
            continue
        previous_end = end
        said = speakers.attribute(start, end)
        facts.append(
            Fact(
                kind="quote",
                text=text[start:end],
                start=start,
                end=end,
                value=value,
                speaker=said.speaker,
                context=said.context,
            )
        )
    return facts


# A short quotation in parentheses right after a name defines what the text calls it:
# 'American Telephone and Telegraph Co. ("AT&T")'.
_DEFINITION_WORDS = 4
_ACRONYM_REACH = 40  # characters after a quote searched for "(DDoS)"
_ACRONYM_AFTER = regex.compile(r"[^\S\n]*(?:\p{L}+[^\S\n]+)?\(([\p{L}&]{2,8})\)")
_MINOR = frozenset({"of", "the", "and", "for", "de", "la", "du", "des", "del", "di", "e", "y"})


def _defined_term(text: str, start: int, end: int, value: str) -> bool:
    """Quotation marks around a defined term, not around anyone's words: '("AT&T")', or words
    whose initials the acronym after them spells ('"Distributed Denial of Service" (DDoS)')."""
    words = value.split()
    if not words or len(words) > _DEFINITION_WORDS:
        return False
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True
    # A slice: the regex module matching at a position of a long text takes time that grows
    # with the text, which made a page of many quotes quadratic.
    after = _ACRONYM_AFTER.match(text[end : end + _ACRONYM_REACH])
    if after is None or len(words) < 2:
        return False
    acronym = after.group(1).upper().replace("&", "")
    initials = {
        "".join(w[0] for w in words).upper(),
        "".join(w[0] for w in words if w.lower() not in _MINOR).upper(),
    }
    return acronym in initials


def _words_inside(text: str, span: _Span) -> str:
    """The text between the marks, without the opening marks repeated at paragraph starts."""
    parts = []
    last = span.start + 1
    for pos in span.repeats:
        parts.append(text[last:pos])
        last = pos + 1
    parts.append(text[last : span.end - 1])
    return " ".join(parts)


def _doubled_closer(text: str, start: int, end: int, previous_end: int) -> bool:
    """`""` or `"."` right after a closing straight quote (`…gezien." ""`): the closing marks of a
    quote nested in a quoted paragraph, not an empty quotation (`: "", a déclaré` stays one)."""
    return (
        text[start] == text[end - 1] == '"'
        and previous_end > 0
        and text[previous_end - 1] == '"'
        and not text[previous_end:start].strip()
    )


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every outermost quotation in `text`, marks included, in order."""
    return [(span.start, span.end) for span in _spans(text)]


def _spans(text: str) -> list[_Span]:
    front = _FRONT_MATTER.match(text)
    skip_until = front.end() if front else 0
    found = list(_PARAGRAPH.finditer(text))
    breaks = [m.start() for m in found]
    starts = [0] + [m.end() for m in found]  # where each paragraph begins
    newlines = _positions(text, "\n")
    # Quotes are only pushed and popped at either end of the stack, so numbering each one after
    # the one below it keeps the numbers consecutive; each kind of mark keeps its own, to find
    # the innermost quote a mark closes without walking a stack of a thousand stray marks.
    stack: list[_Open] = []
    by_mark: dict[str, deque[int]] = {mark: deque() for mark in CLOSERS}
    done: list[_Span] = []
    paragraph = -1

    def push(opened: _Open) -> None:
        opened.seq = stack[-1].seq + 1 if stack else 0
        by_mark[opened.mark].append(opened.seq)
        stack.append(opened)

    def pop(i: int) -> _Open:
        gone = stack.pop(i)
        seqs = by_mark[gone.mark]
        if seqs[-1] == gone.seq:
            seqs.pop()
        else:
            seqs.popleft()
        return gone

    def innermost(mark: str) -> int:
        """The stack index of the innermost open quote that `mark` closes, or -1."""
        seqs = [by_mark[opener][-1] for opener in _CLOSES[mark] if by_mark[opener]]
        return max(seqs) - stack[0].seq if seqs else -1

    def drop(i: int) -> None:
        # An opener that never closed: whatever closed inside it moves one level out.
        gone = pop(i)
        if i > 0:
            stack[i - 1].inner.extend(gone.inner)
        else:
            done.extend(_Span(start, end) for start, end in gone.inner)

    def close(i: int, end: int) -> None:
        while len(stack) > i + 1:
            drop(len(stack) - 1)
        opened = pop(len(stack) - 1)
        if stack:
            stack[-1].inner.append((opened.pos, end))
        else:
            done.append(_Span(opened.pos, end, tuple(opened.repeats)))

    for pos in _mark_positions(text, skip_until):
        if pos < skip_until:
            continue
        mark = text[pos]
        here = bisect.bisect_right(breaks, pos)
        first_in_paragraph = here != paragraph
        if first_in_paragraph:
            # One quote left open may go on into this paragraph (see _may_go_on); several open
            # at once mean the marks were paired wrongly, and none goes on.
            if len(stack) > 1 or (stack and not _may_go_on(text, stack[0], breaks, here)):
                while stack:
                    drop(len(stack) - 1)
            if stack and stack[0].paragraph != here:
                stack[0].since = starts[here]
            paragraph = here
        while stack and (
            pos - stack[0].since > MAX_QUOTE_CHARS
            or _count(newlines, stack[0].since, pos) > MAX_QUOTE_LINES
        ):
            drop(0)
        before = text[pos - 1] if pos else " "
        if mark == '"' and before == "=":  # an HTML attribute value, not a quotation
            closing = text.find('"', pos + 1)
            skip_until = closing + 1 if closing >= 0 else len(text)
            continue
        after = text[pos + 1] if pos + 1 < len(text) else " "
        blank_before, blank_after = _blank(before) or _elided(text, pos), _blank(after)
        opener_like = (blank_before or before in _BEFORE_OPENER) and not (
            blank_after or after in _PUNCTUATION
        )
        closer_like = not blank_before and (blank_after or after in _AFTER_CLOSER)
        if stack and stack[0].paragraph != here:
            # A quote left open in an earlier paragraph: this paragraph's first mark either
            # repeats its opener (the newsroom convention), closes it, or shows it was a stray.
            carried = stack[0]
            at_start = not text[starts[here] : pos].strip()
            if mark == carried.mark and opener_like and at_start and here == carried.paragraph + 1:
                carried.repeats.append(pos)
                carried.since, carried.paragraph = pos, here
                continue
            # A straight mark that pairs with nothing else in its paragraph closes the quote,
            # even when spaced like an opener ('That's all I can say, "Arians said.').
            lone = mark == '"' and text.count('"', pos, _end_of(here, breaks, text)) % 2 == 1
            closes = not opener_like or (lone and not at_start)
            if mark in CLOSERS[carried.mark] and closes and not _inch(text, pos):
                close(0, pos + 1)
                continue
            drop(0)
        target = innermost(mark)
        if target >= 0 and opener_like and not closer_like and mark in CLOSERS:
            if mark != '"':
                push(_Open(pos, mark, since=pos, paragraph=here))  # nested, same kind
            elif text.find("\n", stack[target].since, pos) >= 0:
                # A straight quote left open on an earlier line: restart from this clear opener.
                while len(stack) > target:
                    drop(len(stack) - 1)
                push(_Open(pos, mark, since=pos, paragraph=here))
            else:
                close(target, pos + 1)
        elif target >= 0:
            close(target, pos + 1)
        elif mark in CLOSERS and not (closer_like and not opener_like):
            push(_Open(pos, mark, since=pos, paragraph=here))
    while stack:
        drop(len(stack) - 1)
    done.sort(key=lambda span: span.start)
    return done


def _positions(text: str, char: str) -> list[int]:
    found = []
    pos = text.find(char)
    while pos >= 0:
        found.append(pos)
        pos = text.find(char, pos + 1)
    return found


def _count(positions: list[int], start: int, end: int) -> int:
    """How many of the sorted `positions` lie in [start, end)."""
    return bisect.bisect_left(positions, end) - bisect.bisect_left(positions, start)


def _end_of(paragraph: int, breaks: list[int], text: str) -> int:
    return breaks[paragraph] if paragraph < len(breaks) else len(text)


def _may_go_on(text: str, opened: _Open, breaks: list[int], here: int) -> bool:
    """Whether a quote still open where paragraph `here` starts may run on into it.

    A quotation over several paragraphs leaves each of them but the last unclosed, each at the
    end of a sentence and with no other double quotation mark in it; a paragraph it crosses
    without any quotation mark stays a short one.
    """
    if here == opened.paragraph:
        return True
    if here - bisect.bisect_right(breaks, opened.pos) >= MAX_QUOTE_PARAGRAPHS:
        return False
    part = text[opened.since + 1 : breaks[opened.paragraph]].rstrip()
    if part[-1:] not in _PARAGRAPH_END or any(mark in part for mark in _DOUBLE_MARKS):
        return False  # it stops mid-sentence, or holds marks that were not paired
    for k in range(opened.paragraph + 1, here):
        crossed = text[breaks[k - 1] : breaks[k]].strip()
        if (
            len(crossed) > MAX_QUOTE_CHARS
            or crossed.count("\n") > MAX_QUOTE_LINES
            or crossed[-1:] not in _PARAGRAPH_END
        ):
            return False
    return True


def _inch(text: str, pos: int) -> bool:
    """'a 5" screen': a straight mark after a digit is an inch sign, unless punctuation or the
    end of the line follows it, as after a quotation ending in a figure ('… el 787".')."""
    after = text[pos + 1 : pos + 2]
    ends = after == "" or after == "\n" or after in _PUNCTUATION
    return text[pos] == '"' and text[pos - 1 : pos].isdigit() and not ends


def _elided(text: str, pos: int) -> bool:
    """Whether a mark follows an elided word, as an opener does: "qu’« un", "dell’“".
    (A possessive, "the workers’”", ends a longer word and closes.)"""
    if pos < 2 or text[pos - 1] not in "'’":
        return False
    word = _ELIDED_WORD.search(text, max(0, pos - 8), pos - 1)
    if word is None:
        return False
    lowered = word.group().lower()
    return len(lowered) <= 2 or lowered.endswith(_ELIDED_ENDINGS)


def _blank(char: str) -> bool:
    return char.isspace() or char in _INVISIBLE


def _mark_positions(text: str, start: int) -> list[int]:
    """Where the quotation marks are; str.find is several times faster than a regex scan here."""
    found = []
    for mark in _MARKS:
        pos = text.find(mark, start)
        while pos >= 0:
            # ‘ and ’ between letters are apostrophes (l’accès, don’t, qu’Anthropic).
            if not (
                mark in "‘’"
                and 0 < pos < len(text) - 1
                and text[pos - 1].isalnum()
                and text[pos + 1].isalnum()
            ):
                found.append(pos)
            pos = text.find(mark, pos + 1)
    found.sort()
    return found
