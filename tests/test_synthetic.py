"""The benchmark's synthetic corpus: contract-shaped, clearly synthetic, deterministic, at the asked size."""

from __future__ import annotations

import json

import pytest

import kg
from benchmarks.synthetic import SOURCE_NAME, generate

from .conftest import ROOT

QUERIES = ROOT / "ontology/queries"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synthetic") / "corpus"
    info = generate(out, 3000, seed=7)
    return out, info


@pytest.fixture(scope="module")
def store(corpus):
    return kg.open(corpus[0], "memory")


def test_it_is_written_like_a_build_with_one_imported_corpus(corpus):
    out, info = corpus
    assert {p.name for p in out.iterdir()} >= {"kg.trig", "kg.nq", "imports", "synthetic.json", "README.txt"}
    assert (out / "imports" / "synthetic.nq").exists()
    assert "SYNTHETIC" in (out / "README.txt").read_text()
    assert json.loads((out / "synthetic.json").read_text()) == info
    lines = sum(1 for _ in open(out / "kg.nq")) + sum(1 for _ in open(out / "imports" / "synthetic.nq"))
    assert lines == info["quads"]
    assert 3000 <= info["quads"] < 3000 + 200, "the count is met to within one film's facts"
    assert info["films"] > 20 and info["people"] > 20 and info["festivals"] >= 1


def test_same_seed_same_bytes(corpus, tmp_path):
    out, _ = corpus
    generate(tmp_path / "again", 3000, seed=7)
    assert (tmp_path / "again" / "imports" / "synthetic.nq").read_bytes() == (out / "imports" / "synthetic.nq").read_bytes()
    generate(tmp_path / "other", 3000, seed=8)
    assert (tmp_path / "other" / "imports" / "synthetic.nq").read_bytes() != (out / "imports" / "synthetic.nq").read_bytes()


def test_every_named_query_runs_and_the_country_questions_answer(store):
    for q in kg.named_queries(QUERIES).values():
        store.query(q)  # runs without error on the memory store
    answers = {name: store.query(q).records() for name, q in kg.named_queries(QUERIES).items()}
    for name in ("china-russia-coproductions", "coproduction-countries", "film-directors", "film-cast", "film-producers",
                 "releases", "sco-members", "sco-film-events", "opening-film", "quotations", "cast-and-crew", "week-opening"):  # fmt: skip
        assert answers[name], f"{name} returned nothing on the synthetic corpus"
    assert all(r["film"].startswith("Synthetic Film ") for r in answers["china-russia-coproductions"])
    assert {r["wikidata"] for r in answers["sco-members"]} >= {"http://www.wikidata.org/entity/Q148", "http://www.wikidata.org/entity/Q159"}


def test_films_have_one_to_three_countries_and_people_have_a_nationality(store):
    counts = store.query(
        "PREFIX schema: <https://schema.org/> SELECT ?f (COUNT(DISTINCT ?c) AS ?n) WHERE { ?f a schema:Movie ; schema:countryOfOrigin ?c } GROUP BY ?f"
    ).column("n")
    assert set(counts) == {1, 2, 3}
    missing = store.query(
        "PREFIX schema: <https://schema.org/> SELECT ?p WHERE { ?p a schema:Person FILTER NOT EXISTS { ?p schema:nationality ?c } }"
    )
    assert len(missing) == 0


def test_every_graph_says_it_comes_from_the_synthetic_source(store):
    """Reference graphs name the source directly; evidence spans through their synthetic article."""
    rows = store.query(
        """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o }
          FILTER NOT EXISTS { ?g prov:wasDerivedFrom/schema:name ?name FILTER(?name = "synthetic benchmark corpus") }
          FILTER NOT EXISTS { ?g prov:wasDerivedFrom/prov:wasDerivedFrom/schema:name ?n2 FILTER(?n2 = "synthetic benchmark corpus") } }"""
    )
    assert len(rows) == 0, [str(r["g"]) for r in rows][:5]
    assert SOURCE_NAME == "synthetic benchmark corpus"
    iris = store.query("PREFIX schema: <https://schema.org/> SELECT ?f WHERE { ?f a schema:Movie }").column("f")
    assert iris and all(i.startswith("https://w3id.org/sco-film-kg/resource/synthetic/") for i in iris)


def test_the_reference_source_is_found_across_the_build_and_the_import(store):
    """The source's name sits in the build's kg.trig, its graphs' descriptions in the import (both default graph)."""
    rows = store.query(kg.named_query("film-producers", QUERIES)).records()
    assert SOURCE_NAME in {r["source"] for r in rows}


def test_the_same_answers_in_the_oxigraph_store(corpus, store, tmp_path):
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(corpus[0], copy)
    ox = kg.open(copy, "oxigraph")
    for name in ("china-russia-coproductions", "film-directors", "sco-members", "opening-film"):
        q = kg.named_query(name, QUERIES)
        assert sorted(map(str, ox.query(q).records())) == sorted(map(str, store.query(q).records())), name
