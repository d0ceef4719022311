"""The same-story benchmark's scoring helpers, and a small run of its grouping on MEANTIME."""

from __future__ import annotations

import pytest

from benchmarks import stories
from benchmarks.realnews import load_realnews


def test_pair_scores_count_pairs_against_gold_label_sets() -> None:
    gold = [frozenset("a"), frozenset("a"), frozenset("b"), frozenset({"a", "b"})]
    # found: {0, 1} together (true), {2, 3} together (true: 3 is in both stories)
    scores = stories.pair_scores([[0, 1], [2, 3]], gold)
    assert scores["predicted"] == 2
    # true pairs: (0,1) (0,3) (1,3) (2,3)
    assert scores["true"] == 4
    assert scores["precision"] == 1.0
    assert scores["recall"] == 0.5


def test_spearman_is_minus_one_for_reversed_ranks_and_handles_ties() -> None:
    assert stories.spearman([(1, 4), (2, 3), (3, 2), (4, 1)]) == pytest.approx(-1.0)
    assert stories.spearman([(1, 1), (2, 2), (2, 2), (3, 3)]) == pytest.approx(1.0)


def test_best_threshold_finds_the_cut_no_other_threshold_beats() -> None:
    pairs = [(0.0, False), (0.05, False), (0.2, True), (0.3, False), (0.4, True), (0.5, True)]
    # at 0.2 only the row at 0.3 is wrong, at 0.4 only the row at 0.2: the higher cut is kept
    assert stories.best_threshold(pairs) == (5 / 6, 0.4)
    assert stories.best_threshold([*pairs, (0.25, True)]) == (6 / 7, 0.2)
    assert stories.best_threshold([(0.1, False), (0.1, True)]) == (0.5, float("inf"))
    assert stories.best_threshold([(0.2, False)]) == (1.0, float("inf"))


def test_direct_evidence_counts_what_same_event_pairs_share() -> None:
    texts = [
        ("en", "Prime minister Ilse Varga resigned in Tallinn on Monday."),
        ("de", "Regierungschefin Ilse Varga ist am Montag zurückgetreten."),
        ("en", "A strong storm flooded the harbour."),
        ("fr", "Une tempête a inondé le port."),
    ]
    articles = [stories.load(text, f"{n}.txt") for n, (_, text) in enumerate(texts)]
    gold = [
        frozenset({"resign"}),
        frozenset({"resign"}),
        frozenset({"storm"}),
        frozenset({"storm"}),
    ]
    evidence = stories._direct_evidence(articles, gold, texts)
    assert evidence["two languages, one script"] == {"enough": 1, "none": 1}


def test_a_repost_keeps_the_headline_and_changes_little() -> None:
    import random

    text = "Headline\n\nOne.\n\nTwo.\n\nThree.\n\nFour two words here."
    edited = stories._edited(text, random.Random(3))
    assert edited.startswith("Headline\n\n")
    assert abs(len(edited) - len(text)) < 80


@pytest.mark.skipif(load_realnews() is None, reason="real-news corpus not available")
def test_meantime_translations_group_by_article() -> None:
    row = stories.meantime(load_realnews(), quick=True)
    assert row["docs"] == 40
    assert row["precision"] >= 0.9 and row["recall"] >= 0.9
