"""The labelled-pair generator (benchmarks/mutate.py): each mutation changes what it claims to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.mutate import DISCLAIMERS, KINDS, mutate, sentence_at, write_mutation
from factcheck.extract.rules import extract
from factcheck.load import load_document
from factcheck.models import Document, Fact
from tests.conftest import seed

EMPTY = re.compile(r"(\"\"|“”|«\s*»|„“)")


def _load(path: Path) -> tuple[Document, list[Fact]]:
    document = load_document(path)
    return document, extract(document)


def _quote_words(facts: list[Fact]) -> list[str]:
    return [" ".join(str(f.value).split()) for f in facts if f.kind == "quote" and f.value]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def a1() -> tuple[Document, list[Fact]]:
    return _load(Path(__file__).parent.parent / "examples" / "a1-reference-en.md")


def test_empty_quote_leaves_empty_marks_where_the_quote_was(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "empty_quote")
    assert mutation is not None and mutation.expect == "empty_quote"
    assert len(EMPTY.findall(mutation.text)) == len(EMPTY.findall(document.text)) + 1
    assert "This is a pause" not in mutation.text  # the first attributed quote of a1
    assert '"", said chief executive Arman Wijaya' in mutation.text


def test_missing_quote_drops_the_quote_and_keeps_the_rest(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "missing_quote")
    assert mutation is not None
    before, after = _quote_words(facts), _quote_words(extract(_doc(mutation.text)))
    assert len(after) < len(before)
    assert all(_flat(q) in _flat(mutation.text) for q in after)
    assert "Seruni Motors" in mutation.text and len(mutation.text) > len(document.text) / 2


def test_misattributed_quote_names_another_speaker_of_the_article(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "misattributed_quote")
    assert mutation is not None
    original = {(q.speaker, str(q.value)) for q in facts if q.kind == "quote"}
    moved = {(q.speaker, str(q.value)) for q in extract(_doc(mutation.text)) if q.kind == "quote"}
    changed = moved - original
    # The attribution moves, and with it the follow-on quote the same sentence pair attributes.
    assert changed and {s for s, _ in changed} == {mutation.detail.split(" given to ")[1]}
    assert {s for s, _ in changed} <= {"Dewi Anggraini", "Budi Santoso"}
    was = {w: s for s, w in original}
    assert {was[w] for _, w in changed} == {"Arman Wijaya"}


def test_date_mismatch_changes_the_day_of_every_mention(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "date_mismatch")
    assert mutation is not None
    value = mutation.detail.split(":")[0].split()[-1]
    before = [f for f in facts if f.kind == "date" and f.value == value and f.text[0].isdigit()]
    after = [f for f in extract(_doc(mutation.text)) if f.kind == "date" and f.value == value]
    assert before and not [f for f in after if f.text[0].isdigit()]


def test_number_mismatch_changes_the_figure(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "number_mismatch")
    assert mutation is not None
    old, new = re.search(r": (\d+) -> (\d+)$", mutation.detail).groups()  # type: ignore[union-attr]
    assert int(new) > int(old)
    values = lambda fs: {f.value for f in fs if f.kind == "number"}  # noqa: E731
    assert float(new) in values(extract(_doc(mutation.text))) - values(facts)


def test_missing_entity_removes_every_mention_of_the_person(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "missing_entity")
    assert mutation is not None
    name = mutation.detail.removeprefix("every sentence naming ").removesuffix(" dropped")
    assert name in document.text and name not in mutation.text
    assert not [f for f in extract(_doc(mutation.text)) if f.kind == "entity" and f.text == name]


def test_disclaimer_is_appended_in_another_language(a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "ai_disclaimer")
    assert mutation is not None and mutation.expect == "ai_disclaimer"
    language = mutation.detail.split()[0]
    assert language != document.language
    assert mutation.text.rstrip().endswith(DISCLAIMERS[language])
    assert mutation.text.startswith(document.text.rstrip())


@pytest.mark.parametrize(
    "name", ["a1-reference-en.md", "b2-retelling-ar.html", "a3-retelling-fr.md"]
)
def test_reword_keeps_every_quote_and_changes_the_text(examples_dir: Path, name: str) -> None:
    document, facts = _load(examples_dir / name)
    mutation = mutate(document, facts, "reword")
    assert mutation is not None and mutation.expect is None
    assert mutation.text != document.text
    after = _quote_words(extract(_doc(mutation.text, document.language)))
    assert sorted(after) == sorted(_quote_words(facts))


def test_same_seed_gives_the_same_mutation(a1) -> None:
    document, facts = a1
    for name in KINDS:
        first, again = mutate(document, facts, name, seed=3), mutate(document, facts, name, seed=3)
        assert first == again


def test_article_without_quotes_offers_no_quote_mutation() -> None:
    document = _doc("A council met on Monday. It approved a budget of 40 million.\n")
    facts = extract(document)
    assert mutate(document, facts, "empty_quote") is None
    assert mutate(document, facts, "missing_quote") is None


def test_sentence_at_keeps_the_attribution_after_a_closing_full_stop() -> None:
    text = 'First line. "We will stay." she said. Last line.'
    start = text.index('"')
    end = text.index('." ') + 2
    left, right = sentence_at(text, start, end, [(start, end)])
    assert text[left:right].strip() == '"We will stay." she said.'


def test_written_copy_keeps_the_front_matter(tmp_path: Path, examples_dir: Path, a1) -> None:
    document, facts = a1
    mutation = mutate(document, facts, "empty_quote")
    assert mutation is not None
    path = write_mutation(examples_dir / "a1-reference-en.md", document, mutation, tmp_path)
    raw = (examples_dir / "a1-reference-en.md").read_text()
    assert path.read_text().startswith(raw[: raw.index("\n---\n", 4) + 5])
    copy = load_document(path)
    assert copy.published == document.published and copy.title == document.title


def test_seed_copy_written_outside_the_project(tmp_path: Path, seeds_dir: Path) -> None:
    path = seed(seeds_dir, 0)
    document, facts = _load(path)
    mutation = mutate(document, facts, "empty_quote")
    assert mutation is not None
    written = write_mutation(path, document, mutation, tmp_path)
    assert written.parent == tmp_path
    reloaded = extract(load_document(written))
    empty = [f for f in reloaded if f.kind == "quote" and f.value == ""]
    before = [f for f in facts if f.kind == "quote" and f.value == ""]
    assert len(empty) == len(before) + 1
    assert "Christopher Nulty" in {f.speaker for f in empty} | {f.speaker for f in before}


def _doc(text: str, language: str | None = "en") -> Document:
    return Document(path="mutated.md", text=text, sha256="0" * 64, language=language)
