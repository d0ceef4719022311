"""The command line as a user meets it: exit codes, output channels, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
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
        "heavy = [m for m in ('openai', 'anthropic', 'dateparser', 'lingua', 'trafilatura') if m in sys.modules]\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("0 []")
    assert "compare" in done.stdout and "audit" in done.stdout


def test_log_shows_recent_attempts_and_totals(capsys):
    from factcheck.providers.store import Store, default_path

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
