"""What a run spent on LLMs, counted where it happens, for RunInfo."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Usage:
    """Running counters: real calls made, answers served from the cache, tokens spent."""

    llm_calls: int = 0
    cache_hits: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
