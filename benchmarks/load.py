"""Load benchmark of `kg serve` (not a unit test): many clients, cheap and expensive queries, Virtuoso beside it.

    flock /tmp/kg-bench.lock .venv/bin/python -m benchmarks.load                      # the 1M synthetic corpus
    flock /tmp/kg-bench.lock .venv/bin/python -m benchmarks.load --corpus wikidata=/tmp/imp
    .venv/bin/python -m benchmarks.load --requests 4 --no-virtuoso --no-write           # a quick look

For each corpus (a build folder: kg.nq, kg.trig, imports/*.nq; copied first into ``--work`` so
nothing is written beside the original), in one run on this machine:

1. ``kg serve`` as a team would run it (defaults: result cache, one fast-lane worker, 10,000-row cap);
2. the same with every expensive query a new text (cheap ones repeat, as a dashboard's do; the
   heavy ones are always computed);
3. the same with ``--no-cache``, so every query is computed (the fairness figure: do cheap
   queries stay fast while expensive ones run?), and
4. the same with ``--no-cache --fast-workers 0`` (no fast lane), to see what the lane changes;
5. ``kg serve --no-cache`` with a cap above every answer, so it does the work Virtuoso does (the
   whole answer, serialised and sent), and
6. Virtuoso (Debian's, on 127.0.0.1, bulk-loaded with the same files: ``ld_dir`` +
   ``rdf_loader_run``; ``kg push`` sends one request per named graph, which takes many minutes
   for the 19k graphs of 1M quads).

Each run: ``--clients`` (16) threads, each with its own keep-alive connection, each sending
``--requests`` (10) queries, cycling through the mix (cheap and expensive named queries, each
client starting at another place in the cycle). Figures: throughput, latency p50/p95/p99 of
cheap and of expensive queries apart, statuses, cache hits and their latency. Then the cost of
refusing a query over the row cap against answering the same query with ``LIMIT cap``.

Results are printed and written to benchmarks/LOAD.md (``--no-write``: printed only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "ontology" / "queries"
OUT = Path(__file__).resolve().parent / "LOAD.md"
CHEAP = ("sco-members", "china-russia-coproductions")
EXPENSIVE = ("sco-coproductions", "film-directors", "coproduction-countries")
KG = [str(Path(sys.executable).parent / "kg")] if (Path(sys.executable).parent / "kg").exists() else [sys.executable, "-m", "kg"]


@dataclass
class Sample:
    name: str
    cheap: bool
    status: int
    seconds: float
    cache: str | None
    bytes: int
    client: int = 0
    turn: int = 0  # the client's n-th request (0: the first, all clients at once)


@dataclass
class Run:
    label: str
    seconds: float = 0.0
    samples: list[Sample] = field(default_factory=list)
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def figures(self) -> dict:
        def pct(values: list[float], q: float) -> float | None:
            if not values:
                return None
            ordered = sorted(values)
            return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]

        out: dict = {"requests": len(self.samples), "seconds": self.seconds, "throughput": len(self.samples) / self.seconds}
        for kind, cheap in (("cheap", True), ("expensive", False)):
            times = [s.seconds for s in self.samples if s.cheap == cheap]
            out[kind] = {q: pct(times, v) for q, v in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))} | {"n": len(times)}
            # after the first round: the 16 clients' first requests all arrive in the same instant,
            # a burst no real team sends (7 cheap queries at once queue for the cores)
            later = [s.seconds for s in self.samples if s.cheap == cheap and s.turn > 0]
            out[kind + "_later"] = {q: pct(later, v) for q, v in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99))} | {"n": len(later)}
        hits = [s.seconds for s in self.samples if s.cache == "hit"]
        out["hits"] = len(hits)
        out["hit_p50"], out["hit_p95"] = pct(hits, 0.5), pct(hits, 0.95)
        statuses: dict[int, int] = {}
        for s in self.samples:
            statuses[s.status] = statuses.get(s.status, 0) + 1
        out["statuses"] = statuses
        return out


def named_sparql() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    import kg

    named = kg.named_queries(QUERY_DIR)
    return {name: named[name].sparql for name in (*CHEAP, *EXPENSIVE)}


def ask(conn: http.client.HTTPConnection, path: str, query: str) -> tuple[int, str | None, int]:
    conn.request("GET", f"{path}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": "application/sparql-results+json"})
    response = conn.getresponse()
    body = response.read()
    return response.status, response.getheader("X-Cache"), len(body)


def hammer(url: str, queries: dict[str, str], clients: int, requests: int, label: str, unique_expensive: bool = False) -> Run:
    """``clients`` threads, ``requests`` queries each, cycling through the mix.

    ``unique_expensive``: every expensive query is made a new text (a ``LIMIT`` above every
    answer, different each time), so no cache can answer it: cheap questions repeat, as a
    dashboard's do, while analysts' heavy ones are always computed.
    """
    parts = urllib.parse.urlsplit(url)
    mix = [(name, name in CHEAP) for name in (*CHEAP, *EXPENSIVE)]
    run = Run(label)
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
        start.wait()
        for i in range(requests):
            name, cheap = mix[(index + i) % len(mix)]
            t = time.perf_counter()
            try:
                text = queries[name] + (f"\nLIMIT {100000 + 1000 * index + i}" if unique_expensive and not cheap else "")
                status, cache, size = ask(conn, parts.path, text)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
                status, cache, size = 0, None, 0
            with lock:
                run.samples.append(Sample(name, cheap, status, time.perf_counter() - t, cache, size, index, i))
        conn.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    run.seconds = time.perf_counter() - t0
    run.load = os.getloadavg()
    return run


class KgServe:
    """`kg serve` in a subprocess on a free port; the log goes to a file."""

    def __init__(self, data: Path, logs: Path, *options: str):
        logs.mkdir(parents=True, exist_ok=True)
        self.out, self.err = logs / "serve.out", logs / "serve.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen([*KG, "serve", "--port", "0", "--data", str(data), *options], stdout=out, stderr=err)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            m = re.search(r"SPARQL endpoint at (http://\S+/sparql)", self.out.read_text())
            if m:
                self.url = m.group(1)
                self.ready_line = self.out.read_text().strip()
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve did not start: {self.err.read_text()[-2000:]}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("kg serve did not start within 900 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def copy_corpus(source: Path, target: Path) -> Path:
    """A private copy of a build folder (the store folders too, with their times, so they are reused)."""
    if not (target / "kg.nq").exists():
        shutil.copytree(source, target, copy_function=shutil.copy2, ignore=shutil.ignore_patterns("views", "*.loading"), dirs_exist_ok=True)
    return target


def refusal_cost(url: str, query: str, cap: int, runs: int = 3) -> dict:
    """Median seconds to refuse ``query`` (over the cap) and to answer it with LIMIT cap."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    times: dict[str, list[float]] = {"refused": [], "capped": []}
    statuses = {}
    for _ in range(runs):
        for kind, text in (("refused", query), ("capped", f"{query}\nLIMIT {cap}")):
            t = time.perf_counter()
            status, _, _ = ask(conn, parts.path, text)
            times[kind].append(time.perf_counter() - t)
            statuses[kind] = status
    conn.close()
    return {k: statistics.median(v) for k, v in times.items()} | {"statuses": statuses}


def start_virtuoso(data: Path, scratch: Path):
    sys.path.insert(0, str(ROOT))
    from kg.query.push import PROVENANCE_GRAPH
    from tests import virtuoso

    files = [data / "kg.nq", *sorted((data / "imports").glob("*.nq"))]
    template = scratch / "virtuoso-template.ini"
    lock = scratch / "virtuoso" / "virtuoso.lck"
    lines = virtuoso.TEMPLATE.read_text().splitlines()
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text("\n".join(f"LockFile = {lock}" if line.strip().startswith("LockFile") else line for line in lines) + "\n")
    virtuoso.TEMPLATE = template
    shutil.rmtree(scratch / "virtuoso", ignore_errors=True)
    server = virtuoso.start(scratch / "virtuoso", data_dirs=sorted({f.parent for f in files}))
    t = time.perf_counter()
    for f in files:
        server.isql(f"ld_dir('{f.parent}', '{f.name}', '{PROVENANCE_GRAPH}');")
    server.isql("rdf_loader_run();")
    server.isql("checkpoint;")
    return server, time.perf_counter() - t


def ms(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x * 1000:.1f} ms" if x < 0.1 else (f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s")


def table(runs: list[Run]) -> list[str]:
    lines = [
        "| run | throughput | cheap p50 / p95 / p99 | cheap after the first round: p50 / p95 | expensive p50 / p95 / p99 | statuses | cache hits (p50 / p95) | load avg after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        f = r.figures()
        c, e = f["cheap"], f["expensive"]
        statuses = ", ".join(f"{k}×{v}" for k, v in sorted(f["statuses"].items()))
        hits = f"{f['hits']} ({ms(f['hit_p50'])} / {ms(f['hit_p95'])})" if f["hits"] else "0"
        lines.append(
            f"| {r.label} | {f['throughput']:.1f} q/s ({f['requests']} in {f['seconds']:.1f} s) | "
            f"{ms(c['p50'])} / {ms(c['p95'])} / {ms(c['p99'])} | {ms(f['cheap_later']['p50'])} / {ms(f['cheap_later']['p95'])} | "
            f"{ms(e['p50'])} / {ms(e['p95'])} / {ms(e['p99'])} | "
            f"{statuses} | {hits} | {r.load[0]:.2f} |"
        )
    return lines


def bench_corpus(name: str, source: Path, args, queries: dict[str, str]) -> tuple[list[str], dict]:
    work = Path(args.work) / name
    data = copy_corpus(source, work / "data")
    print(f"== {name}: {data}", flush=True)
    runs: list[Run] = []
    extra: dict = {}
    common = ["--store", args.store, "--workers", str(args.workers), "--timeout", str(args.timeout), "--max-query-memory", "0"]
    configs = [
        ("kg serve (cache, fast lane)", []),
        ("kg serve (cache, fast lane), every expensive query a new text", ["unique"]),
        ("kg serve --no-cache", ["--no-cache"]),
        ("kg serve --no-cache --fast-workers 0", ["--no-cache", "--fast-workers", "0"]),
        ("kg serve --no-cache, no row cap (Virtuoso's work)", ["--no-cache", "--max-rows", "10000000"]),
    ]
    for label, options in configs:
        t = time.perf_counter()
        unique = "unique" in options
        options = [o for o in options if o != "unique"]
        server = KgServe(data, work / "logs" / re.sub(r"\W+", "-", label), *common, *options)
        extra.setdefault("start", {})[label] = time.perf_counter() - t
        try:
            # one round to warm: the fast lane learns which shapes are cheap, the OS caches pages
            hammer(server.url, queries, 1, len(queries), "warm-up")
            if options == ["--no-cache"]:
                extra["refusal"] = {q: refusal_cost(server.url, queries[q], 10000) for q in EXPENSIVE}
            run = hammer(server.url, queries, args.clients, args.requests, label, unique_expensive=unique)
            runs.append(run)
            extra.setdefault("samples", {})[label] = [vars(s) for s in run.samples]
            if not options and not unique:  # repeated queries, one client at a time: the cache's own latency
                extra["hits_alone"] = hammer(server.url, queries, 1, 50, "cache hits, one client").figures()
            print("\n".join(table([run])[2:]), flush=True)
        finally:
            server.stop()
    if args.virtuoso:
        server, seconds = start_virtuoso(data, work / "virtuoso-scratch")
        extra["virtuoso_load"] = seconds
        try:
            hammer(server.endpoint, queries, 1, len(queries), "warm-up")
            run = hammer(server.endpoint, queries, args.clients, args.requests, "Virtuoso 7.2 (same mix, whole answers)")
            runs.append(run)
            print("\n".join(table([run])[2:]), flush=True)
        finally:
            server.stop()
    return table(runs), extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", action="append", help="NAME=DIR (a build folder); repeatable  [default: synthetic-1M=/tmp/kg-bench/synthetic-1000000]"
    )
    parser.add_argument("--work", default="/tmp/h17-load", help="where corpora are copied and servers keep their files")
    parser.add_argument("--store", default="oxigraph-memory", choices=["oxigraph", "oxigraph-memory", "memory"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=10, help="queries per client")
    parser.add_argument("--no-virtuoso", dest="virtuoso", action="store_false")
    parser.add_argument("--no-write", dest="write", action="store_false")
    args = parser.parse_args()
    corpora = [c.split("=", 1) for c in (args.corpus or ["synthetic-1M=/tmp/kg-bench/synthetic-1000000"])]
    queries = named_sparql()
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()
    sections = []
    for name, folder in corpora:
        lines, extra = bench_corpus(name, Path(folder), args, queries)
        sections.append((name, folder, lines, extra))
    report = [
        "# Load benchmark of `kg serve` (benchmarks/load.py)",
        "",
        f"Run {started:%Y-%m-%d %H:%M} UTC: `{' '.join(['python -m benchmarks.load', *sys.argv[1:]])}` on {platform.node()}: "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average before {load_before[0]:.2f}. "
        f"{args.clients} clients × {args.requests} queries, cycling through cheap ({', '.join(CHEAP)}) and expensive "
        f"({', '.join(EXPENSIVE)}) named queries; `kg serve --store {args.store} --workers {args.workers}` "
        "(+ 1 fast-lane worker unless said), time limit "
        f"{args.timeout:g} s. Latencies are measured by the clients (request sent to answer read).",
        "",
    ]
    for name, folder, lines, extra in sections:
        report += [f"## {name} ({folder})", "", *lines, ""]
        if "refusal" in extra:
            report += [
                "Refusing over the 10,000-row cap against answering the same query with `LIMIT 10000` (one client, no cache, median of 3):",
                "",
            ]
            report += ["| query | refused (422) | LIMIT 10000 (200) |", "| --- | --- | --- |"]
            for q, r in extra["refusal"].items():
                report.append(f"| {q} | {ms(r['refused'])} ({r['statuses']['refused']}) | {ms(r['capped'])} ({r['statuses']['capped']}) |")
            report.append("")
        if "hits_alone" in extra:
            f = extra["hits_alone"]
            report += [
                f"Repeated queries from one client (the mix again, {f['requests']} requests, all answered from the cache: {f['hits']}): "
                f"p50 {ms(f['hit_p50'])}, p95 {ms(f['hit_p95'])} per answer.",
                "",
            ]
        if "virtuoso_load" in extra:
            report.append(
                f"Virtuoso bulk load of the same files: {extra['virtuoso_load']:.1f} s. kg serve start-up (workers loading): "
                + ", ".join(f"{k}: {v:.1f} s" for k, v in extra["start"].items())
                + "."
            )
            report.append("")
    text = "\n".join(report) + "\n"
    print(text)
    if args.write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT}")
    (Path(args.work) / "load.json").write_text(
        json.dumps({n: {"table": rows, "extra": extra} for n, _, rows, extra in sections}, indent=1, default=str)
    )


if __name__ == "__main__":
    main()
