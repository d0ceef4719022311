"""The run's shelf of read articles: private, read back exactly, gone when the run ends."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from factcheck.audit.shelf import LOCK, PREFIX, Shelf, fetch, put_away
from factcheck.audit.work import Card, Extracted, compare_filed, read_batch
from factcheck.extract.rules import extract
from factcheck.load import load_document


def _article(path: Path, text: str) -> Extracted:
    path.write_text(text, encoding="utf-8")
    document = load_document(str(path))
    return Extracted(str(path), document, tuple(extract(document)))


def test_a_filed_article_reads_back_equal_and_the_folder_is_private(tmp_path):
    item = _article(tmp_path / "a.txt", "Mayor Ana Ruiz said on 3 May 2026 that 40 buses run.")
    with Shelf() as shelf:
        assert stat.S_IMODE(os.stat(shelf.folder).st_mode) == 0o700
        file = put_away(shelf.folder, [item])
        assert Path(file).parent == Path(shelf.folder)
        assert fetch(file, item.path) == item
        with pytest.raises(LookupError, match="not filed"):
            fetch(file, str(tmp_path / "other.txt"))
    assert not Path(shelf.folder).exists()


def test_workers_file_what_they_read_and_a_comparison_reads_it_back(tmp_path):
    texts = {
        "ref.txt": "Mayor Ana Ruiz said on 3 May 2026 that 40 new buses would run in Leeds.",
        "cand.txt": "Mayor Ana Ruiz said on 3 May 2026 that 45 new buses would run in Leeds.",
        "empty.txt": "",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = [(str(tmp_path / name), None) for name in texts]
    with Shelf() as shelf, ProcessPoolExecutor(2) as pool:
        cards: list[Card] = pool.submit(read_batch, items, 10**6, None, shelf.folder).result()
        ref, cand, empty = cards
        # The cards carry what the main process keeps, not the articles themselves.
        assert ref.article is None and ref.shelf is not None and ref.profile is not None
        assert empty.profile is None and empty.shelf is None and empty.document.error
        pairs = pool.submit(
            compare_filed, (ref.shelf, ref.path), [(cand.shelf, cand.path)], None, ["p"]
        ).result()
    assert [p.candidate for p in pairs] == [cand.path]
    assert pairs[0].counts.get("number_mismatch") == 1


def test_a_file_name_that_is_not_utf8_is_filed_and_found(tmp_path):
    name = os.fsdecode(b"caf\xe9-\xff.txt")  # Latin-1 bytes: kept as surrogates
    item = _article(tmp_path / name, "Mayor Ana Ruiz said on 3 May 2026 that 40 buses run.")
    with Shelf() as shelf:
        file = put_away(shelf.folder, [item])
        assert fetch(file, item.path) == item


def test_a_new_shelf_removes_the_shelves_of_dead_runs_only(tmp_path):
    dead = tmp_path / f"{PREFIX}k1ll3d"  # its lock file is held by nobody
    unlocked = tmp_path / f"{PREFIX}0ld"  # no lock file: not a shelf of this version
    other = tmp_path / "factcheck-other-x"
    for folder in (dead, unlocked, other):
        folder.mkdir()
        (folder / "articles-1.sqlite3").write_bytes(b"filed")
    (dead / LOCK).write_bytes(b"")
    with Shelf(str(tmp_path)) as alive:  # holds its own lock: the next shelf leaves it
        assert not dead.exists()
        with Shelf(str(tmp_path)) as second:
            assert Path(alive.folder).exists() and Path(second.folder).name.startswith(PREFIX)
        assert unlocked.exists() and other.exists()
    assert not Path(alive.folder).exists()


def test_a_shelf_held_by_another_live_process_is_left_alone(tmp_path):
    code = (
        "import sys, time; from factcheck.audit.shelf import Shelf; "
        f"shelf = Shelf({str(tmp_path)!r}); print(shelf.folder, flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        theirs = Path(holder.stdout.readline().strip())
        with Shelf(str(tmp_path)):
            assert theirs.is_dir()
        holder.kill()  # as kill -9: it cannot remove its folder
        holder.wait()
        assert theirs.is_dir()
        with Shelf(str(tmp_path)):
            assert not theirs.exists()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
