"""The `factcheck` command line: parse options, call one library function, render, write.

This is the only module that prints or exits. Library modules are imported inside the commands so
that `factcheck --help` stays fast and never imports an LLM SDK.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.config import FAIL_ON, FORMATS, Settings
from factcheck.errors import INTERNAL_ERROR_EXIT, FactcheckError, UsageError

EXIT_CODES = (
    "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage, "
    "unreadable input or an --out that cannot be written; 3 every configured backend failed; "
    "4 an internal error (one line on stderr; the full traceback is saved under the state "
    "folder, $FACTCHECK_HOME or the user cache folder)."
)

app = typer.Typer(
    name="factcheck",
    help=(
        "Find where two news articles about the same event disagree: dropped, emptied or altered "
        "quotes, changed dates and figures, vanished people, unsupported claims. Works offline by "
        "default; LLM providers are optional."
    ),
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

ProviderOpt = Annotated[
    str | None,
    typer.Option(
        "--provider",
        "-p",
        help=(
            "Backends in fallback order, e.g. 'anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules'. "
            "Default: $FACTCHECK_PROVIDERS, else every provider with a key set, then 'rules'."
        ),
        metavar="SPEC[,SPEC...]",
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="terminal, json, markdown, html, or all (json + markdown + html files, terminal view).",
        metavar="FORMAT",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help=(
            "Where to write the report (default: reports/<names>.<ext>); '-' or /dev/stdout for "
            "standard output; a folder with --format all."
        ),
    ),
]
FailOnOpt = Annotated[
    str,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a discrepancy of this severity or worse is found: high, medium, low, never.",
        metavar="SEVERITY",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the LLM answer cache.")
]
MaxBytesOpt = Annotated[
    int, typer.Option("--max-bytes", help="Refuse input files larger than this many bytes.")
]

REPORTS_DIR = Path("reports")


def _settings(
    provider: str | None,
    no_cache: bool = False,
    max_bytes: int | None = None,
    jobs: int | None = None,
) -> Settings:
    return Settings.from_environment(
        providers=provider, use_cache=not no_cache, max_bytes=max_bytes, jobs=jobs
    )


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise UsageError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _write(path: Path, text: str) -> None:
    from factcheck.files import is_stdout, write_text_atomic
    from factcheck.report.names import visible

    if is_stdout(path):  # written in place: stdout is never replaced by a file
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_text_atomic(path, text)
    typer.echo(f"wrote {visible(str(path))}", err=True)


def _check_out(out: Path | None, *, folder: bool, what: str) -> None:
    """Refuse an unusable --out before any work is done; one line naming it and the reason."""
    if out is None:
        return
    from factcheck.files import check_output_file, check_output_folder, is_stdout

    if folder:
        if is_stdout(out):
            raise UsageError(f"--out {out}: {what} writes several files; --out takes a folder")
        check_output_folder(out)
    elif not is_stdout(out):
        check_output_file(out)


def _exit_for(worst: str | None, fail_on: str) -> int:
    from factcheck.models import SEVERITY_RANK

    if fail_on == "never" or worst is None:
        return 0
    return 1 if SEVERITY_RANK[worst] >= SEVERITY_RANK[fail_on] else 0


@app.command()
def compare(
    reference: Annotated[Path, typer.Argument(help="The source article (.txt, .md or .html).")],
    candidate: Annotated[Path, typer.Argument(help="The retelling to check against it.")],
    provider: ProviderOpt = None,
    fmt: FormatOpt = "terminal",
    out: OutOpt = None,
    fail_on: FailOnOpt = "high",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = 5_000_000,
) -> None:
    """Compare CANDIDATE with REFERENCE and report where it departs from it."""
    _check_choice("--format", fmt, (*FORMATS, "all"))
    _check_choice("--fail-on", fail_on, FAIL_ON)
    _check_out(out, folder=fmt == "all", what="--format all")
    from factcheck.files import is_stdout
    from factcheck.pipeline import compare_files, report_stem
    from factcheck.report import RENDERERS, SUFFIX, to_terminal

    comparison = compare_files(reference, candidate, _settings(provider, no_cache, max_bytes))
    if fmt == "json" and (out is None or is_stdout(out)):
        sys.stdout.write(RENDERERS["json"](comparison) + "\n")
    elif fmt == "terminal":
        sys.stdout.write(to_terminal(comparison, color=_color()))
        if out is not None and not is_stdout(out):  # on stdout it is already there
            _write(out, to_terminal(comparison, width=100, color=False))
    elif fmt == "all":
        folder = out or REPORTS_DIR
        stem = report_stem(reference, candidate)
        for name in ("json", "markdown", "html"):
            _write(folder / f"{stem}{SUFFIX[name]}", RENDERERS[name](comparison))
        sys.stdout.write(to_terminal(comparison, color=_color()))
    else:
        path = out or REPORTS_DIR / f"{report_stem(reference, candidate)}{SUFFIX[fmt]}"
        _write(path, RENDERERS[fmt](comparison))
    raise typer.Exit(_exit_for(comparison.worst_severity(), fail_on))


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="The article whose facts to list.")],
    provider: ProviderOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="terminal or json.", metavar="FORMAT")
    ] = "terminal",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = 5_000_000,
) -> None:
    """List the facts found in one article: quotes, dates, figures, names, disclaimers."""
    _check_choice("--format", fmt, ("terminal", "json"))
    from factcheck.pipeline import extract_file
    from factcheck.report.facts import facts_to_json, facts_to_terminal

    document, facts, run = extract_file(file, _settings(provider, no_cache, max_bytes))
    if fmt == "json":
        sys.stdout.write(facts_to_json(document, facts, run) + "\n")
    else:
        sys.stdout.write(facts_to_terminal(document, facts, run, color=_color()))


@app.command()
def audit(
    folder: Annotated[Path, typer.Argument(help="A folder of articles (.txt, .md, .html).")],
    provider: ProviderOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Report folder (default: reports/audit-<timestamp>/)."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Parallel workers (0 = per core).")] = 0,
    reference: Annotated[
        list[Path] | None,
        typer.Option(
            "--reference",
            help="Use this file as its story's reference (repeatable).",
            metavar="FILE",
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive/--no-recursive", help="Look in sub-folders too.")
    ] = True,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="terminal (summary) or json (to stdout).", metavar="FORMAT"
        ),
    ] = "terminal",
    fail_on: FailOnOpt = "never",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = 5_000_000,
) -> None:
    """Audit a folder: group articles by story, compare each retelling with its source, and
    queue AI-written articles for human review."""
    _check_choice("--format", fmt, ("terminal", "json"))
    _check_choice("--fail-on", fail_on, FAIL_ON)
    _check_out(out, folder=True, what="an audit")
    from factcheck.audit import run_audit

    settings = _settings(provider, no_cache, max_bytes, jobs)
    result = run_audit(
        folder,
        settings,
        out=out,
        references=reference or [],
        recursive=recursive,
        progress=True,
        color=_color(),
    )
    if fmt == "json":
        sys.stdout.write(result.json + "\n")
    else:
        sys.stdout.write(result.terminal)
    raise typer.Exit(_exit_for(result.worst, fail_on))


@app.command()
def providers(
    provider: ProviderOpt = None,
    ping: Annotated[bool, typer.Option("--ping", help="Make a real minimal call to each.")] = False,
) -> None:
    """Show the configured backends, their fallback order, and which keys are missing."""
    from factcheck.providers_view import show_providers

    sys.stdout.write(show_providers(_settings(provider), ping=ping, color=_color()))


@app.command()
def log(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many recent attempts.")] = 20,
) -> None:
    """Show recent LLM attempts and totals (calls, tokens, estimated cost, cache hits)."""
    from factcheck.providers_view import show_log

    sys.stdout.write(show_log(limit=limit, color=_color()))


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; FactcheckError becomes one red line on stderr, any
    other exception one line and a saved traceback (exit 4)."""
    try:
        code = app(args=argv, prog_name="factcheck", standalone_mode=False)
    except FactcheckError as error:
        from rich.console import Console
        from rich.markup import escape

        from factcheck.report.names import visible

        # visible(): a file name's ESC or U+202E must not act on the terminal or break the line.
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"[red]error:[/red] {escape(visible(str(error)))}"
        )
        return error.exit_code
    except typer.Exit as done:
        return done.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except typer.Abort:
        sys.stderr.write("aborted\n")
        return 130
    except typer.TyperException as error:  # usage errors from the (vendored) click parser
        show = getattr(error, "show", None)
        if show is not None:
            show()
        else:
            sys.stderr.write(f"error: {error}\n")
        return int(getattr(error, "exit_code", 2))
    except Exception as error:  # a bug: one line here, the whole traceback in a file
        sys.stderr.write(_internal_error(error, sys.argv[1:] if argv is None else argv))
        return INTERNAL_ERROR_EXIT
    return code if isinstance(code, int) else 0


def _internal_error(error: Exception, argv: list[str]) -> str:
    """The one line a bug prints; the traceback goes to a file, with every secret redacted."""
    from factcheck.errors import redact_environment
    from factcheck.report.names import visible

    try:
        from factcheck.providers.env import load_env

        env: dict[str, str] = load_env()  # keys from .env too, not only the process environment
    except Exception:
        env = dict(os.environ)
    kind = type(error).__qualname__
    if type(error).__module__ not in ("builtins", "__main__"):
        kind = f"{type(error).__module__}.{kind}"
    message = " ".join(redact_environment(str(error), env).split())
    if len(message) > 300:
        message = message[:299] + "…"
    try:
        where = f"full traceback saved to {_save_traceback(error, argv, env)}"
    except Exception as failed:  # a read-only or full disk must not hide the error itself
        where = f"the traceback could not be saved ({type(failed).__name__}: {failed})"
    return visible(f"internal error: {kind}: {message}; {where}") + "\n"


def _save_traceback(error: Exception, argv: list[str], env: dict[str, str]) -> Path:
    import datetime as dt
    import platform
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    from factcheck.errors import redact_environment
    from factcheck.paths import state_dir

    try:
        release = version("factcheck")
    except PackageNotFoundError:
        release = "unknown"
    now = dt.datetime.now()
    header = (
        f"factcheck {release} internal error at {now.isoformat(timespec='seconds')}\n"
        f"python {sys.version.split()[0]} on {platform.platform()}\n"
        f"command: factcheck {' '.join(argv)}\n\n"
    )
    text = redact_environment(header + "".join(traceback.format_exception(error)), env)
    folder = state_dir(env) / "errors"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"internal-error-{now:%Y%m%d-%H%M%S}-{os.getpid()}.txt"
    # O_EXCL and 0o600: the file is new, and only its owner reads what the run was doing.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(text)
    return path


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
