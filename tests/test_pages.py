"""Entity pages, the document reader, search and the YASGUI query page of `kg serve` (issue 15),
tested as people and programs meet them: the real `kg serve` on a free port, pages in headless
chromium (every request that does not go to the server is blocked and recorded), RDF fetched
over HTTP and parsed with rdflib, answers checked against SPARQL over the same build.

The build is the built-in data plus one planted import (imports/planted.nq) whose label and
document text hold markup and scripts: the page must show them as text and run none of them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef

import kg

from .browser import Tab, chromium

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/sco-film-kg/"
RED_SILK = BASE + "resource/red-silk"
ARTICLE = BASE + "document/red-silk-sco-film-week"
PLANTED = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
PLANTED_NQ = f"""\
<{BASE}resource/test-planted> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Movie> <{BASE}source/test-planted> .
<{BASE}resource/test-planted> <http://www.w3.org/2000/01/rdf-schema#label> {Literal("[TEST] " + PLANTED, lang="en").n3()} <{BASE}source/test-planted> .
<{BASE}resource/test-planted> <https://schema.org/name> {Literal("[TEST] " + PLANTED).n3()} <{BASE}source/test-planted> .
<{BASE}resource/test-planted> <https://schema.org/countryOfOrigin> <{BASE}resource/russia> <{BASE}document/test-planted#char=15,40> .
<{BASE}source/test-planted> <http://www.w3.org/ns/prov#wasDerivedFrom> <{BASE}source/test-planted/work> .
<{BASE}source/test-planted/work> <https://schema.org/name> {Literal("[TEST ARTICLE] " + PLANTED).n3()} .
<{BASE}source/test-planted/work> <https://schema.org/url> "javascript:window.__pwned=3" .
<{BASE}document/test-planted> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> {Literal("[TEST ARTICLE] An invented film " + PLANTED + " made nowhere.").n3()} .
<{BASE}document/test-planted> <https://schema.org/headline> {Literal("[TEST ARTICLE] " + PLANTED).n3()} .
<{BASE}document/test-planted#char=15,40> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/sco-film-kg/ontology#EvidenceSpan> .
<{BASE}document/test-planted#char=15,40> <http://www.w3.org/ns/prov#wasDerivedFrom> <{BASE}document/test-planted> .
<{BASE}document/test-planted#char=15,40> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> "15"^^<http://www.w3.org/2001/XMLSchema#int> .
<{BASE}document/test-planted#char=15,40> <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex> "40"^^<http://www.w3.org/2001/XMLSchema#int> .
"""



def kg_command() -> list[str]:
    script = Path(sys.executable).parent / "kg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


@pytest.fixture(scope="module")
def build(built_out, tmp_path_factory) -> Path:
    """The built-in build plus the planted import, in a folder of its own."""
    folder = tmp_path_factory.mktemp("pages") / "out"
    shutil.copytree(built_out, folder, ignore=shutil.ignore_patterns("oxigraph*"))
    (folder / "imports").mkdir(exist_ok=True)
    (folder / "imports" / "planted.nq").write_text(PLANTED_NQ, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store(build):
    return kg.open(build, "oxigraph")


@pytest.fixture(scope="module")
def server(build, store, tmp_path_factory):
    """`kg serve` on a free port over the build (its on-disk store loaded by the fixture above)."""
    logs = tmp_path_factory.mktemp("serve-logs")
    out, err = logs / "out", logs / "err"
    with out.open("wb") as o, err.open("wb") as e:
        process = subprocess.Popen([*kg_command(), "serve", "--port", "0", "--data", str(build), "--workers", "1"], stdout=o, stderr=e, cwd=ROOT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            match = re.search(r"SPARQL endpoint at (http://\S+)/sparql", out.read_text())
            if match:
                break
            assert process.poll() is None, f"kg serve stopped:\n{err.read_text()}"
            time.sleep(0.1)
        else:
            raise AssertionError(f"kg serve did not start:\n{err.read_text()}")
        yield match.group(1)
    finally:
        process.terminate()
        process.wait(20)


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def get(url: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def sparql(store, text: str) -> list[dict]:
    return store.query(kg.SPARQL_PREFIXES + text).rows


# ---- entity pages ---------------------------------------------------------------------------------


def test_red_silk_page_marks_the_quoted_words_and_links_into_the_reader(server, browser, store):
    tab = Tab(browser, server + "/resource/red-silk", server)
    page = tab.page
    assert page.inner_text("h1") == "Red Silk"
    labels = page.inner_text("table.labels")
    assert "红丝绸" in labels and "Красный шёлк" in labels
    # the director, with the sentence that says so and the quoted words marked
    directors = page.locator('section.relation[data-predicate="https://schema.org/director"]')
    marked = directors.locator("li.ev.doc mark").all_inner_texts()
    assert any("directed by Russian director Andrey Volgin" in m for m in marked), marked
    # a fact from a reference source names it and links it
    sources = page.locator("li.ev.source a.source")
    assert sources.count() > 0 and all(h.startswith("http") for h in sources.evaluate_all("els => els.map(e => e.href)"))
    # disagreements side by side: every conflict the curation module finds about Red Silk is there
    from kg.curate.conflicts import find_conflicts

    expected = find_conflicts(store, about=[RED_SILK])
    assert page.locator("section.conflict").count() == len(expected) > 0
    assert page.locator("section.conflict").first.locator("div.claim").count() >= 2
    # the quote's link opens the reader at that span, marked and in view
    link = directors.locator("li.ev.doc", has_text="directed by Russian director Andrey Volgin").locator("a.reader").first
    href = link.get_attribute("href")
    begin, end = map(int, re.search(r"#char=(\d+),(\d+)$", href).groups())
    link.click()
    page.wait_for_url(re.compile(r"/document/red-silk-sco-film-week#char="))
    page.wait_for_selector("#text span.current")
    current = "".join(page.locator("#text span.current").all_text_contents())
    quote = sparql(store, f"SELECT ?t WHERE {{ <{ARTICLE}#char={begin},{end}> nif:anchorOf ?t }}")[0]["t"]
    assert current == str(quote) and "Andrey Volgin" in current
    page.wait_for_load_state("load")
    rect = page.locator("#text span.current").first.evaluate("e => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, innerHeight] }")
    assert 0 <= rect[0] and rect[1] <= rect[2], rect  # in view
    assert not tab.blocked and not tab.errors, (tab.blocked, tab.errors)


def test_focus_view_is_embedded_and_fetches_nothing_elsewhere(server, browser):
    tab = Tab(browser, server + "/resource/red-silk", server)
    tab.page.locator("iframe.focus").scroll_into_view_if_needed()  # it loads lazily, when in view
    frame = tab.page.frame_locator("iframe.focus")
    frame.locator("#network canvas").first.wait_for(timeout=30000)
    assert not tab.blocked, tab.blocked


def test_reader_highlights_equal_the_evidence_spans_in_the_graph(server, browser, store):
    tab = Tab(browser, server + "/document/red-silk-sco-film-week", server)
    shown = tab.js(
        """(() => { const spans = {};
        document.querySelectorAll('#text span.ev').forEach(p => p.dataset.ev.split(' ').forEach(k => { spans[k] = (spans[k] || '') + p.textContent }));
        return spans })()"""
    )
    rows = sparql(
        store,
        f"SELECT ?b ?e ?t WHERE {{ ?g a kgo:EvidenceSpan ; prov:wasDerivedFrom <{ARTICLE}> ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?t }}",
    )
    expected = {f"{r['b']},{r['e']}": str(r["t"]) for r in rows}
    assert len(expected) > 20
    assert shown == expected
    # headline, publisher, date and URL of the document
    meta = tab.page.inner_text("dl.meta")
    assert "bastillepost.com" in meta and "2025-08" in meta
    # hovering a span shows the facts it states, with links to their entity pages
    tab.page.hover(f'#text span.ev[data-ev~="{next(k for k, v in expected.items() if "Andrey Volgin" in v)}"]')
    box = tab.page.locator("#span-facts")
    assert "Andrey Volgin" in box.inner_text()
    box.locator("a", has_text="Andrey Volgin").first.click()
    tab.page.wait_for_url(re.compile(r"/resource/andrey-volgin$"))
    assert tab.page.inner_text("h1") == "Andrey Volgin"
    assert not tab.blocked and not tab.errors


def test_reader_shows_a_drafts_proposals_in_another_colour(store, tmp_path):
    """A draft in data/drafts (kg draft's format: evidence quotes) is marked, read-only."""
    from kg.serve.reader import document_data, render_document
    from kg.serve.templates import Links

    text = str(sparql(store, f"SELECT ?t WHERE {{ <{ARTICLE}> nif:isString ?t }}")[0]["t"])
    quote = "Svetlana Chuykina"
    (tmp_path / "red-silk-sco-film-week.yaml").write_text(
        f"document: red-silk-sco-film-week\nentities:\n  - id: svetlana-chuykina\n    type: Person\n    name: Svetlana Chuykina\n    evidence: {quote}\n",
        encoding="utf-8",
    )
    data = document_data(store, ARTICLE, drafts=tmp_path)
    assert [(p["begin"], p["end"]) for p in data.proposals] == [(text.index(quote), text.index(quote) + len(quote))]
    page = render_document(data, Links.served())
    assert 'class="ev draft"' in page or 'class="draft"' in page
    assert "red-silk-sco-film-week.yaml" in page and "<form" not in page.split("<main>", 1)[1]  # read-only: no form in the page


def test_search_finds_names_in_every_language_forgiving_case_and_accents(server, browser):
    for q in ("红丝绸", "Красный шёлк", "красный шелк", "RED SILK", "operation red"):
        status, headers, body = get(server + "/search?q=" + urllib.parse.quote(q))
        assert status == 200 and headers["content-type"].startswith("application/json")
        results = json.loads(body)["results"]
        assert results and results[0]["iri"] == RED_SILK, (q, results[:3])
        assert results[0]["href"] == "/resource/red-silk"
    # the box on every page, in the browser
    tab = Tab(browser, server + "/document/red-silk-sco-film-week", server, size=(375, 900))
    tab.page.fill("form.search input", "红丝绸")
    tab.page.press("form.search input", "Enter")
    tab.page.wait_for_selector("ol.results a")
    tab.page.click("ol.results a >> nth=0")
    tab.page.wait_for_url(re.compile(r"/resource/red-silk$"))
    assert not tab.blocked and not tab.errors
    # the query pages carry the box too
    for path in ("/", "/query"):
        tab = Tab(browser, server + path, server)
        tab.page.fill('form[role="search"] input[name="q"]', "Красный шёлк")
        tab.page.press('form[role="search"] input[name="q"]', "Enter")
        tab.page.wait_for_selector("ol.results a")
        assert tab.page.locator("ol.results a").first.inner_text() == "Red Silk"
        tab.page.close()


def test_pages_are_readable_at_375_px(server, browser):
    for path in ("/resource/red-silk", "/document/red-silk-sco-film-week", "/search?q=film&format=html", "/resource/russia"):
        tab = Tab(browser, server + path, server, size=(375, 900))
        width = tab.js("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
        tab.page.close()


# ---- safety ---------------------------------------------------------------------------------------


def test_a_planted_script_in_a_label_does_not_run(server, browser):
    for path in ("/resource/test-planted", "/document/test-planted", "/search?q=test&format=html", "/resource/russia"):
        tab = Tab(browser, server + path, server)
        tab.page.wait_for_load_state("load")
        time.sleep(0.2)
        assert tab.js("window.__pwned") is None, path
        assert tab.page.locator('main script:not([type="application/json"]), main img').count() == 0, path
        tab.page.close()
    tab = Tab(browser, server + "/resource/test-planted", server)
    assert PLANTED in tab.page.inner_text("h1")  # shown as text
    assert tab.page.locator('a[href^="javascript:"]').count() == 0  # a javascript: URL is not linked
    assert tab.js("window.__pwned") is None


def test_pages_forbid_everything_but_the_server(server):
    status, headers, _ = get(server + "/resource/red-silk", "text/html")
    assert status == 200
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    status, headers, _ = get(server + "/query")
    assert "default-src 'self'" in headers["content-security-policy"] and "unsafe" not in headers["content-security-policy"]


# ---- content negotiation --------------------------------------------------------------------------


def page_statements(browser, server) -> tuple[set, set]:
    """(predicate, value, direction) and (predicate, value, direction, graph) as Red Silk's page shows them."""
    tab = Tab(browser, server + "/resource/red-silk", server)
    rows = tab.js(
        """Array.from(document.querySelectorAll('section.relation')).flatMap(s =>
          Array.from(s.querySelectorAll('li.fact')).map(f => [s.dataset.predicate, f.dataset.value, s.dataset.direction,
            Array.from(f.querySelectorAll('li.ev')).map(e => e.dataset.graph)]))"""
    )
    tab.page.close()
    return {(p, v, d) for p, v, d, _ in rows}, {(p, v, d, g) for p, v, d, gs in rows for g in gs}


def test_rdf_from_the_entity_url_holds_what_the_page_shows(server, browser):
    facts, with_graphs = page_statements(browser, server)
    assert len(facts) > 40
    url = server + "/resource/red-silk"
    # Turtle: the statements, and an rdf:Statement per statement and graph (provenance)
    status, headers, body = get(url, "text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert "accept" in headers["vary"].lower()
    assert 'rel="alternate"; type="application/ld+json"' in headers["link"]
    g = Graph().parse(data=body, format="turtle")
    e = URIRef(RED_SILK)
    found = {(str(p), str(o), "out") for s, p, o in g if s == e} | {(str(p), str(s), "in") for s, p, o in g if o == e and not isinstance(s, BNode)}
    assert found == facts
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    reified = {
        (str(g.value(st, URIRef(rdf + "predicate"))), str(g.value(st, URIRef(rdf + "object"))), "out", str(src))
        for st in g.subjects(URIRef(rdf + "subject"), e)
        for src in g.objects(st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
    }
    assert reified == {x for x in with_graphs if x[2] == "out"}
    # JSON-LD: each statement in the named graph of its evidence span or source
    status, headers, body = get(url, "application/ld+json")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    ds = Dataset().parse(data=body, format="json-ld")
    quads = {(str(p), str(o), "out", str(c.identifier if hasattr(c, "identifier") else c)) for s, p, o, c in ds.quads((e, None, None, None)) if c is not None}
    quads |= {(str(p), str(s), "in", str(c.identifier if hasattr(c, "identifier") else c)) for s, p, o, c in ds.quads((None, None, e, None)) if c is not None}
    quads = {q for q in quads if not q[3].startswith("urn:x-rdflib")}
    assert quads == with_graphs
    # the span a graph stands for is described, so the quote travels with the data
    span = URIRef(next(x[3] for x in with_graphs if x[0] == "https://schema.org/director" and "#char=" in x[3]))
    assert "Andrey Volgin" in str(ds.value(span, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")))
    # N-Triples too; ?format= for links; browsers get HTML; unknown IRIs 404
    status, headers, body = get(url, "application/n-triples")
    assert status == 200 and len(Graph().parse(data=body, format="nt")) == len(g)
    status, headers, _ = get(url + "?format=jsonld")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    status, headers, _ = get(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert headers["content-type"].startswith("text/html")
    assert get(server + "/resource/no-such-thing")[0] == 404
    assert get(server + "/resource/no-such-thing", "text/turtle")[0] == 404


# ---- YASGUI ---------------------------------------------------------------------------------------


def test_yasgui_runs_a_named_query_offline_and_opens_entity_pages(server, browser, store):
    tab = Tab(browser, server + "/", server)  # the query page
    page = tab.page
    page.wait_for_selector(".yasqe .CodeMirror")
    page.select_option("#examples", "film-directors")
    assert "schema:director" in tab.js("kgYasgui.getTab().getQuery()")
    page.click(".yasqe_queryButton")
    page.wait_for_selector(".yasr table tbody tr", timeout=20000)
    rows = store.query(kg.named_query("film-directors")).rows
    assert f"{len(rows)} results" in page.inner_text(".yasr")
    assert str(rows[0]["film"]) in page.inner_text(".yasr table tbody")
    # a query whose answer is IRIs: they open the entity pages on this server
    tab.js("kgYasgui.getTab().setQuery('PREFIX schema: <https://schema.org/> SELECT ?film WHERE { ?film a schema:Movie ; schema:name \"Red Silk\" }'); true")
    page.click(".yasqe_queryButton")
    link = page.locator(".yasr table tbody a", has_text="red-silk").first
    link.wait_for(timeout=20000)
    assert link.get_attribute("href") == "/resource/red-silk"
    link.click()
    page.wait_for_url(re.compile(r"/resource/red-silk$"))
    assert page.inner_text("h1") == "Red Silk"
    assert not tab.blocked, tab.blocked


def test_yasgui_is_vendored_with_its_licence():
    static = ROOT / "kg" / "serve" / "static" / "yasgui"
    assert (static / "yasgui.min.js").stat().st_size > 500_000
    assert "MIT License" in (static / "LICENSE.txt").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert "static/yasgui/*" in pyproject and "static/pages/*" in pyproject
