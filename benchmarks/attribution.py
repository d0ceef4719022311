"""Speaker attribution and quote boundaries on real English news (Wikinews and the outlets it cites).

`labels/attribution.jsonl` holds one hand-labelled quotation a line: the story and file in
../shared/realnews/wikinews, the quote's start and end (character offsets, marks included, as the
rules extractor reports them) and its speaker as the article names them. No article text is
stored. The labels were made by a helper session of this project reading every article around
each quote; `speaker` is null for quotation marks nobody speaks
through (a title, a term, a scare quote), and `role: true` marks a speaker the article names only
by role ("a Senate aide", "the spokesman"). `set` is "dev" for the 173 quotes the attribution
rules were improved against (their misses were read while writing the rules) and "holdout" for
43 quotes labelled afterwards from other stories and outlets, which measure how the rules
generalise.

Scores:
- boundaries: the share of labelled quotes the extractor returns with exactly those offsets;
- speaker: the share whose extracted speaker is right: the same person (`same_speaker`: a surname
  stands for the full name), a role whose last word the extracted role carries, or nobody for a
  quote nobody speaks. A quote the extractor misses counts as wrong. Wrong speakers (a different
  person or body) are counted apart from missing ones: they become high `misattributed_quote`.

Run alone: `python benchmarks/attribution.py [--quick]`.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.realnews import cell, load_realnews, share, short, skipped  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "attribution.jsonl"
TITLE = "Quote speakers and boundaries (hand-labelled Wikinews quotes, rules backend)"
COMMAND = "python benchmarks/attribution.py"
QUICK_LABELS = 40
TARGET_SPEAKER = 0.90
TARGET_BOUNDARY = 0.95
EXAMPLES = 12


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled quote."""

    story_id: str
    file: str
    outlet: str
    start: int
    end: int
    speaker: str | None
    role: bool
    also: tuple[str, ...]
    set: str  # "dev": the quotes the rules were improved on; "holdout": labelled after, unseen


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the extractor made of one labelled quote."""

    label: Label
    exact: bool  # the quote was found with the labelled offsets
    predicted: str | None  # the speaker of the extracted quote that overlaps it most
    verdict: str  # "right", "wrong" (another speaker), "missed" (none given), "lost" (no quote)


def read_labels(path: Path = LABELS) -> list[Label]:
    """The labelled quotes (lines starting with '{'; the file has no header line)."""
    labels = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        labels.append(
            Label(
                row["story_id"],
                row["file"],
                row.get("outlet", ""),
                row["start"],
                row["end"],
                row["speaker"],
                bool(row.get("role")),
                tuple(row.get("also", ())),
                row.get("set", "dev"),
            )
        )
    return labels


def speaker_right(label: Label, predicted: str | None) -> bool:
    """Whether `predicted` names the labelled speaker (see the module docstring)."""
    from factcheck.compare.names import same_speaker

    if label.speaker is None:
        return predicted is None
    if predicted is None:
        return False
    if label.role:
        head = label.speaker.lower().split()[-1]
        return head in predicted.lower().split()
    return any(same_speaker(predicted, gold) for gold in (label.speaker, *label.also))


def judge(label: Label, quotes: list[tuple[int, int, str | None]]) -> Outcome:
    """The outcome of one label against the (start, end, speaker) of a file's extracted quotes."""
    overlapping = [q for q in quotes if q[0] < label.end and label.start < q[1]]
    exact = any(q[0] == label.start and q[1] == label.end for q in overlapping)
    if not overlapping:
        return Outcome(label, False, None, "right" if label.speaker is None else "lost")
    best = max(overlapping, key=lambda q: min(q[1], label.end) - max(q[0], label.start))
    predicted = best[2]
    if speaker_right(label, predicted):
        verdict = "right"
    elif predicted is None:
        verdict = "missed"
    else:
        verdict = "wrong"
    return Outcome(label, exact, predicted, verdict)


def measure(quick: bool = False) -> list[Outcome] | None:
    """Extract every labelled file once and judge each label; None without the corpus."""
    corpus = load_realnews()
    if corpus is None:
        return None
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    labels = read_labels()
    if quick:
        labels = labels[:QUICK_LABELS]
    wanted = {(label.story_id, label.file) for label in labels}
    paths = {
        (story["story_id"], article["file"]): article["path"]
        for story in corpus.wikinews_stories()
        for article in story["articles"]
        if (story["story_id"], article["file"]) in wanted
    }
    extracted: dict[tuple[str, str], list[tuple[int, int, str | None]]] = {}
    for where, path in paths.items():
        facts = extract(load_document(Path(path)))
        extracted[where] = [(f.start, f.end, f.speaker) for f in facts if f.kind == "quote"]
    return [judge(label, extracted.get((label.story_id, label.file), [])) for label in labels]


def to_markdown(outcomes: list[Outcome] | None, command: str) -> str:
    """The RESULTS.md section: accuracies, error counts and the wrong speakers."""
    if outcomes is None:
        return skipped(TITLE, command)
    total = len(outcomes)
    verdicts = Counter(o.verdict for o in outcomes)
    exact = sum(o.exact for o in outcomes)
    outlets = len({o.label.outlet for o in outcomes})
    named = [o for o in outcomes if o.label.speaker is not None]
    nobody = [o for o in outcomes if o.label.speaker is None]
    lines = [
        f"## {TITLE}",
        "",
        f"Command: `{command}`",
        "",
        f"{total} quotes from {outlets} outlets, labelled by hand in "
        "`benchmarks/labels/attribution.jsonl` (offsets and speakers only).",
        "",
        "| measure | value | target |",
        "| --- | --- | --- |",
        f"| speaker accuracy | {share(verdicts['right'], total)} | ≥ {TARGET_SPEAKER:.0%} |",
        f"| quote boundaries exact | {share(exact, total)} | ≥ {TARGET_BOUNDARY:.0%} |",
        f"| speaker right, named speakers | "
        f"{share(sum(o.verdict == 'right' for o in named), len(named))} | |",
        f"| no speaker given where nobody speaks | "
        f"{share(sum(o.verdict == 'right' for o in nobody), len(nobody))} | |",
        f"| wrong speaker (becomes a high misattributed_quote) | "
        f"{share(verdicts['wrong'], total)} | |",
        f"| no speaker found | {share(verdicts['missed'], total)} | |",
        f"| quote not extracted | {share(verdicts['lost'], total)} | |",
        "",
        "| set | quotes | speaker accuracy | boundaries exact | wrong speaker |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name in sorted({o.label.set for o in outcomes}):
        part = [o for o in outcomes if o.label.set == name]
        lines.append(
            f"| {name} | {len(part)} | {share(sum(o.verdict == 'right' for o in part), len(part))}"
            f" | {share(sum(o.exact for o in part), len(part))}"
            f" | {share(sum(o.verdict == 'wrong' for o in part), len(part))} |"
        )
    lines.append("")
    wrong = [o for o in outcomes if o.verdict != "right"][:EXAMPLES]
    if wrong:
        lines += [
            "| story | file | offsets | labelled | extracted |",
            "| --- | --- | --- | --- | --- |",
        ]
        for o in wrong:
            lines.append(
                f"| {o.label.story_id[:24]} | {o.label.file} | {o.label.start}-{o.label.end} | "
                f"{cell(short(o.label.speaker, 40))} | {cell(short(o.predicted, 40))} |"
            )
        lines.append("")
    return "\n".join(lines)


def run(quick: bool = False) -> str:
    """Measure and render, with the command that reproduces the figures."""
    return to_markdown(measure(quick), COMMAND + (" --quick" if quick else ""))


def main() -> None:
    """Print the section to stdout."""
    print(run("--quick" in sys.argv))


if __name__ == "__main__":
    main()
