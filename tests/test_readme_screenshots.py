"""The README's screenshots exist, are small, and come from the browser tests' list."""

from __future__ import annotations

import re

from tests.conftest import ROOT

MAX_BYTES = 150_000


def test_every_linked_screenshot_exists_and_is_small() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    linked = set(re.findall(r"\(?(docs/screenshots/[\w.-]+\.png)\)", readme))
    assert {"docs/screenshots/compare-1400.png", "docs/screenshots/audit-390.png"} <= linked
    for name in linked:
        path = ROOT / name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert path.stat().st_size < MAX_BYTES, name
    # Each one is drawn by tests/browser (make screenshots), none by hand.
    browser_tests = (ROOT / "tests" / "browser" / "test_reports.py").read_text("utf-8")
    for name in linked:
        stem = name.rsplit("/", 1)[1].removesuffix(".png")
        assert f'"{stem}"' in browser_tests, stem
