"""The notebooks run top to bottom on the built-in data, in this venv, and are committed clean.

Each notebook asserts the facts it shows, so a broken Python API breaks its test here. The kernel
is this interpreter (a kernelspec written to a temporary folder, whatever other kernels the
machine has); the working folder is notebooks/, as in Jupyter; builds and exports go to a
temporary folder named by ``KG_NOTEBOOK_OUT``, and nothing is left in the project folder.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from .browser import Tab, chromium
from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
GUIDE = ROOT / "docs" / "notebooks.md"

#: Seconds all notebooks together may take (kernel starts included), and one cell at most.
TOTAL_BUDGET = 120
CELL_TIMEOUT = 60
#: Folders whose contents a run may change (caches); nothing else may change.
CACHES = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", "test-artifacts"}


@dataclass
class Run:
    notebook: nbformat.NotebookNode
    seconds: float
    out: Path
    changed: list[str]


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


@pytest.fixture(scope="session")
def kernel_specs(tmp_path_factory) -> KernelSpecManager:
    """Kernel specs holding only "python3" = this interpreter (sys.executable), so a user-wide
    python3 kernel pointing at another Python cannot take its place."""
    from ipykernel.kernelspec import write_kernel_spec

    folder = tmp_path_factory.mktemp("kernels")
    write_kernel_spec(folder / "python3")
    return KernelSpecManager(kernel_dirs=[str(folder)], ensure_native_kernel=False)


def execute(notebook: nbformat.NotebookNode, kernel_specs: KernelSpecManager, **env: str) -> nbformat.NotebookNode:
    """Run every cell as Jupyter would from notebooks/; raises CellExecutionError (with the cell) on any error."""
    km = KernelManager(kernel_name="python3", kernel_spec_manager=kernel_specs)
    client = NotebookClient(notebook, km=km, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NOTEBOOKS)}})
    return client.execute(env={**os.environ, **env})


@pytest.fixture(scope="session")
def run(kernel_specs, tmp_path_factory):
    """Execute a notebook once per session (the views check reuses the run of its notebook)."""
    done: dict[Path, Run] = {}

    def run(path: Path) -> Run:
        if path not in done:
            out = tmp_path_factory.mktemp(path.stem)
            before = snapshot()
            started = time.perf_counter()
            notebook = execute(nbformat.read(path, as_version=4), kernel_specs, KG_NOTEBOOK_OUT=str(out))
            seconds = time.perf_counter() - started
            after = snapshot()
            changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
            done[path] = Run(notebook, seconds, out, changed)
        return done[path]

    return run


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
def test_notebook_runs_top_to_bottom(path, run):
    result = run(path)
    assert not result.changed, f"{path.name} changed files in the project folder: {result.changed}; write into KG_NOTEBOOK_OUT"
    assert any(result.out.iterdir()), f"{path.name} wrote nothing into KG_NOTEBOOK_OUT"


def test_all_notebooks_run_within_two_minutes(run):
    seconds = {p.name: round(run(p).seconds, 1) for p in PATHS}
    assert sum(seconds.values()) < TOTAL_BUDGET, seconds


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


#: Shown nodes whose box (label included) is not wholly inside the view's frame.
OUTSIDE = """(function () {
  var c = document.getElementById('network'), W = c.clientWidth, H = c.clientHeight, out = [];
  network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) {
    var b = network.getBoundingBox(n.id), p = network.canvasToDOM({x: b.left, y: b.top}), q = network.canvasToDOM({x: b.right, y: b.bottom});
    if (p.x < -0.5 || p.y < -0.5 || q.x > W + 0.5 || q.y > H + 0.5) out.push(n.label || n.id);
  });
  return out;
})()"""


def until(frame, expression: str, timeout: float = 20.0) -> None:
    """Poll ``expression`` in ``frame`` (the views' CSP refuses the eval that wait_for_function uses)."""
    end = time.monotonic() + timeout
    while not frame.evaluate(f"!!({expression})"):
        assert time.monotonic() < end, f"timed out waiting for {expression}"
        time.sleep(0.05)


def test_inline_views_draw_in_a_browser_offline(run, tmp_path):
    """The HTML outputs that embed a view (an iframe holding the whole page, from kg.network.inline)
    draw in chromium, from a file, with every request to the network refused; every node of a
    network view, its label included, lies inside the frame once the view has settled."""
    with_views = [p for p in PATHS if "inline(" in p.read_text(encoding="utf-8")]
    assert with_views, "no notebook embeds a view"
    assert not any("def inline" in p.read_text(encoding="utf-8") for p in PATHS), "notebooks use kg.network.inline, not their own"
    outputs = [
        output["data"]["text/html"]
        for path in with_views
        for cell in run(path).notebook.cells
        for output in cell.get("outputs", [])
        if "<iframe" in output.get("data", {}).get("text/html", "")
    ]
    assert outputs, "the notebooks showed no view"
    page_file = tmp_path / "outputs.html"
    page_file.write_text('<!DOCTYPE html>\n<meta charset="utf-8">\n<body>\n' + "\n".join(outputs) + "\n</body>\n", encoding="utf-8")

    with chromium() as browser:
        tab = Tab(browser, page_file, allowed=lambda url: urllib.parse.urlsplit(url).scheme in ("file", "about", "data"), size=(1200, 800))
        frames = tab.page.locator("iframe")
        assert frames.count() == len(outputs)
        networks = 0
        for i in range(frames.count()):
            frames.nth(i).scroll_into_view_if_needed()
            frame = frames.nth(i).element_handle().content_frame()
            until(frame, "document.readyState === 'complete'")
            if frame.evaluate("document.getElementById('network') === null"):  # the timeline: an SVG chart
                assert frame.evaluate("document.querySelectorAll('svg rect.bar').length") > 0
                continue
            networks += 1
            until(frame, "window.kgView && window.kgView.drawnAt !== null")
            assert frame.evaluate("window.kgView.nodes") > 0
            until(frame, "window.kgView.fittedAt !== undefined")
            frame.wait_for_timeout(150)  # the second pass, once labels are measured at the fitted scale
            assert frame.evaluate(OUTSIDE) == [], f"frame {i}: nodes outside the frame"
        assert networks
    assert tab.blocked == [], f"a view tried to reach the network: {tab.blocked}"
    assert tab.errors == []
