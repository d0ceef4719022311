"""The synthetic benchmark corpus (benchmarks/corpus.py) and the bundled examples' ground truth."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from factcheck.models import DISCREPANCY_KINDS
from tests.conftest import ROOT


def _corpus_module():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("corpus", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus = _corpus_module()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus")
    return out, corpus.generate(out, articles=120, stories=12, seed=7)


def test_same_seed_gives_identical_files(tmp_path: Path, generated: tuple[Path, dict]) -> None:
    first, manifest = generated
    again = corpus.generate(tmp_path, articles=120, stories=12, seed=7)
    assert again == manifest
    for name in manifest["files"]:
        assert (tmp_path / name).read_bytes() == (first / name).read_bytes()


def test_another_seed_gives_other_stories(tmp_path: Path, generated: tuple[Path, dict]) -> None:
    first, _ = generated
    other = corpus.generate(tmp_path, articles=120, stories=12, seed=8)
    name = sorted(other["files"])[0]
    assert (tmp_path / name).read_text() != (first / name).read_text()


def test_article_and_story_counts(generated: tuple[Path, dict]) -> None:
    _, manifest = generated
    assert manifest["articles"] == len(manifest["files"]) == 120
    assert len(manifest["stories"]) == 12
    for story in manifest["stories"].values():
        assert len(story["files"]) == 10
        assert manifest["files"][story["reference"]]["reference"] is True
    assert sum(f["reference"] for f in manifest["files"].values()) == 12


def test_sizes_in_range(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    for name, entry in manifest["files"].items():
        size = (out / name).stat().st_size
        assert size == entry["bytes"]
        assert 3000 <= size <= 6000, name


def test_manifest_matches_files(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    written = {p.name for p in out.iterdir()} - {"manifest.json"}
    assert written == set(manifest["files"])
    assert json.loads((out / "manifest.json").read_text()) == manifest
    assert {p.suffix for p in out.iterdir()} == {".md", ".txt", ".json"}
    for name, entry in manifest["files"].items():
        text = (out / name).read_text()
        assert text.startswith("---\n") == entry["front_matter"], name
        if entry["front_matter"]:
            assert f"lang: {entry['language']}\n" in text


def test_languages_present(generated: tuple[Path, dict]) -> None:
    _, manifest = generated
    langs = {f["language"] for f in manifest["files"].values()}
    assert langs == {"id", "fr", "en", "ar", "es", "de", "pt"}


def test_injected_changes_are_in_the_text(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    seen = set()
    for name, entry in manifest["files"].items():
        text = (out / name).read_text()
        reference = (out / manifest["stories"][entry["story"]]["reference"]).read_text()
        for change in entry["changes"]:
            seen.add(change["kind"])
            if change["kind"] == "number":
                assert str(change["candidate"]) in text
                assert str(change["reference"]) in reference
                assert str(change["reference"]) not in text
            elif change["kind"] == "dropped_person":
                assert change["person"] not in text
                assert change["org"] not in text and change["org"] in reference
            elif change["kind"] == "empty_quote":
                assert re.search(r'(""|“”|«»|„“)', text), name
            elif change["kind"] == "ai_disclaimer":
                assert corpus.LANGS[entry["language"]]["disclaimer"] in text, name
    assert seen == set(corpus.CHANGE_KINDS)
    assert not any(f["changes"] for f in manifest["files"].values() if f["reference"])


def test_stories_are_distinguishable(generated: tuple[Path, dict]) -> None:
    out, manifest = generated
    titles = {manifest["stories"][s]["reference"] for s in manifest["stories"]}
    first_lines = {(out / name).read_text().split("title: ")[1].split("\n")[0] for name in titles}
    assert len(first_lines) == 12


def test_fewer_articles_than_stories_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        corpus.generate(tmp_path, articles=3, stories=5)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert corpus.main([str(tmp_path), "--articles", "20", "--stories", "4"]) == 0
    assert "20 articles, 4 stories" in capsys.readouterr().out
    assert len(list(tmp_path.glob("article-*"))) == 20


# The bundled examples: their ground truth must stay true to the files.


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((ROOT / "examples" / "expected.json").read_text())


def test_examples_exist_and_have_news_length(examples_dir: Path, expected: dict) -> None:
    files = [f for story in expected["stories"].values() for f in story]
    assert len(files) == 8
    for name in files:
        words = len((examples_dir / name).read_text().split())
        assert 250 <= words <= 650, (name, words)
    assert {expected["languages"][f] for f in files} >= {"id", "fr", "ar", "en"}
    assert {Path(f).suffix for f in files} == {".md", ".txt", ".html"}


def test_examples_cover_every_discrepancy_kind(expected: dict) -> None:
    kinds = {k for pair in expected["pairs"] for k in pair["expect"]}
    assert kinds == set(DISCREPANCY_KINDS)
    assert [p["candidate"] for p in expected["pairs"] if not p["expect"]] == ["b3-retelling-fr.md"]
    flagged = [p["candidate"] for p in expected["pairs"] if p["flags"]]
    assert flagged == ["a4-retelling-id.txt"]


def test_examples_carry_what_the_ground_truth_says(examples_dir: Path) -> None:
    a1 = (examples_dir / "a1-reference-en.md").read_text()
    a2 = (examples_dir / "a2-retelling-en.txt").read_text()
    a3 = (examples_dir / "a3-retelling-fr.md").read_text()
    a4 = (examples_dir / "a4-retelling-id.txt").read_text()
    b1 = (examples_dir / "b1-reference-id.md").read_text()
    b2 = (examples_dir / "b2-retelling-ar.html").read_text()
    b4 = (examples_dir / "b4-retelling-en.md").read_text()
    assert "340 jobs" in a1 and "430 jobs" in a2
    assert "12 March 2026" in a1 and "14 mars" in a3 and "12 mars" not in a3
    assert "« »" in a3 and "Ratna Halim" in a1 and "Ratna Halim" not in a3
    assert "Rp 18 billion" in a1 and "18 miliar" not in a4 and "Rp 18" not in a4
    assert "1 June 2026" in a1 and "Juni" not in a4
    assert "kecerdasan buatan (AI)" in a4.splitlines()[-2]
    assert "Selasa lalu" in b1 and 'article:published_time" content="2026-04-09' in b2
    assert ': ""' in b2 and "Juli 2026" in b1
    assert "12 persen" in b1 and "21%" in b4 and "Chamber of Commerce" in b4
