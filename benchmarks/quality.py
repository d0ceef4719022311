"""Detection quality of the rules backend: labelled mutations and the examples' hand-made pairs.

Every article (the project's examples, and the third-party seeds read in place) is copied with one
controlled change (benchmarks/mutate.py) into a temporary folder and compared with the untouched
original. Per kind: the share of copies where that kind was reported (recall); for the negative
controls, the share with any high or medium finding (false-alarm rate).

Run alone: `python benchmarks/quality.py`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.mutate import KINDS, NEGATIVE, mutate, write_mutation  # noqa: E402

EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
SERIOUS = ("high", "medium")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the comparison reported for one mutated copy."""

    corpus: str  # "examples" | "seeds"
    source: str
    mutation: str
    detail: str
    expect: str | None
    hit: bool  # the expected kind (or flag) was reported; False for the negative controls
    tolerated: bool  # only a tolerated kind was reported
    serious: tuple[str, ...]  # kinds of the high/medium findings


def example_files() -> list[Path]:
    """The bundled example articles named in examples/expected.json."""
    expected = json.loads((EXAMPLES / "expected.json").read_text())
    return [EXAMPLES / name for story in expected["stories"].values() for name in story]


def seed_files() -> list[Path]:
    """The third-party seeds (empty when ../shared/seeds is not beside the checkout)."""
    return sorted(SEEDS.glob("[0-9][0-9][0-9]_*.txt")) if SEEDS.is_dir() else []


def evaluate(paths: list[Path], corpus: str, work: Path, *, seed: int = 0) -> list[Outcome]:
    """Mutate every article in every way it allows and compare each copy with its original."""
    from factcheck.compare import compare
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    outcomes = []
    for path in paths:
        reference = load_document(path)
        reference_facts = extract(reference)
        # What the article already carries (its own empty quotes, its own disclaimer) is not
        # caused by a mutation: only findings beyond comparing the article with itself count.
        itself = compare(reference, reference_facts, reference, reference_facts)
        base: Counter[str] = Counter(d.kind for d in itself.discrepancies)
        base_serious = Counter(d.kind for d in itself.discrepancies if d.severity in SERIOUS)
        base_flags = sum(f.document == "candidate" for f in itself.flags)
        for name in KINDS:
            mutation = mutate(reference, reference_facts, name, seed=seed)
            if mutation is None:
                continue
            candidate = load_document(write_mutation(path, reference, mutation, work))
            result = compare(reference, reference_facts, candidate, extract(candidate))
            counts: Counter[str] = Counter(d.kind for d in result.discrepancies)
            counts -= base
            serious = Counter(d.kind for d in result.discrepancies if d.severity in SERIOUS)
            if mutation.expect == "ai_disclaimer":
                hit = sum(f.document == "candidate" for f in result.flags) > base_flags
            else:
                hit = counts[mutation.expect or ""] > 0
            outcomes.append(
                Outcome(
                    corpus=corpus,
                    source=path.name,
                    mutation=name,
                    detail=mutation.detail,
                    expect=mutation.expect,
                    hit=hit,
                    tolerated=not hit and any(counts[k] for k in mutation.tolerate),
                    serious=tuple(sorted((serious - base_serious).elements())),
                )
            )
    return outcomes


def labelled_pairs() -> list[dict]:
    """The examples' hand-labelled pairs: expected kinds found and missed, and unexpected ones."""
    from factcheck.compare import compare
    from factcheck.extract.rules import extract
    from factcheck.load import load_document

    expected = json.loads((EXAMPLES / "expected.json").read_text())
    rows = []
    for pair in expected["pairs"]:
        ref = load_document(EXAMPLES / pair["reference"])
        cand = load_document(EXAMPLES / pair["candidate"])
        result = compare(ref, extract(ref), cand, extract(cand))
        kinds = {d.kind for d in result.discrepancies}
        flags = {f.kind for f in result.flags if f.document == "candidate"}
        allowed = set(pair["expect"]) | set(pair["tolerate"])
        rows.append(
            {
                "pair": f"{pair['reference']} -> {pair['candidate']}",
                "verdict": result.verdict,
                "found": [k for k in pair["expect"] if k in kinds],
                "missed": [k for k in pair["expect"] if k not in kinds],
                "flags_found": [f for f in pair["flags"] if f in flags],
                "flags_missed": [f for f in pair["flags"] if f not in flags],
                "unexpected": sorted(
                    {d.kind for d in result.discrepancies if d.severity in SERIOUS} - allowed
                ),
                "expect": pair["expect"],
            }
        )
    return rows


def measure(seed: int = 0) -> dict:
    """Every detection-quality figure (examples, seeds, labelled pairs)."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "examples").mkdir()
        (work / "seeds").mkdir()
        outcomes = evaluate(example_files(), "examples", work / "examples", seed=seed)
        outcomes += evaluate(seed_files(), "seeds", work / "seeds", seed=seed)
    return {"outcomes": outcomes, "pairs": labelled_pairs(), "seeds_found": bool(seed_files())}


def _recall_rows(outcomes: list[Outcome]) -> list[str]:
    rows = []
    for name in KINDS:
        if name in NEGATIVE:
            continue
        cells = [f"`{name}`"]
        for corpus in ("examples", "seeds", None):
            group = [o for o in outcomes if o.mutation == name and corpus in (None, o.corpus)]
            hits, tolerated = sum(o.hit for o in group), sum(o.tolerated for o in group)
            share = f"{hits / len(group):.0%}" if group else "n/a"
            cells.append(
                f"{hits}/{len(group)} ({share})" + (f", +{tolerated} tol." if tolerated else "")
            )
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _control_rows(outcomes: list[Outcome]) -> list[str]:
    rows = []
    for name in NEGATIVE:
        cells = [f"`{name}`"]
        for corpus in ("examples", "seeds", None):
            group = [o for o in outcomes if o.mutation == name and corpus in (None, o.corpus)]
            alarms = sum(bool(o.serious) for o in group)
            mean = sum(len(o.serious) for o in group) / len(group) if group else 0.0
            rate = f"{alarms / len(group):.0%}" if group else "n/a"
            cells.append(f"{alarms}/{len(group)} ({rate}), mean {mean:.2f}")
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def to_markdown(figures: dict, command: str) -> str:
    """The detection-quality sections of RESULTS.md."""
    outcomes: list[Outcome] = figures["outcomes"]
    lines = [
        "## Detection quality: labelled mutations (rules backend)",
        "",
        f"Command: `{command}`",
        "",
        "Each article gets one controlled change per kind (benchmarks/mutate.py; n/a when the "
        "article has nothing to change, e.g. no quote) and is compared with its original. "
        "Recall = copies where the expected kind was reported (any severity; for "
        "`ai_disclaimer`, the flag on the candidate) more often than when the original is "
        "compared with itself. `tol.` = copies where only a tolerated "
        "kind (a fair reading of the same edit) was reported; they are not counted as hits.",
        "",
        "| mutation | examples (8 articles) | seeds (5, read in place) | all |",
        "| --- | --- | --- | --- |",
        *_recall_rows(outcomes),
        "",
        "Negative controls: `reword` swaps two quote-free paragraphs, joins wrapped lines and "
        "swaps connective words and dashes outside quotes; `copy` rewrites the article unchanged. "
        "False alarm = any high or medium finding beyond what comparing the original with itself "
        "reports (an article's own empty quotes are reported whatever it is compared with); "
        "mean = such findings per copy.",
        "",
        "| control | examples | seeds | all |",
        "| --- | --- | --- | --- |",
        *_control_rows(outcomes),
        "",
    ]
    if not figures["seeds_found"]:
        lines += ["(../shared/seeds was not found: the seeds columns are empty.)", ""]
    misses = [o for o in outcomes if o.expect and not o.hit]
    if misses:
        lines += ["Missed mutations:", ""]
        lines += [
            f"- {o.source} `{o.mutation}` ({o.detail}): reported {sorted(set(o.serious)) or 'no high/medium finding'}"
            for o in misses
        ]
        lines.append("")
    alarms = [o for o in outcomes if o.mutation in NEGATIVE and o.serious]
    if alarms:
        lines += ["False alarms on controls:", ""]
        lines += [f"- {o.source} `{o.mutation}`: {', '.join(o.serious)}" for o in alarms]
        lines.append("")
    lines += [
        "## Detection quality: the examples' hand-labelled pairs (rules backend)",
        "",
        f"Command: `{command}`",
        "",
        "Kinds from examples/expected.json; `unexpected` = high/medium kinds neither expected nor "
        "tolerated. Claims need an LLM backend, so the rules backend cannot find them.",
        "",
        "| pair | verdict | found | missed | flag | unexpected |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    total = found = 0
    for row in figures["pairs"]:
        total += len(row["expect"])
        found += len(row["found"])
        flag = ", ".join(
            [
                *(f"{f} found" for f in row["flags_found"]),
                *(f"{f} MISSED" for f in row["flags_missed"]),
            ]
        )
        lines.append(
            f"| {row['pair']} | {row['verdict']} | {', '.join(row['found']) or '-'} | "
            f"{', '.join(row['missed']) or '-'} | {flag or '-'} | {', '.join(row['unexpected']) or '-'} |"
        )
    lines += ["", f"Expected kinds found: **{found}/{total}**.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    print(to_markdown(measure(), "python benchmarks/quality.py"))
