"""kg import wikidata against a real SPARQL server: Oxigraph's own, holding Wikidata-shaped data.

Every film, person and company here is invented ([TEST] in every label, ids far beyond any real
Wikidata or IMDb id); the countries are the real Wikidata items the graph's reference data names.
A small real HTTP proxy in front of the server counts the requests and can answer 429 or drop
connections, to show the retries and the resuming of an interrupted import.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import kg
from kg.errors import KGError
from kg.importers.wikidata import import_wikidata, shipped_query

from .conftest import ROOT

ENTITY = "http://www.wikidata.org/entity/"
FILM_CLASS = "Q11424"
TEST_SUBCLASS = "Q90000000100"  # an invented subclass of film
REGISTER_QID = "Q90000000003"  # the film the test's reference sheet knows by Wikidata id
SNAPSHOT_IMDB = "tt9900000004"  # the film the earlier snapshot import knows by IMDb id
SNAPSHOT_IRI = "https://w3id.org/sco-film-kg/resource/film/imdb-tt9900000004"
FRANCE = "Q142"

PEOPLE = {
    "Q90000000201": {"en": "[TEST] Director Aleph", "zh": "[测试] 导演甲", "ru": "[ТЕСТ] Режиссёр Алеф"},
    "Q90000000202": {"en": "[TEST] Actor Bet"},
    "Q90000000203": {"en": "[TEST] Actor Gimel", "ru": "[ТЕСТ] Актёр Гимель"},
}
COMPANIES = {"Q90000000301": {"en": "[TEST] Studio Dalet"}}

#: Invented films: (qid, class, labels, countries, directors, cast, companies, dates, imdb).
#: A date is (xsd:dateTime, precision, best rank?).
FILMS = [
    dict(
        qid="Q90000000001",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Alpha Film", "zh": "[测试] 甲片", "ru": "[ТЕСТ] Фильм Альфа"},
        countries=["Q148", "Q159"],
        directors=["Q90000000201"],
        cast=["Q90000000202", "Q90000000203"],
        companies=["Q90000000301"],
        dates=[("2002-05-01T00:00:00Z", 10, True)],
        imdb="tt9900000001",
    ),
    dict(
        qid="Q90000000002",
        cls=TEST_SUBCLASS,
        labels={"en": "[TEST] Beta Film"},
        countries=["Q232", FRANCE],
        directors=["Q90000000201"],
        cast=[],
        companies=[],
        dates=[("2003-01-01T00:00:00Z", 9, True), ("1999-03-03T00:00:00Z", 11, False)],
        imdb=None,
    ),
    dict(
        qid=REGISTER_QID,
        cls=FILM_CLASS,
        labels={"en": "[TEST] Register Film", "ru": "[ТЕСТ] Фильм из реестра"},
        countries=["Q668"],
        directors=[],
        cast=["Q90000000203"],
        companies=[],
        dates=[("2004-11-20T00:00:00Z", 11, True)],
        imdb=None,
    ),
    dict(
        qid="Q90000000004",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Snapshot Film"},
        countries=["Q794"],
        directors=[],
        cast=[],
        companies=[],
        dates=[("2003-02-14T00:00:00Z", 11, True)],
        imdb=SNAPSHOT_IMDB,
    ),
    dict(
        qid="Q90000000005",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Gamma Film (France only)"},
        countries=[FRANCE],
        directors=[],
        cast=[],
        companies=[],
        dates=[("2002-01-01T00:00:00Z", 9, True)],
        imdb=None,
    ),
    dict(
        qid="Q90000000006",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Delta Film (1999)"},
        countries=["Q159"],
        directors=[],
        cast=[],
        companies=[],
        dates=[("1999-01-01T00:00:00Z", 9, True)],
        imdb=None,
    ),
    dict(
        qid="Q90000000007",
        cls="Q5398426",  # television series: not a film
        labels={"en": "[TEST] Series Zeta"},
        countries=["Q148"],
        directors=[],
        cast=[],
        companies=[],
        dates=[("2002-01-01T00:00:00Z", 9, True)],
        imdb=None,
    ),
    dict(
        qid="Q90000000008",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Epsilon Film", "zh": "[测试] 戊片"},
        countries=["Q265"],
        directors=[],
        cast=["Q90000000202"],
        companies=[],
        dates=[("2003-01-01T00:00:00Z", 9, True), ("2000-01-01T00:00:00Z", 8, True)],  # the decade is left out
        imdb="tt9900000008",
    ),
    dict(
        qid="Q90000000009",
        cls=FILM_CLASS,
        labels={"en": "[TEST] Register Film"},  # the register film's title, but another film: never joined by title
        countries=["Q863"],
        directors=[],
        cast=[],
        companies=[],
        dates=[("2004-01-01T00:00:00Z", 9, True)],
        imdb=None,
    ),
]
YEARS = (2001, 2004)

PREFIXES = """@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix psv: <http://www.wikidata.org/prop/statement/value/> .
@prefix wds: <http://www.wikidata.org/entity/statement/> .
@prefix wdv: <http://www.wikidata.org/value/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def wikidata_turtle() -> str:
    """The FILMS as the Wikidata Query Service stores them: truthy wdt: triples and statement nodes."""
    out = [PREFIXES, f'wd:{TEST_SUBCLASS} wdt:P279 wd:{FILM_CLASS} ; rdfs:label "[TEST] invented kind of film"@en .']
    for qid, labels in {**PEOPLE, **COMPANIES, FRANCE: {"en": "France"}}.items():
        out += [f'wd:{qid} rdfs:label "{text}"@{lang} .' for lang, text in labels.items()]
    for film in FILMS:
        q = film["qid"]
        out.append(f"wd:{q} wdt:P31 wd:{film['cls']} .")
        out += [f'wd:{q} rdfs:label "{text}"@{lang} .' for lang, text in film["labels"].items()]
        for prop, key in (("P495", "countries"), ("P57", "directors"), ("P161", "cast"), ("P272", "companies")):
            out += [f"wd:{q} wdt:{prop} wd:{v} ." for v in film[key]]
        if film["imdb"]:
            out.append(f'wd:{q} wdt:P345 "{film["imdb"]}" .')
        for n, (value, precision, best) in enumerate(film["dates"]):
            statement, node = f"wds:{q}-date{n}", f"wdv:{q}date{n}"
            rank = "wikibase:NormalRank" if best else "wikibase:DeprecatedRank"
            out.append(f"wd:{q} p:P577 {statement} .")
            out.append(
                f"{statement} a wikibase:Statement{', wikibase:BestRank' if best else ''} ; wikibase:rank {rank} ; "
                f'ps:P577 "{value}"^^xsd:dateTime ; psv:P577 {node} .'
            )
            out.append(
                f'{node} a wikibase:TimeValue ; wikibase:timeValue "{value}"^^xsd:dateTime ; wikibase:timePrecision {precision} ; '
                "wikibase:timeTimezone 0 ; wikibase:timeCalendarModel wd:Q1985727 ."
            )
            if best:
                out.append(f'wd:{q} wdt:P577 "{value}"^^xsd:dateTime .')
    return "\n".join(out) + "\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the servers --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> str:
    """Oxigraph's SPARQL server (the `oxigraph` wheel's binary) on 127.0.0.1, loaded with the FILMS."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    assert binary, "the oxigraph server is not installed: pip install -e '.[test]'"
    folder = tmp_path_factory.mktemp("oxigraph")
    data = folder / "wikidata.ttl"
    data.write_text(wikidata_turtle(), encoding="utf-8")
    subprocess.run([binary, "load", "--location", str(folder / "db"), "--file", str(data)], check=True, capture_output=True, timeout=60)
    port = free_port()
    server = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


class Proxy(ThreadingHTTPServer):
    """Forwards SPARQL requests to Oxigraph, logging each (page, time, User-Agent); can misbehave on demand."""

    daemon_threads = True

    def __init__(self, upstream: str):
        super().__init__(("127.0.0.1", 0), ProxyHandler)
        self.upstream = upstream
        self.reset()

    def reset(self) -> None:
        self.log: list[dict] = []
        self.too_many_once: set[tuple[int, int]] = set()  # pages answered 429 (Retry-After: 2) the first time
        self.answer_pages: int | None = None  # after this many answered pages, drop every connection

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/query"

    def pages(self, status: int | None = None) -> list[tuple[int, int]]:
        return [r["page"] for r in self.log if status is None or r["status"] == status]


class ProxyHandler(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        proxy: Proxy = self.server
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [""])[0]
        year = re.search(r"VALUES \?year \{ (\d+) \}", query)
        offset = re.search(r"OFFSET (\d+)", query)
        page = (int(year.group(1)) if year else 0, int(offset.group(1)) if offset else 0)
        entry = {"page": page, "time": time.monotonic(), "agent": self.headers.get("User-Agent", ""), "status": None}
        proxy.log.append(entry)
        if page in proxy.too_many_once:
            proxy.too_many_once.discard(page)
            entry["status"] = 429
            self.send_response(429)
            self.send_header("Retry-After", "2")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if proxy.answer_pages is not None and len([r for r in proxy.log if r["status"] == 200]) >= proxy.answer_pages:
            entry["status"] = "dropped"
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        request = urllib.request.Request(
            f"{proxy.upstream}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": self.headers.get("Accept", "")}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                status, kind, body = answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as e:
            status, kind, body = e.code, e.headers.get("Content-Type", ""), e.read()
        entry["status"] = status
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def proxy(oxigraph):
    server = Proxy(oxigraph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


# ---- the graph the import joins ----------------------------------------------------------------

REGISTER_SHEET = f"""source:
  id: test-register
  title: "[TEST ARTICLE] an invented film for the Wikidata import tests"
  publisher: kg test suite
  note: Invented; nothing here is about a real film.

entities:
  - {{id: test-register-film, type: Movie, name: "[TEST] Register Film", wikidata: {REGISTER_QID}}}

statements:
  - {{subject: test-register-film, property: countryOfOrigin, object: india}}
"""

SNAPSHOT_QUADS = f"""<{SNAPSHOT_IRI}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Movie> <https://w3id.org/sco-film-kg/source/wikidata-films> .
<{SNAPSHOT_IRI}> <https://schema.org/name> "[TEST] Snapshot Film" <https://w3id.org/sco-film-kg/source/wikidata-films> .
<{SNAPSHOT_IRI}> <https://schema.org/sameAs> <https://www.imdb.com/title/{SNAPSHOT_IMDB}/> <https://w3id.org/sco-film-kg/source/wikidata-films> .
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample data plus an invented register film (by Wikidata id), built; plus an earlier
    snapshot import holding an invented film (by IMDb id), in the snapshot importer's shape."""
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "reference" / "test-register.yaml").write_text(REGISTER_SHEET, encoding="utf-8")
    out = tmp_path_factory.mktemp("built") / "out"
    kg.build(data, out, ROOT / "ontology")
    (out / "imports").mkdir()
    (out / "imports" / "wikidata-films.nq").write_text(SNAPSHOT_QUADS, encoding="utf-8")
    return out


@pytest.fixture()
def out(built, tmp_path) -> Path:
    copy = tmp_path / "out"
    shutil.copytree(built, copy)
    return copy


def members(out: Path) -> dict[str, str]:
    """The SCO member states of the built graph: Wikidata id -> the graph's IRI."""
    rows = (
        kg.open(out, "memory")
        .query(
            """PREFIX schema: <https://schema.org/> PREFIX wd: <http://www.wikidata.org/entity/>
        SELECT ?c ?u WHERE { ?sco schema:sameAs wd:Q485207 ; schema:member ?c . ?c schema:sameAs ?u }"""
        )
        .records()
    )
    return {r["u"].rsplit("/", 1)[-1]: r["c"] for r in rows}


def expected_films(member_ids, years=YEARS) -> dict[str, dict]:
    """The FILMS an import of ``years`` must bring: a film (or subclass), an SCO country, a best date in range."""
    return {
        f["qid"]: f
        for f in FILMS
        if f["cls"] in (FILM_CLASS, TEST_SUBCLASS)
        and set(f["countries"]) & set(member_ids)
        and any(best and years[0] <= int(v[:4]) <= years[1] for v, _, best in f["dates"])
    }


def run_kg(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


FILM_FACTS = """PREFIX schema: <https://schema.org/>
SELECT ?p ?o WHERE { GRAPH <%s> { ?f schema:sameAs <%s> ; ?p ?o } }"""


# ---- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(built, proxy, tmp_path_factory):
    """One import through the CLI, years 2001-2004, the proxy answering 429 once for 2003."""
    out = tmp_path_factory.mktemp("imported") / "out"
    shutil.copytree(built, out)
    proxy.reset()
    proxy.too_many_once = {(2003, 0)}
    started = time.monotonic()
    result = run_kg("import", "wikidata", "--endpoint", proxy.endpoint, "--years", "2001-2004", "--data", str(out))
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    print(f"\nkg import wikidata on the fixture: {seconds:.2f} s (CLI, process start included)\n{result.stdout}")
    return {"out": out, "log": list(proxy.log), "stdout": result.stdout, "stderr": result.stderr, "endpoint": proxy.endpoint}


def test_one_request_per_year_and_a_429_is_retried_after_its_retry_after(imported):
    log = imported["log"]
    pages = [r["page"] for r in log]
    assert pages == [(2001, 0), (2002, 0), (2003, 0), (2003, 0), (2004, 0)]
    first, second = (r for r in log if r["page"] == (2003, 0))
    assert first["status"] == 429 and second["status"] == 200
    assert second["time"] - first["time"] >= 1.95  # Retry-After: 2 (not the first back-off, 1 s)
    assert imported["stderr"] == ""  # no progress bar when stderr is not a terminal


def test_the_user_agent_names_the_project_its_version_and_a_contact(imported):
    from importlib.metadata import version

    for entry in imported["log"]:
        assert entry["agent"].startswith(f"sco-film-kg/{version('sco-film-kg')} (https://")


def test_the_person_importing_can_give_their_own_contact_in_kg_contact(monkeypatch):
    from kg.importers.wikidata import user_agent

    monkeypatch.setenv("KG_CONTACT", "  curator@example.org\n")
    assert "(curator@example.org; kg import wikidata)" in user_agent()
    monkeypatch.setenv("KG_CONTACT", "")
    assert "(https://w3id.org/sco-film-kg/; kg import wikidata)" in user_agent()


def test_the_films_and_their_facts_land_in_a_graph_naming_endpoint_query_and_time(imported):
    out = imported["out"]
    member_iris = members(out)
    store = kg.open(out, "oxigraph-memory")
    want = expected_films(member_iris)
    assert set(want) == {
        "Q90000000001",
        "Q90000000002",
        REGISTER_QID,
        "Q90000000004",
        "Q90000000008",
        "Q90000000009",
    }  # the fixture's intent
    rows = store.query(
        """PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?u WHERE { ?f a schema:Movie ; schema:sameAs ?u FILTER(STRSTARTS(STR(?u), "http://www.wikidata.org/entity/")) }"""
    ).records()
    assert {r["u"].rsplit("/", 1)[-1] for r in rows} == set(want)
    described = store.query(
        f"""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
        SELECT ?g ?at ?text WHERE {{ ?g a prov:Bundle ; prov:wasDerivedFrom <{imported["endpoint"]}> ; prov:generatedAtTime ?at ;
            prov:wasGeneratedBy/prov:qualifiedAssociation/prov:hadPlan ?plan . ?plan a prov:Plan ; schema:text ?text }}"""
    ).records()
    assert len(described) == 1
    graph = described[0]["g"]
    assert abs(time.time() - described[0]["at"].timestamp()) < 300
    for qid, film in want.items():
        by = {}
        for r in store.query(FILM_FACTS % (graph, ENTITY + qid)).records():
            by.setdefault(r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], set()).add(r["o"])
        assert by["type"] == {"https://schema.org/Movie"}
        assert by["name"] == {film["labels"]["en"]}
        assert by["label"] == set(film["labels"].values())
        countries = {member_iris.get(c, f"https://w3id.org/sco-film-kg/resource/wikidata/{c}") for c in film["countries"]}
        assert by["countryOfOrigin"] == countries
        imdb = {f"https://www.imdb.com/title/{film['imdb']}/"} if film["imdb"] else set()
        assert by["sameAs"] == {ENTITY + qid} | imdb
        dates = {v[: {9: 4, 10: 7, 11: 10}[p]] for v, p, best in film["dates"] if best and p >= 9}
        assert {str(d) for d in by["datePublished"]} == dates
        for key, predicate in (("directors", "director"), ("cast", "actor"), ("companies", "productionCompany")):
            linked = store.query(
                f"""PREFIX schema: <https://schema.org/>
                SELECT ?u ?n WHERE {{ GRAPH <{graph}> {{ ?f schema:sameAs <{ENTITY}{qid}> ; schema:{predicate} ?p . ?p schema:sameAs ?u ; schema:name ?n }} }}"""
            ).records()
            names = {**PEOPLE, **COMPANIES}
            assert {(r["u"], r["n"]) for r in linked} == {(ENTITY + p, names[p]["en"]) for p in film[key]}
    # the query as sent, but for each page's year and offset: the shipped one with the graph's members
    sent, countries = described[0]["text"], r"VALUES \?country \{([^}]*)\}"
    assert re.sub(countries, "", sent) == re.sub(countries, "", shipped_query().read_text(encoding="utf-8"))
    assert set(re.findall(r"wd:(Q\d+)", re.search(countries, sent).group(1))) == set(member_iris)


def test_dates_keep_their_precision_as_xsd_types(imported):
    store = kg.open(imported["out"], "memory")
    rows = store.query(
        """PREFIX schema: <https://schema.org/>
        SELECT ?u (DATATYPE(?d) AS ?type) (STR(?d) AS ?text) WHERE { ?f schema:sameAs ?u ; schema:datePublished ?d
          FILTER(STRSTARTS(STR(?u), "http://www.wikidata.org/entity/Q9")) }"""
    ).records()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    found = {(r["u"].rsplit("/", 1)[-1], r["type"], r["text"]) for r in rows}
    assert ("Q90000000001", xsd + "gYearMonth", "2002-05") in found
    assert ("Q90000000002", xsd + "gYear", "2003") in found
    assert (REGISTER_QID, xsd + "date", "2004-11-20") in found
    assert not any(text.startswith(("1999", "2000")) for _, _, text in found)  # deprecated rank; a decade


def test_films_join_the_graph_by_wikidata_and_imdb_id_never_by_title(imported, built):
    store = kg.open(imported["out"], "memory")
    register = (
        kg.open(built, "memory")
        .query(f"PREFIX schema: <https://schema.org/> SELECT ?f WHERE {{ ?f a schema:Movie ; schema:sameAs <{ENTITY}{REGISTER_QID}> }}")
        .records()
    )
    assert len(register) == 1
    same_title = "https://w3id.org/sco-film-kg/resource/wikidata/Q90000000009"
    for iri, qid in ((register[0]["f"], REGISTER_QID), (SNAPSHOT_IRI, "Q90000000004"), (same_title, "Q90000000009")):
        rows = store.query(f"SELECT ?f WHERE {{ ?f <https://schema.org/sameAs> <{ENTITY}{qid}> }}").records()
        assert rows == [{"f": iri}]
    # the register's film now has the facts Wikidata adds (its cast, its date), under its own IRI
    rows = store.query(
        f"""PREFIX schema: <https://schema.org/>
        SELECT ?d ?n WHERE {{ <{register[0]["f"]}> schema:datePublished ?d ; schema:actor/schema:name ?n }}"""
    ).records()
    assert {(str(r["d"]), r["n"]) for r in rows} == {("2004-11-20", "[TEST] Actor Gimel")}
    assert "1 by Wikidata id, 1 by IMDb id" in imported["stdout"]


def test_larger_years_are_paged_with_limit_and_offset(out, proxy):
    proxy.reset()
    report = import_wikidata(out, endpoint=proxy.endpoint, years=(2003, 2003), page_size=2)
    in_2003 = expected_films(members(out), (2003, 2003))
    assert len(in_2003) == 3
    assert proxy.pages() == [(2003, 0), (2003, 2)]
    assert report.films == 3 and report.pages_fetched == 2


def test_an_interrupted_import_resumes_with_only_the_missing_pages(out, proxy):
    proxy.reset()
    proxy.answer_pages = 2  # then the connection drops, again and again
    result = run_kg("import", "wikidata", "--endpoint", proxy.endpoint, "--years", "2001-2004", "--retries", "1", "--data", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no answer to the films of 2003 after 2 attempts" in result.stderr
    assert "run the same command again" in result.stderr
    assert not (out / "imports" / "wikidata.nq").exists()
    assert proxy.pages(200) == [(2001, 0), (2002, 0)]

    proxy.reset()
    result = run_kg("import", "wikidata", "--endpoint", proxy.endpoint, "--years", "2001-2004", "--data", str(out))
    assert result.returncode == 0, result.stderr
    assert proxy.pages() == [(2003, 0), (2004, 0)]
    assert "2 pages fetched (2 requests), 2 pages from the cache" in result.stdout
    films = (
        kg.open(out, "memory")
        .query(
            "SELECT DISTINCT ?u WHERE { ?f a <https://schema.org/Movie> ; <https://schema.org/sameAs> ?u "
            'FILTER(STRSTARTS(STR(?u), "http://www.wikidata.org/entity/Q9")) }'
        )
        .records()
    )
    assert {r["u"].rsplit("/", 1)[-1] for r in films} == set(expected_films(members(out)))

    # a finished import is a refresh next time: everything is asked for again
    proxy.reset()
    import_wikidata(out, endpoint=proxy.endpoint, years=YEARS)
    assert proxy.pages() == [(2001, 0), (2002, 0), (2003, 0), (2004, 0)]


def test_a_saved_results_file_is_imported_offline(out, oxigraph, tmp_path):
    sparql = shipped_query().read_text(encoding="utf-8").replace("VALUES ?year { 2001 }", "VALUES ?year { 2002 }")
    request = urllib.request.Request(
        f"{oxigraph}?{urllib.parse.urlencode({'query': sparql})}", headers={"Accept": "application/sparql-results+json"}
    )
    saved = tmp_path / "films-2002.json"
    saved.write_bytes(urllib.request.urlopen(request, timeout=10).read())
    result = run_kg("import", "wikidata", "--from", str(saved), "--data", str(out))
    assert result.returncode == 0, result.stderr
    store = kg.open(out, "memory")
    rows = store.query(
        """PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?n ?from WHERE { GRAPH ?g { ?f a schema:Movie ; schema:name ?n } ?g prov:wasDerivedFrom ?from }"""
    ).records()
    want = expected_films(members(out), (2002, 2002))
    assert {r["n"] for r in rows if r["from"] == saved.as_uri()} == {f["labels"]["en"] for f in want.values()}


BAD_RESULTS = {
    "broken.json": ('{"head": {"vars": ["film"]},\n "results": {\n  "bindings": [,]}}', "broken.json:3: not JSON"),
    "not-sparql.json": ('{"films": []}', "not SPARQL JSON results"),
    "no-columns.json": ('{"head": {"vars": ["item"]}, "results": {"bindings": []}}', "the answer has no ?film, ?property, ?value"),
    "bad-row.json": (
        json.dumps(
            {
                "head": {"vars": ["film", "property", "value"]},
                "results": {
                    "bindings": [
                        {"film": {"type": "uri", "value": ENTITY + "Q90000000001"}},
                        {"film": {"type": "literal", "value": "[TEST] Alpha Film"}},
                    ]
                },
            }
        ),
        "bad-row.json, row 2: ?film is '[TEST] Alpha Film', not a Wikidata item",
    ),
}


@pytest.mark.parametrize("name", list(BAD_RESULTS))
def test_a_bad_results_file_is_reported_with_where_and_nothing_is_written(out, tmp_path, name):
    text, message = BAD_RESULTS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KGError) as caught:
        import_wikidata(out, results=path)
    assert message in str(caught.value)
    assert not (out / "imports" / "wikidata.nq").exists()


def test_a_query_that_does_not_parse_is_reported_at_its_line(out, tmp_path):
    broken = tmp_path / "mine.rq"
    lines = shipped_query().read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "ORDER BY ?film" in line)
    lines[number - 1] = lines[number - 1].replace("ORDER BY ?film", "ORDER ?film")
    broken.write_text("\n".join(lines), encoding="utf-8")
    result = run_kg("import", "wikidata", "--query", str(broken), "--endpoint", "http://127.0.0.1:9/sparql", "--data", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(
        rf"{re.escape(str(broken))}:{number}: SPARQL syntax error at column \d+: expected BY\n +ORDER \?film\n +\^", result.stderr
    )

    unprefixed = tmp_path / "unprefixed.rq"
    unprefixed.write_text(re.sub(r"PREFIX wdt: <[^>]+>\n", "", shipped_query().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(
        KGError, match="unprefixed.rq:3[0-9]: the prefix wdt: is not declared.*\n.*add PREFIX wdt: <http://www.wikidata.org/prop/direct/>"
    ):
        import_wikidata(out, query=unprefixed, endpoint="http://127.0.0.1:9/sparql")

    unpaged = tmp_path / "unpaged.rq"
    unpaged.write_text(shipped_query().read_text(encoding="utf-8").replace("VALUES ?year { 2001 }", ""), encoding="utf-8")
    with pytest.raises(KGError, match="the query has no VALUES \\?year"):
        import_wikidata(out, query=unpaged, endpoint="http://127.0.0.1:9/sparql")


def test_an_unreachable_endpoint_is_reported_after_the_retries(out):
    closed = f"http://127.0.0.1:{free_port()}/sparql"
    started = time.monotonic()
    result = run_kg("import", "wikidata", "--endpoint", closed, "--years", "2020", "--retries", "1", "--data", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{closed}: no answer to the films of 2020 after 2 attempts" in result.stderr
    assert time.monotonic() - started >= 1  # one retry, one second later
    assert not (out / "imports" / "wikidata.nq").exists()


def test_an_endpoint_that_answers_something_else_is_named(out, oxigraph):
    homepage = oxigraph.rsplit("/", 1)[0] + "/"
    with pytest.raises(KGError, match=r"/: the answer to the films of 2002 is not SPARQL JSON \(text/html\)"):
        import_wikidata(out, endpoint=homepage, years=(2002, 2002), retries=0)


def test_ids_that_point_at_two_films_of_the_graph_keep_the_wikidata_match_and_say_so(out, built, tmp_path):
    answer = {
        "head": {"vars": ["film", "property", "value"]},
        "results": {
            "bindings": [
                {"film": {"type": "uri", "value": ENTITY + REGISTER_QID}},
                {
                    "film": {"type": "uri", "value": ENTITY + REGISTER_QID},
                    "property": {"type": "uri", "value": "http://www.wikidata.org/prop/direct/P345"},
                    "value": {"type": "literal", "value": SNAPSHOT_IMDB},
                },
            ]
        },
    }
    saved = tmp_path / "answer.json"
    saved.write_text(json.dumps(answer), encoding="utf-8")
    report = import_wikidata(out, results=saved)
    register = (
        kg.open(built, "memory").query(f"SELECT ?f WHERE {{ ?f <https://schema.org/sameAs> <{ENTITY}{REGISTER_QID}> }}").records()[0]["f"]
    )
    assert report.matched_by_qid == [(REGISTER_QID, register)] and report.matched_by_imdb == []
    assert f"{REGISTER_QID} is {register} by its Wikidata id but {SNAPSHOT_IRI} by IMDb id {SNAPSHOT_IMDB}" in report.summary()
