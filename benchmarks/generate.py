"""A realistic synthetic timeline, written once as JSON Lines and cached.

Every region of the gazetteer (province, prefecture-level city, county: the real
three-level hierarchy, weighted towards the busier upper levels), every event type in
plausible proportions, about a third of the dates at month or year precision (a few
intervals), effective 1990–2025, recorded on or after the effective date, and about two
percent corrections and retractions of earlier facts. Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

import attrs

from policyline import (
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
    Source,
    StatisticReported,
)
from policyline._dates import ImpreciseDate
from policyline._events import SCHEMA_VERSION
from policyline._fields import Bound
from policyline._regions import NATION, Region, region, within
from policyline._territory import BOUNDED
from policyline._wire import encode_line

DATA = Path(__file__).parent / ".data"
CORPUS_REGIONS: tuple[Region, ...] = tuple(
    region(code) for code in (NATION, *within("330000"), "350000", "350900")
)
"""Where generated events are filed: the nation, Zhejiang and a Fujian city, as the
corpus (the gazetteer's other 3,100 units would change what the figures measure)."""
NATIONAL_POOL = 200_000
"""How many of the latest facts a national data set's amendments choose from (its
generator then holds a bounded pool, not every fact of ten million)."""


def national_regions() -> tuple[Region, ...]:
    """Every unit of the gazetteer's current list: the nation, 34 provinces, 333
    prefectures and 2,846 county-level units (the national-scale run)."""
    return tuple(region(code) for code in within(NATION))


FIRST = dt.date(1990, 1, 1).toordinal()
LAST = dt.date(2025, 12, 31).toordinal()

WEIGHTS: dict[str, float] = {
    "StatisticReported": 38,
    "PolicyIssued": 10,
    "PolicyRepealed": 2,
    "AwardGranted": 12,
    "AwardNominated": 5,
    "CQOAppointed": 10,
    "PlatformLaunched": 5,
    "DesignationGranted": 5,
    "AgreementSigned": 3,
    "ProgramLaunched": 8,
    "Corrected": 1.5,
    "Retracted": 0.5,
}
"""Relative frequency of each event type (percent of all events)."""

METRICS: tuple[tuple[str, str, str], ...] = (
    ("首席质量官", "名", "total"),
    ("首席質量官", "名", "total"),  # the same metric in traditional script: folds together
    ("首席质量官交流平台成员单位", "家", "total"),
    ("品字标认证企业", "家", "total"),
    ("对标达标企业", "家", "total"),
    ("省政府质量奖获奖企业", "家", "total"),
    ("质量强县示范点", "个", "total"),
    ("标准化试点项目", "个", "total"),
    ("新增首席质量官", "名", "increment"),
    ("新增品字标认证企业", "家", "increment"),
    ("新增对标达标企业", "家", "increment"),
    ("新增发明专利", "件", "increment"),
    ("产品质量监督抽查合格率", "%", "rate"),
    ("食品抽检合格率", "%", "rate"),
    ("工程质量验收合格率", "%", "rate"),
    ("顾客满意度", "%", "rate"),
)
AWARDS = ("浙江省政府质量奖", "市政府质量奖", "县长质量奖", "中国质量奖提名奖", "浙江制造精品")
ISSUERS = ("省人民政府", "市人民政府", "县人民政府", "市场监督管理局", "质量强市工作领导小组")
DESIGNATIONS = ("质量强市示范城市", "全国质量强市示范城市创建", "标准化综合改革试点", "品牌示范区")
PLATFORMS = (
    "首席质量官交流平台",
    "质量基础设施一站式服务平台",
    "品字标服务平台",
    "检验检测公共平台",
)
PROGRAMS = ("质量提升行动", "对标达标行动", "品质浙货行动", "质量强基工程", "放心消费行动")
BOUNDS: tuple[Bound, ...] = ("exact", "exact", "exact", "at_least", "about")
WORDS = "质量品牌标准认证计量检测提升行动企业产品服务示范创新发展推进工作"


def _weights(regions: tuple[Region, ...]) -> list[float]:
    level = {"nation": 2.0, "province": 6.0, "prefecture": 4.0, "county": 1.5}
    return [level[r.level] for r in regions]


class Generator:
    """Draws events one by one; amendments and repeals point at earlier facts."""

    def __init__(self, seed: int, *, national: bool = False) -> None:
        self.rng = random.Random(seed)
        self.regions = national_regions() if national else CORPUS_REGIONS
        # Cumulative, as random.choices makes them from weights on every call (same draws).
        self.region_weights = list(accumulate(_weights(self.regions)))
        self.types = list(WEIGHTS)
        self.type_weights = list(accumulate(WEIGHTS.values()))
        self.facts: list[Event] = []
        self.pool = NATIONAL_POOL if national else None  # facts kept to amend: all, or the latest
        self.fact_count = 0
        self.amended: set[str] = set()
        self.policies: dict[str, list[str]] = {}
        self.count = 0
        self.documents = {
            r.code: [
                f"{r.short}质量工作简报{year}年第{k}期"
                for year in range(1990, 2027)
                for k in (1, 2, 3, 4)
            ]
            for r in self.regions
        }

    def _keep(self, fact: Event) -> None:
        """Keep a fact to amend later: every fact, or (a pool) the latest ones, in a ring."""
        if self.pool is None or len(self.facts) < self.pool:
            self.facts.append(fact)
        else:
            self.facts[self.fact_count % self.pool] = fact
        self.fact_count += 1

    def _text(self, length: int) -> str:
        return "".join(self.rng.choices(WORDS, k=length))

    def _date(self, first: int = FIRST) -> tuple[str, int]:
        """An effective date text and its latest day number, from ``first`` on."""
        rng = self.rng
        day = dt.date.fromordinal(rng.randint(first, LAST))
        roll = rng.random()
        if roll < 0.66:
            return day.isoformat(), day.toordinal()
        if roll < 0.88:
            end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return f"{day.year:04d}-{day.month:02d}", end.toordinal() - 1
        if roll < 0.98:
            return f"{day.year:04d}", dt.date(day.year, 12, 31).toordinal()
        last = min(LAST, day.toordinal() + rng.randint(30, 400))
        return f"{day.isoformat()}/{dt.date.fromordinal(last).isoformat()}", last

    def _recorded(self, latest: int) -> str:
        return dt.date.fromordinal(latest + int(self.rng.expovariate(1 / 120))).isoformat()

    def _envelope(self, region: Region) -> dict[str, object]:
        self.count += 1
        effective, latest = self._date(max(FIRST, _listed_from(region.code)))
        document = self.rng.choice(self.documents[region.code])
        return {
            "id": f"e{self.count:07d}",
            "region": region.code,
            "effective": effective,
            "recorded": self._recorded(latest),
            "source": Source(document, f"{region.short}{self._text(8)}{self.count % 997}"),
        }

    def event(self) -> Event:
        rng = self.rng
        kind = rng.choices(self.types, cum_weights=self.type_weights)[0]
        region = rng.choices(self.regions, cum_weights=self.region_weights)[0]
        if kind in ("Corrected", "Retracted") and self.facts:
            return self._amendment(kind)
        if kind == "PolicyRepealed" and self.policies.get(region.code):
            envelope = self._envelope(region)
            return PolicyRepealed(**envelope, policy=rng.choice(self.policies[region.code]))
        fact = self._fact(kind, region)
        self._keep(fact)
        if isinstance(fact, PolicyIssued):
            self.policies.setdefault(region.code, []).append(fact.id)
        return fact

    def _fact(self, kind: str, region: Region) -> Event:
        rng = self.rng
        e: dict[str, object] = self._envelope(region)
        match kind:
            case "StatisticReported":
                metric, unit, stat_kind = rng.choice(METRICS)
                value: float = (
                    round(rng.uniform(80, 100), 1) if stat_kind == "rate" else rng.randint(1, 5000)
                )
                period = None
                if stat_kind == "increment":
                    year = str(e["effective"])[:4]
                    period = f"{year}-01/{year}-12" if rng.random() < 0.5 else year
                return StatisticReported(
                    **e,
                    metric=metric,
                    value=value,
                    unit=unit,
                    kind=stat_kind,
                    bound=rng.choice(BOUNDS),
                    period=period,
                )
            case "AwardGranted":
                return AwardGranted(**e, award=rng.choice(AWARDS), recipient=self._company())
            case "AwardNominated":
                return AwardNominated(
                    **e, award=rng.choice(AWARDS), nominee=Party.organization(self._company())
                )
            case "CQOAppointed":
                person = self._person() if rng.random() < 0.7 else None
                return CQOAppointed(**e, person=person, organization=self._company())
            case "PlatformLaunched":
                return PlatformLaunched(
                    **e,
                    name=f"{region.short}{rng.choice(PLATFORMS)}",
                    operator=rng.choice(ISSUERS),
                )
            case "DesignationGranted":
                return DesignationGranted(
                    **e,
                    designation=rng.choice(DESIGNATIONS),
                    designee=self._company() if rng.random() < 0.3 else None,
                    granted_by=rng.choice(ISSUERS),
                )
            case "AgreementSigned":
                day = ImpreciseDate.parse(str(e["effective"])).latest
                others = self._partners(region, day, rng.randint(1, 2))
                parties = [region, *others]
                return AgreementSigned(
                    **e,
                    title=f"{self._text(6)}合作协议",
                    parties=[f"{r.short}市场监督管理局" for r in parties],
                    party_regions=[r.code for r in parties],
                )
            case "ProgramLaunched":
                return ProgramLaunched(**e, name=f"{region.short}{rng.choice(PROGRAMS)}")
        year = str(e["effective"])[:4]
        validity = f"{year}/{int(year) + rng.randint(2, 15)}" if rng.random() < 0.4 else None
        return PolicyIssued(
            **e,
            title=f"关于{self._text(6)}的实施意见",
            issuer=f"{region.short}{rng.choice(ISSUERS)}",
            validity=validity,
        )

    def _partners(self, region: Region, day: int, count: int) -> list[Region]:
        """``count`` other regions that were divisions on ``day``, for an agreement."""
        rng = self.rng
        if self.pool is None:  # the corpus's 104 regions: as every cached data set drew them
            listed = [r for r in self.regions if _listed_from(r.code) <= day]
            return rng.sample([r for r in listed if r is not region], count)
        chosen: list[Region] = []
        while len(chosen) < count:  # among 3,214, a draw that fits is the quick way
            other = rng.choice(self.regions)
            if other is not region and other not in chosen and _listed_from(other.code) <= day:
                chosen.append(other)
        return chosen

    def _company(self) -> str:
        return f"{self._text(3)}有限公司{self.rng.randint(1, 20000)}"

    def _person(self) -> str:
        return self.rng.choice("王李张刘陈杨黄赵吴周徐孙") + self.rng.choice("伟芳娜敏静丽强磊军洋")

    def _amendment(self, kind: str) -> Event:
        rng = self.rng
        target = rng.choice(self.facts)
        if target.id in self.amended:
            target = rng.choice(self.facts)
        self.amended.add(target.id)
        self.count += 1
        recorded = dt.date.fromordinal(target.recorded.latest + rng.randint(1, 400)).isoformat()
        envelope: dict[str, object] = {
            "id": f"e{self.count:07d}",
            "region": target.region,
            "effective": recorded,
            "recorded": recorded,
            "source": Source("勘误", f"更正{self.count}"),
        }
        if kind == "Retracted":
            return Retracted(**envelope, target=target.id, reason="重复报道")
        if isinstance(target, StatisticReported):
            replacement: Event = attrs.evolve(target, value=target.value + 1)
        else:
            replacement = attrs.evolve(target, note="已更正")
        return Corrected(
            **envelope,
            target=target.id,
            reason="数字有误",
            replacement=replacement,
        )


def events(count: int, *, seed: int = 20240601, national: bool = False) -> Iterator[Event]:
    """``count`` synthetic events (amendments included), in generation order; filed in
    the corpus's regions, or with ``national`` in every unit of China."""
    generator = Generator(seed, national=national)
    for _ in range(count):
        yield generator.event()


def _listed_from(code: str) -> int:
    """The first day ``code`` may have been a division on (a fact there is dated no
    earlier: the integrity check refuses a unit of another time)."""
    return min(lo for lo, _ in BOUNDED.get(code, ((FIRST, 0),)))


def dataset_path(count: int, seed: int, *, national: bool = False) -> Path:
    """Where the data set of ``count`` events is cached (g2: every fact dated when its
    region was a division)."""
    world = "-national" if national else ""
    return DATA / f"events-{count}-{seed}-v{SCHEMA_VERSION}-g2{world}.jsonl"


def dataset(count: int, *, seed: int = 20240601, national: bool = False) -> Path:
    """The JSON Lines file of ``count`` events, generated on first use (in another process:
    the generator's garbage would blur the caller's memory figures, and a child spawned
    later inherits its parent's peak) and cached."""
    path = dataset_path(count, seed, national=national)
    if not path.exists():
        print(f"# generating {path}", file=sys.stderr, flush=True)
        asked = ["--events", str(count), "--seed", str(seed), *(["--national"] * national)]
        root = Path(__file__).parents[1]
        subprocess.run([sys.executable, "-m", "benchmarks.generate", *asked], check=True, cwd=root)
    return path


def write_dataset(count: int, *, seed: int, national: bool) -> Path:
    """Generate the data set of ``count`` events into its cache file, in this process."""
    path = dataset_path(count, seed, national=national)
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for event in events(count, seed=seed, national=national):
            out.write(encode_line(event).decode("utf-8"))
            out.write("\n")
    os.replace(partial, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--national", action="store_true", help="every unit of China")
    args = parser.parse_args()
    print(write_dataset(args.events, seed=args.seed, national=args.national))


if __name__ == "__main__":
    main()
