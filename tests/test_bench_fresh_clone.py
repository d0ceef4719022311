"""`make bench` in a fresh clone: benchmarks/out/ is git-ignored, so nothing may assume it."""

from __future__ import annotations

import pytest

from benchmarks import speed


class _Stop(Exception):
    pass


def test_speed_creates_its_missing_work_folder(tmp_path, monkeypatch):
    work = tmp_path / "benchmarks" / "out"  # absent, as in a fresh clone
    seen = []

    def generate(folder, **kwargs):
        seen.append(folder)
        raise _Stop  # the folder is what matters here, not the (long) measurement

    monkeypatch.setattr(speed.corpus, "generate", generate)
    with pytest.raises(_Stop):
        speed.measure(quick=True, work=work)
    assert work.is_dir()
    assert seen and seen[0].is_relative_to(work)
