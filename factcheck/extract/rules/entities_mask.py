"""Text no name is read from: links, HTML tags, e-mail addresses and share bars.

The spans are exactly those `MASK.finditer` gives, found in one pass. The regex itself is
quadratic: it tries `\\S+@\\S+\\.\\w+` at every character of a long token (an inline base64
image, a long URL) and scans to the token's end each time, and `<[^>\\n]*>` rescans a line for
every "<" in it. Here every token is read once and every mark is looked up by bisection.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

# The definition: link texts of raw HTML (tag clouds, "read also" lists), links, tags, e-mails.
MASK = regex.compile(
    r"<a\b[^>]*>[^<]*</a>|https?://\S+|www\.\S+|<[^>\n]*>|\S+@\S+\.\w+", regex.IGNORECASE
)
# Where one of the first four alternatives may start.
_STARTS = regex.compile(r"(?=<|https?://\S|www\.\S)", regex.IGNORECASE)
_ANCHOR_OPEN = regex.compile(r"<a\b", regex.IGNORECASE)
_ANCHOR_CLOSE = regex.compile(r"</a>", regex.IGNORECASE)
_LINK = regex.compile(r"https?://\S+|www\.\S+", regex.IGNORECASE)
_SPACE = regex.compile(r"\s")
_SPACE_BEFORE = regex.compile(r"\s", regex.REVERSE)
_WORD_CHAR = regex.compile(r"\w")
_WORD = regex.compile(r"\w+")


# A share bar: three or more sharing services in a row ("WhatsApp Facebook Twitter Pinterest"),
# page chrome that names no one in the story. One or two of them are left alone: an article may
# be about Facebook. SemEval-2022's clear same-language pairs: 372 -> 373 of 433 right, cross-
# lingual 155 -> 156 of 182 (benchmarks/stories.py): the bars made two outlets' stories share
# six names.
_SERVICE = (
    r"(?:facebook|twitter|whatsapp|linkedin|pinterest|tumblr|reddit|telegram|instagram|youtube"
    r"|tiktok|e-?mail|messenger|flipboard|pocket|vk|weibo|wechat|viber|xing|threads|bluesky"
    r"|mastodon|snapchat|google\+?|rss|print|copy link)"
)
SHARE_BAR = regex.compile(rf"\b{_SERVICE}(?:[\s|·•,/-]+{_SERVICE}){{2,}}\b", regex.IGNORECASE)
# Every share bar names one of these (any case but all capitals, which the last ones cover): a
# text without them is not searched (the search costs about 0.06 ms per KB).
_BAR_HINTS = (
    "acebook",
    "witter",
    "hatsApp",
    "hatsapp",
    "inkedIn",
    "inkedin",
    "FACEBOOK",
    "TWITTER",
)


def share_bars(text: str) -> list[tuple[int, int]]:
    """The spans of the share bars in `text`, in order."""
    if not any(hint in text for hint in _BAR_HINTS):
        return []
    return [m.span() for m in SHARE_BAR.finditer(text)]


def masked_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every match of `MASK` in `text`, in order."""
    points = [m.start() for m in _STARTS.finditer(text)]
    mails = _mail_tokens(text)
    marks = _Marks(text) if "<" in text else None
    spans: list[tuple[int, int]] = []
    pos = i = j = 0
    while True:
        while i < len(points) and points[i] < pos:
            i += 1
        while j < len(mails) and mails[j][1] <= pos:
            j += 1
        at = points[i] if i < len(points) else len(text)
        if j < len(mails):
            at = min(at, max(pos, mails[j][0]))
        if at >= len(text):
            return spans
        end = _tag_or_link(text, at, marks)
        if end is None and j < len(mails) and mails[j][0] <= at < mails[j][1]:
            end = mails[j][2]
        if end is None:
            pos = at + 1
        else:
            spans.append((at, end))
            pos = end


class _Marks:
    """Positions of "<", ">" and line breaks, to find the next one from a position."""

    def __init__(self, text: str) -> None:
        self.lt = _positions(text, "<")
        self.gt = _positions(text, ">")
        self.nl = _positions(text, "\n")

    @staticmethod
    def first_from(positions: list[int], start: int) -> int:
        """The first of the sorted `positions` at or after `start`, or -1."""
        i = bisect_left(positions, start)
        return positions[i] if i < len(positions) else -1


def _positions(text: str, char: str) -> list[int]:
    found = []
    pos = text.find(char)
    while pos >= 0:
        found.append(pos)
        pos = text.find(char, pos + 1)
    return found


def _tag_or_link(text: str, at: int, marks: _Marks | None) -> int | None:
    """Where the first of the alternatives `<a …>…</a>`, link, `www.`, `<…>` matching at `at`
    ends, if one does."""
    if text[at] != "<":
        link = _LINK.match(text, at)
        return link.end() if link else None
    assert marks is not None
    # <a\b[^>]*>[^<]*</a>: the first ">" after "<a", then the first "<" must open "</a>".
    if _ANCHOR_OPEN.match(text, at):
        close = marks.first_from(marks.gt, at + 2)
        after = marks.first_from(marks.lt, close + 1) if close >= 0 else -1
        if after >= 0 and _ANCHOR_CLOSE.match(text, after):
            return after + 4
    # <[^>\n]*>: a ">" before the line ends.
    close = marks.first_from(marks.gt, at + 1)
    line_end = marks.first_from(marks.nl, at + 1)
    if close >= 0 and (line_end < 0 or close < line_end):
        return close + 1
    return None


def _mail_tokens(text: str) -> list[tuple[int, int, int]]:
    """(first, last, end) for each whitespace-free token where `\\S+@\\S+\\.\\w+` matches.

    Backtracking takes the last "@" that has a "." followed by a word character at least two
    characters after it, and the last such "."; so the pattern matches from any position in
    [first, last) of the token, always up to `end`.
    """
    found = []
    at = text.find("@")
    while at >= 0:
        space = _SPACE_BEFORE.search(text, 0, at)
        first = space.end() if space else 0
        space = _SPACE.search(text, at)
        stop = space.start() if space else len(text)
        dot = text.rfind(".", first, stop)
        while dot >= 0 and not _WORD_CHAR.match(text, dot + 1):
            dot = text.rfind(".", first, dot)
        last = text.rfind("@", first + 1, dot - 1) if dot >= first + 2 else -1
        if last >= 0:
            word = _WORD.match(text, dot + 1)
            assert word is not None
            found.append((first, last, word.end()))
        at = text.find("@", stop)
    return found
