"""Waits of more than a moment show progress on a terminal and nothing when piped."""

from __future__ import annotations

import io
import shutil
import time

import kg
from kg import progress as kp


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_step_shows_its_phase_count_and_time_on_a_terminal(monkeypatch):
    monkeypatch.delenv("KG_PROGRESS", raising=False)
    monkeypatch.setattr(kp, "SHOW_AFTER", 0.05)
    monkeypatch.setattr(kp, "REDRAW", 0.05)
    screen = Terminal()
    with kp.progress("loading", unit="quads", stream=screen) as shown:
        shown.phase("reading")
        shown.advance(1234)
        time.sleep(0.3)
    text = screen.getvalue()
    assert "loading: reading … 1,234 quads" in text and text.endswith("\n") and "loading: done" in text


def test_a_quick_step_shows_nothing_and_a_pipe_gets_nothing(monkeypatch):
    monkeypatch.delenv("KG_PROGRESS", raising=False)
    screen, pipe = Terminal(), io.StringIO()
    with kp.progress("quick", stream=screen):
        pass
    monkeypatch.setattr(kp, "SHOW_AFTER", 0.0)
    with kp.progress("piped", stream=pipe):
        time.sleep(0.2)
    assert screen.getvalue() == "" and pipe.getvalue() == ""


def test_loading_the_on_disk_store_reports_progress(built_out, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KG_PROGRESS", "1")
    monkeypatch.setattr(kp, "SHOW_AFTER", 0.0)
    copy = shutil.copytree(built_out, tmp_path / "out", ignore=shutil.ignore_patterns("oxigraph"))  # not loaded yet
    kg.open(copy, "oxigraph")
    err = capsys.readouterr().err
    assert "loading the on-disk store" in err and "quads" in err and "done" in err
    kg.open(copy, "oxigraph")  # loaded already: reopened at once, nothing to show
    assert capsys.readouterr().err == ""
