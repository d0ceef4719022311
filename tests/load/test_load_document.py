"""`load_document` end to end: formats, metadata precedence, hashing, and every error case."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import (
    BinaryFileError,
    EmptyFileError,
    FileMissingError,
    LoadError,
    NotAFileError,
    TooLargeError,
)
from factcheck.load import SUPPORTED_SUFFIXES, load_document

INDONESIAN = (
    "Wali Kota Tutup Jembatan Utama\n\n"
    "Jakarta, 4 Agustus 2025 (ANTARA) - Pemerintah kota menutup jembatan utama selama enam "
    "minggu untuk perbaikan.\n\n"
    "“Kami tidak bisa mengambil risiko,” kata wali kota dalam keterangannya.\n\n"
    "COPYRIGHT © ANTARA 2025\n"
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def test_plain_text_article(tmp_path: Path) -> None:
    path = write(tmp_path, "berita.txt", INDONESIAN)
    document = load_document(path)
    assert document.path == str(path)
    assert document.format == "text"
    assert document.encoding == "utf-8"
    assert document.language == "id"
    assert document.title == "Wali Kota Tutup Jembatan Utama"
    assert document.published == dt.date(2025, 8, 4)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.text.startswith("Wali Kota Tutup Jembatan Utama\n\nJakarta, 4 Agustus")
    assert document.text.endswith("COPYRIGHT © ANTARA 2025")


def test_markdown_with_yaml_front_matter(tmp_path: Path) -> None:
    content = (
        "---\ntitle: 'Le pont ferme'\nlang: fr\ndate: 2025-08-04T09:12:40\nsource: Le Quotidien\n"
        "---\n\n# Titre dans le texte\n\nLe conseil municipal a voté la fermeture du pont.\n"
    )
    document = load_document(write(tmp_path, "article.md", content))
    assert document.format == "markdown"
    assert document.title == "Le pont ferme"
    assert document.language == "fr"
    assert document.published == dt.date(2025, 8, 4)
    assert document.source == "Le Quotidien"
    assert (
        document.text
        == "# Titre dans le texte\n\nLe conseil municipal a voté la fermeture du pont."
    )


def test_markdown_with_toml_front_matter(tmp_path: Path) -> None:
    content = (
        '+++\ntitle = "Jembatan ditutup"\nlanguage = "id"\ndate = 2025-08-04\n+++\n'
        "Pemerintah kota menutup jembatan utama selama enam minggu.\n"
    )
    document = load_document(write(tmp_path, "berita.markdown", content))
    assert (document.title, document.language, document.published) == (
        "Jembatan ditutup",
        "id",
        dt.date(2025, 8, 4),
    )
    assert document.text == "Pemerintah kota menutup jembatan utama selama enam minggu."


def test_markdown_title_from_the_first_heading(tmp_path: Path) -> None:
    content = "# The Bridge Closes\n\nThe council voted to close the bridge for repairs.\n"
    assert load_document(write(tmp_path, "a.md", content)).title == "The Bridge Closes"


def test_front_matter_language_wins_over_detection(tmp_path: Path) -> None:
    content = "---\nlanguage: es\n---\nThe council voted to close the bridge for six weeks.\n"
    assert load_document(write(tmp_path, "a.txt", content)).language == "es"


def test_front_matter_in_a_txt_file_and_raw_html_at_the_end(tmp_path: Path) -> None:
    content = (
        '---\nlayout: post\ntitle: "أغلقت البلدية الجسر.\n"\ndate: 2025-08-04T09:12:40\n---\n\n'
        "أعلنت البلدية إغلاق الجسر الرئيسي ستة أسابيع للإصلاح.\n\n"
        '<div><a href="https://tags.example.org/?q=bridge">جسر</a> '
        '<a href="https://tags.example.org/?q=city">بلدية</a></div><br><br>\n'
    )
    document = load_document(write(tmp_path, "khabar.txt", content))
    assert document.title == "أغلقت البلدية الجسر."
    assert document.language == "ar"
    assert document.published == dt.date(2025, 8, 4)
    assert document.text == "أعلنت البلدية إغلاق الجسر الرئيسي ستة أسابيع للإصلاح."


def test_windows_line_ends_and_cp1252_are_normalised(tmp_path: Path) -> None:
    content = "Le maire a déclaré : « C’est fini. »  \r\nCoût : 5 M€.\r\n".encode("cp1252")
    document = load_document(write(tmp_path, "a.txt", content))
    assert document.encoding == "cp1252"
    assert document.text == "Le maire a déclaré : « C’est fini. »\nCoût : 5 M€."
    assert document.language == "fr"


def test_utf16_file(tmp_path: Path) -> None:
    text = "قالت الحكومة إن القرار نهائي ولا رجعة فيه."
    document = load_document(write(tmp_path, "a.txt", b"\xff\xfe" + text.encode("utf-16-le")))
    assert (document.text, document.encoding, document.language) == (text, "utf-16-le", "ar")


def test_no_title_when_the_first_line_is_a_paragraph(tmp_path: Path) -> None:
    content = "Jakarta (ANTARA) - Pemerintah kota menutup jembatan utama selama enam minggu.\n"
    document = load_document(write(tmp_path, "a.txt", content))
    assert document.title is None
    assert document.published is None


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm")


# --- errors: one line, naming the file ---------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(FileMissingError, match=r"nope\.txt: not found$") as info:
        load_document(path)
    assert info.value.path == str(path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError, match=r": is a directory$"):
        load_document(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(NotAFileError, match=r"pipe\.txt: is not a regular file$"):
        load_document(fifo)


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError, match=r"empty\.txt: is empty$"):
        load_document(write(tmp_path, "empty.txt", b""))


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError, match=r"blank\.txt: is empty$"):
        load_document(write(tmp_path, "blank.txt", b"\xef\xbb\xbf \r\n\t\n  "))


def test_front_matter_only(tmp_path: Path) -> None:
    with pytest.raises(EmptyFileError, match=r"meta\.md: has no article text$"):
        load_document(write(tmp_path, "meta.md", "---\ntitle: Nothing here\n---\n"))


def test_binary_file(tmp_path: Path) -> None:
    data = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4
    with pytest.raises(BinaryFileError, match=r"prog\.txt: looks like binary data, not text$"):
        load_document(write(tmp_path, "prog.txt", data))


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "The council voted. " * 100)
    with pytest.raises(TooLargeError, match=r"big\.txt: is 1,900 bytes, over the 1,000-byte limit"):
        load_document(path, max_bytes=1_000)


def test_unreadable_file(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = write(tmp_path, "secret.txt", "The council voted.")
    path.chmod(0)
    try:
        with pytest.raises(LoadError, match=r"secret\.txt: cannot be read"):
            load_document(path)
    finally:
        path.chmod(0o600)


def test_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_document(tmp_path / "missing.md")
    assert "\n" not in str(info.value)


def test_importing_the_loader_imports_no_heavy_library() -> None:
    code = (
        "import sys, factcheck.load; "
        "heavy = {'lingua', 'trafilatura', 'htmldate', 'yaml', 'charset_normalizer', 'dateparser'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
