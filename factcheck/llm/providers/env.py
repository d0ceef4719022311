"""The environment a run sees: the process environment plus `.env` in the working directory."""

from __future__ import annotations

import os
from pathlib import Path


def load_env(cwd: Path | None = None) -> dict[str, str]:
    """os.environ plus `.env` values it lacks; `.env` is skipped when FACTCHECK_NO_DOTENV is set."""
    env = dict(os.environ)
    if env.get("FACTCHECK_NO_DOTENV"):
        return env
    path = (cwd or Path.cwd()) / ".env"
    if path.is_file():
        from dotenv import dotenv_values

        for name, value in dotenv_values(path).items():
            if value is not None:
                env.setdefault(name, value)  # the real environment always wins
    return env
