"""File names as every renderer shows them: hidden characters escaped, undecodable bytes kept.

`factcheck/report/names.py::visible` is the one place that decides; these tests check that the
terminal, Markdown, HTML and JSON renderers all go through it.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re

import pytest

from factcheck.models import AuditDocument, AuditError, AuditResult, PairResult, RunInfo, StoryGroup
from factcheck.report import (
    audit_to_html,
    audit_to_json,
    audit_to_markdown,
    audit_to_terminal,
    to_html,
    to_json,
    to_markdown,
    to_terminal,
    validate,
)
from factcheck.report.facts import facts_to_json, facts_to_terminal
from factcheck.report.markdown import md_escape
from factcheck.report.names import escape_surrogates, visible
from factcheck.report.page import esc
from tests.report import fixtures

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "evil\u202efdp.txt" displays as "eviltxt.pdf"
ESC = "\x1b"
BAD_BYTE = os.fsdecode(b"\xff")  # what os.listdir gives for a name byte that is not UTF-8

# Raw characters that must never reach a rendered name.
HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("harbour.txt", "harbour.txt"),
        ("مقال الأخبار.html", "مقال الأخبار.html"),
        (f"evil{RLO}fdp.txt", "evil\\u202efdp.txt"),
        (f"red{ESC}[31m.txt", "red\\x1b[31m.txt"),
        (f"bad{BAD_BYTE}name.txt", "bad\\xffname.txt"),
        ("two\nlines\t.txt", "two\\nlines\\t.txt"),
        ("zero\u200bwidth\u2028.txt", "zero\\u200bwidth\\u2028.txt"),
        ("bell\x07del\x7f.txt", "bell\\x07del\\x7f.txt"),
    ],
)
def test_visible_escapes_what_a_reader_cannot_see(name: str, shown: str) -> None:
    assert visible(name) == shown


def test_article_text_keeps_its_direction_marks_but_not_escapes_or_overrides() -> None:
    arabic = "قال\u200f المتحدث\u200c"
    assert visible(arabic, keep_format=True) == arabic
    assert visible(f"a{ESC}[2Jb{RLO}c", keep_format=True) == "a\\x1b[2Jb\\u202ec"


def _named(path: str) -> object:
    """The fixture comparison with the candidate article at `path`."""
    candidate = dataclasses.replace(fixtures.CANDIDATE, path=path)
    return dataclasses.replace(fixtures.COMPARISON, candidate=candidate)


HOSTILE_NAMES = [
    f"articles/evil{RLO}fdp.txt",
    f"articles/red{ESC}[31mALERT{ESC}[0m.txt",
    f"articles/bad{BAD_BYTE}name.txt",
    "articles/pipe|and\nnewline.txt",
]


@pytest.mark.parametrize("path", HOSTILE_NAMES)
def test_every_comparison_renderer_shows_the_name_escaped(path: str) -> None:
    comparison = _named(path)
    shown = visible(path.rsplit("/", 1)[1])
    terminal = to_terminal(comparison, width=200, color=False)  # type: ignore[arg-type]
    markdown = to_markdown(comparison)  # type: ignore[arg-type]
    html = to_html(comparison)  # type: ignore[arg-type]
    for text in (terminal, markdown, html):
        assert not HIDDEN.search(text)
        text.encode("utf-8")  # writable as a UTF-8 file: no lone surrogate left
    assert shown != path.rsplit("/", 1)[1]
    assert f"candidate: {shown} (fr)" in terminal
    assert f"**Candidate:** {md_escape(shown)} (fr)" in markdown
    assert f"Candidate: {esc(shown)} (fr)</h2>" in html


def test_markdown_heading_and_html_title_cannot_be_reordered_by_a_name() -> None:
    comparison = _named(f"articles/evil{RLO}fdp.txt")
    markdown = to_markdown(comparison)  # type: ignore[arg-type]
    html = to_html(comparison)  # type: ignore[arg-type]
    assert markdown.startswith("# factcheck: evil\\\\u202efdp.txt (fr) vs harbour\\_en.txt (en)")
    assert "<title>factcheck: evil\\u202efdp.txt vs harbour_en.txt</title>" in html


def test_json_keeps_the_exact_name_and_stays_valid_utf8() -> None:
    path = f"articles/bad{BAD_BYTE}name.txt"
    text = to_json(_named(path))  # type: ignore[arg-type]
    text.encode("utf-8")
    assert "\\udcff" in text
    document = json.loads(text)
    validate(document, "report")
    assert document["candidate"]["path"] == path
    assert os.fsencode(document["candidate"]["path"]) == b"articles/bad\xffname.txt"


def test_facts_of_an_oddly_named_article_render() -> None:
    path = f"articles/bad{BAD_BYTE}{ESC}name.txt"
    document = dataclasses.replace(fixtures.CANDIDATE, path=path)
    facts, run = fixtures.CANDIDATE_FACTS, RunInfo()
    terminal = facts_to_terminal(document, facts, run, width=160, color=False)
    assert "bad\\xff\\x1bname.txt (fr)" in terminal
    assert json.loads(facts_to_json(document, facts, run))["document"]["path"] == path


def _audit(names: list[str]) -> AuditResult:
    reference, *others = names
    return AuditResult(
        root=f"folder{ESC}]0;owned{ESC}\\",
        documents=tuple(AuditDocument(n, "en", group=1) for n in names),
        groups=(StoryGroup(1, tuple(names), reference),),
        pairs=tuple(PairResult(reference, n, "consistent", {}, report=None) for n in others),
        errors=(AuditError(f"broken{RLO}txt.exe", "binary data, not text"),),
        run=RunInfo(backends=("rules",)),
    )


def test_audit_renderers_escape_names_and_keep_markdown_tables_whole() -> None:
    audit = _audit(["ref.md", "pipe|and\nnewline.txt", f"evil{RLO}fdp.txt", f"b{BAD_BYTE}.txt"])
    terminal = audit_to_terminal(audit, width=200, color=False)
    markdown = audit_to_markdown(audit)
    html = audit_to_html(audit)
    for text in (terminal, markdown, html):
        assert not HIDDEN.search(text)
        text.encode("utf-8")
    assert "evil\\u202efdp.txt" in terminal and "b\\xff.txt" in terminal
    assert "broken\\u202etxt.exe: binary data, not text" in terminal
    assert "Audit of folder\\x1b]0;owned\\x1b\\:" in terminal
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert len(rows) == 5  # header, rule, three candidates: no row broken by "|" or a newline
    assert all(row.count(" | ") == 4 for row in rows), rows
    assert "| pipe\\|and\\\\nnewline.txt | consistent |" in markdown
    assert "evil\\u202efdp.txt" in html


def test_audit_json_round_trips_undecodable_names() -> None:
    name = f"b{BAD_BYTE}.txt"
    text = audit_to_json(_audit(["ref.md", name]))
    text.encode("utf-8")
    assert json.loads(text)["pairs"][0]["candidate"] == name
    assert escape_surrogates('"plain"') == '"plain"'
