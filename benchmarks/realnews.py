"""Shared helpers for the real-news benchmarks (translations.py, wikinews.py).

The corpus lives beside the checkout in ../shared/realnews and is read in place through its own
stdlib-only `load.py`; nothing from it is ever copied into the repository.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LOADER = ROOT.parent / "shared" / "realnews" / "load.py"
OUT = ROOT / "benchmarks" / "out"
SERIOUS = ("high", "medium")
SEVERITIES = ("high", "medium", "low")
COMMAND = "python benchmarks/run.py --only realnews"


@functools.cache
def load_realnews(path: Path = LOADER) -> ModuleType | None:
    """The corpus's load.py imported as a module, or None when ../shared/realnews is absent."""
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("realnews_corpus", path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def skipped(title: str, command: str) -> str:
    """The one-line section shown when the corpus is not beside the checkout."""
    return "\n".join(
        [
            f"## {title}",
            "",
            f"Command: `{command}`",
            "",
            f"Skipped: {LOADER} not found (the real-news corpus must sit beside the checkout, "
            "in ../shared/realnews).",
            "",
        ]
    )


@contextmanager
def work_dir(prefix: str) -> Iterator[Path]:
    """A temporary folder under benchmarks/out/ (git-ignored), deleted afterwards."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=OUT))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def serious(findings: Sequence[Any]) -> list[Any]:
    """The high and medium findings of a comparison."""
    return [d for d in findings if d.severity in SERIOUS]


def short(text: str | None, limit: int = 120) -> str:
    """One line of at most `limit` characters, for tables and example lists."""
    if text is None:
        return "-"
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return text.replace("|", "\\|")


def share(part: int, whole: int) -> str:
    """`part/whole (p %)`, or n/a for an empty whole."""
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0 (n/a)"


def wilson(part: int, whole: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a share (95 % by default).

    Unlike p ± z·se it stays inside [0, 1] and is not absurdly narrow when the share is near
    0 or 1, which is where a FALSE share of a small hand-judged sample lies.
    """
    if not whole:
        return 0.0, 1.0
    p = part / whole
    centre = p + z * z / (2 * whole)
    spread = z * math.sqrt(p * (1 - p) / whole + z * z / (4 * whole * whole))
    scale = 1 + z * z / whole
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def per(part: float, whole: int) -> str:
    """A per-item rate with two decimals, or n/a."""
    return f"{part / whole:.2f}" if whole else "n/a"
