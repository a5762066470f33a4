"""kg conflicts: claims from different graphs that disagree are listed with each side's value, wording
and evidence; both stay in the graph; dates of different precision that agree are not conflicts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.curate.conflicts import Conflict, dates_agree, find_conflicts
from kg.ingest.dates import PartialDate
from kg.ingest.vocabulary import RES

from .articles import build_with_articles
from .conftest import ROOT, copy_seed_data


@pytest.fixture(scope="module")
def builtin(store) -> list[Conflict]:
    return find_conflicts(store)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> list[Conflict]:
    """The conflicts of the graph the seed sheets make: the article and the twelve sources it first
    came with, where each disagreement is known exactly (the register adds sources to several)."""
    import kg

    root = tmp_path_factory.mktemp("seed")
    kg.build(copy_seed_data(root / "data"), root / "out", ROOT / "ontology")
    return find_conflicts(kg.open(root / "out"))


@pytest.fixture(scope="module")
def articles_out(tmp_path_factory):
    return build_with_articles(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def with_articles(articles_out) -> list[Conflict]:
    import kg

    return find_conflicts(kg.open(articles_out))


def one(conflicts: list[Conflict], kind: str, subject: str, prop: str | None = None) -> Conflict:
    found = [c for c in conflicts if c.kind == kind and c.subject.endswith("/" + subject) and (prop is None or c.property == prop)]
    assert len(found) == 1, [(c.kind, c.subject, c.property) for c in conflicts]
    return found[0]


@pytest.mark.parametrize(
    "a,b,agree",
    [
        ("2025", "2025-02-20", True),
        ("2025-09", "2025-09-06", True),
        ("2025-09-05", "2025-09-06", False),
        ("2025-08", "2025-09-06", False),
        ("2024", "2025-02", False),
    ],
)
def test_dates_agree_as_far_as_the_less_precise_goes(a, b, agree):
    assert dates_agree(PartialDate.parse(a), PartialDate.parse(b)) is agree


def claims(conflict: Conflict) -> set[tuple[str, str]]:
    return {(c.value, c.source) for c in conflict.claims}


def test_the_built_in_sources_disagree_where_the_source_notes_say(seed, builtin):
    assert sorted(c.kind for c in seed) == ["contested", "lead role", "premiere", "quantity", "spelling"]
    # the register keeps every one of them, with every claim, whatever its sources add
    for conflict in seed:
        kept = one(builtin, conflict.kind, conflict.subject.rsplit("/", 1)[-1], conflict.property)
        assert claims(conflict) <= claims(kept), (conflict.kind, conflict.subject)

    money = one(seed, "quantity", "red-silk", "kgo:boxOffice")
    sides = {(c.value, c.wording, c.source) for c in money.claims}
    assert sides == {
        ("= 643,000,000 RUB", "₽643 million", "wikipedia-red-silk"),
        ("= 689,000,000 RUB", "₽689 million", "china-daily-red-silk-box-office"),
    }
    assert all(c.origin == "source" and c.title for c in money.claims)

    spelling = one(seed, "spelling", "svetlana-chuykina")
    assert {(c.value, c.note, c.source) for c in spelling.claims} == {
        ("Svetlana Chuykina", "schema:name", "red-silk-sco-film-week"),
        ("Svetlana Chuikina", "schema:alternateName", "wikipedia-red-silk"),
    }
    article_side = next(c for c in spelling.claims if c.origin == "document")
    assert article_side.evidence == "The lead actress, Svetlana Chuykina" and article_side.begin is not None

    lead = one(seed, "lead role", "red-silk")
    values = {c.value for c in lead.claims}
    assert "Svetlana Chuykina: lead (lead actress)" in values
    assert "Miloš Biković: lead (billed first in the cast list)" in values
    assert "Svetlana Chuykina: not the lead (billed sixth in the cast list)" in values

    premiere = one(seed, "premiere", "red-silk")
    assert [(c.value, c.wording, c.source) for c in premiere.claims] == [
        ("2025-09-04 Red Silk premiere in Beijing", None, "cmg-globaltimes-red-silk-china-premiere"),
        ("2025-09-06 Nationwide premiere of Red Silk in China", "Sept. 6", "red-silk-sco-film-week"),
    ]
    assert premiere.claims[1].evidence == "The film is set to premiere nationwide in China on Sept. 6."

    contested = one(seed, "contested", "red-silk")
    assert contested.claims[0].value == "achieved the highest box office revenue in its category"
    assert "China Daily reported ₽689 million" in contested.claims[1].note


def test_dates_of_different_precision_that_agree_are_not_conflicts(seed, builtin, with_articles):
    # the Russian release: 2025 ("early this year") against 2025-02-20; the week's end: 2025 against 2025-08-31
    for conflicts in (seed, builtin, with_articles):
        subjects = {c.subject.rsplit("/", 1)[-1] for c in conflicts if c.kind == "date"}
        assert "red-silk-russia-release" not in subjects

    def ends(conflicts: list[Conflict]) -> dict[str, Conflict]:
        return {c.subject: c for c in conflicts if c.kind == "date" and c.property == "schema:endDate"}

    # the closing article's "last Sunday" (2025 only) makes no conflict of its own: where the
    # register's sources disagree about an end (the week: 25 against 31 August), it is only shown
    assert not ends(seed) and set(ends(with_articles)) == set(ends(builtin))
    for subject, conflict in ends(with_articles).items():
        added = claims(conflict) - claims(ends(builtin)[subject])
        assert added <= {("2025", "test-sco-week-closing")}, added


def test_an_article_that_disagrees_is_listed_with_both_sides(with_articles, builtin):
    release = one(with_articles, "date", "red-silk-china-release", "schema:startDate")
    sides = {(c.value, c.wording, c.source) for c in release.claims}
    assert ("2025-09-05", "last Friday", "test-red-silk-china-release") in sides
    assert ("2025-09-06", "Sept. 6", "red-silk-sco-film-week") in sides
    assert ("2025-09-06", None, "cmg-globaltimes-red-silk-china-premiere") in sides
    assert ("2025-09", "planned for September", "ecns-2025-05-08") in sides  # agrees with both, shown for context
    new_side = next(c for c in release.claims if c.source == "test-red-silk-china-release")
    assert new_side.evidence == "was released nationwide in China last Friday"

    crew = one(with_articles, "quantity", "red-silk", "kgo:castAndCrewSize")
    assert {(c.value, c.wording) for c in crew.claims} == {
        ("≤ 1,700 cast and crew members", "nearly 1,700"),
        ("≥ 2,000 cast and crew members", "More than 2,000"),
    }
    money = one(with_articles, "quantity", "red-silk", "kgo:boxOffice")  # the article's figure beside every source's
    assert claims(money) == claims(one(builtin, "quantity", "red-silk", "kgo:boxOffice")) | {
        ("≥ 700,000,000 RUB", "test-red-silk-china-release")
    }

    premiere = one(with_articles, "premiere", "red-silk")
    assert "a premiere in China dated after a release there" in premiere.summary  # the Beijing screening, 4 September
    assert ("2025-09-04 Red Silk premiere in Beijing", "Thursday") in {(c.value, c.wording) for c in premiere.claims}

    week = one(with_articles, "date", "sco-film-and-television-week", "schema:startDate")
    first = {"red-silk-sco-film-week", "press-release-sco-week-2025", "test-steppe-wind"}  # the sources the article came with
    assert {c.value for c in week.claims if c.source in first} == {"2025-08-22", "2025-08-23"}
    assert claims(week) == claims(one(builtin, "date", "sco-film-and-television-week", "schema:startDate")) | {
        ("2025-08-23", "test-steppe-wind")
    }


def test_kg_conflicts_prints_a_table_and_json(built_out, builtin):
    result = CliRunner().invoke(cli, ["conflicts", "--data", str(built_out)])
    assert result.exit_code == 0, result.output
    for words in (
        "₽643 million",
        "₽689 million",
        "Svetlana Chuikina",
        "lead actress",
        "2025-09-04",
        "Sept. 6",
        f"\n{len(builtin)} conflicts;",
    ):
        assert words in result.output
    result = CliRunner().invoke(cli, ["conflicts", "--data", str(built_out), "--format", "json"])
    data = json.loads(result.output)
    assert len(data) == len(builtin) and {c["kind"] for c in data} == {c.kind for c in builtin}
    assert {"quantity", "spelling", "lead role", "premiere", "contested"} <= {
        c["kind"] for c in data if c["subject"].endswith(("/red-silk", "/svetlana-chuykina"))
    }
    assert all(claim["graph"] and claim["source"] for c in data for claim in c["claims"])


def test_kg_conflicts_without_a_build_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["conflicts", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "run `kg build` first" in result.output


def test_conflicts_about_some_subjects_are_those_of_the_whole_graph(store, builtin, with_articles, articles_out):
    """What a view of part of the graph asks for: the same conflicts, read for its nodes only."""
    import kg

    for found, where in ((builtin, store), (with_articles, kg.open(articles_out))):
        subjects = {c.subject for c in found}
        for subject in subjects:
            assert find_conflicts(where, [subject]) == [c for c in found if c.subject == subject]
        assert find_conflicts(where, sorted(subjects) + [str(RES["nobody"])]) == found
        assert find_conflicts(where, []) == []


def test_views_of_part_of_the_graph_mark_what_its_nodes_are_disputed_about(store):
    from kg.network.graphs import build_graph

    focus = build_graph(store, focus="Svetlana Chuykina", hops=1)
    disputed = {a["label"]: a["disputed"] for _, a in focus.nodes(data=True) if a.get("disputed")}
    assert set(disputed) == {"Svetlana Chuykina", "Red Silk"}
    assert disputed["Svetlana Chuykina"][0].startswith("spelling (schema:name / schema:alternateName)")
    assert any("Svetlana Chuikina — Wikipedia" in line for line in disputed["Svetlana Chuykina"])
    countries = build_graph(store, projection_name="countries")
    assert not any(a.get("disputed") for _, a in countries.nodes(data=True))  # no country is disputed
