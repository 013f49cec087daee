"""Which statistic a name asks for: the one rule every lookup of a metric follows.

A name is folded (simplified and traditional spellings, width and case alike) and then:

- a metric reported anywhere in the timeline is that metric, whether or not the region
  asked about has reported it by the day, or by the known-time (then the answer is
  ``None``: not yet);
- otherwise its words name the one metric whose name contains them (``采标率`` is
  ``规模以上企业重点产品采标率``);
- otherwise it is an error that says what it could have meant: every metric containing
  the words, or the closest names.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policyline._hanzi import fold
from policyline._regions import region
from policyline._scope import metric_names as named
from policyline._scope import metrics_written
from policyline._view import View
from policyline.errors import UnknownMetric, UnknownStatistic

if TYPE_CHECKING:
    from policyline._dates import DateLike
    from policyline._results import Answers
    from policyline._timeline import Timeline


def metric_names(view: View) -> dict[str, str]:
    """Every metric reported in the view's timeline, whatever the known-time and whether
    or not amended since: folded name -> the name shown (built once per timeline, or
    given by the store a scoped timeline was read from)."""
    whole = view.whole
    if whole.metric_names is None:
        written = (metric for event in whole.all_events for metric in metrics_written(event))
        whole.metric_names = named(written)
    return whole.metric_names


def metric_key(view: View, asked: str) -> str:
    """The folded metric ``asked`` names (see the module notes); :class:`UnknownMetric`
    with suggestions if it names none, or several."""
    key = fold(asked)
    names = metric_names(view)
    if key in names:
        return key
    containing = sorted(name for name in names if key and key in name)
    if len(containing) == 1:
        return containing[0]
    if containing:
        raise UnknownMetric(asked, [names[n] for n in containing], several=True)
    close = difflib.get_close_matches(key, list(names), n=5, cutoff=0.5)
    raise UnknownMetric(asked, [names[n] for n in close], several=False)


def reported_history(
    timeline: Timeline,
    code: str,
    name: str,
    *,
    kind: str | None = None,
    rollup: bool = False,
    known: DateLike | None = None,
) -> Answers:
    """``Timeline.history`` of a statistic the region reported (or, rolled up, a region
    below it did); :class:`UnknownStatistic`, listing what it did report and what the name
    could have meant, if none. For the routes that draw or print one statistic."""

    def refused(suggestions: Sequence[str] = ()) -> UnknownStatistic:
        reported = timeline.metrics(code, rollup=rollup, known=known)
        names = sorted({m for m, _, _ in reported})
        return UnknownStatistic(name, region(code).name, names, suggestions)

    try:
        answers = timeline.history(code, name, kind=kind, rollup=rollup, known=known)
    except UnknownMetric as error:
        raise refused(error.suggestions) from None
    if not answers:
        raise refused()
    return answers
