"""Named queries: the ``.rq`` files in ontology/queries/, each opening with a comment header.

# title: Who directed the film, and of what nationality
# description: ...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError, Problem
from kg.project import project_path

QUERY_DIR = Path("ontology/queries")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str
    path: Path


def named_queries(folder: Path | str = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``folder``, by name (the file name without .rq)."""
    folder = project_path(folder)
    if not folder.is_dir():
        raise KGError(Problem(folder, None, "no folder of named queries here", "run kg from the project folder, or pass --queries"))
    return {p.stem: _read(p) for p in sorted(folder.glob("*.rq"))}


def named_query(name: str, folder: Path | str = QUERY_DIR) -> NamedQuery:
    """One named query; an error lists the names there are."""
    queries = named_queries(folder)
    if name not in queries:
        raise KGError(Problem(Path(folder), None, f"no named query '{name}'", f"use one of: {', '.join(queries)} (kg query --list)"))
    return queries[name]


def _read(path: Path) -> NamedQuery:
    sparql = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    key = None
    for line in sparql.splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if ":" in text and text.split(":", 1)[0] in ("title", "description"):
            key, value = (s.strip() for s in text.split(":", 1))
            header[key] = value
        elif key and text:
            header[key] += " " + text
    return NamedQuery(path.stem, header.get("title", path.stem), header.get("description", ""), sparql, path)
