"""Query results in the shapes people use: rows for notebooks, text tables, CSV, SPARQL JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.ingest.vocabulary import shorten

FORMATS = ("table", "csv", "tsv", "json", "markdown", "turtle")


@dataclass
class QueryResult:
    """The answer to one query.

    SELECT answers have ``variables`` and ``rows`` (dicts of rdflib terms, a missing binding
    absent); ASK answers have ``boolean``; CONSTRUCT and DESCRIBE answers have ``graph``.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "SELECT" else len(self.graph or ())

    def records(self) -> list[dict[str, Any]]:
        """Rows as plain Python values (IRIs as strings, numbers as numbers, vague dates as text)."""
        return [{v: to_python(row.get(v)) for v in self.variables} for row in self.rows]

    def to_dataframe(self):
        """A pandas DataFrame of :meth:`records` (pandas is imported only here).

        Columns get pandas' nullable types, so a count with a gap stays whole numbers (1700, <NA>)
        instead of turning into floats; dates of mixed precision stay as they are.
        """
        import pandas as pd

        return pd.DataFrame(self.records(), columns=self.variables).convert_dtypes()

    def column(self, name: str) -> list[Any]:
        """One variable's values, as Python values, in row order."""
        return [to_python(row.get(name)) for row in self.rows]

    def serialize(self, fmt: str = "table") -> str:
        """Text in one of :data:`FORMATS`."""
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            if fmt not in ("turtle", "table"):
                raise ValueError(f"a {self.kind} answer is a graph: use --format turtle")
            return self.graph.serialize(format="turtle")
        if self.kind == "ASK":
            return json.dumps({"head": {}, "boolean": self.boolean}) if fmt == "json" else ("yes" if self.boolean else "no") + "\n"
        if fmt == "json":
            return json.dumps(_sparql_json(self), ensure_ascii=False, indent=1) + "\n"
        if fmt in ("csv", "tsv"):
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow([_cell(row.get(v), short=False) for v in self.variables])
            return buf.getvalue()
        if fmt == "markdown":
            lines = ["| " + " | ".join(self.variables) + " |", "|" + "---|" * len(self.variables)]
            for row in self.rows:
                lines.append("| " + " | ".join(_cell(row.get(v)).replace("|", "\\|") for v in self.variables) + " |")
            return "\n".join(lines) + "\n"
        if fmt == "table":
            return _table(self)
        raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")


def to_python(term: Any) -> Any:
    """An rdflib term as the plain value a notebook wants; partial dates stay as their text."""
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype in (XSD.gYear, XSD.gYearMonth, XSD.duration):
            return str(term)
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def _cell(term: Any, short: bool = True) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term)) if short else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    return text + (f"@{term.language}" if short and term.language else "")


def _table(result: QueryResult) -> str:
    cells = [[_cell(row.get(v)).replace("\n", " ") for v in result.variables] for row in result.rows]
    widths = [max([len(v)] + [len(c[i]) for c in cells]) for i, v in enumerate(result.variables)]
    widths = [min(w, 80) for w in widths]

    def line(values: list[str]) -> str:
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths, strict=False)).rstrip()

    out = [line(result.variables), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _sparql_json(result: QueryResult) -> dict:
    def term(t: Any) -> dict:
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        if isinstance(t, BNode):
            return {"type": "bnode", "value": str(t)}
        d = {"type": "literal", "value": str(t)}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype:
            d["datatype"] = str(t.datatype)
        return d

    bindings = [{v: term(row[v]) for v in result.variables if row.get(v) is not None} for row in result.rows]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
