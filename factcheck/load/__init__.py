"""Loading articles: a path in, a normalised `Document` out (text, markdown or HTML).

    load_document(path)  ->  checks (exists, regular file, size)  ->  decode_bytes
                         ->  normalise_text  ->  front matter / HTML extraction  ->  language, date

Every offset later stages report indexes `Document.text`, so all normalisation happens here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Literal

from factcheck.errors import (
    EmptyFileError,
    FileMissingError,
    LoadError,
    NotAFileError,
    TooLargeError,
)
from factcheck.load.decode import decode_bytes, normalise_text
from factcheck.load.frontmatter import split_front_matter
from factcheck.load.language import detect_language, normalise_language_tag
from factcheck.load.published import date_from_dateline, date_from_value
from factcheck.load.text import clean_title, markdown_title, plain_title, strip_html
from factcheck.models import Document

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "detect_language", "load_document"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_FORMATS: dict[str, Literal["text", "markdown", "html"]] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def load_document(path: str | os.PathLike[str], *, max_bytes: int = 5_000_000) -> Document:
    """Read, decode and normalise one article; raises a LoadError subclass naming the file."""
    name = str(path)
    data = _read(Path(path), name, max_bytes)
    if not data:
        raise EmptyFileError(name, "is empty")
    raw, encoding = decode_bytes(data, name)
    text = normalise_text(raw)
    if not text:
        raise EmptyFileError(name, "is empty")
    suffix = Path(path).suffix.lower()
    fmt = _FORMATS.get(suffix, "text")
    if fmt == "html" or (fmt == "text" and _looks_like_html(text)):
        fmt = "html"
        fields = _html_fields(text)
    else:
        fields = _text_fields(text, markdown=fmt == "markdown")
    body = fields["text"]
    if not body:
        raise EmptyFileError(name, "has no article text")
    return Document(
        path=name,
        text=body,
        sha256=hashlib.sha256(data).hexdigest(),
        language=fields["language"] or detect_language(body),
        title=clean_title(fields["title"]),
        published=fields["published"] or date_from_dateline(body),
        source=clean_title(fields["source"]),
        encoding=encoding,
        format=fmt,
    )


def _read(path: Path, name: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking it is a regular file within the size limit."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FileMissingError(name, "not found") from None
    except NotADirectoryError:  # a path through a regular file: a/b where a is a file
        raise FileMissingError(name, "not found") from None
    except OSError as error:
        raise LoadError(name, f"cannot be read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError(name, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise NotAFileError(name, "is not a regular file")
    if info.st_size > max_bytes:
        raise TooLargeError(name, f"is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as error:
        raise LoadError(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise TooLargeError(name, f"is over the {max_bytes:,}-byte limit")
    return data


def _text_fields(text: str, *, markdown: bool) -> dict[str, Any]:
    meta, body = split_front_matter(text)
    body = normalise_text(strip_html(body))
    title = meta.get("title") or (markdown_title(body) if markdown else plain_title(body))
    return {
        "text": body,
        "title": title,
        "language": normalise_language_tag(meta.get("lang") or meta.get("language")),
        "published": _published(meta),
        "source": meta.get("source") if isinstance(meta.get("source"), str) else None,
    }


def _published(meta: dict[str, Any]) -> dt.date | None:
    for key in ("date", "published", "publishdate", "pubdate", "published_at", "created"):
        value = date_from_value(meta.get(key))
        if value:
            return value
    return None


def _html_fields(text: str) -> dict[str, Any]:
    from factcheck.load.html import extract_html

    article = extract_html(text)
    return {
        "text": normalise_text(article.text),
        "title": article.title,
        "language": normalise_language_tag(article.language),
        "published": date_from_value(article.date),
        "source": article.site,
    }


def _looks_like_html(text: str) -> bool:
    head = text[:500].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))
