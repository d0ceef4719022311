"""Reports of one event: a Wikinews article against the news articles it cites (rules backend).

Reference = the Wikinews article, candidate = each cited source. The sources were written
independently, so many findings are real (rounded or updated figures, other people quoted): this
is not a zero-finding baseline. Hand judgements in benchmarks/labels/wikinews_judged.jsonl say which
findings are TRUE, DEFENSIBLE or FALSE; they are matched to the current findings by story, file,
kind and (cut) evidence text, so a judgement survives engine changes that keep the finding.

    python benchmarks/wikinews.py [--quick]                      # the markdown section
    python benchmarks/wikinews.py --sample N --seed S --out PATH # findings to judge, as JSONL
    python benchmarks/wikinews.py --sample N --unjudged --on-topic --uniform --seed S --out PATH

The corpus is read in place from ../shared/realnews and never copied.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.realnews import (  # noqa: E402
    COMMAND,
    SEVERITIES,
    load_realnews,
    per,
    share,
    skipped,
    wilson,
)

LABELS = ROOT / "benchmarks" / "labels" / "wikinews_judged.jsonl"
LABEL_VALUES = ("TRUE", "DEFENSIBLE", "FALSE")
EVIDENCE_CHARS = 80
QUICK_STORIES = 15
TARGET_FALSE_ALL = 0.10
TARGET_FALSE_HIGH = 0.05
UNIFORM = "uniform"  # label batches drawn uniformly at random start with this
TITLE = "Reports of one event (Wikinews vs its cited sources, rules backend)"

Key = tuple[str, str, str, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Row:
    """One finding of one (Wikinews article, cited source) pair."""

    story_id: str
    candidate: str  # the cited file's name, e.g. "01_en_bbc.txt"
    off_topic: bool
    kind: str
    severity: str
    message: str
    reference: tuple[str, int, int] | None  # evidence text, start, end
    candidate_evidence: tuple[str, int, int] | None
    reference_path: str
    candidate_path: str


def evidence_key(text: str | None) -> str | None:
    """Evidence as labels store it: whitespace collapsed, cut at 80 characters.

    A cut that ends on a space drops it, so that reading a stored label's evidence through
    this function again gives the same text (else the label never matches its finding).
    """
    return None if text is None else " ".join(text.split())[:EVIDENCE_CHARS].rstrip()


def finding_key(row: Row) -> Key:
    """What a label is matched on."""
    return (
        row.story_id,
        row.candidate,
        row.kind,
        evidence_key(row.reference[0] if row.reference else None),
        evidence_key(row.candidate_evidence[0] if row.candidate_evidence else None),
    )


def label_key(label: dict[str, Any]) -> Key:
    """The same key, from a label line (its evidence cut the same way)."""
    return (
        str(label.get("story_id")),
        str(label.get("candidate")),
        str(label.get("kind")),
        evidence_key(label.get("reference")),
        evidence_key(label.get("candidate_evidence")),
    )


# --- measuring -----------------------------------------------------------------------------------


def _relative(path: str) -> str:
    """A path as seen from the project root (../shared/...), for a judge to open."""
    try:
        return str(Path("..") / Path(path).resolve().relative_to(ROOT.parent))
    except ValueError:
        return path


def _evidence(found: Any) -> tuple[str, int, int] | None:
    return None if found is None else (found.text, found.start, found.end)


def _subset(stories: list[dict], limit: int | None) -> list[dict]:
    if not limit or limit >= len(stories):
        return stories
    step = len(stories) / limit
    return [stories[int(i * step)] for i in range(limit)]


def measure(quick: bool = False, limit: int | None = None) -> dict | None:
    """Compare every Wikinews article with each cited source; None without the corpus."""
    from factcheck.compare.engine import compare
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    rn = load_realnews()
    if rn is None:
        return None
    stories = list(rn.wikinews_stories())
    cited = [s for s in stories if any(a["role"] == "cited_source" for a in s["articles"])]
    chosen = _subset(cited, limit or (QUICK_STORIES if quick else None))
    rows: list[Row] = []
    pairs: list[dict[str, Any]] = []
    errors: list[str] = []
    for story in chosen:
        wikinews = story["articles"][0]
        # A failing file or pair (say, an engine mid-change) is reported, not fatal.
        try:
            reference = load_document(wikinews["path"])
            reference_facts = extract(reference)
        except Exception as error:
            errors.append(
                f"{story['story_id']}/{wikinews['file']}: {type(error).__name__}: {error}"
            )
            continue
        for source in story["articles"][1:]:
            if source["role"] != "cited_source":
                continue
            try:
                candidate = load_document(source["path"])
                result = compare(reference, reference_facts, candidate, extract(candidate))
            except Exception as error:
                errors.append(
                    f"{story['story_id']}/{source['file']}: {type(error).__name__}: {error}"
                )
                continue
            off_topic = bool(source.get("off_topic_suspect"))
            pairs.append(
                {
                    "story_id": story["story_id"],
                    "candidate": source["file"],
                    "off_topic": off_topic,
                    "verdict": result.verdict,
                }
            )
            rows += [
                Row(
                    story_id=story["story_id"],
                    candidate=source["file"],
                    off_topic=off_topic,
                    kind=d.kind,
                    severity=d.severity,
                    message=d.message,
                    reference=_evidence(d.reference),
                    candidate_evidence=_evidence(d.candidate),
                    reference_path=_relative(wikinews["path"]),
                    candidate_path=_relative(source["path"]),
                )
                for d in result.discrepancies
            ]
    return {
        "stories": len(stories),
        "with_sources": len(cited),
        "chosen": [s["story_id"] for s in chosen],
        "pairs": pairs,
        "rows": rows,
        "errors": errors,
        "quick": quick,
    }


# --- labels --------------------------------------------------------------------------------------


def read_labels(path: Path = LABELS) -> tuple[list[dict[str, Any]], list[str]] | None:
    """The hand judgements and any unreadable lines; None when the file does not exist."""
    if not path.is_file():
        return None
    labels: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON ({error.msg})")
            continue
        if not isinstance(label, dict):
            problems.append(f"line {number}: not a JSON object")
            continue
        if label.get("label") not in (*LABEL_VALUES, None):
            problems.append(
                f"line {number}: label {label.get('label')!r} is not one of {LABEL_VALUES}"
            )
            continue
        labels.append(label)
    return labels, problems


def _tally(labels: Iterable[dict[str, Any] | None]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for label in labels:
        value = label.get("label") if label else None
        counts[value if value in LABEL_VALUES else "unjudged"] += 1
    return {value: counts[value] for value in (*LABEL_VALUES, "unjudged")}


def rescore(rows: Sequence[Row], labels: Sequence[dict[str, Any]], stories: Iterable[str]) -> dict:
    """Match current findings to labels; tally TRUE/DEFENSIBLE/FALSE over all and high findings.

    Only labels of the given stories count (a quick run covers a subset); a label whose key
    matches no current finding is stale. When two labels share a key, the first one wins.
    """
    wanted = set(stories)
    index: dict[Key, dict[str, Any]] = {}
    duplicates = 0
    for label in labels:
        if label.get("story_id") not in wanted:
            continue
        key = label_key(label)
        if key in index:
            duplicates += 1
        else:
            index[key] = label
    current = {finding_key(row) for row in rows}
    matched = [index.get(finding_key(row)) for row in rows]
    by_severity = {
        severity: [
            label for row, label in zip(rows, matched, strict=True) if row.severity == severity
        ]
        for severity in SEVERITIES
    }
    return {
        "all": _tally(matched),
        "high": _tally(by_severity["high"]),
        "by_severity": {s: (len(found), _tally(found)) for s, found in by_severity.items()},
        "findings": len(rows),
        "high_findings": len(by_severity["high"]),
        "labels": len(index) + duplicates,
        "stale": sum(key not in current for key in index),
        "duplicates": duplicates,
    }


def _order(seed: int, row: Row) -> str:
    """A stable pseudo-random rank from the seed and the finding (no global random state)."""
    return hashlib.sha256(f"{seed}\x1f{finding_key(row)}\x1f{row.message}".encode()).hexdigest()


def sample(rows: Sequence[Row], size: int, seed: int) -> list[Row]:
    """High findings first, then medium, then low; within each, round-robin over stories."""
    picked: list[Row] = []
    for severity in SEVERITIES:
        by_story: dict[str, list[Row]] = {}
        for row in sorted(
            (r for r in rows if r.severity == severity), key=lambda r: _order(seed, r)
        ):
            by_story.setdefault(row.story_id, []).append(row)
        order = sorted(
            by_story, key=lambda s: hashlib.sha256(f"{seed}\x1f{s}".encode()).hexdigest()
        )
        depth = 0
        while any(depth < len(by_story[s]) for s in order):
            picked += [by_story[s][depth] for s in order if depth < len(by_story[s])]
            depth += 1
    return picked[:size]


def unjudged(rows: Sequence[Row], labels: Sequence[dict[str, Any]]) -> list[Row]:
    """Current findings no label matches, each distinct key once (the population to draw from).

    Two findings with the same key would share one label, so only the first is kept.
    """
    judged = {label_key(label) for label in labels}
    seen: set[Key] = set()
    left: list[Row] = []
    for row in rows:
        key = finding_key(row)
        if key in judged or key in seen:
            continue
        seen.add(key)
        left.append(row)
    return left


def uniform_sample(rows: Sequence[Row], size: int, seed: int) -> list[Row]:
    """`size` findings drawn uniformly at random, whatever their severity or story.

    Every finding has the same chance, so the sample's shares estimate the population's;
    the rank comes from `_order`, so a seed gives the same draw on every machine.
    """
    return sorted(rows, key=lambda r: _order(seed, r))[:size]


def to_label(row: Row, batch: str | None = None) -> dict[str, Any]:
    """A line of the labels file with `label` still to fill in, plus what a judge needs.

    `batch` names the draw (e.g. "uniform-7") so that its labels can be scored on their own.
    """
    reference, candidate = row.reference, row.candidate_evidence
    return {
        **({"sample": batch} if batch else {}),
        "story_id": row.story_id,
        "candidate": row.candidate,
        "kind": row.kind,
        "severity": row.severity,
        "reference": evidence_key(reference[0]) if reference else None,
        "candidate_evidence": evidence_key(candidate[0]) if candidate else None,
        "label": None,
        "note": "",
        "message": row.message,
        "reference_span": [reference[1], reference[2]] if reference else None,
        "candidate_span": [candidate[1], candidate[2]] if candidate else None,
        "reference_path": row.reference_path,
        "candidate_path": row.candidate_path,
        "off_topic_suspect": row.off_topic,
    }


# --- markdown ------------------------------------------------------------------------------------


def _kind_table(rows: list[Row], pairs: int) -> list[str]:
    kinds = Counter(r.kind for r in rows)
    lines = [
        "| kind | high | medium | low | total | per pair |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind, total in kinds.most_common():
        by_sev = Counter(r.severity for r in rows if r.kind == kind)
        lines.append(
            f"| `{kind}` | "
            + " | ".join(str(by_sev[s]) for s in SEVERITIES)
            + f" | {total} | {per(total, pairs)} |"
        )
    by_sev = Counter(r.severity for r in rows)
    lines.append(
        "| **total** | "
        + " | ".join(str(by_sev[s]) for s in SEVERITIES)
        + f" | {len(rows)} | {per(len(rows), pairs)} |"
    )
    return lines


def _label_lines(figures: dict, labels_path: Path) -> list[str]:
    read = read_labels(labels_path)
    try:
        shown = str(labels_path.resolve().relative_to(ROOT))
    except ValueError:
        shown = str(labels_path)
    how = (
        "`python benchmarks/wikinews.py --sample 60 --seed 1 --out PATH` writes findings to "
        "judge (high first, spread over stories); fill in `label` (TRUE, DEFENSIBLE or FALSE) "
        "and `note`, and append the lines to the labels file."
    )
    lines = ["### Hand-judged findings", ""]
    if read is None:
        return [*lines, f"No judgements yet: {shown} does not exist. {how}", ""]
    labels, problems = read
    scored = rescore(figures["rows"], labels, figures["chosen"])
    lines += [
        f"Labels from `{shown}`, matched to the current findings by story, cited file, kind and "
        f"both evidence texts (whitespace collapsed, cut at {EVIDENCE_CHARS} characters). "
        f"Targets: FALSE ≤ {TARGET_FALSE_ALL:.0%} of judged findings, ≤ {TARGET_FALSE_HIGH:.0%} "
        "of judged high findings. Shares are of judged findings; samples take every high "
        "finding first, so the `all` row over-represents high findings.",
        "",
        "| findings | current | judged | TRUE | DEFENSIBLE | FALSE | unjudged |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, total, tally in (
        ("all", scored["findings"], scored["all"]),
        *((s, scored["by_severity"][s][0], scored["by_severity"][s][1]) for s in SEVERITIES),
    ):
        judged = sum(tally[v] for v in LABEL_VALUES)
        cells = [share(tally[v], judged) for v in LABEL_VALUES]
        cells[-1] = f"**{cells[-1]}**"  # FALSE: the figure the targets are about
        lines.append(
            f"| {name} | {total} | {judged} | " + " | ".join(cells) + f" | {tally['unjudged']} |"
        )
    lines += [
        "",
        f"{scored['labels']} labels for these stories; {scored['stale']} no longer match any "
        f"finding (stale: the finding changed or went away)"
        + (f"; {scored['duplicates']} duplicate keys ignored" if scored["duplicates"] else "")
        + ".",
        "",
    ]
    lines += _uniform_lines(figures, labels)
    if problems:
        lines += ["Unreadable label lines:", "", *(f"- {p}" for p in problems[:10]), ""]
    if not scored["labels"]:
        lines += [how, ""]
    return lines


def _false_cell(tally: dict[str, int]) -> str:
    """The FALSE share of the judged findings of a tally, with its 95 % Wilson interval."""
    judged = sum(tally[v] for v in LABEL_VALUES)
    if not judged:
        return "0/0 (n/a)"
    low, high = wilson(tally["FALSE"], judged)
    return f"**{share(tally['FALSE'], judged)}**, {low:.0%}–{high:.0%}"


def _uniform_lines(figures: dict, labels: Sequence[dict[str, Any]]) -> list[str]:
    """The FALSE share on the uniform batches alone: the one estimate no severity skews."""
    uniform = [label for label in labels if str(label.get("sample", "")).startswith(UNIFORM)]
    if not uniform:
        return []
    batches = sorted({str(label["sample"]) for label in uniform})
    # The draw was over distinct keys, so a finding reported twice counts once here.
    distinct: dict[Key, Row] = {}
    for row in figures["rows"]:
        distinct.setdefault(finding_key(row), row)
    scored = rescore(list(distinct.values()), uniform, figures["chosen"])
    lines = [
        "#### Uniform sample (the unbiased estimate)",
        "",
        f"{scored['labels']} labels of the batches {', '.join(f'`{b}`' for b in batches)}, each "
        "drawn uniformly at random, whatever the severity, from the distinct on-topic findings "
        "no label matched when it was drawn (`--sample N --unjudged --on-topic --uniform`); "
        f"{scored['stale']} of them match no current finding. **This row is the unbiased "
        "estimate of the FALSE share of all findings** (strictly: of the on-topic findings that "
        "were unjudged at the draw, nearly all of them); the pooled table above over-represents "
        "high and medium findings. FALSE share with its 95 % Wilson interval:",
        "",
        "| uniform sample | judged | TRUE | DEFENSIBLE | FALSE, 95 % interval |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, tally in (
        ("all", scored["all"]),
        *((s, scored["by_severity"][s][1]) for s in SEVERITIES),
    ):
        judged = sum(tally[v] for v in LABEL_VALUES)
        if name != "all" and not judged:
            continue
        lines.append(
            f"| {name} | {judged} | {share(tally['TRUE'], judged)} | "
            f"{share(tally['DEFENSIBLE'], judged)} | {_false_cell(tally)} |"
        )
    return [*lines, ""]


def to_markdown(figures: dict | None, command: str, labels_path: Path = LABELS) -> str:
    """The Wikinews section of RESULTS.md."""
    if figures is None:
        return skipped(TITLE, command)
    pairs, rows = figures["pairs"], figures["rows"]
    on = [p for p in pairs if not p["off_topic"]]
    off = [p for p in pairs if p["off_topic"]]
    verdicts = sorted({p["verdict"] for p in pairs})
    quick = " (quick: an evenly spaced subset)" if figures["quick"] else ""
    lines = [
        f"## {TITLE}",
        "",
        f"Command: `{command}`",
        "",
        f"{len(figures['chosen'])} stories{quick} of the {figures['with_sources']} (of "
        f"{figures['stories']}) that keep at least one cited source; reference = the Wikinews "
        f"article, candidate = each cited source: {len(pairs)} pairs, {len(on)} on topic and "
        f"{len(off)} flagged `off_topic_suspect` by the corpus (few names and numbers in common; "
        "often a background page). The sources are independent reports, so many findings are "
        "real differences; the hand-judged sample below says how many.",
        "",
        "| verdict | on topic | off-topic suspect | all |",
        "| --- | --- | --- | --- |",
        *(
            f"| `{v}` | {sum(p['verdict'] == v for p in on)} | "
            f"{sum(p['verdict'] == v for p in off)} | {sum(p['verdict'] == v for p in pairs)} |"
            for v in verdicts
        ),
        "",
        f"Findings on the {len(on)} on-topic pairs:",
        "",
        *_kind_table([r for r in rows if not r.off_topic], len(on)),
        "",
    ]
    if off:
        lines += [
            f"Findings on the {len(off)} off-topic-suspect pairs:",
            "",
            *_kind_table([r for r in rows if r.off_topic], len(off)),
            "",
        ]
    if figures["errors"]:
        lines += [
            f"**{len(figures['errors'])} files or pairs failed** and are left out:",
            "",
            *(f"- {e}" for e in figures["errors"][:10]),
            "",
        ]
    lines += _label_lines(figures, labels_path)
    return "\n".join(lines)


def run(quick: bool = False) -> str:
    """Measure and render, with the run.py command."""
    return to_markdown(measure(quick), COMMAND + (" --quick" if quick else ""))


def _draw(rows: list[Row], args: argparse.Namespace) -> tuple[list[Row], str | None]:
    """The findings `--sample` writes, and the batch name its lines carry (uniform draws only)."""
    if args.on_topic:
        rows = [r for r in rows if not r.off_topic]
    if args.unjudged:
        read = read_labels(args.labels)
        rows = unjudged(rows, read[0] if read else [])
    if args.uniform:
        return uniform_sample(rows, args.sample, args.seed), f"{UNIFORM}-{args.seed}"
    return sample(rows, args.sample, args.seed), None


def main(argv: list[str] | None = None) -> int:
    """Print the section, or write a sample of findings to judge."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_STORIES} stories only")
    parser.add_argument("--sample", type=int, metavar="N", help="write N findings to judge")
    parser.add_argument("--seed", type=int, default=0, help="sample seed (default 0)")
    parser.add_argument(
        "--unjudged", action="store_true", help="sample only findings no label matches"
    )
    parser.add_argument(
        "--on-topic", action="store_true", help="sample only pairs not flagged off-topic"
    )
    parser.add_argument(
        "--uniform",
        action="store_true",
        help='sample uniformly at random (not high first); lines carry "sample": "uniform-SEED"',
    )
    parser.add_argument("--out", type=Path, help="where --sample writes its JSONL")
    parser.add_argument("--labels", type=Path, default=LABELS, help="the hand judgements")
    args = parser.parse_args(argv)
    if args.sample is not None and args.out is None:
        parser.error("--sample needs --out PATH")
    figures = measure(args.quick)
    if figures is None:
        print(skipped(TITLE, "python benchmarks/wikinews.py"), file=sys.stderr)
        return 1 if args.sample is not None else 0
    if args.sample is None:
        flags = " --quick" if args.quick else ""
        print(to_markdown(figures, f"python benchmarks/wikinews.py{flags}", args.labels))
        return 0
    chosen, batch = _draw(figures["rows"], args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for row in chosen:
            out.write(json.dumps(to_label(row, batch), ensure_ascii=False) + "\n")
    by_sev = Counter(r.severity for r in chosen)
    print(
        f"wrote {len(chosen)} findings ({', '.join(f'{by_sev[s]} {s}' for s in SEVERITIES)}) "
        f"from {len({r.story_id for r in chosen})} stories to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
