#!/usr/bin/env bash
# Set up a virtual environment and run the whole test suite: ruff, mypy --strict, pytest.
# The bench extra comes along so that benchmarks/ is type-checked against its real peers.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy (strict)"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest "$@"
