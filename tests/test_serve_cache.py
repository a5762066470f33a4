"""The result cache and the fast lane of `kg serve` (issue 17), tested as clients meet them.

Real `kg serve` processes on free ports (tests/test_server.py's Server), real HTTP requests, real
builds: the cache must never answer from an older build, must answer repeats without a worker,
and light queries must not wait behind a heavy one.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import threading
import time
import urllib.parse

import pytest

import kg
from kg.serve.app import query_hash
from kg.serve.cache import Answer, ResultCache, cache_key, normalise_query, query_shape

from .conftest import ROOT
from .test_server import RUNAWAY, Server, get, request

GENRE = "PREFIX schema: <https://schema.org/>\nSELECT ?name WHERE { <https://w3id.org/sco-film-kg/resource/adventure> schema:name ?name }"
MOVIES = "PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n }"


def names(body: bytes) -> set[str]:
    return {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}


def wait_for_log(server: Server, pattern: str, count: int = 1, seconds: float = 5) -> list[str]:
    """The log lines matching ``pattern`` once there are ``count`` of them (or at the deadline)."""
    deadline = time.monotonic() + seconds
    found: list[str] = []
    while time.monotonic() < deadline:
        found = re.findall(pattern, server.log(), re.M)
        if len(found) >= count:
            break
        time.sleep(0.05)
    return found


# ---- the normal form of a query and the cache itself --------------------------------------------


def test_the_same_query_written_differently_has_one_key():
    a = "PREFIX schema: <https://schema.org/>\n# the films\nSELECT ?n   WHERE {\n  ?f a schema:Movie ; schema:name ?n }  # done"
    b = "PREFIX s: <https://schema.org/> SELECT ?n WHERE { ?f a s:Movie ; s:name ?n }"
    c = "SELECT ?n WHERE { ?f a <https://schema.org/Movie> ; <https://schema.org/name> ?n }"
    assert normalise_query(a) == normalise_query(b) == normalise_query(c)
    key = cache_key("build", a, "json", "turtle", None, None)
    assert key == cache_key("build", b, "json", "turtle", None, None)
    # whatever differs in meaning, differs in key: strings, the build, the format, the dataset
    assert normalise_query('SELECT * { ?s ?p "a  b" }') != normalise_query('SELECT * { ?s ?p "a b" }')
    assert normalise_query('SELECT * { ?s ?p "a # b" }') != normalise_query('SELECT * { ?s ?p "a" }')
    assert key != cache_key("other build", a, "json", "turtle", None, None)
    assert key != cache_key("build", a, "csv", "turtle", None, None)
    assert key != cache_key("build", a, "json", "turtle", ("urn:g",), None)
    # an undeclared prefix and BASE are kept as written
    assert "p:x" in normalise_query("SELECT * { p:x ?p ?o }")
    assert "q:x" in normalise_query("BASE <http://x/> PREFIX q: <a> SELECT * { q:x ?p ?o }")
    # one shape for one template: another IRI, the same shape
    assert query_shape(GENRE) == query_shape(GENRE.replace("adventure", "detective")) != query_shape(MOVIES)


def test_cache_is_bounded_in_bytes_least_recently_used_first():
    cache = ResultCache(10_000)
    cache.use_build("b1")
    for i in range(5):
        assert cache.put(f"k{i}", Answer(200, b"x" * 1500, "text/csv", 1, f"e{i}"), "b1")
    cache.get("k0")  # k0 is now the most recently used
    cache.put("k5", Answer(200, b"x" * 1500, "text/csv", 1, "e5"), "b1")
    assert cache.bytes <= 10_000
    assert cache.get("k0") is not None and cache.get("k1") is None
    assert not cache.put("big", Answer(200, b"x" * 5000, "text/csv", 1, "e"), "b1")  # over a quarter of the cache
    assert not cache.put("old", Answer(200, b"x", "text/csv", 1, "e"), "b0")  # another build's answer
    assert not cache.put("late", Answer(503, b"x", "text/plain", None, "e"), "b1")  # a time-out is not an answer
    assert cache.use_build("b2") and len(cache) == 0 and cache.get("k0") is None


# ---- over HTTP ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built_out, tmp_path_factory):
    s = Server(built_out, tmp_path_factory.mktemp("serve-cache"), "--workers", "1", "--timeout", "3")
    yield s
    s.stop()


def test_a_repeated_query_is_answered_from_the_cache(served):
    query = MOVIES + "  # repeated"
    status, headers, body = get(served.url, query)
    assert status == 200 and headers["x-cache"] == "miss"
    etag = headers["etag"]
    assert etag.startswith('W/"') and "no-cache" in headers["cache-control"]
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        status, headers, again = get(served.url, query.replace("?n", "?n "))  # written differently
        timings.append(time.perf_counter() - started)
        assert status == 200 and headers["x-cache"] == "hit" and headers["etag"] == etag
        assert names(again.replace(b'"n"', b'"name"')) == names(body.replace(b'"n"', b'"name"'))
    print(f"\nanswers from the cache: median {statistics.median(timings) * 1000:.1f} ms over HTTP")
    assert statistics.median(timings) < 0.05
    assert len(wait_for_log(served, rf"q={query_hash(query)} 200 \S+ rows=\d+ cache=miss$")) == 1
    # a client that holds the answer gets 304 with no body; a POST is answered in full
    url = served.url + "?" + urllib.parse.urlencode({"query": query})
    status, headers, body = request(url, headers={"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["etag"] == etag
    assert wait_for_log(served, rf"q={query_hash(query)} 304 \S+ rows=- cache=304$")
    form = urllib.parse.urlencode({"query": query}).encode()
    status, headers, body = request(served.url, form, {"Content-Type": "application/x-www-form-urlencoded", "If-None-Match": etag})
    assert status == 200 and headers["x-cache"] == "hit"


def test_a_refusal_over_the_cap_is_kept_too(built_out, tmp_path):
    s = Server(built_out, tmp_path, "--workers", "1", "--max-rows", "20", "--fast-workers", "0")
    try:
        for state in ("miss", "hit"):
            status, headers, body = get(s.url, "SELECT * WHERE { ?s ?p ?o }")
            assert status == 422 and b"more than 20 rows" in body
            assert headers.get("x-cache", "miss") == state
        assert "etag" not in headers  # only answers get validators
    finally:
        s.stop()


def test_no_cache_computes_every_answer(built_out, tmp_path):
    s = Server(built_out, tmp_path, "--workers", "1", "--no-cache", "--fast-workers", "0")
    try:
        assert "no result cache" in s.out.read_text()
        for _ in range(2):
            status, headers, _ = get(s.url, MOVIES)
            assert status == 200 and "etag" not in headers and "x-cache" not in headers
        assert len(wait_for_log(s, rf"q={query_hash(MOVIES)} 200 \S+ rows=\d+ cache=off$", count=2)) == 2
    finally:
        s.stop()


def test_the_cache_never_answers_from_an_older_build(data_copy, tmp_path):
    """Build, serve, ask; rebuild from an edited sheet; serve again, ask the same: the new answer."""
    out = tmp_path / "out"
    kg.build(data_copy, out, ROOT / "ontology")
    first = Server(out, tmp_path, "--workers", "1", "--fast-workers", "0")
    try:
        status, headers, body = get(first.url, GENRE)
        assert status == 200 and names(body) == {"adventure"}
        old_etag = headers["etag"]
        assert get(first.url, GENRE)[1]["x-cache"] == "hit"
    finally:
        first.stop()
    sheet = data_copy / "facts" / "red-silk-sco-film-week.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("name: adventure\n", "name: adventure film\n"), encoding="utf-8")
    kg.build(data_copy, out, ROOT / "ontology")
    (tmp_path / "second").mkdir()
    second = Server(out, tmp_path / "second", "--workers", "1", "--fast-workers", "0")
    try:
        url = second.url + "?" + urllib.parse.urlencode({"query": GENRE})
        status, headers, body = request(url, headers={"If-None-Match": old_etag})  # the old build's validator
        assert status == 200 and headers["x-cache"] == "miss" and headers["etag"] != old_etag
        assert names(body) == {"adventure film"}
    finally:
        second.stop()


def test_a_cheap_query_is_not_starved_by_a_heavy_one(built_out, tmp_path):
    """One general worker busy with a runaway query; a query known to be cheap still answers at once."""
    s = Server(built_out, tmp_path, "--workers", "1", "--fast-workers", "1", "--timeout", "3", "--no-cache")
    try:
        assert get(s.url, GENRE)[0] == 200  # now known to be cheap
        runaway: dict = {}
        thread = threading.Thread(target=lambda: runaway.update(status=get(s.url, RUNAWAY)[0], done=time.monotonic()))
        thread.start()
        time.sleep(0.5)  # the runaway holds the general worker
        other = GENRE.replace("adventure", "detective")  # the same shape, another IRI
        started = time.monotonic()
        status, _, body = get(s.url, other)
        waited = time.monotonic() - started
        thread.join(30)
        print(f"\na cheap query beside a runaway one: answered in {waited * 1000:.0f} ms")
        assert status == 200 and names(body) == {"detective"}
        assert runaway["status"] == 503 and runaway["done"] > time.monotonic() - 30
        assert waited < 1.0 and started + waited < runaway["done"]
    finally:
        s.stop()


def test_over_the_cap_costs_no_more_than_the_cap(built_out, tmp_path):
    """Refused at cap + 1 solutions, before any is converted: no slower than answering the cap."""
    data = shutil.copytree(built_out, tmp_path / "out")
    s = Server(data, tmp_path, "--workers", "1", "--fast-workers", "0", "--no-cache", "--store", "oxigraph", "--max-rows", "5000")
    try:
        over, capped = "SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { ?s ?p ?o } LIMIT 5000"
        times: dict[str, list[float]] = {over: [], capped: []}
        for _ in range(5):
            for query in (over, capped):
                started = time.perf_counter()
                status, _, _ = get(s.url, query)
                times[query].append(time.perf_counter() - started)
                assert status == (422 if query == over else 200)
        refused, answered = statistics.median(times[over]), statistics.median(times[capped])
        print(f"\nrefused over the cap in {refused * 1000:.0f} ms; the cap answered in {answered * 1000:.0f} ms")
        assert refused <= answered
    finally:
        s.stop()
