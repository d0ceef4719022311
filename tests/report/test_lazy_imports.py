"""The report package imports a renderer's module only when that renderer is asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

import factcheck.report as report


def test_importing_the_package_imports_no_renderer_module() -> None:
    code = (
        "import sys, factcheck.report; "
        "print(sorted(m for m in sys.modules if m.startswith('factcheck.report.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_name_resolves_to_its_module_s_function() -> None:
    from factcheck.report.json_doc import to_json
    from factcheck.report.schema import validate

    assert report.to_json is to_json
    assert report.validate is validate
    for name in report.__all__:
        assert getattr(report, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = report.to_pdf  # type: ignore[attr-defined]
