"""The one front door: policyline's public names and modules, pinned."""

from __future__ import annotations

import inspect
import pkgutil
import subprocess
import sys

import policyline
from policyline import errors, fields, text

PUBLIC_NAMES = [
    "BUILTIN",
    "SCHEMA_VERSION",
    "AgreementSigned",
    "Answers",
    "AwardGranted",
    "AwardNominated",
    "CQOAppointed",
    "Change",
    "Corrected",
    "Coverage",
    "DateReading",
    "DecodeError",
    "DesignationGranted",
    "Diff",
    "Event",
    "Events",
    "Explanation",
    "Figure",
    "Identity",
    "ImpreciseDate",
    "Party",
    "PlatformLaunched",
    "PolicyIssued",
    "PolicyRepealed",
    "PolicylineError",
    "Problem",
    "ProgramLaunched",
    "Projection",
    "Refusal",
    "Region",
    "RegionState",
    "Retracted",
    "Selection",
    "Settled",
    "Source",
    "State",
    "StatisticReported",
    "StatisticSeries",
    "Store",
    "Table",
    "Tally",
    "Timeline",
    "compose",
    "copy",
    "decode",
    "encode",
    "event_schema",
    "event_type",
    "figures",
    "load",
    "open",
    "parse_date",
    "parse_date_zh",
    "plot",
    "read_date_zh",
    "region",
]

PUBLIC_MODULES = ["errors", "fields", "testing", "text"]
"""Modules besides the front door that users import; every other one is private (``_``)."""


def test_the_public_names_are_exactly_these() -> None:
    """Adding or removing a public name is a decision: this list changes with it."""
    assert policyline.__all__ == PUBLIC_NAMES


def test_all_is_sorted_and_every_name_exists() -> None:
    """__all__ is sorted, unique, and every name in it is importable from policyline."""
    names = policyline.__all__
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert len(set(names)) == len(names)
    for name in names:
        assert getattr(policyline, name) is not None


def test_every_other_module_is_private() -> None:
    """What is importable without an underscore is what is supported."""
    found = [
        module.name
        for module in pkgutil.iter_modules(policyline.__path__)
        if not module.name.startswith("_")
    ]
    assert sorted(found) == PUBLIC_MODULES
    for module in (fields, text):
        assert sorted(module.__all__, key=lambda n: (not n.isupper(), n)) == module.__all__
        for name in module.__all__:
            assert getattr(module, name) is not None


def test_every_error_is_under_the_root_and_a_builtin() -> None:
    """Each error class subclasses PolicylineError and a builtin callers already catch."""
    classes = [
        c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, Exception)
    ]
    assert classes
    for error in classes:
        assert issubclass(error, errors.PolicylineError)
        if error is not errors.PolicylineError:
            builtins = [b for b in error.__mro__ if b.__module__ == "builtins"]
            assert any(b is not Exception and b is not BaseException for b in builtins[:-2])


def test_import_has_no_side_effects() -> None:
    """Importing policyline opens no file beyond its own modules, imports no drawing or
    database library and loads no converter."""
    code = (
        "import sys, policyline; "
        "assert 'matplotlib' not in sys.modules; "
        "assert 'psycopg' not in sys.modules; "
        "from policyline._hanzi import converter_loaded; "
        "assert not converter_loaded()"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_m_policyline_is_the_command() -> None:
    """``python -m policyline`` runs the command line."""
    result = subprocess.run(
        [sys.executable, "-m", "policyline", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "usage: policyline" in result.stdout


def test_the_version_is_the_package_version() -> None:
    """``policyline.__version__`` is the version pyproject.toml declares."""
    import tomllib
    from pathlib import Path

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert policyline.__version__ == declared
