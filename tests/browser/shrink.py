"""Small copies of the browser tests' screenshots for the README (docs/screenshots/)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

DOCS = ROOT / "docs" / "screenshots"
COLOURS = 48  # text, a few highlight colours and their anti-aliasing


def save_docs_copy(path: Path) -> Path:
    """A palette PNG copy of `path` under docs/screenshots; a text page stays readable."""
    from PIL import Image

    DOCS.mkdir(parents=True, exist_ok=True)
    target = DOCS / path.name
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
        small.save(target, optimize=True)
    return target
