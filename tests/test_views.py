"""HTML views without a browser: one self-contained file, nothing fetched, text escaped, graph untouched."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg import network as kn
from kg.cli import cli
from kg.network import views as kv
from kg.network.layout import force_layout, spiral_layout

PLANTED = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "</script><script>window.__pwned=2</script>"
EXTERNAL = re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def page_json(text: str, element: str) -> dict:
    match = re.search(rf'<script type="application/json" id="{element}">(.*?)</script>', text, re.S)
    assert match, element
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, tuple]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "b", "i"):
            self.found.append((tag, tuple(attrs)))


def elements(text: str) -> list[tuple[str, tuple]]:
    """Elements that could run or show planted markup, as a browser's parser sees them."""
    parser = _Tags()
    parser.feed(text)
    return parser.found


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("a", label=PLANTED, **{"class": "Movie"}, note=SCRIPT)
    g.add_node("b", label="Плохой & <b>bold</b>", **{"class": "Person"})
    g.add_edge("a", "b", key="x", label=SCRIPT, weight=3, sentence=f"He said {PLANTED}.", source="<i>paper</i>")
    return g


def synthetic(n: int) -> nx.Graph:
    g = nx.barabasi_albert_graph(n, 2, seed=3)
    for node in g:
        g.nodes[node].update({"label": f"node {node}", "class": "Person" if node % 3 else "Movie"})
    return g


@pytest.fixture(scope="module")
def default_views(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("views")
    return kv.write_default_views(store, out)


def test_a_view_is_one_file_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    g = hostile_graph()
    before = copy.deepcopy(g)
    path = kv.write_view(g, tmp_path / "sub" / "view.html")
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["sub", "sub/view.html"]
    assert nx.utils.graphs_equal(g, before)
    assert dict(g.nodes(data=True)) == dict(before.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True)), "weight is not renamed, no size is added"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_page_references_no_external_url(default_views):
    for page in default_views.parent.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not EXTERNAL.findall(text), page.name
        assert "<link" not in text and "<script src" not in text and "bootstrap" not in text.lower(), page.name
        assert "cdnjs" not in text and "jsdelivr" not in text and "unpkg" not in text, page.name


def test_all_text_is_escaped(tmp_path):
    text = kv.write_view(hostile_graph(), tmp_path / "v.html").read_text(encoding="utf-8")
    assert PLANTED not in text and "<img" not in text
    assert elements(text) == [
        ("script", (("type", "application/json"), ("id", "kg-data"))),
        ("script", (("type", "application/json"), ("id", "kg-options"))),
        ("script", ()),
        ("script", ()),
    ], "no script element closes early, no element is planted"
    assert "<b>bold</b>" not in text and "<i>paper</i>" not in text
    data = page_json(text, "kg-data")
    labels = {node["label"] for node in data["nodes"]}
    assert labels == {PLANTED, "Плохой & <b>bold</b>"}
    assert data["edges"][0]["label"] == SCRIPT
    tip = data["edges"][0]["tip"]
    assert ["quote", f"He said {PLANTED}.", ""] in tip and ["source", "— <i>paper</i>"] in tip


def test_scripts_are_allowed_by_hash_only(tmp_path):
    text = kv.write_view(hostile_graph(), tmp_path / "v.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_small_graphs_get_physics_large_graphs_positions(tmp_path):
    small = page_json(kv.render(synthetic(50)), "kg-options")
    assert small["physics"]["enabled"] is True and small["physics"]["stabilization"]["enabled"] is True
    text = kv.render(synthetic(120), large_threshold=100)
    options, data = page_json(text, "kg-options"), page_json(text, "kg-data")
    assert options["physics"] == {"enabled": False}
    assert options["edges"]["smooth"] == {"enabled": False}
    assert options["interaction"]["hideEdgesOnZoom"] and options["interaction"]["hideEdgesOnDrag"]
    assert data["large"] is True and all(math.isfinite(n["x"]) and math.isfinite(n["y"]) for n in data["nodes"])


def test_labels_follow_the_language(store, tmp_path):
    graph = kn.focus_graph(store, "Red Silk", hops=0)
    for lang, label in (("en", "Red Silk"), ("zh", "红丝绸"), ("ru", "Красный шёлк")):
        data = page_json(kv.render(graph, lang=lang), "kg-data")
        assert data["nodes"][0]["label"] == label
    china = kn.focus_graph(store, "China", hops=0, lang="zh")
    assert china.nodes[kg.ingest.vocabulary.RES + "china"]["label"] == "中华人民共和国"


def test_legend_colours_shapes_and_tooltips(store):
    graph = kn.entity_graph(store)
    data = page_json(kv.render(graph), "kg-data")
    legend = {row[0]: row for row in data["legend"]}
    people = sum(1 for _, d in graph.nodes(data=True) if d["class"] == "Person")
    assert legend["Person"][1] == people and legend["Movie"][3] == "star" and legend["Country"][3] == "diamond"
    film = next(node for node in data["nodes"] if node["label"] == "Red Silk")
    assert ["kv", "Chinese", "红丝绸"] in film["tip"]
    ids = {node["label"]: node["id"] for node in data["nodes"]}
    edge = next(e for e in data["edges"] if (e["from"], e["to"]) == (ids["Red Silk"], ids["Andrey Volgin"]))
    assert ["title", "Red Silk — director → Andrey Volgin"] in edge["tip"]
    assert any(row[0] == "quote" and "directed by Russian director Andrey Volgin" in row[1] for row in edge["tip"])
    assert any(row[0] == "source" and "Bastille Post" in row[1] for row in edge["tip"])
    # a graph past the large-graph threshold leaves edge labels out (drawn on one canvas); a small one labels them
    assert data["large"] is (graph.number_of_nodes() > kv.LARGE_THRESHOLD)
    small = page_json(kv.render(kn.focus_graph(store, "Red Silk", hops=1)), "kg-data")
    ids = {node["label"]: node["id"] for node in small["nodes"]}
    labelled = next(e for e in small["edges"] if (e["from"], e["to"]) == (ids["Red Silk"], ids["Andrey Volgin"]))
    assert not small["large"] and labelled["label"] == "director" and labelled["tip"] == edge["tip"]


def test_default_views_and_index(default_views, store):
    folder = default_views.parent
    assert default_views.name == "index.html"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["countries.html", "events.html", "focus-red-silk.html", "graph.html", "index.html", "people.html", "timeline.html"]
    index = default_views.read_text(encoding="utf-8")
    for name in set(names) - {"index.html"}:
        assert f'href="{name}"' in index
    countries = kn.projection(store, "countries")
    assert f"({countries.number_of_nodes()} nodes, {countries.number_of_edges()} edges)" in index


def test_kg_view_cli(tmp_path, built_out, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["view", "--data", str(built_out), "--projection", "countries", "--out", "c.html"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote c.html (") and " nodes, " in result.output
    result = runner.invoke(cli, ["view", "--data", str(built_out), "--focus", "nobody at all"])
    assert result.exit_code == 1 and "no entity is called 'nobody at all'" in result.output
    result = runner.invoke(cli, ["view", "--data", str(built_out), "--focus", "Red Silk", "--projection", "people"])
    assert result.exit_code == 1 and "not both" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.html"]
    result = runner.invoke(cli, ["view", "--data", str(built_out), "--focus", "red-silk", "--lang", "ru"])
    assert result.exit_code == 0, result.output
    assert (Path(built_out) / "views" / "focus-red-silk.ru.html").exists()


def test_layout_places_every_node(tmp_path):
    g = synthetic(800)
    pos = force_layout(g)
    assert set(pos) == set(g) and pos == force_layout(g), "deterministic"
    xs = [p[0] for p in pos.values()]
    assert all(math.isfinite(x) for x in xs) and max(xs) - min(xs) > 100
    linked = sum(math.dist(pos[u], pos[v]) for u, v in g.edges) / g.number_of_edges()
    unlinked = sum(math.dist(pos[u], pos[v]) for u, v in zip(list(g)[::7], list(g)[3::7], strict=False)) / len(list(g)[3::7])
    assert linked < unlinked / 2, "linked nodes sit closer than random pairs"
    assert set(spiral_layout(g)) == set(g) and force_layout(nx.Graph()) == {}


def test_views_work_without_numpy(monkeypatch, tmp_path):
    monkeypatch.setitem(__import__("sys").modules, "numpy", None)  # `import numpy` now fails
    g = synthetic(60)
    pos = force_layout(g)
    assert set(pos) == set(g) and pos == spiral_layout(g)
    assert page_json(kv.render(g, large_threshold=10), "kg-data")["nodes"][0]["x"] is not None
