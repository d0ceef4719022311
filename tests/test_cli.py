"""The command line as a user meets it: exit codes, output channels, one-line errors."""

from __future__ import annotations

import json
import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.cli import run
from factcheck.report.schema import validate

REFERENCE = """---
title: Harbour bridge closes for repairs
date: 2026-03-12
lang: en
---
PORT ALDER, 12 March 2026 - The city of Port Alder closed the Quayside bridge on Thursday for
repairs that will cost 4.5 million dollars, the mayor Elena Ruiz said.

"The bridge will reopen in June," Ruiz said. "Nobody will lose their job."

The Alder Harbour Authority said 1,200 vehicles used the bridge every day.
"""

FAITHFUL = """---
title: Quayside bridge shut for repairs
date: 2026-03-12
lang: en
---
PORT ALDER, 12 March 2026 - The Alder Harbour Authority said 1,200 vehicles used the Quayside
bridge every day before the city of Port Alder closed it on Thursday.

Repairs will cost 4.5 million dollars, the mayor Elena Ruiz said. "The bridge will reopen in
June," Ruiz said. "Nobody will lose their job."
"""

EMPTIED = REFERENCE.replace('"The bridge will reopen in June,"', '"",')


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"ref": REFERENCE, "same": FAITHFUL, "emptied": EMPTIED}.items():
        paths[name] = tmp_path / f"{name}.md"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def test_json_without_out_goes_to_stdout_alone_and_fits_the_schema(articles, capsys):
    code = run(["compare", str(articles["ref"]), str(articles["emptied"]), "--format", "json"])
    out, err = capsys.readouterr()
    document = json.loads(out)
    validate(document, "report")
    assert document["verdict"] == "discrepancies"
    assert any(
        d["kind"] == "empty_quote" and d["severity"] == "high" for d in document["discrepancies"]
    )
    assert code == 1  # --fail-on high is the default
    assert err == ""


def test_fail_on_never_and_a_faithful_retelling_exit_zero(articles, capsys):
    assert (
        run(["compare", str(articles["ref"]), str(articles["emptied"]), "--fail-on", "never"]) == 0
    )
    assert run(["compare", str(articles["ref"]), str(articles["same"])]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out  # no colour when not a terminal


def test_markdown_and_html_go_to_files(articles, tmp_path, capsys):
    out_md = tmp_path / "r.md"
    code = run(
        [
            "compare",
            str(articles["ref"]),
            str(articles["emptied"]),
            "-f",
            "markdown",
            "-o",
            str(out_md),
            "--fail-on",
            "never",
        ]
    )
    assert code == 0
    assert "empty_quote" in out_md.read_text()
    assert f"wrote {out_md}" in capsys.readouterr().err


def _missing(folder: Path) -> Path:
    return folder / "missing.txt"


def _directory(folder: Path) -> Path:
    return folder


def _empty(folder: Path) -> Path:
    (folder / "empty.txt").write_text("")
    return folder / "empty.txt"


def _binary(folder: Path) -> Path:
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder / "bin.txt"


@pytest.mark.parametrize(
    ("make", "reason"),
    [(_missing, "not found"), (_directory, "directory"), (_empty, "empty"), (_binary, "binary")],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_2(articles, tmp_path, capsys, make, reason):
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make(bad_dir)
    code = run(["compare", str(articles["ref"]), str(bad)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1
    assert str(bad) in err and reason in err


def test_oversized_input_is_refused_with_the_limit(articles, capsys):
    code = run(["compare", str(articles["ref"]), str(articles["same"]), "--max-bytes", "100"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{articles['ref']}: " in err and "over the 100-byte limit" in err


def test_bad_option_values_exit_2(articles, capsys):
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "--format", "pdf"]) == 2
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "--fail-on", "always"]) == 2
    assert (
        run(["compare", str(articles["ref"]), str(articles["same"]), "--provider", "gemini"]) == 2
    )
    assert "--format must be one of" in capsys.readouterr().err


def test_extract_lists_the_facts_as_json(articles, capsys):
    assert run(["extract", str(articles["ref"]), "--format", "json"]) == 0
    facts = json.loads(capsys.readouterr().out)["facts"]
    quotes = [f for f in facts if f["kind"] == "quote"]
    assert {q["speaker"] for q in quotes} == {"Elena Ruiz"}
    text = articles["ref"].read_text()
    assert all(f["text"] in text for f in facts)


def test_providers_without_keys_shows_the_offline_chain(capsys):
    assert run(["providers"]) == 0
    out = capsys.readouterr().out
    assert "rules" in out and "Offline" in out


def test_providers_names_a_missing_key_without_revealing_present_ones(monkeypatch, capsys):
    secret = "test-" + "k" * 30
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    assert run(["providers", "--provider", "anthropic,openai,rules"]) == 0
    out = capsys.readouterr().out
    assert "MISSING: set ANTHROPIC_API_KEY" in out
    assert "OPENAI_API_KEY set" in out
    assert secret not in out


def test_help_is_fast_to_import_and_loads_no_llm_sdk():
    probe = (
        "import sys\n"
        "from factcheck.cli import run\n"
        "code = run(['--help'])\n"
        "heavy = [m for m in ('openai', 'anthropic', 'google.genai', 'dateparser', 'lingua', 'trafilatura') if m in sys.modules]\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("0 []")
    assert "compare" in done.stdout and "audit" in done.stdout


def test_log_shows_recent_attempts_and_totals(capsys):
    from factcheck.llm.providers.store import Store, default_path

    store = Store(default_path())
    store.log_attempt(
        provider="openai", model="gpt-5-mini", status="ok", latency_s=0.42,
        input_tokens=1200, output_tokens=300, cost_usd=0.0009,
    )  # fmt: skip
    store.log_attempt(
        provider="anthropic", model="claude-haiku-4-5", status="error", error_kind="access"
    )
    store.close()
    assert run(["log", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    assert "error (access)" in out and "420 ms" in out and "1200/300" in out
    assert "Totals: 2 calls (1 failed), 0 cache hits, 1200 input and 300 output tokens" in out


def _write_bytes_name(folder: Path, name: bytes, text: str) -> Path:
    """A file whose name is raw bytes; skips where the filesystem refuses them (APFS, NTFS)."""
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(text.encode("utf-8"))
    except (OSError, ValueError) as error:
        pytest.skip(f"this filesystem refuses the name {name!r}: {error}")
    return folder / os.fsdecode(name)


def test_audit_accepts_file_names_whatever_their_bytes(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ref.md").write_text(REFERENCE, encoding="utf-8")
    bad = _write_bytes_name(folder, b"bad\xffname.md", EMPTIED)
    _write_bytes_name(folder, "evil\u202efdp.md".encode(), FAITHFUL)
    _write_bytes_name(folder, b"red\x1b[31m.md", FAITHFUL)
    out = tmp_path / "out"
    code = run(["audit", str(folder), "--out", str(out), "--jobs", "1", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    document = json.loads(captured.out)
    validate(document, "audit")
    paths = {d["path"] for d in document["documents"]}
    assert str(bad) in paths  # the exact name, undecodable byte included
    assert os.fsencode(str(bad)).endswith(b"bad\xffname.md")
    assert document["errors"] == []
    assert json.loads((out / "audit.json").read_text("utf-8")) == document
    for index in ("index.md", "index.html"):
        shown = (out / index).read_text("utf-8")
        assert "bad\\xffname.md" in shown.replace("\\\\", "\\")
        assert "evil\\u202efdp.md" in shown.replace("\\\\", "\\")
        assert "\u202e" not in shown and "\x1b" not in shown

    assert run(["audit", str(folder), "--out", str(out), "--jobs", "1"]) == 0
    terminal = capsys.readouterr().out
    assert "bad\\xffname.md" in terminal and "evil\\u202efdp.md" in terminal
    assert "red\\x1b[31m.md" in terminal
    assert "\x1b" not in terminal and "\u202e" not in terminal


def test_compare_format_all_accepts_an_undecodable_name(articles, tmp_path, capsys):
    bad = _write_bytes_name(tmp_path, b"cand\xff\x1b.md", EMPTIED)
    out = tmp_path / "out"
    code = run(["compare", str(articles["ref"]), str(bad), "-f", "all", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1  # the emptied quote, not a crash
    assert "cand\\xff\\x1b.md (en)" in captured.out
    assert "\x1b" not in captured.out + captured.err
    (report,) = out.glob("*.json")
    assert json.loads(report.read_text("utf-8"))["candidate"]["path"] == str(bad)
    for suffix in (".md", ".html"):
        (shown,) = out.glob(f"*{suffix}")
        assert "cand\\xff\\x1b.md" in shown.read_text("utf-8").replace("\\\\", "\\")


def test_an_error_naming_a_hostile_file_name_stays_one_inert_line(articles, tmp_path, capsys):
    missing = tmp_path / "gone\x1b]0;title\x07\nnext\u202e.md"
    assert run(["compare", str(articles["ref"]), str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "gone\\x1b]0;title\\x07\\nnext\\u202e.md: not found" in err


def test_an_unexpected_exception_is_one_line_exit_4_and_a_saved_traceback(
    articles, monkeypatch, capsys
):
    import factcheck.pipeline

    secret = "test-openai-" + "s3cr3t" * 6
    url_password = "hunter2hunter2"
    monkeypatch.setenv("OPENAI_API_KEY", secret)

    def broken(*args, **kwargs):
        raise RuntimeError(
            f"boom with {secret} at https://me:{url_password}@proxy.example/v1\nsecond line"
        )

    monkeypatch.setattr(factcheck.pipeline, "compare_files", broken)
    code = run(["compare", str(articles["ref"]), str(articles["same"])])
    err = capsys.readouterr().err
    assert code == 4
    assert err.count("\n") == 1
    match = re.fullmatch(
        r"internal error: RuntimeError: boom with \[redacted\] at https://\[redacted\]@proxy"
        r"\.example/v1 second line; full traceback saved to (?P<path>\S+)\n",
        err,
    )
    assert match, err
    saved = Path(match["path"])
    assert saved.parent == Path(os.environ["FACTCHECK_HOME"]) / "errors"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = saved.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and "in broken" in text
    assert "RuntimeError: boom" in text and "command: factcheck compare" in text
    assert secret not in text and url_password not in text
    assert secret not in err and url_password not in err


def test_help_documents_every_exit_code():
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "--help"], capture_output=True, text=True, check=True
    )
    text = " ".join(done.stdout.split())
    assert "Exit codes: 0" in text
    assert "3 every configured backend failed; 4 an internal error" in text


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Running, that is: present in /proc and not a zombie awaiting its (new) parent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs /proc")
def test_audit_workers_die_with_a_killed_audit(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(400):
        text = FAITHFUL.replace("1,200", f"{1200 + number:,}") + f"\nStory {number}.\n"
        (folder / f"article{number:03d}.md").write_text(text, encoding="utf-8")
    audit = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "audit", str(folder), "--jobs", "2", "--no-cache",
         "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline and audit.poll() is None:
            time.sleep(0.05)
            workers = _children(audit.pid)
        assert len(workers) >= 2, "the audit never started its workers"
        time.sleep(0.3)  # let them take up work
        audit.kill()  # SIGKILL: the audit gets no chance to stop its pool
        audit.wait()
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        if audit.poll() is None:
            audit.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not hasattr(os, "fork") or not os.path.isdir("/proc/self/task"), reason="")
def test_the_fallback_watchdog_ends_a_worker_handed_to_another_parent(tmp_path):
    """Where prctl is unavailable a thread watches os.getppid(); check that thread on its own."""
    pid_file = tmp_path / "worker.pid"
    probe = (
        "import os, threading, time\n"
        "from factcheck.audit import _watch_parent\n"
        "if os.fork() == 0:\n"
        "    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        f"while not os.path.exists({str(pid_file)!r}):\n"
        "    time.sleep(0.01)\n"
        "time.sleep(0.1)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=30)
    worker = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _alive(worker):
        os.kill(worker, signal.SIGKILL)
        pytest.fail("the worker outlived its parent")
