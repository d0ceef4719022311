"""LLM calls and prompt tokens per compared pair: factcheck next to RAGAS Faithfulness.

Both systems read the same article pairs and talk to the same loopback fake OpenAI-compatible
server (tests/fakes/llm_server.py, in a process of its own); every request body it receives is
kept, and the prompt tokens of both systems are counted from those bodies in one way:

- factcheck `compare`, each pair a fresh run without the answer cache (one request per pair carrying
  both articles);
- factcheck `audit` of the same articles as one folder (each story's reference asked once with
  up to three of its other articles), and the same audit asked per article (each article
  extracted once, the extractions reused by every pair it is in, then a judgement per pair);
- RAGAS Faithfulness, the candidate as the `response` and its reference as the only retrieved
  context. RAGAS runs in a venv of its own (`.venv-ragas`, git-ignored, made on first use with a
  pinned ragas from PyPI) as a subprocess: benchmarks/ragas_side.py. RAGAS is no dependency of
  the project.

    python benchmarks/ragas_bench.py [--quick] [--no-install] [--stories 8 --per-story 4]

(`make bench-ragas`). When the venv cannot be made (no package index), the section says so in
one line and `make bench` goes on.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RAGAS_VERSION = "0.4.3"  # pinned: prompts change between releases, and so would the figures
# What pip installs into the venv. ragas 0.4.3 imports langchain_community.chat_models.vertexai,
# which langchain-community 0.4.2 removed: without the second pin `import ragas` fails.
RAGAS_REQUIREMENTS = (f"ragas=={RAGAS_VERSION}", "langchain-community==0.4.1")
RAGAS_VENV = ROOT / ".venv-ragas"
SIDE = ROOT / "benchmarks" / "ragas_side.py"
TITLE = "LLM prompt tokens per pair: factcheck vs RAGAS Faithfulness (loopback fake)"
COMMAND = "make bench-ragas (python benchmarks/ragas_bench.py)"
MODEL = "bench-model"
# The same fake model, leaving out the English gloss of each claim (a sensitivity run: the fake
# sees nothing of a run but its requests, so the variant is named by the model).
MODEL_NO_GLOSS = "bench-model-nogloss"
DUMMY_KEY = "bench-not-a-key"
# RAGAS wants a question; a retold article answers this one.
QUESTION = "What does this news article report?"
SEED = 11
TARGETS = {"compare": 0.8, "audit": 0.5}  # factcheck's prompt tokens per pair / RAGAS's
RAGAS_APIS = ("collections", "legacy")  # the first is the baseline of the ratios
REAL_PAIRS = 6  # Wikinews article vs one cited source, when ../shared/realnews is there
REAL_MAX_CHARS = 9000  # longer articles are left out of the real pairs (RAGAS has no chunking)

# --- counting ------------------------------------------------------------------------------------

# One token per run of word characters, one per other non-space character. Offline, identical for
# both systems, and nobody's real tokenizer: BPE tokenizers give fewer tokens for English words
# and more for rare scripts, but the ratio between two systems sending similar text moves little.
TOKEN = re.compile(r"\w+|[^\w\s]")
TOKENIZER_NOTE = (
    "regex `\\w+|[^\\w\\s]` (a run of word characters, or one other non-space character, is one "
    "token): an offline approximation, nobody's real tokenizer, applied identically to both "
    "systems"
)
# The parts of a request body, besides its messages, that carry text the model reads.
FORMAT_KEYS = ("response_format", "tools", "functions", "tool_choice")


def count_tokens(text: str) -> int:
    """Tokens of `text` by the benchmark's one tokenizer (TOKEN)."""
    return len(TOKEN.findall(text))


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
        return "\n".join(
            str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in content
        )
    return "" if content is None else str(content)


def messages_of(body: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(role, text) of every message of an OpenAI chat-completions body."""
    return [
        (str(m.get("role", "")), _content_text(m.get("content")))
        for m in body.get("messages") or []
        if isinstance(m, dict)
    ]


def format_text(body: Mapping[str, Any]) -> str:
    """The output format, tools and schemas sent beside the messages, as the JSON they are."""
    return "\n".join(
        json.dumps(body[key], ensure_ascii=False) for key in FORMAT_KEYS if body.get(key)
    )


def request_tokens(body: Mapping[str, Any]) -> int:
    """Prompt tokens of one request: its messages' text plus any schema or tools sent with it."""
    return sum(count_tokens(text) for _, text in messages_of(body)) + count_tokens(
        format_text(body)
    )


# --- what the fake answers -----------------------------------------------------------------------

# Markers of RAGAS's two Faithfulness prompts (ragas 0.2-0.4: the legacy and the collections
# prompts share these sentences).
RAGAS_STATEMENTS_MARK = "Break down each sentence into one or more fully understandable statements"
RAGAS_VERDICTS_MARK = "judge the faithfulness of a series of statements"
RAGAS_INPUT_MARK = "Now perform the same with the following input"

# A sentence ends at . ! ? ؟ or 。 (maybe followed by closing quotes or brackets) before white
# space, or at a line break.
_SENTENCE_END = re.compile(
    r"(?:(?<=[.!?\u061f\u3002])|(?<=[.!?\u061f\u3002][\"'\u00bb\u201d\u2019)]))\s+|\s*\n\s*"
)
MIN_SENTENCE_WORDS = 3


def sentences(text: str) -> list[str]:
    """The sentences of `text` (each verbatim, stripped), fragments under 3 words left out.

    The fake's stand-in for a model's reading: factcheck's extraction gets one claim per sentence,
    RAGAS's statement generator one statement per sentence, so both systems carry the same amount
    of model output into their second prompt.
    """
    found = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if len(re.findall(r"\w+", piece)) >= MIN_SENTENCE_WORDS:
            found.append(piece)
    return found


def classify(body: Mapping[str, Any]) -> str:
    """Which prompt a request is: factcheck_extract, factcheck_judge, ragas_statements,
    ragas_verdicts, or unknown."""
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        name = (response_format.get("json_schema") or {}).get("name")
        if name == "facts":
            return "factcheck_extract"
        if name == "judgement":
            return "factcheck_judge"
        if name == "comparison":
            return "factcheck_compare"
    text = "\n".join(t for _, t in messages_of(body))
    if RAGAS_STATEMENTS_MARK in text:
        return "ragas_statements"
    if RAGAS_VERDICTS_MARK in text:
        return "ragas_verdicts"
    if "<reference_article>" in text:
        return "factcheck_compare"
    if "<article>" in text:
        return "factcheck_extract"
    if "<reference>" in text and "<candidate>" in text:
        return "factcheck_judge"
    return "unknown"


def _between(text: str, start: str, end: str) -> str:
    at = text.find(start)
    if at < 0:
        return ""
    at += len(start)
    stop = text.find(end, at)
    return text[at : stop if stop >= 0 else len(text)]


def _ragas_input(text: str) -> dict[str, Any]:
    """The JSON input at the end of a RAGAS prompt ("... following input\\ninput: {...}")."""
    at = text.rfind(RAGAS_INPUT_MARK)
    start = text.find("{", at if at >= 0 else 0)
    if start < 0:
        return {}
    try:
        data, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def _schema_of(body: Mapping[str, Any]) -> dict[str, Any]:
    response_format = body.get("response_format")
    if isinstance(response_format, dict):
        schema = (response_format.get("json_schema") or {}).get("schema")
        if isinstance(schema, dict):
            return schema
    return {}


def _ids(schema: Mapping[str, Any], part: str) -> list[str]:
    try:
        return list(schema["properties"][part]["items"]["properties"]["id"]["enum"])
    except (KeyError, TypeError):
        return []


def _judge_ids(body: Mapping[str, Any], user: str) -> tuple[list[str], list[str]]:
    """The quote-pair and claim ids a judge request asks about: from the schema's enums, else
    from the listed items."""
    schema = _schema_of(body)
    if schema:
        return _ids(schema, "quotes"), _ids(schema, "claims")
    pairs = _between(user, "Quote pairs to judge:", "Candidate claims to judge:")
    claims = user.split("Candidate claims to judge:", 1)[-1]
    listed = re.compile(r"^\s*([a-z]\d+(?:\.\d+)?):", re.MULTILINE)
    return listed.findall(pairs), listed.findall(claims)


def answer_data(body: Mapping[str, Any]) -> dict[str, Any]:
    """The fake model's answer to a request: minimal, valid for the prompt's schema, and as long
    for both systems (one claim or statement per sentence, one short verdict per item)."""
    kind = classify(body)
    text = "\n".join(t for _, t in messages_of(body))
    gloss = body.get("model") != MODEL_NO_GLOSS
    if kind == "factcheck_extract":
        article = _between(text, "<article>\n", "\n</article>")
        limit = _schema_of(body).get("properties", {}).get("facts", {}).get("maxItems", 60)
        return {"facts": _claims(article, limit, gloss)}
    if kind == "factcheck_compare":
        from tests.fakes.llm_server import joint_articles

        properties = _schema_of(body).get("properties", {})
        reference, candidates = joint_articles(text)
        cand_limit = (
            properties.get("candidates", {})
            .get("items", {})
            .get("properties", {})
            .get("facts", {})
            .get("maxItems", 60)
        )
        ref_facts = _claims(reference, properties.get("reference", {}).get("maxItems", 60), gloss)
        for n, fact in enumerate(ref_facts, 1):
            fact["id"] = f"R{n}"
        entries = []
        for candidate in candidates:
            facts = _claims(candidate, cand_limit, gloss)
            for n, fact in enumerate(facts, 1):
                # one short verdict per claim, as the judge gives
                fact.update(match=f"R{n}", verdict="same", reason="The reference says so.")
            entries.append({"facts": facts})
        return {"reference": ref_facts, "candidates": entries}
    if kind == "factcheck_judge":
        pairs, claims = _judge_ids(body, text)
        return {
            "quotes": [{"id": i, "verdict": "same", "reason": "Same words."} for i in pairs],
            "claims": [
                {"id": i, "verdict": "supported", "reason": "The reference says so."}
                for i in claims
            ],
        }
    if kind == "ragas_statements":
        return {"statements": sentences(str(_ragas_input(text).get("answer", "")))}
    if kind == "ragas_verdicts":
        statements = _ragas_input(text).get("statements") or []
        return {
            "statements": [
                {"statement": str(s), "reason": "The context says so.", "verdict": 1}
                for s in statements
            ]
        }
    return {}


def _claims(article: str, limit: int, gloss: bool) -> list[dict[str, Any]]:
    """One claim per sentence of `article`, with the English paraphrase the prompt asks for (as
    long as the claim) unless the model leaves glosses out."""
    keys = ("value", "speaker", "unit", "context", "entity_type", "disclosure")
    return [
        {
            "kind": "claim",
            "evidence": sentence,
            **dict.fromkeys(keys),
            "gloss_en": sentence if gloss else None,
        }
        for sentence in sentences(article)[:limit]
    ]


def answer(route: str, body: dict[str, Any]) -> Any:
    """The fake server's responder (route, body) -> Reply."""
    from tests.fakes.llm_server import ok

    return ok(answer_data(body))


# --- where the tokens go -------------------------------------------------------------------------


def _split_tokens(text: str, cuts: Iterable[tuple[str, str, str]]) -> dict[str, int]:
    """Tokens of `text` by part: each (label, start marker, end marker) span, searched in order,
    and the rest as "template"."""
    parts: dict[str, int] = {}
    kept: list[str] = []
    at = 0
    for label, start, end in cuts:
        begin = text.find(start, at)
        if begin < 0:
            continue
        begin += len(start)
        stop = text.find(end, begin)
        stop = stop if stop >= 0 else len(text)
        kept.append(text[at:begin])
        parts[label] = parts.get(label, 0) + count_tokens(text[begin:stop])
        at = stop
    kept.append(text[at:])
    parts["template"] = count_tokens("\n".join(kept))
    return parts


def request_parts(body: Mapping[str, Any]) -> dict[str, int]:
    """A request's prompt tokens by part (their sum is `request_tokens(body)`)."""
    kind = classify(body)
    messages = messages_of(body)
    system = sum(count_tokens(t) for role, t in messages if role == "system")
    user = "\n".join(t for role, t in messages if role != "system")
    parts: dict[str, int] = {"format/schema field": count_tokens(format_text(body))}
    if kind.startswith("factcheck"):
        parts["system instructions"] = system
        if kind == "factcheck_extract":
            cuts = [("article", "<article>\n", "\n</article>")]
        elif kind == "factcheck_compare":
            cuts = [("reference article", "<reference_article>\n", "\n</reference_article>")]
            cuts += [
                ("candidate articles", f'<candidate_article n="{n}">\n', "\n</candidate_article>")
                for n in range(1, user.count("<candidate_article n=") + 1)
            ]
        else:
            cuts = [
                ("reference facts", "<reference>\n", "\n</reference>"),
                ("candidate facts", "<candidate>\n", "\n</candidate>"),
                ("quote pairs listed", "Quote pairs to judge:\n", "\n\nCandidate claims"),
                ("claims listed again", "Candidate claims to judge:\n", "\u0000"),
            ]
        parts.update(_split_tokens(user, cuts))
    else:
        # RAGAS: instructor's JSON-mode system message carries the output schema; the user
        # prompt is instruction + schema + worked example, then the input as JSON.
        parts["system (schema)"] = system
        fixed, mark, data = user.rpartition(RAGAS_INPUT_MARK)
        if not mark:
            fixed, data = "", user
        parts["instruction, schema, example"] = count_tokens(fixed + mark)
        parts["input"] = count_tokens(data)
    return {label: n for label, n in parts.items() if n}


@dataclass
class Tally:
    """Calls and prompt tokens of one batch of requests, by prompt kind and by part."""

    calls: int = 0
    tokens: int = 0
    kinds: dict[str, list[int]] = field(default_factory=dict)  # kind -> [calls, tokens]
    parts: dict[str, dict[str, int]] = field(default_factory=dict)  # kind -> part -> tokens

    @classmethod
    def of(cls, bodies: Iterable[Mapping[str, Any]]) -> Tally:
        tally = cls()
        for body in bodies:
            kind = classify(body)
            tokens = request_tokens(body)
            tally.calls += 1
            tally.tokens += tokens
            calls_tokens = tally.kinds.setdefault(kind, [0, 0])
            calls_tokens[0] += 1
            calls_tokens[1] += tokens
            into = tally.parts.setdefault(kind, {})
            for label, n in request_parts(body).items():
                into[label] = into.get(label, 0) + n
        return tally

    def as_dict(self, pairs: int) -> dict[str, Any]:
        return {
            "pairs": pairs,
            "calls": self.calls,
            "tokens": self.tokens,
            "calls_per_pair": self.calls / pairs if pairs else None,
            "tokens_per_pair": self.tokens / pairs if pairs else None,
            "kinds": self.kinds,
            "parts": self.parts,
        }


# --- the fake server in its own process ----------------------------------------------------------

_SERVE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from benchmarks.ragas_bench import answer
from tests.fakes.llm_server import FakeLLMServer
server = FakeLLMServer().start()
server.responder = answer
print(server.openai_url, flush=True)
for line in sys.stdin:  # each line names a file for the requests received since the last one
    taken = list(server.journal)
    del server.journal[: len(taken)]
    with open(line.strip(), "w", encoding="utf-8") as out:
        for r in taken:
            out.write(json.dumps({"route": r.route, "body": r.body}, ensure_ascii=False) + "\\n")
    print(len(taken), flush=True)
server.stop()
"""


class FakeServer:
    """The fake LLM server run by a child process; `take()` hands over the bodies it received."""

    def __init__(self, work: Path) -> None:
        self._work = work
        self._taken = 0
        self._process = subprocess.Popen(
            [sys.executable, "-c", _SERVE, str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        self.openai_url = self._process.stdout.readline().strip()
        if not self.openai_url:
            raise RuntimeError("the fake LLM server did not start")

    def take(self) -> list[dict[str, Any]]:
        """The request bodies received since the last call."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._taken += 1
        path = self._work / f"journal-{self._taken}.jsonl"
        self._process.stdin.write(f"{path}\n")
        self._process.stdin.flush()
        count = int(self._process.stdout.readline())
        lines = path.read_text(encoding="utf-8").splitlines()
        bodies = [json.loads(line)["body"] for line in lines if line.strip()]
        assert len(bodies) == count
        return bodies

    def stop(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(timeout=30)


# --- the systems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    id: str
    reference: Path
    candidate: Path


@contextmanager
def _factcheck_home(work: Path) -> Iterator[None]:
    """A state folder of the benchmark's own, so no cache or log of the user's is touched."""
    before = os.environ.get("FACTCHECK_HOME")
    os.environ["FACTCHECK_HOME"] = str(work / "factcheck-home")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("FACTCHECK_HOME", None)
        else:
            os.environ["FACTCHECK_HOME"] = before


def _settings(url: str, model: str = MODEL, joint: bool = True) -> Any:
    from factcheck.config import Settings

    env = {"OPENAI_API_KEY": DUMMY_KEY, "OPENAI_BASE_URL": url}
    return Settings(
        providers=f"openai:{model},rules", use_cache=False, jobs=2, env=env, joint_compare=joint
    )


def factcheck_compare(
    pairs: list[Pair], url: str, model: str = MODEL, joint: bool = True
) -> list[int]:
    """`compare` of each pair as a run of its own (no cache); the LLM calls each run counted.
    `joint=False`: each article asked on its own, then a judgement (as for a pair too long for
    one request)."""
    from factcheck.pipeline import compare_files

    settings = _settings(url, model, joint)
    return [compare_files(p.reference, p.candidate, settings).run.llm_calls for p in pairs]


def factcheck_audit(folder: Path, url: str, out: Path, joint: bool = True) -> dict[str, int]:
    """`audit` of the folder (no cache): the pairs it compared and the groups it found.
    `joint=False`: each article asked on its own, then a judgement per pair."""
    from factcheck.audit import run_audit

    done = run_audit(folder, _settings(url, joint=joint), out=out, write_reports=False)
    return {"pairs": len(done.result.pairs), "groups": len(done.result.groups)}


def texts(pairs: list[Pair]) -> list[dict[str, str]]:
    """The pairs as RAGAS gets them: the texts factcheck's loader reads from the files."""
    from factcheck.config import Settings
    from factcheck.pipeline import load

    settings = Settings(providers="rules")
    return [
        {
            "id": p.id,
            "question": QUESTION,
            "reference": load(p.reference, settings).text,
            "candidate": load(p.candidate, settings).text,
        }
        for p in pairs
    ]


def _installed_ragas(python: Path) -> str | None:
    """The version of ragas that imports, with both Faithfulness metrics, in the venv."""
    if not python.is_file():
        return None
    probe = (
        "import ragas, ragas.metrics, ragas.metrics.collections, langchain_openai; "
        "print(ragas.__version__)"
    )
    env = dict(os.environ, RAGAS_DO_NOT_TRACK="true", HF_HUB_OFFLINE="1")
    try:
        done = subprocess.run(
            [str(python), "-c", probe], capture_output=True, text=True, timeout=300, env=env
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def ragas_python(install: bool = True) -> tuple[Path | None, str]:
    """The venv's python with ragas RAGAS_VERSION in it (made when missing and `install`), or
    None and one line saying why not."""
    python = RAGAS_VENV / "bin" / "python"
    if _installed_ragas(python) == RAGAS_VERSION:
        return python, f"ragas {RAGAS_VERSION} in {RAGAS_VENV.name}"
    if not install:
        return None, (
            f"ragas {RAGAS_VERSION} is not installed in {RAGAS_VENV.name} "
            "(`make bench-ragas` installs it)"
        )
    print(f"ragas: installing ragas=={RAGAS_VERSION} into {RAGAS_VENV.name} ...", file=sys.stderr)
    steps = [
        [sys.executable, "-m", "venv", str(RAGAS_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         *RAGAS_REQUIREMENTS],
    ]  # fmt: skip
    if python.is_file():
        steps = steps[1:]
    for step in steps:
        try:
            done = subprocess.run(step, capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.SubprocessError) as error:
            return None, f"could not install ragas {RAGAS_VERSION} into {RAGAS_VENV.name}: {error}"
        if done.returncode != 0:
            why = _last_line(done.stderr or done.stdout)
            return None, f"could not install ragas {RAGAS_VERSION} into {RAGAS_VENV.name}: {why}"
    if _installed_ragas(python) != RAGAS_VERSION:
        return None, f"ragas {RAGAS_VERSION} did not import in {RAGAS_VENV.name} after install"
    return python, f"ragas {RAGAS_VERSION} in {RAGAS_VENV.name} (installed by this run)"


def run_ragas(python: Path, pairs_file: Path, url: str, api: str) -> dict[str, Any]:
    """ragas_side.py in the RAGAS venv; its JSON line (scores, errors, version)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "ANTHROPIC_"))}
    env.update(RAGAS_DO_NOT_TRACK="true", HF_HUB_OFFLINE="1", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [str(python), str(SIDE), str(pairs_file), "--url", url, "--api", api],
        capture_output=True,
        text=True,
        timeout=1800,
        env=env,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"ragas_side.py --api {api} failed: {_last_line(done.stderr)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the pairs -----------------------------------------------------------------------------------


def _corpus() -> Any:
    from benchmarks import corpus

    return corpus


def generated_pairs(folder: Path, stories: int, per_story: int) -> list[Pair]:
    """Each candidate of a generated story against its story's reference."""
    manifest = _corpus().generate(folder, articles=stories * per_story, stories=stories, seed=SEED)
    pairs = []
    for story, group in manifest["stories"].items():
        for name in group["files"]:
            if name != group["reference"]:
                pairs.append(Pair(f"{story}/{name}", folder / group["reference"], folder / name))
    return pairs


def real_pairs(limit: int) -> tuple[list[Pair], str]:
    """Wikinews article (reference) vs its first on-topic cited source (candidate), both under
    REAL_MAX_CHARS, read in place from ../shared/realnews; none when it is absent."""
    from benchmarks.realnews import LOADER, load_realnews

    rn = load_realnews()
    if rn is None:
        return [], f"real pairs skipped: {LOADER} not found"
    pairs = []
    for story in rn.wikinews_stories(include_off_topic=False):
        articles = story["articles"]
        wiki = [a for a in articles if a["role"] == "wikinews"]
        cited = [a for a in articles if a["role"] == "cited_source"]
        if not wiki or not cited:
            continue
        if max(len(wiki[0]["text"]), len(cited[0]["text"])) > REAL_MAX_CHARS:
            continue
        pairs.append(Pair(str(story["story_id"]), Path(wiki[0]["path"]), Path(cited[0]["path"])))
        if len(pairs) >= limit:
            break
    return pairs, f"{len(pairs)} real pairs from ../shared/realnews"


# --- the measurement -----------------------------------------------------------------------------


def _pairs_file(work: Path, name: str, pairs: list[Pair]) -> Path:
    path = work / name
    path.write_text(json.dumps(texts(pairs), ensure_ascii=False), encoding="utf-8")
    return path


def _ragas_rows(
    python: Path, server: FakeServer, pairs_file: Path, pairs: int, apis: Iterable[str]
) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    for api in apis:
        print(f"ragas: Faithfulness ({api} API) on {pairs} pairs ...", file=sys.stderr)
        side = run_ragas(python, pairs_file, server.openai_url, api)
        row = Tally.of(server.take()).as_dict(pairs)
        row.update(
            version=side.get("ragas_version"),
            scored=len(side.get("scores", {})),
            errors=side.get("errors", {}),
            seconds=side.get("seconds"),
        )
        rows[api] = row
    return rows


def measure(
    stories: int = 8, per_story: int = 4, real: int = REAL_PAIRS, install: bool = True
) -> dict[str, Any]:
    """Run every system on the same pairs against one fake server; return the figures."""
    started = time.perf_counter()
    python, venv_note = ragas_python(install)
    figures: dict[str, Any] = {"venv": venv_note, "ragas_available": python is not None}
    with tempfile.TemporaryDirectory(prefix="ragas-bench-") as tmp:
        work = Path(tmp)
        pairs = generated_pairs(work / "corpus", stories, per_story)
        found_real, real_note = real_pairs(real) if real else ([], "real pairs not asked for")
        figures.update(stories=stories, per_story=per_story, pairs=len(pairs), real_note=real_note)
        server = FakeServer(work)
        try:
            with _factcheck_home(work):
                print(f"ragas: factcheck compare of {len(pairs)} pairs ...", file=sys.stderr)
                run_calls = factcheck_compare(pairs, server.openai_url)
                compare = Tally.of(server.take()).as_dict(len(pairs))
                compare["run_llm_calls"] = sum(run_calls)
                print("ragas: factcheck audit of the same articles ...", file=sys.stderr)
                audited = factcheck_audit(work / "corpus", server.openai_url, work / "audit")
                audit = Tally.of(server.take()).as_dict(audited["pairs"])
                audit.update(audited)
                figures["factcheck"] = {"compare": compare, "audit": audit}
                print("ragas: factcheck compare per article ...", file=sys.stderr)
                factcheck_compare(pairs, server.openai_url, joint=False)
                per_article = Tally.of(server.take()).as_dict(len(pairs))
                figures["factcheck"]["compare_per_article"] = per_article
                print("ragas: factcheck audit per article ...", file=sys.stderr)
                audited = factcheck_audit(
                    work / "corpus", server.openai_url, work / "audit-per-article", joint=False
                )
                figures["factcheck"]["audit_per_article"] = Tally.of(server.take()).as_dict(
                    audited["pairs"]
                )
                print("ragas: the same, claims without a gloss ...", file=sys.stderr)
                factcheck_compare(pairs, server.openai_url, MODEL_NO_GLOSS, joint=False)
                figures["factcheck"]["compare_no_gloss"] = Tally.of(server.take()).as_dict(
                    len(pairs)
                )
                if found_real:
                    print(f"ragas: factcheck compare of {len(found_real)} real pairs ...",
                          file=sys.stderr)  # fmt: skip
                    factcheck_compare(found_real, server.openai_url)
                    figures["real"] = {
                        "pairs": len(found_real),
                        "factcheck": Tally.of(server.take()).as_dict(len(found_real)),
                    }
            if python is not None:
                pairs_file = _pairs_file(work, "pairs.json", pairs)
                figures["ragas"] = _ragas_rows(python, server, pairs_file, len(pairs), RAGAS_APIS)
                if found_real:
                    real_file = _pairs_file(work, "real.json", found_real)
                    figures["real"]["ragas"] = _ragas_rows(
                        python, server, real_file, len(found_real), RAGAS_APIS[:1]
                    )
        finally:
            server.stop()
    figures["seconds"] = time.perf_counter() - started
    return figures


# --- the report ----------------------------------------------------------------------------------


def _ratio(mine: float | None, theirs: float | None) -> float | None:
    return mine / theirs if mine is not None and theirs else None


def _x(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _n(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def _system_rows(figures: dict[str, Any]) -> list[str]:
    ragas = figures.get("ragas") or {}
    base = ragas.get(RAGAS_APIS[0]) or {}
    fc = figures["factcheck"]
    rows = [
        "| system | calls per pair | prompt tokens per pair | calls / RAGAS | tokens / RAGAS "
        "| target (tokens) | result |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    labels = {
        "compare": f"factcheck `compare`, each pair a fresh run, no cache ({fc['compare']['pairs']} "
        "pairs): both articles in one request",
        "compare_per_article": "factcheck `compare` per article (`joint_compare=False`, and what "
        "a pair too long for one request gets): two extractions and a judgement",
        "audit": f"factcheck `audit` of the same {figures['stories'] * figures['per_story']} "
        f"articles ({fc['audit']['groups']} groups, {fc['audit']['pairs']} pairs): each story's "
        "reference asked once with up to 3 of its other articles",
        "audit_per_article": "factcheck `audit` per article (`joint_compare=False`): each "
        "article extracted once, its extraction reused by every pair it is in, a judgement per "
        "pair",
    }
    for name in ("compare", "compare_per_article", "audit", "audit_per_article"):
        row = fc.get(name)
        if row is None:
            continue
        ratio = _ratio(row["tokens_per_pair"], base.get("tokens_per_pair"))
        target = TARGETS.get(name)
        if target is None:  # a row for comparison, with no target of its own
            rows.append(
                f"| {labels[name]} | {row['calls_per_pair']:.2f} | {_n(row['tokens_per_pair'])} | "
                f"{_x(_ratio(row['calls_per_pair'], base.get('calls_per_pair')))} | {_x(ratio)} | "
                "- | - |"
            )
            continue
        result = "-" if ratio is None else ("pass" if ratio <= target else "fail")
        rows.append(
            f"| {labels[name]} | {row['calls_per_pair']:.2f} | {_n(row['tokens_per_pair'])} | "
            f"{_x(_ratio(row['calls_per_pair'], base.get('calls_per_pair')))} | {_x(ratio)} | "
            f"≤ {target:.1f}x | {result} |"
        )
    api_labels = {
        "collections": "`ragas.metrics.collections.Faithfulness` + `llm_factory` (baseline)",
        "legacy": "`ragas.metrics.Faithfulness.single_turn_ascore` + LangChain `ChatOpenAI`",
    }
    for api, row in ragas.items():
        failed = f", {len(row['errors'])} pairs failed" if row["errors"] else ""
        rows.append(
            f"| RAGAS {row['version']} {api_labels.get(api, api)}{failed} | "
            f"{row['calls_per_pair']:.2f} | {_n(row['tokens_per_pair'])} | "
            f"{_x(_ratio(row['calls_per_pair'], base.get('calls_per_pair')))} | "
            f"{_x(_ratio(row['tokens_per_pair'], base.get('tokens_per_pair')))} | - | - |"
        )
    return rows


_KIND_LABELS = {
    "factcheck_extract": "factcheck extraction",
    "factcheck_judge": "factcheck judgement",
    "factcheck_compare": "factcheck comparison (a reference and its candidates, one request)",
    "ragas_statements": "RAGAS statements",
    "ragas_verdicts": "RAGAS verdicts (NLI)",
    "unknown": "unrecognised request",
}


def _breakdown_rows(figures: dict[str, Any]) -> list[str]:
    rows = [
        "| run | request | calls | tokens per call | where the tokens go (share of that request) |",
        "| --- | --- | --- | --- | --- |",
    ]
    names = {
        "compare": "compare",
        "compare_per_article": "compare per article",
        "audit": "audit",
        "audit_per_article": "audit per article",
    }
    runs = [
        (f"factcheck {label}", figures["factcheck"][name])
        for name, label in names.items()
        if name in figures["factcheck"]
    ]
    runs += [(f"RAGAS ({api})", row) for api, row in (figures.get("ragas") or {}).items()]
    for run_name, row in runs:
        for kind, (calls, tokens) in sorted(row["kinds"].items()):
            parts = sorted(row["parts"].get(kind, {}).items(), key=lambda item: -item[1])
            shares = ", ".join(f"{label} {n / tokens:.0%}" for label, n in parts if tokens)
            rows.append(
                f"| {run_name} | {_KIND_LABELS.get(kind, kind)} | {calls} | "
                f"{_n(tokens / calls if calls else None)} | {shares} |"
            )
    return rows


def _real_lines(figures: dict[str, Any]) -> list[str]:
    real = figures.get("real")
    if not real:
        return [f"Real pairs: {figures['real_note']}.", ""]
    fc = real["factcheck"]
    base = (real.get("ragas") or {}).get(RAGAS_APIS[0])
    lines = [
        f"Real pairs ({figures['real_note']}; reference = the Wikinews article, candidate = its "
        f"first on-topic cited source, both under {REAL_MAX_CHARS:,} characters; read at run "
        "time, never copied):",
        "",
        "| system | calls per pair | prompt tokens per pair | tokens / RAGAS |",
        "| --- | --- | --- | --- |",
        f"| factcheck `compare` | {fc['calls_per_pair']:.2f} | {_n(fc['tokens_per_pair'])} | "
        f"{_x(_ratio(fc['tokens_per_pair'], base and base['tokens_per_pair']))} |",
    ]
    if base:
        lines.append(
            f"| RAGAS Faithfulness ({RAGAS_APIS[0]}) | {base['calls_per_pair']:.2f} | "
            f"{_n(base['tokens_per_pair'])} | 1.00x |"
        )
    return [*lines, ""]


def to_markdown(figures: dict[str, Any], command: str = COMMAND) -> str:
    """The section for RESULTS.md."""
    fc = figures["factcheck"]
    own = f" RAGAS: {figures['venv']}, a venv of its own (ragas is no dependency of factcheck)."
    head = [
        f"## {TITLE}",
        "",
        f"Command: `{command}`." + (own if figures["ragas_available"] else ""),
        "",
        f"Pairs: {figures['pairs']} generated pairs ({figures['stories']} stories x "
        f"{figures['per_story']} articles from `benchmarks/corpus.py`, seed {SEED}; each "
        "candidate against its story's reference). RAGAS scores the candidate as the `response` "
        f'with the reference as its only retrieved context, question "{QUESTION}".',
        "",
        f"Tokens: counted from the request bodies the fake server received, for both systems the "
        f"same way: every message's text plus any schema, tools or response_format sent in the "
        f"body, by the {TOKENIZER_NOTE}.",
        "",
        "The fake's answers: one claim (factcheck, with an English gloss as long as the claim) or "
        "one statement (RAGAS) per sentence of the article, and one short verdict per item asked, "
        "so the second prompt of each system carries as much model output as the other's.",
        "",
    ]
    if not figures["ragas_available"]:
        return "\n".join(
            [
                *head,
                f"RAGAS side skipped: {figures['venv']}.",
                "",
                f"factcheck alone: `compare` {fc['compare']['calls_per_pair']:.2f} calls and "
                f"{_n(fc['compare']['tokens_per_pair'])} prompt tokens per pair; `audit` "
                f"{fc['audit']['calls_per_pair']:.2f} calls and "
                f"{_n(fc['audit']['tokens_per_pair'])} tokens per pair.",
                "",
            ]
        )
    base = figures["ragas"].get(RAGAS_APIS[0]) or {}
    plain = fc.get("compare_no_gloss")
    sensitivity = []
    if plain:
        ratio = _ratio(plain["tokens_per_pair"], base.get("tokens_per_pair"))
        with_gloss = fc["compare_per_article"]["tokens_per_pair"]
        versus = (
            f"instead of {_n(with_gloss)}"
            if plain["tokens_per_pair"] != with_gloss
            # The fake's gloss is the claim's own sentence, which the judge prompt leaves out.
            else "as with the gloss, since a gloss that repeats the claim's words is not sent"
        )
        sensitivity = [
            "Sensitivity: with a model that leaves every claim's English gloss out, factcheck "
            "`compare` per article (whose judgement carries the extracted claims) sends "
            f"{_n(plain['tokens_per_pair'])} prompt tokens per pair "
            f"({_x(ratio)} RAGAS's), {versus}.",
            "",
        ]
    problems = [
        f"RAGAS ({api}): {len(row['errors'])} of {row['pairs']} pairs failed, e.g. "
        f"{next(iter(row['errors'].values()))}"
        for api, row in figures["ragas"].items()
        if row["errors"]
    ]
    return "\n".join(
        [
            *head,
            *_system_rows(figures),
            "",
            *sensitivity,
            *(f"{line}." for line in problems),
            *([""] if problems else []),
            "Where the prompt tokens go (all of a run's requests of that kind):",
            "",
            *_breakdown_rows(figures),
            "",
            *_real_lines(figures),
            f"Whole measurement: {figures['seconds']:.0f} s.",
            "",
        ]
    )


def run(quick: bool = False) -> str:
    """Measure and return the Markdown section (the hook `benchmarks/run.py` calls). A quick run
    uses fewer pairs and does not install the RAGAS venv."""
    if quick:
        figures = measure(stories=3, per_story=3, real=0, install=False)
        return to_markdown(figures, "python benchmarks/ragas_bench.py --quick")
    return to_markdown(measure())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="9 articles, no real pairs")
    parser.add_argument("--stories", type=int, default=8)
    parser.add_argument("--per-story", type=int, default=4)
    parser.add_argument("--real", type=int, default=REAL_PAIRS, help="real pairs (0: none)")
    parser.add_argument("--no-install", action="store_true", help="never make .venv-ragas")
    parser.add_argument("--json", action="store_true", help="the figures as JSON, not Markdown")
    args = parser.parse_args(argv)
    if args.quick:
        args.stories, args.per_story, args.real = 3, 3, 0
    figures = measure(args.stories, args.per_story, args.real, install=not args.no_install)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        shown = " ".join(argv if argv is not None else sys.argv[1:])
        print(to_markdown(figures, f"python benchmarks/ragas_bench.py {shown}".rstrip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
