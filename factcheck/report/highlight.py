"""Article text as escaped HTML paragraphs with evidence spans wrapped in <mark>, overlaps included.

Spans may nest, cross or coincide. Marks are kept properly nested: when a span ends while spans
opened after it are still open, those are closed and reopened as continuation pieces. Only the
first piece of a span carries its `id`, so every id stays unique and every anchor lands on the
span's start.

Articles arrive with the hard line breaks of their source. A blank line (a run of whitespace
holding two newlines or more) starts a new <p>; single newlines stay in the text, where the
page's `white-space: normal` joins them into one reflowed paragraph. Text taken from HTML, or
with no blank line at all, has one paragraph per line instead. A span that crosses a
paragraph break is closed before it and reopened after it, like any other continuation.

Each span's first piece is preceded by a pin: a small numbered link to its finding, which the
stylesheet moves into the margin beside the line where the evidence starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape

from factcheck.models import Evidence

_SPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span to mark: its offsets, its anchor id, and where it links back to."""

    start: int
    end: int
    mark_id: str
    target: str  # id of the finding or flag this span belongs to
    label: str  # the pin's text, e.g. "3"
    title: str  # tooltip: what the finding says
    css: str = ""
    data: dict[str, str] = field(default_factory=dict)
    pin: bool = True  # False for a secondary span (a speaker) that shares its finding's pin


def locate(text: str, evidence: Evidence) -> tuple[int, int] | None:
    """Where `evidence` is in `text`: its own offsets when they match, else its first occurrence."""
    inside = 0 <= evidence.start <= evidence.end <= len(text)
    if inside and text[evidence.start : evidence.end] == evidence.text:
        return evidence.start, evidence.end
    if evidence.text:
        found = text.find(evidence.text)
        if found >= 0:
            return found, found + len(evidence.text)
    return None


def paragraph_breaks(text: str, *, lines_are_paragraphs: bool = False) -> list[tuple[int, int]]:
    """The whitespace runs of `text` that separate paragraphs: those holding a blank line.

    Text extracted from HTML has one paragraph per line, and so does a text file without any
    blank line: there, every line break is a paragraph break."""
    runs = [(m.span(), m[0].count("\n")) for m in _SPACE_RUN.finditer(text)]
    blank_lines = [span for span, newlines in runs if newlines >= 2]
    if blank_lines and not lines_are_paragraphs:
        return blank_lines
    return [span for span, newlines in runs if newlines >= 1]


def _attrs(h: Highlight, first: bool) -> str:
    pairs = [] if not first else [("id", h.mark_id)]
    pairs += [("class", f"hl {h.css}".strip()), ("data-target", h.target), ("title", h.title)]
    pairs += [(f"data-{k}", v) for k, v in h.data.items()]
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in pairs)


def _pin(h: Highlight) -> str:
    if not h.pin:
        return ""
    data = "".join(f' data-{k}="{escape(v, quote=True)}"' for k, v in h.data.items())
    css = escape(f"pin {h.css}".strip(), quote=True)
    return (
        f'<a class="{css}" href="#{escape(h.target, quote=True)}"{data} '
        f'aria-label="finding {escape(h.label, quote=True)}">{escape(h.label)}</a>'
    )


class _Writer:
    """Collects paragraphs; remembers which marks are open so a break can close and reopen them."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.out: list[str] = []
        self.stack: list[Highlight] = []
        self.content = False  # text or a span's first piece: a paragraph worth keeping

    def open(self, h: Highlight, first: bool) -> None:
        if first:
            self.out.append(_pin(h))
            self.content = True
        self.out.append(f"<mark{_attrs(h, first)}>")
        self.stack.append(h)

    def close_at(self, pos: int) -> None:
        """Close every span ending at `pos`, reopening the ones above it that continue."""
        ending = [k for k, h in enumerate(self.stack) if h.end == pos]
        if not ending:
            return
        above = self.stack[ending[0] :]
        self.out.append("</mark>" * len(above))
        del self.stack[ending[0] :]
        for h in above:
            if h.end != pos:
                self.open(h, first=False)

    def text(self, chunk: str) -> None:
        self.out.append(escape(chunk, quote=True))
        self.content = self.content or bool(chunk.strip())

    def paragraph_break(self) -> None:
        still_open = list(self.stack)
        self.out.append("</mark>" * len(still_open))
        if self.content:
            self.paragraphs.append("<p>" + "".join(self.out) + "</p>")
        self.out, self.stack, self.content = [], [], False
        for h in still_open:
            self.open(h, first=False)

    def result(self) -> str:
        self.paragraph_break()
        return "".join(self.paragraphs)


def highlight(text: str, spans: list[Highlight], *, lines_are_paragraphs: bool = False) -> str:
    """`text` escaped for HTML as <p> paragraphs, each span in a <mark> linking to its finding."""
    valid = [h for h in spans if 0 <= h.start <= h.end <= len(text)]
    # Longest first at a shared start, so the outer span opens first and nests the inner one.
    valid.sort(key=lambda h: (h.start, -h.end))
    breaks = dict(paragraph_breaks(text, lines_are_paragraphs=lines_are_paragraphs))
    cuts = sorted(
        {
            0,
            len(text),
            *breaks,
            *breaks.values(),
            *(h.start for h in valid),
            *(h.end for h in valid),
        }
    )
    starting: dict[int, list[Highlight]] = {}
    for h in valid:
        starting.setdefault(h.start, []).append(h)

    writer = _Writer()
    inside_break = 0  # end of the paragraph break we are in, or 0
    for i, pos in enumerate(cuts):
        writer.close_at(pos)
        for h in starting.get(pos, []):
            writer.open(h, first=True)
            if h.start == h.end:
                writer.close_at(pos)
        if pos in breaks:
            inside_break = breaks[pos]
            writer.paragraph_break()
        if i + 1 < len(cuts) and pos >= inside_break:
            writer.text(text[pos : cuts[i + 1]])
    return writer.result()
