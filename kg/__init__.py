"""SCO film knowledge graph: facts from news documents, with their evidence, as RDF.

    >>> import kg
    >>> report = kg.build()                           # the project's data/ -> out/kg.trig ... (kg.Project.here())
    >>> graph = kg.open()                             # the project's build, as a store you can query
    >>> graph.query(kg.named_query("film-directors")).records()
    [{'film': 'Red Silk', 'director': 'Andrey Volgin', 'nationality': 'Russia', ...}]

Heavy libraries (pyshacl, networkx, pyvis, pandas, servers) are imported only by the functions
that need them, so ``import kg`` stays fast. The package is laid out in the order a fact
travels: ``kg.ingest`` (documents and sheets to RDF, ``kg.build()``) → ``kg.query`` (stores, named queries) → ``kg.curate`` and
``kg.importers`` (growing the graph) → ``kg.network`` (networkx, views) → ``kg.serve`` (HTTP);
the CLI (``kg.cli``) is a thin layer over all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.errors import InputError, KGError, QueryError

if TYPE_CHECKING:  # imported on first use (below), so `import kg` and `kg query` start fast
    from kg.ingest.pipeline import BuildReport, build
    from kg.project import Project
    from kg.query.queries import NamedQuery, named_queries, named_query
    from kg.query.results import QueryResult
    from kg.query.store import Store
    from kg.query.store import open_store as open

#: Where each public name lives. The modules load on first use: a command that only queries never
#: loads the build's modules (YAML, SHACL), and `import kg` costs a few milliseconds (issue 17).
_LAZY = {
    "BuildReport": ("kg.ingest.pipeline", "BuildReport"),
    "build": ("kg.ingest.pipeline", "build"),
    "Project": ("kg.project", "Project"),
    "NamedQuery": ("kg.query.queries", "NamedQuery"),
    "named_queries": ("kg.query.queries", "named_queries"),
    "named_query": ("kg.query.queries", "named_query"),
    "QueryResult": ("kg.query.results", "QueryResult"),
    "Store": ("kg.query.store", "Store"),
    "open": ("kg.query.store", "open_store"),
}


def __getattr__(name: str):
    """Load a public name's module on first use (PEP 562), and keep the name here afterwards."""
    if name == "SPARQL_PREFIXES":
        from kg.ingest.vocabulary import PREFIXES

        #: PREFIX lines for every namespace the graph uses, to put in front of your own queries.
        value = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in PREFIXES.items())
    elif name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        value = getattr(importlib.import_module(module), attribute)
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "BuildReport",
    "InputError",
    "KGError",
    "NamedQuery",
    "Project",
    "QueryError",
    "QueryResult",
    "SPARQL_PREFIXES",
    "Store",
    "build",
    "named_queries",
    "named_query",
    "open",
]
