"""Front matter at the top of a text or markdown file: YAML between `---`, TOML between `+++`.

Front matter is written by whoever wrote the file, so it is read within budgets:

- a block longer than `MAX_CHARS` is not taken as front matter and the file is read as it is:
  a long article between two `---` rules must not vanish;
- YAML goes through PyYAML's safe loader (no Python objects), TOML through stdlib tomllib;
- metadata that nests deeper than `MAX_DEPTH` levels, or whose values expand past
  `MAX_EXPANDED` characters (YAML aliases repeating an anchor: a "billion laughs" block of a
  few hundred bytes stands for billions of values) is *ignored*: the block is dropped, no field
  is taken from it, and `FrontMatter.ignored` says why. The article after it is kept, because
  that is what the user asked us to read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

MAX_CHARS = 65_536  # the longest front-matter block read as one
MAX_DEPTH = 32  # real front matter nests two or three levels
MAX_EXPANDED = 4 * MAX_CHARS  # characters and values once every alias is expanded

_FENCES = ("---", "+++")
# After the closing fence: spaces or tabs, then the end of the line or of the text.
_FENCE_TAIL = re.compile(r"[ \t]*(?:\n|\Z)")
_LOOSE_PAIR = re.compile(r"([A-Za-z_][\w-]*)\s*[:=](.*)")


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The metadata (keys lower-cased), the text after it, and why a block was ignored."""

    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    ignored: str | None = None


class _Refused(Exception):
    """Front matter that parses but is too deep or too large once expanded."""


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a dict (keys lower-cased) and the text after it."""
    front = read_front_matter(text)
    return front.meta, front.body


def read_front_matter(text: str) -> FrontMatter:
    """The front matter of `text`, read within the budgets above; see the module docstring."""
    block = _block(text)
    if block is None:
        return FrontMatter({}, text)
    fence, raw, end = block
    loaded: object
    try:
        loaded = _parse(fence, raw)
    except Exception:  # yaml and tomllib each raise their own error types (RecursionError too)
        loaded = _loose(raw) or None  # best effort: plain `key: value` lines
    if not isinstance(loaded, dict):
        # A `---` rule followed by prose is not front matter; leave the text alone.
        return FrontMatter({}, text)
    try:
        _check_size(loaded)
    except _Refused as refusal:
        return FrontMatter({}, text[end:], ignored=f"front matter ignored: {refusal}")
    meta = {str(key).strip().lower(): value for key, value in loaded.items()}
    return FrontMatter(meta, text[end:])


def _block(text: str) -> tuple[str, str, int] | None:
    """(fence, block, end) when `text` opens with a fenced block of at most MAX_CHARS.

    The opening fence must be the first line, the closing one a line of its own. A scan with
    str.find, not a regex: nothing here backtracks, however the text is shaped.
    """
    fence = text[:3]
    if fence not in _FENCES:
        return None
    line_end = text.find("\n")
    if line_end < 0 or text[3:line_end].strip(" \t"):
        return None
    start = line_end + 1
    closing = "\n" + fence
    limit = start + MAX_CHARS + len(closing)
    at = text.find(closing, start, limit)
    while at >= 0:
        tail = _FENCE_TAIL.match(text, at + len(closing))
        if tail:
            return fence, text[start:at], tail.end()
        at = text.find(closing, at + 1, limit)
    return None


def _parse(fence: str, raw: str) -> object:
    if fence == "+++":
        return tomllib.loads(raw)
    # Imported on first use: PyYAML alone costs ~20 ms, and most articles have no front matter.
    import yaml

    # The C loader is several times faster, and audits read thousands of files. Both are the
    # safe loader (plain data only); libyaml also caps flow nesting at 1,000 levels. Aliases
    # load as shared references, so a bomb costs nothing until something walks it: see below.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw, Loader=loader)


def _check_size(value: object) -> None:
    """Refuse values that nest deeper than MAX_DEPTH or expand past MAX_EXPANDED.

    An explicit stack, not recursion; each container is paid for before its items are
    visited, so the walk stops within the budget even when aliases repeat one list endlessly.
    """
    budget = MAX_EXPANDED
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list | tuple | set | frozenset):
            if depth >= MAX_DEPTH:
                raise _Refused(f"it nests deeper than {MAX_DEPTH} levels")
            budget -= 1 + len(item)
            if budget < 0:
                break
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
        else:
            budget -= len(item) if isinstance(item, str | bytes) else 1
            if budget < 0:
                break
    if budget < 0:
        raise _Refused(
            f"its values expand past {MAX_EXPANDED:,} characters (YAML aliases repeating them)"
        )


def _loose(raw: str) -> dict[str, str]:
    """Best effort for front matter the parser rejects: plain `key: value` lines."""
    pairs = {}
    for line in raw.splitlines():
        match = _LOOSE_PAIR.match(line)
        if match:
            pairs[match.group(1)] = match.group(2).strip().strip("\"'")
    return pairs
