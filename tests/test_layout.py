"""The tree reads like the data flow: stages import only earlier stages, nothing imports in a
circle, and git tracks nothing that .gitignore ignores."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"

#: The stages in the order a fact travels (a module may import its own stage and earlier ones).
STAGES = {
    "kg.errors": 0,
    "kg.project": 0,
    "kg.progress": 0,
    "kg.ingest": 1,
    "kg.query": 2,
    "kg.curate": 3,
    "kg.importers": 3,
    "kg.network": 4,
    "kg.serve": 5,
    "kg": 6,  # the public API (kg/__init__.py)
    "kg.cli": 6,
    "kg.__main__": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage(module: str) -> int:
    """The stage of the longest STAGES prefix of ``module``."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in STAGES:
            return STAGES[".".join(parts[:n])]
    raise AssertionError(f"{module}: not in any stage; add it to STAGES")


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every kg module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found.update(n for n in names if n in modules)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, set(files)) - {name} for name, path in files.items()}


def test_the_top_level_shows_the_stages():
    entries = sorted(p.name for p in PACKAGE.iterdir() if not p.name.startswith(("_", ".")) or p.name in ("__init__.py", "__main__.py"))
    packages = [e for e in entries if (PACKAGE / e).is_dir()]
    assert packages == ["curate", "importers", "ingest", "network", "query", "serve"]
    assert [e for e in entries if e.endswith(".py")] == ["__init__.py", "__main__.py", "cli.py", "errors.py", "progress.py", "project.py"]


def test_no_import_runs_back_up_the_flow(graph):
    backwards = [
        f"{module} (stage {stage(module)}) imports {target} (stage {stage(target)})"
        for module, targets in graph.items()
        for target in targets
        if stage(target) > stage(module) and not (module == "kg" or target == "kg")
    ]
    # `import kg` from a stage module would be the public API importing itself back
    backwards += [f"{module} imports the public API `kg`" for module, targets in graph.items() if "kg" in targets and stage(module) < 6]
    assert not backwards, "\n".join(backwards)


def test_no_import_cycle(graph):
    import networkx as nx

    edges = [(a, b) for a, targets in graph.items() for b in targets if b != "kg"]
    cycles = list(nx.simple_cycles(nx.DiGraph(edges)))
    assert not cycles, cycles


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout")
def test_git_tracks_nothing_ignored():
    tracked_ignored = subprocess.run(
        ["git", "ls-files", "-ci", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked_ignored == [], f"tracked but ignored (git rm --cached them): {tracked_ignored[:10]}"
