"""What the wheel declares and carries, checked offline (`make check-wheel` installs it for real)."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def _name(requirement: str) -> str:
    """'typer>=0.20,<1' -> 'typer', normalised as PEP 503 does."""
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.lower().replace("_", "-").replace(".", "-")


# The `dask` extra is imported by the package itself (only when `--executor dask` asks for it).
DECLARED = {_name(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dask"]}


def _imported_modules() -> set[str]:
    """Top-level modules the package imports (anywhere, lazily or not)."""
    found = set()
    for path in (ROOT / "factcheck").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"factcheck", "__future__"}


def test_every_third_party_import_is_a_declared_dependency():
    providers = packages_distributions()
    undeclared = {
        module: providers.get(module)
        for module in _imported_modules()
        if not {_name(d) for d in providers.get(module, [module])} & DECLARED
    }
    assert undeclared == {}


def test_lxml_html_clean_is_declared_because_trafilatura_needs_it_undeclared():
    # jusText (under trafilatura) imports lxml.html.clean, a separate project since lxml 5.2,
    # through an extra that older pips do not resolve: a new venv crashed on every HTML file.
    assert "lxml-html-clean" in DECLARED
    from lxml.html.clean import Cleaner  # what jusText imports

    assert Cleaner is not None


def test_the_package_is_typed_and_its_version_has_one_source():
    import factcheck

    assert (ROOT / "factcheck" / "py.typed").is_file()
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    assert factcheck.__version__.count(".") == 2


@pytest.mark.parametrize("name", sorted(__import__("factcheck").__all__))
def test_every_public_name_resolves(name):
    import factcheck

    assert getattr(factcheck, name) is not None
