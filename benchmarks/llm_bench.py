"""LLM efficiency of an audit, against the loopback fake server with a fixed latency per call.

Measures, for an audit of N generated articles in G stories with an LLM chain, asked by story
(the default) and per article (`joint_compare = false`):
- the LLM calls made, next to the naive design (two extractions and one judgement per pair);
- the wall time with --jobs 16 next to the ideal (calls x latency / 16) and the critical path;
- the calls made by a second, cached run (expected: zero).

Run alone: `python benchmarks/llm_bench.py [--articles 96 --stories 12 --latency 0.3 --jobs 16]
[--per-article]` (one design, as JSON), or `--markdown` (both, as the RESULTS.md section).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _corpus():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _answer(route: str, body: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A minimal valid answer for any of the prompts: no facts, no verdicts."""
    from tests.fakes.llm_server import ok

    user = json.dumps(body.get("messages", []))
    if "<reference_article>" in user:  # a pair in one request (compare)
        count = user.count("<candidate_article n=")
        return ok({"reference": [], "candidates": [{"facts": []} for _ in range(count)]})
    return ok({"facts": []} if "<article>" in user else {"quotes": [], "claims": []})


def _kind(body: dict[str, Any]) -> str:
    """What a request asks: "extraction", "comparison" (a story's articles together) or
    "judgement"."""
    user = json.dumps(body.get("messages", []))
    if "<reference_article>" in user:
        return "comparison"
    return "extraction" if "<article>" in user else "judgement"


KINDS = ("extraction", "comparison", "judgement")

# The fake server in a process of its own, as a provider is: in the audit's process its threads
# would take turns with the audit's own for the interpreter lock, and slow both down.
_SERVE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from benchmarks.llm_bench import _answer, _kind
from tests.fakes.llm_server import FakeLLMServer
arrived = []  # (wall-clock time, kind) of each request, as it arrives
def answer(route, body):
    arrived.append((time.time(), _kind(body)))
    return _answer(route, body)
server = FakeLLMServer().start()
server.delay = float(sys.argv[2])
server.responder = answer
print(server.openai_url, flush=True)
for line in sys.stdin:  # each line asks for the requests received so far
    print(json.dumps(arrived), flush=True)
server.stop()
"""


class _ServerProcess:
    """The fake server run by a child process; `calls()` is the number of requests it saw."""

    def __init__(self, latency: float) -> None:
        import subprocess

        self._process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(ROOT), str(latency)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.openai_url = self._process.stdout.readline().strip()

    def arrivals(self) -> list[tuple[float, str]]:
        """(wall-clock time, kind) of every request received so far."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write("count\n")
        self._process.stdin.flush()
        return [(float(t), str(kind)) for t, kind in json.loads(self._process.stdout.readline())]

    def stop(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)


def measure(
    articles: int = 96,
    stories: int = 12,
    latency: float = 0.3,
    jobs: int = 16,
    by_story: bool = True,
) -> dict:
    """Run the audit twice (cold, then cached) against the fake server; return the figures.
    `by_story`: the default audit, a story's articles asked together (`joint_compare`); else
    each article asked on its own and each pair judged.

    Two bounds for the wall time: `ideal_s`, every call's latency spread over the `jobs`
    request slots (calls x latency / jobs), and `critical_s`, the shortest schedule the
    audit's design allows, in waves of at most `jobs` calls, the first request alone (a
    provider not yet heard from gets one request at a time, so that a revoked key costs one
    call):
    - per article, every other call then needs a slot, and a judgement needs its pair's two
      extractions answered first (a pair is judged as soon as they are), so at least one
      extraction wave precedes the first judgement; the audit starts from nothing loaded and no
      SDK imported, which this bound does not count;
    - by story, no request can leave before every article is read and the stories formed: the
      bound adds, before the waves, the wall time of reading and grouping the same folder in a
      fresh process (`read_and_group_seconds`); the comparisons of the last answers after the
      last wave are not counted.
    """
    from factcheck.audit import run_audit
    from factcheck.config import Settings

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = _corpus().generate(work / "corpus", articles=articles, stories=stories, seed=7)
        server = _ServerProcess(latency)
        home = str(work / "home")
        os.environ["FACTCHECK_HOME"] = home
        # The run's environment names the home too: a Settings.env without FACTCHECK_HOME sent
        # the caches to the user's own folder, where a later run whose fake server got the same
        # port found every answer already there (and no call was made).
        env = {
            "OPENAI_API_KEY": "bench",
            "OPENAI_BASE_URL": server.openai_url,
            "FACTCHECK_HOME": home,
        }
        settings = Settings(
            providers="openai:bench-model,rules", jobs=jobs, env=env, joint_compare=by_story
        )
        try:
            started, clock = time.perf_counter(), time.time()
            first = run_audit(work / "corpus", settings, out=work / "r1")
            cold_s = time.perf_counter() - started
            arrived = server.arrivals()
            started = time.perf_counter()
            run_audit(work / "corpus", settings, out=work / "r2")
            warm_s = time.perf_counter() - started
            warm_calls = len(server.arrivals()) - len(arrived)
        finally:
            server.stop()
    calls = {kind: sum(1 for _, k in arrived if k == kind) for kind in KINDS}
    cold_calls = len(arrived)
    pairs = len(first.result.pairs)
    ideal_s = cold_calls * latency / jobs
    figures: dict[str, Any] = {}
    if by_story:
        prefix_s = read_and_group_seconds(articles, stories)
        waves = 1 + math.ceil((cold_calls - 1) / jobs) if cold_calls else 0
        critical_s = prefix_s + waves * latency
        figures["read_and_group_s"] = prefix_s
    else:
        extraction_calls, judge_calls = calls["extraction"], calls["judgement"]
        after_first = math.ceil((extraction_calls - 1 + judge_calls) / jobs)
        waves = 1 + max(after_first, 2 if judge_calls else 1)
        critical_s = waves * latency if extraction_calls else 0.0
    return figures | {
        "by_story": by_story,
        "articles": articles,
        "stories_generated": len(manifest["stories"]),
        "groups_found": len(first.result.groups),
        "pairs": pairs,
        "calls": cold_calls,
        "calls_by_kind": calls,
        "naive_calls": 3 * pairs,
        "naive_ratio": 3 * pairs / cold_calls if cold_calls else float("inf"),
        "latency_s": latency,
        "jobs": jobs,
        "wall_s": cold_s,
        "ideal_s": ideal_s,
        "wall_ratio": cold_s / ideal_s if ideal_s else float("inf"),
        "waves": waves,
        "critical_s": critical_s,
        "critical_ratio": cold_s / critical_s if critical_s else float("inf"),
        "cached_rerun_calls": warm_calls,
        "cached_rerun_s": warm_s,
        "timeline": _timeline(arrived, clock),
        "sdk_import_s": _sdk_import_seconds(),
    }


# Read every article of a folder and form its stories, as an audit does before its first story
# request can leave: the audit's own steps (`read_all` in a pool of 2 worker processes, then
# `group_profiles`), timed from a fresh interpreter's first import to the stories formed.
_READ_AND_GROUP = """
import sys, time, os, tempfile
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from benchmarks.llm_bench import _corpus
work = Path(tempfile.mkdtemp())
_corpus().generate(work / "c", articles=int(sys.argv[2]), stories=int(sys.argv[3]), seed=7)
env = {"FACTCHECK_HOME": str(work / "home")}
os.environ.update(env)
started = time.perf_counter()
from factcheck.audit import _profiles_apart, _served_pool, read_all
from factcheck.audit.discover import discover
from factcheck.audit.grouping import group_profiles
from factcheck.config import Settings
paths, _ = discover(work / "c")
with _served_pool(2) as pool:
    cards, _ = read_all(paths, Settings(providers="rules", jobs=2, env=env), pool)
    group_profiles(_profiles_apart(cards)[0])
    print(time.perf_counter() - started)
"""


def read_and_group_seconds(articles: int, stories: int, runs: int = 3) -> float:
    """Wall time, in a fresh process, of reading and grouping the generated folder of `measure`
    with the audit's own functions and a pool like an LLM audit's (2 worker processes started
    by a fork server): what must be done before a story's request can leave. The median of
    `runs`."""
    import statistics
    import subprocess

    walls = [
        float(subprocess.run(
            [sys.executable, "-c", _READ_AND_GROUP, str(ROOT), str(articles), str(stories)],
            capture_output=True, text=True, check=True,
        ).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(walls)


def _sdk_import_seconds() -> float:
    """CPU seconds `import openai` takes in a fresh interpreter (median of 3)."""
    import statistics
    import subprocess

    code = "import time; t = time.process_time(); import openai; print(time.process_time() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return statistics.median(runs)


def _timeline(arrived: list[tuple[float, str]], started: float) -> dict[str, float]:
    """When (seconds after the audit started) the first and last request of each kind reached
    the server."""
    found = {"first_request_s": min((t - started for t, _ in arrived), default=float("nan"))}
    for kind in KINDS:
        times = [t - started for t, k in arrived if k == kind]
        if times:
            found[f"first_{kind}_s"], found[f"last_{kind}_s"] = min(times), max(times)
    return found


def cached_compare(runs: int = 5) -> dict:
    """CPU time of a fresh `factcheck compare` of two examples: rules only, and with an LLM
    chain whose every answer is already cached (no call made). Medians of `runs` each, the two
    kinds taking turns: run one after the other, a machine whose speed drifts (this one varies
    by up to half between minutes) moved the ratio between 0.96 and 1.56 with the same code."""
    import resource
    import subprocess

    from tests.fakes.llm_server import FakeLLMServer

    server = FakeLLMServer().start()
    server.responder = _answer
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, FACTCHECK_HOME=home, OPENAI_API_KEY="bench", PYTHONPATH=str(ROOT))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's install has its bytecode cached
        examples = ROOT / "examples"
        command = [sys.executable, "-m", "factcheck", "compare", str(examples / "a1-reference-en.md"),
                   str(examples / "a2-retelling-en.txt"), "--format", "json", "--fail-on", "never"]  # fmt: skip

        def cpu(provider: str) -> tuple[float, dict]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run([*command, "--provider", provider], env=env,
                                  capture_output=True, text=True, check=True)  # fmt: skip
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            spent = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            return spent, json.loads(done.stdout)["run"]

        chain = f"openai:bench-model@{server.openai_url};key=OPENAI_API_KEY,rules"
        try:
            cpu(chain)  # fills the cache (and the bytecode caches)
            rules, cached = [], []
            for _ in range(runs):
                rules.append(cpu("rules")[0])
                cached.append(cpu(chain))
            rules.sort()
        finally:
            server.stop()
    middle = runs // 2
    return {
        "rules_cpu_s": rules[middle],
        "cached_cpu_s": sorted(c[0] for c in cached)[middle],
        "cached_calls": max(c[1]["llm_calls"] for c in cached),
        "cached_hits": min(c[1]["cache_hits"] for c in cached),
        "runs": runs,
    }


def to_markdown(figures: dict, command: str) -> str:
    """The LLM-efficiency tables for RESULTS.md: the audit by story (the default) and per
    article, side by side."""
    story, apart = figures["by_story"], figures["per_article"]
    designs = (story, apart)

    def row(label: str, value: Any) -> str:
        return f"| {label} | " + " | ".join(value(f) for f in designs) + " |"

    def walls(f: dict) -> str:
        runs = f.get("walls_s", [f["wall_s"]])
        return f"{f['wall_s']:.2f} s (runs: {', '.join(f'{w:.2f}' for w in runs)})"

    def ratios(f: dict) -> str:
        runs = f.get("walls_s", [f["wall_s"]])
        each = ", ".join(f"{w / f['critical_s']:.3f}" for w in runs)
        return f"**{f['critical_ratio']:.3f}** (runs: {each})"

    def kinds(f: dict) -> str:
        named = [f"{n} {kind}s" for kind, n in f["calls_by_kind"].items() if n]
        return f"{f['calls']} ({', '.join(named) or 'none'})"

    return "\n".join(
        [
            "## LLM efficiency (loopback fake server)",
            "",
            f"Command: `{command}`",
            "",
            f"Audit of {story['articles']} generated articles ({story['stories_generated']} "
            f"stories; {story['groups_found']} groups found, {story['pairs']} pairs compared) "
            f"with the chain `openai:bench-model,rules`, every call answered after "
            f"{story['latency_s'] * 1000:.0f} ms, --jobs {story['jobs']}, asked the two ways "
            "an audit can: by story (the default: a story's reference with up to three of its "
            "other articles in one request, once every article is read and the stories formed) "
            "and per article (`joint_compare = false`: each article's extraction sent as soon as "
            "it is read, each pair judged once both its articles are answered). Target (issue "
            "18): wall time at most 1.2 times the bound, the critical path of the design; the "
            "ideal beside it assumes every slot busy from the first instant, with no request "
            "alone. Each cold run is a fresh process (nothing imported, nothing cached); the "
            "figures are those of the median of the runs. Calls are counted by kind at the "
            "server; a request the run has already asked is answered from its own cache.",
            "",
            "| measure | by story (default) | per article |",
            "| --- | --- | --- |",
            row("LLM calls made (cold)", kinds),
            row(
                "naive design (2 extractions + 1 judgement per pair) / ours",
                lambda f: f"{f['naive_calls']} / {f['calls']} = {f['naive_ratio']:.2f}x",
            ),
            row("wall time (median cold run)", walls),
            row("ideal (calls x latency / jobs)", lambda f: f"{f['ideal_s']:.2f} s"),
            row("wall / ideal", lambda f: f"{f['wall_ratio']:.3f}"),
            row("critical path", lambda f: f"{f['critical_s']:.2f} s"),
            row("how the critical path is made", _bound_text),
            row("wall / critical path", ratios),
            row(
                "wall / the per-article design's critical path",
                lambda f: f"{f['wall_s'] / apart['critical_s']:.3f}",
            ),
            row(
                "calls on a cached re-run",
                lambda f: f"{f['cached_rerun_calls']} ({f['cached_rerun_s']:.1f} s)",
            ),
            "",
            *_timeline_rows(designs),
            "",
            *_cached_rows(figures.get("compare")),
        ]
    )


def _bound_text(f: dict) -> str:
    waves = f"{f['waves']} waves of at most {f['jobs']} calls x {f['latency_s'] * 1000:.0f} ms"
    if f["by_story"]:
        return (
            f"reading and grouping the folder in a fresh process ({f['read_and_group_s']:.2f} s, "
            f"2 workers), then {waves}, the first call alone"
        )
    return f"{waves}: one call alone, a pair's judgement after its two extractions"


def _timeline_rows(designs: tuple[dict, ...]) -> list[str]:
    lines = []
    for f in designs:
        t = f.get("timeline")
        if not t:
            continue
        spans = [f"first request after {t['first_request_s']:.2f} s"]
        for kind in KINDS:
            if f"first_{kind}_s" in t:
                spans.append(
                    f"{kind}s sent from {t[f'first_{kind}_s']:.2f} s to {t[f'last_{kind}_s']:.2f} s"
                )
        name = "by story" if f["by_story"] else "per article"
        lines.append(f"- {name}: " + "; ".join(spans) + ".")
    if not lines:
        return []
    sdk = designs[0].get("sdk_import_s")
    sdk_text = f" (`import openai` alone: {sdk:.2f} s of CPU in a fresh interpreter)" if sdk else ""
    return [
        "Timeline of each cold run, from the server's clock (each answered "
        f"{designs[0]['latency_s'] * 1000:.0f} ms later):",
        "",
        *lines,
        "",
        f"Before the first request a run imports the provider's SDK{sdk_text} while two worker "
        "processes start and read the articles, on 2 cores.",
    ]


def _cached_rows(c: dict | None) -> list[str]:
    if not c:
        return []
    ratio = c["cached_cpu_s"] / c["rules_cpu_s"]
    return [
        "A fresh `factcheck compare` of examples a1 and a2 (CPU time of the process, median of "
        f"{c['runs']} each, the two kinds taking turns; bytecode cached as in an installed "
        "package):",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| rules only | {c['rules_cpu_s']:.2f} s |",
        f"| LLM chain, every answer cached ({c['cached_calls']} calls, {c['cached_hits']} cache "
        f"hit{'' if c['cached_hits'] == 1 else 's'}) | {c['cached_cpu_s']:.2f} s |",
        f"| cached / rules | {ratio:.2f} (target ≤ 1.5) |",
        "",
    ]


def median_of_fresh_runs(articles: int, stories: int, runs: int = 3, by_story: bool = True) -> dict:
    """`measure` in `runs` fresh processes (each imports its SDK and starts its workers, as a
    user's run does); the figures of the run of median wall time, with every run's wall."""
    import subprocess

    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--articles", str(articles),
             "--stories", str(stories), "--no-compare",
             *([] if by_story else ["--per-article"])],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(done.stdout))
    results.sort(key=lambda f: f["wall_s"])
    median = results[len(results) // 2]
    median["walls_s"] = [f["wall_s"] for f in results]
    return median


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section (the hook `benchmarks/run.py` calls)."""
    articles, stories = (32, 4) if quick else (96, 12)
    runs = 1 if quick else 3
    figures = {
        "by_story": median_of_fresh_runs(articles, stories, runs),
        "per_article": median_of_fresh_runs(articles, stories, runs, by_story=False),
        "compare": cached_compare(),
    }
    command = f"python benchmarks/llm_bench.py --articles {articles} --stories {stories}"
    return to_markdown(figures, command)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=96)
    parser.add_argument("--stories", type=int, default=12)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--per-article", action="store_true", help="joint_compare = false")
    parser.add_argument("--no-compare", action="store_true", help="skip the cached compare")
    parser.add_argument("--markdown", action="store_true", help="the RESULTS.md section")
    args = parser.parse_args(argv)
    if args.markdown:
        print(run())
        return
    figures = measure(args.articles, args.stories, args.latency, args.jobs, not args.per_article)
    if not args.no_compare:
        figures["compare"] = cached_compare()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
