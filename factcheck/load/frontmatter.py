"""Front matter at the top of a text or markdown file: YAML between `---`, TOML between `+++`."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontmatter.default_handlers import BaseHandler

# The closing fence must be on a line of its own; the opening one must be the file's first line.
_BLOCK = re.compile(
    r"\A(?P<fence>-{3}|\+{3})[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.S
)
_LOOSE_PAIR = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")


@cache
def _handler(fence: str) -> BaseHandler:
    """python-frontmatter's YAML handler, or a TOML one on stdlib tomllib (its own needs `toml`).

    Imported on first use: PyYAML alone costs ~20 ms, and most articles have no front matter.
    """
    from frontmatter.default_handlers import BaseHandler, YAMLHandler

    class TomlHandler(BaseHandler):
        FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
        START_DELIMITER = END_DELIMITER = "+++"

        def load(self, fm: str, **kwargs: object) -> Any:
            return tomllib.loads(fm)

    if fence == "+++":
        return TomlHandler()
    try:  # the C loader is several times faster, and audits read thousands of files
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - PyYAML built without libyaml
        from yaml import SafeLoader as Loader

    class FastYamlHandler(YAMLHandler):
        def load(self, fm: str, **kwargs: object) -> Any:
            return super().load(fm, Loader=Loader)

    return FastYamlHandler()


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter as a dict (keys lower-cased) and the text after it."""
    match = _BLOCK.match(text)
    if match is None:
        return {}, text
    raw = match.group("body")
    loaded: object
    try:
        loaded = _handler(match.group("fence")).load(raw)
    except Exception:  # yaml and tomllib each raise their own error types
        loaded = _loose(raw) or None  # best effort: plain `key: value` lines
    if not isinstance(loaded, dict):
        # A `---` rule followed by prose is not front matter; leave the text alone.
        return {}, text
    meta = {str(key).strip().lower(): value for key, value in loaded.items()}
    return meta, text[match.end() :]


def _loose(raw: str) -> dict[str, str]:
    """Best effort for front matter the parser rejects: plain `key: value` lines."""
    pairs = {}
    for line in raw.splitlines():
        match = _LOOSE_PAIR.match(line)
        if match:
            pairs[match.group(1)] = match.group(2).strip("\"'")
    return pairs
