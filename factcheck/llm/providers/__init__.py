"""LLM providers behind one small interface, with retry, fallback, logging and a cache.

Importing this package imports no SDK: each provider imports its own when it is built.
"""

from factcheck.llm.providers.base import Completion, Message, Provider, Request
from factcheck.llm.providers.chain import Chain, ProviderStatus, build_provider, ping, status
from factcheck.llm.providers.env import load_env
from factcheck.llm.providers.registry import KINDS, ProviderKind, Timeouts
from factcheck.llm.providers.scripted import ScriptedProvider
from factcheck.llm.providers.spec import ProviderSpec, default_chain, parse_chain
from factcheck.llm.providers.store import Store
from factcheck.llm.providers.usage import Usage

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
