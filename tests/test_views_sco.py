"""The SCO views: member states in focus, change over time, a summary at size, views in notebooks.

The figures are checked against SPARQL written here (a second count, made another way) and the
named queries, never against numbers copied from an output. The page's filters are driven in
headless chromium (playwright), with every request that is not a local file refused and recorded.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest

import kg
from kg import network as kn
from kg.network import views as kv

from .browser import chromium
from .test_views_browser import Page

EXTERNAL = re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)

#: Films per pair of countries whose earliest year lies in [FROM, TO] (the same rule as the view's,
#: counted by the store: no Python in between).
PAIRS_IN_YEARS = (
    kg.SPARQL_PREFIXES
    + """
SELECT ?a ?b (COUNT(DISTINCT ?f) AS ?n) WHERE {
  { SELECT ?f (MIN(xsd:integer(SUBSTR(STR(?d), 1, 4))) AS ?y) WHERE { ?f a schema:Movie ; schema:datePublished ?d } GROUP BY ?f }
  FILTER(?y >= %d && ?y <= %d)
  ?f schema:countryOfOrigin ?a , ?b . ?a a schema:Country . ?b a schema:Country .
  FILTER(STR(?a) < STR(?b))
} GROUP BY ?a ?b
"""
)


@pytest.fixture(scope="module")
def countries(store):
    return kn.country_network(store)


@pytest.fixture(scope="module")
def members(store) -> dict[str, str]:
    """SCO member state -> the date it joined, from the named query."""
    return {r["country"]: str(r["since"]) for r in store.query(kg.named_query("sco-members")).records()}


def test_projection_years_and_membership_agree_with_the_named_queries(store, countries, members):
    label = {n: a["label"] for n, a in countries.nodes(data=True)}
    by_pair = store.query(kg.named_query("coproductions-by-pair")).records()
    expected: dict[tuple[str, str], dict] = {}
    for r in by_pair:
        key = tuple(sorted((r["countryA"], r["countryB"])))
        year = int(r["year"]) if r.get("year") is not None else None
        expected.setdefault(key, {})[year] = int(r["films"])
    got = {}
    for a, b, d in countries.edges(data=True):
        if label[a] in members and label[b] in members:
            years = dict(d["years"])
            if d.get("undated"):
                years[None] = d["undated"]
            assert sum(years.values()) == d["weight"] == len(d["films"])
            got[tuple(sorted((label[a], label[b])))] = years
    assert got == expected and got
    since = {a["label"]: a["member_since"] for _, a in countries.nodes(data=True) if a.get("member_since")}
    assert since == members


def test_communities_are_seeded_and_weights_do_not_need_the_films(store, countries):
    again = kn.country_network(store)
    assert {n: a["community"] for n, a in again.nodes(data=True)} == {n: a["community"] for n, a in countries.nodes(data=True)}
    linked = [n for n in countries if countries.degree(n)]
    assert linked and all(countries.nodes[n]["community"] for n in linked)
    assert all(countries.nodes[n]["community"] is None for n in countries if not countries.degree(n))
    assert len({countries.nodes[n]["community"] for n in linked}) > 1
    # the aggregate-only projection (what a large store gets) has the same lines, weights and years
    quick = kn.country_network(store, detail=False)
    assert {(a, b): (d["weight"], d["years"]) for a, b, d in quick.edges(data=True)} == {
        (a, b): (d["weight"], d["years"]) for a, b, d in countries.edges(data=True)
    }
    assert "films" not in next(iter(quick.edges(data=True)))[2]


def test_timeline_frame_and_membership_rule(store, members):
    frame = kn.coproductions_by_year(store)
    by_pair = store.query(kg.named_query("coproductions-by-pair")).to_dataframe().dropna(subset=["year"])
    assert sorted(zip(frame.countryA, frame.countryB, frame.year, frame.films, strict=True)) == sorted(
        (a, b, int(y), int(n)) for a, b, y, n in zip(by_pair.countryA, by_pair.countryB, by_pair.year, by_pair.films, strict=True)
    )
    joined = {c: int(d[:4]) for c, d in members.items()}
    ruled = kn.coproductions_by_year(store, membership=True)
    kept = frame[[y >= max(joined[a], joined[b]) for a, b, y in zip(frame.countryA, frame.countryB, frame.year, strict=True)]]
    assert ruled.reset_index(drop=True).equals(kept.reset_index(drop=True))
    assert len(ruled) < len(frame), "some member pairs co-produced before they were both members"


def test_timeline_page_marks_events_agreements_and_accessions(store, tmp_path):
    path = kn.write_timeline(store, tmp_path / "timeline.html")
    page = path.read_text(encoding="utf-8")
    assert not EXTERNAL.search(page) and "<script" not in page
    marks = kn.timeline_marks(store)
    assert set(marks.kind) == {"accession", "event", "agreement"}
    assert page.count('<g class="mark ') == len(marks)
    frame = kn.coproductions_by_year(store)
    assert sum(int(n) for n in re.findall(r'data-films="(\d+)"', page)) == frame.films.sum()
    events = store.query(kg.named_query("sco-film-events")).to_dataframe().dropna(subset=["start"])
    assert {str(d)[:10] for d in events.start} == set(marks.date[marks.kind == "event"])


def test_whole_graph_over_the_threshold_draws_a_summary(store, tmp_path):
    path, graph = kv.view(store, tmp_path / "graph.html", summary_threshold=100)
    assert graph.graph["kind"] == "summary"
    # communities of entities: every entity in exactly one, at most SUMMARY_GROUPS (+ the unlinked)
    assert sum(a["entities"] for _, a in graph.nodes(data=True)) == graph.graph["entities"] == kn.entity_count(store) > 100
    assert 1 < graph.number_of_nodes() <= kn.SUMMARY_GROUPS + 1
    names = set(store.query(kg.SPARQL_PREFIXES + "SELECT ?l WHERE { ?s rdfs:label|schema:name ?l }").column("l"))
    assert all(e in names for _, a in graph.nodes(data=True) for e in a["examples"])
    again = kn.summary_graph(store)  # seeded: the same communities every run
    assert {n: a["entities"] for n, a in again.nodes(data=True)} == {n: a["entities"] for n, a in graph.nodes(data=True)}
    data = re.search(r'id="kg-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S).group(1)
    assert "kg view --focus" in data
    small, whole = kv.view(store, tmp_path / "whole.html")
    assert whole.graph["kind"] == "entities", "the built-in data is drawn whole"
    assert whole.number_of_nodes() == kn.entity_count(store) == graph.graph["entities"]


def test_inline_is_one_escaped_iframe(store, tmp_path):
    view = kn.inline(kn.focus_graph(store, "Red Silk", hops=1), height=420, title="Red Silk <b>")
    frame = view._repr_html_()
    assert frame.count("<iframe") == 1 and 'sandbox="allow-scripts"' in frame and "height: 420px" in frame
    srcdoc = re.search(r'srcdoc="([^"]*)"', frame).group(1)
    assert "<" not in srcdoc and html.unescape(srcdoc) == view.page
    assert 'title="Red Silk &lt;b&gt;"' in frame
    saved = view.save(tmp_path / "v.html")
    assert kn.inline(saved).page == view.page == kn.inline(view.page).page
    with pytest.raises(kg.KGError):
        kn.inline(tmp_path / "missing.html")


# ---- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def country_page(browser, countries, tmp_path_factory):
    path = kv.write_view(countries, tmp_path_factory.mktemp("sco") / "countries.html", title="Countries")
    page = Page(browser, path, size=(1100, 640)).drawn()
    page.wait("window.kgView.fittedAt !== undefined && window.kgView.shown !== undefined")
    yield page
    page.close()


def set_controls(page: Page, **values) -> dict:
    """Move the page's controls as a user does (the value, then an input event) and read what is drawn."""
    for element, value in values.items():
        kind = "checked" if isinstance(value, bool) else "value"
        page.js(
            f"(function () {{ var e = document.getElementById({element!r}); e.{kind} = {value!r}; e.dispatchEvent(new Event('input')); }})()".replace(
                "True", "true"
            ).replace("False", "false")
        )
    return page.js("window.kgView.shown")


def drawn_lines(page: Page) -> dict[str, int]:
    """The lines vis-network draws (not hidden), by their two countries' labels, with their width's value."""
    return page.js(
        """(function () {
             var data = JSON.parse(document.getElementById('kg-data').textContent), out = {};
             network.body.data.edges.get({filter: function (e) { return !e.hidden; }}).forEach(function (e) {
               out[[data.nodes[e.from].label, data.nodes[e.to].label].sort().join(' | ')] = e.value;
             });
             return out;
           })()"""
    )


def inside_frame(page: Page) -> list:
    """Shown nodes whose box (label included) is not wholly inside the view's frame."""
    return page.js(
        """(function () {
             var c = document.getElementById('network'), W = c.clientWidth, H = c.clientHeight, out = [];
             network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) {
               var b = network.getBoundingBox(n.id), p = network.canvasToDOM({x: b.left, y: b.top}), q = network.canvasToDOM({x: b.right, y: b.bottom});
               if (p.x < -0.5 || p.y < -0.5 || q.x > W + 0.5 || q.y > H + 0.5) out.push([n.id, p, q, W, H]);
             });
             return out;
           })()"""
    )


def test_sco_only_leaves_only_member_states(country_page, members, countries):
    shown = set_controls(country_page, **{"kg-scope": "members"})
    assert set(shown["nodes"]) == set(members)
    drawn = set(
        country_page.js("network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.label; })")
    )
    assert drawn == set(members)
    assert all(set(pair.split(" | ")) <= set(members) for pair in drawn_lines(country_page))
    legend = country_page.js("document.getElementById('legend').textContent")
    assert f"SCO member state({len(members)})" in legend and "other country(0)" in legend
    wider = set_controls(country_page, **{"kg-scope": "partners"})
    assert set(wider["nodes"]) > set(members)
    assert not inside_frame(country_page)
    country_page.check_clean()


def test_year_range_redraws_exactly_the_films_of_those_years(country_page, store, countries):
    label = {n: a["label"] for n, a in countries.nodes(data=True)}
    everything = set_controls(country_page, **{"kg-scope": "all", "kg-membership": False, "kg-min-films": "1"})
    first, last = country_page.js("[+document.getElementById('kg-from').min, +document.getElementById('kg-to').max]")
    low, high = first + (last - first) // 3, last - (last - first) // 4
    shown = set_controls(country_page, **{"kg-from": str(low), "kg-to": str(high)})
    expected = {
        " | ".join(sorted((label[str(r["a"])], label[str(r["b"])]))): int(r["n"]) for r in store.query(PAIRS_IN_YEARS % (low, high)).rows
    }
    assert expected and shown["lines"] == expected == drawn_lines(country_page)
    assert shown["lines"] != everything["lines"]
    legend = country_page.js("document.getElementById('legend').textContent")
    assert f"{len(expected)} lines, {sum(expected.values())} films in {low}–{high}" in legend
    # the node sizes follow the years too: a country's films in the range, plus one
    sizes = country_page.js(
        "(function () { var d = JSON.parse(document.getElementById('kg-data').textContent), out = {};"
        " network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) { out[d.nodes[n.id].label] = n.value; }); return out; })()"
    )
    for _node, attrs in countries.nodes(data=True):
        if attrs["label"] in sizes:
            assert sizes[attrs["label"]] == 1 + sum(n for y, n in attrs["years"].items() if low <= y <= high)
    assert not inside_frame(country_page)
    set_controls(country_page, **{"kg-from": str(first), "kg-to": str(last)})
    country_page.check_clean()


def test_membership_rule_drops_a_pair_before_its_accession(country_page, store, members):
    frame = kn.coproductions_by_year(store)
    joined = {c: int(d[:4]) for c, d in members.items()}
    frame["joint"] = [max(joined[a], joined[b]) for a, b in zip(frame.countryA, frame.countryB, strict=True)]
    before = frame[frame.year < frame.joint].groupby("pair").films.sum()
    after = frame[frame.year >= frame.joint].groupby("pair").films.sum()
    dropped = sorted(p for p in before.index if p not in after.index)
    assert dropped, "a member pair co-produced only before they were both members"
    off = set_controls(country_page, **{"kg-scope": "members", "kg-membership": False})
    on = set_controls(country_page, **{"kg-membership": True})
    for pair in dropped:
        key = " | ".join(pair.split(" – "))
        assert key in off["lines"] and key not in on["lines"]
    for pair, films in after.items():
        assert on["lines"][" | ".join(pair.split(" – "))] == films
    set_controls(country_page, **{"kg-membership": False, "kg-scope": "partners"})
    country_page.check_clean()


def test_min_films_slider_hides_thin_lines(country_page):
    set_controls(country_page, **{"kg-scope": "all", "kg-min-films": "1"})
    least = 3
    shown = set_controls(country_page, **{"kg-min-films": str(least)})
    assert shown["lines"] and min(shown["lines"].values()) >= least
    assert drawn_lines(country_page) == shown["lines"]
    set_controls(country_page, **{"kg-min-films": "1", "kg-scope": "partners"})
    country_page.check_clean()


def test_a_view_can_open_filtered(browser, countries, members, tmp_path):
    page_text = kv.render(countries, filters={"scope": "members", "membership": True})
    with pytest.raises(kg.KGError, match="no scope"):
        kv.render(countries, filters={"scope": "everyone"})
    path = tmp_path / "filtered.html"
    path.write_text(page_text, encoding="utf-8")
    page = Page(browser, path).drawn()
    try:
        page.wait("window.kgView.shown !== undefined")
        assert set(page.js("window.kgView.shown.nodes")) == set(members)
        assert page.js("window.kgView.filter") == {**page.js("window.kgView.filter"), "scope": "members", "membership": True}
        assert page.js("document.getElementById('kg-membership').checked") is True
        page.check_clean()
    finally:
        page.close()


def test_a_frame_laid_out_late_is_fitted_again(browser, countries, tmp_path):
    """A notebook may give the frame its width after the page drew (a hidden cell, a late layout)."""
    frame = kn.inline(countries, height=420)._repr_html_().replace("width: 100%", "width: 0px")
    path = tmp_path / "late.html"
    path.write_text('<!DOCTYPE html>\n<meta charset="utf-8">\n<body>\n' + frame, encoding="utf-8")
    page = Page(browser, path, size=(1000, 700))
    try:
        inner = page.page.locator("iframe").element_handle().content_frame()

        def until(expression: str) -> None:  # polled: the page's CSP refuses wait_for_function's eval
            end = time.monotonic() + 20
            while not inner.evaluate(f"!!({expression})"):
                assert time.monotonic() < end, expression
                time.sleep(0.05)

        until("window.kgView !== undefined")
        inner.wait_for_timeout(800)  # a frame of no width: vis-network waits to draw
        page.js("document.querySelector('iframe').style.width = '100%'")
        until("document.getElementById('network').clientWidth > 500 && window.kgView.fittedAt !== undefined")
        inner.wait_for_timeout(400)
        outside = inner.evaluate(
            "(function () { var c = document.getElementById('network'), W = c.clientWidth, H = c.clientHeight, out = [];"
            " network.body.data.nodes.get({filter: function (n) { return !n.hidden; }}).forEach(function (n) {"
            " var b = network.getBoundingBox(n.id), p = network.canvasToDOM({x: b.left, y: b.top}), q = network.canvasToDOM({x: b.right, y: b.bottom});"
            " if (p.x < -0.5 || p.y < -0.5 || q.x > W + 0.5 || q.y > H + 0.5) out.push(n.label); }); return out; })()"
        )
        assert outside == []
        assert inner.evaluate("network.getScale()") > 0.3, "fitted to the wide frame, not left at the narrow one's scale"
    finally:
        page.close()


def test_summary_draws_and_says_how_to_focus(browser, store, tmp_path):
    path, graph = kv.view(store, tmp_path / "summary.html", summary_threshold=100)
    page = Page(browser, path).drawn()
    try:
        assert page.js("network.body.data.nodes.length") == graph.number_of_nodes()
        assert "kg view --focus" in page.js("document.getElementById('legend').textContent")
        assert not inside_frame(page)
        page.check_clean()
    finally:
        page.close()


def test_timeline_page_draws_offline(browser, store, tmp_path):
    path = kn.write_timeline(store, tmp_path / "timeline.html", membership=True)
    page = Page(browser, path)
    try:
        page.wait("document.querySelectorAll('rect.bar').length > 0", 10)
        assert page.js("document.querySelectorAll('g.mark').length") == len(kn.timeline_marks(store))
        page.check_clean()
    finally:
        page.close()


def test_timeline_is_reachable_from_the_cli(built_out, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    result = CliRunner().invoke(cli, ["view", "--data", str(built_out), "--timeline", "--out", str(tmp_path / "t.html")])
    assert result.exit_code == 0, result.output
    assert Path(tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(cli, ["view", "--data", str(built_out), "--timeline", "--projection", "countries"])
    assert result.exit_code == 1 and "--timeline alone" in result.output
