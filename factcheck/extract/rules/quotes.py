"""Quotations and who said them.

Quotation marks are paired with a small stack over the marks alone (never a loop over every
character): « » “ ” „ “ ‹ › ‘ ’ 「 」 『 』 and straight quotes, whose direction is read from the
characters around them. Only outermost quotes become facts; an inner quote stays inside its outer
fact. An opening mark that never closes is dropped at a paragraph break, after a few line breaks or
after MAX_QUOTE_CHARS, so it cannot swallow the rest of the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import regex

from factcheck.extract.rules.quotes_lexicon import lexicon
from factcheck.extract.rules.quotes_speakers import Speakers
from factcheck.models import Document, Fact

MAX_QUOTE_CHARS = 1200
MAX_QUOTE_LINES = 2  # line breaks one quote may span; more means an unbalanced mark

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
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
_FRONT_MATTER = regex.compile(r"\A\ufeff?---[^\S\n]*\n.*?\n---[^\S\n]*(?:\n|\Z)", regex.DOTALL)
_WORDY = regex.compile(r"[\p{L}\p{N}]")
_INVISIBLE = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff"
_BEFORE_OPENER = "([{<:/—–-" + "".join(CLOSERS) + "」』"
_PUNCTUATION = ".,;:!?)]}>…"
_AFTER_CLOSER = _PUNCTUATION + "/—–-" + "".join(CLOSERS) + "」』"


@dataclass(slots=True)
class _Open:
    pos: int
    mark: str
    inner: list[tuple[int, int]] = field(default_factory=list)  # closed quotes nested inside


def find_quotes(document: Document) -> list[Fact]:
    """Every quotation in `document`, including empty ones, with its speaker when the text gives one."""
    text = document.text
    speakers = Speakers(text, lexicon(document.language))
    facts = []
    for start, end in quote_spans(text):
        inner = text[start + 1 : end - 1]
        value = " ".join(inner.split())
        if not _WORDY.search(value):
            value = ""
        elif text[start] == '"' and "://" in value and " " not in value:
            continue  # a quoted URL in leftover markup, not a quotation
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


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every outermost quotation in `text`, marks included, in order."""
    front = _FRONT_MATTER.match(text)
    skip_until = front.end() if front else 0
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    stack: list[_Open] = []
    done: list[tuple[int, int]] = []
    paragraph = -1

    def drop(i: int) -> None:
        # An opener that never closed: whatever closed inside it moves one level out.
        gone = stack.pop(i)
        (stack[i - 1].inner if i > 0 else done).extend(gone.inner)

    def close(i: int, end: int) -> None:
        while len(stack) > i + 1:
            drop(len(stack) - 1)
        opened = stack.pop()
        (stack[-1].inner if stack else done).append((opened.pos, end))

    for pos in _mark_positions(text, skip_until):
        if pos < skip_until:
            continue
        mark = text[pos]
        here = bisect.bisect_right(breaks, pos)
        if here != paragraph:
            while stack:
                drop(len(stack) - 1)
            paragraph = here
        while stack and (
            pos - stack[0].pos > MAX_QUOTE_CHARS
            or text.count("\n", stack[0].pos, pos) > MAX_QUOTE_LINES
        ):
            drop(0)
        before = text[pos - 1] if pos else " "
        if mark == '"' and before == "=":  # an HTML attribute value, not a quotation
            closing = text.find('"', pos + 1)
            skip_until = closing + 1 if closing >= 0 else len(text)
            continue
        after = text[pos + 1] if pos + 1 < len(text) else " "
        opener_like = (_blank(before) or before in _BEFORE_OPENER) and not (
            _blank(after) or after in _PUNCTUATION
        )
        closer_like = not _blank(before) and (_blank(after) or after in _AFTER_CLOSER)
        target = next(
            (i for i in range(len(stack) - 1, -1, -1) if mark in CLOSERS[stack[i].mark]), -1
        )
        if target >= 0 and opener_like and not closer_like and mark in CLOSERS:
            if mark != '"':
                stack.append(_Open(pos, mark))  # a nested opener of the same kind
            elif text.find("\n", stack[target].pos, pos) >= 0:
                # A straight quote left open on an earlier line: restart from this clear opener.
                while len(stack) > target:
                    drop(len(stack) - 1)
                stack.append(_Open(pos, mark))
            else:
                close(target, pos + 1)
        elif target >= 0:
            close(target, pos + 1)
        elif mark in CLOSERS and not (closer_like and not opener_like):
            stack.append(_Open(pos, mark))
    while stack:
        drop(len(stack) - 1)
    done.sort()
    return done


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
