"""A text in a language the rules have no word lists for is named, noticed and still read."""

from __future__ import annotations

from pathlib import Path

from factcheck.pipeline import extract_file


def test_turkish_article_is_named_and_its_figures_and_names_still_read(tmp_path: Path) -> None:
    path = tmp_path / "haber.txt"
    path.write_text(
        "Elazığ depreminde en az 72 kişi hayatını kaybetti. Sağlık Bakanı Fahrettin Koca, "
        "yaralı sayısının 1.200 olduğunu söyledi.\n",
        encoding="utf-8",
    )
    document, facts, run = extract_file(path)
    assert document.language == "tr"
    assert any(f.kind == "number" and f.text == "72" for f in facts)
    assert any(f.kind == "entity" and "Fahrettin Koca" in f.text for f in facts)
    assert any("'tr'" in notice and "no word lists" in notice for notice in run.notices)


def test_malay_article_is_named_malay_and_read_with_the_indonesian_data(tmp_path: Path) -> None:
    path = tmp_path / "berita.txt"
    path.write_text(
        "Polis berkata 12 mangsa dibawa ke hospital selepas kemalangan itu pada Selasa lalu "
        "kerana cedera parah, kata jurucakap Ahmad Razak.\n",
        encoding="utf-8",
    )
    document, facts, run = extract_file(path)
    assert document.language == "ms"
    # "Selasa lalu" is an Indonesian-data date phrase: read only through the Indonesian tables.
    assert any(f.kind == "date" and "Selasa" in f.text for f in facts)
    assert not any("no word lists" in notice for notice in run.notices)
