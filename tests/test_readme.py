"""The README's examples run: each `$ factcheck ...` block prints what the README shows, and the
"Use from Python" code prints its shown output. Regenerate the README by running them."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from factcheck.cli import run
from tests.conftest import _shared_dir

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text("utf-8")
CONSOLE = re.compile(r"```console\n\$ (factcheck [^\n]*)\n(.*?)```", re.DOTALL)


def _python_example() -> tuple[str, str]:
    """The first python block of "Use from Python" and the text block after it."""
    section = README.split("\n## Use from Python\n", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert code and shown, "README: 'Use from Python' needs a python block and its output"
    return code[1], shown[1]


def test_the_readme_shows_command_output():
    assert len(CONSOLE.findall(README)) >= 2


@pytest.mark.parametrize(
    ("command", "shown"), CONSOLE.findall(README), ids=lambda x: x.split("\n")[0][:50]
)
def test_a_readme_command_prints_what_the_readme_shows(
    command, shown, tmp_path, monkeypatch, capsys
):
    # A fresh clone, with ../shared beside it: the command runs verbatim, its files go to tmp.
    clone = tmp_path / "clone"
    clone.mkdir()
    (clone / "examples").symlink_to(ROOT / "examples")
    if "../shared" in command:
        (tmp_path / "shared").symlink_to(_shared_dir(ROOT.parent / "shared"))
    monkeypatch.chdir(clone)
    monkeypatch.setenv("COLUMNS", "100")  # the width the README states
    run(shlex.split(command)[1:])
    assert capsys.readouterr().out == shown


def test_the_use_from_python_example_prints_what_the_readme_shows(monkeypatch, capsys):
    code, shown = _python_example()
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md (Use from Python)", "exec"), {"__name__": "readme"})
    assert capsys.readouterr().out == shown
