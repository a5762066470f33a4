"""Benchmark of the entity pages (issue 15), not a unit test:

    flock /tmp/kg-bench.lock .venv/bin/python -m benchmarks.pages [--data /tmp/kg-bench/synthetic-1000000] [--samples 200]

Over a build on the on-disk Oxigraph store (default: the 1M-quad synthetic corpus of
benchmarks/synthetic.py; it is only read), for a random sample of films, people and festivals:

- **raw DESCRIBE**: pyoxigraph's own ``DESCRIBE <iri>``, every triple read (the floor: one
  engine call, no provenance, no names, no HTML);
- **page, in process**: what the server's route calls (:meth:`kg.serve.web.PageService.page`):
  the entity's statements with their graphs, names, qualifiers, evidence spans and sources, its
  disagreements, rendered to HTML;
- **page over HTTP**: ``GET /resource/...`` from a running ``kg serve --store oxigraph`` (what a
  browser waits for), and ``Accept: text/turtle`` on the same URL;
- **page queries through the worker pool**: the same page data read with every query sent to
  that server's ``/sparql`` (kg's remote store), i.e. what the pages would cost had they used the
  pool — the design not taken.

Also: the hub page of a country (the object of thousands of films), and the first search (it
builds the name index). Prints a table and writes benchmarks/PAGES.md (with the load average).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg  # noqa: E402
from kg.serve.entity import SHOWN_INCOMING, entity_data  # noqa: E402
from kg.serve.web import PageService  # noqa: E402

BASE = "https://w3id.org/sco-film-kg/"
CLASSES = {"film": "https://schema.org/Movie", "person": "https://schema.org/Person", "festival": "https://schema.org/Festival"}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), percentile(values, 0.95), max(values)


def sample(store, n: int, seed: int) -> list[str]:
    """``n`` entities in the namespace: half films, a third people, the rest festivals."""
    rnd = random.Random(seed)
    picked = []
    for kind, share in (("film", 0.5), ("person", 0.33), ("festival", 0.17)):
        rows = store.query(f'SELECT ?e WHERE {{ ?e a <{CLASSES[kind]}> FILTER(STRSTARTS(STR(?e), "{BASE}resource/")) }}').rows
        iris = sorted(str(r["e"]) for r in rows)
        picked += rnd.sample(iris, min(len(iris), max(1, round(n * share))))
    rnd.shuffle(picked)
    return picked


def timed(fn, *args) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args)
    return (time.perf_counter() - started) * 1000, value


def http_get(url: str, accept: str = "text/html") -> tuple[int, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=120) as r:
        return r.status, r.read()


def start_server(data: Path, logs: Path) -> tuple[subprocess.Popen, str]:
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    out, err = logs / "serve.out", logs / "serve.err"
    with out.open("wb") as o, err.open("wb") as e:
        process = subprocess.Popen([*command, "serve", "--port", "0", "--data", str(data), "--store", "oxigraph", "--workers", "2"], stdout=o, stderr=e)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        match = re.search(r"SPARQL endpoint at (http://\S+)/sparql", out.read_text())
        if match:
            return process, match.group(1)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"kg serve did not start:\n{err.read_text()}")


def measure_site(logs: Path, runs: int = 3) -> list[tuple[float, str]]:
    """Seconds of `kg site` over a fresh build of the built-in data (the store loaded beforehand)."""
    import shutil

    build = logs / "builtin-out"
    shutil.rmtree(build, ignore_errors=True)
    kg.build(ROOT / "data", build, ROOT / "ontology")
    kg.open(build, "oxigraph")  # the on-disk store is loaded once per build, as `kg run` does
    script = Path(sys.executable).parent / "kg"
    times = []
    for run in range(runs):
        out = logs / f"site-{run}"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        done = subprocess.run([str(script), "site", str(out), "--data", str(build)], capture_output=True, text=True, check=True)
        times.append((time.perf_counter() - started, done.stdout.strip().split(" in ")[0].removeprefix("kg site: ")))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/kg-bench/synthetic-1000000"), help="a build folder (kg.trig/kg.nq + imports/)")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--write", type=Path, default=ROOT / "benchmarks" / "PAGES.md")
    parser.add_argument("--logs", type=Path, default=Path("/tmp/kg-pages-bench"))
    parser.add_argument("--site-runs", type=int, default=3, help="times to run `kg site` over the built-in data (0: skip)")
    args = parser.parse_args()
    args.logs.mkdir(parents=True, exist_ok=True)

    store = kg.open(args.data, "oxigraph")
    quads = store.counts.get("quads", 0)
    print(f"{args.data}: {quads:,} quads on the oxigraph store")
    entities = sample(store, args.samples, args.seed)
    hub = BASE + "resource/russia"

    service = PageService(args.data, "oxigraph", drafts=None)
    _ = service.store  # opens it and starts listing the disagreements in the background
    t_conflicts = time.perf_counter()
    while service._conflicts is None:
        time.sleep(0.1)
    conflicts_s = time.perf_counter() - t_conflicts
    print(f"disagreements of the whole graph listed in {conflicts_s:.1f} s (once, in the background)")

    raw, inproc = [], []
    for iri in entities:  # warm the store's caches evenly: one untimed DESCRIBE of each first
        list(store.store.query(f"DESCRIBE <{iri}>"))
    for iri in entities:
        ms, triples = timed(lambda i: list(store.store.query(f"DESCRIBE <{i}>")), iri)
        raw.append(ms)
        ms, (status, _) = timed(service.page, iri)
        assert status == 200, iri
        inproc.append(ms)
    hub_ms, _ = timed(service.page, hub)
    from kg.serve.search import SearchIndex

    index_ms, index = timed(SearchIndex.build, store)

    process, base = start_server(args.data, args.logs)
    try:
        http_get(base + "/resource/" + entities[0][len(BASE + "resource/") :])  # opens the page store
        time.sleep(conflicts_s * 1.5 + index_ms / 1000 * 1.5 + 2)  # let it list the disagreements and index the names, as a long-running server has
        http_html, http_ttl, pooled = [], [], []
        remote = kg.open(args.data, "remote", base + "/sparql")
        for iri in entities:
            url = base + "/" + urllib.parse.quote(iri[len(BASE) :], safe="/")
            ms, (status, _) = timed(http_get, url)
            assert status == 200
            http_html.append(ms)
            ms, (status, _) = timed(http_get, url, "text/turtle")
            http_ttl.append(ms)
            ms, _ = timed(lambda i: entity_data(remote, i, conflicts=False), iri)
            pooled.append(ms)
        hub_http, _ = timed(http_get, base + "/resource/russia")
        searches = [timed(http_get, base + "/search?q=" + urllib.parse.quote(q), "application/json")[0] for q in ("synthetic film 12", "person 7", "россия", "festival")]
    finally:
        process.terminate()
        process.wait(30)

    site_runs = measure_site(args.logs) if args.site_runs else []
    load = os.getloadavg()
    rows = [
        ("raw pyoxigraph `DESCRIBE <iri>` (all triples read)", raw),
        ("entity page, in process (`PageService.page`: data + disagreements + HTML)", inproc),
        ("entity page over HTTP (`GET /resource/...`, `kg serve --store oxigraph`)", http_html),
        ("entity Turtle over HTTP (same URL, `Accept: text/turtle`)", http_ttl),
        ("page data with every query through the worker pool (`/sparql`), no disagreements", pooled),
    ]
    lines = [
        "# Entity pages: latency at 1M quads",
        "",
        f"Measured by `benchmarks/pages.py` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, pyoxigraph {__import__('pyoxigraph').__version__}; "
        f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} when it finished (the machine was shared).",
        "",
        f"Corpus: `{args.data}` ({quads:,} quads, on-disk Oxigraph store), {len(entities)} random entities "
        "(half films, a third people, the rest festivals), each page asked once, in random order.",
        "",
        "| what | median ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, values in rows:
        med, p95, top = summary(values)
        lines.append(f"| {name} | {med:.1f} | {p95:.1f} | {top:.1f} |")
    lines += [
        "",
        f"- A hub: the page of Russia (the object of thousands of films; the page lists {SHOWN_INCOMING} per relation and counts the rest): "
        f"{hub_ms:.0f} ms in process, {hub_http:.0f} ms over HTTP.",
        f"- Disagreements: listed once for the whole graph when the page store opens ({conflicts_s:.1f} s, in a background thread); "
        "until then a page asks about its own entity (up to ~0.5 s at this size, most of it in kg.curate.conflicts' origin query).",
        f"- Search: the name index ({len(index.entries):,} entities) is built once, in the background after the disagreements "
        f"({index_ms:.0f} ms); then `/search?q=` answers in {statistics.median(searches):.0f} ms (median of {len(searches)}, over HTTP).",
        *(
            [
                f"- `kg site OUT` over the built-in data (the whole command, Python start-up included; {site_runs[0][1]}): "
                + ", ".join(f"{t:.1f} s" for t, _ in site_runs)
                + " (the issue asks for under 10 s).",
                "",
            ]
            if site_runs
            else [""]
        ),
        "Why the pages do not use the worker pool: see `kg/serve/web.py` and docs/pages.md. The pool runs the public's",
        "arbitrary SPARQL under a time limit; the pages' queries are fixed, bounded lookups from one IRI, so they run in",
        "the server process on a read-only handle of the same on-disk store, with no pipe round trips and no waiting",
        "behind a slow user query.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
