"""What users expect of a command line (after simonw/llm, httpie, ruff): --version, -h, '-' for
standard input, --quiet/--verbose, a config file, shell completion, --open, exit codes in --help."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import factcheck
from factcheck.cli import run
from factcheck.report.schema import validate
from tests.test_cli import EMPTIED, FAITHFUL, REFERENCE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    (tmp_path / "in").mkdir()
    for name, text in {"ref": REFERENCE, "same": FAITHFUL, "emptied": EMPTIED}.items():
        paths[name] = tmp_path / "in" / f"{name}.md"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(autouse=True)
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No test opens a real browser: webbrowser.open records the URL instead."""
    import webbrowser

    urls: list[str] = []

    def record(url: str, *args: object, **kwargs: object) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    return urls


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def _config(text: str) -> Path:
    """Write the user config file where platformdirs looks for it (XDG_CONFIG_HOME, a temp dir)."""
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --version, -h


def test_version_prints_the_package_version(capsys):
    assert run(["--version"]) == 0
    assert capsys.readouterr().out == f"factcheck {factcheck.__version__}\n"
    assert run(["-V"]) == 0
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    # One place holds the version: the wheel's comes from factcheck/__init__.py.
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "factcheck/__init__.py"


@pytest.mark.parametrize(
    "command", [[], ["compare"], ["extract"], ["audit"], ["providers"], ["log"], ["config"]]
)
def test_dash_h_is_help_and_every_command_lists_the_exit_codes(command, capsys):
    assert run([*command, "-h"]) == 0
    short = capsys.readouterr().out
    assert run([*command, "--help"]) == 0
    assert capsys.readouterr().out == short
    text = " ".join(short.split())
    assert "Usage: factcheck" in text
    assert "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad" in text
    assert "3 every configured backend failed; 4 an internal error" in text


# '-' reads standard input


def test_compare_reads_the_candidate_from_stdin_and_names_it(articles, monkeypatch, capsys):
    _stdin(monkeypatch, EMPTIED)
    code = run(["compare", str(articles["ref"]), "-", "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    validate(document, "report")
    assert code == 1
    assert document["candidate"]["path"] == "<stdin>"
    assert document["candidate"]["title"] == "Harbour bridge closes for repairs"  # front matter
    (empty,) = [d for d in document["discrepancies"] if d["kind"] == "empty_quote"]
    # Offsets index the text read from the pipe, as they would a file's.
    assert empty["candidate"]["text"] == '""'


def test_compare_reads_the_reference_from_stdin(articles, monkeypatch, tmp_path, capsys):
    _stdin(monkeypatch, REFERENCE)
    out = tmp_path / "reports"
    code = run(["compare", "-", str(articles["emptied"]), "-f", "all", "-o", str(out)])
    assert code == 1
    assert "<stdin> (en)" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "stdin-vs-emptied.html",
        "stdin-vs-emptied.json",
        "stdin-vs-emptied.md",
    ]


def test_only_one_article_can_come_from_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, REFERENCE)
    assert run(["compare", "-", "-"]) == 2
    assert "only one of REFERENCE and CANDIDATE can be '-'" in capsys.readouterr().err


def test_extract_reads_stdin_and_html_is_sniffed(monkeypatch, capsys):
    page = (
        "<!doctype html><html lang='en'><head><title>Port closes</title></head><body><article>"
        "<h1>Port closes</h1><p>The port of Alder closed on 3 March 2026, the harbour master "
        "Ana Diaz said. &quot;We will reopen in June,&quot; Diaz said.</p></article></body></html>"
    )
    _stdin(monkeypatch, page)
    assert run(["extract", "-", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["document"]["path"] == "<stdin>"
    assert any(f["kind"] == "quote" and f["speaker"] == "Ana Diaz" for f in result["facts"])


def test_empty_or_oversized_stdin_is_a_one_line_error(monkeypatch, articles, capsys):
    _stdin(monkeypatch, "")
    assert run(["extract", "-"]) == 2
    assert capsys.readouterr().err.strip() == "error: <stdin>: is empty"
    _stdin(monkeypatch, REFERENCE)
    assert run(["extract", "-", "--max-bytes", "50"]) == 2
    assert capsys.readouterr().err == "error: <stdin>: is over the 50-byte limit\n"


# --quiet / --verbose


def test_quiet_leaves_the_report_and_nothing_else(articles, tmp_path, capsys):
    report = tmp_path / "r.md"
    args = ["compare", str(articles["ref"]), str(articles["emptied"]), "-f", "markdown"]
    assert run([*args, "-o", str(report)]) == 1
    assert capsys.readouterr().err == f"wrote {report}\n"
    assert run([*args, "-o", str(report), "--quiet"]) == 1
    assert capsys.readouterr().err == ""
    assert run(["-q", *args, "-o", str(report)]) == 1  # before the command, too
    assert capsys.readouterr().err == ""
    assert "empty_quote" in report.read_text("utf-8")


def test_quiet_audit_shows_no_progress_lines(articles, tmp_path, capsys):
    assert run(["audit", str(articles["ref"].parent), "-o", str(tmp_path / "a"), "-j", "1"]) == 0
    assert "extracting:" in capsys.readouterr().err  # piped: one line per stage
    assert run(["audit", str(articles["ref"].parent), "-o", str(tmp_path / "b"), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "Audit of" in captured.out


def test_verbose_says_what_was_loaded_and_which_backends_ran(articles, capsys):
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "-v"]) == 0
    err = capsys.readouterr().err
    assert f"INFO: loaded {articles['ref']}: markdown, en," in err
    assert "INFO: backends: rules" in err
    assert "INFO: verdict consistent: 0 findings" in err
    assert "DEBUG" not in err
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "-vv"]) == 0
    assert f"DEBUG: facts in {articles['ref']}: " in capsys.readouterr().err
    assert run(["compare", str(articles["ref"]), str(articles["same"])]) == 0
    assert capsys.readouterr().err == ""  # and says nothing of it by default


def test_quiet_and_verbose_together_is_bad_usage(articles, capsys):
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "-q", "-v"]) == 2
    assert "--quiet and --verbose cannot be used together" in capsys.readouterr().err


# The config file


def test_config_shows_each_setting_and_where_it_came_from(capsys):
    assert run(["config"]) == 0
    out = capsys.readouterr().out
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "factcheck" / "config.toml"
    assert f"config file: {path} (not found; optional)" in out
    assert "providers:   rules  (default)" in out
    assert "joint_compare: on  (default)" in out
    _config(
        'providers = "openai:gpt-5-mini,rules"\nmax_bytes = 1234\ncache = false\n'
        "joint_compare = false\n"
    )
    assert run(["config"]) == 0
    out = capsys.readouterr().out
    assert "(found)" in out
    assert "providers:   openai:gpt-5-mini, rules  (config file)" in out
    assert "max_bytes:   1234  (config file)" in out
    assert "cache:       off  (config file)" in out
    assert "joint_compare: off  (config file)" in out


def test_precedence_is_flags_then_environment_then_dotenv_then_config_file(
    monkeypatch, tmp_path, capsys
):
    _config('providers = "openai:from-config,rules"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_NO_DOTENV")
    (tmp_path / ".env").write_text("FACTCHECK_PROVIDERS=openai:from-dotenv,rules\n")

    def chain(*flags: str) -> str:
        assert run(["config", *flags]) == 0
        (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("providers:")]
        return " ".join(line.split()[1:])

    assert chain() == "openai:from-dotenv, rules (.env)"
    monkeypatch.setenv("FACTCHECK_PROVIDERS", "openai:from-env,rules")
    assert chain() == "openai:from-env, rules (environment)"
    assert chain("--provider", "rules") == "rules (flag)"
    (tmp_path / ".env").unlink()
    monkeypatch.delenv("FACTCHECK_PROVIDERS")
    assert chain() == "openai:from-config, rules (config file)"


def test_config_file_values_apply_and_flags_override_them(articles, capsys):
    _config("max_bytes = 100\n")
    assert run(["compare", str(articles["ref"]), str(articles["same"])]) == 2
    assert "over the 100-byte limit" in capsys.readouterr().err
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "--max-bytes", "9999"]) == 0


def test_config_env_table_is_the_weakest_source_of_variables(monkeypatch, capsys):
    from factcheck.config import resolve

    key = "test-config-" + "k" * 24
    _config(f'[env]\nOPENAI_API_KEY = "{key}"\nOPENAI_BASE_URL = "http://127.0.0.1:9/v1"\n')
    settings, sources = resolve()
    assert settings.env["OPENAI_API_KEY"] == key
    assert sources["providers"] == "default"
    assert run(["providers"]) == 0
    out = capsys.readouterr().out
    assert "OPENAI_API_KEY set" in out and key not in out  # a key from the file is used, unseen
    monkeypatch.setenv("OPENAI_API_KEY", "test-from-the-environment")
    assert resolve()[0].env["OPENAI_API_KEY"] == "test-from-the-environment"


def test_one_state_folder_for_the_audit_cache_and_the_llm_log_wherever_it_is_set(
    articles, monkeypatch, tmp_path, capsys
):
    """FACTCHECK_HOME from .env or the config file's [env] is used by every part of a run, not
    only by the LLM store; `factcheck config` says where it came from."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_NO_DOTENV")
    monkeypatch.delenv("FACTCHECK_HOME")
    dotenv_home, config_home = tmp_path / "home-dotenv", tmp_path / "home-config"
    _config(f'[env]\nFACTCHECK_HOME = "{config_home}"\n')

    def state_line() -> str:
        assert run(["config"]) == 0
        (line,) = [x for x in capsys.readouterr().out.splitlines() if x.startswith("state:")]
        return " ".join(line.split()[1:])

    assert state_line() == f"{config_home} (config file)"
    (tmp_path / ".env").write_text(f"FACTCHECK_HOME={dotenv_home}\n")
    assert state_line() == f"{dotenv_home} (.env)"
    assert run(["audit", str(articles["ref"].parent), "--out", str(tmp_path / "out")]) == 0
    assert (dotenv_home / "extractions.sqlite3").is_file()
    assert not config_home.exists()
    assert run(["log"]) == 0
    assert "Totals: 0 calls" in capsys.readouterr().out
    assert (dotenv_home / "factcheck.sqlite3").is_file()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("provider = 'rules'\n", "unknown key 'provider' (known: providers, max_bytes"),
        ("jobs = true\n", "jobs must be a number of workers, 0 = one per core, got True"),
        ("max_bytes = 0\n", "max_bytes must be a positive number of bytes, got 0"),
        ("providers = [\n", "not valid TOML"),
        ("[env]\nFACTCHECK_PROVIDERS = 'rules'\n", "with the top-level key 'providers'"),
    ],
)
def test_a_bad_config_file_is_one_line_naming_it_and_exit_2(articles, text, reason, capsys):
    path = _config(text)
    assert run(["compare", str(articles["ref"]), str(articles["same"])]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: {path}: ") and reason in err


def test_factcheck_config_names_another_file_which_must_exist(monkeypatch, tmp_path, capsys):
    chosen = tmp_path / "team.toml"
    monkeypatch.setenv("FACTCHECK_CONFIG", str(chosen))
    assert run(["config"]) == 2
    assert (
        f"{chosen}: config file not found (named by $FACTCHECK_CONFIG)" in capsys.readouterr().err
    )
    chosen.write_text("jobs = 3\n")
    assert run(["config"]) == 0
    assert "jobs:        3  (config file)" in capsys.readouterr().out


# Shell completion


def _complete(words: str, cword: int) -> list[str]:
    env = dict(os.environ, _FACTCHECK_COMPLETE="complete_bash", COMP_WORDS=words)
    env["COMP_CWORD"] = str(cword)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_completes_commands_and_options():
    assert _complete("factcheck com", 1) == ["compare"]
    assert "--format" in _complete("factcheck compare --fo", 2)
    assert _complete("factcheck compare --format ", 3) == [
        "terminal", "json", "markdown", "html", "all",
    ]  # fmt: skip
    assert _complete("factcheck audit --fail-on m", 3) == ["medium"]
    # The shell is found from the processes above (shellingham); a test run with none above it
    # (started detached, a CI runner) names it, through typer's switch for tests.
    shown = subprocess.run(
        [sys.executable, "-m", "factcheck", "--show-completion", "bash"],
        env=dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"),
        capture_output=True, text=True,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "_FACTCHECK_COMPLETE=complete_bash" in shown.stdout and "complete " in shown.stdout


# --open


def test_open_shows_the_written_html_report(articles, tmp_path, opened, capsys):
    report = tmp_path / "r.html"
    args = ["compare", str(articles["ref"]), str(articles["emptied"]), "-f", "html"]
    assert run([*args, "-o", str(report), "--open"]) == 1
    assert opened == [report.resolve().as_uri()]
    assert run([*args, "-o", str(report)]) == 1
    assert len(opened) == 1  # only when asked


def test_open_with_format_all_opens_the_html_one(articles, tmp_path, opened):
    out = tmp_path / "all"
    args = ["compare", str(articles["ref"]), str(articles["same"]), "-f", "all", "-o", str(out)]
    assert run([*args, "--open"]) == 0
    assert opened == [(out / "ref-vs-same.html").resolve().as_uri()]


def test_open_without_a_report_file_is_bad_usage_before_any_work(articles, opened, capsys):
    assert run(["compare", str(articles["ref"]), str(articles["same"]), "--open"]) == 2
    assert "--open needs a report file" in capsys.readouterr().err
    args = ["compare", str(articles["ref"]), str(articles["same"]), "-f", "html", "-o", "-"]
    assert run([*args, "--open"]) == 2
    assert capsys.readouterr().out == ""  # refused before any work
    assert run(["audit", str(articles["ref"].parent), "-f", "json", "--open"]) == 2
    assert opened == []


def test_audit_open_shows_the_index(articles, tmp_path, opened):
    out = tmp_path / "audit"
    assert run(["audit", str(articles["ref"].parent), "-o", str(out), "-q", "--open"]) == 0
    assert opened == [(out / "index.html").resolve().as_uri()]


def test_open_says_where_the_report_is_when_no_browser_opens(
    articles, tmp_path, monkeypatch, capsys
):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    report = tmp_path / "r.html"
    args = ["compare", str(articles["ref"]), str(articles["same"]), "-f", "html"]
    assert run([*args, "-o", str(report), "--open"]) == 0
    assert f"could not open a browser; the report is {report}" in capsys.readouterr().err


# audit --format json


def test_audit_json_without_out_prints_json_and_writes_nothing(
    articles, tmp_path, monkeypatch, capsys
):
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    code = run(["audit", str(articles["ref"].parent), "--format", "json", "-j", "1", "-q"])
    captured = capsys.readouterr()
    assert code == 0
    document = json.loads(captured.out)
    validate(document, "audit")
    assert len(document["documents"]) == 3 and len(document["pairs"]) == 2
    assert all(pair["report"] is None for pair in document["pairs"])
    assert captured.err == ""
    assert list(work.iterdir()) == []  # no reports/ folder, no file anywhere here
    assert sorted(p.name for p in articles["ref"].parent.iterdir()) == [
        "emptied.md", "ref.md", "same.md",
    ]  # fmt: skip


def test_audit_json_with_out_writes_the_reports_too(articles, tmp_path, capsys):
    out = tmp_path / "reports"
    assert run(["audit", str(articles["ref"].parent), "-f", "json", "-o", str(out), "-q"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert json.loads((out / "audit.json").read_text("utf-8")) == document
    assert all((out / pair["report"]).is_file() for pair in document["pairs"])


def test_a_key_from_the_config_file_is_redacted_from_an_internal_error(
    articles, monkeypatch, capsys
):
    import factcheck.pipeline

    secret = "test-config-secret-" + "x" * 20
    _config(f'[env]\nOPENAI_API_KEY = "{secret}"\n')

    def broken(*args, **kwargs):
        raise RuntimeError(f"boom with {secret}")

    monkeypatch.setattr(factcheck.pipeline, "compare_files", broken)
    assert run(["compare", str(articles["ref"]), str(articles["same"])]) == 4
    err = capsys.readouterr().err
    assert "boom with [redacted]" in err and secret not in err
    saved = Path(err.rsplit("saved to ", 1)[1].strip())
    assert secret not in saved.read_text("utf-8")
