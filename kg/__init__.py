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

from kg.errors import InputError, KGError, QueryError
from kg.ingest.pipeline import BuildReport, build
from kg.ingest.vocabulary import PREFIXES as _PREFIXES
from kg.project import Project
from kg.query.queries import NamedQuery, named_queries, named_query
from kg.query.results import QueryResult
from kg.query.store import Store
from kg.query.store import open_store as open

#: PREFIX lines for every namespace the graph uses, to put in front of your own queries.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in _PREFIXES.items())

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
