"""Strip the notebooks for git: no outputs, no execution counts, no machine-specific metadata.

Usage: .venv/bin/python scripts/strip_notebooks.py [--check] [NOTEBOOK ...]
(default: every notebooks/*.ipynb). With --check, changes nothing and exits 1 if any notebook
would change. Run it after working in Jupyter and before `git add notebooks/`.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
#: Cell metadata worth keeping; the rest (collapsed, scrolled, execution times …) is UI state.
CELL_METADATA = ("tags",)
NOTEBOOK_METADATA = {
    "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
    "language_info": {"name": "python"},
}


def strip(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``notebook`` as it is kept in git."""
    notebook = copy.deepcopy(notebook)
    notebook.metadata = nbformat.from_dict(NOTEBOOK_METADATA)
    for cell in notebook.cells:
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in CELL_METADATA})
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return notebook


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    dirty = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        clean = strip(notebook)
        if clean != notebook:
            dirty.append(path)
            if not check:
                nbformat.validate(clean)
                nbformat.write(clean, path)
    for path in dirty:
        print(f"{'would strip' if check else 'stripped'}: {path}")
    return 1 if check and dirty else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
