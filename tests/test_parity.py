"""The same rows on every store: every named query, over each corpus, on memory (rdflib), oxigraph
(on disk), oxigraph-memory, and remote on two real servers (Virtuoso and Oxigraph's own server),
each filled with `kg push`. Rows are compared as multisets, so a repeated row counts.

Corpora: the built-in data, the synthetic 10k corpus, and the Wikidata film import where the
import extra is installed (the test extra includes it)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kg
from kg.query.push import push

from . import oxigraph_server, virtuoso

LOCAL = ("memory", "oxigraph", "oxigraph-memory")
SERVERS = ("virtuoso", "oxigraph-server")
INTEGERS = frozenset(URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"))


def comparable(term):
    """Servers may answer an xsd:nonNegativeInteger (NIF offsets) as xsd:integer: integers by value."""
    if isinstance(term, Literal) and term.datatype in INTEGERS:
        return ("integer", int(term))
    return term


def multiset(result) -> Counter:
    return Counter(tuple(sorted((k, comparable(v)) for k, v in row.items() if v is not None)) for row in result.rows)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    from benchmarks.synthetic import generate

    out = tmp_path_factory.mktemp("synthetic") / "10k"
    generate(out, 10_000)
    return out


@pytest.fixture(scope="module")
def wikidata(built_out, tmp_path_factory) -> Path:
    pytest.importorskip("bokeh_sampledata", reason="the import extra is not installed")
    from kg.importers.wikidata_films import default_database, import_films

    out = tmp_path_factory.mktemp("wikidata") / "out"
    shutil.copytree(built_out, out)
    import_films(kg.open(out, "memory"), out, default_database())
    return out


@pytest.fixture(scope="module", params=["built-in", "synthetic-10k", "wikidata-import"])
def corpus(request, built_out) -> tuple[str, Path]:
    if request.param == "built-in":
        return request.param, built_out
    return request.param, request.getfixturevalue(request.param.replace("-10k", "").replace("-import", ""))


@pytest.fixture(scope="module")
def answers(corpus, tmp_path_factory) -> dict[str, dict[str, Counter]]:
    """Every named query's rows on every store, for one corpus (servers started and stopped here)."""
    name, out = corpus
    queries = kg.named_queries()
    found: dict[str, dict[str, Counter]] = {}
    for store in LOCAL:
        if store == "memory" and name == "wikidata-import":
            continue  # rdflib needs minutes for 0.66M quads; oxigraph is compared with both servers instead
        copy = tmp_path_factory.mktemp(f"{name}-{store}") / "out"
        shutil.copytree(out, copy)
        opened = kg.open(copy, store)
        found[store] = {q: multiset(opened.query(query)) for q, query in queries.items()}
    for server_name in SERVERS:
        folder = tmp_path_factory.mktemp(f"{name}-{server_name}")
        if server_name == "virtuoso":
            if not virtuoso.available():
                pytest.fail("Debian's virtuoso-opensource is not installed: run scripts/install-test-deps.sh")
            server = virtuoso.start(folder)
            credentials = ("dba", "dba")
        else:
            server = oxigraph_server.start(folder)
            credentials = (None, None)
        try:
            push(out, server.graph_store, *credentials)
            remote = kg.open(out, "remote", server.endpoint)
            found[server_name] = {q: multiset(remote.query(query)) for q, query in queries.items()}
        finally:
            server.stop()
    return found


def test_every_named_query_gives_the_same_rows_on_every_store(corpus, answers):
    name, _ = corpus
    reference = answers.get("memory") or answers["oxigraph"]
    differences = []
    for store, by_query in answers.items():
        for query, rows in by_query.items():
            if rows != reference[query]:
                extra, missing = rows - reference[query], reference[query] - rows
                differences.append(
                    f"{name} / {query} on {store}: {sum(rows.values())} rows against {sum(reference[query].values())}; "
                    f"extra {list(extra)[:2]}, missing {list(missing)[:2]}"
                )
    assert not differences, "\n".join(differences)
    assert sum(sum(rows.values()) for rows in reference.values()) > 20, "the corpus answers the named queries"
