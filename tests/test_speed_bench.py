"""The extraction-throughput figure of `make bench`: best of several passes, CLI collector settings."""

from __future__ import annotations

import gc
from pathlib import Path

from benchmarks import corpus, speed


def test_throughput_reports_every_pass_and_takes_the_best(tmp_path: Path) -> None:
    corpus.generate(tmp_path, articles=30, stories=3, seed=1)
    before = gc.get_threshold()
    t = speed.extraction_throughput(tmp_path, 30, passes=2)
    assert gc.get_threshold() == before  # the CLI's thresholds do not leak into the caller
    assert t["articles"] == 30 and t["facts"] > 0
    assert len(t["passes_per_second"]) == 2
    assert t["per_second"] == max(t["passes_per_second"])
    assert abs(t["extract_ms"] - 1000 / t["per_second"]) < 1e-9
    assert "every pass: " in speed.to_markdown(_with_rest(t), "cmd")


def _with_rest(throughput: dict) -> dict:
    """A figures dict with placeholder values for the sections this test does not run."""
    return {
        "throughput": throughput,
        "startup": {"help_s": 0.1, "python_s": 0.02, "ratio": 5.0, "repeat": 1},
        "short_compare": {"best_s": 0.4, "median_s": 0.5, "repeat": 1},
        "scaling": [],
        "large": {"bytes": 5e6, "walls_s": [1.0], "wall_s": 1.0, "peak_mb": 100, "findings": 1},
        "cores": 2,
    }
