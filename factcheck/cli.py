"""The `factcheck` command line: parse options, call one library function, render, write.

This is the only module that prints or exits. Library modules are imported inside the commands so
that `factcheck --help` stays fast and never imports an LLM SDK.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck import __version__
from factcheck.config import FAIL_ON, FORMATS, Settings
from factcheck.errors import INTERNAL_ERROR_EXIT, FactcheckError, UsageError

if TYPE_CHECKING:
    from factcheck.models import Comparison

EXIT_CODES = (
    "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage, "
    "unreadable input or an --out that cannot be written; 3 every configured backend failed; "
    "4 an internal error (one line on stderr; the full traceback is saved under the state "
    "folder, $FACTCHECK_HOME or the user cache folder). 'providers --ping' exits 3 when a ping "
    "fails."
)
STDIN_HELP = "'-' reads it from standard input."

app = typer.Typer(
    name="factcheck",
    help=(
        "Find where two news articles about the same event disagree: dropped, emptied or altered "
        "quotes, changed dates and figures, vanished people, unsupported claims. Works offline by "
        "default; LLM providers are optional. Defaults can be kept in a config file: see "
        "'factcheck config'."
    ),
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion, for bash, zsh, fish, pwsh
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _choices(*values: str) -> Callable[[str], list[str]]:
    """Shell completion of an option's values (typer calls it with what was typed so far)."""

    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete)]

    return complete


ProviderOpt = Annotated[
    str | None,
    typer.Option(
        "--provider",
        "-p",
        help=(
            "Backends in fallback order, e.g. 'anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules'; "
            "each KIND[:MODEL][@URL][;key=VARIABLE][;deadline=SECONDS]. A URL of its own gets no "
            "key unless ;key= names one. Default: $FACTCHECK_PROVIDERS, else the config file's "
            "'providers', else Anthropic and OpenAI when their key (or base URL) is set, then "
            "'rules'."
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
        autocompletion=_choices(*FORMATS, "all"),
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
        autocompletion=_choices(*FAIL_ON),
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the LLM answer cache.")
]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        help="Refuse input files larger than this many bytes (default 5000000).",
        show_default=False,
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Only the report and errors: no progress, warnings or 'wrote' lines."
    ),
]
VerboseOpt = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="Say on stderr what is loaded, which backends run and how long it takes (-vv: more).",
    ),
]
OpenOpt = Annotated[
    bool, typer.Option("--open", help="Open the written report (HTML, else the file) when done.")
]

REPORTS_DIR = Path("reports")


def _settings(
    provider: str | None,
    no_cache: bool = False,
    max_bytes: int | None = None,
    jobs: int | None = None,
) -> Settings:
    """Flags that were given, over the environment, `.env` and the config file."""
    return Settings.from_environment(
        providers=provider, use_cache=False if no_cache else None, max_bytes=max_bytes, jobs=jobs
    )


class _Chatter:
    """How much the run says on stderr besides errors: set once per command by its flags."""

    quiet = False
    handler: logging.Handler | None = None


def _chatter(quiet: bool, verbose: int) -> None:
    """Apply --quiet / --verbose: the 'wrote' lines, progress, and factcheck's log messages."""
    if quiet and verbose:
        raise UsageError("--quiet and --verbose cannot be used together")
    if not (quiet or verbose):
        return  # the root callback's choice, if any, stands
    _reset_chatter()
    _Chatter.quiet = quiet
    logger = logging.getLogger("factcheck")
    if quiet:
        logger.setLevel(logging.ERROR)  # a warning about a file's front matter, too
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)
    logger.propagate = False  # one line per message, not one more from the root logger
    _Chatter.handler = handler


def _reset_chatter() -> None:
    logger = logging.getLogger("factcheck")
    if _Chatter.handler is not None:
        logger.removeHandler(_Chatter.handler)
    _Chatter.quiet, _Chatter.handler = False, None
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


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
    if not _Chatter.quiet:
        typer.echo(f"wrote {visible(str(path))}", err=True)


def _open(path: Path) -> None:
    """Show a written report in the user's browser (or whatever opens that kind of file)."""
    import webbrowser

    from factcheck.report.names import visible

    if not webbrowser.open(path.resolve().as_uri()):
        sys.stderr.write(f"could not open a browser; the report is {visible(str(path))}\n")


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


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"factcheck {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Options before the command (`factcheck -q audit ...`) apply to it as if given after it."""
    _chatter(quiet, verbose)


@app.command(epilog=EXIT_CODES)
def compare(
    reference: Annotated[
        Path, typer.Argument(help=f"The source article (.txt, .md or .html); {STDIN_HELP}")
    ],
    candidate: Annotated[
        Path, typer.Argument(help=f"The retelling to check against it; {STDIN_HELP}")
    ],
    provider: ProviderOpt = None,
    fmt: FormatOpt = "terminal",
    out: OutOpt = None,
    fail_on: FailOnOpt = "high",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = None,
    open_report: OpenOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Compare CANDIDATE with REFERENCE and report where it departs from it."""
    _chatter(quiet, verbose)
    _check_choice("--format", fmt, (*FORMATS, "all"))
    _check_choice("--fail-on", fail_on, FAIL_ON)
    _check_out(out, folder=fmt == "all", what="--format all")
    from factcheck.files import is_stdout
    from factcheck.pipeline import compare_files, report_stem

    if open_report and (is_stdout(out) if out is not None else fmt in ("terminal", "json")):
        raise UsageError(f"--open needs a report file: --format {fmt} writes to standard output")
    comparison = compare_files(reference, candidate, _settings(provider, no_cache, max_bytes))
    written = _emit(comparison, fmt, out, report_stem(reference, candidate))
    if open_report and written is not None:
        _open(written)
    raise typer.Exit(_exit_for(comparison.worst_severity(), fail_on))


def _emit(comparison: Comparison, fmt: str, out: Path | None, stem: str) -> Path | None:
    """Write or print the comparison in `fmt`; the report file to --open, if one was written."""
    from factcheck.files import is_stdout
    from factcheck.report import RENDERERS, SUFFIX, to_terminal

    if fmt == "terminal":
        sys.stdout.write(to_terminal(comparison, color=_color()))
        if out is None or is_stdout(out):  # on stdout it is already there
            return None
        _write(out, to_terminal(comparison, width=100, color=False))
        return out
    if fmt == "all":
        folder = out or REPORTS_DIR
        for name in ("json", "markdown", "html"):
            _write(folder / f"{stem}{SUFFIX[name]}", RENDERERS[name](comparison))
        sys.stdout.write(to_terminal(comparison, color=_color()))
        return folder / f"{stem}{SUFFIX['html']}"
    if fmt == "json" and out is None:  # the JSON document on stdout, and nothing else
        sys.stdout.write(RENDERERS["json"](comparison) + "\n")
        return None
    path = out or REPORTS_DIR / f"{stem}{SUFFIX[fmt]}"
    _write(path, RENDERERS[fmt](comparison))
    return None if is_stdout(path) else path


@app.command(epilog=EXIT_CODES)
def extract(
    file: Annotated[Path, typer.Argument(help=f"The article whose facts to list; {STDIN_HELP}")],
    provider: ProviderOpt = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="terminal or json.", metavar="FORMAT")
    ] = "terminal",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """List the facts found in one article: quotes, dates, figures, names, disclaimers."""
    _chatter(quiet, verbose)
    _check_choice("--format", fmt, ("terminal", "json"))
    from factcheck.pipeline import extract_file
    from factcheck.report.facts import facts_to_json, facts_to_terminal

    document, facts, run = extract_file(file, _settings(provider, no_cache, max_bytes))
    if fmt == "json":
        sys.stdout.write(facts_to_json(document, facts, run) + "\n")
    else:
        sys.stdout.write(facts_to_terminal(document, facts, run, color=_color()))


@app.command(epilog=EXIT_CODES)
def audit(
    folder: Annotated[Path, typer.Argument(help="A folder of articles (.txt, .md, .html).")],
    provider: ProviderOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=(
                "Report folder (default: reports/audit-<timestamp>/; with --format json, no "
                "report files unless --out is given)."
            ),
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="Parallel workers (default 0 = one per core).", show_default=False
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="local (processes on this machine) or dask (needs the 'dask' extra).",
            metavar="NAME",
        ),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help=(
                "With --executor dask: the address of a running Dask scheduler, e.g. "
                "tcp://HOST:8786 (default $DASK_SCHEDULER_ADDRESS, else a local cluster of "
                "--jobs processes)."
            ),
            metavar="ADDRESS",
            show_default=False,
        ),
    ] = None,
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
            "--format",
            "-f",
            help="terminal (summary) or json (the audit document on stdout, nothing else).",
            metavar="FORMAT",
        ),
    ] = "terminal",
    fail_on: FailOnOpt = "never",
    no_cache: NoCacheOpt = False,
    max_bytes: MaxBytesOpt = None,
    open_report: OpenOpt = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Audit a folder: group articles by story, compare each retelling with its source, and
    queue AI-written articles for human review."""
    _chatter(quiet, verbose)
    _check_choice("--format", fmt, ("terminal", "json"))
    _check_choice("--fail-on", fail_on, FAIL_ON)
    _check_choice("--executor", executor, ("local", "dask"))
    if scheduler and executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    _check_out(out, folder=True, what="an audit")
    # The README's promise: `--format json` prints the JSON and writes nothing else.
    write_reports = fmt != "json" or out is not None
    if open_report and not write_reports:
        raise UsageError("--open needs a report: with --format json, give --out FOLDER")
    from factcheck.audit import run_audit
    from factcheck.audit.dask_executor import scheduler_address

    settings = _settings(provider, no_cache, max_bytes, jobs)
    result = run_audit(
        folder,
        settings,
        out=out,
        references=reference or [],
        recursive=recursive,
        progress=not _Chatter.quiet,
        color=_color(),
        write_reports=write_reports,
        executor=executor,
        scheduler=scheduler_address(scheduler) if executor == "dask" else None,
    )
    if fmt == "json":
        sys.stdout.write(result.json + "\n")
    else:
        sys.stdout.write(result.terminal)
    if open_report:
        _open(result.out_dir / "index.html")
    raise typer.Exit(_exit_for(result.worst, fail_on))


@app.command(epilog=EXIT_CODES)
def providers(
    provider: ProviderOpt = None,
    ping: Annotated[
        bool,
        typer.Option("--ping", help="Make a real minimal call to each; exit 3 if one fails."),
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = 0,
) -> None:
    """Show the configured backends, their fallback order, and which keys are missing."""
    _chatter(quiet, verbose)
    from factcheck.config import resolve
    from factcheck.providers_view import providers_report

    settings, sources = resolve(providers=provider)
    text, failed = providers_report(settings, ping=ping, color=_color(), sources=sources)
    sys.stdout.write(text)
    if failed:
        raise ProviderPingError(f"ping failed: {', '.join(failed)}")


@app.command(epilog=EXIT_CODES)
def log(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many recent attempts.")] = 20,
) -> None:
    """Show recent LLM attempts and totals (calls, tokens, estimated cost, cache hits)."""
    from factcheck.providers_view import show_log

    env = Settings.from_environment().env  # FACTCHECK_HOME may come from .env or the config file
    sys.stdout.write(show_log(limit=limit, color=_color(), env=env))


@app.command(epilog=EXIT_CODES)
def config(provider: ProviderOpt = None) -> None:
    """Show where the config file is looked for and each setting's value and origin.

    The file is TOML; precedence: flags > environment > .env > config file > defaults.

    \b
        providers = "anthropic:claude-haiku-4-5,rules"
        max_bytes = 5000000
        jobs = 4
        cache = true
        prompts = "~/my-prompts"
        [env]
        ANTHROPIC_API_KEY = "..."
    """
    from factcheck.config import resolve, user_config_path
    from factcheck.llm.prompts import load_prompts
    from factcheck.llm.providers.env import load_env
    from factcheck.paths import state_path
    from factcheck.providers_view import chain_labels
    from factcheck.report.names import visible

    path = user_config_path(load_env())
    settings, sources = resolve(providers=provider)
    chain = ", ".join(chain_labels(settings))
    state = "found" if path.is_file() else "not found; optional"
    lines = [
        f"config file: {visible(str(path))} ({state})",
        f"providers:   {chain}  ({sources['providers']})",
        f"max_bytes:   {settings.max_bytes}  ({sources['max_bytes']})",
        f"jobs:        {settings.jobs or 'one per core'}  ({sources['jobs']})",
        f"cache:       {'on' if settings.use_cache else 'off'}  ({sources['use_cache']})",
        f"joint_compare: {'on' if settings.joint_compare else 'off'}  ({sources['joint_compare']})",
        f"state:       {visible(str(state_path(settings.env)))}  ({sources['home']})",
        f"prompts:     {visible(load_prompts(settings.prompts).describe())}  ({sources['prompts']})",
        "precedence:  flags > environment > .env > config file > defaults",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


class ProviderPingError(FactcheckError):
    """`providers --ping`: a backend did not answer; exit 3, as when every backend fails."""

    exit_code = 3


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; FactcheckError becomes one red line on stderr, any
    other exception one line and a saved traceback (exit 4)."""
    _reset_chatter()
    try:
        return _run(argv)
    finally:
        _reset_chatter()  # a library caller's logging is left as it was


def _run(argv: list[str] | None) -> int:
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
        from factcheck.crash import internal_error_line

        sys.stderr.write(internal_error_line(error, sys.argv[1:] if argv is None else argv))
        return INTERNAL_ERROR_EXIT
    return code if isinstance(code, int) else 0


def main() -> None:
    """Console-script entry point."""
    from factcheck.heap import for_batch_work

    for_batch_work()
    sys.exit(run())
