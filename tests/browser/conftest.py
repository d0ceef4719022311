"""Browser fixtures: one headless Chromium for the session, and the examples' reports to load.

Chromium comes from Debian (`make test-browser` installs it). Without it these tests skip with
the reason; with FACTCHECK_BROWSER=require (what `make test-browser` sets) they fail instead, so
CI cannot pass by skipping them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.cdp import Page, chromium, find_chromium
from tests.conftest import EXAMPLES, ROOT

SCREENSHOTS = ROOT / "reports" / "screenshots"
PAIRS = {
    "en": ("a1-reference-en.md", "a2-retelling-en.txt"),
    "ar": ("b1-reference-id.md", "b2-retelling-ar.html"),
}


def _unavailable(reason: str) -> None:
    if os.environ.get("FACTCHECK_BROWSER") == "require":
        pytest.fail(f"{reason}; `make test-browser` installs Debian's chromium")
    pytest.skip(f"{reason}; run `make test-browser` to install it and run these tests")


@pytest.fixture(scope="session")
def browser() -> Iterator[Page]:
    """A headless Chromium page (fresh profile, no network, no sandbox, no GPU)."""
    binary = find_chromium()
    if binary is None:
        _unavailable("chromium is not installed (Debian packages chromium and chromium-driver)")
    try:
        import websocket  # noqa: F401
    except ImportError:
        _unavailable("websocket-client is not installed (the dev extra declares it)")
    assert binary is not None
    with chromium(binary) as page:
        yield page


def _factcheck(*args: str, home: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "FACTCHECK_HOME": str(home),
        "FACTCHECK_NO_DOTENV": "1",
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "NO_COLOR": "1",
    }
    subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )


@pytest.fixture(scope="session")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples' reports, made by the command line exactly as a user makes them."""
    out = tmp_path_factory.mktemp("browser-reports")
    home = tmp_path_factory.mktemp("browser-home")
    made: dict[str, Path] = {}
    for name, (reference, candidate) in PAIRS.items():
        made[name] = out / f"compare-{name}.html"
        _factcheck(
            "compare",
            str(EXAMPLES / reference),
            str(EXAMPLES / candidate),
            "--format",
            "html",
            "--out",
            str(made[name]),
            "--fail-on",
            "never",
            home=home,
        )
    _factcheck("audit", str(EXAMPLES), "--out", str(out / "audit"), home=home)
    made["audit"] = out / "audit" / "index.html"
    return made
