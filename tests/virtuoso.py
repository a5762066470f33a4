"""A private, throwaway Virtuoso server on 127.0.0.1 for tests and benchmarks.

Needs Debian's virtuoso-opensource (scripts/install-test-deps.sh installs it). Each instance
lives in its own folder with its own ports and is stopped by its PID afterwards.
"""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    isql_port: int
    process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_store(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def isql(self, statement: str) -> str:
        result = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.isql_port}", "dba", "dba", f"exec={statement}"], capture_output=True, text=True, timeout=300
        )
        if result.returncode != 0 or "*** Error" in result.stdout:
            raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")
        return result.stdout

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and TEMPLATE.exists()


def start(folder: Path, data_dirs: list[Path] = ()) -> Virtuoso:
    """Start an instance whose database lives in ``folder``; returns once it answers SPARQL."""
    folder.mkdir(parents=True, exist_ok=True)
    ini = configparser.RawConfigParser(strict=False, inline_comment_prefixes=(";",))
    ini.optionxform = str
    ini.read(TEMPLATE)
    for section in ("Database", "TempDatabase"):
        for key in ("DatabaseFile", "TransactionFile", "ErrorLogFile", "xa_persistent_file", "LockFile"):
            if ini.has_option(section, key):
                name = Path(ini.get(section, key)).name
                ini.set(section, key, str(folder / name))
    server = Virtuoso(folder, free_port(), free_port())
    ini.set("Parameters", "ServerPort", f"127.0.0.1:{server.isql_port}")
    ini.set("HTTPServer", "ServerPort", f"127.0.0.1:{server.http_port}")
    ini.set("Parameters", "DirsAllowed", ", ".join([".", "/usr/share/virtuoso-opensource-7/vad", *map(str, data_dirs)]))
    ini.set("SPARQL", "ResultSetMaxRows", "1000000")
    for key, value in (("NumberOfBuffers", "170000"), ("MaxDirtyBuffers", "130000")):  # ~1.4 GB of buffers, for 1M-triple loads
        ini.set("Parameters", key, value)
    config = folder / "virtuoso.ini"
    with open(config, "w") as f:
        ini.write(f)
    server.process = subprocess.Popen(
        ["virtuoso-t", "+configfile", str(config), "+foreground"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = (folder / "virtuoso.log").read_text(errors="replace") if (folder / "virtuoso.log").exists() else ""
            raise RuntimeError(f"virtuoso exited with {server.process.returncode}: {log[-2000:]}")
        try:
            with urllib.request.urlopen(server.endpoint + "?query=ASK%7B%7D", timeout=2):
                break
        except OSError:
            time.sleep(0.3)
    else:
        server.stop()
        raise RuntimeError("virtuoso did not answer within 60 s")
    server.isql('GRANT SPARQL_UPDATE TO "SPARQL";') if os.environ.get("KG_VIRTUOSO_OPEN_UPDATE") else None
    return server
