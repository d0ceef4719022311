"""Plain text and markdown bodies: raw HTML kept out of the text, and the headline found."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import cache

# Tag names recognised as HTML; anything else in angle brackets (<Claude>, a < b) is left alone.
_TAGS = (
    "a|abbr|article|aside|b|blockquote|br|button|center|code|del|details|div|em|embed|figcaption"
    "|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|label|li|link|main|mark"
    "|meta|nav|noscript|object|ol|p|picture|pre|s|script|section|small|source|span|strong|style"
    "|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|tr|u|ul|video"
)
# The lookahead turns away `<!--`, `< ` and `<3` before trying sixty tag names.
_TAG = re.compile(rf"</?(?=[a-z])(?:{_TAGS})(?:\s[^<>]*)?/?>", re.I)
_BLOCK_START = re.compile(rf"^\s*(?:<!--|</?(?:{_TAGS})(?:[\s/>]|$))", re.I)
# Elements whose content is never prose, and comments: each kind's opening and closing. A
# pattern like `<!--.*?-->` rescans to the end of the text from every unclosed `<!--`, which is
# quadratic; `_spans` searches for each kind's closing once and forgets a kind that has none.
_NO_TEXT = {
    "comment": (r"<!--", r"-->"),
    **{
        name: (rf"<{name}\b", rf"</{name}\s*>")
        for name in ("script", "style", "noscript", "iframe", "svg")
    },
}
_LINK = {"a": (r"<a\b[^<>]*>", r"</a\s*>")}
_SPACES = re.compile(r"[ \t]+")
_ATX_OPEN = re.compile(r"#{1,6}\s")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 20


def strip_html(text: str) -> str:
    """Drop raw HTML blocks that are link lists or code; keep the prose of others, tags removed."""
    lines = text.split("\n")
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if not _BLOCK_START.match(lines[index]):
            kept.append(_TAG.sub("", lines[index]) if "<" in lines[index] else lines[index])
            index += 1
            continue
        # Like CommonMark, an HTML block runs to the next blank line.
        end = index
        while end < len(lines) and lines[end].strip():
            end += 1
        prose = _block_prose("\n".join(lines[index:end]))
        if prose:
            kept.extend(prose.split("\n"))
        elif not kept or not kept[-1].strip():
            # Nothing kept: also drop the blank line after, so paragraphs stay one blank apart.
            while end < len(lines) and not lines[end].strip():
                end += 1
        index = end
    return "\n".join(kept)


def _block_prose(block: str) -> str:
    block = _without_no_text(block)
    text = _plain(block)
    if not text:
        return ""
    link_text = sum(len(_plain(inner)) for inner in _link_texts(block))
    if link_text >= len(text) / 2:  # tag clouds, "read also" lists, share buttons
        return ""
    return text


def _without_no_text(block: str) -> str:
    """`block` without comments and script, style, noscript, iframe and svg elements."""
    kept: list[str] = []
    position = 0
    for start, _, _, end in _spans(block, _NO_TEXT):
        kept.append(block[position:start])
        position = end
    kept.append(block[position:])
    return "".join(kept)


def _link_texts(block: str) -> list[str]:
    """What is inside each `<a ...>...</a>` of `block`."""
    return [block[inner:close] for _, inner, close, _ in _spans(block, _LINK)]


def _spans(text: str, kinds: dict[str, tuple[str, str]]) -> Iterator[tuple[int, int, int, int]]:
    """(start, inner start, inner end, end) of each `opening ... closing` span, left to right.

    `kinds` maps a name to an (opening, closing) pair of case-insensitive patterns. The spans
    are those of a lazy `opening.*?closing` regex, found in linear time: a closing missing after
    one opening is missing after every later opening of its kind, so that kind is dropped. An
    opening without its closing is not a span, and the search goes on after it.
    """
    live = dict(kinds)
    position = 0
    while live:
        opening = _openings(tuple((name, pair[0]) for name, pair in live.items()))
        match = opening.search(text, position)
        if match is None:
            return
        kind = str(match.lastgroup)
        closing = _pattern(live[kind][1]).search(text, match.end())
        if closing is None:
            del live[kind]
            position = match.start() + 1
            continue
        yield match.start(), match.end(), closing.start(), closing.end()
        position = closing.end()


@cache
def _openings(kinds: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>{opening})" for name, opening in kinds), re.I)


@cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source, re.I)


def _plain(fragment: str) -> str:
    text = _SPACES.sub(" ", html.unescape(_TAG.sub(" ", fragment)))
    return "\n".join(filter(None, map(str.strip, text.split("\n"))))


def plain_title(text: str) -> str | None:
    """The first line when it reads as a headline (short, unpunctuated, then a blank line)."""
    lines = text.lstrip("\n").split("\n", 2)
    first = lines[0].strip()
    if len(lines) < 2 or lines[1].strip() or len(lines) < 3:
        return None
    return first if _headline_like(first) else None


def markdown_title(text: str) -> str | None:
    """The first heading of a markdown body (ATX `# Title` or setext), else the plain-text rule."""
    lines = text.lstrip("\n").split("\n", 3)
    heading = _atx_heading(lines[0].strip())
    if heading is not None:
        return clean_title(heading)
    if len(lines) > 1 and _SETEXT.match(lines[1].strip()) and lines[0].strip():
        return clean_title(lines[0])
    return plain_title(text)


def _atx_heading(line: str) -> str | None:
    """The words of an ATX heading (`## Title ##`) on a stripped line, else None.

    String methods, not `#{1,6}\\s+(.+?)\\s*#*\\s*$`: that pattern backtracks over a run of
    spaces inside the line in cubic time (2,000 spaces took 12 s).
    """
    opening = _ATX_OPEN.match(line)
    if opening is None:
        return None
    words = line[opening.end() :].lstrip()
    if not words:
        return None
    # What a closing sequence of `#` and the spaces before it leave; at least one character.
    return words.rstrip("#").rstrip() or words[0]


def clean_title(title: object) -> str | None:
    """A title on one line with single spaces, or None when there is nothing."""
    if title is None:
        return None
    cleaned = " ".join(str(title).split())
    return cleaned or None


def _headline_like(line: str) -> bool:
    return (
        0 < len(line) <= _TITLE_MAX_CHARS
        and len(line.split()) <= _TITLE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":"))
    )
