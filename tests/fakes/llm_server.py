"""A loopback fake LLM server speaking the OpenAI, Anthropic and Gemini wire formats.

Real SDKs are pointed at it through base_url. Each route ("openai" for /v1/chat/completions,
"anthropic" for /v1/messages, "gemini" for /v1beta/models/MODEL:generateContent) plays a
scripted sequence of replies, optionally per model, then
falls back to a default success. Every request lands in `journal`; `counts()` tallies them per
route. Besides well-formed answers and errors it can send what real deployments send on a bad
day: a 200 whose body is not JSON, a proxy's HTML page, the vendors' real spend-limit bodies,
and a reply that never comes (`hang`, released when the server stops).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

ROUTES = {"/v1/chat/completions": "openai", "/v1/messages": "anthropic"}
# Gemini names the model in the path: POST /v1beta/models/{model}:generateContent
GEMINI_PATH = re.compile(r"^/v1beta/models/(?P<model>[^/:]+):generateContent$")


def route_of(path: str) -> tuple[str, str | None]:
    """(route, model named in the path) for a request path without its query."""
    found = GEMINI_PATH.match(path)
    if found:
        return "gemini", found["model"]
    return ROUTES.get(path, "unknown"), None


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a success carrying `content`, an error, or a dropped connection."""

    status: int = 200
    content: str | None = None  # the model's text (success)
    tool_input: dict[str, Any] | None = None  # Anthropic: answer as a tool_use block
    error_type: str = ""
    error_code: str | None = None
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    finish: str | None = None  # finish_reason / stop_reason override
    raw: bytes | None = None  # send these bytes as the body instead of a wire-format JSON body
    content_type: str = "application/json"
    hang: bool = False  # never answer (until the server stops)
    details: tuple[dict[str, Any], ...] = ()  # Gemini: google.rpc.Status details of an error
    blocked: str | None = None  # Gemini: promptFeedback.blockReason (the prompt was refused)


_CANDIDATE_ARTICLE = re.compile(r'<candidate_article n="\d+">\n(.*?)\n</candidate_article>', re.S)


def joint_articles(user: str) -> tuple[str, list[str]]:
    """The reference and the candidates of a joint comparison request's user message."""
    reference = user.split("<reference_article>\n", 1)[1].split("\n</reference_article>", 1)[0]
    return reference, _CANDIDATE_ARTICLE.findall(user)


def ok(data: dict[str, Any], **kw: Any) -> Reply:
    """A success whose content is `data` as JSON."""
    return Reply(content=json.dumps(data), **kw)


def text(raw: str, **kw: Any) -> Reply:
    """A success whose content is `raw` as is (not necessarily JSON)."""
    return Reply(content=raw, **kw)


def error(status: int, error_type: str, message: str, code: str | None = None, **kw: Any) -> Reply:
    """An error response in the route's own error format."""
    return Reply(status=status, error_type=error_type, error_code=code, message=message, **kw)


def drop(**kw: Any) -> Reply:
    """Close the connection without answering."""
    return Reply(drop=True, **kw)


def raw(body: str, status: int = 200, content_type: str = "application/json", **kw: Any) -> Reply:
    """Send `body` as is: broken JSON, or JSON that is no model answer."""
    return Reply(status=status, raw=body.encode(), content_type=content_type, **kw)


HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>Sign in - Corporate Proxy</title></head>"
    "<body><h1>Your session has expired</h1><p>Please sign in again.</p></body></html>"
)


def html(status: int = 200, **kw: Any) -> Reply:
    """A proxy's or captive portal's HTML page where an API answer should be."""
    return raw(HTML_PAGE, status, "text/html; charset=utf-8", **kw)


def hang(**kw: Any) -> Reply:
    """Accept the request and never answer."""
    return Reply(hang=True, **kw)


# The vendors' own wordings when an account has no money left to spend.
def anthropic_spend_limit() -> Reply:
    """Anthropic's reply once the workspace's spend limit is reached: a 400, not a 429."""
    return error(
        400,
        "invalid_request_error",
        "You have reached your specified API usage limits. You will regain access on "
        "2026-01-01 at 00:00 UTC.",
    )


def openai_quota() -> Reply:
    """OpenAI's reply once the account's quota is used up."""
    return error(
        429,
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details. For more "
        "information on this error, read the docs: "
        "https://platform.openai.com/docs/guides/error-codes/api-errors.",
        code="insufficient_quota",
    )


# Gemini's error bodies (google.rpc.Status): `error_type` carries the status name.
def gemini_error(
    status: int, rpc_status: str, message: str, *details: dict[str, Any], **kw: Any
) -> Reply:
    """An error in Gemini's own shape: {"error": {"code", "message", "status", "details"}}."""
    return Reply(status=status, error_type=rpc_status, message=message, details=details, **kw)


def quota_failure(quota_id: str, metric: str) -> dict[str, Any]:
    """A google.rpc.QuotaFailure detail naming the quota that ran out."""
    return {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        "violations": [
            {
                "quotaMetric": metric,
                "quotaId": quota_id,
                "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"},
                "quotaValue": "10",
            }
        ],
    }


def retry_info(delay: str) -> dict[str, Any]:
    """A google.rpc.RetryInfo detail ("38s")."""
    return {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay}


GEMINI_QUOTA_MESSAGE = (
    "You exceeded your current quota, please check your plan and billing details. For more "
    "information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits."
)


def gemini_rate_limit(delay: str = "7s") -> Reply:
    """Gemini's per-minute limit: a 429 RESOURCE_EXHAUSTED worded like a quota error, whose
    details name a per-minute quota and say when to retry."""
    return gemini_error(
        429,
        "RESOURCE_EXHAUSTED",
        GEMINI_QUOTA_MESSAGE,
        quota_failure(
            "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        ),
        retry_info(delay),
    )


def gemini_daily_quota() -> Reply:
    """Gemini's per-day quota used up: the same 429, a per-day quota in its details."""
    return gemini_error(
        429,
        "RESOURCE_EXHAUSTED",
        GEMINI_QUOTA_MESSAGE,
        quota_failure(
            "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
            "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        ),
    )


def gemini_credits_depleted() -> Reply:
    """Gemini once a prepaid project has no credit left: a 429 without quota details."""
    return gemini_error(
        429,
        "RESOURCE_EXHAUSTED",
        "Your prepayment credits are depleted. Please go to AI Studio to manage your project "
        "and billing.",
    )


def gemini_bad_key() -> Reply:
    """Gemini's answer to a wrong or revoked API key: a 400, not a 401."""
    return gemini_error(
        400,
        "INVALID_ARGUMENT",
        "API key not valid. Please pass a valid API key.",
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "API_KEY_INVALID",
            "domain": "googleapis.com",
            "metadata": {"service": "generativelanguage.googleapis.com"},
        },
    )


@dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    route: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    path_model: str | None = None  # Gemini names the model in the path, not the body

    @property
    def model(self) -> str:
        return self.path_model or str(self.body.get("model"))


class FakeLLMServer:
    """Start with `start()`; `openai_url` and `anthropic_url` are the SDK base URLs."""

    def __init__(self, default: dict[str, Any] | None = None) -> None:
        self.default = default if default is not None else {"ok": True}
        self.journal: list[Received] = []
        self.delay = 0.0  # latency added to every reply
        # Answers computed from the request when nothing is scripted: (route, body) -> Reply.
        self.responder: Callable[[str, dict[str, Any]], Reply | None] | None = None
        # GET bodies by path, as a local server publishes them ("/props" for llama.cpp's n_ctx,
        # "/v1/models" for vLLM's max_model_len); any other GET is a 404.
        self.pages: dict[str, dict[str, Any]] = {}
        self.gets: list[str] = []  # the paths asked with GET (kept apart from the journal)
        self._scripts: dict[tuple[str, str | None], deque[Reply]] = {}
        self._lock = threading.Lock()
        self.released = threading.Event()  # set on stop: hanging replies end then
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def openai_url(self) -> str:
        return f"{self.base}/v1"

    @property
    def anthropic_url(self) -> str:
        return self.base

    @property
    def gemini_url(self) -> str:
        return self.base

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    def script(self, route: str, *replies: Reply, model: str | None = None) -> None:
        """Queue replies for `route` (and only `model`, when given)."""
        with self._lock:
            self._scripts.setdefault((route, model), deque()).extend(replies)

    def counts(self) -> Counter[str]:
        """How many requests reached each route ("openai", "anthropic", "gemini")."""
        return Counter(r.route for r in self.journal)

    def requests(self, route: str | None = None, model: str | None = None) -> list[Received]:
        """The journal, filtered."""
        return [
            r
            for r in self.journal
            if (route is None or r.route == route) and (model is None or r.model == model)
        ]

    def next_reply(
        self, route: str, model: str | None, body: dict[str, Any] | None = None
    ) -> Reply:
        with self._lock:
            for key in ((route, model), (route, None)):
                queue = self._scripts.get(key)
                if queue:
                    return queue.popleft()
        if self.responder is not None and body is not None:
            answer = self.responder(route, body)
            if answer is not None:
                return answer
        return ok(self.default)


def _openai_body(reply: Reply, model: str) -> dict[str, Any]:
    if reply.status != 200:
        return {
            "error": {
                "message": reply.message,
                "type": reply.error_type,
                "param": None,
                "code": reply.error_code,
            }
        }
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content, "refusal": None},
                "finish_reason": reply.finish or "stop",
                "logprobs": None,
            }
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


def _anthropic_body(reply: Reply, model: str) -> dict[str, Any]:
    if reply.status != 200:
        return {
            "type": "error",
            "error": {"type": reply.error_type, "message": reply.message},
            "request_id": "req_fake",
        }
    if reply.tool_input is not None:
        block: dict[str, Any] = {
            "type": "tool_use",
            "id": "toolu_fake",
            "name": "answer",
            "input": reply.tool_input,
        }
    else:
        block = {"type": "text", "text": reply.content or ""}
    return {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [block],
        "stop_reason": reply.finish or ("tool_use" if reply.tool_input else "end_turn"),
        "stop_sequence": None,
        "usage": {"input_tokens": 200, "output_tokens": 40},
    }


def _gemini_body(reply: Reply, model: str) -> dict[str, Any]:
    if reply.status != 200:
        error: dict[str, Any] = {
            "code": reply.status,
            "message": reply.message,
            "status": reply.error_type,
        }
        if reply.details:
            error["details"] = list(reply.details)
        return {"error": error}
    usage = {"promptTokenCount": 180, "candidatesTokenCount": 35, "totalTokenCount": 215}
    if reply.blocked is not None:
        return {"promptFeedback": {"blockReason": reply.blocked}, "usageMetadata": usage}
    return {
        "candidates": [
            {
                "content": {"parts": [{"text": reply.content or ""}], "role": "model"},
                "finishReason": reply.finish or "STOP",
                "index": 0,
            }
        ],
        "usageMetadata": usage,
        "modelVersion": model,
        "responseId": "fake-response",
    }


_BODIES = {"anthropic": _anthropic_body, "gemini": _gemini_body}


def _handler(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # The headers and the body leave in two writes; without TCP_NODELAY the body waits for
        # the client's delayed ACK of the headers, about 40 ms per call that no real API adds.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            server.gets.append(path)
            page = server.pages.get(path)
            data = json.dumps(page if page is not None else {"error": "not found"}).encode()
            self.send_response(200 if page is not None else 404)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            body = json.loads(raw or b"{}")
            route, path_model = route_of(self.path.split("?")[0])
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.journal.append(Received(route, self.path, headers, body, path_model))
            model = path_model or body.get("model")
            reply = server.next_reply(route, model, body)
            if reply.delay or server.delay:
                time.sleep(reply.delay + server.delay)
            if reply.hang:
                server.released.wait()
                reply = drop()
            if reply.drop:
                self.close_connection = True
                self.connection.close()
                return
            payload = _BODIES.get(route, _openai_body)(reply, str(model))
            data = reply.raw if reply.raw is not None else json.dumps(payload).encode()
            try:
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                self.send_header("content-length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

    return Handler


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    """A running fake LLM server on 127.0.0.1, stopped after the test."""
    server = FakeLLMServer().start()
    try:
        yield server
    finally:
        server.stop()
