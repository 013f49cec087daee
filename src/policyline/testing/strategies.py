"""Hypothesis strategies for policyline's values: the one place they are declared.

Dates are drawn from a few years so that events collide on days, months and years;
names come from a small alphabet of simplified and traditional characters so that
metrics repeat (totals replace totals) and spellings fold together. Regions are codes of
the gazetteer; :func:`region_trees` draws a region with the regions below it, so that
roll-ups have something to roll up.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from policyline import (
    AgreementSigned,
    AwardGranted,
    AwardNominated,
    Corrected,
    CQOAppointed,
    DesignationGranted,
    Event,
    ImpreciseDate,
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
from policyline._fields import Bound, StatisticKind
from policyline._regions import (
    FIRST_LIST,
    LATEST_LIST,
    NATION,
    Region,
    all_regions,
    children,
    within,
)
from policyline._territory import BOUNDED

BOUND_CHOICES: list[Bound] = ["exact", "at_least", "more_than", "about"]

FIRST_DAY = dt.date(2004, 1, 1)
LAST_DAY = dt.date(2007, 12, 31)


def _listed_throughout(code: str) -> bool:
    """Was ``code`` a division on every day from FIRST_DAY to LAST_DAY (and is it still)?
    Facts are dated then, and a fact filed under a unit of another time is refused."""
    spans = BOUNDED.get(code, ((FIRST_DAY.toordinal(), LAST_DAY.toordinal()),))
    return any(lo <= FIRST_DAY.toordinal() and LAST_DAY.toordinal() <= hi for lo, hi in spans)


ZHEJIANG_CODES = tuple(code for code in within("330000") if _listed_throughout(code))
REGION_CODES = (NATION, *ZHEJIANG_CODES, "350000", "350900")
"""The regions events are drawn in: the nation, Zhejiang and a Fujian city, where the
corpus lives (drawing from all of China's 3,200 units would spread facts too thin to
collide and make every per-region check 30 times slower), each a division all the years
facts are dated in (临平区, 2021, is not)."""

texts = st.text(alphabet="质量奖品牌杭州溫州規劃平台ab 1", min_size=1, max_size=6).filter(
    lambda s: bool(s.strip())
)
metrics = st.sampled_from(["成员单位", "成員單位", "首席质量官", "合格率", "品字标认证企业"])


def days(first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> st.SearchStrategy[dt.date]:
    """Days in a short span, so that facts share days, months and years."""
    return st.dates(min_value=first, max_value=last)


def _point_text(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


precisions = st.sampled_from(["day", "month", "year"])


@st.composite
def imprecise_dates(
    draw: st.DrawFn, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY
) -> ImpreciseDate:
    """A day, a month, a year, or an interval whose ends have any of those precisions."""
    start = draw(days(first, last))
    if draw(st.integers(0, 3)) < 3:
        return ImpreciseDate.parse(_point_text(start, draw(precisions)))
    end = draw(days(start, last))
    start_text = _point_text(start, draw(precisions))
    end_text = _point_text(end, draw(precisions))
    candidate = f"{start_text}/{end_text}"
    parsed = ImpreciseDate.parse(start_text), ImpreciseDate.parse(end_text)
    if parsed[1].latest < parsed[0].earliest or parsed[1].earliest < parsed[0].earliest:
        return parsed[0]
    return ImpreciseDate.parse(candidate)


sources = st.builds(
    Source,
    document=st.sampled_from(["000_a.txt", "003_b.txt"]),
    quote=texts,
    url=st.none() | st.just("https://example.org/a"),
)


def _envelope(
    draw: st.DrawFn, event_id: str, codes: Sequence[str] = REGION_CODES
) -> dict[str, Any]:
    return {
        "id": event_id,
        "region": draw(st.sampled_from(codes)),
        "effective": draw(imprecise_dates()),
        "recorded": draw(imprecise_dates()),
        "source": draw(sources),
        "note": draw(st.none() | texts),
        "inferred": draw(st.booleans()),
    }


def _agreement(
    draw: st.DrawFn, base: dict[str, Any], codes: Sequence[str] = REGION_CODES
) -> AgreementSigned:
    other = draw(st.sampled_from(codes))
    regions = tuple(dict.fromkeys((base["region"], other)))
    return AgreementSigned(
        **base,
        title=draw(texts),
        parties=draw(st.lists(texts, min_size=1, max_size=2)),
        party_regions=regions,
    )


def _statistic(draw: st.DrawFn, base: dict[str, Any]) -> StatisticReported:
    kind: StatisticKind = draw(st.sampled_from(["total", "increment", "rate"]))
    return StatisticReported(
        **base,
        metric=draw(metrics),
        value=draw(
            st.integers(0, 1000) | st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))
        ),
        unit="%" if kind == "rate" else draw(st.sampled_from(["家", "名", "个", "家次"])),
        kind=kind,
        bound=draw(st.sampled_from(BOUND_CHOICES)),
        period=draw(st.none() | imprecise_dates()) if kind == "increment" else None,
    )


@st.composite
def parties(draw: st.DrawFn) -> Party:
    """A nominee: a person (with or without affiliation and role), an organisation, or
    a party of unknown kind (as upcast from old data)."""
    return Party(
        draw(st.sampled_from(["person", "organization", None])),
        draw(texts),
        draw(st.none() | texts),
        draw(st.none() | texts),
    )


_FACT_BUILDERS: dict[str, Callable[[st.DrawFn, dict[str, Any]], Event]] = {
    "PolicyIssued": lambda d, b: PolicyIssued(
        **b, title=d(texts), issuer=d(texts), validity=d(st.none() | imprecise_dates())
    ),
    "AwardGranted": lambda d, b: AwardGranted(
        **b,
        award=d(st.sampled_from(["浙江省政府质量奖", "浙江省政府質量獎", "市长质量奖"])),
        recipient=d(texts),
    ),
    "AwardNominated": lambda d, b: AwardNominated(**b, award=d(texts), nominee=d(parties())),
    "CQOAppointed": lambda d, b: CQOAppointed(
        **b, person=d(texts), organization=d(st.none() | texts)
    ),
    "PlatformLaunched": lambda d, b: PlatformLaunched(
        **b, name=d(texts), operator=d(st.none() | texts)
    ),
    "DesignationGranted": lambda d, b: DesignationGranted(
        **b,
        designation=d(texts),
        designee=d(st.none() | texts),
        granted_by=d(st.none() | texts),
    ),
    "AgreementSigned": _agreement,
    "ProgramLaunched": lambda d, b: ProgramLaunched(
        **b, name=d(texts), description=d(st.none() | texts)
    ),
    "StatisticReported": _statistic,
}


@st.composite
def facts(
    draw: st.DrawFn,
    event_id: str = "e0",
    kind: str | None = None,
    codes: Sequence[str] = REGION_CODES,
) -> Event:
    """One fact event (any type but repeals and amendments) with the given id, filed under
    one of ``codes`` (an agreement: between two of them)."""
    chosen = kind or draw(st.sampled_from(sorted(_FACT_BUILDERS)))
    base = _envelope(draw, event_id, codes)
    if chosen == "AgreementSigned":
        return _agreement(draw, base, codes)
    return _FACT_BUILDERS[chosen](draw, base)


@st.composite
def events(draw: st.DrawFn, event_id: str = "e0") -> Event:
    """Any event of any type, amendments included (their targets may not exist); a fact
    may say it is the same as another (which may not exist either)."""
    kinds = [*sorted(_FACT_BUILDERS), "PolicyRepealed", "Corrected", "Retracted", "Settled"]
    kind = draw(st.sampled_from(kinds))
    base = _envelope(draw, event_id)
    if kind == "PolicyRepealed":
        return PolicyRepealed(**base, policy=draw(texts))
    if kind == "Retracted":
        return Retracted(**base, target=draw(texts), reason=draw(texts))
    if kind == "Settled":
        return Settled(**base, target=draw(texts), reason=draw(texts))
    if kind == "Corrected":
        target = draw(texts)
        return Corrected(**base, target=target, reason=draw(texts), replacement=draw(facts(target)))
    fact = draw(facts(event_id, kind))
    return attrs.evolve(fact, same_as=draw(st.none() | texts.filter(lambda t: t != event_id)))


@st.composite
def claims(draw: st.DrawFn, of: Event, event_id: str) -> Event:
    """Another source's report of the fact ``of``: the same as it, recorded on its own day,
    its date (and a statistic's value and bound) the same, sharper, or different, so that
    the claims of a fact corroborate, refine or contradict each other."""
    changes: dict[str, Any] = {
        "id": event_id,
        "same_as": of.id,
        "source": Source(f"{event_id}.txt", draw(texts)),
        "recorded": draw(imprecise_dates()),
    }
    if draw(st.booleans()):
        changes["effective"] = draw(imprecise_dates())
    if isinstance(of, StatisticReported) and draw(st.booleans()):
        changes["value"] = draw(st.sampled_from([of.value, of.value + 1, of.value * 2]))
        changes["bound"] = draw(st.sampled_from(BOUND_CHOICES))
    return attrs.evolve(of, **changes)


def _sources_of(draw: st.DrawFn, result: list[Event], codes: Sequence[str]) -> list[Event]:
    """Other sources' claims of some facts of ``result`` (each the same as a fact or a
    claim before it), and settlements choosing one of a fact's claims (some retracted)."""
    added: list[Event] = []
    joinable = [e for e in result if not isinstance(e, Corrected | Retracted | PolicyRepealed)]
    if not joinable:
        return added
    for number in range(draw(st.integers(0, 4))):
        of = draw(st.sampled_from(joinable[:3] + [e for e in added if e.same_as is not None]))
        added.append(draw(claims(of, f"s{number}")))
    said = [e for e in added if e.same_as is not None]
    for number in range(draw(st.integers(0, 2)) if said else 0):
        chosen = draw(
            st.sampled_from([*said, *(e for e in joinable if e.id in {c.same_as for c in said})])
        )
        base = _envelope(draw, f"t{number}", codes)
        settled = Settled(**base, target=chosen.id, reason="the bureau's own table")
        added.append(settled)
        if draw(st.booleans()):
            base = _envelope(draw, f"u{number}", codes)
            added.append(Retracted(**base, target=settled.id, reason="read again"))
    return added


@st.composite
def timelines(
    draw: st.DrawFn,
    max_facts: int = 20,
    amendments: bool = True,
    codes: Sequence[str] = REGION_CODES,
    sources: bool = False,
) -> list[Event]:
    """A list of events that makes a valid timeline: unique ids, references that resolve,
    every event filed under one of ``codes``.

    With ``amendments``, some facts are repealed, corrected (a correction may move the fact
    to another region) or retracted; an amendment is filed under any of ``codes``, not
    necessarily its target's region. With ``sources``, some facts are reported again by
    other sources (:func:`claims`), and some of those claims are settled.
    """
    count = draw(st.integers(0, max_facts))
    result: list[Event] = [draw(facts(f"f{i}", codes=codes)) for i in range(count)]
    if sources:
        result.extend(_sources_of(draw, result, codes))
    if not amendments or not result:
        return result
    for number in range(draw(st.integers(0, 4))):
        target = draw(st.sampled_from(result[: min(count, 3)]))
        base = _envelope(draw, f"a{number}", codes)
        action = draw(st.sampled_from(["correct", "retract", "repeal"]))
        if action == "retract":
            result.append(Retracted(**base, target=target.id, reason="wrong"))
        elif action == "correct":
            moved = {}
            if not isinstance(target, AgreementSigned) and draw(st.booleans()):
                moved = {"region": draw(st.sampled_from(codes))}  # the fact was elsewhere
            replacement = attrs.evolve(target, effective=draw(imprecise_dates()), **moved)
            result.append(
                Corrected(**base, target=target.id, reason="fixed", replacement=replacement)
            )
        elif isinstance(target, PolicyIssued):
            result.append(PolicyRepealed(**base, policy=target.id))
    return result


PARENT_CODES = tuple(code for code in ZHEJIANG_CODES if children(code))
"""Zhejiang's province and prefectures: regions with regions below them."""


@attrs.frozen
class RegionTree:
    """A region, the codes of it and every region below it, and a timeline filed in them."""

    root: str
    codes: tuple[str, ...]
    events: list[Event]


@st.composite
def region_trees(draw: st.DrawFn, max_facts: int = 20, amendments: bool = True) -> RegionTree:
    """A region with regions below it, and a valid timeline filed in that subtree (at the
    root and in its children and their children; agreements between two of them)."""
    root = draw(st.sampled_from(PARENT_CODES))
    below = tuple(code for code in within(root) if _listed_throughout(code))
    # A few of the codes, the root among them, so that several facts share a region.
    chosen = draw(st.lists(st.sampled_from(below), min_size=1, max_size=4, unique=True))
    codes = tuple(dict.fromkeys((root, *chosen)))
    return RegionTree(root, codes, draw(timelines(max_facts, amendments, codes)))


GAZETTEER_DAYS = st.dates(FIRST_LIST - dt.timedelta(days=400), LATEST_LIST + dt.timedelta(days=400))
"""Days around and between the division lists the gazetteer is read from."""
LIST_DAYS = st.sampled_from([dt.date(year, 12, 31) for year in range(1999, LATEST_LIST.year + 1)])
"""The dates of the division lists: where a unit's span begins or ends."""


@st.composite
def regions_on(draw: st.DrawFn) -> tuple[dt.date, Region]:
    """A day (a list's date or the day before it, half the time) and a region of the list
    valid that day (Zhejiang's half the time, so that its changes are drawn often)."""
    if draw(st.booleans()):
        day = draw(LIST_DAYS) - dt.timedelta(days=draw(st.integers(0, 1)))
    else:
        day = draw(GAZETTEER_DAYS)
    listed = all_regions(on=day)
    zhejiang = [r for r in listed if r.code.startswith("33")]
    return day, draw(st.sampled_from(zhejiang) | st.sampled_from(listed))
