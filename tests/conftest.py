"""Suite-wide fixtures: no network (pytest-socket, see pyproject), user state in a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _isolated_user_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep caches, logs and config out of the real home; drop any real API keys."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FACTCHECK_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    from factcheck.llm.providers.registry import KINDS
    from factcheck.llm.providers.resolve import TIMEOUT_VARIABLES

    provider_variables = [
        name
        for kind in KINDS.values()
        for name in (kind.key_variable, kind.base_url_variable)
        if name is not None
    ]
    for var in (
        *provider_variables,
        *TIMEOUT_VARIABLES.values(),
        "FACTCHECK_PROVIDERS",
        "FACTCHECK_PROMPTS",
        # What the SDKs read from the environment by themselves.
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
        "OPENAI_ADMIN_KEY",
        "ANTHROPIC_AUTH_TOKEN",
        "ANTHROPIC_CUSTOM_HEADERS",
        "ANTHROPIC_PROFILE",
        "GOOGLE_API_KEY",
        "GOOGLE_GEMINI_BASE_URL",
        "GOOGLE_GENAI_API_VERSION",
        "GOOGLE_GENAI_USE_VERTEXAI",
        "GOOGLE_GENAI_USE_ENTERPRISE",
        "GOOGLE_GENAI_HTTP_CLIENT",
        "GOOGLE_CLOUD_PROJECT",
        "GOOGLE_CLOUD_LOCATION",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("FACTCHECK_NO_DOTENV", "1")
    monkeypatch.setenv("NO_COLOR", "1")


def _shared_dir(path: Path) -> Path:
    if not path.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the checkout")
        pytest.skip(f"{path} not found (the third-party articles live beside the checkout)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real articles in ../shared/seeds (read in place, never copied)."""
    return _shared_dir(SEEDS)


@pytest.fixture(scope="session")
def shared_benchmarks_dir() -> Path:
    return _shared_dir(SHARED / "benchmarks")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


def seed(seeds_dir: Path, number: int) -> Path:
    """The seed file whose name starts with the three-digit `number`."""
    (path,) = seeds_dir.glob(f"{number:03d}_*.txt")
    return path
