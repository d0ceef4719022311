"""Bytes to text: every encoding the brief names, normalisation, binary and undecodable input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.errors import BinaryFileError, DecodeError
from factcheck.load import decode_bytes
from factcheck.load.decode import normalise_text

FRENCH = "Le ministre a déclaré : « C’est une décision historique », selon l’agence. Coût : 3 M€."
ENGLISH = "The company said it “won’t comment” on the €5 million deal — a spokesperson confirmed."
ARABIC = "افتتحت البلدية حديقة جديدة قرب النهر يوم الأحد، وقال المتحدث إن الدخول مجاني للجميع."
LATIN1 = "Le maire a déclaré que la réunion aura lieu à Genève. Le garçon était très ému, où qu'il aille."


def test_utf8_without_bom() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), "a.txt") == (FRENCH, "utf-8")


def test_utf8_with_bom_drops_the_bom() -> None:
    text, encoding = decode_bytes(b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "a.txt")
    assert (text, encoding) == (ARABIC, "utf-8-sig")


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(b"\xff\xfe", "utf-16-le", "utf-16-le"), (b"\xfe\xff", "utf-16-be", "utf-16-be")],
)
@pytest.mark.parametrize("sample", [FRENCH, ARABIC])
def test_utf16_with_bom(bom: bytes, codec: str, name: str, sample: str) -> None:
    assert decode_bytes(bom + sample.encode(codec), "a.txt") == (sample, name)


def test_utf16_le_without_bom_is_recognised() -> None:
    assert decode_bytes(ENGLISH.encode("utf-16-le"), "a.txt") == (ENGLISH, "utf-16-le")


@pytest.mark.parametrize(("sample", "codec"), [(FRENCH, "cp1252"), (ENGLISH, "cp1252")])
def test_cp1252(sample: str, codec: str) -> None:
    assert decode_bytes(sample.encode(codec), "a.txt") == (sample, "cp1252")


def test_latin1_french_decodes_to_the_right_letters() -> None:
    text, encoding = decode_bytes(LATIN1.encode("latin-1"), "a.txt")
    assert text == LATIN1
    # Latin-1 text without C1 controls is byte-for-byte cp1252 text, so either name is right.
    assert encoding in {"cp1252", "iso8859-1"}


def test_cp1256_arabic() -> None:
    assert decode_bytes(ARABIC.encode("cp1256"), "a.txt") == (ARABIC, "cp1256")


def test_nul_bytes_mean_binary() -> None:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20
    with pytest.raises(BinaryFileError, match=r"^img\.txt: looks like binary data, not text$"):
        decode_bytes(data, "img.txt")


def test_many_control_characters_mean_binary() -> None:
    data = bytes(range(1, 9)) * 50 + b"some words"
    with pytest.raises(BinaryFileError):
        decode_bytes(data, "x.txt")


def test_a_few_control_characters_are_still_text() -> None:
    data = ("word " * 400 + "\x07").encode()
    text, _ = decode_bytes(data, "x.txt")
    assert text.startswith("word word")


def test_broken_utf16_after_a_bom_is_a_decode_error() -> None:
    data = b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(DecodeError, match=r"^bad\.txt: is not valid utf-16-le text"):
        decode_bytes(data, "bad.txt")


def test_normalise_line_ends_bom_and_trailing_space() -> None:
    raw = "\ufeffTitle  \r\n\r\nFirst line\t\rSecond line \n\n\n"
    assert normalise_text(raw) == "Title\n\nFirst line\nSecond line"


def test_normalise_composes_accents_nfc() -> None:
    decomposed = "de\u0301clare\u0301"  # e + combining acute, as some macOS tools write it
    assert normalise_text(decomposed) == "déclaré"
    assert len(normalise_text(decomposed)) == 7


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once and "\ufeff" not in once
