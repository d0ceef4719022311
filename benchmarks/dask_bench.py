"""The local and the Dask executor on the same generated corpus: wall time, peak RSS, same results.

    python benchmarks/dask_bench.py [--quick] [--sizes 1000,10000,100000] [--jobs 2] [--out PATH]

`make bench-scale` runs the full sizes and writes benchmarks/SCALE.md, which `make bench` copies
into RESULTS.md (the 100,000-article audits take most of an hour on 2 cores, too long for every
`make bench`).

Each size is one generated corpus (benchmarks/corpus.py, 25 articles per story past 1,000),
audited cold by `factcheck audit` as a subprocess with a fresh FACTCHECK_HOME, once per executor;
peak memory is the summed RSS of the whole process tree (Dask's worker processes included).
The default sizes are the issue's 1k -> 10k -> 100k; `--quick` runs 1,000 articles only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from benchmarks.speed import FACTCHECK, grouping_quality, timed_process  # noqa: E402

SCALE_RESULTS = ROOT / "benchmarks" / "SCALE.md"  # written by `make bench-scale`
EXECUTORS = ("local", "dask")
FULL_SIZES = (1000, 10000, 100000)
QUICK_SIZES = (1000,)


def stories_for(articles: int) -> int:
    """Stories of the corpus: 10 articles each at 1,000 (as speed.py), 25 each above."""
    return max(articles // 10, 1) if articles <= 1000 else articles // 25


def _env(home: Path) -> dict[str, str]:
    env = {**os.environ, "FACTCHECK_HOME": str(home), "NO_COLOR": "1"}
    for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "FACTCHECK_PROVIDERS"):
        env.pop(var, None)
    env.pop("DASK_SCHEDULER_ADDRESS", None)  # the bench starts its own LocalCluster
    return env


def _comparable(audit: dict) -> dict:
    """The parts of audit.json both executors must agree on (not `run`: times differ)."""
    return {key: audit[key] for key in ("documents", "groups", "pairs", "errors")}


def audit_once(folder: Path, out: Path, home: Path, executor: str, jobs: int) -> dict:
    """One cold audit of `folder` with `executor`: wall time, peak RSS and its audit.json."""
    command = [FACTCHECK, "audit", str(folder), "--jobs", str(jobs), "--out", str(out)]
    if executor != "local":
        command += ["--executor", executor]
    timed = timed_process(command, _env(home))
    audit = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    by_hand = (
        f"FACTCHECK_HOME={home.name} factcheck audit {folder.name} --jobs {jobs} --out {out.name}"
    )
    return {
        "executor": executor,
        "wall_s": timed["wall_s"],
        "peak_mb": timed["peak_mb"],
        "audit": audit,
        "command": by_hand + (f" --executor {executor}" if executor != "local" else ""),
    }


def compare_executors(articles: int, work: Path, jobs: int = 2) -> dict:
    """Both executors on one generated corpus of `articles`; their files are deleted after."""
    folder = work / f"corpus-{articles}"
    manifest = corpus.generate(folder, articles=articles, stories=stories_for(articles), seed=0)
    runs = []
    for executor in EXECUTORS:
        out, home = work / f"audit-{articles}-{executor}", work / f"home-{articles}-{executor}"
        runs.append(audit_once(folder, out, home, executor, jobs))
        shutil.rmtree(out)
        shutil.rmtree(home, ignore_errors=True)
    local, dask = runs
    same = _comparable(local["audit"]) == _comparable(dask["audit"])
    row = {
        "articles": articles,
        "stories": stories_for(articles),
        "jobs": jobs,
        "pairs": len(local["audit"]["pairs"]),
        "identical": same,
        "quality": grouping_quality(local["audit"], manifest),
        "runs": [{k: v for k, v in r.items() if k != "audit"} for r in runs],
    }
    shutil.rmtree(folder)
    return row


def measure(sizes: tuple[int, ...] = FULL_SIZES, jobs: int = 2, work: Path | None = None) -> list:
    """`compare_executors` for each size, in a temporary folder under `work`."""
    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        return [compare_executors(n, Path(tmp), jobs) for n in sizes]


def run(quick: bool = False, jobs: int = 2, work: Path | None = None) -> str:
    """The Markdown section: 1,000 articles with `quick`, else 1k, 10k and 100k."""
    rows = measure(QUICK_SIZES if quick else FULL_SIZES, jobs, work)
    command = "python benchmarks/dask_bench.py" + (" --quick" if quick else "")
    return to_markdown(rows, command)


def to_markdown(rows: list[dict], command: str) -> str:
    lines = [
        "## Audit executors: local processes and Dask (`--executor dask`, a LocalCluster)",
        "",
        f"Command: `{command}` (each audit a cold subprocess with a fresh FACTCHECK_HOME; peak "
        "memory is the summed VmRSS of the process tree, workers included, sampled every 100 ms).",
        "",
        "| articles | jobs | pairs | local wall | local peak RSS | Dask wall | Dask peak RSS | "
        "Dask / local time | identical results | pair precision / recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        local, dask = r["runs"]
        quality = r.get("quality") or {}
        found = (
            f"{quality['pair_precision']:.4f} / {quality['pair_recall']:.4f}" if quality else "-"
        )
        lines.append(
            f"| {r['articles']:,} | {r['jobs']} | {r['pairs']:,} | {local['wall_s']:.1f} s | "
            f"{local['peak_mb']:.0f} MB | {dask['wall_s']:.1f} s | {dask['peak_mb']:.0f} MB | "
            f"{dask['wall_s'] / local['wall_s']:.2f} | {'yes' if r['identical'] else '**NO**'} | "
            f"{found} |"
        )
    if len(rows) >= 2:
        for executor, index in (("local", 0), ("Dask", 1)):
            steps = " → ".join(
                f"{b['runs'][index]['wall_s'] / a['runs'][index]['wall_s']:.1f}× "
                f"({a['articles']:,}→{b['articles']:,})"
                for a, b in itertools.pairwise(rows)
            )
            lines += ["", f"Growth in time, {executor}: {steps}."]
    lines += ["", "Each audit, by hand:", ""]
    for r in rows:
        n = r["articles"]
        lines.append(
            f"- `python benchmarks/corpus.py corpus-{n} --articles {n} --stories {r['stories']} "
            "--seed 0`"
        )
        lines += [f"- `{run['command']}`" for run in r["runs"]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles only")
    parser.add_argument("--sizes", help="comma-separated article counts, e.g. 1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="write the section here (else print it)")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    if args.sizes:
        sizes = tuple(int(n) for n in args.sizes.split(","))
    load = os.getloadavg()[0]
    # Read before the run: a commit made while it runs did not make its figures.
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    rows = measure(sizes, args.jobs, ROOT / "benchmarks" / "out")
    command = "python benchmarks/dask_bench.py " + " ".join(argv or sys.argv[1:])
    section = to_markdown(rows, command.strip())
    if args.out is None:
        print(section)
        return 0
    stamp = (
        f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} at commit {commit or '?'}; "
        f"load average at start {load:.2f} on {os.cpu_count()} cores "
        "(`make bench` copies this section)."
    )
    title, _, rest = section.partition("\n")
    args.out.write_text(f"{title}\n\n{stamp}\n{rest}", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
