"""Right-to-left text inside the English of a report, kept in its own direction.

An Arabic name or quote inside an English sentence borrows the sentence's direction for its
neutral characters: the ellipsis that ends a shortened Arabic quote, or the full stop after an
Arabic name, land on the wrong side of it. Wrapping each right-to-left run in <bdi> isolates it,
so the run is laid out as Arabic is read and the English around it is left alone.
"""

from __future__ import annotations

import regex

from factcheck.report.page import esc

# A run starts and ends with a strong right-to-left letter and may hold spaces, digits and
# punctuation between, but no strong left-to-right letter and none of the marks (quotation marks,
# colons, brackets) with which the English sentence around it frames it. An ellipsis ending a
# shortened run belongs to it.
_RTL = r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]"
_FRAME = '\n"“”«»‹›:;()\\[\\]'
_RTL_RUN = regex.compile(rf"{_RTL}(?:[^\p{{Bidi_Class=L}}{_FRAME}]*{_RTL})?…?")


def isolate_rtl(text: str) -> str:
    """`text` escaped for HTML, each right-to-left run in <bdi dir="rtl">."""
    out: list[str] = []
    at = 0
    for match in _RTL_RUN.finditer(text):
        out.append(esc(text[at : match.start()]))
        out.append(f'<bdi dir="rtl">{esc(match[0])}</bdi>')
        at = match.end()
    out.append(esc(text[at:]))
    return "".join(out)


def bdi(text: str) -> str:
    """`text` escaped and isolated, its direction taken from its own first strong letter."""
    return f'<bdi dir="auto">{esc(text)}</bdi>'
