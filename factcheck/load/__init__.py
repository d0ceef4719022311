"""Loading articles: a path in, a normalised `Document` out (text, markdown or HTML).

    load_document(path)  ->  read_input (regular file, size, bounded read)  ->  decode_bytes
                         ->  normalise_text  ->  front matter / HTML extraction  ->  language, date

Input is hostile until proven otherwise: no read blocks (a FIFO is refused, never opened for a
blocking read), no file is read past its size limit, no step is worse than linear in the text,
and front matter that would expand without bound is ignored (see `frontmatter`).

Every offset later stages report indexes `Document.text`, so all normalisation happens here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, Literal

from factcheck.errors import EmptyFileError, FileMissingError, LoadError, TooLargeError
from factcheck.load.decode import decode_bytes, normalise_text
from factcheck.load.frontmatter import read_front_matter
from factcheck.load.language import detect_language, normalise_language_tag
from factcheck.load.published import date_from_dateline, date_from_value
from factcheck.load.read import read_input
from factcheck.load.text import clean_title, markdown_title, plain_title, strip_html
from factcheck.models import Document

__all__ = [
    "STDIN_NAME",
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "detect_language",
    "document_from_bytes",
    "load_document",
    "load_stdin",
    "read_input",
]

_log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_FORMATS: dict[str, Literal["text", "markdown", "html"]] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


def load_document(path: str | os.PathLike[str], *, max_bytes: int = 5_000_000) -> Document:
    """Read, decode and normalise one article; raises a LoadError subclass naming the file.

    Front matter that is too deep or expands too far (a YAML alias bomb) is ignored, not fatal:
    the article is loaded without that metadata and a warning naming the file is logged.
    """
    name = str(path)
    return document_from_bytes(read_input(path, max_bytes), name, Path(path).suffix)


STDIN_NAME = "<stdin>"


def load_stdin(*, max_bytes: int = 5_000_000, stream: BinaryIO | None = None) -> Document:
    """An article piped to standard input (`factcheck compare a.md -`), named '<stdin>'.

    Its format is sniffed, as for a `.txt` file: HTML when it starts like a page, otherwise text
    (front matter included).
    """
    source = stream if stream is not None else getattr(sys.stdin, "buffer", None)
    if source is None:
        raise FileMissingError(STDIN_NAME, "there is no standard input to read")
    try:
        data = source.read(max_bytes + 1)  # bounded, like a file: a stream has no size to check
    except OSError as error:
        raise LoadError(STDIN_NAME, f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise TooLargeError(STDIN_NAME, f"is over the {max_bytes:,}-byte limit")
    return document_from_bytes(data, STDIN_NAME, "")


def document_from_bytes(data: bytes, name: str, suffix: str) -> Document:
    """Decode, normalise and read the metadata of an article's bytes; `suffix` picks the format
    ('.md', '.html'; anything else is text, sniffed for HTML)."""
    if not data:
        raise EmptyFileError(name, "is empty")
    raw, encoding = decode_bytes(data, name)
    text = normalise_text(raw)
    if not text:
        raise EmptyFileError(name, "is empty")
    fmt = _FORMATS.get(suffix.lower(), "text")
    if fmt == "html" or (fmt == "text" and _looks_like_html(text)):
        fmt = "html"
        fields = _html_fields(text)
    else:
        fields = _text_fields(text, name, markdown=fmt == "markdown")
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


def _text_fields(text: str, name: str, *, markdown: bool) -> dict[str, Any]:
    front = read_front_matter(text)
    if front.ignored:
        # The article is still there: load it without its metadata, and say why.
        _log.warning("%s: %s", name, front.ignored)
    meta, body = front.meta, front.body
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
