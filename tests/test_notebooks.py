"""The notebooks run top to bottom on the built-in data, in this venv, and are committed clean.

Each notebook asserts the facts it shows, so a broken Python API breaks its test here. The kernel
is this interpreter (a kernelspec written to a temporary folder, whatever other kernels the
machine has); the working folder is notebooks/, as in Jupyter; builds and exports go to the
temporary folder in ``KG_NOTEBOOK_OUT``, and nothing is left in the project folder.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
GUIDE = ROOT / "docs" / "notebooks.md"

#: Seconds one notebook may take, kernel start included: four of them stay under two minutes.
BUDGET = 30
#: Folders whose contents a run may change (caches); everything else in the project must stay as it was.
CACHES = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "test-artifacts"}


@pytest.fixture(scope="session")
def kernel_specs(tmp_path_factory) -> KernelSpecManager:
    """Kernel specs holding only "python3" = this interpreter (sys.executable), so a user-wide
    python3 kernel pointing at another Python cannot take its place."""
    from ipykernel.kernelspec import write_kernel_spec

    folder = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(folder / "python3")
    return KernelSpecManager(kernel_dirs=[str(folder)], ensure_native_kernel=False)


def execute(notebook: nbformat.NotebookNode, kernel_specs: KernelSpecManager) -> nbformat.NotebookNode:
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_specs)
    client = NotebookClient(notebook, km=km, timeout=BUDGET, resources={"metadata": {"path": str(NOTEBOOKS)}})
    return client.execute()


def snapshot() -> dict[str, float]:
    """What a notebook could leave behind: the project's top-level entries, and every file under
    notebooks/ and out/ with its modification time. (Not the whole tree, whose files other work
    may be editing while the tests run.)"""
    found = {entry.name: 0.0 for entry in ROOT.iterdir() if entry.name not in CACHES}
    for top in (NOTEBOOKS, ROOT / "out"):
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in CACHES]
            for name in files:
                path = Path(folder, name)
                found[str(path.relative_to(ROOT))] = path.stat().st_mtime
    return found


def strip(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as scripts/strip_notebooks.py keeps it in git."""
    spec = importlib.util.spec_from_file_location("strip_notebooks", ROOT / "scripts" / "strip_notebooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.strip(notebook)


def test_the_guide_lists_every_notebook():
    assert PATHS, "no notebooks in notebooks/"
    listed = re.findall(r"\(\.\./notebooks/([\w.-]+\.ipynb)\)", GUIDE.read_text(encoding="utf-8"))
    assert sorted(listed) == [p.name for p in PATHS]


def test_the_kernel_is_this_venvs_python(kernel_specs):
    cell = nbformat.v4.new_code_cell("import sys, kg\nprint(sys.executable)\nprint(kg.__file__)")
    notebook = execute(nbformat.v4.new_notebook(cells=[cell]), kernel_specs)
    executable, package = notebook.cells[0].outputs[0]["text"].split()
    assert executable == sys.executable
    assert Path(package).resolve() == (ROOT / "kg" / "__init__.py").resolve()


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_runs_top_to_bottom(path, kernel_specs, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(tmp_path))
    before = snapshot()
    started = time.perf_counter()
    execute(nbformat.read(path, as_version=4), kernel_specs)  # raises CellExecutionError, with the cell, on any error
    seconds = time.perf_counter() - started
    assert seconds < BUDGET, f"{path.name} took {seconds:.1f} s (budget {BUDGET} s)"
    assert snapshot() == before, f"{path.name} changed files in the project folder: write into KG_NOTEBOOK_OUT"
    assert any(tmp_path.iterdir()), f"{path.name} wrote nothing into KG_NOTEBOOK_OUT"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} keep outputs; run: .venv/bin/python scripts/strip_notebooks.py"
    assert strip(notebook) == notebook, f"{path.name} keeps UI metadata; run: .venv/bin/python scripts/strip_notebooks.py"


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_says_what_it_shows_first(path):
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "shows" in first.source
