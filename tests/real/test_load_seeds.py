"""The five real articles load with the right language, title, date and clean text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from factcheck.load import load_document
from tests.conftest import seed

pytestmark = pytest.mark.real


@pytest.mark.parametrize(
    ("number", "language"), [(0, "id"), (1, "fr"), (2, "fr"), (3, "ar"), (4, "id")]
)
def test_languages(seeds_dir: Path, number: int, language: str) -> None:
    assert load_document(seed(seeds_dir, number)).language == language


def test_every_seed_is_utf8_text_hashed_on_its_raw_bytes(seeds_dir: Path) -> None:
    for number in range(5):
        path = seed(seeds_dir, number)
        document = load_document(path)
        assert (document.format, document.encoding) == ("text", "utf-8")
        assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert "\r" not in document.text and "\ufeff" not in document.text


def test_000_title_is_its_headline(seeds_dir: Path) -> None:
    path = seed(seeds_dir, 0)
    document = load_document(path)
    headline = path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()[0].strip()
    assert headline and document.title == headline
    assert "Christopher Nulty" in document.text
    assert document.published is None  # "Selasa lalu" is relative: no dateline to read


def test_003_front_matter_title_and_date(seeds_dir: Path) -> None:
    path = seed(seeds_dir, 3)
    document = load_document(path)
    assert document.published == dt.date(2025, 8, 4)
    assert document.title is not None
    # The title as the front matter writes it (a quoted value folded over two lines), read
    # from the seed itself rather than copied here.
    raw = path.read_text(encoding="utf-8").split('title: "', 1)[1].split('"', 1)[0]
    folded = " ".join(raw.split())
    assert document.title == folded
    assert "\n" not in document.title


def test_003_text_has_no_front_matter_and_no_tag_links(seeds_dir: Path) -> None:
    text = load_document(seed(seeds_dir, 3)).text
    assert "bidjadraft" not in text
    assert "<a " not in text and "<div" not in text and "<br>" not in text
    assert "layout:" not in text and not text.startswith("---")
    assert text.startswith("قررت شركة Anthropic")
    assert text.rstrip().endswith("بالفعل.")


def test_004_has_no_publication_date_despite_body_dates_and_copyright(seeds_dir: Path) -> None:
    document = load_document(seed(seeds_dir, 4))
    assert document.published is None
    assert document.title is None
    assert "9 Juli 2024" in document.text


def test_001_and_002_have_no_headline(seeds_dir: Path) -> None:
    assert load_document(seed(seeds_dir, 1)).title is None
    assert load_document(seed(seeds_dir, 2)).title is None
