"""Progress on a terminal for waits of more than a moment; silence when the output is piped.

Loading a million quads into the on-disk store, compacting it, importing a corpus or laying out
a large view takes seconds to minutes. A user at a terminal should see that something is
happening and how far it got; a script that pipes stderr should get no control characters.

    >>> with progress("loading the on-disk store", unit="quads") as p:
    ...     for quad in quads:
    ...         p.advance()
    ...     p.phase("compacting")

Nothing is shown during the first second (most operations end before that), then one line on
stderr is redrawn twice a second by a background thread, so phases with no callbacks (a bulk
load, a compaction) still show their elapsed time. ``KG_PROGRESS=0`` turns it off and
``KG_PROGRESS=1`` turns it on without a terminal (tests use it).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

SHOW_AFTER = 1.0  # seconds before the first line appears
REDRAW = 0.5


class Progress:
    """One operation's progress line: a label, a phase, a count, the elapsed time."""

    def __init__(self, label: str, unit: str = "", total: int | None = None, stream: TextIO | None = None, enabled: bool | None = None):
        self.label, self.unit, self.total = label, unit, total
        self.stream = stream or sys.stderr
        self.enabled = _wanted(self.stream) if enabled is None else enabled
        self.count = 0
        self.current_phase = ""
        self.started = time.monotonic()
        self.shown = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def advance(self, n: int = 1) -> None:
        self.count += n

    def phase(self, name: str) -> None:
        self.current_phase = name

    def line(self) -> str:
        text = self.label + (f": {self.current_phase}" if self.current_phase else "")
        if self.count:
            text += f" … {self.count:,}" + (f" of {self.total:,}" if self.total else "") + (f" {self.unit}" if self.unit else "")
        return text + f" ({time.monotonic() - self.started:.0f} s)"

    def _draw(self) -> None:
        self.stream.write("\r\033[K" + self.line())
        self.stream.flush()
        self.shown = True

    def _run(self) -> None:
        if self._stop.wait(SHOW_AFTER):
            return
        while not self._stop.is_set():
            self._draw()
            self._stop.wait(REDRAW)

    def start(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="kg-progress", daemon=True)
            self._thread.start()
        return self

    def finish(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
        if self.shown:
            self.current_phase = "done"
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


def _wanted(stream: TextIO) -> bool:
    setting = os.environ.get("KG_PROGRESS")
    if setting in ("0", "1"):
        return setting == "1"
    return bool(getattr(stream, "isatty", lambda: False)())


@contextmanager
def progress(label: str, unit: str = "", total: int | None = None, stream: TextIO | None = None) -> Iterator[Progress]:
    """A :class:`Progress` shown while the block runs (on a terminal, after a second)."""
    shown = Progress(label, unit, total, stream).start()
    try:
        yield shown
    finally:
        shown.finish()
