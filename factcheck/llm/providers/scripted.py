"""A provider that answers from a script, in-process: for tests and demos of the pipeline.

Hand it to `Backend(settings, provider=...)` (or `compare_files(..., provider=...)`) and the
whole pipeline runs as with a real model, through the same logging, retry, fallback and cache,
without HTTP, SDK or key. The wire formats themselves are tested against the loopback server.

    model = ScriptedProvider({"facts": []}, respond=lambda request: {"facts": []})

Each answer is the JSON object the model would return, a `ProviderError` to raise (a revoked
key, a rate limit), or a function of the `Request` returning either. The listed answers are used
in order, then `respond` answers every later request. An answer is validated against the
request's schema as a real provider's would be: one that does not fit raises InvalidOutputError.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from typing import Any, TypeAlias

from factcheck.errors import ProviderError
from factcheck.llm.providers.base import Completion, Request, validate_output

Answer: TypeAlias = (
    dict[str, Any] | ProviderError | Callable[[Request], "dict[str, Any] | ProviderError"]
)
CHARS_PER_TOKEN = 4  # usage is estimated, so that token counts and costs are not all zero


class ScriptedProvider:
    """A model whose answers are given in advance; `requests` records what it was asked."""

    def __init__(
        self,
        *answers: Answer,
        respond: Answer | None = None,
        name: str = "scripted",
        model: str = "script",
        window: int | None = None,
    ) -> None:
        self.name = name
        self.model = model
        self.requests: list[Request] = []
        self._script = deque(answers)
        self._respond = respond
        self._window = window

    async def complete(self, request: Request) -> Completion:
        """The next scripted answer to `request`, validated against its schema."""
        self.requests.append(request)
        if self._script:
            answer = self._script.popleft()
        elif self._respond is not None:
            answer = self._respond
        else:
            raise LookupError(
                f"{self.name}: no scripted answer left for request {len(self.requests)} "
                f"(schema {request.schema_name!r}); give more answers or respond="
            )
        if callable(answer):
            answer = answer(request)
        if isinstance(answer, ProviderError):
            raise answer
        data = validate_output(answer, request.schema, provider=self.name)
        asked = len(request.system) + sum(len(m.content) for m in request.messages)
        given = len(json.dumps(data, ensure_ascii=False))
        return Completion(
            data=data,
            provider=self.name,
            model=self.model,
            input_tokens=asked // CHARS_PER_TOKEN,
            output_tokens=given // CHARS_PER_TOKEN,
            cached=False,
            latency_s=0.0,
        )

    async def context_window(self) -> int | None:
        """The context window given to the constructor (None: unknown, as many servers say)."""
        return self._window

    def asked(self, schema_name: str) -> list[Request]:
        """The requests whose answer schema is `schema_name` ("facts", "judgement")."""
        return [r for r in self.requests if r.schema_name == schema_name]
