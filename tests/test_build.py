"""kg build: the output files, the evidence offsets, stable IRIs, atomic writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

import kg
from kg.ingest.vocabulary import KGO, NIF, PROV, RES

from .conftest import ROOT

ARTICLE = (ROOT / "data/documents/red-silk-sco-film-week.txt").read_text(encoding="utf-8")


def run_kg(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_document_is_kept_byte_for_byte():
    assert (ROOT / "data/documents/red-silk-sco-film-week.txt").read_bytes() == ARTICLE.encode("utf-8")
    shared = ROOT.parent / "shared/sources/red-silk-sco-film-week.txt"
    if shared.exists():
        assert shared.read_bytes() == ARTICLE.encode("utf-8")


def test_build_prints_a_summary_and_writes_four_formats(tmp_path):
    result = run_kg("build", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    for words in ("distinct triples", "named graphs", "evidence spans", "reference sources", "SHACL: conforms", "schema:Movie"):
        assert words in result.stdout
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["kg.jsonld", "kg.nq", "kg.trig", "kg.ttl"]


@pytest.mark.parametrize("name,fmt", [("kg.trig", "trig"), ("kg.nq", "nquads"), ("kg.jsonld", "json-ld")])
def test_quad_formats_parse_and_agree(built_out, name, fmt):
    reference = Dataset()
    reference.parse(built_out / "kg.trig", format="trig")
    ds = Dataset()
    ds.parse(built_out / name, format=fmt)
    assert len(ds) > 0
    assert {q for q in ds.quads() if not isinstance(q[0], type(None))} == {q for q in reference.quads()}


def test_union_turtle_holds_every_triple(built_out):
    ds = Dataset()
    ds.parse(built_out / "kg.trig", format="trig")
    union = Graph().parse(built_out / "kg.ttl", format="turtle")
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == set(union)


def test_every_evidence_span_reproduces_its_quote(built_out):
    ds = Dataset()
    ds.parse(built_out / "kg.trig", format="trig")
    spans = list(ds.subjects(RDF.type, KGO.EvidenceSpan))
    assert len(spans) > 30
    for span in spans:
        begin, end = int(ds.value(span, NIF.beginIndex)), int(ds.value(span, NIF.endIndex))
        assert ARTICLE[begin:end] == str(ds.value(span, NIF.anchorOf))
        assert ds.value(span, PROV.wasDerivedFrom) is not None
        assert len(ds.graph(span)) > 0, f"evidence span {span} names an empty graph"


def test_every_named_graph_says_its_source(built_out):
    ds = Dataset()
    ds.parse(built_out / "kg.trig", format="trig")
    for g in ds.graphs():
        if g.identifier == ds.default_graph.identifier or not len(g):
            continue
        assert ds.value(g.identifier, PROV.wasDerivedFrom) is not None, g.identifier


def test_whole_sentence_spans_are_typed_and_others_link_their_sentence(built_out):
    ds = Dataset()
    ds.parse(built_out / "kg.trig", format="trig")
    for span in ds.subjects(RDF.type, KGO.EvidenceSpan):
        text = str(ds.value(span, NIF.anchorOf))
        sentence = ds.value(span, NIF.sentence)
        if (span, RDF.type, NIF.Sentence) in ds:
            assert sentence is None
        else:
            assert sentence is not None, text
            assert text in str(ds.value(sentence, NIF.anchorOf))


def test_iris_are_stable_across_builds(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    kg.build(ROOT / "data", a, ROOT / "ontology")
    kg.build(ROOT / "data", b, ROOT / "ontology")

    def terms(path):
        ds = Dataset()
        ds.parse(path / "kg.nq", format="nquads")
        return {t for q in ds.quads() for t in q if isinstance(t, URIRef)}

    assert terms(a) == terms(b)
    assert RES["red-silk"] in terms(a)


def test_project_terms_materialise_their_standard_parent(store):
    # kgo:partOfProgramme is declared a sub-property of schema:isPartOf in the ontology
    assert store.query(
        "ASK { <https://w3id.org/sco-film-kg/resource/red-silk> <https://schema.org/isPartOf> "
        "<https://w3id.org/sco-film-kg/resource/china-russia-years-of-culture> }"
    ).boolean


def test_ontology_declares_every_project_term_used(built_out):
    ontology = Graph().parse(ROOT / "ontology/sco-film.ttl")
    ds = Dataset()
    ds.parse(built_out / "kg.trig", format="trig")
    used = {t for q in ds.quads() for t in q[:3] if isinstance(t, URIRef) and str(t).startswith(str(KGO))}
    assert used
    from rdflib.namespace import OWL, RDFS

    for term in used:
        assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
        assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"
    assert ontology.value(URIRef("https://w3id.org/sco-film-kg/ontology"), OWL.versionIRI) is not None


def test_the_article_is_described_as_a_news_article(store):
    rows = store.query(
        "PREFIX schema: <https://schema.org/> SELECT ?h ?date WHERE { ?d a schema:NewsArticle ; schema:headline ?h ; schema:datePublished ?date }"
    ).records()
    assert rows == [{"h": ARTICLE.rstrip("\n").splitlines()[-1], "date": "2025-08"}]


def test_films_need_a_country_of_origin(data_copy, tmp_path):
    """SHACL stops a build whose film has no country of origin."""
    sheet = data_copy / "facts/red-silk-sco-film-week.yaml"
    text = sheet.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "countryOfOrigin" not in line)
    sheet.write_text(text, encoding="utf-8")
    for ref in (data_copy / "reference").glob("*.yaml"):
        ref.write_text(
            "\n".join(line for line in ref.read_text(encoding="utf-8").splitlines() if "countryOfOrigin" not in line), encoding="utf-8"
        )
    with pytest.raises(kg.InputError, match="country of origin"):
        kg.build(data_copy, tmp_path / "out", ROOT / "ontology")
    assert not (tmp_path / "out" / "kg.trig").exists()
