"""File names: report names safe on every filesystem, and article names shown safely.

safe_stem / default_report_name   names of the report files factcheck writes
visible                           any file name or path as every renderer shows it
escape_surrogates                 JSON text whose names held bytes that are not UTF-8
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

# A stem such as "000_46db0fec834488b0": a readable prefix and a long content hash.
_HASHED = re.compile(r"^(?P<prefix>.*?[_-])(?P<hash>[0-9a-f]{12,})$")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_HASH_KEEP = 8
_STEM_MAX = 40


def safe_stem(path: str) -> str:
    """A path's stem reduced to letters, digits, '.', '_' and '-', with long hashes shortened."""
    from anyascii import anyascii

    stem = PurePath(path).stem or PurePath(path).name
    slug = _UNSAFE.sub("-", anyascii(stem)).strip("-.")
    match = _HASHED.match(slug)
    if match:
        slug = match["prefix"] + match["hash"][:_HASH_KEEP]
    return slug[:_STEM_MAX].rstrip("-.") or "article"


def default_report_name(reference_path: str, candidate_path: str) -> str:
    """'<reference>-vs-<candidate>' from the two stems, e.g. '000_46db0fec-vs-001_08fca85d'."""
    ref, cand = safe_stem(reference_path), safe_stem(candidate_path)
    if ref == cand:
        # Same file name in two folders: the folder names tell the reports apart.
        ref = f"{safe_stem(PurePath(reference_path).parent.name or 'a')}-{ref}"
        cand = f"{safe_stem(PurePath(candidate_path).parent.name or 'b')}-{cand}"
    return f"{ref}-vs-{cand}"


# What a name may not show raw: control characters (ESC starts terminal escape sequences),
# format characters (U+202E and the other bidi controls can make "evil\u202efdp.txt" read as
# "eviltxt.pdf"; zero-width characters hide), line and paragraph separators, and the lone
# surrogates that stand for undecodable bytes in a file name (os.fsdecode, surrogateescape).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_FORMAT = frozenset({"Cf"})
# Embeddings, overrides and isolates reorder the text that follows them, even in article text.
_BIDI_OVERRIDES = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_SURROGATES = re.compile("[\ud800-\udfff]")


def _hidden(char: str, keep: frozenset[str]) -> bool:
    category = unicodedata.category(char)
    if category in keep:
        return char in _BIDI_OVERRIDES
    return category in _HIDDEN_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str, *, keep_format: bool = False) -> str:
    """`text` with every character a reader could not see, or that would act on a terminal or
    on the text around it, shown as an escape: ESC as `\\x1b`, U+202E as `\\u202e`, a newline as
    `\\n`, an undecodable byte 0xff of a file name as `\\xff`. Everything else is kept as is.

    File names and paths escape them all. Article text shown in a terminal passes
    `keep_format=True`: right-to-left marks and zero-width joiners are part of Arabic or Persian
    writing, so they stay; control characters (ESC) and bidi overrides are still escaped."""
    keep = _FORMAT if keep_format else frozenset()
    if not any(_hidden(char, keep) for char in text):
        return text
    return "".join(_escape(char) if _hidden(char, keep) else char for char in text)


def escape_surrogates(json_text: str) -> str:
    """JSON text with lone surrogates (undecodable file-name bytes) written as `\\udcff` escapes.

    `json.dumps(..., ensure_ascii=False)` leaves them raw, and raw they cannot be encoded as
    UTF-8; escaped, the JSON is valid UTF-8 and `json.loads` gives back the exact name, which
    `os.fsencode` turns back into the original bytes."""
    return _SURROGATES.sub(lambda m: f"\\u{ord(m[0]):04x}", json_text)
