"""`--out`: what it may replace, what it refuses, stdout, and the permissions of what it writes."""

from __future__ import annotations

import json
import os
import pickle
import socket
import stat
from pathlib import Path

import pytest

from factcheck.cli import run
from factcheck.errors import OutputError
from factcheck.files import check_output_file, write_text_atomic
from tests.test_cli import EMPTIED, REFERENCE


@pytest.fixture
def pair(tmp_path: Path) -> list[str]:
    ref, cand = tmp_path / "ref.md", tmp_path / "cand.md"
    ref.write_text(REFERENCE, encoding="utf-8")
    cand.write_text(EMPTIED, encoding="utf-8")
    return [str(ref), str(cand)]


def _compare(pair: list[str], *options: str) -> int:
    return run(["compare", *pair, "--fail-on", "never", *options])


def _one_error_line(capsys: pytest.CaptureFixture[str], *parts: str) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("error: ")
    for part in parts:
        assert part in err, err
    return err


def test_out_below_a_file_is_one_line_and_exit_2(pair, capsys):
    code = _compare(pair, "-f", "markdown", "--out", "/dev/null/x")
    assert code == 2
    _one_error_line(capsys, "/dev/null/x", "/dev/null is not a directory")


def test_out_onto_an_existing_directory_is_refused(pair, tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    assert _compare(pair, "-f", "html", "--out", str(folder)) == 2
    _one_error_line(capsys, str(folder), "is a directory")
    assert folder.is_dir() and not any(folder.iterdir())


def test_out_under_a_regular_file_is_refused_for_every_format(pair, tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    for fmt in ("json", "markdown", "html", "terminal", "all"):
        assert _compare(pair, "-f", fmt, "--out", str(blocker / "r")) == 2
        _one_error_line(capsys, str(blocker / "r"), f"{blocker} is not a directory")
    assert blocker.read_text() == "keep me"


def test_audit_out_that_cannot_be_a_folder_is_refused_before_any_work(pair, tmp_path, capsys):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    folder = str(Path(pair[0]).parent)
    assert run(["audit", folder, "--out", str(blocker), "--jobs", "1"]) == 2
    _one_error_line(capsys, str(blocker), "is not a directory")
    assert run(["audit", folder, "--out", "-"]) == 2
    _one_error_line(capsys, "--out takes a folder")


def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(pair, tmp_path, capsys):
    target = tmp_path / "target.txt"
    target.write_text("precious")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    assert _compare(pair, "-f", "markdown", "--out", str(link)) == 2
    _one_error_line(capsys, str(link), "is a symbolic link")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "precious"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_and_left_a_fifo(pair, tmp_path, capsys):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert _compare(pair, "-f", "json", "--out", str(fifo)) == 2
    _one_error_line(capsys, str(fifo), "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_and_a_device_are_refused(tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        with pytest.raises(OutputError, match="is a socket"):
            write_text_atomic(path, "x")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)
    # Only checked, never written: were the check ever to break, running as root would
    # otherwise replace the system's /dev/null.
    if os.path.exists("/dev/null") and stat.S_ISCHR(os.stat("/dev/null").st_mode):
        with pytest.raises(OutputError, match="is a device"):
            check_output_file(Path("/dev/null"))


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_stdout_targets_are_written_in_place(pair, capsys, monkeypatch, target):
    import factcheck.files

    def tripwire(path: Path, text: str) -> None:
        # Were stdout ever written as a file again, this test run as root would replace the
        # system's /dev/stdout; fail before anything is written.
        raise AssertionError(f"{path} written as a file")

    monkeypatch.setattr(factcheck.files, "write_text_atomic", tripwire)
    stdout_was_a_link = os.path.islink("/dev/stdout")
    assert _compare(pair, "-f", "json", "--out", target) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["verdict"] == "discrepancies"
    assert err == ""
    assert _compare(pair, "-f", "markdown", "--out", target) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# factcheck: cand.md (en) vs ref.md (en)")
    assert "wrote" not in err
    assert os.path.islink("/dev/stdout") == stdout_was_a_link
    assert not Path("-").exists()


def test_format_all_cannot_go_to_stdout(pair, capsys):
    assert _compare(pair, "-f", "all", "--out", "-") == 2
    _one_error_line(capsys, "--out takes a folder")


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_reports_get_their_permissions_from_the_umask(pair, tmp_path, umask, mode):
    out = tmp_path / "r.md"
    previous = os.umask(umask)
    try:
        assert _compare(pair, "-f", "markdown", "--out", str(out)) == 0
        write_text_atomic(tmp_path / "again.txt", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "again.txt").stat().st_mode) == mode


def test_an_existing_report_is_replaced_atomically_leaving_no_temporary_file(pair, tmp_path):
    out = tmp_path / "out" / "r.md"
    out.parent.mkdir()
    out.write_text("old report")
    inode = out.stat().st_ino
    assert _compare(pair, "-f", "markdown", "--out", str(out)) == 0
    assert "empty_quote" in out.read_text()
    assert out.stat().st_ino != inode  # a new file renamed over the old one, not rewritten
    assert [p.name for p in out.parent.iterdir()] == ["r.md"]


def test_missing_folders_of_out_are_created(pair, tmp_path):
    out = tmp_path / "a" / "b" / "r.html"
    assert _compare(pair, "-f", "html", "--out", str(out)) == 0
    assert out.read_text().startswith("<!doctype html>")


def test_output_error_survives_the_trip_back_from_a_worker_process():
    error = pickle.loads(pickle.dumps(OutputError("/x/y.html", "is a directory")))
    assert isinstance(error, OutputError)
    assert (error.path, error.reason, str(error)) == ("/x/y.html", "is a directory", str(error))
    assert error.exit_code == 2
