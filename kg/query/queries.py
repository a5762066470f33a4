"""Named queries: the ``.rq`` files in ontology/queries/, each opening with a comment header.

# title: Which sentence supports a fact
# description: ...
# param: name: the entity whose facts to list, by its name

A parameter is a ``VALUES ?name { "default" }`` line in the query: the query runs as written
anywhere (YASGUI, curl), and :meth:`NamedQuery.bind` (``kg query NAME --param name=VALUE``) puts
other values in that line, as string literals, so a value can never change the query's shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import KGError, Problem
from kg.project import Project, shipped_ontology


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str
    path: Path
    params: dict[str, str] = field(default_factory=dict)  # parameter -> what it is, from "# param:" lines

    def bind(self, **values: str | Iterable[str]) -> NamedQuery:
        """This query with parameters set; several values for one parameter match any of them.

        >>> kg.named_query("evidence").bind(name="SCO Film and Television Week")
        """
        from rdflib import Literal

        sparql = self.sparql
        for key, given in values.items():
            if key not in self.params:
                takes = ", ".join(self.params) or "none"
                raise KGError(
                    Problem(self.path, None, f"the named query '{self.name}' has no parameter '{key}'", f"its parameters: {takes}")
                )
            terms = " ".join(Literal(v).n3() for v in ([given] if isinstance(given, str) else given))
            line = f"VALUES ?{key} {{ {terms} }}"
            sparql = _values_line(key).sub(lambda _, line=line: line, sparql, count=1)
        return replace(self, sparql=sparql)


def query_folders(folder: Path | str | None = None) -> list[Path]:
    """Where named queries are read from: ``folder`` alone when given; else the ones kg ships,
    then the project's own queries/ (whose files win over shipped ones of the same name)."""
    if folder is not None:
        return [Path(folder)]
    found = Project.find()
    own = [found.queries] if found and found.queries.is_dir() else []
    return [shipped_ontology() / "queries", *own]


def named_queries(folder: Path | str | None = None) -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without .rq): see :func:`query_folders`."""
    queries: dict[str, NamedQuery] = {}
    for place in query_folders(folder):
        if not place.is_dir():
            raise KGError(Problem(place, None, "no folder of named queries here", "pass a folder of .rq files with --queries"))
        queries.update((p.stem, _read(p)) for p in sorted(place.glob("*.rq")))
    return dict(sorted(queries.items()))


def named_query(name: str, folder: Path | str | None = None) -> NamedQuery:
    """One named query; an error lists the names there are."""
    queries = named_queries(folder)
    if name not in queries:
        where = query_folders(folder)[-1]
        raise KGError(Problem(where, None, f"no named query '{name}'", f"use one of: {', '.join(queries)} (kg query --list)"))
    return queries[name]


def _values_line(param: str) -> re.Pattern:
    return re.compile(rf"VALUES\s+\?{re.escape(param)}\s*\{{[^}}]*\}}")


def _read(path: Path) -> NamedQuery:
    sparql = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    params: dict[str, str] = {}
    key = None
    for number, line in enumerate(sparql.splitlines(), 1):
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        word = text.split(":", 1)[0] if ":" in text else None
        if word == "param":
            param, _, what = text.split(":", 1)[1].partition(":")
            param = param.strip()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", param) or not _values_line(param).search(sparql):
                raise KGError(
                    Problem(
                        path,
                        number,
                        f"parameter '{param}' has no VALUES ?{param} {{ ... }} line in the query",
                        'write "# param: NAME: what it is" and a line VALUES ?NAME { "default" } in the query',
                    )
                )
            params[param] = what.strip()
            key = None
        elif word in ("title", "description"):
            key, value = (s.strip() for s in text.split(":", 1))
            header[key] = value
        elif key and text:
            header[key] += " " + text
    return NamedQuery(path.stem, header.get("title", path.stem), header.get("description", ""), sparql, path, params)
