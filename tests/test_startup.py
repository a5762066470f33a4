"""One-shot commands start at once, and the build's shortcuts never give a stale build (issue 17).

- `import kg` and `kg query` load only what they use (checked on sys.modules of real runs);
- `kg build` keeps the SHACL outcome in a content-addressed cache: an edited sheet changes the
  output, an edited shapes file is checked again (a cached "conforms" cannot hide a violation);
- the build writes the same bytes for the same data;
- the blocked search for likely duplicates finds exactly what comparing every pair finds.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from kg.errors import InputError
from kg.ingest import names

from .conftest import ROOT

#: Modules a query never needs: the build's (YAML, SHACL), the views', the server's, the drafts'.
HEAVY = (
    "pyshacl",
    "yaml",
    "networkx",
    "pyvis",
    "pandas",
    "starlette",
    "uvicorn",
    "trafilatura",
    "jieba",
    "rdflib.plugins.sparql.parser",
    "kg.ingest.pipeline",
    "kg.ingest.factsheets",
)


def loaded_modules(code: str) -> set[str]:
    """The modules loaded by the end of ``code``, run in a fresh interpreter."""
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return set(done.stderr.split())


def test_import_kg_loads_no_library():
    modules = loaded_modules("import kg")
    assert not {m for m in modules if m.split(".")[0] in ("rdflib", "pyoxigraph", "click")}
    assert not modules & set(HEAVY)
    # and every public name still resolves
    assert callable(kg.build) and callable(kg.open) and kg.QueryResult and "PREFIX schema:" in kg.SPARQL_PREFIXES


def test_kg_query_loads_only_the_query_path(built_out):
    code = (
        "import sys\nfrom kg.cli import main\n"
        f"sys.argv = ['kg', 'query', 'sco-members', '--data', {str(built_out)!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code\n"
    )
    modules = loaded_modules(code)
    assert "pyoxigraph" in modules  # it did answer from the on-disk store
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_kg_query_and_build_wall_times(built_out, tmp_path):
    """Printed for docs/scale.md; the limits are loose, for a busy machine (the figures are far lower)."""
    script = Path(sys.executable).parent / "kg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    times = {}
    for label, args in (
        ("kg query sco-members", ["query", "sco-members", "--data", str(built_out)]),
        ("kg build", ["build", "--data", str(ROOT / "data"), "--out", str(tmp_path / "out")]),
    ):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([*command, *args], check=True, capture_output=True, timeout=120, cwd=tmp_path)
            runs.append(time.perf_counter() - started)
        times[label] = sorted(runs)[1]
    print("\n" + ", ".join(f"{k}: {v:.2f} s (median of 3)" for k, v in times.items()))
    assert times["kg query sco-members"] < 2.0 and times["kg build"] < 5.0


@pytest.fixture()
def own_cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(folder))
    return folder


def test_an_edited_sheet_changes_the_build(data_copy, tmp_path, own_cache):
    out = tmp_path / "out"
    kg.build(data_copy, out, ROOT / "ontology")
    first = (out / "kg.trig").read_bytes()
    assert list((own_cache / "shacl").glob("*.json")), "the SHACL outcome was not kept"
    kg.build(data_copy, out, ROOT / "ontology")
    assert (out / "kg.trig").read_bytes() == first  # the same data: the same bytes
    sheet = data_copy / "facts" / "red-silk-sco-film-week.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("name: adventure\n", "name: adventure film\n"), encoding="utf-8")
    kg.build(data_copy, out, ROOT / "ontology")
    text = (out / "kg.trig").read_text(encoding="utf-8")
    assert '"adventure film"' in text and '"adventure"@en' not in text
    assert len(list((own_cache / "shacl").glob("*.json"))) == 2  # the new data was checked, not looked up


def test_a_cached_outcome_never_hides_a_violation(data_copy, tmp_path, own_cache):
    """The same data, once conforming, against shapes that now refuse it: the build must fail."""
    ontology = shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    out = tmp_path / "out"
    kg.build(data_copy, out, ontology)
    before = (out / "kg.trig").read_bytes()
    with (ontology / "shapes.ttl").open("a", encoding="utf-8") as f:
        f.write(
            "\n<urn:kg-test:NoNames> a <http://www.w3.org/ns/shacl#NodeShape> ;\n"
            "    <http://www.w3.org/ns/shacl#targetClass> <https://schema.org/Movie> ;\n"
            "    <http://www.w3.org/ns/shacl#property> [ <http://www.w3.org/ns/shacl#path> <https://schema.org/name> ;"
            " <http://www.w3.org/ns/shacl#maxCount> 0 ] .\n"
        )
    with pytest.raises(InputError) as error:
        kg.build(data_copy, out, ontology)
    assert "SHACL" in str(error.value)
    assert (out / "kg.trig").read_bytes() == before  # the last good build stays


def test_no_cache_when_turned_off(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    report = kg.build(data_copy, tmp_path / "out", ROOT / "ontology")
    assert report.validation.conforms
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "home").exists()


def test_blocked_duplicate_search_finds_what_every_pair_finds():
    rng = random.Random(17)
    first = ["Andrey", "Andrei", "Elena", "Yelena", "Maxim", "Maksim", "Li", "Wang", "Kalyuzhny", "Kalyuzhnyy", "Alexander", "Alexandr"]
    last = ["Volgin", "Volgyn", "Chuykina", "Chuikina", "Wei", "Li", "Petrov", "Petrova", "Ivanov", "Byrkin", "Byrkina", "Andrey"]
    registry = names.Registry([], [])
    for i in range(300):
        known = names.Known(f"e{i:03d}", rng.choice(["Person", "Person", "Organization", "City", "Country"]), Path("x.yaml"), 1)
        for _ in range(rng.randint(1, 3)):
            words = [rng.choice(first), rng.choice(last)]
            if rng.random() < 0.3:
                words = words[::-1] if rng.random() < 0.5 else [*words, rng.choice(last)]  # printed family name first; three words
            known.names.append(names.Name(" ".join(words), "name", Path("x.yaml"), 1))
        if rng.random() < 0.1:
            known.wikidata[f"Q{rng.randint(1, 20)}"] = names.Name("Q", "wikidata", Path("x.yaml"), 1)
        registry.entities[known.id] = known
    found = [(d.a.id, d.b.id, d.reason) for d in names.find_duplicates(registry)]
    every = sorted(registry.entities.values(), key=lambda k: k.id)
    expected = [
        (a.id, b.id, reason)
        for i, a in enumerate(every)
        for b in every[i + 1 :]
        if names.compatible(a.type, b.type) and (reason := names._duplicate_reason(a, b))
    ]
    kinds = {reason.split(":")[0].split(" Q")[0] for _, _, reason in expected}
    assert len(kinds) == 5, kinds  # same name, spelling variants, swapped, one letter apart, Wikidata id: all exercised
    assert found == expected
