"""Bytes to normalised text: BOMs, UTF-8, UTF-16, the Windows code pages, and binary detection."""

from __future__ import annotations

import codecs
import re
import unicodedata

from factcheck.errors import BinaryFileError, DecodeError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte encodings worth considering once strict UTF-8 fails. A short list on purpose:
# charset-normalizer picks cp1250 or cp852 for plain French when it is offered everything.
_LEGACY = ["cp1252", "latin_1", "cp1256", "iso8859_6"]
_SAMPLE = 65_536  # bytes inspected for binary-looking content
# Control bytes that never appear in text (tab, newline, form feed, carriage return and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")
_LINE_END = re.compile(r"\r\n?")
# Spaces at a line's end. `[...]+$` alone retried every start inside a run of spaces that does
# not end the line (a 40,000-space run took 6 s); here only a run's first character may start
# a match (the lookbehind), and the possessive `++` never gives characters back: linear.
_TRAILING_SPACE = re.compile(r"(?<![ \t\f\v\u00a0\u3000])[ \t\f\v\u00a0\u3000]++$", re.MULTILINE)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a file's bytes to text; returns (text, encoding name). Raises a LoadError subclass."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding.removesuffix("-sig"), path), encoding
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise BinaryFileError(path, "looks like binary data, not text")
        return utf16
    if _control_ratio(sample) > 0.01:
        raise BinaryFileError(path, "looks like binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _legacy(data, path)


def normalise_text(text: str) -> str:
    """NFC, `\\n` line ends, no BOM, no trailing spaces on any line, no blank edges."""
    text = text.replace("\ufeff", "")
    text = _LINE_END.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    return text.strip("\n").rstrip()


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(
            path, f"is not valid {encoding} text (bad bytes at offset {error.start})"
        ) from None


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    stripped = sample.translate(None, _CONTROL_BYTES)
    return (len(sample) - len(stripped)) / len(sample)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows as NUL in every other byte of its ASCII characters."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        encoding = "utf-16-le"
    elif even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return text, encoding


def _legacy(data: bytes, path: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise DecodeError(path, "is not UTF-8, UTF-16, cp1252, cp1256 or Latin-1 text")
    text = str(best)
    encoding = codecs.lookup(best.encoding).name
    if encoding != "cp1256" and _mostly_arabic(text):
        # Arabic text from Windows is cp1256 far more often than ISO-8859-6 or DOS pages;
        # cp1256 maps all 256 byte values, so this decode cannot fail.
        text, encoding = data.decode("cp1256"), "cp1256"
    return text, encoding


def _mostly_arabic(text: str) -> bool:
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_ARABIC_LETTER.findall(text)) > letters / 2
