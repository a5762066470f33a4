"""The ontology as its readers meet it: every minted term documented and aligned with a standard
vocabulary or Wikidata, and docs/ontology.html current and readable offline in a real browser."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .conftest import ROOT

TTL = ROOT / "ontology/sco-film.ttl"
PAGE = ROOT / "docs/ontology.html"
ONTOLOGY_IRI = URIRef("https://w3id.org/sco-film-kg/ontology")
MINTED = "https://w3id.org/sco-film-kg/ontology#"
WIKIDATA = "http://www.wikidata.org/entity/"
# the vocabularies an alignment may point into: schema.org, PROV, NIF, SKOS, OWL-Time, Wikidata
STANDARD = (
    "https://schema.org/",
    "http://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2006/time#",
    WIKIDATA,
)
MAPPINGS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
ALIGNING = (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty, *MAPPINGS)
TERM_TYPES = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


def ontology() -> Graph:
    return Graph().parse(TTL, format="turtle")


def minted_terms(g: Graph) -> set[URIRef]:
    """Every class and property the ontology declares under its own namespace."""
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef) and str(s).startswith(MINTED)}


def aligned_terms(g: Graph) -> set[URIRef]:
    """Minted terms with a sub-class/-property, equivalence or SKOS mapping link to a standard term."""
    return {
        term
        for term in minted_terms(g)
        for link in ALIGNING
        for target in g.objects(term, link)
        if isinstance(target, URIRef) and str(target).startswith(STANDARD)
    }


def docs_script():
    spec = importlib.util.spec_from_file_location("ontology_docs", ROOT / "scripts/ontology_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- (d) the ontology itself -----------------------------------------------------------------------


def test_every_minted_term_has_a_label_and_a_comment_and_the_ontology_a_version_iri():
    g = ontology()
    terms = minted_terms(g)
    assert len(terms) >= 25, sorted(terms)  # the classes and properties the data model documents
    for term in sorted(terms):
        assert g.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert g.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert isinstance(g.value(ONTOLOGY_IRI, OWL.versionIRI), URIRef)


# -- (b) alignment ---------------------------------------------------------------------------------


def test_at_least_80_percent_of_minted_terms_are_aligned_to_a_standard_vocabulary():
    g = ontology()
    terms, aligned = minted_terms(g), aligned_terms(g)
    share = len(aligned) / len(terms)
    assert share >= 0.8, f"{len(aligned)}/{len(terms)} = {share:.0%} aligned; unaligned: {sorted(str(t) for t in terms - aligned)}"


def test_the_share_counts_the_skos_mappings():
    """Without its SKOS mappings the ontology falls below the bar: the count above is not vacuous."""
    g = ontology()
    for mapping in MAPPINGS:
        g.remove((None, mapping, None))
    assert len(aligned_terms(g)) / len(minted_terms(g)) < 0.8


def test_mappings_point_out_of_the_project_and_say_one_thing_per_target():
    g = ontology()
    for term in minted_terms(g):
        for mapping in MAPPINGS:
            for target in g.objects(term, mapping):
                assert isinstance(target, URIRef) and str(target).startswith(STANDARD), f"{term} {mapping} {target}"
        # SKOS: exactMatch is disjoint with broadMatch and relatedMatch; one target, one kind of match
        kinds: dict[URIRef, list[URIRef]] = {}
        for mapping in MAPPINGS:
            for target in g.objects(term, mapping):
                kinds.setdefault(target, []).append(mapping)
        assert all(len(k) == 1 for k in kinds.values()), f"{term}: {kinds}"


# -- (c) Wikidata IRIs -----------------------------------------------------------------------------


def test_every_wikidata_iri_is_an_entity_iri_with_a_label():
    g = ontology()
    iris = {t for triple in g for t in triple if isinstance(t, URIRef) and "wikidata.org" in str(t)}
    assert iris, "the ontology names no Wikidata term"
    for iri in sorted(iris):
        assert re.fullmatch(r"http://www\.wikidata\.org/entity/[PQ][1-9][0-9]*", str(iri)), f"not a Wikidata entity IRI: {iri}"
        labels = [label for label in g.objects(iri, RDFS.label) if label.language == "en"]
        assert labels, f"{iri} has no English rdfs:label: the documentation would show a bare id"


# -- (a) the documentation page --------------------------------------------------------------------


def test_the_ontology_page_is_current():
    rendered = docs_script().render()
    assert PAGE.read_text(encoding="utf-8") == rendered, "run: .venv/bin/python scripts/ontology_docs.py"


def test_the_check_flag_fails_on_a_stale_page(tmp_path):
    """`--check` is what a contributor runs: it must say so, and exit 1, when the page is stale."""
    module = docs_script()
    module.TARGET = tmp_path / "ontology.html"
    module.ROOT = tmp_path
    module.TARGET.write_text("<html>an old page</html>\n", encoding="utf-8")
    assert module.main(["--check"]) == 1
    assert module.main([]) == 0
    assert module.main(["--check"]) == 0
    assert module.TARGET.read_text(encoding="utf-8") == module.render()


def test_the_script_runs_as_documented():
    done = subprocess.run([sys.executable, "scripts/ontology_docs.py", "--check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "is current" in done.stderr
    assert "DEBUG" not in done.stderr and "INFO" not in done.stderr  # pyLODE's import-time logging is kept quiet


def test_the_page_links_every_alignment():
    g = ontology()
    html = PAGE.read_text(encoding="utf-8")
    for term in minted_terms(g):
        for link in ALIGNING:
            for target in g.objects(term, link):
                if isinstance(target, URIRef) and str(target).startswith(WIKIDATA):
                    assert f'href="{target}"' in html, f"the page does not link {term}'s match {target}"


def test_the_page_in_a_browser_fetches_nothing_and_shows_the_matches():
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.fail("chromium is missing: scripts/install-test-deps.sh installs it", pytrace=False)
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--headless=new", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.goto(PAGE.resolve().as_uri())
            assert page.title() == "SCO film ontology"
            box_office = page.locator("#boxoffice")
            assert box_office.locator("th", has_text="Exact Match").count() == 1
            link = box_office.locator('a[href="http://www.wikidata.org/entity/P2142"]')
            assert link.inner_text() == "box office (wd:P2142)"
            assert page.locator("#toc").is_visible()
        finally:
            browser.close()
    assert blocked == [], f"the page fetched {blocked}"
