"""kg import wikidata-films: the real Wikidata snapshot, checked film by film against its SQLite source."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.importers.wikidata_films import default_database

from .conftest import ROOT

FILMS = """PREFIX schema: <https://schema.org/>
SELECT ?name ?published (GROUP_CONCAT(DISTINCT ?country; separator="|") AS ?countries)
       (GROUP_CONCAT(DISTINCT ?director; separator="|") AS ?directors) WHERE {
  ?f schema:sameAs <https://www.imdb.com/title/%s/> ; schema:name ?name ; schema:countryOfOrigin/schema:name ?country .
  OPTIONAL { ?f schema:datePublished ?published }
  OPTIONAL { ?f schema:director/schema:name ?director }
} GROUP BY ?name ?published"""


@pytest.fixture(scope="module")
def imported(built_out, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("imported")
    shutil.copytree(built_out, out, dirs_exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "import", "wikidata-films", "--data", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Imported 17470 films" in result.stdout  # 17,472 rows, two IMDb ids repeated
    assert "loaded the oxigraph store" in result.stdout
    return out


@pytest.fixture(scope="module")
def corpus(imported):
    return kg.open(imported, "oxigraph")


@pytest.mark.parametrize("imdb", ["tt0416044", "tt0116754", "tt1305027", "tt0436854", "tt1675434"])
def test_films_match_the_sqlite_source(corpus, imdb):
    with sqlite3.connect(default_database()) as db:
        title, released, countries, director = db.execute(
            "SELECT Title, Released, Country, Director FROM omdb WHERE imdbID = ?", (imdb,)
        ).fetchone()
    rows = corpus.query(FILMS % imdb).records()
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == title
    expected_countries = {"People's Republic of China" if c == "China" else c.strip() for c in countries.split(",")}
    names = {"China": "People's Republic of China"}
    assert {names.get(c, c) for c in row["countries"].split("|")} == expected_countries
    assert set(row["directors"].split("|")) == {d.strip() for d in director.split(",")}
    # a year-only date (written YYYY-01-01 in the source) keeps only the year
    assert str(row["published"]) == (released[:4] if released.endswith("-01-01") else released)


def test_sco_coproductions_are_listed(corpus):
    rows = corpus.query(kg.named_query("sco-coproductions", ROOT / "ontology/queries")).records()
    pairs = {(r["film"], r["countryA"], r["countryB"]) for r in rows}
    assert ("Mongol", "Kazakhstan", "Russia") in pairs
    assert ("Prisoner of the Mountains", "Kazakhstan", "Russia") in pairs
    assert ("Red Silk", "China", "Russia") in pairs


def test_the_soviet_union_is_not_russia_and_hong_kong_is_not_china(corpus):
    q = """PREFIX schema: <https://schema.org/> PREFIX kgr: <https://w3id.org/sco-film-kg/resource/>
    SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f schema:countryOfOrigin %s }"""
    with sqlite3.connect(default_database()) as db:
        soviet = db.execute("SELECT COUNT(DISTINCT imdbID) FROM omdb WHERE Country LIKE '%Soviet Union%'").fetchone()[0]
    assert int(corpus.query(q % "kgr:soviet-union").rows[0]["n"]) == soviet
    hong_kong = corpus.query(q % '?hk . ?hk schema:name "Hong Kong"').rows[0]["n"]  # the register's Hong Kong, or the import's own
    assert int(hong_kong) > 0
    both = corpus.query(
        "PREFIX schema: <https://schema.org/> PREFIX kgr: <https://w3id.org/sco-film-kg/resource/> ASK { ?f schema:countryOfOrigin kgr:soviet-union , kgr:russia }"
    )
    assert not both.boolean


def test_every_imported_fact_names_its_source(corpus):
    rows = corpus.query(
        """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
        SELECT ?license WHERE { GRAPH ?g { ?f schema:sameAs <https://www.imdb.com/title/tt0416044/> } ?g prov:wasDerivedFrom/schema:license ?license }"""
    ).records()
    assert rows == [{"license": "https://creativecommons.org/publicdomain/zero/1.0/"}]


def test_the_import_leaves_the_store_loaded_so_the_first_query_answers_at_once(imported):
    """After kg import (0.66M quads) the on-disk store is already loaded: the first kg query,
    a new process, answers within 3 s instead of loading for half a minute."""
    import time

    assert (imported / "oxigraph" / "kg-loaded-from.json").is_file()
    started = time.perf_counter()
    first = subprocess.run(
        [sys.executable, "-m", "kg", "query", "sco-members", "--data", str(imported), "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - started
    assert first.returncode == 0 and "Kazakhstan" in first.stdout, first.stderr
    assert seconds < 3, f"the first query after the import took {seconds:.1f} s"
    assert kg.open(imported).name == "oxigraph"


def test_bad_rows_are_reported_by_row_and_nothing_is_written(built_out, tmp_path):
    db = tmp_path / "films.db"
    with sqlite3.connect(default_database()) as source, sqlite3.connect(db) as target:
        target.execute(source.execute("SELECT sql FROM sqlite_master WHERE name = 'omdb'").fetchone()[0])
        rows = source.execute("SELECT * FROM omdb WHERE imdbID IN ('tt0416044', 'tt0116754')").fetchall()
        target.executemany(f"INSERT INTO omdb VALUES ({','.join('?' * len(rows[0]))})", rows)
        target.execute("UPDATE omdb SET Released = '2007-02-30' WHERE imdbID = 'tt0416044'")
        target.execute("UPDATE omdb SET imdbID = 'x1' WHERE imdbID = 'tt0116754'")
    out = tmp_path / "out"
    shutil.copytree(built_out, out)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "import", "wikidata-films", "--db", str(db), "--data", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{db}, row 1: impossible release date" in result.stderr
    assert f"{db}, row 2: IMDb id 'x1'" in result.stderr
    assert not (out / "imports").exists() or not list((out / "imports").iterdir())
