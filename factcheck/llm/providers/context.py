"""How many tokens a server's context window holds, from what the server itself says.

llama.cpp's `llama-server` publishes its per-slot window at `GET /props`
(`default_generation_settings.n_ctx`); vLLM publishes `max_model_len` for each model at
`GET /v1/models`. Knowing the window lets the extractor and the judge cut their input to fit
before the first request, instead of learning it from a context-size error. Services that say
nothing (OpenAI, Anthropic) give None: their windows are far larger than any chunk we send.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from urllib.parse import urlsplit, urlunsplit

from factcheck.llm.providers.registry import Timeouts

OFFICIAL_HOSTS = frozenset({"api.openai.com", "api.anthropic.com"})


def server_root(base_url: str) -> str:
    """The base URL without its API prefix: "http://host:8080/v1" -> "http://host:8080"."""
    parts = urlsplit(base_url)
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        path = path[: -len("/v1")]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def window_from_props(body: object) -> int | None:
    """n_ctx from a llama.cpp /props body (per slot), else None."""
    if not isinstance(body, dict):
        return None
    settings = body.get("default_generation_settings")
    for source in (settings, body):
        if isinstance(source, dict):
            value = source.get("n_ctx")
            if isinstance(value, int) and value > 0:
                return value
    return None


def window_from_models(body: object, model: str) -> int | None:
    """max_model_len of `model` (else of the only model) from a vLLM /v1/models body."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        return None
    entries = [e for e in data if isinstance(e, dict)]
    chosen = [e for e in entries if e.get("id") == model] or (entries if len(entries) == 1 else [])
    value = chosen[0].get("max_model_len") if chosen else None
    return value if isinstance(value, int) and value > 0 else None


async def server_window(
    base_url: str, model: str, *, key: str | None, timeouts: Timeouts
) -> int | None:
    """The context window the server at `base_url` reports, or None (never raises)."""
    if urlsplit(base_url).hostname in OFFICIAL_HOSTS:
        return None
    root = server_root(base_url)
    seconds = min(timeouts.read_s, timeouts.connect_s, 10.0)
    window = window_from_props(await asyncio.to_thread(_get_json, f"{root}/props", key, seconds))
    if window is None:
        body = await asyncio.to_thread(_get_json, f"{root}/v1/models", key, seconds)
        window = window_from_models(body, model)
    return window


def _get_json(url: str, key: str | None, seconds: float) -> object:
    """The JSON body of a GET, or None on any failure (the window is only a hint)."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:
            return json.loads(response.read(1_000_000))
    except (OSError, ValueError):  # URLError and HTTPError are OSErrors
        return None
