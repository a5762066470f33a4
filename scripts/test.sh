#!/usr/bin/env bash
# Set up everything the tests need, then run them. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/install-test-deps.sh
.venv/bin/ruff check kg tests
.venv/bin/python -m pytest "$@"
