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
