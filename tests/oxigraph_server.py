"""Oxigraph's own SPARQL server (the ``oxigraph`` wheel on PyPI ships it) on 127.0.0.1, for tests:
a second real server beside Virtuoso, so nothing Virtuoso-specific hides in the remote store."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .virtuoso import free_port


def binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


@dataclass
class OxigraphServer:
    folder: Path
    port: int
    process: subprocess.Popen

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/query"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.port}/store"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start(folder: Path) -> OxigraphServer:
    """A read-write server whose data lives in ``folder``; returns once it answers SPARQL."""
    command = binary()
    if command is None:
        raise RuntimeError("the oxigraph server is not installed: pip install oxigraph (the test extra has it)")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    process = subprocess.Popen(
        [command, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    server = OxigraphServer(folder, port, process)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(server.endpoint + "?query=ASK%7B%7D", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("oxigraph serve did not answer within 30 s")
