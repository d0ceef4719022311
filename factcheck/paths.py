"""Where factcheck keeps its state: caches and the LLM attempt log."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def state_path(env: Mapping[str, str] | None = None) -> Path:
    """`$FACTCHECK_HOME` when set (tests, CI, portable installs), else the user's cache folder.

    Pass the run's resolved environment (`Settings.env`), so that a FACTCHECK_HOME set in `.env` or
    in the config file's [env] is honoured. None or an empty mapping (a `Settings()` built by a
    library caller, which resolved nothing) reads the process environment."""
    home = (env or os.environ).get("FACTCHECK_HOME")
    if home:
        return Path(home)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("factcheck", appauthor=False))


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """`state_path`, created when missing (for a run that writes there)."""
    path = state_path(env)
    path.mkdir(parents=True, exist_ok=True)
    return path
