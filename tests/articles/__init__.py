"""Test material: invented articles, their reviewed fact sheets and hand annotations (see README.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent
NAMES = ("test-red-silk-china-release", "test-steppe-wind", "test-sco-week-closing")
HELD_OUT = ("test-silk-road-express",)  # written after kg draft was finished; no reviewed sheet


def add_articles(data: Path, names: tuple[str, ...] = NAMES, sheets: bool = True) -> None:
    """Copy test articles (and, with ``sheets``, their reviewed fact sheets) into a copy of data/."""
    for name in names:
        for suffix in (".txt", ".yaml"):
            shutil.copy(ARTICLES / "documents" / f"{name}{suffix}", data / "documents" / f"{name}{suffix}")
        if sheets:
            shutil.copy(ARTICLES / "facts" / f"{name}.yaml", data / "facts" / f"{name}.yaml")


_BUILT: dict[str, Path] = {}


def build_with_articles(root: Path) -> Path:
    """Build a copy of data/ plus every test article and its reviewed sheet, once per test session.

    ``root`` is a session temporary folder; returns the build output folder.
    """
    if "out" not in _BUILT:
        import kg

        project = ARTICLES.parent.parent
        data = root / "data"
        shutil.copytree(project / "data", data)
        add_articles(data)
        out = root / "out"
        report = kg.build(data, out, project / "ontology")
        _BUILT["out"], _BUILT["data"] = out, data
        _BUILT["report"] = report  # type: ignore[assignment]
    return _BUILT["out"]


def built_report():
    return _BUILT["report"]


def built_data() -> Path:
    return _BUILT["data"]
