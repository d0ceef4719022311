"""A small client for headless Chromium over the DevTools protocol, for the browser tests.

Chromium is started with `--remote-debugging-port=0` and a fresh profile; it writes the port it
chose and the browser's WebSocket path into `DevToolsActivePort` in that profile. One WebSocket
(websocket-client) talks to the browser; the page is a target attached with `flatten`, so its
commands and events travel on the same socket, tagged with a session id.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# The network is closed where the tests run, and nothing should phone home anyway.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-port=0",
)
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
START_TIMEOUT = 30.0
CALL_TIMEOUT = 30.0


def find_chromium() -> str | None:
    """The Chromium binary Debian installs, if it is there (FACTCHECK_CHROMIUM names another)."""
    chosen = os.environ.get("FACTCHECK_CHROMIUM")
    for name in (chosen,) if chosen else CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    """A DevTools command failed, or the browser did not answer in time."""


class Page:
    """One browser tab: commands, JavaScript evaluation, input events, and the errors it logged."""

    def __init__(self, socket: Any, session: str) -> None:
        self._socket = socket
        self._session = session
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Run one DevTools command on this page and return its result."""
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if self._session:
            message["sessionId"] = self._session
        self._socket.send(json.dumps(message))
        deadline = time.monotonic() + CALL_TIMEOUT
        while time.monotonic() < deadline:
            reply = json.loads(self._socket.recv())
            if reply.get("id") == number:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            if "method" in reply:
                self.events.append(reply)
        raise CDPError(f"{method}: no answer in {CALL_TIMEOUT} s")

    def wait_for(
        self, event: str, timeout: float = CALL_TIMEOUT, since: int | None = None
    ) -> dict[str, Any]:
        """Wait for `event` of this page, counting those received after index `since`."""
        seen = len(self.events) if since is None else since
        deadline = time.monotonic() + timeout
        self._socket.settimeout(timeout)
        while time.monotonic() < deadline:
            for found in self.events[seen:]:
                if found["method"] == event and found.get("sessionId") == self._session:
                    return found
            seen = len(self.events)
            reply = json.loads(self._socket.recv())
            if "method" in reply:
                self.events.append(reply)
        raise CDPError(f"no {event} within {timeout} s")

    def open(self, url: str) -> None:
        """Load `url` and wait until its load event."""
        seen = len(self.events)
        self.send("Page.navigate", url=url)
        if not any(e["method"] == "Page.loadEventFired" for e in self.events[seen:]):
            self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page; a thrown error fails the test."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        """Emulate a window of `width` x `height` CSS pixels (a phone when `mobile`)."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element matching `selector`."""
        box = self.js(
            f"(() => {{ const el = document.querySelector({json.dumps(selector)});"
            " if (!el) return null; el.scrollIntoView({block: 'nearest'});"
            " const r = el.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        if box is None:
            raise CDPError(f"nothing matches {selector}")
        x, y = box
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def key(self, key: str) -> None:
        """Press and release one printable key."""
        code = f"Key{key.upper()}" if key.isalpha() else key
        vk = ord(key.upper())
        self.send(
            "Input.dispatchKeyEvent",
            type="keyDown",
            key=key,
            text=key,
            code=code,
            windowsVirtualKeyCode=vk,
        )
        self.send(
            "Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=vk
        )

    def type_text(self, text: str) -> None:
        """Type `text` into the focused element."""
        self.send("Input.insertText", text=text)

    def screenshot(self, path: Path) -> int:
        """Save the visible window as PNG; returns its size in bytes."""
        data = base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return len(data)

    def errors(self, since: int = 0) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors seen after `since`."""
        found = []
        for event in self.events[since:]:
            if event.get("sessionId") != self._session:
                continue
            params = event.get("params", {})
            if event["method"] == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:500])
            elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") in {
                "error",
                "assert",
            }:
                found.append(json.dumps(params.get("args"))[:500])
            elif event["method"] == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"].get("text", "")[:500])
        return found


def _read_port_file(profile: Path, process: subprocess.Popen[bytes]) -> str:
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CDPError(f"chromium exited with {process.returncode} before it was ready")
        if port_file.exists():
            lines = port_file.read_text().split()
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.05)
    raise CDPError(f"chromium wrote no DevToolsActivePort within {START_TIMEOUT} s")


@contextmanager
def chromium(binary: str) -> Iterator[Page]:
    """Start headless Chromium with a fresh profile and yield one attached page."""
    import websocket

    with tempfile.TemporaryDirectory(prefix="factcheck-chromium-") as profile:
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = _read_port_file(Path(profile), process)
            # No Origin header: Chromium refuses DevTools sockets from origins it was not told of.
            socket = websocket.create_connection(url, timeout=CALL_TIMEOUT, suppress_origin=True)
            try:
                browser = Page(socket, session="")
                target = browser.send("Target.createTarget", url="about:blank")["targetId"]
                session = browser.send("Target.attachToTarget", targetId=target, flatten=True)
                page = Page(socket, session["sessionId"])
                for domain in ("Page", "Runtime", "Log"):
                    page.send(f"{domain}.enable")
                yield page
            finally:
                socket.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
