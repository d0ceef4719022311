"""`make check-wheel`: the wheel as a new user gets it, installed by a new venv's own pip.

    python .ci/check_wheel.py [--wheel PATH] [--keep]

Builds the wheel from this checkout (`pip wheel --no-deps`), creates a fresh venv with its stock
pip (no upgrade, no system site-packages), installs the wheel with its declared dependencies from
the package index, then, from a folder outside the checkout, runs what a user runs first:
`factcheck --version`, `compare` with an HTML article, `audit examples/`. It also checks the
wheel's contents (py.typed, schemas, prompts, data files) and its declared dependencies.

Why a script and not a test: it needs the package index and a minute or more of installing, while
the test suite runs offline. `.ci/run` calls it after `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
# What the wheel must carry besides the modules: each is read at run time.
REQUIRED_FILES = (
    "factcheck/py.typed",
    "factcheck/schemas/report.schema.json",
    "factcheck/schemas/audit.schema.json",
    "factcheck/llm/prompts/extract.prompt",
    "factcheck/llm/prompts/extract.schema.json",
    "factcheck/llm/prompts/judge.prompt",
    "factcheck/llm/prompts/judge.schema.json",
)
REQUIRED_DEPENDENCIES = ("lxml_html_clean", "trafilatura", "typer")


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    print("+", " ".join(map(str, command)), file=sys.stderr, flush=True)
    return subprocess.run(command, text=True, **kwargs)


def build_wheel(out: Path) -> Path:
    """The wheel of this checkout, built by pip in an isolated build environment."""
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)], check=True)
    (wheel,) = out.glob("factcheck-*.whl")
    return wheel


def check_contents(wheel: Path) -> list[str]:
    """What is missing from the wheel: data files and declared dependencies."""
    problems = []
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        problems += [f"{wheel.name} lacks {name}" for name in REQUIRED_FILES if name not in names]
        if not any(
            n.startswith("factcheck/") and "/data/" in n and n.endswith(".json") for n in names
        ):
            problems.append(f"{wheel.name} carries no data files (factcheck/**/data/*.json)")
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        requires = [
            line.split(":", 1)[1].strip().lower().replace("-", "_")
            for line in archive.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line
        ]
    for name in REQUIRED_DEPENDENCIES:
        if not any(r.startswith(name) for r in requires):
            problems.append(f"{wheel.name} does not declare {name}")
    return problems


def install(wheel: Path, where: Path) -> Path:
    """A fresh venv at `where` with the stock pip, the wheel installed; returns its bin folder."""
    venv.EnvBuilder(with_pip=True, clear=True).create(where)
    bin_dir = where / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True)
    return bin_dir


def _user_env(home: Path) -> dict[str, str]:
    """A user's environment with no keys (the offline path) and state kept in `home`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.endswith("_API_KEY") and not k.endswith("_BASE_URL") and k != "PYTHONPATH"
    }
    env.update(FACTCHECK_HOME=str(home / "state"), NO_COLOR="1", FACTCHECK_NO_DOTENV="1")
    env.update(XDG_CONFIG_HOME=str(home / "config"), FACTCHECK_PROVIDERS="rules")
    return env


def check_commands(bin_dir: Path, work: Path) -> list[str]:
    """Run the installed command as a user would, outside the checkout; what went wrong."""
    problems = []
    env = _user_env(work)
    factcheck = str(bin_dir / "factcheck")

    where = _run(
        [str(bin_dir / "python"), "-c", "import factcheck; print(factcheck.__file__)"],
        cwd=work, env=env, capture_output=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not Path(where).is_relative_to(bin_dir.parent):
        problems.append(f"factcheck was imported from {where}, not from the fresh venv")

    version = _run([factcheck, "--version"], cwd=work, env=env, capture_output=True)
    if version.returncode != 0 or not version.stdout.startswith("factcheck "):
        problems.append(f"--version: exit {version.returncode}: {version.stdout}{version.stderr}")

    compare = _run(
        [factcheck, "compare", str(EXAMPLES / "b1-reference-id.md"),
         str(EXAMPLES / "b2-retelling-ar.html"), "--format", "json", "--fail-on", "never"],
        cwd=work, env=env, capture_output=True,
    )  # fmt: skip
    if compare.returncode != 0:
        problems.append(f"compare with HTML: exit {compare.returncode}: {compare.stderr.strip()}")
    else:
        report = json.loads(compare.stdout)
        if report["candidate"]["language"] != "ar" or not report["facts"]["candidate"]:
            problems.append("compare with HTML: the Arabic HTML article gave no facts")

    out = work / "audit"
    audit = _run(
        [factcheck, "audit", str(EXAMPLES), "--format", "json", "--out", str(out)],
        cwd=work, env=env, capture_output=True,
    )  # fmt: skip
    if audit.returncode != 0:
        problems.append(f"audit examples/: exit {audit.returncode}: {audit.stderr.strip()}")
    else:
        result = json.loads(audit.stdout)
        articles = sorted(
            p.name for p in EXAMPLES.iterdir() if p.suffix in (".md", ".txt", ".html")
        )
        articles = [a for a in articles if a != "README.md"]
        if result["errors"] or len(result["documents"]) != len(articles):
            problems.append(f"audit examples/: errors {result['errors']}")
        if not (out / "index.html").is_file():
            problems.append(f"audit examples/: no {out / 'index.html'}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Build, install and run; print every problem and exit 1 if there is any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="check this wheel instead of building one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="factcheck-wheel-"))
    try:
        wheel = args.wheel or build_wheel(tmp / "dist")
        problems = check_contents(wheel)
        bin_dir = install(wheel, tmp / "venv")
        work = tmp / "work"
        work.mkdir()
        problems += check_commands(bin_dir, work)
    finally:
        if args.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    if not problems:
        print(f"wheel check passed in {elapsed:.0f} s", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
