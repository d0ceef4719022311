"""documents.jsonl and pairs.jsonl: written as results finish, and what audit.json is built from."""

from __future__ import annotations

import dataclasses
import json

from factcheck.audit import run_audit
from factcheck.audit.cache import ExtractionCache, document_to_json, facts_to_json
from factcheck.audit.stream import DOCUMENTS, PAIRS, read_documents, read_pairs
from factcheck.config import Settings
from factcheck.extract.rules import extract
from factcheck.load import load_document


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_result_files_hold_every_document_and_pair_of_audit_json(examples_dir, tmp_path):
    run = run_audit(examples_dir, Settings(jobs=1), out=tmp_path / "out")
    audit = json.loads((tmp_path / "out" / "audit.json").read_text(encoding="utf-8"))
    pairs = _lines(tmp_path / "out" / PAIRS)
    group_of = {d["path"]: d["group"] for d in audit["documents"]}
    assert sorted((p["group"], p["candidate"]) for p in pairs) == [
        (group_of[p["candidate"]], p["candidate"]) for p in audit["pairs"]
    ]
    assert sorted(pairs, key=lambda p: p["candidate"]) == sorted(
        ({"group": group_of[p["candidate"]], **p} for p in audit["pairs"]),
        key=lambda p: p["candidate"],
    )
    documents = _lines(tmp_path / "out" / DOCUMENTS)
    assert sorted(d["path"] for d in documents) == [d["path"] for d in audit["documents"]]
    assert all("group" not in d for d in documents)
    flagged = {d.path: d.flags for d in read_documents(tmp_path / "out") if d.flags}
    assert flagged == {d.path: d.flags for d in run.result.documents if d.flags}
    assert flagged  # the examples hold an AI-use disclosure
    assert sorted(p.candidate for _, p in read_pairs(tmp_path / "out")) == sorted(
        p.candidate for p in run.result.pairs
    )


def test_json_to_stdout_leaves_no_result_files_behind(examples_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = run_audit(examples_dir, Settings(jobs=1), write_reports=False)
    assert len(run.result.pairs) == 6
    assert list(tmp_path.iterdir()) == []


def test_cache_rows_are_the_json_dataclasses_asdict_gave(examples_dir, tmp_path):
    """The faster serialiser writes exactly what earlier versions stored and read back."""
    document = load_document(examples_dir / "a4-retelling-id.txt")
    facts = extract(document)
    old_doc = dict(dataclasses.asdict(document), published=document.published.isoformat())
    assert json.loads(document_to_json(document)) == old_doc
    assert json.loads(facts_to_json(facts)) == [dataclasses.asdict(f) for f in facts]
    cache = ExtractionCache(tmp_path / "x.sqlite3")
    cache.put_many([("k1", document, facts), ("k2", document, facts[:1])])
    assert cache.get("k1") == (document, facts)
    assert cache.get("k2") == (document, facts[:1])
    cache.close()
