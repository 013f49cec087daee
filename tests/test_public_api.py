"""The one front door: policyline's public names, pinned."""

from __future__ import annotations

import subprocess
import sys

import policyline

PUBLIC_NAMES = [
    "BUILTIN",
    "SCHEMA_VERSION",
    "AgreementSigned",
    "AmbiguousStatistic",
    "AwardGranted",
    "AwardNominated",
    "CQOAppointed",
    "Change",
    "Composite",
    "ConcurrencyError",
    "ConflictingEvent",
    "Corrected",
    "DanglingReference",
    "DecodeError",
    "DesignationGranted",
    "Diff",
    "Event",
    "Explanation",
    "Figure",
    "ImpreciseDate",
    "IncompatibleFigures",
    "InvalidArgument",
    "InvalidDate",
    "InvalidEvent",
    "JSONLinesStore",
    "MissingFont",
    "NoEventFiles",
    "PlatformLaunched",
    "PolicyIssued",
    "PolicyRepealed",
    "PolicylineError",
    "Problem",
    "ProgramLaunched",
    "Projection",
    "Region",
    "RegionState",
    "Retracted",
    "SQLiteStore",
    "Source",
    "State",
    "StatisticReported",
    "StatisticSeries",
    "Store",
    "StoreError",
    "Tally",
    "Timeline",
    "TornLine",
    "TornLineWarning",
    "UnknownRegion",
    "UnknownStatistic",
    "align_columns",
    "collecting",
    "compose",
    "copy",
    "decode",
    "decode_lines",
    "encode",
    "encode_line",
    "load",
    "open",
    "parse_date",
    "parse_date_zh",
    "region",
    "upcast",
]


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


def test_import_has_no_side_effects() -> None:
    """Importing policyline opens no file beyond its own modules and loads no converter."""
    code = (
        "import sys, policyline; "
        "assert 'matplotlib' not in sys.modules; "
        "from policyline._hanzi import _converter; "
        "assert _converter.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
