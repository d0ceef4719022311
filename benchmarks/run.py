"""`make bench`: speed and detection-quality benchmarks, written to benchmarks/RESULTS.md.

    python benchmarks/run.py [--quick] [--only speed|quality|realnews|stories] [--out PATH]

`--quick` is a small run for smoke tests; it writes benchmarks/out/RESULTS-quick.md unless `--out`
says otherwise, so it never replaces the measured RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "RESULTS.md"
QUICK_RESULTS = ROOT / "benchmarks" / "out" / "RESULTS-quick.md"
FUZZ_RESULTS = ROOT / "benchmarks" / "FUZZ.md"  # written by `make fuzz`
SCALE_RESULTS = ROOT / "benchmarks" / "SCALE.md"  # written by `make bench-scale`


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def machine() -> str:
    """The header of RESULTS.md: what ran, where and when."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain") else ""
    ram = _ram_gb()
    return "\n".join(
        [
            "| | |",
            "| --- | --- |",
            f"| CPU | {_cpu_model()} |",
            f"| cores | {os.cpu_count()} |",
            f"| RAM | {f'{ram:.1f} GB' if ram else 'unknown'} |",
            f"| Python | {platform.python_version()} ({platform.system()} {platform.release()}) |",
            f"| date | {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} |",
            f"| git commit | {commit}{dirty} |",
            f"| load average at start (1 min) | {os.getloadavg()[0]:.2f} (other work on the machine "
            "slows every figure) |",
        ]
    )


def _llm_section(quick: bool) -> str | None:
    """The lead's LLM-efficiency benchmark, when benchmarks/llm_bench.py exists."""
    if importlib.util.find_spec("benchmarks.llm_bench") is None:
        return None
    # In a process of its own, as a user's audit runs, not in this one after every other
    # section has filled its heap and caches: run here, the same audit took 6.8 and 7.7 s
    # against 5.3 s alone (2026-12-02).
    code = f"from benchmarks import llm_bench; print(llm_bench.run(quick={quick!r}), end='')"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode:  # report the failure instead of losing the other sections
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"## LLM efficiency\n\nFailed: {reason}\n"
    return done.stdout


def _ragas_section(quick: bool) -> str:
    """Prompt tokens per pair next to RAGAS Faithfulness (ragas in .venv-ragas, made on first
    use; a line saying why when it cannot be)."""
    from benchmarks import ragas_bench

    try:
        return ragas_bench.run(quick=quick)
    except Exception as error:  # report the failure instead of losing the other sections
        return f"## {ragas_bench.TITLE}\n\nFailed: {type(error).__name__}: {error}\n"


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpora, under a minute")
    parser.add_argument("--only", choices=("speed", "quality", "realnews", "stories"))
    parser.add_argument("--out", type=Path, help="results file (default: benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    out = args.out or (QUICK_RESULTS if args.quick else RESULTS)
    flags = " --quick" if args.quick else ""
    command = f"make bench (python benchmarks/run.py{flags})"
    started = time.perf_counter()
    sections = []
    if args.only in (None, "speed"):
        from benchmarks import speed

        print("speed: throughput, audit scaling, start-up ...", file=sys.stderr)
        figures = speed.measure(quick=args.quick, work=ROOT / "benchmarks" / "out")
        sections.append(speed.to_markdown(figures, f"python benchmarks/run.py --only speed{flags}"))
    if args.only in (None, "quality"):
        from benchmarks import quality, summedits

        print("quality: mutations, labelled pairs, SummEdits ...", file=sys.stderr)
        q_command = f"python benchmarks/run.py --only quality{flags}"
        sections.append(quality.to_markdown(quality.measure(), q_command))
        sections.append(summedits.to_markdown(summedits.measure(quick=args.quick), q_command))
    if args.only in (None, "realnews"):
        from benchmarks import attribution, disclosures, recognizers, translations, wikinews

        print("realnews: MEANTIME translations, Wikinews sources, disclosures ...", file=sys.stderr)
        sections.append(translations.run(quick=args.quick))
        sections.append(wikinews.run(quick=args.quick))
        sections.append(recognizers.run(quick=args.quick))
        sections.append(attribution.run(quick=args.quick))
        sections.append(disclosures.run(quick=args.quick))
    if args.only in (None, "stories"):
        from benchmarks import stories

        print(
            "stories: ECB+, SemEval, ITN, MEANTIME grouping, reposts, language ID ...",
            file=sys.stderr,
        )
        sections.append(stories.run(quick=args.quick))
    if args.only is None and FUZZ_RESULTS.is_file():
        # The long fuzz run is its own command (`make fuzz`); its last figures are shown here.
        sections.append(FUZZ_RESULTS.read_text(encoding="utf-8"))
    if args.only is None and SCALE_RESULTS.is_file():
        # So is the 100,000-article audit with both executors (`make bench-scale`).
        sections.append(SCALE_RESULTS.read_text(encoding="utf-8"))
    if args.only is None:
        print("llm efficiency ...", file=sys.stderr)
        llm = _llm_section(args.quick)
        if llm:
            sections.append(llm)
        print("llm prompt tokens next to RAGAS Faithfulness ...", file=sys.stderr)
        sections.append(_ragas_section(args.quick))
    elapsed = time.perf_counter() - started
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            "Generated by `benchmarks/run.py`; do not edit by hand (see benchmarks/README.md).",
            f"Whole run: `{command}`, {elapsed:.0f} s.",
            "",
            machine(),
            "",
            *sections,
        ]
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text.rstrip() + "\n", encoding="utf-8")
    print(f"wrote {out} in {elapsed:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
