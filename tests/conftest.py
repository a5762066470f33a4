"""Shared fixtures: one build of the built-in data per test session, in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_out(tmp_path_factory) -> Path:
    """A folder holding the build output of data/ (kg.trig, kg.nq, kg.ttl, kg.jsonld)."""
    out = tmp_path_factory.mktemp("out")
    kg.build(ROOT / "data", out, ROOT / "ontology")
    return out


@pytest.fixture(scope="session")
def store(built_out):
    """The built graph opened in the default store."""
    return kg.open(built_out)


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A private copy of data/ that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "data", copy)
    return copy


@pytest.fixture(scope="session")
def virtuoso_server(built_out, tmp_path_factory):
    """A private Virtuoso on 127.0.0.1 holding the build (pushed with kg push); stopped afterwards.

    Virtuoso must be installed (scripts/install-test-deps.sh does it, and CI runs that): a
    missing server fails the tests that need it instead of skipping them silently.
    """
    from kg.query.push import push

    from . import virtuoso

    if not virtuoso.available():
        pytest.fail("Debian's virtuoso-opensource is not installed: run scripts/install-test-deps.sh")
    server = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        push(built_out, server.graph_store, "dba", "dba")
        yield server
    finally:
        server.stop()


STORES = ["memory", "oxigraph", "oxigraph-memory", "remote"]


@pytest.fixture(scope="session", params=STORES)
def every_store(request, built_out):
    """The built graph in each store in turn: tests using it run once per store."""
    if request.param == "remote":
        return kg.open(built_out, "remote", request.getfixturevalue("virtuoso_server").endpoint)
    copy = built_out.parent / f"{built_out.name}-{request.param}"
    if not copy.exists():
        shutil.copytree(built_out, copy)  # the oxigraph store writes beside the build; keep the shared one clean
    return kg.open(copy, request.param)


#: The reference sheets of the built-in data before the register grew it (one article about Red
#: Silk and its sources): the graph some tests were written for, whose answers they know exactly.
SEED_SHEETS = (
    "astana-times-sco-membership",
    "cctv-qingdao-tv-week-name",
    "china-daily-2018-sco-film-festival",
    "china-daily-asia-red-silk-crew",
    "china-daily-red-silk-box-office",
    "chinese-wikipedia-china-daily-red-silk-names",
    "cmg-globaltimes-red-silk-china-premiere",
    "ecns-2025-05-08",
    "imdb-red-silk",
    "press-release-sco-week-2025",
    "wikidata",
    "wikipedia-red-silk",
)


def copy_seed_data(dest: Path) -> Path:
    """A data folder at ``dest`` with data/documents, data/facts and only the :data:`SEED_SHEETS`."""
    shutil.copytree(ROOT / "data" / "documents", dest / "documents")
    shutil.copytree(ROOT / "data" / "facts", dest / "facts")
    (dest / "reference").mkdir()
    for name in SEED_SHEETS:
        shutil.copy(ROOT / "data" / "reference" / f"{name}.yaml", dest / "reference" / f"{name}.yaml")
    return dest


@pytest.fixture()
def seed_data(tmp_path) -> Path:
    """A private minimal data folder: the article and the seed sheets only (see :data:`SEED_SHEETS`)."""
    return copy_seed_data(tmp_path / "seed")
