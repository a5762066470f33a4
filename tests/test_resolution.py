"""Entity resolution: by Wikidata id, then by name, alias, label or spelling variant; near namesakes
stay apart; kg build reports likely duplicates it could not merge; one entity stays one node."""

from __future__ import annotations

import pytest
import yaml

import kg
from kg.ingest.names import Registry, find_duplicates, fold, spelling_relation

from .articles import ARTICLES, NAMES, build_with_articles, built_report
from .conftest import ROOT


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.from_data(ROOT / "data")


@pytest.fixture(scope="module")
def articles_out(tmp_path_factory):
    return build_with_articles(tmp_path_factory.mktemp("articles"))


@pytest.mark.parametrize(
    "a,b,relation",
    [
        ("Svetlana Chuykina", "Svetlana Chuikina", "variant"),
        ("Andrey Volgin", "Andrei Volgin", "variant"),
        ("Yelena Podkaminskaya", "Elena Podkaminskaya", "variant"),
        ("Maksim Mikhanyuk", "Maxim Mikhanyuk", "variant"),
        ("Gleb Kalyuzhny", "Gleb Kaljuzhnyj", "variant"),
        ("Miloš Biković", "Milos Bikovic", "same"),
        ("Zheng Hanyi", "Hanyi Zheng", "swapped"),
        ("Svetlana Chuykina", "Svetlana Chumkina", "one letter"),
        ("Yang Yang", "Yang Yan", None),  # short words must match exactly: two people
        ("Zheng Hanyi", "Zheng Long", None),
        ("Shanghai Cooperation Organization", "SCO", None),
    ],
)
def test_spelling_relations(a, b, relation):
    assert spelling_relation(a, b) == relation
    assert spelling_relation(b, a) == relation


def test_fold_sets_transliteration_aside():
    assert fold("Chuykina") == fold("Chuikina") == "chuikina"
    assert fold("Kalyuzhnyy") == fold("Kalyuzhny")


def resolved(registry: Registry, name: str, **kw) -> list[tuple[str, str]]:
    return [(m.entity.id, m.how) for m in registry.resolve(name, **kw)]


def test_resolution_by_wikidata_id_comes_first(registry):
    assert resolved(registry, "People's Republic", wikidata="Q148") == [("china", "wikidata")]
    assert resolved(registry, "Anything at all", wikidata="Q15180") == [("soviet-union", "wikidata")]


def test_resolution_by_name_alias_and_labels_in_every_language(registry):
    assert resolved(registry, "Shanghai Cooperation Organization") == [("sco", "name")]
    assert resolved(registry, "SCO") == [("sco", "alias")]
    assert resolved(registry, "Svetlana Chuikina") == [("svetlana-chuykina", "alternateName")]
    assert resolved(registry, "Красный шёлк") == [("red-silk", "label:ru")]
    assert resolved(registry, "红丝绸") == [("red-silk", "label:zh")]
    assert resolved(registry, "Циндао") == [("qingdao", "label:ru")]
    assert resolved(registry, "Андрей Волгин") == [("andrey-volgin", "label:ru")]


def test_resolution_by_spelling_variant(registry):
    assert resolved(registry, "Andrei Volgin") == [("andrey-volgin", "variant")]
    assert resolved(registry, "Elena Podkaminskaya") == [("yelena-podkaminskaya", "variant")]
    assert resolved(registry, "Hanyi Zheng") == [("zheng-hanyi", "swapped")]


def test_near_namesakes_are_not_merged(registry):
    assert resolved(registry, "Yang Yan") == []
    near = registry.resolve("Svetlana Chumkina")
    assert [(m.entity.id, m.how, m.certain) for m in near] == [("svetlana-chuykina", "one letter", False)]


def test_types_must_fit(registry):
    assert resolved(registry, "Qingdao", type="Person") == []
    assert resolved(registry, "Qingdao", type="Place") == [("qingdao", "name")]


def test_the_built_in_data_has_no_likely_duplicates():
    assert find_duplicates(ROOT / "data") == []


def test_kg_build_reports_likely_duplicates_it_could_not_merge(data_copy, tmp_path):
    (data_copy / "reference/test-duplicates.yaml").write_text(
        """\
source: {id: test-duplicates, title: Test sheet with doubled entities, publisher: kg tests}
entities:
  - {id: prc, type: Country, name: PRC, wikidata: Q148}
  - {id: andrei-volgin, type: Person, name: Andrei Volgin}
  - {id: svetlana-chumkina, type: Person, name: Svetlana Chumkina}
statements: []
""",
        encoding="utf-8",
    )
    report = kg.build(data_copy, tmp_path / "out", ROOT / "ontology")
    found = {(d.a.id, d.b.id): d.reason for d in report.duplicates}
    assert found[("china", "prc")] == "the same Wikidata id Q148"
    assert found[("andrei-volgin", "andrey-volgin")].startswith("spelling variants of one name")
    assert "one letter apart" in found[("svetlana-chumkina", "svetlana-chuykina")]
    line = next(x for x in report.summary().splitlines() if "likely duplicates" in x)
    assert "china (wikidata.yaml:" in line and "prc (test-duplicates.yaml:3)" in line
    assert (tmp_path / "out/kg.trig").exists()  # reported, not refused: both stay until a curator merges them


def person_names(graph) -> dict[str, set[str]]:
    """Every person node (by id) with all its names: schema:name and schema:alternateName."""
    query = """PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?x ?n WHERE { ?x a schema:Person . { ?x schema:name ?n } UNION { ?x schema:alternateName ?n } }"""
    names: dict[str, set[str]] = {}
    for row in graph.query(query).rows:
        names.setdefault(str(row["x"]).rsplit("/", 1)[-1], set()).add(str(row["n"]))
    return names


def test_the_same_entity_from_two_documents_is_one_node(articles_out, store):
    graph = kg.open(articles_out)
    names, before = person_names(graph), person_names(store)  # with the test articles, and the built-in data alone
    # the articles' spellings land on the known nodes ...
    assert names["andrey-volgin"] - before["andrey-volgin"] == {"Andrei Volgin"} and "Andrey Volgin" in before["andrey-volgin"]
    assert names["svetlana-chuykina"] == {"Svetlana Chuykina", "Svetlana Chuikina"}
    assert names["yelena-podkaminskaya"] == {"Yelena Podkaminskaya", "Elena Podkaminskaya"}
    assert names["yang-yang"] == {"Yang Yang"} and names["yang-yan"] == {"Yang Yan"}  # two people
    holders = [x for x, ns in names.items() if any(w in n for n in ns for w in ("Volgin", "Chuykina", "Chuikina"))]
    assert sorted(holders) == ["andrey-volgin", "svetlana-chuykina"]
    # ... and the only new people are those the reviewed sheets declare as new
    declared = set()
    for name in NAMES:
        sheet = yaml.safe_load((ARTICLES / "facts" / f"{name}.yaml").read_text(encoding="utf-8"))
        declared |= {e["id"] for e in sheet.get("entities") or [] if e["type"] == "Person"}
    assert set(names) - set(before) == declared and "yang-yan" in declared
    # the film's director is the known node, stated by both documents (and by the reference sources)
    query = """PREFIX schema: <https://schema.org/> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT DISTINCT ?g ?d ?doc WHERE { GRAPH ?g { <https://w3id.org/sco-film-kg/resource/red-silk> schema:director ?d }
                                           OPTIONAL { ?g prov:wasDerivedFrom ?doc . ?doc a schema:NewsArticle } }"""
    rows, rows_before = graph.query(query).rows, store.query(query).rows
    assert {str(r["d"]).rsplit("/", 1)[-1] for r in rows} == {"andrey-volgin"}
    assert sorted(str(r["doc"]).rsplit("/", 1)[-1] for r in rows if r.get("doc")) == [
        "red-silk-sco-film-week",
        "test-red-silk-china-release",
    ]
    assert len(rows) == len(rows_before) + 1
    assert built_report().duplicates == []
