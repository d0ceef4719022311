"""A bug's report: one line for the terminal, the whole traceback in a private file.

Every secret the run could see (the environment, `.env`, the config file's [env]) is redacted from
both, since neither the message nor the traceback is under our control.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def internal_error_line(error: Exception, argv: list[str]) -> str:
    """The one line a bug prints; the traceback goes to a file, with every secret redacted."""
    from factcheck.errors import redact_environment
    from factcheck.report.names import visible

    try:
        from factcheck.config import resolve

        # Keys from .env and the config file too, not only the process environment.
        env: dict[str, str] = dict(resolve()[0].env)
    except Exception:
        env = dict(os.environ)
    kind = type(error).__qualname__
    if type(error).__module__ not in ("builtins", "__main__"):
        kind = f"{type(error).__module__}.{kind}"
    message = " ".join(redact_environment(str(error), env).split())
    if len(message) > 300:
        message = message[:299] + "…"
    try:
        where = f"full traceback saved to {save_traceback(error, argv, env)}"
    except Exception as failed:  # a read-only or full disk must not hide the error itself
        where = f"the traceback could not be saved ({type(failed).__name__}: {failed})"
    return visible(f"internal error: {kind}: {message}; {where}") + "\n"


def save_traceback(error: Exception, argv: list[str], env: dict[str, str]) -> Path:
    import datetime as dt
    import platform
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    from factcheck.errors import redact_environment
    from factcheck.paths import state_dir

    try:
        release = version("factcheck")
    except PackageNotFoundError:
        release = "unknown"
    now = dt.datetime.now()
    header = (
        f"factcheck {release} internal error at {now.isoformat(timespec='seconds')}\n"
        f"python {sys.version.split()[0]} on {platform.platform()}\n"
        f"command: factcheck {' '.join(argv)}\n\n"
    )
    text = redact_environment(header + "".join(traceback.format_exception(error)), env)
    folder = state_dir(env) / "errors"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"internal-error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    # O_EXCL and 0o600: the file is new, and only its owner reads what the run was doing.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(text)
    return path
