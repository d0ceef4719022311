"""A recording pass-through in front of the llama.cpp server, on 127.0.0.1.

The tests see what went over the wire (which structured-output format each request asked for,
the server's status, how long each exchange took) without trusting factcheck's own accounts.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Exchange:
    """One request as factcheck sent it and the server's answer (or None when the client left)."""

    method: str
    path: str
    body: dict[str, Any]
    status: int | None
    answer: dict[str, Any] | None
    seconds: float

    @property
    def output_format(self) -> str:
        """The structured-output level this request asked for."""
        if self.path.endswith("/messages"):
            if self.body.get("tool_choice"):
                return "tool"
            return "output_config" if self.body.get("output_config") else "prompt"
        response_format = self.body.get("response_format") or {}
        return str(response_format.get("type") or "prompt")

    @property
    def text(self) -> str:
        """Every message's text joined, as the model received it."""
        parts = [str(self.body.get("system") or "")]
        for message in self.body.get("messages") or []:
            content = message.get("content")
            parts.append(content if isinstance(content, str) else json.dumps(content))
        return "\n".join(parts)


class Recorder:
    """Forwards every request to `port` on 127.0.0.1 and keeps the exchange in `log`."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.log: list[Exchange] = []  # in the order the exchanges ended
        self.arrived: list[str] = []  # the paths of the requests, in the order they came in
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def mark(self) -> tuple[int, int]:
        """Where the log stands now: `since(mark)` and `arrivals(mark)` list what came after."""
        with self._lock:
            return len(self.log), len(self.arrived)

    def since(self, mark: tuple[int, int], suffix: str = "") -> list[Exchange]:
        """Exchanges ended after `mark` whose path ends with `suffix`."""
        with self._lock:
            return [e for e in self.log[mark[0] :] if e.path.endswith(suffix)]

    def arrivals(self, mark: tuple[int, int], *suffixes: str) -> int:
        """How many requests came in after `mark` (ended or not) on paths ending so."""
        with self._lock:
            return sum(1 for path in self.arrived[mark[1] :] if path.endswith(suffixes))

    def arrive(self, path: str) -> None:
        with self._lock:
            self.arrived.append(path)

    def add(self, exchange: Exchange) -> None:
        with self._lock:
            self.log.append(exchange)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._forward("GET")

        def do_POST(self) -> None:
            self._forward("POST")

        def _forward(self, method: str) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            recorder.arrive(self.path)
            started = time.monotonic()
            upstream = http.client.HTTPConnection("127.0.0.1", recorder.target, timeout=900)
            headers = {"content-type": self.headers.get("content-type") or "application/json"}
            status: int | None = None
            data = b""
            try:
                upstream.request(method, self.path, body=raw or None, headers=headers)
                response = upstream.getresponse()
                status, data = response.status, response.read()
                content_type = response.getheader("content-type") or "application/json"
                self.send_response(status)
                self.send_header("content-type", content_type)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                status = None  # factcheck gave up on this request (its deadline)
            finally:
                upstream.close()
                recorder.add(
                    Exchange(
                        method,
                        self.path,
                        _json(raw),
                        status,
                        _json(data) if status is not None else None,
                        time.monotonic() - started,
                    )
                )

    return Handler


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw or b"{}")
    except ValueError:
        return {"unparsed": raw[:200].decode("utf-8", "replace")}
    return value if isinstance(value, dict) else {"value": value}
