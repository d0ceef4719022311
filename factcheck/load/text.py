"""Plain text and markdown bodies: raw HTML kept out of the text, and the headline found."""

from __future__ import annotations

import html
import re

# Tag names recognised as HTML; anything else in angle brackets (<Claude>, a < b) is left alone.
_TAGS = (
    "a|abbr|article|aside|b|blockquote|br|button|center|code|del|details|div|em|embed|figcaption"
    "|figure|font|footer|form|h[1-6]|header|hr|i|iframe|img|input|ins|label|li|link|main|mark"
    "|meta|nav|noscript|object|ol|p|picture|pre|s|script|section|small|source|span|strong|style"
    "|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|tr|u|ul|video"
)
_TAG = re.compile(rf"</?(?:{_TAGS})(?:\s[^<>]*)?/?>", re.I)
_BLOCK_START = re.compile(rf"^\s*(?:<!--|</?(?:{_TAGS})(?:[\s/>]|$))", re.I)
_NO_TEXT = re.compile(r"<(script|style|noscript|iframe|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_LINK_TEXT = re.compile(r"<a\b[^<>]*>(.*?)</a\s*>", re.I | re.S)
_SPACES = re.compile(r"[ \t]+")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
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
    block = _NO_TEXT.sub("", block)
    text = _plain(block)
    if not text:
        return ""
    link_text = sum(len(_plain(match)) for match in _LINK_TEXT.findall(block))
    if link_text >= len(text) / 2:  # tag clouds, "read also" lists, share buttons
        return ""
    return text


def _plain(fragment: str) -> str:
    text = html.unescape(_TAG.sub(" ", fragment))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
    match = _HEADING.match(lines[0].strip())
    if match:
        return clean_title(match.group(1))
    if len(lines) > 1 and _SETEXT.match(lines[1].strip()) and lines[0].strip():
        return clean_title(lines[0])
    return plain_title(text)


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
