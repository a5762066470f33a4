"""The SPARQL endpoint (`kg serve`), tested as users meet it: the real command on a free port,
queried over HTTP with a real client (SPARQLWrapper), and its query page in headless chromium.

Two servers per run: the main one (default settings but a short time limit) and a "strict" one
(2 s limit, a small result cap, CORS and a SERVICE allow-list) for the runaway and limit tests.
"""

from __future__ import annotations

import csv
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

import kg
from kg.query.queries import NamedQuery
from kg.serve.app import choose_formats, negotiate, query_hash
from kg.serve.yasgui import render_query_page

from .sheets import sheets

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"
SCHEMA = "PREFIX schema: <https://schema.org/>\n"
RED_SILK = "VALUES ?f { <https://w3id.org/sco-film-kg/resource/red-silk> } "  # keeps an answer to the film whose rows are known
DIRECTOR = SCHEMA + 'SELECT ?director WHERE { ?f schema:name ?n ; schema:director/schema:name ?director FILTER(STR(?n) = "Red Silk") }'
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SIMPLE = SCHEMA + "SELECT ?name WHERE { ?film a schema:Movie ; schema:name ?name }"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DOWN = "http://127.0.0.1:9/sparql"  # an allowed SERVICE endpoint that is not running


# ---- running `kg serve` -------------------------------------------------------------------------


def kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (from /proc), so a test can see that none is left behind."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Server:
    """`kg serve` in a subprocess; its output goes to files (a full pipe would stall it)."""

    def __init__(self, data: Path, logs: Path, *options: str):
        self.data = data
        self.out, self.err = logs / "serve.out", logs / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen(
                [*kg_command(), "serve", "--port", "0", "--data", str(data), "--queries", str(QUERIES), *options],
                stdout=out,
                stderr=err,
                cwd=ROOT,
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            match = re.search(r"SPARQL endpoint at (http://\S+)/sparql", self.out.read_text())
            if match:
                self.base = match.group(1)
                self.url = self.base + "/sparql"
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"kg serve did not start:\n{self.out.read_text()}\n{self.err.read_text()}")

    def log(self) -> str:
        return self.err.read_text()

    def workers(self) -> set[int]:
        return descendants(self.process.pid)

    def stop(self) -> None:
        """SIGTERM, as a service manager would; then every worker must be gone too."""
        children = self.workers()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
                raise AssertionError("kg serve did not stop on SIGTERM within 20 s") from None
        deadline = time.monotonic() + 10
        while any(alive(p) for p in children) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in children if alive(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, f"processes left behind by kg serve: {left}"


@pytest.fixture(scope="module")
def server(built_out, tmp_path_factory):
    s = Server(built_out, tmp_path_factory.mktemp("serve"), "--timeout", "5", "--workers", "2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def strict(built_out, tmp_path_factory, server):
    s = Server(
        built_out,
        tmp_path_factory.mktemp("serve-strict"),
        *("--timeout", "2", "--workers", "2", "--max-rows", "50"),
        *("--cors", "https://yasgui.example", "--allow-service", server.url, "--allow-service", DOWN),
    )
    yield s
    s.stop()


@pytest.fixture(scope="module")
def oxi(built_out, tmp_path_factory):
    """The same endpoint over kg's on-disk Oxigraph store (a private copy of the build)."""
    copy = tmp_path_factory.mktemp("build-copy") / "out"
    shutil.copytree(built_out, copy, ignore=shutil.ignore_patterns("oxigraph*"))
    s = Server(copy, tmp_path_factory.mktemp("serve-oxigraph"), "--store", "oxigraph", "--timeout", "2", "--workers", "2")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def oxi_memory(built_out, tmp_path_factory):
    """The same endpoint with each worker holding the graph in pyoxigraph in RAM."""
    s = Server(
        built_out, tmp_path_factory.mktemp("serve-oxigraph-memory"), "--store", "oxigraph-memory", "--timeout", "2", "--workers", "2"
    )
    yield s
    s.stop()


@pytest.fixture(params=["memory", "oxigraph", "oxigraph-memory"])
def served(request):
    """Each store the endpoint can serve from."""
    return request.getfixturevalue({"memory": "server", "oxigraph": "oxi", "oxigraph-memory": "oxi_memory"}[request.param])


@pytest.fixture()
def trap():
    """A local HTTP server that records every request: proof that the endpoint fetched nothing."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<urn:x:s> <urn:x:p> <urn:x:o> .\n")

        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.hits = hits
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def client(url: str, query: str, fmt=JSON, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setTimeout(60)
    if method != "GET":
        sw.setMethod(POST)
    if method == "POST-direct":
        sw.setRequestMethod(POSTDIRECTLY)
    return sw


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get(server_url: str, query: str, accept: str | None = None, **params) -> tuple[int, dict, bytes]:
    url = server_url + "?" + urllib.parse.urlencode({"query": query, **params}, doseq=True)
    return request(url, headers={"Accept": accept} if accept else {})


def values(result, fmt) -> list[str]:
    """The first column of a SELECT answer converted by SPARQLWrapper, whatever the format."""
    if fmt == JSON:
        var = result["head"]["vars"][0]
        return [b[var]["value"] for b in result["results"]["bindings"]]
    if fmt == XML:
        return [b.getElementsByTagName("literal")[0].firstChild.data for b in result.getElementsByTagName("binding")]
    text = result.decode("utf-8") if isinstance(result, bytes) else result
    if fmt == TSV:  # terms in Turtle syntax: "Andrey Volgin"
        return [line.split("\t")[0].split('"')[1] for line in text.splitlines()[1:]]
    return [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]


# ---- the article's answers over HTTP ----------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "POST-direct"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select_answers_in_every_results_format(served, fmt, method):
    result = client(served.url, DIRECTOR, fmt, method).query().convert()
    assert set(values(result, fmt)) == {"Andrey Volgin"}


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_named_query_countries_of_origin(served, method):
    query = kg.named_query("coproduction-countries", QUERIES).sparql
    result = client(served.url, query, JSON, method).query().convert()
    rows = {(b["film"]["value"], b["country"]["value"]) for b in result["results"]["bindings"]}
    assert {(film, country) for film, country in rows if film == "Red Silk"} == {("Red Silk", "China"), ("Red Silk", "Russia")}
    data = sheets()  # and every other film with its countries of origin, as the sheets give them
    assert rows == {(data.name(film), data.name(country)) for film, country in data.pairs("countryOfOrigin")}


@pytest.mark.parametrize("method", ["GET", "POST", "POST-direct"])
@pytest.mark.parametrize("fmt", [TURTLE, XML, JSONLD])
def test_construct_answers_in_rdf_formats(served, fmt, method):
    query = (
        SCHEMA
        + "CONSTRUCT { ?f schema:director ?p . ?p schema:name ?n } WHERE { "
        + RED_SILK
        + "?f schema:director ?p . ?p schema:name ?n }"
    )
    result = client(served.url, query, fmt, method).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    names = {str(o) for o in graph.objects(None, URIRef("https://schema.org/name"))}
    assert names == {"Andrey Volgin"}
    assert len(set(graph.subjects(URIRef("https://schema.org/director"), None))) == 1


def test_describe_and_ask(served):
    status, headers, body = get(served.url, "DESCRIBE <https://w3id.org/sco-film-kg/resource/red-silk>", "application/n-triples")
    assert status == 200 and headers["content-type"].startswith("application/n-triples")
    graph = Graph().parse(data=body.decode(), format="nt")
    assert (URIRef("https://w3id.org/sco-film-kg/resource/red-silk"), RDF.type, URIRef("https://schema.org/Movie")) in graph
    assert client(served.url, SCHEMA + "ASK { ?f a schema:Movie }", JSON).query().convert() == {"head": {}, "boolean": True}
    xml = client(served.url, SCHEMA + "ASK { ?f a schema:Person ; schema:name 'Nobody' }", XML, "POST").query().convert()
    assert xml.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize(
    "accept, params, expected",
    [
        ("application/sparql-results+json", {}, "application/sparql-results+json"),
        ("application/sparql-results+xml", {}, "application/sparql-results+xml"),
        ("text/csv", {}, "text/csv"),
        ("text/tab-separated-values", {}, "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", {}, "application/sparql-results+xml"),
        ("image/png", {}, "application/sparql-results+json"),  # nothing acceptable: the default
        (None, {"format": "csv"}, "text/csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", {}, "application/sparql-results+xml"),
    ],
)
def test_content_negotiation(server, accept, params, expected):
    status, headers, body = get(server.url, SIMPLE, accept, **params)
    assert status == 200
    assert headers["content-type"].startswith(expected)
    assert "Red Silk" in body.decode()


def test_tsv_is_sparql_tsv(server):
    status, _, body = get(
        server.url, SCHEMA + "SELECT ?f ?name WHERE { " + RED_SILK + "?f a schema:Movie ; schema:name ?name }", "text/tab-separated-values"
    )
    lines = body.decode().splitlines()
    assert lines[0] == "?f\t?name"
    assert lines[1].startswith('<https://w3id.org/sco-film-kg/resource/red-silk>\t"Red Silk"')


def test_negotiation_units():
    offers = [("application/sparql-results+json", "json"), ("text/csv", "csv")]
    assert negotiate("text/*;q=0.9, */*;q=0.1", offers, "json") == "csv"
    assert negotiate("text/csv;q=0", offers, "json") == "json"
    assert negotiate("", offers, "json") == "json"
    assert choose_formats({"format": ["turtle"]}, None) == ("json", "turtle")
    assert choose_formats({}, "application/ld+json, application/sparql-results+json") == ("json", "json-ld")


def test_union_default_graph_counts_a_triple_once(served):
    """A fact stated in two evidence graphs is one triple of the default graph (an RDF merge)."""
    graphs = SCHEMA + "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { " + RED_SILK + "GRAPH ?g { ?f schema:director ?p } }"
    assert int(client(served.url, graphs).query().convert()["results"]["bindings"][0]["n"]["value"]) >= 2
    result = client(served.url, SCHEMA + "SELECT (COUNT(*) AS ?n) WHERE { " + RED_SILK + "?f schema:director ?p }").query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "1"


def test_default_and_named_graph_uri(served, trap):
    evidence = "https://w3id.org/sco-film-kg/document/red-silk-sco-film-week#char=1166,1218"
    reference = "https://w3id.org/sco-film-kg/source/wikipedia-red-silk"
    directors = SCHEMA + "SELECT DISTINCT ?p WHERE { ?f schema:director ?p }"
    # default-graph-uri: the default graph is that graph only
    sw = client(served.url, SCHEMA + "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    sw.addDefaultGraph(evidence)
    triples = sw.query().convert()["results"]["bindings"]
    assert 0 < len(triples) < 20
    sw = client(served.url, SCHEMA + "SELECT ?o WHERE { ?s schema:countryOfOrigin ?o }", JSON, "POST")
    sw.addDefaultGraph(evidence)
    assert sw.query().convert()["results"]["bindings"] == []
    # named-graph-uri: GRAPH ?g sees those graphs only, and the default graph is empty
    sw = client(served.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    sw.addNamedGraph(evidence)
    sw.addNamedGraph(reference)
    graphs = {b["g"]["value"] for b in sw.query().convert()["results"]["bindings"]}
    assert graphs == {evidence, reference}
    status, _, body = get(served.url, directors, **{"named-graph-uri": evidence})
    assert json.loads(body)["results"]["bindings"] == []
    # the same with FROM / FROM NAMED in the query text; a graph the store lacks is empty, never fetched
    status, _, body = get(served.url, f"SELECT (COUNT(*) AS ?n) FROM <{evidence}> FROM <{trap.url}/data.ttl> WHERE {{ ?s ?p ?o }}")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(len(triples))
    assert trap.hits == []
    # no dataset given: the union of all graphs, with every director the sheets name
    status, _, body = get(served.url, directors)
    assert len(json.loads(body)["results"]["bindings"]) == len({director for _, director in sheets().pairs("director")})


def test_service_description(server):
    status, headers, body = request(server.url)
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=body.decode(), format="turtle")
    endpoint = URIRef(server.url)
    assert (endpoint, RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (endpoint, SD.feature, SD.BasicFederatedQuery) not in graph  # no SERVICE allowed on this one
    status, headers, _ = request(server.url, headers={"Accept": "application/ld+json"})
    assert headers["content-type"].startswith("application/ld+json")


def test_malformed_query_gets_400_with_the_parser_message(served):
    with pytest.raises(QueryBadFormed) as error:
        client(served.url, "SELECT ?x WHERE {\n  ?x a schema:Movie \n").query()
    assert "column" in str(error.value) and "Expected" in str(error.value)
    status, _, body = get(served.url, "SELEKT * WHERE { ?s ?p ?o }")
    assert status == 400 and b"SPARQL syntax error at column 1" in body


def test_bad_requests(server):
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert request(server.url, b"query=ASK{}&query=ASK{}", form)[0] == 400
    assert request(server.url, b"", form)[0] == 400
    assert request(server.url, b"ASK {}", {"Content-Type": "text/plain"})[0] == 415
    assert request(server.url, b"query=" + b"x" * 1_100_000, form)[0] == 413
    assert request(server.url, b"query=", form)[0] == 400
    assert request(server.base + "/nowhere")[0] == 404
    assert request(server.url + "?query=%ff")[0] == 400
    assert request(server.url, b"query=%ff", form)[0] == 400


# ---- read-only and safe -----------------------------------------------------------------------

UPDATES = {
    "INSERT DATA": "INSERT DATA { <urn:kg-test:s> <urn:kg-test:p> <urn:kg-test:o> }",
    "INSERT DATA in a graph": "PREFIX x: <urn:kg-test:> INSERT DATA { GRAPH x:g { x:s x:p x:o } }",
    "DELETE DATA": ('DELETE DATA { <https://w3id.org/sco-film-kg/resource/red-silk> <https://schema.org/name> "Red Silk" }'),
    "DELETE WHERE": "DELETE WHERE { ?s ?p ?o }",
    "DELETE/INSERT WHERE": "DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
    "LOAD": "LOAD <{trap}/data.ttl>",
    "LOAD INTO": "LOAD SILENT <{trap}/data.ttl> INTO GRAPH <urn:kg-test:g>",
    "CLEAR": "CLEAR ALL",
    "DROP": "DROP ALL",
    "CREATE": "CREATE GRAPH <urn:kg-test:g>",
    "ADD": "ADD DEFAULT TO <urn:kg-test:g>",
    "MOVE": "MOVE DEFAULT TO <urn:kg-test:g>",
    "COPY": "COPY DEFAULT TO <urn:kg-test:g>",
    "two operations": "CLEAR DEFAULT ; INSERT DATA { <urn:kg-test:s> <urn:kg-test:p> <urn:kg-test:o> }",
    "malformed": "INSERT DATA { <urn:kg-test:s> ",
}


def snapshot(server) -> tuple:
    """What an update would change: quads per graph, default-graph size, the test triple.

    Each query carries a string never asked before, so the server computes it (no cached answer).
    """
    fresh = f'FILTER("{time.monotonic_ns()}" != "")'
    counts = SCHEMA + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } " + fresh + " } GROUP BY ?g ORDER BY ?g"
    rows = client(server.url, counts).query().convert()["results"]["bindings"]
    total = client(server.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o " + fresh + " }").query().convert()["results"]["bindings"]
    ask = (
        client(server.url, "ASK { { <urn:kg-test:s> ?p ?o } UNION { GRAPH ?g { <urn:kg-test:s> ?p ?o } } " + fresh + " }").query().convert()
    )
    return tuple((r["g"]["value"], r["n"]["value"]) for r in rows), total[0]["n"]["value"], ask["boolean"]


def test_every_update_form_is_refused_and_nothing_changes(served, trap):
    server = served
    before = snapshot(server)
    build_file = hashlib.sha256((server.data / "kg.trig").read_bytes()).hexdigest()
    refused = []
    for name, update in UPDATES.items():
        update = update.replace("{trap}", trap.url)
        encoded = urllib.parse.urlencode({"update": update}).encode()
        carriers = {
            "update= (POST form)": lambda u=encoded: request(server.url, u, {"Content-Type": "application/x-www-form-urlencoded"}),
            "application/sparql-update": lambda u=update: request(server.url, u.encode(), {"Content-Type": "application/sparql-update"}),
            "update= (GET)": lambda u=encoded: request(server.url + "?" + u.decode()),
            "query= (GET)": lambda u=update: get(server.url, u),
            "query= (POST form)": lambda u=update: request(
                server.url, urllib.parse.urlencode({"query": u}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
            ),
            "application/sparql-query": lambda u=update: request(server.url, u.encode(), {"Content-Type": "application/sparql-query"}),
        }
        for carrier, send in carriers.items():
            status, _, body = send()
            refused.append((name, carrier, status, body.decode()[:80]))
    wrong = [r for r in refused if r[2] != 403 or "read-only" not in r[3]]
    assert not wrong, wrong
    assert snapshot(server) == before
    assert hashlib.sha256((server.data / "kg.trig").read_bytes()).hexdigest() == build_file
    assert trap.hits == [], "LOAD fetched a URL"


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
@pytest.mark.parametrize("name", ["INSERT DATA", "DELETE WHERE", "LOAD", "CLEAR", "DROP", "CREATE"])
def test_sparqlwrapper_updates_are_refused(server, trap, name, method):
    before = snapshot(server)
    sw = SPARQLWrapper(server.url)
    sw.setQuery(UPDATES[name].replace("{trap}", trap.url))
    sw.setMethod(POST)
    sw.setRequestMethod(method)
    assert sw.isSparqlUpdateRequest()
    with pytest.raises(urllib.error.HTTPError) as error:
        sw.query()
    assert error.value.code == 403
    assert snapshot(server) == before
    assert trap.hits == []


SERVICES = {
    "an IRI": SCHEMA + "SELECT * WHERE { SERVICE <{trap}/sparql> { ?s ?p ?o } }",
    "SILENT": "SELECT * WHERE { SERVICE SILENT <{trap}/sparql> { ?s ?p ?o } }",
    "a variable": "SELECT * WHERE { VALUES ?e { <{trap}/sparql> } SERVICE ?e { ?s ?p ?o } }",
    "inside EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{trap}/sparql> { ?s ?p ?o } } } LIMIT 1",
    "inside OPTIONAL": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{trap}/sparql> { ?s ?p ?x } } } LIMIT 1",
}


@pytest.mark.parametrize("name", SERVICES)
def test_service_is_refused(served, trap, name):
    query = SERVICES[name].replace("{trap}", trap.url)
    with pytest.raises(urllib.error.HTTPError) as error:
        client(served.url, query).query()
    assert error.value.code == 403
    assert b"SERVICE" in error.value.read()
    time.sleep(0.2)
    assert trap.hits == []


def test_service_allow_list(server, strict, trap):
    # the strict server may call the main one, and nothing else
    allowed = SCHEMA + f"SELECT ?name WHERE {{ SERVICE <{server.url}> {{ {RED_SILK}?f a schema:Movie ; schema:name ?name }} }}"
    assert values(client(strict.url, allowed).query().convert(), JSON) == ["Red Silk"]
    for query in (
        f"SELECT * WHERE {{ SERVICE <{trap.url}/sparql> {{ ?s ?p ?o }} }}",
        # rdflib calls the URL in the text of the first SERVICE it finds, even in a string
        f'SELECT * WHERE {{ ?s ?p "SERVICE <{trap.url}/sparql> {{ ?s ?p ?o }}" . SERVICE <{server.url}> {{ ?s ?p ?o }} }}',
    ):
        status, _, _ = get(strict.url, query)
        assert status == 403
    assert trap.hits == []
    status, _, body = get(strict.url, f"SELECT * WHERE {{ SERVICE <{DOWN}> {{ ?s ?p ?o }} }}")
    assert status == 502 and b"could not be reached" in body
    status, _, body = request(strict.url)
    assert (URIRef(strict.url), SD.feature, SD.BasicFederatedQuery) in Graph().parse(data=body.decode(), format="turtle")


def test_binds_loopback_by_default(server):
    assert server.base.startswith("http://127.0.0.1:")
    port = int(server.base.rsplit(":", 1)[1])
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing address
        address = probe.getsockname()[0]
    except OSError:
        address = None
    finally:
        probe.close()
    if not address or address.startswith("127."):
        pytest.skip("this machine has no non-loopback address to probe")
    with pytest.raises(OSError):
        socket.create_connection((address, port), timeout=2).close()


def test_cors_off_by_default_and_configurable(server, strict):
    origin = {"Origin": "https://yasgui.example"}
    _, headers, _ = request(server.url + "?query=ASK%7B%7D", headers=origin)
    assert "access-control-allow-origin" not in {k.lower() for k in headers}
    status, _, _ = request(server.url, headers={**origin, "Access-Control-Request-Method": "POST"}, method="OPTIONS")
    assert status == 405
    _, headers, _ = request(strict.url + "?query=ASK%7B%7D", headers=origin)
    assert headers.get("access-control-allow-origin") == "https://yasgui.example"
    status, headers, _ = request(strict.url, headers={**origin, "Access-Control-Request-Method": "POST"}, method="OPTIONS")
    assert status == 200 and "POST" in headers["access-control-allow-methods"]
    _, headers, _ = request(strict.url + "?query=ASK%7B%7D", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in {k.lower() for k in headers}


# ---- bounded ------------------------------------------------------------------------------------


def race_a_runaway(server) -> tuple[dict, float, float]:
    """Start the runaway query, then a normal one while it runs: (runaway outcome, other's wait, other's end)."""
    runaway: dict = {}

    def run_away():
        started = time.monotonic()
        try:
            client(server.url, RUNAWAY).query()
            runaway["status"] = 200
        except urllib.error.HTTPError as e:
            runaway["status"], runaway["message"] = e.code, e.read().decode()
        runaway["seconds"] = time.monotonic() - started
        runaway["done"] = time.monotonic()

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.5)  # the runaway is now holding one worker
    started = time.monotonic()
    answer = client(server.url, DIRECTOR).query().convert()
    other_done = time.monotonic()
    thread.join(30)
    assert set(values(answer, JSON)) == {"Andrey Volgin"}
    return runaway, other_done - started, other_done


@pytest.mark.parametrize("name", ["memory", "oxigraph"])
def test_runaway_query_is_stopped_while_another_client_is_answered(request, name):
    server = request.getfixturevalue("strict" if name == "memory" else "oxi")
    runaway, waited, other_done = race_a_runaway(server)
    print(f"\n{name}: runaway query stopped after {runaway['seconds']:.2f} s (limit 2 s); the other client waited {waited:.2f} s")
    assert other_done < runaway["done"], "the second client was not answered while the runaway query ran"
    assert runaway["status"] == 503 and "stopped after 2 s" in runaway["message"]
    assert 1.9 < runaway["seconds"] < 3.5
    # the server keeps serving, and replaces the killed worker
    assert set(values(client(server.url, DIRECTOR).query().convert(), JSON)) == {"Andrey Volgin"}
    assert re.search(rf"q={query_hash(RUNAWAY)} 503 \d+\.\dms", server.log())
    deadline = time.monotonic() + 30
    while len(server.workers()) < 3 and time.monotonic() < deadline:  # two workers and the resource tracker
        time.sleep(0.1)
    assert "overran the 2 s limit" in server.log()


#: Sorting a three-way cross join must hold every row before the first is sent: memory, fast.
HOARDER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.mark.parametrize("store", ["memory", "oxigraph", "oxigraph-memory"])
def test_a_query_past_the_memory_allowance_costs_one_worker_not_the_server(built_out, tmp_path, store):
    """With a 64 MB allowance the hoarding query is stopped long before the 60 s time limit."""
    data = shutil.copytree(built_out, tmp_path / "out")  # the on-disk store is written beside the build
    server = Server(data, tmp_path, "--store", store, "--workers", "1", "--timeout", "60", "--max-query-memory", "64")
    try:
        assert "64 MB per query" in server.out.read_text()
        started = time.monotonic()
        status, _, body = get(server.url, HOARDER)
        seconds = time.monotonic() - started
        print(f"\n{store}: the hoarding query was stopped after {seconds:.1f} s with {status}")
        assert status == 503 and b"more than the 64 MB of memory one query may use" in body, body[:300]
        assert seconds < 45
        # the worker was replaced and answers as before
        assert set(values(client(server.url, DIRECTOR).query().convert(), JSON)) == {"Andrey Volgin"}
        assert "ran out of its 64 MB" in server.log()
    finally:
        server.stop()


def test_result_size_cap(strict):
    status, _, body = get(strict.url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and b"more than 50 rows" in body and b"LIMIT" in body
    status, _, body = get(strict.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    status, _, body = get(strict.url, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert status == 422 and b"more than 50 triples" in body


def test_sixteen_concurrent_clients(server):
    data = sheets()
    films = sorted(data.name(film) for film in data.ids("Movie"))  # every client must get every film, every time
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one_client():
        for _ in range(25):
            started = time.perf_counter()
            try:
                names = values(client(server.url, SIMPLE).query().convert(), JSON)
                ok = sorted(names) == films
            except Exception as e:  # any client-side failure counts as an error
                ok, names = False, repr(e)
            with lock:
                latencies.append(time.perf_counter() - started)
                if not ok:
                    errors.append(str(names))

    started = time.perf_counter()
    threads = [threading.Thread(target=one_client) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    wall = time.perf_counter() - started
    assert not errors, errors[:5]
    assert len(latencies) == 16 * 25
    ordered = sorted(latencies)
    median, p99 = statistics.median(ordered), ordered[int(0.99 * len(ordered)) - 1]
    print(f"\n16 clients x 25 queries: median {median * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, {len(ordered) / wall:.0f} queries/s")


def test_one_log_line_per_request(server):
    query = SCHEMA + "SELECT ?f ?country WHERE { " + RED_SILK + "?f schema:countryOfOrigin ?country }  # log test"
    client(server.url, query, JSON, "POST").query()
    pattern = (
        rf"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z 127\.0\.0\.1 POST /sparql q={query_hash(query)} 200 \d+\.\dms rows=2 cache=miss$"
    )
    deadline = time.monotonic() + 5
    while not re.search(pattern, server.log(), re.M) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(re.findall(pattern, server.log(), re.M)) == 1, server.log()[-2000:]


def test_serve_without_a_build_says_so(tmp_path):
    done = subprocess.run([*kg_command(), "serve", "--port", "0", "--data", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "no built graph here" in done.stderr and "kg build" in done.stderr


# ---- the query page ---------------------------------------------------------------------------


def test_query_page_escapes_what_it_shows():
    evil = NamedQuery('x"><script>alert(1)</script>', "<img src=x onerror=alert(1)>", "</script><b>", "SELECT * {}</script>", Path("x.rq"))
    page = render_query_page([evil], timeout=10, max_rows=10)
    assert "<img src=x" not in page and "<b>" not in page and "<script>alert" not in page
    assert page.count("</script>") == page.count("<script")  # the query's own "</script>" closes nothing


def test_query_page_is_yasgui_and_self_contained(server):
    status, headers, body = request(server.base + "/")
    page = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "the page loads something from elsewhere"
    assert "yasgui.min.js" in page and "Who directed each film" in page  # YASGUI, a named query offered as an example
    assert "default-src 'self'" in headers["content-security-policy"] and "unsafe-inline" not in headers["content-security-policy"]
