"""The API reference is built from the docstrings by pdoc (scripts/api.sh), without a
warning, and documents every public name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import policyline
import policyline.testing

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("pdoc")


def test_the_api_reference_builds_and_documents_every_public_name(tmp_path: Path) -> None:
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "api.sh"), str(tmp_path)],
        env=os.environ | {"PYTHON": sys.executable, "PYTHONWARNINGS": "error::UserWarning"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    front = (tmp_path / "policyline.html").read_text(encoding="utf-8")
    for name in policyline.__all__:
        assert f'id="{name}"' in front, name
    kit = (tmp_path / "policyline" / "testing.html").read_text(encoding="utf-8")
    for name in policyline.testing.__all__:
        assert f'id="{name}"' in kit, name
    laws = (tmp_path / "policyline" / "testing" / "laws.html").read_text(encoding="utf-8")
    assert 'id="check_projection"' in laws
