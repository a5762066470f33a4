"""SCO film knowledge graph: facts from news documents, with their evidence, as RDF.

    >>> import kg
    >>> report = kg.build("data", out="out")          # parse, validate, write out/kg.trig ...
    >>> graph = kg.open("out")                        # a store you can query
    >>> graph.query(kg.named_query("film-directors")).records()
    [{'film': 'Red Silk', 'director': 'Andrey Volgin', 'nationality': 'Russia', ...}]

Heavy libraries (pyshacl, networkx, pyvis, pandas, servers) are imported only by the functions
that need them, so ``import kg`` stays fast.
"""

from kg.errors import InputError, KGError, QueryError
from kg.pipeline import BuildReport, build
from kg.queries import NamedQuery, named_queries, named_query
from kg.results import QueryResult
from kg.store import Store
from kg.store import open_store as open
from kg.vocabulary import PREFIXES as _PREFIXES

#: PREFIX lines for every namespace the graph uses, to put in front of your own queries.
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{ns}>\n" for prefix, ns in _PREFIXES.items())

__all__ = [
    "BuildReport",
    "InputError",
    "KGError",
    "NamedQuery",
    "QueryError",
    "QueryResult",
    "SPARQL_PREFIXES",
    "Store",
    "build",
    "named_queries",
    "named_query",
    "open",
]
