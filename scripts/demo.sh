#!/usr/bin/env bash
# Set up a virtual environment, import the corpus in events/ into the embedded SQLite store,
# replay it and answer as-of questions.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -e .
.venv/bin/python examples/main_job.py "$@"
