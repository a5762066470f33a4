"""Where the project's own folders are, wherever the caller's working folder is.

A notebook runs in notebooks/, a script anywhere: default paths such as ``data`` and
``ontology/queries`` are taken from the working folder when they exist there, and otherwise
from the checkout this package was installed from (pip install -e).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def project_path(path: Path | str) -> Path:
    """``path`` as given when it exists (or is absolute); else the same path in the checkout."""
    path = Path(path)
    if path.is_absolute() or path.exists() or not (ROOT / path).exists():
        return path
    return ROOT / path
