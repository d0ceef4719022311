"""The AI-use disclosure benchmark: placement of a statement, and a quick run on the real data."""

from __future__ import annotations

import pytest

from benchmarks import disclosures as bench
from benchmarks.realnews import load_realnews


@pytest.mark.parametrize("position", bench.POSITIONS)
def test_a_statement_is_placed_whole_at_each_position(position: str) -> None:
    article = bench.articles()["en"]
    placed = bench.place("This is the statement.", article, position)
    assert placed.text[placed.start : placed.end] == "This is the statement."
    paragraphs = placed.text.strip().split("\n\n")
    where = paragraphs.index("This is the statement.")
    assert where == {"start": 0, "middle": 1}.get(position, len(article["paragraphs"]))
    assert placed.text.rstrip().endswith(article["footer"][-1]) == (position == "end+footer")


def test_every_language_of_the_benchmark_has_a_short_article_and_footer() -> None:
    for language, article in bench.articles().items():
        assert len(article["paragraphs"]) >= 3, language
        assert article["footer"], language
        for paragraph in article["paragraphs"]:
            assert bench.detect(paragraph, language) == [], language


def test_quick_run_renders_a_section_with_recall_and_false_positives() -> None:
    if load_realnews() is None:
        pytest.skip("real-news corpus not available")
    section = bench.run(quick=True)
    assert section.startswith(f"## {bench.TITLE}")
    assert "Command: `python benchmarks/disclosures.py --quick`" in section
    assert "| | start | middle | end | end+footer |" in section
    assert "controls flagged (false positives)" in section
