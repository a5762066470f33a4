"""The public data contract of DESIGN.md section 3, queried exactly as users write it: no GRAPH, no reasoner."""

from __future__ import annotations

import pytest

from .sheets import sheets

#: the one news article of the built-in data, for the tests that check exactly what it says
ARTICLE = "<https://w3id.org/sco-film-kg/document/red-silk-sco-film-week>"
PREFIXES = """
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kgr: <https://w3id.org/sco-film-kg/resource/>
PREFIX kgo: <https://w3id.org/sco-film-kg/ontology#>
"""


@pytest.fixture()
def store(every_store):
    """Every test in this module runs against each store (memory, oxigraph, a Virtuoso server)."""
    return every_store


def select(store, body: str) -> list[dict]:
    return store.query(PREFIXES + body).records()


def values(store, body: str, var: str) -> set:
    return {row[var] for row in select(store, body)}


def test_films(store):
    films = values(store, "SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n }", "n")
    assert films == sheets().names("Movie") and "Red Silk" in films  # every film a sheet declares


def test_people_with_nationality_where_stated(store):
    rows = select(store, "SELECT ?n ?c WHERE { ?p a schema:Person ; schema:name ?n ; schema:nationality/schema:name ?c }")
    assert {(r["n"], r["c"]) for r in rows} >= {("Andrey Volgin", "Russia"), ("Vadim Byrkin", "Russia"), ("Yang Yang", "China")}


def test_roles_are_direct_edges(store):
    assert values(store, "SELECT ?n WHERE { kgr:red-silk schema:director/schema:name ?n }", "n") == {"Andrey Volgin"}
    assert "Svetlana Chuykina" in values(store, "SELECT ?n WHERE { kgr:red-silk schema:actor/schema:name ?n }", "n")
    assert {"Vadim Byrkin", "Yang Yang"} <= values(store, "SELECT ?n WHERE { kgr:red-silk schema:producer/schema:name ?n }", "n")
    # the direct edges lead only to people: qualifiers never replace them
    assert values(store, "SELECT ?t WHERE { kgr:red-silk schema:producer|schema:actor|schema:director ?p . ?p a ?t }", "t") == {
        "https://schema.org/Person"
    }


def test_role_qualifiers_sit_on_a_role_node(store):
    rows = select(
        store,
        """SELECT ?n ?role ?side WHERE { kgr:red-silk kgo:qualifiedRelation ?r . ?r a schema:Role ; schema:producer/schema:name ?n ;
           schema:roleName ?role . OPTIONAL { ?r kgo:side/schema:name ?side } }""",
    )
    assert {"n": "Vadim Byrkin", "role": "Russian producer", "side": "Russia"} in rows
    assert {"n": "Yang Yang", "role": "Chinese producer", "side": "China"} in rows
    lead = select(
        store,
        "SELECT ?n WHERE { kgr:red-silk kgo:qualifiedRelation ?r . ?r schema:actor/schema:name ?n ; kgo:leadRole true ; schema:roleName 'lead actress' }",
    )
    assert lead == [{"n": "Svetlana Chuykina"}]


def test_coproduction_one_triple_per_country(store):
    assert values(store, "SELECT ?c WHERE { kgr:red-silk schema:countryOfOrigin/schema:sameAs ?c }", "c") == {
        "http://www.wikidata.org/entity/Q148",
        "http://www.wikidata.org/entity/Q159",
    }


def test_countries_and_the_sco_members(store):
    members = values(
        store,
        "SELECT ?c WHERE { ?sco a schema:Organization ; schema:sameAs wd:Q485207 ; schema:member ?m . ?m a schema:Country ; schema:name ?c }",
        "c",
    )
    assert members == {"China", "Russia", "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "India", "Pakistan", "Iran", "Belarus"}
    assert "Soviet Union" in values(store, "SELECT ?n WHERE { ?c a schema:Country ; schema:name ?n }", "n")
    assert "Soviet Union" not in members


def test_places_contained_up_to_the_country(store):
    rows = select(
        store,
        "SELECT ?a ?c WHERE { kgr:qingdao a schema:City ; schema:containedInPlace ?p . ?p a schema:AdministrativeArea ; schema:name ?a ; schema:containedInPlace/schema:name ?c }",
    )
    assert {"a": "Shandong", "c": "China"} in rows


def test_events(store):
    rows = select(
        store,
        """SELECT ?name ?place ?start WHERE { ?e a schema:Event ; schema:name ?name ; schema:location/schema:name ?place ; schema:startDate ?start .
           FILTER(?name = "SCO Film and Television Week") }""",
    )
    assert {"name": "SCO Film and Television Week", "place": "Qingdao", "start": __import__("datetime").date(2025, 8, 22)} in rows
    featured = values(store, "SELECT ?f WHERE { ?e a schema:Festival ; schema:workFeatured/schema:name ?f }", "f")
    data = sheets()
    festivals = data.ids("Festival")
    assert featured == {data.name(film) for event, film in data.pairs("workFeatured") if event in festivals}
    assert "Red Silk" in values(store, "SELECT ?f WHERE { kgr:sco-film-and-television-week schema:workFeatured/schema:name ?f }", "f")
    assert values(store, "SELECT ?s WHERE { kgr:sco-week-opening-ceremony schema:superEvent/schema:name ?s }", "s") == {
        "SCO Film and Television Week"
    }


def test_releases(store):
    rows = select(
        store, "SELECT ?c ?d WHERE { kgr:red-silk schema:releasedEvent ?r . ?r schema:location/schema:name ?c ; schema:startDate ?d }"
    )
    found = {(r["c"], str(r["d"])) for r in rows}
    assert ("Russia", "2025") in found  # "early this year": the year only
    assert ("China", "2025-09-06") in found  # "Sept. 6"


def test_genres_are_skos_concepts(store):
    assert values(store, "SELECT ?l WHERE { kgr:red-silk schema:genre ?g . ?g a skos:Concept ; skos:prefLabel ?l }", "l") == {
        "spy thriller",
        "action-spy film",
        "adventure",
        "detective",
    }


def test_quotations(store):
    rows = select(
        store,
        "SELECT ?who ?about ?t WHERE { ?q a schema:Quotation ; schema:text ?t ; schema:creator/schema:name ?who ; schema:about/schema:name ?about }",
    )
    assert {r["who"] for r in rows} == {"Svetlana Chuykina", "Vadim Byrkin", "Yang Yang"}
    assert any(r["who"] == "Yang Yang" and r["t"].startswith("I believe that the activities related to the SCO") for r in rows)


def test_vague_quantities_keep_the_wording(store):
    rows = select(
        store,
        "SELECT ?max ?w WHERE { kgr:red-silk kgo:castAndCrewSize ?q . ?q a schema:QuantitativeValue ; schema:maxValue ?max ; kgo:wording ?w }",
    )
    assert rows == [{"max": 1700, "w": "nearly 1,700"}]
    assert not select(store, "SELECT ?v WHERE { kgr:red-silk kgo:castAndCrewSize/schema:value ?v }"), (
        "an inexact count must not get schema:value"
    )
    rows = select(
        store,
        f"SELECT ?min ?w WHERE {{ GRAPH ?g {{ kgr:sco kgo:coProducedFilmCount ?q }} ?g prov:wasDerivedFrom {ARTICLE} . "
        "?q schema:minValue ?min ; kgo:wording ?w }",
    )
    assert rows == [{"min": 40, "w": "more than 40"}]  # as the article says it (other sources give their own words)


def test_vague_dates_keep_the_wording(store):
    rows = select(
        store,
        "SELECT ?d ?w WHERE { GRAPH ?g { kgr:sco-film-and-television-week kgo:qualifiedRelation ?r } "
        f"?g prov:wasDerivedFrom {ARTICLE} . ?r schema:startDate ?d ; kgo:wording ?w }}",
    )
    assert [(str(r["d"]), r["w"]) for r in rows] == [("2025-08-22", "last Friday")]  # the article's words
    rows = select(
        store, "SELECT ?d ?w WHERE { kgr:red-silk-russia-release kgo:qualifiedRelation ?r . ?r schema:startDate ?d ; kgo:wording ?w }"
    )
    assert [(str(r["d"]), r["w"]) for r in rows] == [("2025", "early this year")]


def test_identity_and_labels(store):
    assert values(store, "SELECT ?l WHERE { kgr:qingdao schema:sameAs wd:Q170322 ; rdfs:label ?l FILTER(lang(?l) = 'zh') }", "l") == {
        "青岛市"
    }
    assert values(store, "SELECT ?l WHERE { kgr:red-silk rdfs:label ?l FILTER(lang(?l) = 'ru') }", "l") == {"Красный шёлк"}
    assert values(store, "SELECT ?l WHERE { kgr:red-silk rdfs:label ?l FILTER(lang(?l) = 'en') }", "l") == {"Red Silk"}


def test_documents(store):
    rows = select(store, "SELECT ?h ?date WHERE { ?d a schema:NewsArticle ; schema:headline ?h ; schema:datePublished ?date }")
    assert len(rows) == 1 and rows[0]["h"].startswith('Creation team of "Red Silk"')


def test_provenance_of_a_fact(store):
    rows = select(
        store,
        """SELECT ?text ?b ?e ?doc WHERE { GRAPH ?g { kgr:red-silk schema:director kgr:andrey-volgin }
           ?g nif:anchorOf ?text ; nif:beginIndex ?b ; nif:endIndex ?e ; prov:wasDerivedFrom ?doc . ?doc a schema:NewsArticle }""",
    )
    assert rows and rows[0]["text"] == "The film, directed by Russian director Andrey Volgin"


def test_a_fact_stated_twice_is_in_both_graphs(store):
    graphs = values(store, "SELECT ?g WHERE { GRAPH ?g { kgr:red-silk schema:countryOfOrigin kgr:china } }", "g")
    assert len(graphs) >= 3  # two sentences of the article and English Wikipedia


def test_reference_facts_sit_in_graphs_that_say_their_source(store):
    rows = select(store, "SELECT ?url WHERE { GRAPH ?g { kgr:red-silk schema:duration ?d } ?g prov:wasDerivedFrom/schema:url ?url }")
    assert rows == [{"url": "https://en.wikipedia.org/wiki/Red_Silk"}]


@pytest.mark.parametrize("claim", ["lead actress", "highest box office"])
def test_contested_claims_stay_with_who_contests_them(store, claim):
    rows = select(store, f"SELECT ?src WHERE {{ ?g kgo:contestedBy ?src ; nif:anchorOf ?t FILTER(CONTAINS(?t, '{claim}')) }}")
    assert rows, f"the claim '{claim}' is not marked as contested"


def test_both_spellings_stay_with_their_sources(store):
    assert "Svetlana Chuikina" in values(store, "SELECT ?a WHERE { GRAPH ?g { kgr:svetlana-chuykina schema:alternateName ?a } }", "a")
    assert values(store, "SELECT ?n WHERE { kgr:svetlana-chuykina schema:name ?n }", "n") == {"Svetlana Chuykina"}
