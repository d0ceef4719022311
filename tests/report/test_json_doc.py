"""report_dict / to_json: the factcheck/report@1 document, checked against the packaged schema."""

from __future__ import annotations

import dataclasses
import json
import math

import jsonschema
import pytest

from factcheck.models import Fact, RunInfo
from factcheck.report import report_dict, to_json, validate
from tests.report import fixtures


@pytest.mark.parametrize(
    "comparison",
    [fixtures.COMPARISON, fixtures.DEGRADED, fixtures.CONSISTENT, fixtures.hostile_comparison()],
    ids=["discrepancies", "degraded", "consistent", "hostile"],
)
def test_report_validates_against_schema(comparison) -> None:
    doc = report_dict(comparison)
    validate(doc, "report")
    assert json.loads(to_json(comparison)) == doc


def test_broken_report_fails_validation() -> None:
    doc = report_dict(fixtures.COMPARISON)
    doc["discrepancies"][0]["severity"] = "critical"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "report")


def test_missing_run_tokens_fails_validation() -> None:
    doc = report_dict(fixtures.COMPARISON)
    del doc["run"]["tokens"]
    with pytest.raises(jsonschema.ValidationError):
        validate(doc, "report")


def test_every_evidence_is_the_article_slice() -> None:
    doc = report_dict(fixtures.COMPARISON)
    texts = {"reference": fixtures.REFERENCE_TEXT, "candidate": fixtures.CANDIDATE_TEXT}
    seen = 0
    for found in doc["discrepancies"]:
        for side in ("reference", "candidate"):
            ev = found[side]
            if ev is not None:
                assert ev["text"] == texts[side][ev["start"] : ev["end"]]
                seen += 1
    for flag in doc["flags"]:
        ev = flag["evidence"]
        assert ev["text"] == texts[flag["document"]][ev["start"] : ev["end"]]
    for side, facts in doc["facts"].items():
        for fact in facts:
            assert fact["text"] == texts[side][fact["start"] : fact["end"]]
    assert seen == 12


def test_documents_runs_and_sources() -> None:
    doc = report_dict(fixtures.DEGRADED)
    assert doc["schema"] == "factcheck/report@1"
    assert doc["reference"] == {
        "path": "articles/harbour_en.txt",
        "language": "en",
        "title": "Harbour Authority closes Pier 9 after storm",
        "published": "2025-03-03",
        "sha256": fixtures.REFERENCE.sha256,
    }
    assert doc["candidate"]["published"] is None
    run = doc["run"]
    assert run["tokens"] == {"input": 0, "output": 0}
    assert run["degraded"] is True
    assert run["fallbacks"][0] == {
        "provider": "anthropic:claude-haiku-4-5",
        "reason": "403 permission_error: access revoked",
        "to": "openai:gpt-5-mini",
        "disabled": True,
    }
    sources = [d["source"] for d in doc["discrepancies"]]
    assert {"extractor": "llm", "provider": "anthropic", "model": "claude-haiku-4-5"} in sources
    assert {"extractor": "rules", "provider": None, "model": None} in sources


def test_every_fact_field_is_written() -> None:
    quote = report_dict(fixtures.COMPARISON)["facts"]["reference"][0]
    assert set(quote) == {f.name for f in dataclasses.fields(Fact)}
    assert quote["speaker"] == "Mara Quint"
    assert quote["value"].startswith("The pier will stay shut")
    number = report_dict(fixtures.COMPARISON)["facts"]["reference"][3]
    assert (number["value"], number["unit"]) == (2_500_000.0, "EUR")


def test_datetime_published_and_nan_value_still_fit_the_schema() -> None:
    import datetime as dt

    ref = dataclasses.replace(fixtures.REFERENCE, published=dt.datetime(2025, 8, 4, 15, 50, 5))
    odd = Fact("number", "40 metres", 0, 9, math.nan)
    comparison = dataclasses.replace(
        fixtures.COMPARISON, reference=ref, reference_facts=(odd,), run=RunInfo(seconds=-0.0)
    )
    doc = report_dict(comparison)
    validate(doc, "report")
    assert doc["reference"]["published"] == "2025-08-04"
    assert doc["facts"]["reference"][0]["value"] is None
    json.loads(to_json(comparison))  # strict JSON: no NaN


def test_to_json_keeps_non_ascii_and_indents() -> None:
    text = to_json(fixtures.COMPARISON)
    assert "60 mètres" in text
    assert '\n  "reference": {' in text
