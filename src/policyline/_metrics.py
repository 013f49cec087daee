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

from policyline._hanzi import fold
from policyline._view import View, statistic_reports
from policyline.errors import UnknownMetric


def metric_names(view: View) -> dict[str, str]:
    """Every metric reported in the view's timeline, whatever the known-time: folded name
    -> the name as first written (built once per timeline)."""
    whole = view.whole
    if whole.metric_names is None:
        names: dict[str, str] = {}
        for (_, folded, _), (_, reports) in statistic_reports(whole)[0].items():
            first = next(r for r in reports if r is not None)
            names.setdefault(folded, first.metric)
        whole.metric_names = names
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
