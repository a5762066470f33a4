"""The views in a real browser: Debian's chromium, headless, driven by playwright, every request
that is not a local file blocked and recorded.

Install the browser with scripts/install-test-deps.sh (scripts/test.sh does). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.network import views as kv

from .browser import Tab, chromium

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
PLANTED = '<img src=x onerror="window.__pwned=1">'


class Page(Tab):
    """One view open in the browser, with what it tried to fetch and every error or warning it raised."""

    def __init__(self, browser, path: Path, size=(1400, 900)):
        super().__init__(browser, path, size=size, console=("error", "warning"))

    def drawn(self, settle: bool = True):
        self.wait("window.kgView && window.kgView.drawnAt !== null")
        if settle and self.js("network.physics.options.enabled"):
            self.wait("window.kgView.stabilizedAt !== null", timeout=40)
        return self

    def node_point(self, node_id: int) -> tuple[float, float]:
        box = self.page.locator("#network").bounding_box()
        p = self.js(f"network.canvasToDOM(network.getPositions([{node_id}])[{node_id}])")
        return box["x"] + p["x"], box["y"] + p["y"]

    def edge_point(self, edge_id: int) -> tuple[float, float]:
        """The middle of the edge as drawn (curved edges bend away from the straight midpoint)."""
        box = self.page.locator("#network").bounding_box()
        p = self.js(f"network.canvasToDOM(network.body.edges[{edge_id}].edgeType.getPoint(0.5))")
        return box["x"] + p["x"], box["y"] + p["y"]

    def check_clean(self):
        assert self.errors == [], self.errors
        assert self.blocked == [], f"requests left the page: {self.blocked}"
        assert self.js("window.__pwned") is None


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def views(tmp_path_factory, built_out):
    """`kg view --out FILE` and `kg view --projection countries`, as a user runs them."""
    out = tmp_path_factory.mktemp("browser-views")
    runner = CliRunner()
    full = runner.invoke(cli, ["view", "--data", str(built_out), "--out", str(out / "full.html")])
    assert full.exit_code == 0, full.output
    countries = runner.invoke(cli, ["view", "--data", str(built_out), "--projection", "countries", "--out", str(out / "countries.html")])
    assert countries.exit_code == 0, countries.output
    return out


def counts(output_line: str) -> tuple[int, int]:
    n, m = output_line.split("(")[1].split(" nodes, ")
    return int(n), int(m.split(" ")[0])


@pytest.mark.parametrize(
    "name, projection, shot",
    [("full.html", None, "view-full.png"), ("countries.html", "countries", "view-countries.png")],
)
def test_view_draws_offline_with_every_node_and_edge(browser, views, store, name, projection, shot):
    from kg.network.graphs import build_graph

    graph = build_graph(store, projection_name=projection)
    page = Page(browser, views / name).drawn()
    try:
        size = page.js("(function () { var c = document.querySelector('#network canvas'); return c ? [c.width, c.height] : null; })()")
        assert size and size[0] > 300 and size[1] > 300, "a canvas is drawn"
        assert page.js("network.body.data.nodes.length") == graph.number_of_nodes()
        large = graph.number_of_nodes() > kv.LARGE_THRESHOLD  # the whole register is: its page draws the edges itself
        assert page.js("JSON.parse(document.getElementById('kg-data').textContent).large") is large
        if large:
            assert page.js("window.kgView.edges") == page.js("window.kgView.edgesDrawn") == graph.number_of_edges()
        else:
            assert page.js("network.body.data.edges.length") == graph.number_of_edges()
        assert page.js("Object.keys(network.body.nodes).length") >= graph.number_of_nodes()
        legend = page.js("document.getElementById('legend').textContent")
        assert "Legend" in legend and ("Country" in legend or "SCO member state" in legend)
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / shot))
        page.check_clean()
    finally:
        page.close()


def test_hover_shows_the_evidence_sentence_as_text(browser, views, store):
    page = Page(browser, views / "countries.html").drawn()
    try:
        china_russia = page.js(
            "(function () { var d = JSON.parse(document.getElementById('kg-data').textContent);"
            " var id = function (label) { return d.nodes.find(function (n) { return n.label === label; }).id; };"
            " var ends = [id('China'), id('Russia')].sort().join();"
            " return d.edges.filter(function (e) { return [e.from, e.to].sort().join() === ends; })[0].id; })()"
        )
        page.page.mouse.move(*page.edge_point(china_russia))
        page.wait(
            "document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'", 10
        )
        tip = page.js("document.querySelector('div.vis-tooltip').textContent")
        assert "co-produced by China and Russia" in tip and "Bastille Post" in tip
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "view-countries-tooltip.png"))
        page.check_clean()
    finally:
        page.close()


def test_nodes_the_sources_disagree_about_are_marked_with_what_each_says(browser, views, store):
    """Red Silk's two box-office figures and Chuykina's two spellings show on the nodes themselves."""
    from kg.curate.conflicts import find_conflicts

    expected = {c.subject_name for c in find_conflicts(store)}
    page = Page(browser, views / "full.html").drawn()
    try:
        marked = page.js(
            "network.body.data.nodes.get({filter: function (n) { return n.shapeProperties && n.shapeProperties.borderDashes; }})"
            ".map(function (n) { return JSON.parse(document.getElementById('kg-data').textContent).nodes[n.id].label; })"
        )
        assert set(marked) == expected and {"Red Silk", "Svetlana Chuykina"} <= expected
        assert page.js("network.body.nodes[network.body.data.nodes.getIds()[0]] !== undefined")
        legend = page.js("document.getElementById('legend').textContent")
        assert f"the sources disagree about it ({len(expected)})" in legend
        red_silk = page.js(
            "JSON.parse(document.getElementById('kg-data').textContent).nodes.findIndex(function (n) { return n.label === 'Red Silk'; })"
        )
        page.page.mouse.move(*page.node_point(red_silk))
        page.wait("document.querySelector('div.vis-tooltip .warn') !== null", 10)
        warnings = page.js("Array.from(document.querySelectorAll('div.vis-tooltip .warn')).map(function (e) { return e.textContent; })")
        assert any("643,000,000 RUB" in w and "Wikipedia" in w for w in warnings), warnings
        assert any("689,000,000 RUB" in w and "China Daily" in w for w in warnings), warnings
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "view-full-disputed.png"))
        page.check_clean()
    finally:
        page.close()


HOSTILE = """
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix kgr: <https://w3id.org/sco-film-kg/resource/> .
@prefix kgd: <https://w3id.org/sco-film-kg/document/> .

<https://w3id.org/sco-film-kg/document/evil#char=0,20> {
    kgr:evil a schema:Movie ; rdfs:label "PLANTED"@en ; schema:name "PLANTED" ;
        schema:countryOfOrigin kgr:somewhere .
    kgr:somewhere a schema:Country ; rdfs:label "</script><script>window.__pwned=2</script>"@en .
}
{
    <https://w3id.org/sco-film-kg/document/evil#char=0,20> nif:anchorOf "<svg onload=window.__pwned=3>" ;
        prov:wasDerivedFrom kgd:evil .
    kgd:evil a schema:NewsArticle ; schema:headline "<iframe src=javascript:window.__pwned=4>" .
}
""".replace("PLANTED", PLANTED.replace('"', '\\"'))


def test_planted_markup_shows_as_text_and_never_runs(browser, tmp_path):
    (tmp_path / "kg.trig").write_text(HOSTILE, encoding="utf-8")
    store = kg.open(tmp_path)
    path, graph = kv.view(store, tmp_path / "evil.html")
    assert graph.number_of_nodes() == 2
    page = Page(browser, path).drawn()
    try:
        film = page.js(f"network.body.data.nodes.get().filter(function (n) {{ return n.label === {PLANTED!r}; }})[0].id")
        x, y = page.node_point(film)
        page.page.mouse.move(x, y)
        page.wait(
            "document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').textContent.indexOf('onerror') >= 0", 10
        )
        assert PLANTED in page.js("document.querySelector('div.vis-tooltip').textContent")
        page.page.mouse.click(x, y)
        page.wait("!document.getElementById('details').hidden", 5)
        assert PLANTED in page.js("document.getElementById('details').textContent")
        page.page.mouse.move(5, 5)
        # the edge's tooltip carries the planted quote and headline
        page.page.mouse.move(*page.edge_point(page.js("network.body.data.edges.getIds()[0]")))
        page.wait("document.querySelector('div.vis-tooltip').textContent.indexOf('svg onload') >= 0", 10)
        page.page.wait_for_timeout(300)
        assert (
            page.js(
                "document.querySelectorAll('img, svg image, iframe, #network svg, .vis-tooltip *[onload], .vis-tooltip *[onerror]').length"
            )
            == 0
        )
        assert page.js("document.querySelectorAll('script').length") == 4
        page.check_clean()
    finally:
        page.close()


def test_large_graph_mode_draws_from_precomputed_positions(browser, tmp_path):
    g = nx.barabasi_albert_graph(600, 2, seed=5)
    for node in g:
        g.nodes[node].update({"label": f"person {node}", "class": "Person"})
    path = kv.write_view(g, tmp_path / "large.html", large_threshold=400)
    page = Page(browser, path).drawn()
    try:
        assert page.js("network.physics.options.enabled") is False
        assert page.js("network.body.data.nodes.length") == 600
        # the page draws the edges itself, in one canvas path
        assert page.js("window.kgView.edges") == page.js("window.kgView.edgesDrawn") == g.number_of_edges()
        x, y = page.node_point(0)
        page.page.mouse.move(x + 2, y + 2)
        page.page.mouse.move(x + 6, y + 1)
        page.wait("document.querySelector('.kg-edge-tip').style.visibility === 'visible'", 10)
        assert "person 0" in page.js("document.querySelector('.kg-edge-tip').textContent")
        ARTIFACTS.mkdir(exist_ok=True)
        page.page.screenshot(path=str(ARTIFACTS / "view-large.png"))
        # zoom in: the nodes in view get their labels
        page.js("network.moveTo({scale: 1.5})")
        page.wait("window.kgView.labelled > 0", 10)
        page.check_clean()
    finally:
        page.close()
