"""Article text as escaped HTML with evidence spans wrapped in <mark>, overlaps included.

Spans may nest, cross or coincide. Marks are kept properly nested: when a span ends while spans
opened after it are still open, those are closed and reopened as continuation pieces. Only the
first piece of a span carries its `id`, so every id stays unique and every anchor lands on the
span's start.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from factcheck.models import Evidence


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span to mark: its offsets, its anchor id, and where it links back to."""

    start: int
    end: int
    mark_id: str
    target: str  # id of the finding or flag this span belongs to
    label: str  # the link text after the span, e.g. "3"
    title: str  # tooltip: what the finding says
    css: str = ""
    data: dict[str, str] = field(default_factory=dict)


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


def _attrs(h: Highlight, first: bool) -> str:
    pairs = [] if not first else [("id", h.mark_id)]
    pairs += [("class", f"hl {h.css}".strip()), ("data-target", h.target), ("title", h.title)]
    pairs += [(f"data-{k}", v) for k, v in h.data.items()]
    return "".join(f' {k}="{escape(v, quote=True)}"' for k, v in pairs)


def _backlink(h: Highlight) -> str:
    data = "".join(f' data-{k}="{escape(v, quote=True)}"' for k, v in h.data.items())
    return (
        f'<sup class="backlink"{data}><a href="#{escape(h.target, quote=True)}">'
        f"{escape(h.label)}</a></sup>"
    )


def highlight(text: str, spans: list[Highlight]) -> str:
    """`text` escaped for HTML, with each span in a <mark> linking to its finding."""
    valid = [h for h in spans if 0 <= h.start <= h.end <= len(text)]
    # Longest first at a shared start, so the outer span opens first and nests the inner one.
    valid.sort(key=lambda h: (h.start, -h.end))
    cuts = sorted({0, len(text), *(h.start for h in valid), *(h.end for h in valid)})
    starting: dict[int, list[Highlight]] = {}
    for h in valid:
        starting.setdefault(h.start, []).append(h)

    out: list[str] = []
    stack: list[Highlight] = []
    for i, pos in enumerate(cuts):
        ending = [k for k, h in enumerate(stack) if h.end == pos]
        if ending:
            lowest = ending[0]
            above = stack[lowest:]
            out.append("</mark>" * len(above))
            del stack[lowest:]
            for h in above:
                if h.end == pos:
                    out.append(_backlink(h))
            for h in above:
                if h.end != pos:
                    out.append(f"<mark{_attrs(h, first=False)}>")
                    stack.append(h)
        for h in starting.get(pos, []):
            if h.start == h.end:
                out.append(f"<mark{_attrs(h, first=True)}></mark>{_backlink(h)}")
            else:
                out.append(f"<mark{_attrs(h, first=True)}>")
                stack.append(h)
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]], quote=True))
    return "".join(out)
