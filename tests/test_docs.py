"""The docs say what the code does: the CLI reference is current, the README's commands are real."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def test_cli_reference_is_current():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts/cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs/cli.md").read_text(encoding="utf-8") == module.render(), "run: .venv/bin/python scripts/cli_docs.py"


def test_readme_opens_with_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    block = lines[lines.index("```bash") + 1 : lines.index("```")]
    assert len(block) == 2
    assert block[0].startswith("scripts/setup.sh && .venv/bin/kg run")
    assert block[1].startswith("scripts/test.sh")
