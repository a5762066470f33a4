"""kg query and the Python query API: sources of SPARQL, output formats, clear errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from rdflib import Graph

import kg

from .conftest import ROOT
from .sheets import sheets

#: Red Silk's countries of origin (the VALUES line keeps the answer to the one film whose rows the tests know)
FILMS = (
    "PREFIX schema: <https://schema.org/> SELECT ?film ?country WHERE { VALUES ?f { <https://w3id.org/sco-film-kg/resource/red-silk> } "
    "?f a schema:Movie ; schema:name ?film ; schema:countryOfOrigin/schema:name ?country } ORDER BY ?country"
)


def kg_query(built_out, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", "query", "--data", str(built_out), *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_list_shows_names_and_descriptions(built_out):
    out = kg_query(built_out, "--list").stdout
    assert "film-directors" in out and "Who directed each film" in out


def test_named_query_as_a_table(built_out, store):
    result = kg_query(built_out, "film-directors")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["film", "director", "nationality", "source"]
    records = store.query(kg.named_query("film-directors")).records()
    red_silk = [line for line in lines if line.startswith("Red Silk ")]
    assert red_silk and all("Andrey Volgin" in line and "Russia" in line for line in red_silk)
    assert len(red_silk) == len([r for r in records if r["film"] == "Red Silk"]) >= 2  # the article and Wikipedia at least
    assert lines[-1] == f"({len(records)} rows)" and len(lines) == len(records) + 3  # every row is printed (header, rule, count)


def test_formats(built_out):
    rows = list(csv.DictReader(io.StringIO(kg_query(built_out, FILMS, "--format", "csv").stdout)))
    assert [(r["film"], r["country"]) for r in rows] == [("Red Silk", "China"), ("Red Silk", "Russia")]
    tsv = kg_query(built_out, FILMS, "--format", "tsv").stdout.splitlines()
    assert tsv[0] == "film\tcountry" and tsv[1] == "Red Silk\tChina"
    doc = json.loads(kg_query(built_out, FILMS, "--format", "json").stdout)
    assert doc["head"]["vars"] == ["film", "country"]
    assert doc["results"]["bindings"][1]["country"] == {"type": "literal", "value": "Russia"}
    md = kg_query(built_out, FILMS, "--format", "markdown").stdout.splitlines()
    assert md[0] == "| film | country |" and md[2] == "| Red Silk | China |"


def test_construct_gives_turtle(built_out):
    q = "PREFIX schema: <https://schema.org/> CONSTRUCT { ?f schema:name ?n } WHERE { ?f a schema:Movie ; schema:name ?n }"
    g = Graph().parse(data=kg_query(built_out, q).stdout, format="turtle")
    films = sheets().ids("Movie")
    assert {(str(f).rsplit("/", 1)[-1], str(n)) for f, _, n in g} == {(f, sheets().name(f)) for f in films}


def test_query_from_a_file(built_out, tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert kg_query(built_out, "--file", str(path)).stdout == "yes\n"


def test_malformed_query_points_at_the_position(built_out):
    result = kg_query(built_out, "SELECT ?x WHERE {\n  ?x ?y \n}")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "query:" in result.stderr and "SPARQL syntax error at column" in result.stderr and "^" in result.stderr


def test_query_before_any_build_says_what_to_do(tmp_path):
    result = kg_query(tmp_path / "nothing-here", "ASK { ?s ?p ?o }")
    assert result.returncode == 1 and "run `kg build` first" in result.stderr and "Traceback" not in result.stderr


def test_unknown_named_query_lists_the_names():
    with pytest.raises(kg.KGError, match="film-directors"):
        kg.named_query("no-such-query", ROOT / "ontology/queries")


def test_python_api_rows_for_a_notebook(store):
    result = store.query(FILMS)
    assert result.variables == ["film", "country"]
    assert result.records() == [{"film": "Red Silk", "country": "China"}, {"film": "Red Silk", "country": "Russia"}]
    assert result.column("country") == ["China", "Russia"]


def test_queries_without_graph_see_the_union(store):
    # the film's name comes from the article's evidence graph, its duration from Wikipedia's
    rows = store.query(
        "PREFIX schema: <https://schema.org/> PREFIX kgr: <https://w3id.org/sco-film-kg/resource/> "
        "SELECT ?n ?d WHERE { VALUES ?f { kgr:red-silk } ?f schema:name ?n ; schema:duration ?d }"
    ).records()
    assert rows == [{"n": "Red Silk", "d": "PT2H26M"}]  # Wikipedia's 146 minutes, as rdflib normalises xsd:duration


def test_defaults_find_the_project_from_a_folder_below_it(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")  # as a notebook in notebooks/
    assert kg.Project.here().root == ROOT and kg.Project.here().data == ROOT / "data"
    assert "film-directors" in kg.named_queries()
    report = kg.build(out=tmp_path / "out")
    assert report.validation.conforms and (tmp_path / "out" / "kg.trig").exists()


def test_outside_a_project_the_api_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "film-directors" in kg.named_queries(), "the shipped queries need no project"
    with pytest.raises(kg.KGError, match="not inside a kg project"):
        kg.build()
    assert not (tmp_path / "out").exists()


def test_a_projects_own_queries_join_the_shipped_ones(tmp_path, monkeypatch):
    from kg.project import init_project

    made = init_project(tmp_path / "mine", sample=True)
    (made.queries / "films-by-name.rq").write_text(
        "# title: Films by name\nPREFIX schema: <https://schema.org/>\nSELECT ?n WHERE { ?f a schema:Movie ; schema:name ?n }\n"
    )
    monkeypatch.chdir(made.data / "facts")
    queries = kg.named_queries()
    assert "films-by-name" in queries and "film-directors" in queries
    kg.build()
    names = sorted(r["n"] for r in kg.open().query(queries["films-by-name"]).records())
    sample = sheets(made.data)
    assert names == sorted(sample.name(f) for f in sample.ids("Movie")) and "Red Silk" in names  # every film of the sample data
    assert (made.out / "kg.trig").is_file()


def test_prefixes_for_your_own_queries(store):
    rows = store.query(kg.SPARQL_PREFIXES + "SELECT ?n WHERE { kgr:red-silk schema:director/schema:name ?n }").records()
    assert rows == [{"n": "Andrey Volgin"}]


def test_dataframes_keep_whole_numbers_whole(store):
    frame = store.query(kg.named_query("cast-and-crew", ROOT / "ontology/queries")).to_dataframe()
    assert str(frame["max"].dtype) == "Int64"
    assert 1700 in frame["max"].dropna().tolist()


ARTICLE = (ROOT / "data" / "documents" / "red-silk-sco-film-week.txt").read_text(encoding="utf-8")


def test_a_named_query_parameter_picks_the_entity_in_every_store(every_store):
    evidence = kg.named_query("evidence")
    assert evidence.params == {"name": evidence.params["name"]} and "schema:name" in evidence.params["name"]
    red_silk = every_store.query(evidence).records()
    assert red_silk == every_store.query(evidence.bind(name="Red Silk")).records()
    week = every_store.query(evidence.bind(name="SCO Film and Television Week")).records()
    assert week and week != red_silk
    for row in week:  # every quote is the article's own words at the offsets given
        assert ARTICLE[int(row["begin"]) : int(row["end"])] == str(row["quote"])
    both = every_store.query(evidence.bind(name=["Red Silk", "SCO Film and Television Week"])).records()
    assert len(both) == len({json.dumps(r, sort_keys=True, default=str) for r in red_silk + week})
    # a value is a string literal, whatever it holds: it cannot change the query
    assert every_store.query(evidence.bind(name='x" } ?entity ?p ?o { "')).records() == []


def test_query_parameters_on_the_command_line(built_out, tmp_path):
    week = kg_query(built_out, "evidence", "--param", "name=SCO Film and Television Week", "--format", "json")
    assert week.returncode == 0 and "kicked off" in week.stdout
    assert "--param name=" in kg_query(built_out, "--list").stdout
    wrong = kg_query(built_out, "evidence", "--param", "film=Red Silk")
    assert wrong.returncode == 1 and "has no parameter 'film'" in wrong.stderr and "its parameters: name" in wrong.stderr
    assert kg_query(built_out, "evidence", "--param", "name").returncode == 2  # not NAME=VALUE
    assert kg_query(built_out, FILMS, "--param", "name=x").returncode == 2  # only named queries take parameters
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "mine.rq").write_text("# title: Mine\n# param: who: a person\nSELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    broken = kg_query(built_out, "--queries", str(folder), "mine")
    assert broken.returncode == 1 and f"{folder / 'mine.rq'}:2: parameter 'who' has no VALUES ?who" in broken.stderr
    assert "Traceback" not in broken.stderr
