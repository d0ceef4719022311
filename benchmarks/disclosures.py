"""AI-use disclosures as newsrooms write them (../shared/realnews/disclaimers.jsonl, rules backend).

Each real statement of the file (disclosures, AI-image captions and control sentences *about* AI)
is placed in a short neutral article of its language, written for this benchmark
(benchmarks/data/disclosure_articles.json), at four positions: as the first paragraph, in the
middle, as the last paragraph, and as the last paragraph followed by ordinary footer lines
(copyright, share buttons, tags). A statement counts as flagged when a disclaimer fact of the rules
extractor overlaps it. Controls flagged anywhere are false positives; so is any flag on the
neutral article's own text.

Run alone: `python benchmarks/disclosures.py [--quick]`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.realnews import cell, load_realnews, share, skipped  # noqa: E402

ARTICLES = ROOT / "benchmarks" / "data" / "disclosure_articles.json"
POSITIONS = ("start", "middle", "end", "end+footer")
TITLE = "AI-use disclosures (real statements in neutral articles, rules backend)"
COMMAND = "python benchmarks/disclosures.py"
TARGET_RECALL = 0.95
TARGET_FALSE = 0.02
QUICK_ROWS = 30
QUICK_BACKGROUND = 300


@dataclass(frozen=True)
class Placed:
    """One statement placed in one article: its text and where the statement sits."""

    text: str
    start: int
    end: int


def articles(path: Path = ARTICLES) -> dict[str, dict[str, list[str]]]:
    """The neutral article (paragraphs and footer lines) of each language."""
    return json.loads(path.read_text(encoding="utf-8"))["articles"]


def place(statement: str, article: dict[str, list[str]], position: str) -> Placed:
    """`statement` as one paragraph of `article`, at `position`."""
    paragraphs = list(article["paragraphs"])
    index = {"start": 0, "middle": 1}.get(position, len(paragraphs))
    blocks = [*paragraphs[:index], statement, *paragraphs[index:]]
    if position == "end+footer":
        blocks.append("\n".join(article["footer"]))
    before = "\n\n".join(blocks[:index])
    start = len(before) + (2 if index else 0)
    return Placed("\n\n".join(blocks) + "\n", start, start + len(statement))


def detect(text: str, language: str | None) -> list[Any]:
    """The disclaimer facts the rules extractor finds in `text`."""
    from factcheck.extract.rules.disclaimers import find_disclaimers
    from factcheck.models import Document

    return find_disclaimers(
        Document(path="bench.txt", text=text, sha256="0" * 64, language=language)
    )


def background(rn: Any) -> Iterable[tuple[str | None, str]]:
    """(language, text) of real news articles that carry no AI-use disclosure, as far as known:
    Wikinews and the sources it cites, MEANTIME and its translations, ECB+, SemEval pairs."""
    for story in rn.wikinews_stories():
        for article in story["articles"]:
            yield article.get("lang"), article["text"]
    for article in rn.meantime_articles():
        yield from article["texts"].items()
    for doc in rn.ecbplus_docs():
        yield "en", doc["text"]
    for pair in rn.semeval_pairs(original_only=True):
        yield pair["lang1"], pair["text1"]
        yield pair["lang2"], pair["text2"]


def measure_background(rn: Any, quick: bool) -> tuple[int, list[str]]:
    """How many background articles were read, and the disclosures found in them."""
    texts = list(background(rn))
    if quick:
        texts = texts[:: max(1, len(texts) // QUICK_BACKGROUND)]
    found = [f"{lang}: {f.text[:80]}" for lang, text in texts for f in detect(text, lang)]
    return len(texts), found


def _row_class(row: dict[str, Any]) -> str:
    flag = row["should_flag"]
    return "image" if flag == "image" else "disclosure" if flag is True else "control"


def measure(quick: bool = False) -> dict[str, Any] | None:
    """Flagged statements per class, language and position; None without the corpus."""
    rn = load_realnews()
    if rn is None:
        return None
    texts = articles()
    rows = list(rn.disclaimers())
    if quick:
        rows = rows[:: max(1, len(rows) // QUICK_ROWS)]
    hits: Counter[tuple[str, str, str]] = Counter()
    totals: Counter[tuple[str, str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    stray = 0
    missing: list[str] = []
    misses: dict[str, list[str]] = {}
    for row in rows:
        cls, lang = _row_class(row), row["lang"]
        if lang not in texts:
            missing.append(row["id"])
            continue
        for position in POSITIONS:
            placed = place(row["text"], texts[lang], position)
            facts = detect(placed.text, lang)
            over = [f for f in facts if f.start < placed.end and placed.start < f.end]
            stray += len(facts) - len(over)
            totals[cls, lang, position] += 1
            if over:
                hits[cls, lang, position] += 1
                kinds[cls, str(getattr(over[0], "disclosure", None))] += 1
            elif cls != "control":
                misses.setdefault(row["id"], []).append(position)
            if over and cls == "control":
                misses.setdefault(row["id"], []).append(position)
    return {
        "rows": len(rows),
        "hits": hits,
        "totals": totals,
        "kinds": kinds,
        "stray": stray,
        "missing": missing,
        "misses": misses,
        "languages": sorted({lang for _, lang, _ in totals}),
        "background": measure_background(rn, quick),
    }


def _sum(counter: Counter[tuple[str, str, str]], cls: str, position: str) -> int:
    return sum(n for (c, _, p), n in counter.items() if c == cls and p == position)


def _recall_rows(figures: dict[str, Any]) -> Iterable[str]:
    hits, totals = figures["hits"], figures["totals"]
    for lang in figures["languages"]:
        if not totals["disclosure", lang, POSITIONS[0]]:
            continue
        cells = [
            share(hits["disclosure", lang, p], totals["disclosure", lang, p]) for p in POSITIONS
        ]
        yield f"| {lang} | " + " | ".join(cells) + " |"
    cells = [share(_sum(hits, "disclosure", p), _sum(totals, "disclosure", p)) for p in POSITIONS]
    yield "| **all** | " + " | ".join(f"**{c}**" for c in cells) + " |"


def _class_row(figures: dict[str, Any], cls: str, label: str) -> str:
    hits, totals = figures["hits"], figures["totals"]
    cells = [share(_sum(hits, cls, p), _sum(totals, cls, p)) for p in POSITIONS]
    return f"| {label} | " + " | ".join(cells) + " |"


def _targets(figures: dict[str, Any]) -> str:
    hits, totals = figures["hits"], figures["totals"]
    low = [
        f"{lang}/{p}"
        for lang in figures["languages"]
        for p in POSITIONS
        if totals["disclosure", lang, p]
        and hits["disclosure", lang, p] < TARGET_RECALL * totals["disclosure", lang, p]
    ]
    false = [
        p
        for p in POSITIONS
        if _sum(totals, "control", p)
        and _sum(hits, "control", p) > TARGET_FALSE * _sum(totals, "control", p)
    ]
    recall = "met" if not low else f"missed in {len(low)} language x position cells"
    fp = "met" if not false else "missed at " + ", ".join(false)
    return (
        f"Targets: recall ≥ {TARGET_RECALL:.0%} in every language and position: {recall}; "
        f"false positives ≤ {TARGET_FALSE:.0%} on controls at every position: {fp}."
    )


def to_markdown(figures: dict[str, Any] | None, command: str) -> str:
    """The Markdown section: recall per language x position, false positives per position."""
    if figures is None:
        return skipped(TITLE, command)
    head = "| | " + " | ".join(POSITIONS) + " |"
    rule = "|---|" + "---|" * len(POSITIONS)
    kinds = ", ".join(
        f"{k} {n}" for (c, k), n in sorted(figures["kinds"].items()) if c != "control"
    )
    misses = "; ".join(f"{i} ({', '.join(p)})" for i, p in sorted(figures["misses"].items()))
    out = [
        f"## {TITLE}",
        "",
        f"Command: `{command}`",
        "",
        f"{figures['rows']} statements of `disclaimers.jsonl`, each placed at {len(POSITIONS)} "
        "positions of a neutral article in its language (benchmarks/data/disclosure_articles.json). "
        "Flagged = a disclaimer fact overlaps the statement.",
        "",
        "Recall on the statements that should be flagged, per language:",
        "",
        head,
        rule,
        *_recall_rows(figures),
        "",
        "AI-image captions (a judgement call, reported apart) and controls (sentences about AI):",
        "",
        head,
        rule,
        _class_row(figures, "image", "AI-image captions flagged"),
        _class_row(figures, "control", "**controls flagged (false positives)**"),
        "",
        _targets(figures),
        "",
        f"Flags on the neutral articles' own text: {figures['stray']}. "
        f"Disclosure kinds given to flagged statements: {kinds or 'none'}.",
        "",
        f"Missed statements (disclosures, image captions) / flagged controls: {misses or 'none'}.",
        "",
        f"Real news articles without a disclosure (Wikinews and cited sources, MEANTIME, ECB+, "
        f"SemEval originals): {figures['background'][0]:,} read, "
        f"{len(figures['background'][1])} flagged"
        + "".join(f"\n- {cell(line)}" for line in figures["background"][1][:10]),
        "",
    ]
    if figures["missing"]:
        out += [f"No neutral article for: {', '.join(figures['missing'])}.", ""]
    return "\n".join(out)


def run(quick: bool = False) -> str:
    """Measure and render, with the command that reproduces the section."""
    return to_markdown(measure(quick), COMMAND + (" --quick" if quick else ""))


def main() -> None:
    """Print the section: `python benchmarks/disclosures.py [--quick]`."""
    print(run(quick="--quick" in sys.argv))


if __name__ == "__main__":
    main()
