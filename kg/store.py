"""Where a built graph lives and how a SPARQL query reaches it.

The ``memory`` store parses the build output into rdflib; other stores (on-disk, remote) plug in
behind the same two verbs, ``query`` and ``quads``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from rdflib import Dataset
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from kg.errors import KGError, Problem, QueryError
from kg.queries import NamedQuery
from kg.results import QueryResult

BUILD_FILE = "kg.trig"


class Store(Protocol):
    """A place that holds a built dataset and answers SPARQL over it."""

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        """Run SPARQL (text, or a named query); queries without GRAPH see the union of graphs."""
        ...

    def quads(self) -> Iterator[tuple]: ...


class MemoryStore:
    """rdflib's in-memory dataset: no set-up, fastest to load for small graphs."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset

    @classmethod
    def load(cls, path: Path) -> MemoryStore:
        dataset = Dataset(default_union=True)
        dataset.parse(path, format="trig")
        return cls(dataset)

    def query(self, sparql: str | NamedQuery) -> QueryResult:
        parsed = parse_query(sparql)
        result = self.dataset.query(parsed)
        if result.type == "SELECT":
            variables = [str(v) for v in result.vars]
            rows = [{k: v for k, v in zip(variables, row, strict=False) if v is not None} for row in result]
            return QueryResult("SELECT", variables, rows)
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        return QueryResult(result.type, graph=result.graph)

    def quads(self) -> Iterator[tuple]:
        return self.dataset.quads()


def parse_query(sparql: str | NamedQuery):
    """Parse and translate a query, or raise QueryError pointing at the line and column."""
    sparql = getattr(sparql, "sparql", sparql)
    try:
        return translateQuery(parseQuery(sparql))
    except Exception as e:  # pyparsing's ParseException, rdflib's own errors
        line, col = getattr(e, "lineno", None), getattr(e, "col", None)
        if line is None:
            raise QueryError(Problem("query", None, f"the query cannot be run: {e}")) from None
        source_line = sparql.splitlines()[line - 1] if 0 < line <= len(sparql.splitlines()) else ""
        pointer = f"\n    {source_line}\n    {' ' * (col - 1)}^"
        message = getattr(e, "msg", str(e))
        raise QueryError(
            Problem("query", line, f"SPARQL syntax error at column {col}: {message}{pointer}", "fix the query at the ^")
        ) from None


def open_store(path: Path | str = "out", backend: str = "memory") -> Store:
    """Open the build output at ``path`` (a folder holding kg.trig, or the file itself)."""
    path = Path(path)
    file = path / BUILD_FILE if path.is_dir() else path
    if not file.exists():
        raise KGError(Problem(file, None, "no built graph here", "run `kg build` first (or pass --data to the folder kg build wrote)"))
    if backend == "memory":
        return MemoryStore.load(file)
    raise KGError(f"unknown store '{backend}': use memory")
