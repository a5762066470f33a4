"""kg add: a document is registered byte for byte with its metadata and a fact-sheet scaffold, all or
nothing; with its reviewed sheet the graph grows and known entities stay one node."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.curate.intake import add_document
from kg.errors import InputError
from kg.ingest.yamlfile import load_yaml

from .articles import ARTICLES
from .conftest import ROOT

ARTICLE = ARTICLES / "documents" / "test-red-silk-china-release.txt"


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_kg_add_keeps_the_text_byte_for_byte_and_scaffolds_the_sheet(data_copy, tmp_path):
    raw = "Line one — «Красный шёлк», 红丝绸.\r\nLine two, with a trailing space \n".encode()
    source = tmp_path / "My New Article.txt"
    source.write_bytes(raw)
    result = run(
        "add",
        str(source),
        *("--headline", "A headline", "--published", "2025-09", "--publisher", "Some Paper"),
        *("--language", "en"),  # three scripts in two short lines: too little text to tell its language
        *("--data", str(data_copy)),
    )
    assert result.exit_code == 0, result.output
    assert "added my-new-article" in result.output and "kg draft my-new-article" in result.output
    assert (data_copy / "documents/my-new-article.txt").read_bytes() == raw
    meta = load_yaml(data_copy / "documents/my-new-article.yaml")
    assert meta["headline"] == "A headline" and meta["publisher"] == "Some Paper" and meta["language"] == "en"
    assert meta["date_published"] == "2025-09"  # the precision given, no more
    sheet = load_yaml(data_copy / "facts/my-new-article.yaml")
    assert sheet["document"] == "my-new-article" and sheet["entities"] == [] and sheet["statements"] == []
    assert "kg draft my-new-article" in (data_copy / "facts/my-new-article.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("published", ["2025", "2025-09", "2025-09-08"])
def test_the_publication_date_keeps_its_precision(data_copy, published):
    added = add_document(ARTICLE, headline="H", published=published, publisher="P", name="doc", data=data_copy)
    assert str(load_yaml(added.metadata)["date_published"]) == published


def test_the_publisher_defaults_to_the_site_of_the_url(data_copy):
    added = add_document(ARTICLE, headline="H", published="2025", url="https://www.example.org/news/1", data=data_copy)
    meta = load_yaml(added.metadata)
    assert meta["publisher"] == "example.org" and meta["url"] == "https://www.example.org/news/1"
    assert "replace it with the publisher's name" in added.metadata.read_text(encoding="utf-8")


def test_adding_the_same_name_twice_is_refused_and_changes_nothing(data_copy):
    add_document(ARTICLE, headline="H", published="2025", publisher="P", data=data_copy)
    before = files_under(data_copy)
    with pytest.raises(InputError, match="already registered"):
        add_document(ARTICLE, headline="Other", published="2024", publisher="Q", data=data_copy)
    assert files_under(data_copy) == before


def bad_inputs(tmp_path: Path) -> list[tuple[list[str], str]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("first line\nCafé in Qingdao\n".encode("latin-1"))
    good = str(ARTICLE)
    return [
        ([str(tmp_path / "missing.txt"), "--published", "2025"], "no such file"),
        ([str(empty), "--published", "2025"], "the document is empty"),
        ([str(latin1), "--published", "2025"], "latin1.txt:2: byte 0xe9 is not valid UTF-8"),
        ([good, "--published", "Sept 2025"], "unknown date format"),
        ([good, "--published", "2025/09/08"], "unknown date format"),
        ([good, "--published", "2025-13"], "months run from 01 to 12"),
        ([good, "--published", "2025-02-30"], "February 2025 has no day 30"),
        ([good, "--published", "2025", "--name", "Not A Name"], "is not a document name"),
        ([good, "--published", "2025", "--url", "www.example.org"], "is not a web address"),
    ]


def test_bad_input_to_kg_add_gets_a_clear_error_and_writes_nothing(data_copy, tmp_path):
    before = files_under(data_copy)
    for args, message in bad_inputs(tmp_path):
        extra = [] if "--publisher" in args else ["--publisher", "P"]
        result = CliRunner().invoke(cli, ["add", *args, "--headline", "H", *extra, "--data", str(data_copy)])
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output, (args, result.output)
        assert "Traceback" not in result.output
        assert files_under(data_copy) == before, args


def test_a_publisher_is_needed_when_there_is_no_url(data_copy):
    result = CliRunner().invoke(cli, ["add", str(ARTICLE), "--headline", "H", "--published", "2025", "--data", str(data_copy)])
    assert result.exit_code == 1 and "needs a publisher" in result.output


def test_a_failure_while_writing_leaves_nothing_behind(data_copy, monkeypatch):
    before = files_under(data_copy)
    real_replace, calls = os.replace, []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        add_document(ARTICLE, headline="H", published="2025", publisher="P", data=data_copy)
    assert files_under(data_copy) == before


def test_a_document_and_its_reviewed_sheet_grow_the_graph(data_copy, tmp_path):
    """The curator's path: kg add, (kg draft, review), the reviewed sheet, kg build."""
    baseline = kg.build(data_copy, tmp_path / "before", ROOT / "ontology")
    result = run(
        "add",
        str(ARTICLE),
        "--headline",
        "[TEST ARTICLE] Spy thriller Red Silk opens across China",
        "--published",
        "2025-09-08",
        "--publisher",
        "kg test suite",
        "--data",
        str(data_copy),
    )
    assert result.exit_code == 0, result.output
    scaffolded = kg.build(data_copy, tmp_path / "scaffold", ROOT / "ontology")  # an empty sheet builds
    assert scaffolded.documents == baseline.documents + 1
    shutil.copy(ARTICLES / "facts/test-red-silk-china-release.yaml", data_copy / "facts/test-red-silk-china-release.yaml")
    grown = kg.build(data_copy, tmp_path / "after", ROOT / "ontology")
    assert grown.triples > scaffolded.triples > baseline.triples
    assert grown.evidence_spans > baseline.evidence_spans
    assert grown.entities["schema:Movie"] == baseline.entities["schema:Movie"]  # no new film: Red Silk is still one film
    assert grown.entities["schema:Person"] == baseline.entities["schema:Person"]  # everyone named was known
    assert grown.duplicates == []
    graph = kg.open(tmp_path / "after")
    films = graph.query(
        """PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?f WHERE { ?f a schema:Movie ; schema:name|schema:alternateName|rdfs:label ?n
                                   FILTER(STR(?n) IN ("Red Silk", "Красный шёлк", "红丝绸")) }"""
    ).rows
    assert [str(r["f"]).rsplit("/", 1)[-1] for r in films] == ["red-silk"]  # one node, under each of its titles
    rows = graph.query(
        """PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?p WHERE { ?p a schema:Person . { ?p schema:name ?n } UNION { ?p schema:alternateName ?n }
                                   FILTER(CONTAINS(?n, "Volgin")) }"""
    ).rows
    assert [str(r["p"]).rsplit("/", 1)[-1] for r in rows] == ["andrey-volgin"]  # one node, both spellings
