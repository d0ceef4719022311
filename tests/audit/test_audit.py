"""Folder audits end to end: grouping, review queue, errors, reports, resuming."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factcheck.audit as audit_module
import factcheck.audit.work as work
from factcheck.audit import read_all, run_audit
from factcheck.audit.discover import discover
from factcheck.config import Settings
from factcheck.report.schema import validate


def test_seeds_group_into_one_story_plus_a_different_one(seeds_dir, tmp_path):
    run = run_audit(seeds_dir, Settings(jobs=1), out=tmp_path / "out")
    groups = sorted(sorted(Path(p).name[:3] for p in g.documents) for g in run.result.groups)
    assert groups == [["000", "001", "002", "003"], ["004"]]
    flagged = [Path(d.path).name[:3] for d in run.result.documents if d.flags]
    assert flagged == ["000"]
    assert "Berita ini 100%" in run.result.documents[0].flags[0].text
    document = json.loads((tmp_path / "out" / "audit.json").read_text())
    validate(document, "audit")
    assert len(document["pairs"]) == 3
    for pair in document["pairs"]:
        assert (tmp_path / "out" / pair["report"]).is_file()
    assert (tmp_path / "out" / "index.html").read_text().count("pairs/") >= 3
    index_md = (tmp_path / "out" / "index.md").read_text()
    assert "46db0fec834488b0.txt" in index_md
    assert "is alone: no other article tells this story" in index_md
    assert "ca3f6ae10cc4e2d5.txt (alone: no other article tells it)" in run.terminal


def test_the_examples_form_their_stories_with_the_named_references(examples_dir, tmp_path):
    expected = json.loads((examples_dir / "expected.json").read_text())
    run = run_audit(examples_dir, Settings(jobs=2), out=tmp_path / "out")
    found = sorted(sorted(Path(p).name for p in g.documents) for g in run.result.groups)
    assert found == sorted(sorted(files) for files in expected["stories"].values())
    references = {Path(g.reference).name for g in run.result.groups}
    assert references == set(expected["references"].values())
    # Each pair report links back to its own row of the index, and the row to the report.
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    for pair in run.result.pairs:
        assert pair.report is not None
        stem = Path(pair.report).stem
        page = (tmp_path / "out" / pair.report).read_text("utf-8")
        assert f'<a class="back" href="../index.html#pair-{stem}">' in page
        assert f'id="pair-{stem}"' in index and f'href="{pair.report}"' in index


def test_one_bad_file_is_an_error_entry_and_the_audit_goes_on(examples_dir, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(examples_dir, folder)
    (folder / "empty.txt").write_text("")
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    run = run_audit(folder, Settings(jobs=1), out=tmp_path / "out")
    errors = {Path(e.path).name: e.reason for e in run.result.errors}
    assert set(errors) == {"empty.txt", "binary.html"}
    assert "empty" in errors["empty.txt"] and "binary" in errors["binary.html"]
    assert len(run.result.pairs) >= 6


def test_an_earlier_audits_reports_inside_the_folder_are_not_audited(examples_dir, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(examples_dir, folder)
    run_audit(folder, Settings(jobs=1), out=folder / "reports")
    paths, _ = discover(folder)
    assert not any("reports" in p.parts for p in paths)


def test_an_interrupted_audit_resumes_without_extracting_again(examples_dir, monkeypatch):
    paths, _ = discover(examples_dir)
    settings = Settings(jobs=1)
    monkeypatch.setattr(audit_module, "BATCH", 1)
    extracted: list[str] = []
    real_extract_one = work.extract_one

    def counting(path: str, max_bytes: int, backend=None):
        extracted.append(Path(path).name)
        return real_extract_one(path, max_bytes, backend)

    monkeypatch.setattr(work, "extract_one", counting)

    def interrupt_after_three(item) -> None:
        if len(extracted) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        read_all(paths, settings, audit_module._InProcess(), on_card=interrupt_after_three)
    first_run = list(extracted)
    extracted.clear()
    results, reused = read_all(paths, settings, audit_module._InProcess())
    assert len(first_run) == 3
    assert reused == 3
    assert sorted(extracted) == sorted(p.name for p in paths if p.name not in first_run)
    assert [r.path for r in results] == [str(p) for p in paths]


def _corpus_module():
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("corpus_for_tests", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_kill_9_midway_then_rerun_repeats_no_finished_extraction(tmp_path):
    """A real process killed with SIGKILL: what it stored is reused, nothing is redone."""
    generate = _corpus_module().generate
    folder = tmp_path / "corpus"
    generate(folder, articles=300, stories=30, seed=3)
    scratch = tmp_path / "tmp"  # where the runs keep their shelves
    scratch.mkdir()
    env = {**os.environ, "FACTCHECK_HOME": str(tmp_path / "home"), "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "factcheck", "audit", str(folder), "--jobs", "1", "--out"]
    process = subprocess.Popen(
        [*command, str(tmp_path / "r1")],
        env=env,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    database = tmp_path / "home" / "extractions.sqlite3"
    stored = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and stored < 40:
        time.sleep(0.1)
        if database.exists():
            try:
                with sqlite3.connect(database) as db:
                    stored = db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
            except sqlite3.OperationalError:
                continue
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert stored >= 40, "the audit stored nothing before it was killed"
    with sqlite3.connect(database) as db:
        survived = db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    assert 40 <= survived < 300
    left = [p.name for p in scratch.iterdir() if p.name.startswith("factcheck-articles-")]
    assert left, "the killed run's shelf was expected on disk"
    done = subprocess.run(
        [*command, str(tmp_path / "r2"), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    notices = json.loads(done.stdout)["run"]["notices"]
    assert f"reused {survived} extraction(s) stored by an earlier run" in notices
    assert not any((scratch / name).exists() for name in left)  # the re-run removed it


def test_audit_workers_collect_as_the_cli_does():
    # The pool's workers are started with the collector tuned for long-lived heaps (see
    # factcheck.heap); the default would re-walk every kept fact hundreds of times per batch.
    import gc
    import os
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.audit import start_worker
    from factcheck.heap import THRESHOLDS

    with ProcessPoolExecutor(1, initializer=start_worker, initargs=(os.getpid(),)) as pool:
        assert pool.submit(gc.get_threshold).result() == THRESHOLDS
    assert THRESHOLDS != (700, 10, 10)  # CPython's default: the test would prove nothing
