"""Settings for one run, from CLI flags, the environment and `.env`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.errors import UsageError

DEFAULT_MAX_BYTES = 5_000_000
FORMATS = ("terminal", "json", "markdown", "html")
FAIL_ON = ("high", "medium", "low", "never")


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to know; built once by the CLI (or by a library caller)."""

    providers: str | None = (
        None  # a chain spec ("anthropic:claude-haiku-4-5,rules"); None = default
    )
    max_bytes: int = DEFAULT_MAX_BYTES
    use_cache: bool = True
    jobs: int = 0  # 0 = one per core
    env: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError(f"--max-bytes must be positive, got {self.max_bytes}")
        if self.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per core) or more, got {self.jobs}")

    @classmethod
    def from_environment(cls, **overrides: object) -> Settings:
        """Settings with `env` read from the process and `.env`; `overrides` win when not None."""
        from factcheck.providers.env import load_env

        env = load_env()
        values = {k: v for k, v in overrides.items() if v is not None}
        values.setdefault("providers", env.get("FACTCHECK_PROVIDERS") or None)
        return cls(env=env, **values)  # type: ignore[arg-type]

    @property
    def worker_count(self) -> int:
        return self.jobs or (os.cpu_count() or 1)
