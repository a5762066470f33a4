"""Benchmark of the HTML views at size (not a unit test): python benchmarks/views.py [--quick]

Generates knowledge-graph-like networkx graphs of 1k and 10k nodes (films linked to ~30 people,
2 countries and a company; people to a nationality: about 2.8 edges per node) and measures, in
one run on this machine:

- ours: layout time (kg.network.layout.force_layout), HTML generation time (kg.network.views.render with the
  positions given), and in headless chromium the time from navigation to the first drawn frame
  ("afterDrawing") and to redraw after a zoom;
- pyvis's defaults: ``Network(cdn_resources="in_line")`` (the only mode that draws offline),
  ``from_nx`` + ``write_html``, and the same page's draw and settle time in the same browser.

With ``--corpus FOLDER`` (a copy of a synthetic build, e.g. /tmp/kg-bench/synthetic-1000000 copied
to a folder of your own: the on-disk store is written beside it), it also measures the SCO views at
size: the country projection as it was (every line's films and evidence) and as it is now (SPARQL
aggregates), and the whole graph's summary (communities and counts) drawn in chromium, beside the
whole graph as networkx. ``--sco-only`` runs only that part and keeps the rest of VIEWS.md.

Prints a table and writes benchmarks/VIEWS.md.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.network.layout import force_layout  # noqa: E402
from kg.network.views import LARGE_THRESHOLD, render  # noqa: E402
from tests.browser import ARGS, CHROMIUM  # noqa: E402  (the tests' headless chromium, the same flags)

# attach to pyvis's global `network` as soon as it exists, to time its first frame and settling
PYVIS_PROBE = """
window.__bench = {drawnAt: null, stabilizedAt: null};
(function poll() {
  if (window.network && window.network.once) {
    window.network.once("afterDrawing", function () { window.__bench.drawnAt = performance.now(); });
    window.network.once("stabilized", function () { window.__bench.stabilizedAt = performance.now(); });
  } else { setTimeout(poll, 5); }
})();
"""


def synthetic_graph(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph shaped like the film knowledge graph, with n nodes and about 2.8n edges."""
    rng = random.Random(seed)
    films, countries, companies = max(1, n * 8 // 100), max(2, n // 100), max(1, n * 2 // 100)
    people = n - films - countries - companies
    g = nx.MultiDiGraph(kind="synthetic")
    for kind, count, cls in (("c", countries, "Country"), ("o", companies, "Organization"), ("p", people, "Person"), ("f", films, "Movie")):
        for i in range(count):
            g.add_node(f"{kind}{i}", **{"class": cls, "label": f"{cls} {i}", "label_en": f"{cls} {i}"})
    roles = ("actor", "actor", "actor", "director", "producer", "author")
    for i in range(films):
        f = f"f{i}"
        for c in rng.sample(range(countries), min(countries, 2)):
            g.add_edge(
                f,
                f"c{c}",
                key="schema:countryOfOrigin",
                label="country of origin",
                sentence=f"Film {i} was co-produced.",
                source="synthetic",
            )
        g.add_edge(f, f"o{rng.randrange(companies)}", key="schema:productionCompany", label="production company")
        for p in rng.sample(range(people), min(people, 30)):
            role = rng.choice(roles)
            g.add_edge(f, f"p{p}", key=f"schema:{role}", label=role)
    for p in range(0, people, 5):
        g.add_edge(f"p{p}", f"c{rng.randrange(countries)}", key="schema:nationality", label="nationality")
    return g


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def browser_times(page, path: Path, probe: str, timeout: float) -> dict:
    """Seconds from navigation to the first drawn frame and to settling (None: not within timeout)."""
    blocked: list[str] = []
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else (blocked.append(route.request.url), route.abort()),
    )
    page.goto(path.as_uri(), wait_until="commit", timeout=timeout * 1000)
    end = time.time() + timeout
    drawn = settled = None
    while time.time() < end:
        with contextlib.suppress(Exception):
            state = page.evaluate(f"(function () {{ var s = {probe}; return s ? [s.drawnAt, s.stabilizedAt] : [null, null]; }})()")
            drawn, settled = state
        if drawn is not None and (settled is not None or probe == "window.kgView"):
            break
        time.sleep(0.05)
    return {
        "draw": drawn / 1000 if drawn is not None else None,
        "settle": settled / 1000 if settled is not None else None,
        "blocked": len(blocked),
    }


def zoom_redraw(page) -> float:
    """Seconds from a moveTo (zoom by 1.6) to the next frame, edges drawn."""
    return page.evaluate(
        """new Promise(function (done) {
             var t = performance.now();
             network.once("afterDrawing", function () { done((performance.now() - t) / 1000); });
             network.moveTo({scale: network.getScale() * 1.6});
           })"""
    )


def wheel_redraw(page) -> float | None:
    """Seconds from a mouse-wheel zoom to the next frame (edges hidden while zooming)."""
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate(
        """(function () {
             window.__wheel = null;
             document.getElementById("network").addEventListener("wheel", function () {
               var t = performance.now();
               network.once("afterDrawing", function () { window.__wheel = (performance.now() - t) / 1000; });
             }, {capture: true, once: true});
           })()"""
    )
    page.mouse.wheel(0, -240)
    end = time.time() + 10
    while time.time() < end:
        value = page.evaluate("window.__wheel")
        if value is not None:
            return value
        time.sleep(0.02)
    return None


SCO_HEADING = "## SCO views at size"


def sco_at_size(corpus: Path, browser, work: Path, *, whole: bool = True) -> list[str]:
    """The country projection and the whole-graph summary over ``corpus``, in the on-disk store."""
    import kg
    import kg.network as kn
    from kg.network import views as kv

    t_open, store = timed(kg.open, corpus, "oxigraph")
    quads = store.counts.get("quads", 0)
    t_first, graph = timed(kn.country_network, store)
    t_new = min(timed(kn.country_network, store)[0] for _ in range(3))
    t_old, old = timed(kn.country_network, store, detail=True)
    assert {(a, b): d["weight"] for a, b, d in old.edges(data=True)} == {(a, b): d["weight"] for a, b, d in graph.edges(data=True)}
    t_page, text = timed(kv.render, graph, title="countries")
    t_count, entities = timed(kn.entity_count, store)
    t_summary, summary = timed(kn.summary_graph, store, entities=entities)
    t_render, page_text = timed(kv.render, summary, title="summary")
    path = work / "summary.html"
    path.write_text(page_text, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    b = browser_times(page, path, "window.kgView", timeout=60)
    end = time.time() + 30
    while time.time() < end and page.evaluate("window.kgView.fittedAt") is None:
        time.sleep(0.05)
    fitted = page.evaluate("window.kgView.fittedAt")
    page.screenshot(path=str(work / "summary.png"))
    page.close()
    t_whole = None
    if whole:
        t_whole, full = timed(kn.entity_graph, store)
        whole_size = f"{full.number_of_nodes():,} nodes, {full.number_of_edges():,} edges"
    lines = [
        SCO_HEADING,
        "",
        f"`python -m benchmarks.views --corpus COPY --sco-only` (COPY: a copy of a build of `python -m benchmarks.synthetic`): "
        f"the synthetic corpus of {quads:,} quads in the on-disk Oxigraph store "
        f'(kg.open(folder, "oxigraph"), opened in {fmt(t_open)}), headless chromium.',
        "",
        "| what | before | now |",
        "| --- | ---: | ---: |",
        f"| country projection, {graph.number_of_nodes()} countries, {graph.number_of_edges()} lines "
        f"(`kn.country_network`) | {fmt(t_old)} (every line's films and evidence) | {fmt(t_new)} (SPARQL aggregates, best of 3; first call {fmt(t_first)}) |",
        f"| country view's HTML (`kv.render`) | | {fmt(t_page)} |",
        f"| whole graph: {entities:,} entities | "
        + (f"{fmt(t_whole)} to read it into networkx ({whole_size}), then no browser draws it" if t_whole else "not measured (--quick)")
        + f" | summary: {fmt(t_count)} to count + {fmt(t_summary)} to read its links and find {summary.number_of_nodes()} communities, "
        f"{summary.number_of_edges()} lines between them + {fmt(t_render)} HTML |",
        f"| the summary drawn in chromium (navigation to first frame / to fitted) | | {fmt(b['draw'])} / {fmt(fitted / 1000 if fitted else None)} |",
        "",
        f"Load average when this part started: {', '.join(f'{x:.1f}' for x in os.getloadavg())}.",
        "",
    ]
    return lines


def fmt(value, unit="s") -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:.2f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--quick", action="store_true", help="skip pyvis's 10k-node page in the browser (it takes a minute)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for pyvis's page to draw/settle")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "VIEWS.md"))
    parser.add_argument("--corpus", type=Path, help="a copy of a synthetic build folder (1M quads) for the SCO views at size")
    parser.add_argument("--sco-only", action="store_true", help="only the SCO views at size (needs --corpus); keeps the rest of VIEWS.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.sco_only:
        from playwright.sync_api import sync_playwright

        if not args.corpus:
            parser.error("--sco-only needs --corpus")
        work = Path(tempfile.mkdtemp(prefix="kg-views-bench-"))
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            section = sco_at_size(args.corpus, browser, work, whole=not args.quick)
            browser.close()
        out = Path(args.out)
        kept = out.read_text(encoding="utf-8").split(SCO_HEADING)[0].rstrip("\n") if out.exists() else "# View benchmark"
        out.write_text(kept + "\n\n" + "\n".join(section), encoding="utf-8")
        print("\n".join(section))
        return 0

    from playwright.sync_api import sync_playwright
    from pyvis.network import Network

    rows = []
    force_layout(synthetic_graph(400))  # import numpy and warm up before timing anything
    load = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="kg-views-bench-"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            g = synthetic_graph(n)
            m = g.number_of_edges()
            t_layout, pos = timed(force_layout, g)
            t_html, text = min(timed(render, g, positions=pos, title=f"synthetic {n}") for _ in range(3))
            ours = work / f"ours-{n}.html"
            ours.write_text(text, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            b = browser_times(page, ours, "window.kgView", timeout=60)
            b["zoom"] = zoom_redraw(page) if b["draw"] is not None else None
            b["wheel"] = wheel_redraw(page) if b["draw"] is not None else None
            b["mode"] = "large (physics off)" if n > LARGE_THRESHOLD else "physics"
            if b["mode"] == "physics" and b["draw"] is not None:
                end = time.time() + 60
                while time.time() < end and page.evaluate("window.kgView.stabilizedAt") is None:
                    time.sleep(0.1)
                settled = page.evaluate("window.kgView.stabilizedAt")
                b["settle"] = settled / 1000 if settled is not None else None
            page.screenshot(path=str(work / f"ours-{n}.png"))
            page.close()

            # pyvis's defaults, on a copy (from_nx changes the graph it is given)
            cwd = os.getcwd()
            os.chdir(work)
            try:
                net = Network(cdn_resources="in_line")
                copy = g.copy()
                for _u, _v, data in copy.edges(data=True):
                    data.pop("source", None)  # pyvis's add_edge takes `source` as the edge's start
                t_from_nx, _ = timed(net.from_nx, copy)
                theirs = work / f"pyvis-{n}.html"
                t_write, _ = timed(net.write_html, str(theirs))
            finally:
                os.chdir(cwd)
            pb = {"draw": None, "settle": None}
            if not (args.quick and n > 2000):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.add_init_script(PYVIS_PROBE)
                pb = browser_times(page, theirs, "window.__bench", timeout=args.timeout)
                page.close()
            rows.append(
                {
                    "n": n,
                    "m": m,
                    "layout": t_layout,
                    "html": t_html,
                    "size": len(text.encode()) / 1e6,
                    **{f"ours_{k}": v for k, v in b.items()},
                    "pyvis_from_nx": t_from_nx,
                    "pyvis_write": t_write,
                    "pyvis_draw": pb["draw"],
                    "pyvis_settle": pb["settle"],
                    "pyvis_skipped": args.quick and n > 2000,
                }
            )
            print(rows[-1], flush=True)
        section = sco_at_size(args.corpus, browser, work, whole=not args.quick) if args.corpus else []
        browser.close()

    cores = os.cpu_count()
    lines = [
        "# View benchmark",
        "",
        f"`python benchmarks/views.py` on {platform.machine()}, {cores} cores, Python {platform.python_version()}, "
        f"headless Debian chromium; synthetic film graphs (about 2.8 edges per node). Large-graph mode above {LARGE_THRESHOLD} nodes. "
        f'pyvis = `Network(cdn_resources="in_line")` (its only mode that draws offline) with its default options; '
        f"its page waited for at most {args.timeout:.0f} s.",
        "",
        "| nodes | edges | our layout | our HTML | HTML size | our first draw | our redraw: wheel zoom / moveTo | pyvis from_nx + write | pyvis first draw | pyvis settled |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        skipped = "not run (--quick)" if r["pyvis_skipped"] else None
        draw = skipped or (fmt(r["pyvis_draw"]) if r["pyvis_draw"] is not None else f"> {args.timeout:.0f} s")
        settle = skipped or (fmt(r["pyvis_settle"]) if r["pyvis_settle"] is not None else f"not within {args.timeout:.0f} s")
        lines.append(
            f"| {r['n']:,} | {r['m']:,} | {fmt(r['layout'])} | {fmt(r['html'])} | {r['size']:.1f} MB | {fmt(r['ours_draw'])} ({r['ours_mode']}) | "
            f"{fmt(r['ours_wheel'])} / {fmt(r['ours_zoom'])} | {fmt(r['pyvis_from_nx'] + r['pyvis_write'])} ({fmt(r['pyvis_from_nx'])} + {fmt(r['pyvis_write'])}) | {draw} | {settle} |"
        )
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        lines += [
            "",
            f"pyvis's `from_nx` grows {b['pyvis_from_nx'] / a['pyvis_from_nx']:.0f}× for {b['n'] / a['n']:.0f}× the nodes "
            "(it looks each node up in a list of all the nodes added so far: quadratic).",
        ]
    lines += [
        "",
        "HTML generation alone (`kg.network.views.render` with positions given; best of 3): every step is one pass over the nodes and edges.",
        "",
        "| nodes | edges | time | per node | per node + edge |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in (1000, 2000, 5000, 10000, 20000):
        g = synthetic_graph(n)
        zero = dict.fromkeys(g, (0.0, 0.0))
        t = min(timed(render, g, positions=zero)[0] for _ in range(3))
        m = g.number_of_edges()
        lines.append(f"| {n:,} | {m:,} | {fmt(t)} | {t / n * 1e6:.0f} µs | {t / (n + m) * 1e6:.0f} µs |")
    lines += [
        "",
        "First draw: seconds from navigation to vis-network's first `afterDrawing` event (the page's own clock). "
        "Redraw: from a mouse-wheel zoom (edges hidden while zooming) or a `moveTo` (edges drawn) to the next frame. "
        "Settle (physics mode): until vis-network reports `stabilized` (our pages stop a simulation still moving after 4 s). "
        f"Load average when the run started: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} (other work on the machine slows every figure).",
        "",
    ]
    lines += section
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"pages and screenshots in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
