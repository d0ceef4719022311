"""Rough list prices (USD per million tokens: input, output) for the cost estimate in the log.

An estimate only: prices change, and batch, cached-input and regional rates are ignored. Models
not listed (local servers, new releases) get no estimate rather than a wrong one. Each provider
kind's record in the registry points at its own table.
"""

from __future__ import annotations

from collections.abc import Mapping

ANTHROPIC_PRICES: dict[str, tuple[float, float]] = {
    "claude-haiku-4-5": (1.00, 5.00),
    "claude-sonnet-4-5": (3.00, 15.00),
    "claude-opus-4-1": (15.00, 75.00),
    "claude-3-5-haiku": (0.80, 4.00),
}
OPENAI_PRICES: dict[str, tuple[float, float]] = {
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
}
# Google's paid-tier text rates for prompts up to 200k tokens (thinking billed as output), as
# Google's pricing page (ai.google.dev/gemini-api/docs/pricing) gave them on 2026-10-07.
# Models whose rate changes on a date (the Gemini 3.8 Flash launch price) are left out.
GEMINI_PRICES: dict[str, tuple[float, float]] = {
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.5-flash-lite": (0.10, 0.40),
    "gemini-2.5-pro": (1.25, 10.00),
    "gemini-3.1-pro-preview": (2.00, 12.00),
    "gemini-3.5-flash": (1.50, 9.00),
    "gemini-3.5-flash-lite": (0.30, 2.50),
}
# Every known price, for callers that only have a model name.
PRICES_PER_MTOK: dict[str, tuple[float, float]] = {
    **ANTHROPIC_PRICES,
    **OPENAI_PRICES,
    **GEMINI_PRICES,
}


def estimate_cost(
    model: str,
    input_tokens: int,
    output_tokens: int,
    prices: Mapping[str, tuple[float, float]] = PRICES_PER_MTOK,
) -> float | None:
    """Estimated USD for one call, or None for a model without a known price."""
    price = prices.get(model)
    if price is None:
        # Dated snapshots ("gpt-5-mini-2025-08-07") cost what their family costs.
        family = max((m for m in prices if model.startswith(m + "-")), key=len, default="")
        price = prices.get(family)
    if price is None:
        return None
    return (input_tokens * price[0] + output_tokens * price[1]) / 1_000_000
