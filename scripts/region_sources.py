"""The public lists the gazetteer is built from: reading them, and cross-checking them.

Used by ``scripts/build_regions.py`` (see its docstring and ``docs/regions.md``).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

FIRST, LAST = 1999, 2024
"""The Ministry's year-end lists used: the one of 1999 is the base, so every change from
2000 on is seen."""
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
"""The statistics bureau's grouping lines: headings, not units."""
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def read_lists(areacodes: Path) -> dict[int, dict[str, str]]:
    lists = {}
    for year in range(FIRST, LAST + 1):
        text = (areacodes / "data" / f"{year}.txt").read_text(encoding="utf-8-sig")
        lists[year] = dict(line.split(" ", 1) for line in text.splitlines() if line.strip())
    return lists


def read_areacity(path: Path) -> dict[str, tuple[str, str, str]]:
    """code -> (full name, short name, English) from the AreaCity list."""
    found = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            code = row["id"].ljust(6, "0")
            syllables = row["pinyin"].split()
            english = "".join(
                (("'" if i and s[0] in "aoe" else "") + s) for i, s in enumerate(syllables)
            )
            found[code] = (row["ext_name"], row["name"], english[:1].upper() + english[1:])
    return found


def read_nbs2023(directory: Path) -> dict[str, str]:
    found = {}
    for name in ("provinces", "cities", "areas"):
        with (directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as file:
            found |= {r["code"].ljust(6, "0"): r["name"] for r in csv.DictReader(file)}
    return found


def read_gb2260(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as file:
        return {r["Code"]: r["Name"] for r in csv.DictReader(file, delimiter="\t")}


def chinese_date(text: str) -> str:
    """An ISO date from 2021年3月11日 or 二〇〇一年二月二日 (empty if neither)."""
    found = re.fullmatch(r"\s*(\S{4})年(\S{1,3})月(\S{1,3})日\s*", text)
    if not found:
        return ""

    def number(part: str, *, year: bool = False) -> int:
        if part.isdigit():
            return int(part)
        if year:
            return int("".join(str(_DIGITS[c]) for c in part))
        tens, _, ones = part.rpartition("十")
        if "十" not in part:
            return _DIGITS[part]
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)

    y, m, d = found.groups()
    return f"{number(y, year=True):04d}-{number(m):02d}-{number(d):02d}"


def document_of(description: str) -> tuple[str, str]:
    """The approving document's date and number (or title) from a change's description."""
    lines = description.splitlines()
    title = lines[0].lstrip("# ").strip() if lines else ""
    number = day = ""
    for line in lines[1:8]:
        key, _, value = line.partition("：")
        if key == "文号":
            number = value.strip()
        elif key in ("日期", "时间") and not day:
            day = chinese_date(value)
    return day, number or title


def crosscheck(
    lists: dict[int, dict[str, str]],
    lists_dir: Path,
    gb2260: Path,
    nbs2023: dict[str, str],
    areacity: dict[str, tuple[str, str, str]],
) -> list[str]:
    """Every disagreement between the sources, one line each, grouped."""
    current = lists[LAST]
    report = [f"# Cross-check of the Ministry's {LAST} list (areacodes) with the others", ""]
    report.append(f"## Statistics bureau 2023-06-30 (modood): {len(nbs2023)} codes")
    only_mca = sorted(set(current) - set(nbs2023))
    report += [f"- only the Ministry's {LAST} list: {c} {current[c]}" for c in only_mca]
    only_nbs = sorted(c for c in set(nbs2023) - set(current))
    ever = {code for listed in lists.values() for code in listed}
    for code in only_nbs:
        why = (
            "grouping line"
            if nbs2023[code] in PLACEHOLDERS
            else "an ended Ministry code"
            if code in ever
            else "statistics-only unit"
        )
        report.append(f"- only the statistics bureau: {code} {nbs2023[code]} ({why})")
    report += [
        f"- name: {c} Ministry {current[c]} / statistics bureau {nbs2023[c]}"
        for c in sorted(set(current) & set(nbs2023))
        if current[c] != nbs2023[c]
    ]
    report += ["", "## AreaCity (xiangyuecn, 2023 lists merged)"]
    report += [f"- not in AreaCity: {c} {current[c]}" for c in sorted(set(current) - set(areacity))]
    report += [
        f"- name: {c} Ministry {current[c]} / AreaCity {areacity[c][0]}"
        for c in sorted(set(current) & set(areacity))
        if current[c] != areacity[c][0]
    ]
    report += ["", "## History: areacodes data/YYYY.txt against cn/GB2260 mca/YYYY12.tsv"]
    errata = (lists_dir / "errata.md").read_text(encoding="utf-8")
    for year in range(FIRST, LAST + 1):
        path = gb2260 / "mca" / f"{year}12.tsv"
        if not path.exists():
            report.append(f"- {year}: no GB2260 list")
            continue
        other, ours = read_gb2260(path), lists[year]
        diffs = [f"only areacodes {c} {ours[c]}" for c in sorted(set(ours) - set(other))]
        diffs += [f"only GB2260 {c} {other[c]}" for c in sorted(set(other) - set(ours))]
        diffs += [
            f"name {c} areacodes {ours[c]} / GB2260 {other[c]}"
            for c in sorted(set(ours) & set(other))
            if ours[c] != other[c]
        ]
        report.append(f"- {year}: {len(diffs)} disagreements" + (":" if diffs else ""))
        for diff in diffs:
            noted = re.search(r"\d{6}", diff)
            erratum = noted is not None and noted.group() in errata
            report.append(f"  - {diff}" + " (in areacodes errata.md)" * erratum)
    return report
