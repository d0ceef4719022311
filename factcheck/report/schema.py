"""The packaged JSON Schemas of the report and audit documents, and validation against them."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, Literal

SchemaName = Literal["report", "audit"]
_NAMES: tuple[str, ...] = ("report", "audit")


def _schema_text(name: str) -> str:
    if name not in _NAMES:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(_NAMES)}")
    return (resources.files("factcheck") / "schemas" / f"{name}.schema.json").read_text("utf-8")


def load_schema(name: SchemaName) -> dict[str, Any]:
    """The packaged JSON Schema `name` ("report" or "audit"), freshly parsed."""
    schema: dict[str, Any] = json.loads(_schema_text(name))
    return schema


@functools.cache
def _validator(name: str) -> Any:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    schemas = {n: load_schema(n) for n in _NAMES}  # type: ignore[arg-type]
    registry: Registry = Registry()
    for n, schema in schemas.items():
        resource = Resource.from_contents(schema)
        # The audit schema refers to "report.schema.json#/$defs/...", relative to its own $id.
        base = schema["$id"].rsplit("/", 1)[0]
        registry = registry.with_resources(
            [(schema["$id"], resource), (f"{base}/{n}.schema.json", resource)]
        )
    return Draft202012Validator(schemas[name], registry=registry, format_checker=FormatChecker())


def validate(doc: dict[str, Any], name: SchemaName) -> None:
    """Check `doc` against schema `name`; raises jsonschema.ValidationError when it does not fit."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator(name).iter_errors(doc))
    if error is not None:
        raise error
