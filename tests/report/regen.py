"""Rewrite every golden file in tests/report/golden: `.venv/bin/python -m tests.report.regen`."""

from __future__ import annotations

from tests.report.goldens import GOLDEN_DIR, GOLDENS


def main() -> None:
    """Render each golden and write it, saying which files changed."""
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name, render in GOLDENS.items():
        path = GOLDEN_DIR / name
        text = render()
        old = path.read_text("utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"updated {path}")
    print(f"{len(GOLDENS)} golden files checked")


if __name__ == "__main__":
    main()
