"""The registry's records: the variables each kind reads are the ones the README tells users."""

from __future__ import annotations

import re

import pytest

from factcheck.llm.providers.registry import KINDS
from tests.conftest import ROOT

# The environment table of the README: "| `NAME_API_KEY`, `NAME_BASE_URL` | Service ... |"
_TABLE_ROW = re.compile(r"^\| `([A-Z_]+)`, `([A-Z_]+)` \|", re.MULTILINE)


def _documented() -> set[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    return {name for row in _TABLE_ROW.findall(readme) for name in row}


@pytest.mark.parametrize("name", list(KINDS))
def test_each_kind_reads_the_variables_the_readme_documents(name: str) -> None:
    record = KINDS[name]
    assert record.key_variable == f"{name.upper()}_API_KEY"
    assert record.base_url_variable == f"{name.upper()}_BASE_URL"
    assert {record.key_variable, record.base_url_variable} <= _documented()
