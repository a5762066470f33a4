"""The RDF -> networkx bridge: entity graph, projections, focus subgraphs, exports, kg export."""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
import kg.query.sparql
from kg import network as kn
from kg.cli import cli
from kg.ingest.vocabulary import RES

from .conftest import ROOT, copy_seed_data

R = str(RES)
PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX kgo: <https://w3id.org/sco-film-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
AUX = "VALUES ?aux { schema:Role schema:PerformanceRole schema:OrganizationRole schema:QuantitativeValue schema:MonetaryAmount }"


class OnlyQuery:
    """A store that offers nothing but SPARQL: the bridge must not reach around it."""

    def __init__(self, store):
        self._store = store
        self.queries: list[str] = []

    def query(self, sparql):
        self.queries.append(str(sparql))
        return self._store.query(sparql)


@pytest.fixture(scope="module")
def graph(store):
    return kn.entity_graph(OnlyQuery(store))


@pytest.fixture(scope="module")
def countries(store):
    return kn.projection(store, "countries")


def rdf_entities(store) -> set[str]:
    rows = store.query(
        PREFIXES + f'SELECT DISTINCT ?e WHERE {{ ?e a ?t . FILTER(STRSTARTS(STR(?e), "{R}")) FILTER NOT EXISTS {{ ?e a ?aux . {AUX} }} }}'
    ).rows
    return {str(r["e"]) for r in rows}


def rdf_relations(store, entities: set[str]) -> set[tuple[str, str, str]]:
    rows = store.query(
        PREFIXES + "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o . FILTER(isIRI(?o) && ?p != rdf:type && ?p != kgo:qualifiedRelation) }"
    ).rows
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows if str(r["s"]) in entities and str(r["o"]) in entities}


def n(name: str) -> str:
    return R + name


# ---- entity graph ---------------------------------------------------------------------------------


def test_entities_and_relations_in_rdf_are_the_nodes_and_edges(store, graph):
    entities = rdf_entities(store)
    assert set(graph.nodes) == entities
    edges = {(u, d["predicate"], v) for u, v, d in graph.edges(data=True)}
    implied = {(u, sup, v) for u, v, d in graph.edges(data=True) for sup in d.get("implies", ())}
    implied = {(u, str(kg.ingest.vocabulary.PREFIXES[p.split(":")[0]]) + p.split(":")[1], v) for u, p, v in implied}
    assert edges | implied == rdf_relations(store, entities)
    assert not edges & implied, "a materialised super-property is folded, not drawn twice"
    assert len(edges) == graph.number_of_edges(), "one edge per (subject, predicate, object)"


def test_nodes_carry_class_labels_wikidata_and_literals(graph):
    film = graph.nodes[n("red-silk")]
    assert film["class"] == "Movie" and film["label"] == "Red Silk"
    assert (film["label_zh"], film["label_ru"]) == ("红丝绸", "Красный шёлк")
    assert film["duration"] == "PT2H26M" and film["inLanguage"] == "ru"
    assert graph.nodes[n("china")]["wikidata"] == "Q148"
    assert graph.nodes[n("sco-film-and-television-week")]["class"] == "Festival"
    assert graph.nodes[n("red-silk-china-release")]["class"] == "Release"
    # literals are attributes, never nodes; auxiliary role and quantity nodes are folded away
    assert all(node.startswith(R) for node in graph.nodes)
    assert not [node for node in graph.nodes if "/producer/" in node or "/castAndCrewSize/" in node or "/startDate/" in node]
    assert any("nearly 1,700" in text for text in film["castAndCrewSize"])
    assert graph.nodes[n("red-silk-russia-release")]["startDate_wording"] == "early this year"


def test_edges_carry_predicate_label_and_evidence(graph):
    directed = graph.get_edge_data(n("red-silk"), n("andrey-volgin"))["schema:director"]
    assert directed["predicate"] == "https://schema.org/director" and directed["label"] == "director"
    assert "directed by Russian director Andrey Volgin" in directed["sentence"]
    assert directed["source"].startswith('Creation team of "Red Silk"')
    assert any(e["quote"] == "The film, directed by Russian director Andrey Volgin" for e in directed["evidence"])
    origin = graph.get_edge_data(n("red-silk"), n("china"))["schema:countryOfOrigin"]
    assert {e["source"] for e in origin["evidence"]} >= {"Red Silk (English Wikipedia)"}
    assert origin["label"] == "country of origin"


def test_role_qualifiers_and_implied_properties_are_folded_onto_edges(graph):
    byrkin = graph.get_edge_data(n("red-silk"), n("vadim-byrkin"))["schema:producer"]
    assert "Russian producer" in byrkin["roleName"] and byrkin["side"] == "Russia"
    member = graph.get_edge_data(n("sco"), n("india"))["schema:member"]
    assert member["startDate"] == "2017-06-09"
    camera = graph.get_edge_data(n("red-silk"), n("maksim-mikhanyuk"))
    assert "kgo:cinematographer" in camera and camera["kgo:cinematographer"]["implies"] == ["schema:contributor"]


def test_entity_graph_reads_only_through_sparql(store):
    proxy = OnlyQuery(store)
    kn.focus_graph(proxy, "Red Silk", 1)
    assert proxy.queries and all("SELECT" in q for q in proxy.queries)
    assert any("VALUES ?x" in q for q in proxy.queries), "the neighbourhood is asked for with VALUES, not read whole"


# ---- projections ----------------------------------------------------------------------------------


def test_country_coproduction_network(countries):
    assert isinstance(countries, nx.Graph) and not countries.is_directed()
    edge = countries.edges[n("china"), n("russia")]
    assert "Red Silk" in edge["films"] and edge["weight"] == len(edge["films"])
    assert "co-produced by China and Russia" in " ".join(e.get("sentence", "") for e in edge["evidence"])
    assert countries.nodes[n("china")]["film_count"] >= 1
    assert countries.nodes[n("india")]["member_of"] == "SCO", "member states are there, co-producing or not"
    assert all(d["class"] == "Country" for _, d in countries.nodes(data=True))


def test_collaboration_network_links_people_on_the_same_film(store):
    people = kn.projection(store, "people")
    assert all(d["class"] == "Person" for _, d in people.nodes(data=True))
    edge = people.edges[n("andrey-volgin"), n("svetlana-chuykina")]
    assert "Red Silk" in edge["films"] and edge["weight"] == len(edge["films"])
    assert edge["roles"]["Andrey Volgin (Red Silk)"] == ["director"]
    rows = store.query(PREFIXES + "SELECT DISTINCT ?f ?p WHERE { ?f a schema:Movie ; ?r ?p . ?p a schema:Person }").rows
    crews: dict[str, set[str]] = {}
    for row in rows:
        crews.setdefault(str(row["f"]), set()).add(str(row["p"]))
    pairs = {frozenset((a, b)) for crew in crews.values() for a in crew for b in crew if a != b}
    assert {frozenset(e) for e in people.edges} == pairs


def test_film_event_network(store):
    events = kn.projection(store, "events")
    assert {d["class"] for _, d in events.nodes(data=True)} <= {
        "Movie",
        "Event",
        "Festival",
        "ScreeningEvent",
        "Release",
        "CulturalProgramme",
    }
    assert events.has_edge(n("sco-film-and-television-week"), n("red-silk"))
    assert events.has_edge(n("red-silk"), n("red-silk-china-release"))
    with pytest.raises(kg.KGError, match="no projection"):
        kn.projection(store, "planets")


# ---- focus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Red Silk", "RED SILK", "red-silk", "红丝绸", "Красный шёлк"])
def test_focus_name_matches_id_name_or_label_in_any_language(store, name):
    assert kn.find_entities(store, name) == [n("red-silk")]


def test_focus_subgraph_is_the_neighbourhood(store, graph):
    one = kn.focus_graph(store, "Red Silk", hops=1)
    assert {n("red-silk"), n("andrey-volgin"), n("china"), n("russia")} <= set(one.nodes)
    assert n("india") not in one and one.nodes[n("red-silk")]["focus"] is True
    expected = set(nx.ego_graph(graph.to_undirected(as_view=True), n("red-silk"), radius=1))
    assert set(one.nodes) == expected
    assert one.number_of_edges() == graph.subgraph(expected).number_of_edges()
    assert set(kn.focus_graph(store, "red silk", hops=0).nodes) == {n("red-silk")}
    two = kn.focus_graph(store, "Red Silk", hops=2)
    assert set(two.nodes) == set(nx.ego_graph(graph.to_undirected(as_view=True), n("red-silk"), radius=2))
    assert two.nodes[n("sco")]["hops"] == 2


def test_unknown_focus_is_a_user_error_with_suggestions(store):
    with pytest.raises(kg.KGError, match="did you mean: Red Silk"):
        kn.focus_graph(store, "Red Slik")


# ---- exports --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_exports_load_back_with_the_same_nodes_and_edges(tmp_path, graph, countries, fmt):
    for g in (graph, countries):
        before = copy.deepcopy(g)
        path = kn.export(g, tmp_path / f"g.{fmt}")
        if fmt == "graphml":
            back = nx.read_graphml(path)
        elif fmt == "gexf":
            back = nx.read_gexf(path)
        else:
            back = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
        assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
        assert set(back.nodes) == set(g.nodes)
        assert nx.utils.graphs_equal(before, g) and dict(before.nodes(data=True)) == dict(g.nodes(data=True)), (
            "export leaves the graph alone"
        )
        china = back.nodes[n("china")]
        assert china.get("label_zh") == "中华人民共和国" or china.get("label") == "China"
        assert [p.name for p in tmp_path.iterdir()] == [path.name]
        path.unlink()


def test_graphml_attributes_are_scalars(graph):
    flat = kn.scalar_copy(graph)
    for _, attrs in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in attrs.values())
    evidence = json.loads(flat.get_edge_data(n("red-silk"), n("andrey-volgin"))["schema:director"]["evidence"])
    assert evidence[0]["sentence"].startswith("The film, directed by")


def test_kg_export_cli(tmp_path, built_out, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--data", str(built_out), "--projection", "countries", "--format", "gexf", "--out", "c.gexf"])
    assert result.exit_code == 0, result.output
    back = nx.read_gexf(tmp_path / "c.gexf")
    assert f"wrote c.gexf ({back.number_of_nodes()} nodes, {back.number_of_edges()} edges)" in result.output
    assert back.number_of_edges() >= 1
    result = runner.invoke(cli, ["export", "--data", str(built_out), "--focus", "Red Slik", "--out", "f.json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "did you mean: Red Silk" in result.output  # the closest name first (other near names may follow)
    result = runner.invoke(cli, ["export", "--data", str(built_out), "--out", "g.txt"])
    assert result.exit_code == 1 and "unknown export format" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.gexf"]


def test_same_networks_on_the_on_disk_store(built_out, graph, countries):
    pytest.importorskip("pyoxigraph")
    oxigraph = kg.open(built_out, store="oxigraph")
    other = kn.entity_graph(oxigraph)
    assert set(other.nodes) == set(graph.nodes)
    assert {(u, v, k) for u, v, k in other.edges(keys=True)} == {(u, v, k) for u, v, k in graph.edges(keys=True)}
    assert dict(other.nodes(data=True)) == dict(graph.nodes(data=True))
    assert set(kn.projection(oxigraph, "countries").edges) == set(countries.edges)
    assert set(kn.focus_graph(oxigraph, "Red Silk", 1).nodes) == set(
        kn.focus_graph(kg.open(built_out, store="memory"), "Red Silk", 1).nodes
    )


# ---- every store: memory, oxigraph, a Virtuoso server ------------------------------------------


def everything(store) -> dict[str, nx.Graph]:
    """Every view the bridge draws, by name."""
    views = {"entities": kn.entity_graph(store)}
    views |= {name: kn.projection(store, name) for name in kn.PROJECTIONS}
    views |= {f"focus-{hops}": kn.focus_graph(store, "Red Silk", hops) for hops in (0, 1, 2)}
    return views


def contents(graph: nx.Graph):
    """Nodes and edges with all their attributes, comparable across graphs (undirected edges sorted)."""
    if graph.is_multigraph():
        edges = sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in graph.edges(keys=True, data=True))
    else:
        edges = sorted((*sorted((u, v)), json.dumps(d, sort_keys=True)) for u, v, d in graph.edges(data=True))
    return json.dumps(dict(graph.nodes(data=True)), sort_keys=True), edges, graph.graph


@pytest.fixture(scope="module")
def reference(store):
    """Every view drawn from the default store (on-disk Oxigraph), which every store must draw alike."""
    return {name: contents(g) for name, g in everything(store).items()}


@pytest.fixture(scope="module")
def seed_stores(tmp_path_factory) -> dict:
    """The first article and its 12 sheets, built and opened in rdflib and in Oxigraph.

    rdflib needs minutes for every view of the whole register (267 s for these comparisons on
    the memory store), so rdflib is held to Oxigraph's views on the seed data instead."""
    import shutil


    base = tmp_path_factory.mktemp("seed")
    out = base / "out"
    kg.build(copy_seed_data(base / "data"), out, ROOT / "ontology")
    other = shutil.copytree(out, base / "out-oxigraph")
    return {"memory": kg.open(out, "memory"), "oxigraph": kg.open(other, "oxigraph")}


def pair(store, reference, seed_stores):
    """The store to draw from and the views to compare with: rdflib on the seed data, every other store on the register."""
    if store.name == "memory":
        return seed_stores["memory"], {name: contents(g) for name, g in everything(seed_stores["oxigraph"]).items()}
    return store, reference


def assert_same_as_reference(store, views: dict[str, nx.Graph], reference) -> None:
    for name, graph in views.items():
        nodes, edges, data = contents(graph)
        expected = json.loads(reference[name][0])
        nodes = json.loads(nodes)
        assert (nodes, edges, data) == (expected, *reference[name][1:]), name


def test_same_networks_on_every_store(every_store, reference, seed_stores):
    """Virtuoso too: no property paths with both ends open, no long IN lists or VALUES blocks."""
    store, reference = pair(every_store, reference, seed_stores)
    proxy = OnlyQuery(store)
    views = everything(proxy)
    assert_same_as_reference(store, views, reference)
    assert views["entities"].number_of_edges() > 50 and views["countries"].number_of_nodes() >= 10
    assert not [q for q in proxy.queries if "+ ?" in q or "* ?" in q or " IN (" in q]


def test_many_small_chunks_give_the_same_networks(every_store, reference, seed_stores, monkeypatch):
    """Long lists of IRIs go in several queries (CHUNK_SIZE each) whose answers are merged."""
    store, reference = pair(every_store, reference, seed_stores)
    monkeypatch.setattr(kg.query.sparql, "CHUNK_SIZE", 3)
    proxy = OnlyQuery(store)
    views = everything(proxy)
    assert_same_as_reference(store, views, reference)
    blocks = [q.split("VALUES ?s {", 1)[1].split("}", 1)[0].split() for q in proxy.queries if "VALUES ?s {" in q]
    assert blocks and max(len(b) for b in blocks) == 3 and len(blocks) > 20, "the subjects were asked for three at a time"


@pytest.mark.parametrize("name", ["Red Silk", "RED SILK", "red-silk", "红丝绸", "Красный шёлк"])
def test_focus_name_on_every_store(every_store, name):
    assert kn.find_entities(every_store, name) == [n("red-silk")]


def test_exact_names_are_looked_up_without_scanning_every_name(store):
    proxy = OnlyQuery(store)
    assert kn.find_entities(proxy, "Red Silk") == kn.find_entities(proxy, "红丝绸") == [n("red-silk")]
    assert not [q for q in proxy.queries if "LCASE" in q], "an exact name needs no comparison of every name"
    proxy.queries.clear()
    assert kn.find_entities(proxy, "red SILK") == [n("red-silk")]
    assert [q for q in proxy.queries if "LCASE" in q], "other spellings fall back to comparing every name"
    assert kn.find_entities(proxy, "Red Slik") == []


def test_hierarchies_are_closed_in_python():
    parents = {"a": {"b"}, "b": {"c", "d"}, "c": {"e"}, "x": {"x"}}
    assert kn.transitive_closure(parents) == {"a": {"b", "c", "d", "e"}, "b": {"c", "d", "e"}, "c": {"e"}, "x": {"x"}}
