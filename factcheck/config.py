"""Settings for one run, from CLI flags, the environment, `.env` and the user config file.

Precedence, highest first:

    flags  >  environment  >  .env (working directory)  >  config file  >  defaults

The config file is TOML, at `$FACTCHECK_CONFIG` or `config.toml` in the platform's user config
folder (`factcheck config` prints where). It holds defaults a user does not want to type again:

    providers = "anthropic:claude-haiku-4-5,rules"   # as --provider / FACTCHECK_PROVIDERS
    max_bytes = 5000000                               # as --max-bytes
    jobs = 4                                          # as audit --jobs (0 = one per core)
    cache = true                                      # false = as --no-cache
    prompts = "~/factcheck-prompts"                   # as FACTCHECK_PROMPTS (relative: to this file)

    [env]                                             # provider keys and URLs, as in .env
    ANTHROPIC_API_KEY = "..."
    OPENAI_BASE_URL = "http://localhost:11434/v1"

An unknown key or a wrong type is an error naming the file (exit 2): a typo must not be ignored.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import UsageError

DEFAULT_MAX_BYTES = 5_000_000
FORMATS = ("terminal", "json", "markdown", "html")
FAIL_ON = ("high", "medium", "low", "never")
CONFIG_VARIABLE = "FACTCHECK_CONFIG"
PROMPTS_VARIABLE = "FACTCHECK_PROMPTS"  # a folder whose NAME.prompt files replace the packaged
# A config file is a few lines; anything this large is not one.
_CONFIG_MAX_BYTES = 1_000_000


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
    prompts: Path | None = None  # a folder whose NAME.prompt files replace the packaged ones
    # With an LLM: `compare` asks both articles in one request when they fit, and `audit` a
    # story's reference with up to three of its other articles (False: each article extracted
    # on its own, then a judgement per pair)
    joint_compare: bool = True

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError(f"--max-bytes must be positive, got {self.max_bytes}")
        if self.jobs < 0:
            raise UsageError(f"--jobs must be 0 (one per core) or more, got {self.jobs}")

    @classmethod
    def from_environment(cls, **overrides: object) -> Settings:
        """Settings from the environment, `.env` and the config file; `overrides` (the flags)
        win when not None."""
        return resolve(**overrides)[0]

    @property
    def worker_count(self) -> int:
        return self.jobs or (os.cpu_count() or 1)


@dataclass(frozen=True)
class UserConfig:
    """What the user config file says; `path` is None when there is no file."""

    path: Path | None = None
    providers: str | None = None
    max_bytes: int | None = None
    jobs: int | None = None
    cache: bool | None = None
    prompts: Path | None = None
    joint_compare: bool | None = None
    env: Mapping[str, str] = field(default_factory=dict)


# key -> (type, what it is): the file's whole vocabulary.
_KEYS: dict[str, tuple[type, str]] = {
    "providers": (str, "a chain such as 'anthropic,rules'"),
    "max_bytes": (int, "a positive number of bytes"),
    "jobs": (int, "a number of workers, 0 = one per core"),
    "cache": (bool, "true or false"),
    "prompts": (str, "a folder of .prompt files"),
    "joint_compare": (
        bool,
        "true (a pair, or a story's articles, in one LLM request when they fit) or false",
    ),
}


def user_config_path(env: Mapping[str, str] | None = None) -> Path:
    """`$FACTCHECK_CONFIG`, else `config.toml` in the platform's user config folder."""
    chosen = (os.environ if env is None else env).get(CONFIG_VARIABLE)
    if chosen:
        return Path(chosen)
    from platformdirs import user_config_dir

    return Path(user_config_dir("factcheck", appauthor=False)) / "config.toml"


def read_user_config(path: Path, *, required: bool = False) -> UserConfig:
    """The config file at `path`; a missing file is an empty config unless `required`."""
    import tomllib

    try:
        data = path.read_bytes()[: _CONFIG_MAX_BYTES + 1] if path.is_file() else None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    if data is None:
        if path.exists():
            raise UsageError(f"{path}: the config file is not a regular file")
        if required:
            raise UsageError(f"{path}: config file not found (named by ${CONFIG_VARIABLE})")
        return UserConfig()
    if len(data) > _CONFIG_MAX_BYTES:
        raise UsageError(f"{path}: config file over {_CONFIG_MAX_BYTES:,} bytes")
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageError(f"{path}: not valid TOML: {error}") from None
    return _config_from_table(path, table)


def _config_from_table(path: Path, table: dict[str, Any]) -> UserConfig:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "env":
            continue
        if key not in _KEYS:
            known = ", ".join([*_KEYS, "[env]"])
            raise UsageError(f"{path}: unknown key {key!r} (known: {known})")
        kind, meaning = _KEYS[key]
        # bool is an int in Python: `jobs = true` must not pass as 1.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise UsageError(f"{path}: {key} must be {meaning}, got {value!r}")
        if isinstance(value, int) and value < (1 if key == "max_bytes" else 0):
            raise UsageError(f"{path}: {key} must be {meaning}, got {value!r}")
        values[key] = value
    if "prompts" in values:  # a relative folder is beside the file, wherever factcheck runs
        values["prompts"] = path.parent / Path(values["prompts"]).expanduser()
    env = table.get("env", {})
    if not isinstance(env, dict) or not all(isinstance(v, str) for v in env.values()):
        raise UsageError(f'{path}: [env] must hold NAME = "value" lines')
    for name, key in (("FACTCHECK_PROVIDERS", "providers"), (PROMPTS_VARIABLE, "prompts")):
        if name in env:
            raise UsageError(f"{path}: set {name} with the top-level key '{key}', not in [env]")
    return UserConfig(path=path, env=dict(env), **values)


def _dotenv_names(env: Mapping[str, str]) -> set[str]:
    """The variables that `load_env` took from `.env` (not from the process environment)."""
    return {name for name in env if name not in os.environ}


def resolve(**overrides: object) -> tuple[Settings, dict[str, str]]:
    """The run's settings and, per setting, where its value came from: 'flag', 'environment',
    '.env', 'config file' or 'default'."""
    from factcheck.llm.providers.env import load_env

    env = load_env()
    from_dotenv = _dotenv_names(env)
    from_config: set[str] = set()
    explicit = bool(env.get(CONFIG_VARIABLE))
    config = read_user_config(user_config_path(env), required=explicit)
    for name, value in config.env.items():
        if not env.get(name):  # the environment and .env win; an empty `KEY=` line is unset
            env[name] = value
            from_dotenv.discard(name)
            from_config.add(name)
    flags = {k: v for k, v in overrides.items() if v is not None}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    chain = env.get("FACTCHECK_PROVIDERS")
    prompts = env.get(PROMPTS_VARIABLE)
    layered: dict[str, list[tuple[str, object]]] = {
        "providers": [
            ("environment" if "FACTCHECK_PROVIDERS" not in from_dotenv else ".env", chain or None),
            ("config file", config.providers),
        ],
        "max_bytes": [("config file", config.max_bytes)],
        "jobs": [("config file", config.jobs)],
        "use_cache": [("config file", config.cache)],
        "joint_compare": [("config file", config.joint_compare)],
        "prompts": [
            (
                _origin(PROMPTS_VARIABLE, env, from_dotenv, from_config),
                Path(prompts).expanduser() if prompts else None,
            ),
            ("config file", config.prompts),
        ],
    }
    for name, layers in layered.items():
        if name in flags:
            values[name], sources[name] = flags.pop(name), "flag"
            continue
        sources[name] = "default"
        for source, layer_value in layers:
            if layer_value is not None:
                values[name], sources[name] = layer_value, source
                break
    values.update(flags)
    # The state folder (caches, LLM log) is an environment variable, not a setting of its own.
    sources["home"] = _origin("FACTCHECK_HOME", env, from_dotenv, from_config)
    return Settings(env=env, **values), sources


def _origin(name: str, env: Mapping[str, str], dotenv: set[str], config: set[str]) -> str:
    if not env.get(name):
        return "default"
    return "config file" if name in config else ".env" if name in dotenv else "environment"


__all__ = [
    "FAIL_ON",
    "FORMATS",
    "Settings",
    "UserConfig",
    "read_user_config",
    "resolve",
    "user_config_path",
]
