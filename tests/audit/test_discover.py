import os

import pytest

from factcheck.audit.discover import discover
from factcheck.errors import FileMissingError, NotAFileError


def test_finds_articles_recursively_in_stable_order(tmp_path):
    (tmp_path / "b.md").write_text("x")
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "notes.pdf").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text("x")
    found, errors = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.md", "sub/c.html"]
    assert errors == []
    flat, _ = discover(tmp_path, recursive=False)
    assert [p.name for p in flat] == ["a.txt", "b.md"]


def test_symlink_loops_do_not_hang_and_broken_links_are_errors(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "missing.txt", tmp_path / "broken.txt")
    found, errors = discover(tmp_path)
    assert [p.name for p in found] == ["a.txt"]
    assert [(os.path.basename(e.path), e.reason) for e in errors] == [
        ("broken.txt", "broken symbolic link")
    ]


def test_missing_folder_and_file_given_as_folder(tmp_path):
    with pytest.raises(FileMissingError, match="not found"):
        discover(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(NotAFileError, match="not a folder"):
        discover(tmp_path / "a.txt")
