"""LLM providers behind one small interface, with retry, fallback, logging and a cache.

Importing this package imports no SDK: each provider imports its own when it is built.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.llm.providers.base import Completion, Message, Provider, Request
    from factcheck.llm.providers.chain import Chain, ProviderStatus, build_provider, ping, status
    from factcheck.llm.providers.env import load_env
    from factcheck.llm.providers.registry import KINDS, ProviderKind, Timeouts
    from factcheck.llm.providers.scripted import ScriptedProvider
    from factcheck.llm.providers.spec import ProviderSpec, default_chain, parse_chain
    from factcheck.llm.providers.store import Store
    from factcheck.llm.providers.usage import Usage

# Each name from the module that defines it, imported on first use: the rules-only path reads
# `.env` through `env` and must not pay for the chain, the store and sqlite3 (issue 13).
_HOME = {
    "Completion": "base", "Message": "base", "Provider": "base", "Request": "base",
    "Chain": "chain", "ProviderStatus": "chain", "build_provider": "chain", "ping": "chain",
    "status": "chain", "load_env": "env", "KINDS": "registry", "ProviderKind": "registry",
    "Timeouts": "registry", "ScriptedProvider": "scripted", "ProviderSpec": "spec",
    "default_chain": "spec", "parse_chain": "spec", "Store": "store", "Usage": "usage",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "KINDS",
    "Chain",
    "Completion",
    "Message",
    "Provider",
    "ProviderKind",
    "ProviderSpec",
    "ProviderStatus",
    "Request",
    "ScriptedProvider",
    "Store",
    "Timeouts",
    "Usage",
    "build_provider",
    "default_chain",
    "load_env",
    "parse_chain",
    "ping",
    "status",
]
