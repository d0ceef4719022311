"""A word-level difference between two versions of a quote, for the HTML report.

Words are compared case-folded and without the punctuation around them, so "farewell," and
"farewell" count as the same word; what is shown keeps each version's own spelling.
"""

from __future__ import annotations

import difflib

import regex

from factcheck.report.page import esc

_WORDS = regex.compile(r"\S+")
_EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}]+$")
# Below this share of common words the two quotes are different sentences (or languages), and a
# word diff would only paint everything red and green.
MIN_SHARED = 0.4


def _key(word: str) -> str:
    return _EDGE_PUNCT.sub("", word).casefold() or word


def word_diff(before: str, after: str) -> list[tuple[str, str]] | None:
    """(op, words) pieces turning `before` into `after`; op is "same", "del" or "ins".

    None when the two share too few words for a word diff to help the reader."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    if not old or not new:
        return None
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in old], [_key(w) for w in new], False)
    if matcher.ratio() < MIN_SHARED:
        return None
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", " ".join(new[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(("del", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("ins", " ".join(new[j1:j2])))
    return pieces


def diff_html(before: str, after: str) -> str | None:
    """The word diff as HTML: removed words in <del>, added words in <ins>; None when unhelpful."""
    pieces = word_diff(before, after)
    if pieces is None:
        return None
    tags = {"del": "del", "ins": "ins"}
    parts = [
        f"<{tags[op]}>{esc(words)}</{tags[op]}>" if op in tags else esc(words)
        for op, words in pieces
    ]
    return f'<bdi dir="auto" class="diff">{" ".join(parts)}</bdi>'
