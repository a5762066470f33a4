"""kg draft: proposals with evidence the build finds, relative dates resolved against the publication
date, qualifiers kept, speakers found, nothing written to data/facts/; precision and recall measured
on hand-annotated articles."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.curate.draft import Draft, draft
from kg.curate.extract.dates import find_dates
from kg.curate.extract.quantities import find_quantities
from kg.errors import InputError
from kg.ingest.dates import PartialDate
from kg.ingest.names import Registry

from .articles import ARTICLES, HELD_OUT, NAMES, add_articles
from .conftest import ROOT

CATEGORIES = ("entities", "dates", "quantities", "quotations", "roles")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A copy of data/ with the test articles registered (without their reviewed sheets)."""
    copy = tmp_path_factory.mktemp("draft") / "data"
    shutil.copytree(ROOT / "data", copy)
    add_articles(copy, NAMES + HELD_OUT, sheets=False)
    return copy


@pytest.fixture(scope="module")
def drafts(data) -> dict[str, Draft]:
    return {name: draft(name, data) for name in NAMES + HELD_OUT}


# -- dates --------------------------------------------------------------------------------------


def dates_in(text: str, published: str, earliest: str | None = None, latest: str | None = None) -> dict[str, str | None]:
    p = PartialDate.parse
    found = find_dates(text, p(published), p(earliest) if earliest else None, p(latest) if latest else None)
    return {d.wording: (str(d.value) if d.value else None) for d in found}


@pytest.mark.parametrize(
    "sentence,published,expected",
    [
        ("The week kicked off last Friday.", "2025-09-08", {"last Friday": "2025-09-05"}),
        ("The week kicked off last Friday.", "2025-09-05", {"last Friday": "2025-08-29"}),  # never the day itself
        ("It was released in Russia early this year.", "2025-08-24", {"early this year": "2025"}),
        ("The film is set to premiere nationwide in China on Sept. 6.", "2025-08-24", {"Sept. 6": "2025-09-06"}),
        ("The film premiered on Sept. 6.", "2025-09-10", {"Sept. 6": "2025-09-06"}),
        ("The festival opened on Monday.", "2025-11-12", {"Monday": "2025-11-10"}),
        ("The festival will close on Monday.", "2025-11-12", {"Monday": "2025-11-17"}),
        ("Shooting began in March.", "2025-11-12", {"March": "2025-03"}),
        ("The film will be released in March.", "2025-11-12", {"March": "2026-03"}),
        ("It opens next month.", "2025-11-12", {"next month": "2025-12"}),
        ("It was shown yesterday.", "2025-11-12", {"yesterday": "2025-11-11"}),
        ("It was shown last week.", "2025-11-12", {"last week": "2025-11"}),
        ("It was shown two weeks ago.", "2025-11-20", {"two weeks ago": "2025-11"}),
        ("It was shown two weeks ago.", "2025-11-12", {"two weeks ago": "2025"}),  # some day from 26 October to 1 November
        ("It premiered on 20 February 2025 in Moscow.", "2025-11-12", {"20 February 2025": "2025-02-20"}),
        ("It premiered on Saturday, Sept. 6, 2025.", "2025-11-12", {"Saturday, Sept. 6, 2025": "2025-09-06"}),
        ("Shooting began in February 2024.", "2025-11-12", {"February 2024": "2024-02"}),
        ("Since 2020, more than 40 films.", "2025-11-12", {"2020": "2020"}),
        ("The festival ends late next year.", "2025-11-12", {"late next year": "2026"}),
    ],
)
def test_relative_dates_are_resolved_against_the_publication_date(sentence, published, expected):
    assert dates_in(sentence, published) == expected


def test_an_uncertain_publication_date_gives_only_the_precision_it_allows():
    text = "The week kicked off last Friday. It premieres on Sept. 6."
    # the first article: August 2025, published between the 23rd and the 29th
    assert dates_in(text, "2025-08", "2025-08-23", "2025-08-29") == {"last Friday": "2025-08-22", "Sept. 6": "2025-09-06"}
    # known only to the month: "last Friday" is some Friday from 25 July to 29 August
    assert dates_in(text, "2025-08") == {"last Friday": "2025", "Sept. 6": "2025-09-06"}
    # a range across a new year gives no date, only the words
    assert dates_in("It happened last week.", "2026-01-07") == {"last week": None}
    assert dates_in("It happened last week.", "2026-01-02") == {"last week": "2025-12"}


def test_the_real_article_resolves_as_its_curated_sheet_does():
    doc = ROOT / "data/documents/red-silk-sco-film-week.txt"
    found = dates_in(doc.read_text(encoding="utf-8"), "2025-08", "2025-08-23", "2025-08-29")
    assert found == {"last Friday": "2025-08-22", "2020": "2020", "early this year": "2025", "Sept. 6": "2025-09-06"}


# -- quantities ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,bound,number,unit,currency",
    [
        ("with nearly 1,700 cast and crew members involved", "max", 1700, "cast and crew members", None),
        ("more than 40 co-produced films have been initiated", "min", 40, "co-produced films", None),
        ("over 1 million viewers in the first three weeks", "min", 1_000_000, "viewers", None),
        ("more than 500 million rubles at the box office", "min", 500_000_000, None, "RUB"),
        ("about 170 Russian crew", "approx", 170, "Russian crew", None),
        ("it grossed ₽643 million", "value", 643_000_000, None, "RUB"),
        ("30 films were shown", "value", 30, "films", None),
        ("shot with a crew of about 250, and", "approx", 250, "crew", None),  # what is counted comes first
    ],
)
def test_quantities_keep_their_qualifier_as_a_bound(text, bound, number, unit, currency):
    (q,) = find_quantities(text)
    assert getattr(q, bound) == number and q.unit == unit and q.currency == currency
    assert q.wording in text


def test_lengths_of_time_and_bare_number_words_are_not_quantities():
    assert find_quantities("The film runs 146 minutes; the two countries; the first three weeks; in 2024.") == []


# -- the drafts ---------------------------------------------------------------------------------


def test_a_draft_builds_as_it_stands_every_evidence_is_found(data, drafts, tmp_path):
    """Copied unreviewed into data/facts/, every proposal passes the build's checks (quotes found)."""
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    for name, d in drafts.items():
        (trial / "facts" / f"{name}.yaml").write_text(d.to_yaml(), encoding="utf-8")
    report = kg.build(trial, tmp_path / "out", ROOT / "ontology")
    assert report.documents == 5 and report.validation.conforms


def test_known_entities_are_proposed_by_id_and_new_spellings_recorded(drafts):
    d = drafts["test-red-silk-china-release"]
    by_text = {m.text: (m.entity, m.how) for m in d.mentions}
    assert by_text["Andrei Volgin"] == ("andrey-volgin", "variant")
    assert by_text["Svetlana Chuikina"] == ("svetlana-chuykina", "alternateName")
    assert by_text["Volgin"] == ("andrey-volgin", "family name")
    assert by_text["Красный шёлк"] == ("red-silk", "label:ru") and by_text["红丝绸"] == ("red-silk", "label:zh")
    assert not [e for e in d.entities if e.data.get("type") in ("Person", "Movie")]  # nobody declared twice
    spellings = [s.data for s in d.statements if s.data["property"] == "alternateName"]
    assert spellings == [{"subject": "andrey-volgin", "property": "alternateName", "value": "Andrei Volgin", "evidence": "Andrei Volgin"}]


def test_a_near_namesake_is_a_new_entity_not_a_merge(drafts):
    d = drafts["test-steppe-wind"]
    new = {e.data["name"]: e.data["id"] for e in d.entities if e.data["type"] == "Person"}
    assert new == {"Aigerim Nurlanova": "aigerim-nurlanova", "Yang Yan": "yang-yan"}
    assert "yang-yang" not in {m.entity for m in d.mentions}


def test_a_one_letter_near_miss_is_flagged_for_the_curator(data, tmp_path):
    text = tmp_path / "near.txt"
    text.write_text(
        '"We are proud of the film and of everyone who made it," said Svetlana Chumkina, lead actress of the film.\n', encoding="utf-8"
    )
    from kg.curate.intake import add_document

    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    add_document(text, headline="H", published="2025-09-01", publisher="P", data=trial)
    d = draft("near", trial)
    (person,) = [e for e in d.entities if e.data["type"] == "Person"]
    assert person.data["id"] == "svetlana-chumkina"
    assert any("one letter away from 'Svetlana Chuykina' (svetlana-chuykina)" in n for n in person.notes)


def test_speakers_are_found_from_names_and_pronouns(drafts):
    speakers = {q.text.split()[0] + " " + q.text.split()[1]: s for q, s in drafts["test-red-silk-china-release"].quotations}
    assert speakers == {"Audiences in": "andrey-volgin", "We rehearsed": "svetlana-chuykina"}  # "Volgin said", "she said"
    creator = next(
        s
        for s in drafts["test-red-silk-china-release"].statements
        if s.data["property"] == "creator" and "she said" in str(s.data["evidence"])
    )
    assert any("'she' is taken to be svetlana-chuykina" in n for n in creator.notes)


def test_role_patterns_give_roles_with_qualifiers(data):
    # drafted as when it arrived: without its own sheet, whose entities were then new
    fresh = Registry.from_data(data, skip={(data / "facts/red-silk-sco-film-week.yaml").resolve()})
    d = draft("red-silk-sco-film-week", data, fresh)
    roles = {(s.data["property"], s.data["object"]): s.data for s in d.statements if s.data["subject"] == "red-silk" and "object" in s.data}
    assert roles[("director", "andrey-volgin")]["evidence"] == "directed by Russian director Andrey Volgin"
    assert roles[("producer", "vadim-byrkin")]["qualifiers"] == {"roleName": "Russian producer", "side": "russia"}
    assert roles[("actor", "svetlana-chuykina")]["qualifiers"] == {"roleName": "lead actress", "leadRole": True}
    assert ("countryOfOrigin", "china") in roles and ("countryOfOrigin", "russia") in roles


def test_dates_and_quantities_are_attached_with_wording(drafts):
    d = drafts["test-red-silk-china-release"]
    statements = [s.data for s in d.statements]
    # the article's release date and crew figure contradict the graph: proposed apart, with both values
    release = next(s.data for s in d.disagreements if s.data["subject"] == "red-silk-china-release")
    assert release["date"] == {"value": "2025-09-05", "wording": "last Friday"}
    crew = next(s.data for s in d.disagreements if s.data["property"] == "castAndCrewSize")
    assert crew["quantity"] == {"min": 2000, "wording": "More than 2,000", "unit": "cast and crew members"}
    assert not any(s["subject"] == "red-silk-china-release" and "date" in s for s in statements)
    money = next(s.data for s in d.disagreements if s.data["property"] == "boxOffice")  # above both reference figures
    assert money["quantity"] == {"min": 700000000, "wording": "more than 700 million rubles", "currency": "RUB"}


def test_kg_draft_writes_to_drafts_never_to_facts(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    sheet = trial / "facts/test-steppe-wind.yaml"
    assert not sheet.exists()
    result = CliRunner().invoke(cli, ["draft", "test-steppe-wind", "--data", str(trial)])
    assert result.exit_code == 0, result.output
    written = trial / "drafts/test-steppe-wind.yaml"
    assert f"wrote {written}" in result.output and not sheet.exists()
    proposed = yaml.safe_load(written.read_text(encoding="utf-8"))
    assert proposed["document"] == "test-steppe-wind" and proposed["entities"] and proposed["statements"]
    result = CliRunner().invoke(cli, ["draft", "test-steppe-wind", "--data", str(trial), "--out", str(trial / "facts/x.yaml")])
    assert result.exit_code == 1 and "a draft is never written into" in result.output and not (trial / "facts/x.yaml").exists()
    result = CliRunner().invoke(cli, ["draft", "test-steppe-wind", "--data", str(trial), "--out", "-"])
    assert result.output.startswith("# DRAFT fact sheet")


def test_bad_input_to_kg_draft_gets_a_clear_error(data, tmp_path):
    trial = tmp_path / "data"
    shutil.copytree(data, trial)
    result = CliRunner().invoke(cli, ["draft", "no-such-article", "--data", str(trial)])
    assert result.exit_code == 1 and "no document named 'no-such-article'" in result.output
    assert "red-silk-sco-film-week" in result.output  # the hint lists what is registered
    (trial / "documents/empty.txt").write_text("\n", encoding="utf-8")
    (trial / "documents/empty.yaml").write_text("headline: H\npublisher: P\nlanguage: en\ndate_published: 2025\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "empty", "--data", str(trial)])
    assert result.exit_code == 1 and "empty.txt:1: the document is empty" in result.output
    meta = trial / "documents/test-steppe-wind.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("date_published: 2025-11-12", "date_published: 12 Nov 2025"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["draft", "test-steppe-wind", "--data", str(trial)])
    assert result.exit_code == 1 and "test-steppe-wind.yaml:" in result.output and "write YYYY, YYYY-MM or YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
    with pytest.raises(InputError):
        draft("no-such-article", trial)


# -- precision and recall -----------------------------------------------------------------------


def _found(d: Draft) -> dict[str, Counter]:
    bounds = ("value", "min", "max", "approx")
    return {
        "entities": Counter((m.text, m.entity if m.known else "new") for m in d.mentions),
        "dates": Counter((x.wording, str(x.value) if x.value else None) for x in d.dates),
        "quantities": Counter((q.wording, k, float(getattr(q, k))) for q in d.quantities for k in bounds if getattr(q, k) is not None),
        "quotations": Counter((" ".join(q.text.split()[:3]), s) for q, s in d.quotations),
        "roles": Counter({(r.property, o): 1 for r, _, o in d.roles}),
    }


def _expected(annotations: dict) -> dict[str, Counter]:
    bounds = ("value", "min", "max", "approx")
    return {
        "entities": Counter((e["text"], e["id"]) for e in annotations["entities"]),
        "dates": Counter((e["wording"], str(e["value"]) if e["value"] else None) for e in annotations["dates"]),  # null: no value
        "quantities": Counter((e["wording"], k, float(e[k])) for e in annotations["quantities"] for k in bounds if k in e),
        "quotations": Counter((e["starts"], e["speaker"]) for e in annotations["quotations"]),
        "roles": Counter((e["property"], e["object"]) for e in annotations["roles"]),
    }


def score(data: Path) -> dict[str, dict[str, list[int]]]:
    """{'articles' | 'held-out': {category: [true positives, found, expected]}}."""
    totals: dict[str, dict[str, list[int]]] = {}
    for path in sorted((ARTICLES / "expected").glob("*.yaml")):
        if path.stem not in NAMES + HELD_OUT + ("red-silk-sco-film-week",):
            continue  # the Russian and Chinese articles are scored per language by test_draft_languages.py
        annotations = yaml.safe_load(path.read_text(encoding="utf-8"))
        registry = None
        if annotations.get("held_out"):  # the article's own sheet is left out: its entities were new when it came
            registry = Registry.from_data(data, skip={(data / "facts" / f"{path.stem}.yaml").resolve()})
        found, expected = _found(draft(path.stem, data, registry)), _expected(annotations)
        group = totals.setdefault("held-out" if annotations.get("held_out") else "articles", {})
        for category in CATEGORIES:
            tp = sum((found[category] & expected[category]).values())
            counts = group.setdefault(category, [0, 0, 0])
            counts[0] += tp
            counts[1] += sum(found[category].values())
            counts[2] += sum(expected[category].values())
    return totals


def test_precision_and_recall_on_hand_annotated_articles(data, capsys):
    totals = score(data)
    lines = [f"kg draft precision and recall ({dt.date.today()}):"]
    for group, categories in totals.items():
        for category, (tp, found, expected) in categories.items():
            precision = tp / found if found else 1.0
            recall = tp / expected if expected else 1.0
            lines.append(f"  {group:9} {category:11} precision {precision:.2f} ({tp}/{found})  recall {recall:.2f} ({tp}/{expected})")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    for group in totals.values():
        for category in ("entities", "dates"):
            tp, _, expected = group[category]
            assert tp / expected >= 0.8, (category, group)


def test_a_draft_does_not_propose_again_what_the_sheet_already_states(data):
    """Re-drafting after accepting: the first article's curated sheet already says all the draft finds."""
    d = draft("red-silk-sco-film-week", data)
    assert d.entities == [] and d.statements == []
    assert {m.entity for m in d.mentions} >= {"red-silk", "andrey-volgin", "svetlana-chuykina", "vadim-byrkin", "yang-yang"}
