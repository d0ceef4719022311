"""Rendering rich output into a string, at a fixed width, with or without colour."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from typing import Any

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def auto_color() -> bool:
    """Colour when stdout is a terminal and NO_COLOR is not set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def auto_width() -> int:
    """The terminal's width, kept between 60 and 140 columns."""
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 140))


def render(draw: Callable[[Any], None], *, width: int | None, color: bool | None) -> str:
    """Call `draw(console)` on a rich Console writing into a string, and return the string."""
    from rich.console import Console

    color = auto_color() if color is None else color
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or auto_width(),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        soft_wrap=False,
    )
    draw(console)
    text = buffer.getvalue()
    if color:
        return text
    # rich pads every line to the full width; plain text is kinder to diffs and pastes without it.
    return "\n".join(line.rstrip() for line in text.split("\n"))
