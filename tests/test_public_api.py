"""The one front door: policyline's public names, pinned."""

from __future__ import annotations

import subprocess
import sys

import policyline


def test_all_is_sorted_and_every_name_exists() -> None:
    """__all__ is sorted, unique, and every name in it is importable from policyline."""
    names = policyline.__all__
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert len(set(names)) == len(names)
    for name in names:
        assert getattr(policyline, name) is not None


def test_import_has_no_side_effects() -> None:
    """Importing policyline opens no file beyond its own modules and loads no converter."""
    code = (
        "import sys, policyline; "
        "assert 'matplotlib' not in sys.modules; "
        "from policyline.hanzi import _converter; "
        "assert _converter.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
