"""Upload a build into an existing triple store through the SPARQL 1.1 Graph Store Protocol.

Each named graph of the build is replaced (HTTP PUT) in the server, so pushing again after a
rebuild leaves no stale facts in those graphs. The build's default graph (descriptions of
documents, sources and evidence spans) goes into one named graph, ``PROVENANCE_GRAPH``,
because many servers (Virtuoso among them) have no writable default graph; on a server whose
default graph is the union of all graphs (Virtuoso's default; Fuseki with unionDefaultGraph)
queries without GRAPH then see everything, as they do locally.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import KGError, Problem
from kg.ingest.vocabulary import BASE
from kg.project import out_folder
from kg.query.store import build_files

PROVENANCE_GRAPH = URIRef(BASE + "graph/provenance")


@dataclass
class PushReport:
    graphs: int
    triples: int


def push(
    path: Path | str | None,
    graph_store: str,
    user: str | None = None,
    password: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> PushReport:
    """PUT every graph of the build at ``path`` (and its imports) to ``graph_store``.

    ``graph_store`` is the server's Graph Store Protocol URL (Virtuoso:
    ``http://HOST:8890/sparql-graph-crud-auth``, with digest authentication).
    """
    opener = _opener(graph_store, user, password)
    graphs = triples = 0
    for file in build_files(out_folder(path)):
        dataset = Dataset()
        dataset.parse(file, format="trig" if file.suffix == ".trig" else "nquads")
        for graph in dataset.graphs():
            if not len(graph):
                continue
            name = PROVENANCE_GRAPH if graph.identifier == dataset.default_graph.identifier else graph.identifier
            _put(opener, graph_store, name, graph)
            graphs += 1
            triples += len(graph)
            if progress:
                progress(1)
    return PushReport(graphs, triples)


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers = []
    if user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


def _put(opener: urllib.request.OpenerDirector, graph_store: str, name: URIRef, graph: Graph) -> None:
    body = Graph()
    for triple in graph:
        body.add(triple)
    data = body.serialize(format="nt", encoding="utf-8")
    url = f"{graph_store}?{urllib.parse.urlencode({'graph': str(name)})}"
    request = urllib.request.Request(url, data=data, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with opener.open(request, timeout=300) as response:
            response.read()
    except urllib.error.HTTPError as e:
        hint = "check --user/--password" if e.code in (401, 403) else "check the Graph Store URL"
        raise KGError(
            Problem(graph_store, None, f"the server refused graph {name}: HTTP {e.code} {e.read()[:300].decode(errors='replace')}", hint)
        ) from None
    except urllib.error.URLError as e:
        raise KGError(Problem(graph_store, None, f"cannot reach the Graph Store: {e.reason}", "is the server running?")) from None
