"""Finding the articles below a folder, without looping on symlinks or stopping on bad entries."""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.errors import FileMissingError, NotAFileError
from factcheck.models import AuditError

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Files that sit beside articles in most folders but are never articles themselves.
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "index")


def discover(folder: Path, *, recursive: bool = True) -> tuple[list[Path], list[AuditError]]:
    """Article files below `folder` in a stable order, and the entries that could not be read."""
    if not folder.exists():
        raise FileMissingError(str(folder), "not found")
    if not folder.is_dir():
        raise NotAFileError(
            str(folder), "is not a folder (audit takes a folder; compare takes files)"
        )
    found: list[Path] = []
    errors: list[AuditError] = []
    seen_dirs: set[str] = set()

    def on_error(error: OSError) -> None:
        errors.append(AuditError(str(error.filename), f"cannot read: {error.strerror}"))

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True, onerror=on_error):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:  # a symlink back into a folder we already walked
            dirnames.clear()
            continue
        seen_dirs.add(real)
        if "audit.json" in filenames and "index.html" in filenames:  # an earlier audit's reports
            dirnames.clear()
            continue
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if not recursive:
            dirnames.clear()
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            if name.lower().rsplit(".", 1)[0] in NOT_ARTICLES:
                continue
            path = Path(dirpath) / name
            if path.is_symlink() and not path.exists():
                errors.append(AuditError(str(path), "broken symbolic link"))
                continue
            found.append(path)
    return found, errors
