#!/usr/bin/env bash
# Build the API reference (HTML, from the docstrings) with pdoc into DIR (default build/api).
# Needs pdoc (in the test extra): bash scripts/test.sh installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
"$python" -m pdoc \
    policyline policyline.errors policyline.fields policyline.text \
    policyline.testing policyline.testing.strategies policyline.testing.naive policyline.testing.laws \
    --docformat restructuredtext --no-search -o "${1:-build/api}"
echo "API reference in ${1:-build/api}/index.html"
