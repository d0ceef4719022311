"""LLM prompt templates and the JSON Schemas of their answers, side by side in the package.

Each template file holds a `version:` line, then a `## system` and a `## user` section written in
`string.Template` syntax. Rendering uses `substitute`, so a missing variable fails loudly instead
of sending a prompt with a hole in it. The version is part of every LLM cache key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template
from typing import Any


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: Template
    user: Template

    @property
    def id(self) -> str:
        """`name@version`, as it enters cache keys and logs."""
        return f"{self.name}@{self.version}"

    def render(self, **values: str) -> tuple[str, str]:
        """(system, user) with every variable filled; KeyError names a missing one."""
        return self.system.substitute(values), self.user.substitute(values)


@cache
def load_prompt(name: str) -> Prompt:
    """The prompt template `name` (e.g. "extract", "judge") from this package."""
    text = resources.files(__package__).joinpath(f"{name}.prompt").read_text(encoding="utf-8")
    header, _, rest = text.partition("## system\n")
    system, _, user = rest.partition("## user\n")
    version = ""
    for line in header.splitlines():
        if line.startswith("version:"):
            version = line.split(":", 1)[1].strip()
    if not version or not user:
        raise ValueError(f"prompt {name!r} needs a version line and system and user sections")
    return Prompt(name, version, Template(system.strip()), Template(user.strip()))


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The JSON Schema that prompt `name`'s answers must fit (e.g. "extract", "judge")."""
    path = resources.files(__package__).joinpath(f"{name}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))
