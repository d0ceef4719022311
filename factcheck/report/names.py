"""File names for reports: short, readable, and safe on every filesystem."""

from __future__ import annotations

import re
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
