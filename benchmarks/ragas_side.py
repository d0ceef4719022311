"""The RAGAS half of benchmarks/ragas_bench.py, run by the benchmark-only venv `.venv-ragas`.

    .venv-ragas/bin/python benchmarks/ragas_side.py PAIRS.json --url URL [--api legacy|collections]

PAIRS.json is a list of {"id", "question", "reference", "candidate"}: each candidate article is
scored by RAGAS Faithfulness as the `response`, with its reference article as the only retrieved
context. Every request goes to URL (the project's loopback fake OpenAI-compatible server), with a
dummy key. Prints one JSON object: the ragas version, the scores, and what failed. The calls and
prompt tokens are counted by the benchmark from the fake server's journal, not here.

This file imports only ragas and what ragas brings: it never runs in the project's own venv, and
ragas is no dependency of the project.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

MODEL = "bench-model"
DUMMY_KEY = "bench-not-a-key"

# Nothing may leave the machine: no usage analytics, no hub look-ups, no tracing.
for _name, _value in (
    ("RAGAS_DO_NOT_TRACK", "true"),
    ("HF_HUB_OFFLINE", "1"),
    ("HF_DATASETS_OFFLINE", "1"),
    ("LANGCHAIN_TRACING_V2", "false"),
    ("LANGSMITH_TRACING", "false"),
):
    os.environ[_name] = _value
for _name in ("OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OPENAI_ORGANIZATION"):
    os.environ.pop(_name, None)


def _collections_scorer(url: str) -> Any:
    """ragas.metrics.collections.Faithfulness on llm_factory (the API ragas 0.4 documents)."""
    from openai import AsyncOpenAI
    from ragas.llms import llm_factory
    from ragas.metrics.collections import Faithfulness

    client = AsyncOpenAI(base_url=url, api_key=DUMMY_KEY, max_retries=0)
    metric = Faithfulness(llm=llm_factory(MODEL, client=client))

    async def score(pair: dict[str, str]) -> float:
        result = await metric.ascore(
            user_input=pair["question"],
            response=pair["candidate"],
            retrieved_contexts=[pair["reference"]],
        )
        return float(result.value)

    return score


def _legacy_scorer(url: str) -> Any:
    """ragas.metrics.Faithfulness scored with single_turn_ascore on a SingleTurnSample, through
    LangChain's ChatOpenAI (the API of ragas 0.2 and 0.3, still shipped)."""
    import warnings

    from langchain_openai import ChatOpenAI
    from ragas import SingleTurnSample
    from ragas.llms import LangchainLLMWrapper
    from ragas.metrics import Faithfulness

    warnings.simplefilter("ignore", DeprecationWarning)
    chat = ChatOpenAI(model=MODEL, base_url=url, api_key=DUMMY_KEY, max_retries=0)
    metric = Faithfulness(llm=LangchainLLMWrapper(chat))

    async def score(pair: dict[str, str]) -> float:
        sample = SingleTurnSample(
            user_input=pair["question"],
            response=pair["candidate"],
            retrieved_contexts=[pair["reference"]],
        )
        return float(await metric.single_turn_ascore(sample))

    return score


async def _score_all(scorer: Any, pairs: list[dict[str, str]]) -> dict[str, Any]:
    scores: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    for pair in pairs:  # one at a time: the counts need no ordering, and the fake is fast
        try:
            value = await scorer(pair)
        except Exception as error:  # a failed pair is reported, the others still run
            errors[pair["id"]] = f"{type(error).__name__}: {error}"[:300]
            continue
        scores[pair["id"]] = None if math.isnan(value) else value
    return {"scores": scores, "errors": errors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--url", required=True, help="the fake server's OpenAI base URL")
    parser.add_argument("--api", choices=("collections", "legacy"), default="collections")
    args = parser.parse_args(argv)
    pairs = json.loads(args.pairs.read_text(encoding="utf-8"))
    import ragas

    scorer = (_collections_scorer if args.api == "collections" else _legacy_scorer)(args.url)
    started = time.perf_counter()
    result = asyncio.run(_score_all(scorer, pairs))
    result.update(
        ragas_version=ragas.__version__,
        api=args.api,
        pairs=len(pairs),
        seconds=round(time.perf_counter() - started, 2),
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
