"""Stores: the on-disk store persists and follows rebuilds; kg push fills a real server idempotently."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from rdflib import Literal, URIRef

import kg
from kg.query.store import LAYOUT, OxigraphStore

from . import virtuoso
from .conftest import ROOT

#: Imported as IRIs rather than through rdflib's XSD namespace object, which pytest's collection probes noisily.
INTEGERS = (URIRef("http://www.w3.org/2001/XMLSchema#integer"), URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger"))
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_oxigraph_store_is_reused_and_reloaded_after_a_rebuild(built_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    first = kg.open(out, "oxigraph")
    assert isinstance(first, OxigraphStore)
    marker = out / "oxigraph" / "kg-loaded-from.json"
    stamp = marker.stat().st_mtime_ns
    n = first.query(COUNT).rows[0]["n"].toPython()
    del first
    kg.open(out, "oxigraph")
    assert marker.stat().st_mtime_ns == stamp, "an unchanged build was loaded again"
    kg.build(ROOT / "data", out, ROOT / "ontology")  # a rebuild rewrites kg.nq
    again = kg.open(out, "oxigraph")
    assert marker.stat().st_mtime_ns != stamp
    assert again.query(COUNT).rows[0]["n"].toPython() == n


def test_a_store_from_an_older_layout_is_reloaded(built_out, tmp_path):
    """A store loaded by an earlier version (no merged default graph) must not be read as current."""
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    kg.open(out, "oxigraph")
    marker = out / "oxigraph" / "kg-loaded-from.json"
    marker.write_text(json.dumps(json.loads(marker.read_text())["files"]))  # what layout 1 wrote
    reopened = kg.open(out, "oxigraph")
    assert json.loads(marker.read_text())["layout"] == LAYOUT
    assert reopened.counts["quads"] == sum(1 for _ in kg.open(built_out).quads())
    marker.write_text('{"layout": 2, "fi')  # a marker cut short
    kg.open(out, "oxigraph")
    assert json.loads(marker.read_text())["layout"] == LAYOUT


def test_rows_are_the_same_in_every_local_store_even_without_distinct(built_out, tmp_path):
    """The default graph is a set: a triple stated in several graphs is matched once in every store."""
    stores = {name: kg.open(shutil.copytree(built_out, tmp_path / name), name) for name in ("memory", "oxigraph", "oxigraph-memory")}
    for name, q in kg.named_queries().items():
        plain = q.sparql.replace("SELECT DISTINCT", "SELECT")
        answers = {
            store: sorted(repr(sorted((k, same_value(v)) for k, v in row.items())) for row in st.query(plain).rows)
            for store, st in stores.items()
        }
        assert answers["oxigraph"] == answers["memory"], name
        assert answers["oxigraph-memory"] == answers["memory"], name


def same_value(term):
    """Oxigraph reports xsd:nonNegativeInteger (NIF's offsets) as xsd:integer: compare integers by value."""
    return Literal(int(term)) if isinstance(term, Literal) and term.datatype in INTEGERS else term


def test_every_store_holds_the_same_quads(built_out, tmp_path):
    memory = {(s, p, same_value(o), g) for s, p, o, g in kg.open(built_out, "memory").quads()}
    copy = tmp_path / "out"
    shutil.copytree(built_out, copy)
    oxigraph = {(s, p, same_value(o), g) for s, p, o, g in kg.open(copy, "oxigraph").quads()}
    default = kg.open(built_out, "memory").dataset.default_graph.identifier
    assert {q for q in memory if q[3] != default} == {q for q in oxigraph if q[3] is not None}
    assert {q[:3] for q in memory if q[3] == default} == {q[:3] for q in oxigraph if q[3] is None}


def test_push_and_query_a_virtuoso_server_from_the_cli(built_out, virtuoso_server):
    server = virtuoso_server  # the session's server already holds one push of this build
    local = kg.open(built_out, "memory")
    graphs = len({g for *_, g in local.quads() if g != local.dataset.default_graph.identifier}) + 1  # + the provenance graph
    for _ in range(2):  # pushing again replaces graphs instead of doubling them
        pushed = subprocess.run(
            [sys.executable, "-m", "kg", "push", server.graph_store, "--user", "dba", "--password", "dba", "--data", str(built_out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert pushed.returncode == 0, pushed.stderr
        assert f"pushed {graphs} graphs" in pushed.stdout
    remote = kg.open(built_out, "remote", server.endpoint)
    filter_ours = "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/sco-film-kg/'))"
    ours = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {filter_ours} }}"
    total_local = sum(1 for _ in local.quads())
    assert int(remote.query(ours).rows[0]["n"]) == total_local
    answer = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--store", "remote", "--endpoint", server.endpoint, "film-directors", "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert answer.returncode == 0 and "Andrey Volgin,Russia" in answer.stdout


def test_push_to_a_closed_port_says_what_to_do(built_out):
    result = subprocess.run(
        [sys.executable, "-m", "kg", "push", f"http://127.0.0.1:{virtuoso.free_port()}/gsp", "--data", str(built_out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "cannot reach the Graph Store" in result.stderr and "Traceback" not in result.stderr


def test_oxigraph_answers_convert_to_the_literals_rdflib_builds():
    """kg.query.store builds rdflib Literals by hand for speed: they must equal rdflib's own, field by field."""
    import pyoxigraph as ox

    from kg.query.store import _from_ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    cases = [
        ox.Literal("Red Silk"),
        ox.Literal("红丝绸", language="zh"),
        ox.Literal("Красный шёлк", language="ru"),
        *(
            ox.Literal(v, datatype=ox.NamedNode(xsd + t))
            for v, t in [
                ("2025", "gYear"),
                ("2025-08", "gYearMonth"),
                ("2025-08-22", "date"),
                ("2025-08-22T10:00:00Z", "dateTime"),
                ("146", "integer"),
                ("1166", "nonNegativeInteger"),
                ("0.5", "decimal"),
                ("1.0E3", "double"),
                ("true", "boolean"),
                ("PT2H26M", "duration"),
                ("not a date", "date"),
                ("x", "anyURI"),
            ]
        ),
        ox.Literal("x", datatype=ox.NamedNode("https://w3id.org/sco-film-kg/ontology#unknownType")),
    ]
    for case in cases:
        ours = _from_ox(case)
        datatype = None if case.datatype.value == xsd + "string" or case.language else URIRef(case.datatype.value)
        theirs = Literal(case.value, lang=case.language, datatype=datatype, normalize=False)
        assert type(ours) is Literal
        assert (str(ours), ours.language, ours.datatype, ours.value, ours.ill_typed) == (
            str(theirs),
            theirs.language,
            theirs.datatype,
            theirs.value,
            theirs.ill_typed,
        ), case
        assert ours == theirs and hash(ours) == hash(theirs) and ours.n3() == theirs.n3()


def test_commands_and_the_endpoint_pick_the_same_store(built_out, tmp_path, monkeypatch):
    from kg.query import store as kg_store
    from kg.serve.app import choose_store

    monkeypatch.delenv("KG_STORE", raising=False)
    copy = shutil.copytree(built_out, tmp_path / "out")
    assert choose_store(None, copy) == "oxigraph" == kg.open(copy).name == kg_store.automatic_store(copy)
    monkeypatch.setenv("KG_STORE", "oxigraph-memory")
    assert choose_store(None, built_out) == "oxigraph-memory"
    assert choose_store("memory", built_out) == "memory"


def test_a_broken_build_file_is_reported_by_every_store_with_file_and_line(built_out, tmp_path):
    """A damaged import stops the command with where it is broken; the loaded store is kept."""
    out = shutil.copytree(built_out, tmp_path / "out")
    kg.open(out, "oxigraph")  # a store loaded from the good build
    (out / "imports").mkdir(exist_ok=True)
    broken = out / "imports" / "damaged.nq"
    broken.write_text(
        '<https://example.org/a> <https://example.org/p> "one" <https://example.org/g> .\n<https://example.org/a> <https://example.org/p> "cut\n',
        encoding="utf-8",
    )
    for store in ("memory", "oxigraph", "oxigraph-memory"):
        run = subprocess.run(
            [sys.executable, "-m", "kg", "query", "sco-members", "--data", str(out), "--store", store], capture_output=True, text=True
        )
        assert run.returncode != 0, store
        assert f"{broken}:2: not valid N-Quads" in run.stderr, (store, run.stderr)
        assert "Traceback" not in run.stderr, run.stderr
    assert not (out / "oxigraph.loading").exists()
    broken.unlink()
    assert kg.open(out, "oxigraph").query("ASK { ?s ?p ?o }").boolean
