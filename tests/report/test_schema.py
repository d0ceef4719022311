"""load_schema / validate: the packaged schemas, the audit schema's $refs into the report one."""

from __future__ import annotations

import jsonschema
import pytest

from factcheck.report import audit_dict, load_schema, validate
from tests.report import fixtures


def test_load_schema_returns_the_packaged_schemas() -> None:
    assert load_schema("report")["properties"]["schema"]["const"] == "factcheck/report@1"
    assert load_schema("audit")["properties"]["schema"]["const"] == "factcheck/audit@1"


def test_unknown_schema_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown schema"):
        load_schema("nope")  # type: ignore[arg-type]


def test_audit_ref_into_report_schema_is_enforced() -> None:
    doc = audit_dict(fixtures.AUDIT)
    doc["documents"][1]["flags"][0]["evidence"]["start"] = -1  # checked by report.schema.json
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "audit")


def test_published_must_be_a_date() -> None:
    from factcheck.report import report_dict

    doc = report_dict(fixtures.COMPARISON)
    doc["reference"]["published"] = "3 March 2025"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "report")
