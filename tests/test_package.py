"""A real package: the wheel carries the ontology, queries and sample data, and works from an
empty folder outside the checkout, in a clean virtual environment, as a new user would use it."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    """sdist and wheel, built with `python -m build` from the checkout."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=ROOT)
    return out


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> dict:
    """A clean venv (no access to the checkout or the test venv) with only the wheel installed."""
    home = tmp_path_factory.mktemp("user")
    env_dir = home / "venv"
    venv.create(env_dir, with_pip=True)
    wheel = next(dist.glob("*.whl"))
    run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=home)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "KG_"))}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return {"home": home, "env": env, "kg": str(env_dir / "bin" / "kg"), "python": str(env_dir / "bin" / "python")}


def test_the_wheel_and_sdist_carry_the_ontology_queries_and_sample(dist):
    names = zipfile.ZipFile(next(dist.glob("*.whl"))).namelist()
    for shipped in ("kg/_ontology/sco-film.ttl", "kg/_ontology/shapes.ttl", "kg/_ontology/queries/sco-members.rq"):
        assert shipped in names
    sample = {Path(n).relative_to("kg/_sample").as_posix() for n in names if n.startswith("kg/_sample/")}
    expected = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file() and "drafts" not in p.parts}
    assert sample == expected, "the wheel's sample is the checkout's data/"
    assert len([n for n in names if n.startswith("kg/_ontology/queries/")]) == len(list((ROOT / "ontology" / "queries").glob("*.rq")))
    assert next(dist.glob("*.tar.gz")).stat().st_size > 0


def test_init_run_query_from_an_empty_folder(installed):
    home, env, kg = installed["home"], installed["env"], installed["kg"]
    made = run([kg, "init", "mygraph", "--sample"], cwd=home, env=env)
    assert "created" in made.stdout and (home / "mygraph" / "kg.toml").is_file()
    project = home / "mygraph"
    done = run([kg, "run"], cwd=project, env=env)
    assert "SHACL: conforms" in done.stdout and "== sco-members" in done.stdout and "Red Silk" in done.stdout
    assert (project / "out" / "kg.trig").is_file() and (project / "out" / "views" / "index.html").is_file()
    # every command finds the project from a folder below it, the way git does
    (project / "data" / "facts" / "deeper").mkdir()
    members = run([kg, "query", "sco-members", "--format", "csv"], cwd=project / "data" / "facts" / "deeper", env=env)
    assert "Kazakhstan" in members.stdout and "Belarus" in members.stdout


def test_outside_a_project_run_uses_the_sample_and_build_says_where_to_start(installed, tmp_path):
    env, kg = installed["env"], installed["kg"]
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run([kg, "run"], cwd=empty, env=env)
    assert "Not inside a kg project" in done.stdout and "SHACL: conforms" in done.stdout
    assert (empty / "out" / "kg.trig").is_file()
    assert "Red Silk" in run([kg, "query", "film-directors"], cwd=empty, env=env).stdout

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    refused = run([kg, "build"], cwd=elsewhere, env=env, check=False)
    assert refused.returncode == 1 and "not inside a kg project" in refused.stderr and "kg init" in refused.stderr
    assert "Traceback" not in refused.stderr and not (elsewhere / "out").exists()


def test_init_refuses_a_folder_with_files_and_leaves_it_alone(installed, tmp_path):
    env, kg = installed["env"], installed["kg"]
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    refused = run([kg, "init", "taken"], cwd=tmp_path, env=env, check=False)
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no staging folder left behind"


def test_russian_drafting_without_the_languages_extra_says_what_to_install(installed, tmp_path):
    """The wheel alone builds and queries; Russian and Chinese drafting need the `languages` extra,
    and say so instead of failing with an ImportError."""
    env, kg = installed["env"], installed["kg"]
    run([kg, "init", "ru"], cwd=tmp_path, env=env)
    article = tmp_path / "statya.txt"
    article.write_text("[TEST ARTICLE] Фильм «Северный караван» вышел в прокат в четверг.\n", encoding="utf-8")
    run([kg, "add", str(article), "--headline", "[TEST ARTICLE] Караван", "--published", "2025-09-05", "--publisher", "kg tests", "--language", "ru"], cwd=tmp_path / "ru", env=env)
    refused = run([kg, "draft", "statya"], cwd=tmp_path / "ru", env=env, check=False)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert "pip install 'sco-film-kg[languages]'" in refused.stderr
