"""policyline: policy timelines on event sourcing.

Immutable, dated, sourced events are folded by projections into point-in-time regional
states::

    import policyline as pl

    timeline = pl.load("events/")
    hangzhou = timeline.as_of("2021-09-15").region("杭州")
    hangzhou.platforms, hangzhou.statistic("首席质量官平台成员单位")

Everything importable from here is supported; the error tree is in
:mod:`policyline.errors` and the field rules for declaring an event type of one's own in
:mod:`policyline.fields`. Modules whose names start with ``_`` are not part of the API.
"""

from policyline._batch import StatisticSeries
from policyline._codec import decode, encode
from policyline._dates import ImpreciseDate, parse_date
from policyline._declaring import event_type
from policyline._events import (
    SCHEMA_VERSION,
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    Corrected,
    CQOAppointed,
    DesignationGranted,
    Event,
    Party,
    PlatformLaunched,
    PolicyIssued,
    PolicyRepealed,
    ProgramLaunched,
    Retracted,
    Settled,
    Source,
    StatisticReported,
)
from policyline._export import Table
from policyline._figures import Coverage, Figure, Refusal
from policyline._identity import Identity
from policyline._loading import figures, load
from policyline._projections import BUILTIN, Projection, compose
from policyline._regions import Region, region
from policyline._render.plot import plot
from policyline._results import Answers, Events
from policyline._rollup import Tally
from policyline._schema import event_schema
from policyline._selection import Selection
from policyline._state import Explanation, RegionState, State
from policyline._stores import Store, copy, open
from policyline._timeline import Change, Diff, Timeline
from policyline._zh_dates import DateReading, parse_date_zh, read_date_zh
from policyline.errors import DecodeError, PolicylineError, Problem

__version__ = "0.2.0"

__all__ = [
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
