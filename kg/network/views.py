"""Interactive HTML views of a networkx graph, drawn by vis-network (the copy pyvis ships).

    >>> import kg, kg.network.graphs as kn, kg.network.views as kv
    >>> store = kg.open("out")
    >>> kv.write_view(kn.projection(store, "countries"), "countries.html")
    >>> kv.write_default_views(store, "out/views")        # what `kg run` writes; returns index.html

Why not ``pyvis.Network`` itself: its ``from_nx`` is quadratic (and renames ``weight`` and adds
``size`` on the caller's graph), its page links Bootstrap from a CDN in every mode, its "local"
mode writes ``lib/`` into the working directory, and its tooltips are HTML strings. Here the
page is generated in one pass (linear in the graph's size) with vis-network's JavaScript and
CSS inline from pyvis's package, so a view is one file that makes no network request.

All text from the graph reaches the page as JSON data (``<`` ``>`` ``&`` escaped) and is put in
the document with ``textContent`` only, so a name holding HTML shows as text and never runs; a
Content-Security-Policy that allows only the page's own scripts (by hash) backs that up.

Small graphs keep live physics (seeded with a precomputed layout so they settle quickly, and
stopped if still moving 4 s later); above ``large_threshold`` nodes, positions come from
:func:`kg.network.layout.force_layout`, physics is off, and the page draws the edges itself as straight
lines in one canvas path, hidden while dragging or zooming (vis-network's per-edge objects cost
more than the rest of a 10k-node page together); node labels appear once zoomed in.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import html
import json
import re
import webbrowser
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.network.graphs import LANGUAGES, pick_label, write_atomic

re_title = re.compile(r"<title>(.*?)</title>", re.S)

#: Above this many nodes a view is drawn from precomputed positions with physics off.
LARGE_THRESHOLD = 400

#: Colour and vis-network shape per class word (node attribute ``group`` overrides ``class``).
STYLES: dict[str, tuple[str, str]] = {
    "Movie": ("#d62728", "star"),
    "Person": ("#1f77b4", "dot"),
    "Organization": ("#ff7f0e", "square"),
    "Country": ("#2ca02c", "diamond"),
    "SCO member state": ("#2ca02c", "diamond"),
    "member state": ("#2ca02c", "diamond"),
    "City": ("#17a589", "triangle"),
    "AdministrativeArea": ("#52be80", "triangle"),
    "Place": ("#a9cc52", "triangle"),
    "MovieTheater": ("#8c6d31", "triangle"),
    "Event": ("#9467bd", "hexagon"),
    "Festival": ("#7d3c98", "hexagon"),
    "ScreeningEvent": ("#c39bd3", "hexagon"),
    "Release": ("#e377c2", "hexagon"),
    "CulturalProgramme": ("#5b2c6f", "hexagon"),
    "Genre": ("#bcbd22", "triangleDown"),
    "Audience": ("#17becf", "dot"),
    "Quotation": ("#8c564b", "square"),
    "Thing": ("#7f7f7f", "dot"),
}
_SPARE_COLOURS = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354")

#: Attributes that are bookkeeping, not facts to show in a tooltip.
_HIDDEN = {
    "disputed",
    "label",
    "iri",
    "id",
    "entity_id",
    "class",
    "classes",
    "group",
    "x",
    "y",
    "hops",
    "focus",
    "evidence",
    "sentence",
    "source",
    "film_ids",
    "years",
    "undated",
    "community",
}
_LANG_NAMES = {"en": "English", "zh": "Chinese", "ru": "Russian"}


# ---- assets -------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS, read from the pyvis package (no network needed)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    folders = sorted(lib.glob("vis-*"), key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()))
    if not folders:  # pragma: no cover - pyvis always ships it
        raise RuntimeError(f"vis-network is missing from {lib}")
    folder = folders[-1]
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _json_for_html(value: Any) -> str:
    """JSON that is safe inside a <script> element: no tag, comment or entity can start in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# ---- from networkx to the page's data ---------------------------------------------------------


def _text(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _evidence_rows(evidence: list[dict], limit: int | None = None) -> list[list]:
    rows: list[list] = []
    for e in evidence[:limit] if limit else evidence:
        if e.get("sentence"):
            rows.append(["quote", e["sentence"], e.get("quote") or ""])
        where = ", ".join(str(x) for x in (e.get("publisher"), e.get("date")) if x)
        lead = "— " if e.get("sentence") else "Source: "
        film = f"{e['film']}: " if e.get("film") else ""
        rows.append(["source", f"{lead}{film}{e.get('source', '')}" + (f" ({where})" if where else "")])
        if e.get("url"):
            rows.append(["url", e["url"]])
    if limit and len(evidence) > limit:
        rows.append(["more", f"and {len(evidence) - limit} more (click for all)"])
    return rows


def _node_tip(attrs: dict, label: str, lang: str) -> list[list]:
    rows: list[list] = [["title", label]]
    cls = attrs.get("group") or attrs.get("class")
    sub = " · ".join(str(x) for x in (cls, attrs.get("entity_id")) if x)
    if sub:
        rows.append(["sub", sub])
    for line in attrs.get("disputed") or ():
        rows.append(["warn", line])
    for code in LANGUAGES:
        other = attrs.get(f"label_{code}")
        if other and other != label:
            rows.append(["kv", _LANG_NAMES[code], other])
    if attrs.get("wikidata"):
        rows.append(["kv", "Wikidata", attrs["wikidata"]])
    for key in sorted(attrs):
        if key in _HIDDEN or key.startswith("label_") or key in ("wikidata", "sources"):
            continue
        value = attrs[key]
        if value is None or value == "" or value == []:
            continue
        rows.append(["kv", key, _text(value)])
    if attrs.get("sources"):
        rows.append(["kv", "stated in", _text(attrs["sources"])])
    return rows


_EDGE_SKIP = _HIDDEN | {"predicate", "property", "label", "films", "weight", "implies", "roles"}

#: Community colours of the country view (tab10 without its grey); a country without a line is grey.
COMMUNITY_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79")
NO_COMMUNITY = "#bdbdbd"


def _edge_tip(attrs: dict, source_label: str, target_label: str, label: str, directed: bool = True) -> tuple[list[list], list[list] | None]:
    """Tooltip rows (at most three pieces of evidence) and, when there is more, the full rows."""
    if directed and label:
        head = [["title", f"{source_label} — {label} → {target_label}"]]
    else:
        head = [["title", f"{source_label} — {target_label}"]] + ([["sub", label]] if label and not attrs.get("films") else [])
    if attrs.get("property"):
        head.append(["sub", attrs["property"]])
    extra = [k for k in attrs if k not in _EDGE_SKIP]
    for key in sorted(extra):
        head.append(["kv", key, _text(attrs[key])])
    for key, name in (("films", "film"), ("roles", "roles"), ("implies", "also")):
        value = attrs.get(key)
        if value:
            head.append(["kv", "films" if key == "films" and len(value) > 1 else name, _text(value)])
    evidence = attrs.get("evidence")
    if not evidence:
        if not (attrs.get("sentence") or attrs.get("source")):
            return head, None
        evidence = [{"sentence": attrs.get("sentence"), "source": attrs.get("source", "")}]
    if len(evidence) <= 3:
        return head + _evidence_rows(evidence), None
    return head + _evidence_rows(evidence, limit=3), head + _evidence_rows(evidence)


def _style(group: str, spare: dict[str, tuple[str, str]]) -> tuple[str, str]:
    if group in STYLES:
        return STYLES[group]
    if group not in spare:
        spare[group] = (_SPARE_COLOURS[len(spare) % len(_SPARE_COLOURS)], "dot")
    return spare[group]


_NOTES = {
    None: "Arrows point from subject to object and carry the relation's name.",
    "countries": "A line joins two countries that co-produced a film; its width is the number of films.",
    "people": "A line joins two people who worked on the same film; its width is the number of films.",
}


def page_data(graph, *, lang: str = "en", large: bool = False, positions: dict | None = None, filters: dict | None = None) -> dict:
    """The JSON the page draws from: vis nodes and edges, groups, legend. Linear in graph size."""
    index: dict[Any, int] = {}
    nodes: list[dict] = []
    spare: dict[str, tuple[str, str]] = {}
    counts: dict[str, int] = {}
    disputed = 0
    directed = graph.is_directed()
    degree = {} if large else dict(graph.degree())
    # the country view's filters (scope, films per line, years, membership) work in the page
    summary = graph.graph.get("kind") == "summary"
    countries = not large and graph.graph.get("kind") == "countries" and any("years" in a for _, a in graph.nodes(data=True))
    for i, (node, attrs) in enumerate(graph.nodes(data=True)):
        index[node] = i
        label = pick_label(attrs, lang)
        group = str(attrs.get("group") or attrs.get("class") or "Thing")
        many = attrs.get("entities", 1) if summary else 1  # a summary's node stands for many entities
        if group in counts:
            counts[group] += many
        else:
            counts[group] = many
            _style(group, spare)
        item: dict[str, Any] = {"id": i, "label": label, "group": group, "tip": _node_tip(attrs, label, lang)}
        if attrs.get("entity_id") and not summary:
            item["key"] = attrs["entity_id"]  # for #focus=ID in the page's address
        if not large:
            weight = attrs.get("film_count", attrs.get("entities"))
            item["value"] = (weight + 1) if isinstance(weight, int) else degree.get(node, 0) + 1
        if positions is not None and node in positions:
            x, y = positions[node]
            item["x"], item["y"] = round(x, 1), round(y, 1)
        if attrs.get("focus"):
            item["focus"] = True
        if attrs.get("disputed"):
            item["disputed"] = True
            disputed += 1
        if countries:
            since = attrs.get("member_since")
            item.update(
                member=bool(attrs.get("member_of")),
                since=int(str(since)[:4]) if since and str(since)[:4].isdigit() else None,
                years=attrs.get("years") or {},
                undated=attrs.get("undated") or 0,
                films=attrs.get("film_count") or 0,
                community=attrs.get("community"),
            )
        nodes.append(item)

    labels = [n["label"] for n in nodes]
    edges: list[dict] = []
    parallel: dict[tuple[int, int], int] = {}
    for j, (u, v, attrs) in enumerate(graph.edges(data=True)):
        a, b = index[u], index[v]
        label = str(attrs.get("label", ""))
        tip, details = _edge_tip(attrs, labels[a], labels[b], label, directed)
        item = {"id": j, "from": a, "to": b, "tip": tip}
        if details:
            item["details"] = details
        if not large and label:
            item["label"] = label
        if isinstance(attrs.get("weight"), (int, float)):
            item["value"] = attrs["weight"]
        if countries:
            item.update(weight=attrs.get("weight", 1), years=attrs.get("years") or {}, undated=attrs.get("undated") or 0)
        if not large:
            pair = (min(a, b), max(a, b))
            k = parallel.get(pair, 0)
            parallel[pair] = k + 1
            if k:  # parallel edges fan out instead of drawing over each other
                item["smooth"] = {
                    "enabled": True,
                    "type": "curvedCW" if (k % 2) == (a < b) else "curvedCCW",
                    "roundness": 0.2 * ((k + 1) // 2),
                }
        edges.append(item)

    if len({item.get("value") for item in edges}) == 1:  # one weight: vis would draw every line mid-width
        for item in edges:
            item.pop("value", None)
    kind = graph.graph.get("kind")
    note = _NOTES[kind] if kind in _NOTES else _NOTES[None] if directed else ""
    if graph.graph.get("note"):
        note = str(graph.graph["note"])
    if large and note == _NOTES[None]:
        note = "Lines join subject and object (no arrows at this size); hover one for the relation and its evidence."
    common = _repeated_label(edges)
    if common is not None:  # the same label on most lines says nothing: say it once, in the legend
        for item in edges:
            if item.get("label") == common:
                del item["label"]
        note += f" Unlabelled lines: {common}."
    if disputed:
        note += f" Red dashed border: the sources disagree about it ({disputed}); hover it for what each says."
    groups = {g: {"color": {"background": c, "border": _darker(c)}, "shape": s} for g, (c, s) in ((g, _style(g, spare)) for g in counts)}
    legend = [[g, counts[g], groups[g]["color"]["background"], groups[g]["shape"]] for g in sorted(counts, key=lambda g: (-counts[g], g))]
    data = {"nodes": nodes, "edges": edges, "groups": groups, "legend": legend, "directed": directed, "large": large, "note": note.strip()}
    if countries:
        data["countries"] = _country_controls(graph, nodes, edges)
        data["countries"]["initial"] = _filters(filters or {})
    return data


#: What ``filters`` may set in a country view, and the values each takes.
FILTERS = {"scope": ("members", "partners", "all"), "min_films": int, "from": int, "to": int, "membership": bool}


def _filters(filters: dict) -> dict:
    """The country view's first filter settings (the reader can change them in the page)."""
    from kg.errors import KGError, Problem

    out: dict[str, Any] = {}
    for key, value in filters.items():
        kind = FILTERS.get(key)
        if kind is None:
            raise KGError(Problem("filters", None, f"no filter '{key}'", f"use one of: {', '.join(FILTERS)}"))
        if isinstance(kind, tuple):
            if value not in kind:
                raise KGError(Problem("filters", None, f"no scope {value!r}", f"use one of: {', '.join(kind)}"))
            out[key] = value
        else:
            try:
                out[key] = kind(value)
            except (TypeError, ValueError):
                raise KGError(Problem("filters", None, f"{key} must be a {kind.__name__}, not {value!r}")) from None
    return out


def _country_controls(graph, nodes: list[dict], edges: list[dict]) -> dict:
    """What the country view's controls need: the years spanned, the communities and their
    colours, the organisation's name, the largest line."""
    years = sorted({int(y) for item in nodes for y in item["years"]})
    communities: dict[int, list[str]] = {}
    for item in sorted(nodes, key=lambda n: (-n["films"], n["label"])):
        if item["community"] is not None:
            communities.setdefault(item["community"], []).append(item["label"])
    orgs = sorted({str(a["member_of"]) for _, a in graph.nodes(data=True) if isinstance(a.get("member_of"), str)})
    return {
        "first": years[0] if years else None,
        "last": years[-1] if years else None,
        "org": orgs[0] if len(orgs) == 1 else "organisation",
        "maxWeight": max((e.get("weight", 1) for e in edges), default=1),
        "communities": [
            [c, COMMUNITY_COLOURS[(c - 1) % len(COMMUNITY_COLOURS)], names[:3], len(names)] for c, names in sorted(communities.items())
        ],
        "none": NO_COMMUNITY,
        "filmsListed": graph.graph.get("films_listed", True),
    }


def _repeated_label(edges: list[dict]) -> str | None:
    """The label more than half of 20 or more edges carry, if any."""
    if len(edges) < 20:
        return None
    tally: dict[str, int] = {}
    for item in edges:
        if "label" in item:
            tally[item["label"]] = tally.get(item["label"], 0) + 1
    label, count = max(tally.items(), key=lambda kv: kv[1], default=(None, 0))
    return label if count * 2 > len(edges) else None


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{int(r * 0.7):02x}{int(g * 0.7):02x}{int(b * 0.7):02x}"


def vis_options(data: dict, node_count: int) -> dict:
    """vis-network options: live physics that settles for small graphs, none for large ones."""
    large = data["large"]
    options: dict[str, Any] = {
        "groups": data["groups"],
        "nodes": {
            "font": {"size": 14, "face": "Noto Sans, DejaVu Sans, Arial, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
            "borderWidth": 1,
        },
        "edges": {
            "color": {"color": "rgba(110,122,134,0.6)", "highlight": "#333333", "hover": "#555555", "inherit": False},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
            "arrows": {"to": {"enabled": data["directed"], "scaleFactor": 0.5}},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False}},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False},
    }
    if large:
        # every per-item cost counts at 10k: no arrows (direction is in the tooltip), no node
        # borders (a canvas save/stroke/restore each), one plain font
        options["edges"]["arrows"] = {"to": {"enabled": False}}
        options["nodes"]["borderWidth"] = 0
        options["nodes"]["size"] = 10
        options["nodes"]["font"] = {"size": 14, "strokeWidth": 2, "strokeColor": "#ffffff"}
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
        options["edges"]["smooth"] = {"enabled": False}
        options["interaction"].update(hideEdgesOnDrag=True, hideEdgesOnZoom=True)
    else:
        if len(data["edges"]) <= 30:
            options["edges"]["font"]["size"] = 13
        spring = 110 if node_count < 80 else 80
        options["edges"]["smooth"] = {"enabled": True, "type": "continuous", "roundness": 0.3}
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.01,
                "springLength": spring,
                "springConstant": 0.05,
                "damping": 0.9,
                "avoidOverlap": 0.3,
            },
            "maxVelocity": 40,
            "minVelocity": 1.5,
            "timestep": 0.4,
            # the layout seeds the positions, so a few iterations polish it before the first frame
            "stabilization": {
                "enabled": True,
                "iterations": max(60, min(400, 40000 // max(node_count, 1))),
                "updateInterval": 50,
                "fit": True,
            },
        }
    return options


# ---- the page -----------------------------------------------------------------------------------

_CSS = """
html, body { margin: 0; height: 100%; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #222; background: #fff; }
header { position: absolute; top: 0; left: 0; right: 0; height: 44px; padding: 6px 14px; background: #fff; border-bottom: 1px solid #ddd; z-index: 2; overflow: hidden; }
header h1 { font-size: 18px; margin: 0; }
header p { font-size: 12px; margin: 2px 0 0; color: #555; }
#network { position: absolute; top: 57px; left: 210px; right: 0; bottom: 0; }
#legend { position: absolute; left: 0; top: 57px; bottom: 0; width: 189px; background: #fafafa; border-right: 1px solid #ddd; padding: 8px 10px; font-size: 13px; z-index: 2; overflow: auto; }
#legend h2 { font-size: 13px; margin: 0 0 4px; }
#legend div { display: flex; align-items: center; gap: 6px; line-height: 20px; }
#legend .count { color: #777; }
#details { position: absolute; right: 10px; top: 67px; width: 380px; max-height: calc(100% - 90px); overflow: auto; background: rgba(255,255,255,0.97); border: 1px solid #bbb; border-radius: 6px; padding: 8px 12px; font-size: 13px; z-index: 3; }
#details[hidden] { display: none; }
#details button { float: right; border: 0; background: none; font-size: 18px; cursor: pointer; }
#status { position: absolute; right: 12px; bottom: 10px; font-size: 12px; color: #777; z-index: 2; }
.kg-tip { max-width: 440px; white-space: normal; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 13px; line-height: 1.35; }
#legend .note { display: block; margin-top: 10px; color: #555; font-size: 12px; line-height: 1.35; }
.kg-tip .title { font-weight: bold; font-size: 14px; }
.kg-tip .sub { color: #666; font-size: 12px; margin-bottom: 3px; }
.kg-tip .kv .k { color: #555; }
.kg-tip .quote { font-style: italic; margin: 4px 0 0; padding-left: 6px; border-left: 3px solid #c9c9c9; }
.kg-tip .quote mark { background: #fff2a8; font-style: normal; }
.kg-tip .source, .kg-tip .url, .kg-tip .more { color: #555; font-size: 12px; }
.kg-tip .warn { color: #b51f1f; font-size: 12px; }
.kg-tip .url { word-break: break-all; }
div.vis-tooltip { max-width: 460px; white-space: normal !important; }
div.kg-edge-tip { position: absolute; pointer-events: none; }
#legend div.controls, #legend div.shown { display: block; }
#legend .controls label.field { display: block; margin: 0 0 8px; font-size: 12px; }
#legend .controls .k { display: block; color: #555; }
#legend .controls select, #legend .controls input[type=range] { width: 150px; }
#legend .controls .v { margin-left: 4px; font-weight: bold; }
#legend .shown h2 { margin-top: 10px; }
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var options = JSON.parse(document.getElementById("kg-options").textContent);
  var state = { drawnAt: null, stabilizedAt: null, nodes: data.nodes.length, edges: data.edges.length };
  window.kgView = state;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function tipElement(rows) {
    var box = el("div", "kg-tip");
    rows.forEach(function (r) {
      var kind = r[0], row;
      if (kind === "kv") {
        row = el("div", "kv");
        row.appendChild(el("span", "k", r[1] + ": "));
        row.appendChild(el("span", "v", r[2]));
      } else if (kind === "quote") {
        row = el("div", "quote");
        var sentence = String(r[1]), quote = String(r[2] || ""), at = quote ? sentence.indexOf(quote) : -1;
        if (at >= 0 && quote !== sentence) {
          row.appendChild(document.createTextNode("“" + sentence.slice(0, at)));
          row.appendChild(el("mark", null, quote));
          row.appendChild(document.createTextNode(sentence.slice(at + quote.length) + "”"));
        } else {
          row.textContent = "“" + sentence + "”";
        }
      } else {
        row = el("div", kind, r[1]);
      }
      box.appendChild(row);
    });
    return box;
  }

  var groups = options.groups || {};
  function communityColour(c) {
    var C = data.countries;
    if (!C || c === null || c === undefined) return C ? C.none : "#bdbdbd";
    for (var i = 0; i < C.communities.length; i++) if (C.communities[i][0] === c) return C.communities[i][1];
    return C.none;
  }
  var DISPUTED = "#d62728";
  // large graphs: labels are given to the nodes in view once zoomed in far enough to read them
  // (measuring 10k labels up front costs more than the first frame itself)
  var lazyLabels = data.large;
  var nodeItems = data.nodes.map(function (n) {
    var item = { id: n.id, group: n.group };
    if (!lazyLabels) { item.label = n.label; item.value = n.value; }
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.focus) { item.borderWidth = 4; item.font = { size: 18, face: "sans-serif", bold: true }; }
    if (n.disputed) { item.borderWidth = item.borderWidth || 3; item.shapeProperties = { borderDashes: [6, 3] }; item.color = { border: DISPUTED, highlight: { border: DISPUTED }, hover: { border: DISPUTED } }; }
    if (data.countries) {
      // colour = community, shape and weight = member state or not
      var fill = communityColour(n.community), edge = n.member ? "#1a1a1a" : "#8a8a8a";
      item.color = { background: fill, border: edge, highlight: { background: fill, border: "#000" }, hover: { background: fill, border: "#000" } };
      item.shape = n.member ? "diamond" : "dot";
      item.borderWidth = n.member ? 3 : 1;
      item.font = n.member ? { size: 16, bold: true, face: "sans-serif" } : { size: 12, color: "#555555" };
      delete item.group;  // a group's colour would win over the community's
    }
    return item;
  });
  var edgeItems = data.edges.map(function (e) {
    var item = { id: e.id, from: e.from, to: e.to };
    if (e.label !== undefined) item.label = e.label;
    if (e.value !== undefined) item.value = e.value;
    if (e.smooth !== undefined) item.smooth = e.smooth;
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  // large graphs: the page draws the edges itself (below); vis-network's per-edge objects would
  // cost more than everything else on the page together
  var edges = new vis.DataSet(data.large ? [] : edgeItems);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.network = network;
  if (data.large) canvasEdges();

  // tooltips: DOM elements built with textContent, made when first hovered
  var made = { node: {}, edge: {} };
  network.on("hoverNode", function (p) {
    if (!made.node[p.node]) { made.node[p.node] = true; nodes.update({ id: p.node, title: tipElement(data.nodes[p.node].tip) }); }
  });
  network.on("hoverEdge", function (p) {
    if (!made.edge[p.edge]) { made.edge[p.edge] = true; edges.update({ id: p.edge, title: tipElement(data.edges[p.edge].tip) }); }
  });
  var details = document.getElementById("details");
  function show(rows) {
    details.textContent = "";
    var close = el("button", null, "×");
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { details.hidden = true; });
    details.appendChild(close);
    details.appendChild(tipElement(rows));
    details.hidden = false;
  }
  network.on("click", function (p) {
    var hit = data.large && !p.nodes.length ? state.edgeAt(p.pointer.canvas) : -1;
    if (p.nodes.length) show(data.nodes[p.nodes[0]].tip);
    else if (p.edges.length) { var e = data.edges[p.edges[0]]; show(e.details || e.tip); }
    else if (hit >= 0) show(data.edges[hit].details || data.edges[hit].tip);
    else details.hidden = true;
  });

  function canvasEdges() {
    var m = data.edges.length, from = new Int32Array(m), to = new Int32Array(m);
    for (var i = 0; i < m; i++) { from[i] = data.edges[i].from; to[i] = data.edges[i].to; }
    var body = network.body.nodes, hidden = false, timer = null, hover = -1, selected = null;
    state.edgesDrawn = 0;
    network.on("beforeDrawing", function (ctx) {
      if (hidden) return;  // like hideEdgesOnDrag / hideEdgesOnZoom
      var scale = network.getScale(), drawn = 0;
      ctx.save();
      ctx.lineWidth = 1 / scale;
      ctx.strokeStyle = "rgba(110,122,134,0.45)";
      ctx.beginPath();
      for (var i = 0; i < m; i++) {
        var a = body[from[i]], b = body[to[i]];
        if (!a || !b || a.options.hidden || b.options.hidden) continue;  // a focus (#focus=ID) hides the rest
        ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); drawn++;
      }
      ctx.stroke();
      var strong = [];
      if (hover >= 0) strong.push(hover);
      if (selected !== null) for (var j = 0; j < m; j++) if (from[j] === selected || to[j] === selected) strong.push(j);
      if (strong.length) {
        ctx.lineWidth = 2 / scale;
        ctx.strokeStyle = "#333333";
        ctx.beginPath();
        strong.forEach(function (k) { var a = body[from[k]], b = body[to[k]]; ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); });
        ctx.stroke();
      }
      ctx.restore();
      state.edgesDrawn = drawn;
    });
    var rest = function () { if (timer !== null) clearTimeout(timer); timer = setTimeout(function () { timer = null; hidden = false; network.redraw(); }, 200); };
    network.on("dragStart", function (p) { if (!p.nodes.length) hidden = true; });
    network.on("dragEnd", function () { rest(); });
    network.on("zoom", function () { hidden = true; rest(); });
    network.on("selectNode", function (p) { selected = p.nodes[0]; network.redraw(); });
    network.on("deselectNode", function () { selected = null; network.redraw(); });

    // the edge under the pointer: the nearest segment within a few pixels
    state.edgeAt = function (pt) {
      var limit = 5 / network.getScale(), best = -1, bestD = limit * limit;
      for (var i = 0; i < m; i++) {
        var a = body[from[i]], b = body[to[i]];
        var dx = b.x - a.x, dy = b.y - a.y, len = dx * dx + dy * dy;
        var t = len > 0 ? ((pt.x - a.x) * dx + (pt.y - a.y) * dy) / len : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        var ex = a.x + t * dx - pt.x, ey = a.y + t * dy - pt.y, d = ex * ex + ey * ey;
        if (d < bestD) { bestD = d; best = i; }
      }
      return best;
    };
    var tip = el("div", "vis-tooltip kg-edge-tip");
    tip.style.visibility = "hidden";
    container.appendChild(tip);
    var pending = null;
    container.addEventListener("mousemove", function (ev) {
      if (pending !== null) return;
      pending = requestAnimationFrame(function () {
        pending = null;
        var box = container.getBoundingClientRect();
        var dom = { x: ev.clientX - box.left, y: ev.clientY - box.top };
        var hit = hidden || network.getNodeAt(dom) !== undefined ? -1 : state.edgeAt(network.DOMtoCanvas(dom));
        if (hit !== hover) {
          hover = hit;
          tip.textContent = "";
          if (hit >= 0) tip.appendChild(tipElement(data.edges[hit].tip));
          network.redraw();
        }
        tip.style.visibility = hit >= 0 ? "visible" : "hidden";
        tip.style.left = Math.min(dom.x + 12, Math.max(0, container.clientWidth - tip.offsetWidth - 4)) + "px";
        tip.style.top = dom.y + 14 + "px";
      });
    });
    container.addEventListener("mouseleave", function () { tip.style.visibility = "hidden"; if (hover >= 0) { hover = -1; network.redraw(); } });
  }
  network.once("afterDrawing", function () { state.drawnAt = performance.now(); });

  // fit every shown node, label included, inside the frame (vis-network's own fit leaves labels
  // at the edges half outside, and a simulation moving on after it can carry nodes out)
  function fitAll() {
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (!ids.length || !container.clientWidth) return;
    var box = null;
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) return;
      if (!box) box = { left: b.left, right: b.right, top: b.top, bottom: b.bottom };
      else { box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right); box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom); }
    });
    if (!box) return;
    var pad = 16, w = Math.max(box.right - box.left, 1), h = Math.max(box.bottom - box.top, 1);
    var scale = Math.min((container.clientWidth - 2 * pad) / w, (container.clientHeight - 2 * pad) / h, 1.6);
    if (!(scale > 0)) return;
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
    // labels are measured at draw time: measure again once drawn at the new scale
    if (!fitAll.again) { fitAll.again = true; network.once("afterDrawing", function () { fitAll(); fitAll.again = false; }); }
    state.fittedAt = performance.now();
  }
  state.fit = fitAll;
  if (!data.large) {
    var fitted = false;
    var settle = function () {
      if (fitted) return;  // once: a node the reader drags must not re-zoom the view when it comes to rest
      if (data.countries) network.setOptions({ physics: { enabled: false } });  // filters must not move the countries
      fitted = true;
      fitAll();
    };
    network.on("stabilized", settle);
    // a notebook may lay the frame out after the page has drawn (or hide it, then show it): fit again
    // whenever the frame changes size
    var lastSize = container.clientWidth + "x" + container.clientHeight;
    var refit = function () {
      var size = container.clientWidth + "x" + container.clientHeight;
      if (size === lastSize) return;
      lastSize = size;
      if (fitted) { network.redraw(); fitAll(); }
    };
    if (window.ResizeObserver) new ResizeObserver(refit).observe(container);
    window.addEventListener("resize", refit);
  }
  if (lazyLabels) {
    var labelled = {}, pending = null, fontSize = (options.nodes && options.nodes.font && options.nodes.font.size) || 14;
    var showLabels = function () {
      pending = null;
      if (network.getScale() * fontSize < 7) return;
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      var updates = [];
      for (var i = 0; i < data.nodes.length && updates.length < 3000; i++) {
        var n = data.nodes[i];
        if (!labelled[i] && n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y) { labelled[i] = true; updates.push({ id: i, label: n.label }); }
      }
      if (updates.length) nodes.update(updates);
      state.labelled = (state.labelled || 0) + updates.length;
    };
    var last = { s: null, x: null, y: null };
    network.on("afterDrawing", function () {
      // any change of view (wheel, drag, fit, moveTo) ends in a redraw: look again once it rests
      var s = network.getScale(), v = network.getViewPosition();
      if (s === last.s && v.x === last.x && v.y === last.y) return;
      last = { s: s, x: v.x, y: v.y };
      if (pending !== null) clearTimeout(pending);
      pending = setTimeout(showLabels, 150);
    });
  }
  network.on("stabilized", function () { if (state.stabilizedAt === null) state.stabilizedAt = performance.now(); });
  network.once("stabilizationIterationsDone", function () { document.getElementById("status").textContent = ""; });
  if (!data.large) {
    // live physics, but it always comes to rest: a simulation still moving after 4 s is stopped
    // (dragging a node starts it again, with the same limit)
    var cap = null;
    var arm = function () { if (cap !== null) clearTimeout(cap); cap = setTimeout(function () { cap = null; network.stopSimulation(); settle(); }, 4000); };
    network.on("startStabilizing", arm);
    network.once("stabilizationIterationsDone", arm);
    network.on("stabilized", function () { if (cap !== null) { clearTimeout(cap); cap = null; } });
  }

  // legend: one swatch per group, drawn as SVG
  var legend = document.getElementById("legend");
  var svgNS = "http://www.w3.org/2000/svg";
  function swatch(shape, colour) {
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("viewBox", "-8 -8 16 16");
    var s;
    var poly = {
      star: "0,-7 2,-2.5 7,-2.2 3.2,1.2 4.3,6.5 0,3.7 -4.3,6.5 -3.2,1.2 -7,-2.2 -2,-2.5",
      diamond: "0,-7 7,0 0,7 -7,0",
      triangle: "0,-7 7,6 -7,6",
      triangleDown: "0,7 7,-6 -7,-6",
      hexagon: "7,0 3.5,6 -3.5,6 -7,0 -3.5,-6 3.5,-6"
    }[shape];
    if (poly) { s = document.createElementNS(svgNS, "polygon"); s.setAttribute("points", poly); }
    else if (shape === "square") { s = document.createElementNS(svgNS, "rect"); s.setAttribute("x", "-6"); s.setAttribute("y", "-6"); s.setAttribute("width", "12"); s.setAttribute("height", "12"); }
    else { s = document.createElementNS(svgNS, "circle"); s.setAttribute("r", "6"); }
    s.setAttribute("fill", colour); s.setAttribute("stroke", "#444"); s.setAttribute("stroke-width", "0.8");
    svg.appendChild(s);
    return svg;
  }
  if (data.countries) { countryControls(); return; }
  legend.appendChild(el("h2", null, "Legend"));
  data.legend.forEach(function (g) {
    var row = el("div", "item");
    row.appendChild(swatch(g[3], g[2]));
    row.appendChild(el("span", "name", g[0]));
    row.appendChild(el("span", "count", "(" + g[1] + ")"));
    legend.appendChild(row);
  });
  if (data.note) legend.appendChild(el("p", "note", data.note));
  legend.appendChild(el("p", "note", "Hover a node or a line for its facts and evidence; click to keep them open. Drag to move, scroll to zoom."));

  // the country view: scope, films per line, years and membership, all worked out in the page
  function countryControls() {
    var C = data.countries;
    legend.appendChild(el("h2", null, "Show"));
    var form = el("div", "controls");
    legend.appendChild(form);
    function field(label, input, out) {
      var row = el("label", "field");
      row.appendChild(el("span", "k", label));
      row.appendChild(input);
      if (out) row.appendChild(out);
      form.appendChild(row);
      return input;
    }
    var scope = document.createElement("select");
    scope.id = "kg-scope";
    [["members", C.org + " members only"], ["partners", "members and their co-producers"], ["all", "all countries"]].forEach(function (o) {
      var opt = el("option", null, o[1]); opt.value = o[0]; scope.appendChild(opt);
    });
    scope.value = "partners";
    field("countries", scope);
    function range(id, min, max, value) {
      var r = document.createElement("input");
      r.type = "range"; r.id = id; r.min = String(min); r.max = String(max); r.step = "1"; r.value = String(value);
      return r;
    }
    var minOut = el("span", "v"), minFilms = field("films per line, at least", range("kg-min-films", 1, Math.max(C.maxWeight, 1), 1), minOut);
    var fromOut = el("span", "v"), toOut = el("span", "v"), from = null, to = null, member = null;
    if (C.first !== null) {
      from = field("from year", range("kg-from", C.first, C.last, C.first), fromOut);
      to = field("to year", range("kg-to", C.first, C.last, C.last), toOut);
      member = document.createElement("input");
      member.type = "checkbox"; member.id = "kg-membership";
      field("count a film between two members only from the year both were " + C.org + " members", member);
    }
    var shown = el("div", "shown");
    legend.appendChild(shown);
    legend.appendChild(el("p", "note", "Node size: films in the years shown. Colour: community (Louvain, over all the lines). " +
      "Films no source dates count only while every year is shown, and never under the membership rule." +
      (C.filmsListed ? "" : " At this size a line's tooltip gives its count, not its films.")));
    legend.appendChild(el("p", "note", "Hover a node or a line for its facts and evidence; click to keep them open. Drag to move, scroll to zoom."));

    function count(years, undated, start, end, full) {
      var n = 0;
      for (var y in years) { var year = +y; if (year >= start && year <= end) n += years[y]; }
      return full ? n + (undated || 0) : n;
    }
    function apply() {
      var lo = from ? Math.min(+from.value, +to.value) : null, hi = from ? Math.max(+from.value, +to.value) : null;
      var full = !from || (lo <= C.first && hi >= C.last), rule = !!(member && member.checked), least = +minFilms.value;
      var mode = scope.value, edgeUpdates = [], nodeShown = {}, lines = {}, films = 0, lineCount = 0;
      minOut.textContent = String(least);
      if (from) { fromOut.textContent = String(lo); toOut.textContent = String(hi); }
      data.edges.forEach(function (e) {
        var a = data.nodes[e.from], b = data.nodes[e.to], w;
        if (!from) w = e.weight;
        else if (rule && a.member && b.member) w = count(e.years, 0, Math.max(lo, a.since || lo, b.since || lo), hi, false);
        else w = count(e.years, e.undated, lo, hi, full);
        var ok = w >= Math.max(least, 1) && (mode === "all" || (mode === "members" ? a.member && b.member : a.member || b.member));
        if (ok) {
          nodeShown[e.from] = nodeShown[e.to] = true;
          lines[[a.label, b.label].sort().join(" | ")] = w;
          films += w; lineCount++;
        }
        edgeUpdates.push({ id: e.id, hidden: !ok, value: w, label: ok && w > 1 ? w + " films" : " " });
      });
      var nodeUpdates = [], counts = { member: 0, other: 0 }, byCommunity = {};
      data.nodes.forEach(function (n) {
        var ok = mode === "members" ? n.member : n.member || !!nodeShown[n.id];
        var f = from ? count(n.years, n.undated, lo, hi, full) : n.films;
        nodeUpdates.push({ id: n.id, hidden: !ok, value: f + 1 });
        if (ok) { counts[n.member ? "member" : "other"]++; byCommunity[n.community] = (byCommunity[n.community] || 0) + 1; }
      });
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      state.filter = { scope: mode, minFilms: least, from: lo, to: hi, membership: rule };
      state.shown = { nodes: data.nodes.filter(function (n, i) { return !nodeUpdates[i].hidden; }).map(function (n) { return n.label; }), lines: lines };
      shown.textContent = "";
      shown.appendChild(el("h2", null, "Legend"));
      var row = function (shape, colour, name, n) {
        var r = el("div", "item"); r.appendChild(swatch(shape, colour)); r.appendChild(el("span", "name", name)); r.appendChild(el("span", "count", "(" + n + ")")); shown.appendChild(r);
      };
      row("diamond", "#ffffff", C.org + " member state", counts.member);
      row("dot", "#ffffff", "other country", counts.other);
      C.communities.forEach(function (c) { if (byCommunity[c[0]]) row("dot", c[1], c[2].slice(0, 2).join(", ") + (c[3] > 2 ? " …" : ""), byCommunity[c[0]]); });
      if (byCommunity["null"]) row("dot", C.none, "no line in any year", byCommunity["null"]);
      shown.appendChild(el("p", "note", lineCount + (lineCount === 1 ? " line, " : " lines, ") + films + (films === 1 ? " film" : " films") +
        (from ? " in " + lo + "–" + hi : "") + " (a film with three countries is on three lines)."));
      if (fitted) fitAll();
    }
    var first = C.initial || {};
    if (first.scope) scope.value = first.scope;
    if (first.min_films) minFilms.value = String(first.min_films);
    if (from && first.from !== undefined) from.value = String(first.from);
    if (to && first.to !== undefined) to.value = String(first.to);
    if (member && first.membership !== undefined) member.checked = !!first.membership;
    [scope, minFilms, from, to, member].forEach(function (input) { if (input) { input.addEventListener("input", apply); input.addEventListener("change", apply); } });
    state.apply = apply;
    apply();
  }

  // #focus=ID in the address (an entity page of `kg site` embeds graph.html#focus=red-silk): show
  // that entity and its neighbours only, selected and fitted, as `kg view --focus ID --hops 1` would
  var wanted = /(?:^#|&)focus=([^&]+)/.exec(location.hash);
  if (wanted) {
    var key = decodeURIComponent(wanted[1]), centre = null;
    data.nodes.forEach(function (n) { if (n.key === key) centre = n.id; });
    if (centre !== null) {
      var keep = {};
      keep[centre] = true;
      data.edges.forEach(function (e) {  // from the page's data: a large view draws its edges itself
        if (e.from === centre) keep[e.to] = true;
        else if (e.to === centre) keep[e.from] = true;
      });
      nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !keep[n.id] }; }));
      network.selectNodes([centre]);
      state.focus = { key: key, shown: Object.keys(keep).length };
      network.once("afterDrawing", fitAll);
      network.once("stabilized", fitAll);
    } else {
      state.focus = { key: key, shown: 0 };
    }
  }
})();
"""


@contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render(
    graph,
    *,
    title: str | None = None,
    lang: str | None = None,
    large_threshold: int = LARGE_THRESHOLD,
    positions: dict | None = None,
    subtitle: str = "",
    filters: dict | None = None,
) -> str:
    """The HTML text of a view of ``graph`` (networkx; any kind). The graph is not changed.

    ``positions`` ({node: (x, y)}) skips the layout step; otherwise large graphs are laid out
    with :func:`kg.network.layout.force_layout` and small ones seeded with it. ``filters`` sets
    a country view's first filters (:data:`FILTERS`: ``scope`` members/partners/all,
    ``min_films``, ``from``, ``to``, ``membership``); the reader changes them in the page.
    """
    lang = lang or graph.graph.get("lang", "en")
    n = graph.number_of_nodes()
    large = n > large_threshold
    if positions is None:
        from kg.network.layout import force_layout

        positions = force_layout(graph, iterations=None if large else 150)
    with _no_gc():  # millions of small objects: the cyclic collector would make this quadratic-ish
        data = page_data(graph, lang=lang, large=large, positions=positions, filters=filters)
        data_json = _json_for_html(data)
    options = vis_options(data, n)
    js, css = vis_assets()
    title = title or graph.graph.get("title") or "SCO film knowledge graph"
    m = graph.number_of_edges()
    summary = f"{n} node{'s' if n != 1 else ''} · {m} edge{'s' if m != 1 else ''}"
    if subtitle:
        summary = f"{subtitle} · {summary}"
    summary += " · hover for evidence, click for details" + (" · large-graph mode: precomputed layout, physics off" if large else "")
    status = "" if large else "settling…"
    csp = f"default-src 'none'; script-src {_csp_hash(js)} {_csp_hash(_JS)}; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=False)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{html.escape(title)}</title>\n",
        "<style>\n",
        css,
        "\n</style>\n<style>",
        _CSS,
        "</style>\n</head>\n<body>\n",
        '<div id="network"></div>\n',
        f"<header><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p></header>\n",
        '<aside id="legend" aria-label="legend"></aside>\n<aside id="details" hidden></aside>\n',
        f'<div id="status">{status}</div>\n',
        '<script type="application/json" id="kg-data">',
        data_json,
        '</script>\n<script type="application/json" id="kg-options">',
        _json_for_html(options),
        "</script>\n<script>",
        js,
        "</script>\n<script>",
        _JS,
        "</script>\n</body>\n</html>\n",
    ]
    return "".join(parts)


def write_view(
    graph,
    path: Path | str,
    *,
    title: str | None = None,
    lang: str | None = None,
    large_threshold: int = LARGE_THRESHOLD,
    positions: dict | None = None,
    subtitle: str = "",
    filters: dict | None = None,
) -> Path:
    """Write one self-contained HTML view of ``graph`` to ``path`` (atomically); returns the path.

    Nothing else is written: no ``lib/`` folder, no copy of vis-network beside it.
    """
    path = Path(path)
    text = render(graph, title=title, lang=lang, large_threshold=large_threshold, positions=positions, subtitle=subtitle, filters=filters)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return path


def open_in_browser(path: Path | str) -> bool:
    """Open a written view in the user's web browser."""
    return webbrowser.open(Path(path).resolve().as_uri())


# ---- the views `kg run` writes ----------------------------------------------------------------

_TITLES = {
    None: ("SCO film knowledge graph", "every entity and relation; hover an edge for the sentence that states it"),
    "countries": ("Country co-production network", "countries linked by the films they co-produce (edge width = number of films)"),
    "people": ("Collaboration network", "people linked through the films they worked on together"),
    "events": ("Films and events", "films and the festivals, screenings, releases and programmes that feature them"),
}


def describe(projection: str | None = None, focus: str | None = None, hops: int = 1) -> tuple[str, str]:
    """A view's title and one-line description."""
    if focus:
        return f"Around {focus}", f"everything within {hops} relation{'s' if hops != 1 else ''} of {focus}"
    return _TITLES[projection]


def default_name(projection: str | None = None, focus: str | None = None, lang: str = "en") -> str:
    """The file name a view gets by default: graph.html, countries.html, focus-red-silk.html …"""
    import re

    if focus:
        stem = "focus-" + (re.sub(r"[^a-z0-9]+", "-", focus.lower()).strip("-") or "entity")
    else:
        stem = projection or "graph"
    return f"{stem}{'' if lang == 'en' else '.' + lang}.html"


def view(
    store,
    path: Path | str,
    *,
    projection: str | None = None,
    focus: str | None = None,
    hops: int = 1,
    lang: str = "en",
    large_threshold: int = LARGE_THRESHOLD,
    summary_threshold: int | None = None,
):
    """Build the graph asked for from ``store`` and write its view; returns (path, graph).

    The whole graph (no ``projection``, no ``focus``) of more than ``summary_threshold`` entities
    (default :data:`kg.network.graphs.SUMMARY_THRESHOLD`) is drawn as its summary
    (:func:`kg.network.graphs.summary_graph`): a browser cannot draw a hundred thousand nodes.
    """
    from kg.network.graphs import SUMMARY_THRESHOLD, build_graph, entity_count, summary_graph
    from kg.progress import progress

    title, subtitle = describe(projection, focus, hops)
    with progress(f"view {Path(path).name}") as shown:
        shown.phase("reading the graph")
        limit = SUMMARY_THRESHOLD if summary_threshold is None else summary_threshold
        total = entity_count(store) if not projection and not focus else 0
        if total > limit:
            graph = summary_graph(store, lang=lang, entities=total)
            title, subtitle = (
                f"{title}: summary",
                f"{graph.graph['entities']:,} entities in {graph.number_of_nodes()} classes; focus to see them",
            )
            shown.phase("drawing the summary")
            return write_view(graph, path, title=title, subtitle=subtitle, lang=lang, large_threshold=large_threshold), graph
        graph = build_graph(store, projection_name=projection, focus=focus, hops=hops, lang=lang)
        shown.phase(f"drawing {graph.number_of_nodes():,} nodes")
        return write_view(graph, path, title=title, subtitle=subtitle, lang=lang, large_threshold=large_threshold), graph


def write_default_views(store, out_dir: Path | str, *, focus: str = "Red Silk", lang: str = "en") -> Path:
    """The views of ``kg run``: the whole graph (or its summary), each projection, one focus view, the
    timeline (when the graph has member states), and index.html."""
    from kg.errors import KGError
    from kg.network.graphs import find_entities

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, str, str, int, int]] = []
    for projection in (None, "countries", "people", "events"):
        name = default_name(projection, None, lang)
        path, graph = view(store, out_dir / name, projection=projection, lang=lang)
        written.append((name, *describe(projection), graph.number_of_nodes(), graph.number_of_edges()))
    if find_entities(store, focus):
        try:
            name = default_name(None, focus, lang)
            path, graph = view(store, out_dir / name, focus=focus, hops=1, lang=lang)
            written.append((name, *describe(None, focus, 1), graph.number_of_nodes(), graph.number_of_edges()))
        except KGError:  # pragma: no cover - find_entities said it exists
            pass
    from kg.network.graphs import memberships

    if memberships(store):
        from kg.network.timeline import write_timeline

        write_timeline(store, out_dir / "timeline.html", lang=lang)
        text = "co-productions per year per pair of SCO member states, with the accessions, SCO film events and agreements marked"
        written.append(("timeline.html", "SCO co-productions over time", text, -1, -1))
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a> — {html.escape(text)}'
        + (f' <span class="n">({n} nodes, {m} edges)</span>' if n >= 0 else "")
        + "</li>"
        for name, title, text, n, m in written
    )
    index = f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>SCO film knowledge graph: views</title>
<style>body {{ font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; max-width: 760px; margin: 2em auto; color: #222; }}
li {{ margin: 0.5em 0; }} .n {{ color: #777; font-size: 90%; }}</style>
</head>
<body>
<h1>SCO film knowledge graph: views</h1>
<p>Interactive views of the graph; each file works offline (nothing is fetched). Hover a node or an
edge for its facts and the sentence that states it; click for all the evidence; drag to move, scroll to zoom.</p>
<ul>
{items}
</ul>
<p>Make others with <code>kg view --projection countries|people|events</code>, <code>kg view --focus NAME --hops N</code>,
<code>kg view --timeline --membership</code> and <code>--lang zh|ru</code>; export for Gephi with <code>kg export --format graphml|gexf|json</code>.</p>
</body>
</html>
"""
    index_path = out_dir / "index.html"
    write_atomic(index_path, index.encode("utf-8"))
    return index_path


# ---- views in notebooks -------------------------------------------------------------------------


class InlineView:
    """A view that Jupyter (JupyterLab, classic, VS Code, Colab) draws in the notebook.

    The page travels escaped inside an ``<iframe srcdoc>``: no file, no server, no extension, and
    the notebook saved with its outputs still shows it. ``sandbox="allow-scripts"`` keeps the
    page's scripts away from the notebook. The page fits its nodes to the frame once drawn.
    """

    def __init__(self, page: str, *, height: int = 560, title: str = "network view"):
        self.page = page
        self.height = height
        self.title = title

    def _repr_html_(self) -> str:
        return (
            f'<div class="kg-inline-view"><iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
            f'title="{html.escape(self.title, quote=True)}" '
            f'style="width: 100%; height: {int(self.height)}px; border: 1px solid #ddd"></iframe></div>'
        )

    def __repr__(self) -> str:
        return f"<InlineView {self.title!r}: {len(self.page):,} characters of HTML>"

    def save(self, path: Path | str) -> Path:
        """Write the page itself (not the iframe) to ``path``, atomically."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, self.page.encode("utf-8"))
        return path


def inline(view: Any, *, height: int = 560, **options: Any) -> InlineView:
    """Show a view in a notebook: ``kg.network.inline(graph)`` as a cell's last line.

    ``view`` is a networkx graph (drawn with :func:`render`; ``options`` go to it: ``title``,
    ``subtitle``, ``lang``, ``large_threshold``), the HTML text of a page (from :func:`render`,
    :func:`kg.network.timeline.render_timeline` …), the path of a written view, or an
    :class:`InlineView`.
    """
    if isinstance(view, InlineView):
        return InlineView(view.page, height=height, title=view.title)
    if isinstance(view, Path) or (isinstance(view, str) and not view.lstrip().startswith("<")):
        path = Path(view)
        if not path.is_file():
            from kg.errors import KGError, Problem

            raise KGError(Problem(path, None, "no view file here", "pass a networkx graph, a page's HTML text or a written view"))
        return InlineView(path.read_text(encoding="utf-8"), height=height, title=path.stem)
    if isinstance(view, str):
        match = re_title.search(view)
        return InlineView(view, height=height, title=html.unescape(match.group(1)) if match else "network view")
    if hasattr(view, "nodes") and hasattr(view, "graph"):
        page = render(view, **options)
        return InlineView(page, height=height, title=options.get("title") or view.graph.get("title") or "network view")
    raise TypeError(f"inline() takes a networkx graph, a page's HTML text or a path, not {type(view).__name__}")
