"""Where factcheck keeps its state: caches and the LLM attempt log."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def state_dir(env: Mapping[str, str] | None = None) -> Path:
    """`$FACTCHECK_HOME` when set (tests, CI, portable installs), else the user's cache folder."""
    home = (os.environ if env is None else env).get("FACTCHECK_HOME")
    if home:
        path = Path(home)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("factcheck", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
