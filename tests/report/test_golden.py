"""The terminal (80 columns, no colour) and Markdown renderers match their golden files.

After an intended change, regenerate with `.venv/bin/python -m tests.report.regen` and review the
diff.
"""

from __future__ import annotations

import pytest

from tests.report.goldens import GOLDEN_DIR, GOLDENS


@pytest.mark.parametrize("name", sorted(GOLDENS))
def test_matches_golden(name: str) -> None:
    path = GOLDEN_DIR / name
    assert path.exists(), f"{path} missing: run `.venv/bin/python -m tests.report.regen`"
    expected = path.read_text("utf-8")
    assert GOLDENS[name]() == expected, (
        f"{name} differs from its golden file; if intended, run "
        "`.venv/bin/python -m tests.report.regen` and review the diff"
    )


def test_terminal_goldens_fit_80_columns() -> None:
    for name in GOLDENS:
        if name.endswith(".txt"):
            widths = [len(line) for line in (GOLDEN_DIR / name).read_text("utf-8").splitlines()]
            assert max(widths) <= 80, name
