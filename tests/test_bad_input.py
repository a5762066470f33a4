"""Each kind of bad input fails with the file, the line and what to do; out/ stays as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SHEET = "facts/red-silk-sco-film-week.yaml"


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def break_syntax(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "  - {subject: andrey-volgin, property: nationality", "  - {subject: andrey-volgin property: [nationality")
    return SHEET, line_of(sheet, "subject: andrey-volgin property"), "YAML syntax error"


def unknown_entity(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "    object: andrey-volgin\n", "    object: andrei-volgin\n")
    return SHEET, line_of(sheet, "object: andrei-volgin"), "unknown entity id 'andrei-volgin'"


def unknown_property(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "    property: director\n", "    property: directedBy\n")
    return SHEET, line_of(sheet, "property: directedBy"), "unknown property 'directedBy'"


def impossible_date(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "date: {value: 2025-09-06, wording: Sept. 6}", "date: {value: 2025-02-30, wording: Sept. 6}")
    return SHEET, line_of(sheet, "2025-02-30"), "impossible date"


def quote_not_found(data: Path) -> tuple[str, int, str]:
    # the document was edited after the sheet was written
    replace_in(data / "documents/red-silk-sco-film-week.txt", "directed by Russian director", "directed by the Russian director")
    return SHEET, line_of(data / SHEET, "evidence: The film, directed by Russian director Andrey Volgin"), "evidence not found"


def duplicate_id(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "\nstatements:\n", "\n  - id: red-silk\n    type: Movie\n    name: Red Silk\n    evidence: Red Silk\n\nstatements:\n")
    lines = sheet.read_text(encoding="utf-8").splitlines()
    return SHEET, [i for i, line in enumerate(lines, 1) if line == "  - id: red-silk"][1], "duplicate id 'red-silk'"


def wrong_kind(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    replace_in(sheet, "    object: andrey-volgin\n", "    object: qingdao\n")
    return SHEET, line_of(sheet, "object: qingdao"), "'director' takes a Person, but 'qingdao' is a City"


def not_utf8(data: Path) -> tuple[str, int, str]:
    sheet = data / SHEET
    raw = sheet.read_bytes().replace(b"Chuykina", "Chuyk\xefna".encode("latin-1"), 1)
    sheet.write_bytes(raw)
    return SHEET, raw[: raw.index(b"\xef")].count(b"\n") + 1, "not valid UTF-8"


def empty_file(data: Path) -> tuple[str, int, str]:
    (data / "facts/new-article.yaml").write_text("", encoding="utf-8")
    return "facts/new-article.yaml", 1, "the file is empty"


CASES = [break_syntax, unknown_entity, unknown_property, impossible_date, quote_not_found, duplicate_id, wrong_kind, not_utf8, empty_file]


@pytest.fixture(scope="module")
def good_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good")
    subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_is_reported_with_file_and_line(case, data_copy, good_out):
    before = {p.name: p.read_bytes() for p in good_out.iterdir()}
    relative, line, message = case(data_copy)
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--data", str(data_copy), "--out", str(good_out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{data_copy / relative}:{line}:" in result.stderr, result.stderr
    assert message in result.stderr, result.stderr
    assert "how to fix" in result.stderr or "YAML" in result.stderr
    assert {p.name: p.read_bytes() for p in good_out.iterdir()} == before, "a failed build changed the last good output"
