"""policyline: policy timelines on event sourcing.

Immutable, dated, sourced events are folded by projections into point-in-time regional
states::

    import policyline as pl

    timeline = pl.load("events/")
    hangzhou = timeline.as_of("2021-09-15").region("杭州")
    hangzhou.platforms, hangzhou.statistic("首席质量官平台成员单位")
"""

from policyline._batch import StatisticSeries
from policyline._codec import decode, decode_lines, encode, encode_line, upcast
from policyline._dates import ImpreciseDate, parse_date
from policyline._events import (
    SCHEMA_VERSION,
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    Corrected,
    CQOAppointed,
    DesignationGranted,
    Event,
    PlatformLaunched,
    PolicyIssued,
    PolicyRepealed,
    ProgramLaunched,
    Retracted,
    Source,
    StatisticReported,
)
from policyline._figures import Figure
from policyline._loading import load
from policyline._projections import BUILTIN, Composite, Projection, collecting, compose
from policyline._regions import Region, region
from policyline._render.text import align_columns
from policyline._state import Explanation, RegionState, State, Tally
from policyline._stores import (
    JSONLinesStore,
    SQLiteStore,
    Store,
    TornLine,
    TornLineWarning,
    copy,
    open,
)
from policyline._timeline import Change, Diff, Timeline
from policyline._zh_dates import parse_date_zh
from policyline.errors import (
    AmbiguousStatistic,
    ConcurrencyError,
    ConflictingEvent,
    DanglingReference,
    DecodeError,
    IncompatibleFigures,
    InvalidArgument,
    InvalidDate,
    InvalidEvent,
    MissingFont,
    NoEventFiles,
    PolicylineError,
    Problem,
    StoreError,
    UnknownRegion,
    UnknownStatistic,
)

__all__ = [
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
