"""Upload a build into an existing triple store through the SPARQL 1.1 Graph Store Protocol.

Each named graph of the build is replaced (HTTP PUT) in the server, so pushing again after a
rebuild leaves no stale facts in those graphs. What queries without GRAPH see depends on the
server, and push makes it the union of every graph, as it is locally:

- a server whose default graph is a graph of its own (Oxigraph's server, Fuseki, GraphDB): the
  union of all graphs, each triple once, replaces the default graph, exactly as the local
  oxigraph store merges it. Queries there get the same rows as locally.
- Virtuoso, whose default graph is always the union of its named graphs: the build's default
  graph (descriptions of documents, sources and evidence spans) goes into one named graph,
  ``PROVENANCE_GRAPH``. Virtuoso matches a triple once per graph that states it, so a query of
  your own that joins facts stated in two places may repeat rows there (write DISTINCT); the named
  queries are written to give the same rows on every store.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import KGError, Problem
from kg.ingest.vocabulary import BASE
from kg.progress import progress as _progress
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
) -> PushReport:
    """PUT every graph of the build at ``path`` (and its imports) to ``graph_store``.

    ``graph_store`` is the server's Graph Store Protocol URL (Virtuoso:
    ``http://HOST:8890/sparql-graph-crud-auth``, with digest authentication).
    """
    opener = _opener(graph_store, user, password)
    with _progress(f"kg push to {graph_store}", unit="graphs") as shown:
        graphs = triples = 0
        union, descriptions, pushed, server = Graph(), Graph(), set(), ""
        for file in build_files(out_folder(path)):
            dataset = Dataset()
            dataset.parse(file, format="trig" if file.suffix == ".trig" else "nquads")
            for graph in dataset.graphs():
                if not len(graph):
                    continue
                union += graph
                if graph.identifier == dataset.default_graph.identifier:
                    descriptions += graph  # the build's and every import's: pushed once, below
                    continue
                server = _put(opener, graph_store, graph.identifier, graph, replace=graph.identifier not in pushed)
                pushed.add(graph.identifier)
                graphs += 1
                triples += len(graph)
                shown.advance()
        if "virtuoso" in server.lower() or not pushed:
            if len(descriptions):
                _put(opener, graph_store, PROVENANCE_GRAPH, descriptions)
                graphs, triples = graphs + 1, triples + len(descriptions)
        else:
            _put(opener, graph_store, None, union)  # the default graph: every triple of every graph, once
            _delete(opener, graph_store, PROVENANCE_GRAPH)  # left by an older push; locally it is no named graph either
    return PushReport(graphs, triples)


def _opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers = []
    if user:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    return urllib.request.build_opener(*handlers)


#: Triples per request. A server that answers an unauthenticated request with 401 before reading a
#: large body (Virtuoso with digest authentication) breaks the pipe; bodies this small fit in the
#: socket buffer, so the 401 is read and the request is sent again with credentials.
TRIPLES_PER_REQUEST = 2000


def _graph_url(graph_store: str, name: URIRef | None) -> str:
    return f"{graph_store}?default" if name is None else f"{graph_store}?{urllib.parse.urlencode({'graph': str(name)})}"


def _delete(opener: urllib.request.OpenerDirector, graph_store: str, name: URIRef) -> None:
    try:
        with opener.open(urllib.request.Request(_graph_url(graph_store, name), method="DELETE"), timeout=300) as response:
            response.read()
    except urllib.error.HTTPError as e:
        if e.code != 404:  # never pushed there: nothing to delete
            raise KGError(Problem(graph_store, None, f"the server refused to delete graph {name}: HTTP {e.code}")) from None


def _put(opener: urllib.request.OpenerDirector, graph_store: str, name: URIRef | None, graph: Graph, replace: bool = True) -> str:
    """Replace graph ``name`` (None: the default graph) with ``graph``: a PUT of the first block, then
    POSTs (merge) of the rest; with ``replace`` false, POSTs only. Returns the server's ``Server`` header."""
    triples = list(graph)
    url = _graph_url(graph_store, name)
    server = ""
    for start in range(0, max(len(triples), 1), TRIPLES_PER_REQUEST):
        body = Graph()
        for triple in triples[start : start + TRIPLES_PER_REQUEST]:
            body.add(triple)
        data = body.serialize(format="nt", encoding="utf-8")
        method = "PUT" if start == 0 and replace else "POST"
        request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/n-triples"})
        try:
            with opener.open(request, timeout=300) as response:
                response.read()
                server = response.headers.get("Server", "")
        except urllib.error.HTTPError as e:
            hint = "check --user/--password" if e.code in (401, 403) else "check the Graph Store URL"
            raise KGError(
                Problem(graph_store, None, f"the server refused graph {name}: HTTP {e.code} {e.read()[:300].decode(errors='replace')}", hint)
            ) from None
        except urllib.error.URLError as e:
            raise KGError(Problem(graph_store, None, f"cannot reach the Graph Store: {e.reason}", "is the server running?")) from None
    return server
