"""LLM prompt templates and the JSON Schemas of their answers, side by side in the package.

Each template file holds a `version:` line, then a `## system` and a `## user` section written in
`string.Template` syntax. Rendering uses `substitute`, so a missing variable fails loudly instead
of sending a prompt with a hole in it. The version is part of every LLM cache key.

A user may replace a template with a file of the same name in a folder of their own
(`FACTCHECK_PROMPTS`, or `prompts` in the config file); the others come from the package. The
schemas cannot be replaced: the code reads the answers by them. An overriding template's id
carries a digest of its text, so a cached answer to the packaged prompt (or to an earlier edit of
the same file) is never taken for an answer to it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from factcheck.config import PROMPTS_VARIABLE
from factcheck.errors import UsageError

PROMPT_NAMES = ("compare", "extract", "judge")
_SUFFIX = ".prompt"
_MAX_BYTES = 200_000  # a template is a page or two; anything this large is not one


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: Template
    user: Template
    digest: str | None = None  # of an overriding file's text; None for the packaged template

    @property
    def id(self) -> str:
        """`name@version` (plus the file's digest when overridden), for cache keys and logs."""
        return f"{self.name}@{self.version}" + (f"~{self.digest}" if self.digest else "")

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every variable filled; KeyError names a missing one."""
        return self.system.substitute(values), self.user.substitute(values)

    def variables(self) -> set[str]:
        """The `$names` the template uses."""
        return {*self.system.get_identifiers(), *self.user.get_identifiers()}


def parse_prompt(name: str, text: str) -> Prompt:
    """A template from its file's text; ValueError says what is wrong with it."""
    header, _, rest = text.partition("## system\n")
    system, _, user = rest.partition("## user\n")
    version = ""
    for line in header.splitlines():
        if line.startswith("version:"):
            version = line.split(":", 1)[1].strip()
    if not version or not user.strip():
        raise ValueError("needs a 'version:' line, then '## system' and '## user' sections")
    prompt = Prompt(name, version, Template(system.strip()), Template(user.strip()))
    if not (prompt.system.is_valid() and prompt.user.is_valid()):
        raise ValueError("has a '$' that is neither $name, ${name} nor $$")
    return prompt


@cache
def load_prompt(name: str) -> Prompt:
    """The packaged template `name` (e.g. "extract", "judge")."""
    text = resources.files(__package__).joinpath(f"{name}{_SUFFIX}").read_text(encoding="utf-8")
    return parse_prompt(name, text)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema that prompt `name`'s answers must fit (e.g. "extract", "judge")."""
    path = resources.files(__package__).joinpath(f"{name}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Prompts:
    """The templates of one run: the packaged ones, some maybe replaced from `folder`."""

    by_name: Mapping[str, Prompt]
    folder: Path | None = None

    def __getitem__(self, name: str) -> Prompt:
        return self.by_name[name]

    @property
    def ids(self) -> tuple[str, ...]:
        """Every template's id, in name order: what a cache of LLM results must key on."""
        return tuple(self.by_name[name].id for name in sorted(self.by_name))

    def overridden(self) -> tuple[str, ...]:
        """The names of the templates that come from the user's folder."""
        return tuple(name for name, prompt in self.by_name.items() if prompt.digest)

    def describe(self) -> str:
        """Where the templates come from, for `factcheck config` and `factcheck providers`."""
        if self.folder is None:
            return "packaged"
        mine = [f"{name}{_SUFFIX}" for name in self.overridden()]
        rest = [f"{name}{_SUFFIX}" for name in self.by_name if name not in self.overridden()]
        taken = f"{', '.join(mine)} from there" if mine else "no .prompt file there"
        return f"{self.folder} ({taken}; packaged: {', '.join(rest) or 'none'})"


def load_prompts(folder: Path | None = None) -> Prompts:
    """The run's templates; with `folder`, each `NAME.prompt` there replaces the packaged one.

    A missing folder, an unreadable or malformed file, a file named after no template and a
    `$variable` the code does not fill are one-line UsageErrors naming the path: a typo must
    not silently send the packaged prompt.
    """
    by_name = {name: load_prompt(name) for name in PROMPT_NAMES}
    if folder is None:
        return Prompts(by_name)
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "not found"
        raise UsageError(
            f"{folder}: prompts folder {state} (named by {PROMPTS_VARIABLE} or 'prompts' in the "
            "config file)"
        )
    try:
        files = sorted(folder.glob(f"*{_SUFFIX}"))
    except OSError as error:
        raise UsageError(f"{folder}: cannot be read: {error.strerror or error}") from None
    for path in files:
        name = path.name.removesuffix(_SUFFIX)
        if name not in by_name:
            known = ", ".join(f"{n}{_SUFFIX}" for n in PROMPT_NAMES)
            raise UsageError(f"{path}: no prompt has this name (known: {known})")
        by_name[name] = _override(path, by_name[name])
    return Prompts(by_name, folder)


def _override(path: Path, packaged: Prompt) -> Prompt:
    """The user's template at `path`, checked against the variables the packaged one is given."""
    try:
        data = path.read_bytes()[: _MAX_BYTES + 1]
        if len(data) > _MAX_BYTES:
            raise UsageError(f"{path}: prompt file over {_MAX_BYTES:,} bytes")
        text = data.decode("utf-8")
    except OSError as error:
        raise UsageError(f"{path}: cannot be read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    try:
        prompt = parse_prompt(packaged.name, text)
    except ValueError as error:
        raise UsageError(f"{path}: {error}") from None
    unknown = sorted(prompt.variables() - packaged.variables())
    if unknown:
        given = ", ".join(f"${v}" for v in sorted(packaged.variables()))
        raise UsageError(f"{path}: unknown variable ${unknown[0]} (this prompt gets {given})")
    digest = hashlib.sha256(data).hexdigest()[:12]
    return Prompt(prompt.name, prompt.version, prompt.system, prompt.user, digest)
