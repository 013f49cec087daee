"""Regenerate the gazetteer's data files from the public lists they are built from.

    python scripts/build_regions.py --areacodes DIR --gb2260 DIR --nbs2023 DIR \
        --areacity FILE [--out src/policyline] [--report FILE]

The sources (see docs/regions.md for the commits used):

- ``--areacodes``: yescallop/areacodes (CC0), its ``data/YYYY.txt`` (the Ministry of Civil
  Affairs' year-end code lists, as of 31 December of each year) and ``codes.json`` (what each
  code became, with the approving document, resolved from its ``diff/`` files);
- ``--gb2260``: cn/GB2260, ``mca/YYYY12.tsv`` (the same Ministry lists, compiled apart: the
  history's cross-check) and ``stats/201810.tsv`` (the statistics bureau's 2018 list);
- ``--nbs2023``: modood/Administrative-divisions-of-China, ``dist/{provinces,cities,areas}.csv``
  (the statistics bureau's list as of 2023-06-30: the current list's cross-check);
- ``--areacity``: xiangyuecn/AreaCity-JsSpider-StatsGov, ``ok_data_level3.csv`` (short names
  and pinyin).

It writes ``regions.tsv``, ``region_changes.tsv`` and ``statistical_units.tsv`` and prints
(or writes to ``--report``) every disagreement between the sources. It needs OpenCC (the
``opencc`` package policyline already depends on) for traditional names: a build-time tool.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import opencc
from region_sources import (
    FIRST,
    LAST,
    PLACEHOLDERS,
    crosscheck,
    document_of,
    read_areacity,
    read_gb2260,
    read_lists,
    read_nbs2023,
)

Row = dict[str, Any]
RowIn = Callable[[str, int], Row | None]
Edge = tuple[str, str, int]
EdgeData = tuple[bool, str, str]

NATION = ("100000", "全国", "中国", "全國", "China", "nation", "", "", "", "")
"""The one row no list holds: the whole country, the code map services give it."""
REGION_COLUMNS = "code name short traditional english level parent valid_from valid_to partial"
CHANGE_COLUMNS = "before after kind day approved document"
UNIT_COLUMNS = "code name parent lists"


def list_day(year: int) -> str:
    """The date of a year's list (the Ministry's lists stand as of 31 December)."""
    return f"{year}-12-31"


def level_of(code: str) -> str:
    return (
        "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
    )


def parent_in(code: str, listed: dict[str, str]) -> str:
    """A unit's parent in one list: the province of a city; a county's city, or its
    province when the list has no city of the county's first four digits."""
    level = level_of(code)
    if level == "province":
        return "100000"
    if level == "county" and code[:4] + "00" in listed:
        return code[:4] + "00"
    return code[:2] + "0000"


def runs(lists: dict[int, dict[str, str]]) -> list[Row]:
    """One row per code per unbroken run of lists with one name and one parent."""
    rows: list[Row] = []
    open_rows: dict[str, Row] = {}
    for year in range(FIRST, LAST + 1):
        listed = lists[year]
        for code in list(open_rows):
            row = open_rows[code]
            if code not in listed or (listed[code], parent_in(code, listed)) != (
                row["name"],
                row["parent"],
            ):
                row["last"] = year - 1
                del open_rows[code]
        for code, name in listed.items():
            if code not in open_rows:
                row = {"code": code, "name": name, "parent": parent_in(code, listed)}
                row |= {"level": level_of(code), "first": year, "last": None}
                open_rows[code] = row
                rows.append(row)
    return rows


def kind_class(name: str) -> str:
    """What sort of unit a name says it is, by its ending."""
    for ending, sort in (
        ("地区", "region"),
        ("盟", "region"),
        ("州", "region"),
        ("区", "district"),
    ):
        if name.endswith(ending):
            return sort
    return "city" if name.endswith("市") else "county"


def changes(rows: list[Row], codes_json: Path) -> list[tuple[str, ...]]:
    """Every change seen from 2000 on: one line per (before, after) pair."""
    data = json.loads(codes_json.read_text(encoding="utf-8"))
    by_code: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_code[str(row["code"])].append(row)

    def row_in(code: str, year: int) -> Row | None:
        return next((r for r in by_code[code] if _holds(r, year)), None)

    edges: dict[Edge, EdgeData] = {}
    stack = list(data["items"])
    while stack:
        item = stack.pop()
        stack += item.get("children", [])
        code = str(item["code"])
        for succ in item.get("succ", []):
            transfer = "time" in succ
            year = int(succ["time"] if transfer else item["end"])
            if year <= FIRST:
                continue
            descriptions = data["descriptions"].get(str(year), [])
            desc = succ.get("desc")
            approved, document = ("", "")
            if isinstance(desc, int) and desc < len(descriptions):
                approved, document = document_of(descriptions[desc])
            edges[(code, str(succ["code"]), year)] = (transfer, approved, document)
    # A code that goes on under another name or parent with no recorded successor.
    for code, found in by_code.items():
        for before, after in itertools.pairwise(found):
            if before["last"] is not None and after["first"] == int(before["last"]) + 1:
                edges.setdefault((code, code, int(after["first"])), (False, "", ""))
    _parent_edges(rows, edges, row_in)
    into: dict[tuple[str, int], int] = defaultdict(int)
    out: dict[tuple[str, int], int] = defaultdict(int)
    for (before, after, year), (transfer, _, _) in edges.items():
        if not transfer:
            out[(before, year)] += 1
            into[(after, year)] += 1
    lines = []
    for (before, after, year), (transfer, approved, document) in sorted(edges.items()):
        old, new = row_in(before, year - 1), row_in(after, year)
        if old is None or new is None:
            sys.exit(f"change {before} -> {after} ({year}): a side is in no list")
        kind = _kind(old, new, year, transfer, (out[(before, year)], into[(after, year)]), row_in)
        lines.append((before, after, kind, list_day(year), approved, document))
    return lines


def _parent_edges(rows: list[Row], edges: dict[Edge, EdgeData], row_in: RowIn) -> None:
    """What an ended city or province became: areacodes records it for no unit with
    units below it, only for those units; it became the parents of what they became."""
    ended = [r for r in rows if r["level"] != "county" and r["last"] is not None]
    for row in sorted(ended, key=lambda r: str(r["level"]) == "province"):
        year, code = int(row["last"]) + 1, str(row["code"])
        if any(b == code and y == year for b, _, y in edges):
            continue
        found: dict[str, EdgeData] = {}
        for (before, after, y), data in list(edges.items()):
            child = row_in(before, year - 1) if y == year and not data[0] else None
            new = row_in(after, year)
            if child is not None and child["parent"] == code and new is not None:
                found.setdefault(str(new["parent"]), data)
        for after, data in found.items():
            edges[(code, after, year)] = data


def _holds(row: Row, year: int) -> bool:
    last = row["last"]
    return int(str(row["first"])) <= year and (last is None or year <= int(str(last)))


def _kind(
    old: Row, new: Row, year: int, transfer: bool, counts: tuple[int, int], row_in: RowIn
) -> str:
    """transfer, split, merge, rename, recode, conversion or reassignment (see docs)."""
    outgoing, incoming = counts
    if transfer or old is new:
        return "transfer"
    if outgoing > 1:
        return "split"
    existed = new["code"] != old["code"] and row_in(new["code"], year - 1) is not None
    if incoming > 1 or existed:
        return "merge"
    old_parent, new_parent = str(old["parent"]), str(new["parent"])
    same_parent = old_parent == new_parent or (
        old_parent[:2] == new_parent[:2]
        and old["level"] == "county"
        and row_in(old_parent, year) is None  # the old city ended: its counties were recoded
    )
    if not same_parent:
        return "reassignment"
    if kind_class(str(old["name"])) != kind_class(str(new["name"])):
        return "conversion"
    return "rename" if old["name"] != new["name"] else "recode"


_ENDINGS = ("地区", "林区", "特区", "区", "县", "市", "盟", "旗")


def names(rows: list[Row], areacity: dict[str, tuple[str, str, str]]) -> list[str]:
    """Give every row its short, traditional and English name; say what did not match.

    A current unit takes AreaCity's short name and pinyin (when AreaCity has the code
    with the same full name). An ended unit's short name is its name without the type
    word at its end (区, 县, 市, 地区 ...) when two characters or more remain, and its
    English name that of a current unit of the same province with that short name."""
    notes = []
    to_traditional = opencc.OpenCC("s2t")
    pinyin: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        listed = areacity.get(str(row["code"]))
        row["short"], row["english"] = row["name"], ""
        if row["last"] is None and listed is not None and listed[0] == row["name"]:
            row["short"], row["english"] = listed[1], listed[2]
            pinyin[(str(row["code"])[:2], listed[1])].add(listed[2])
        elif row["last"] is None:
            notes.append(f"{row['code']} {row['name']}: AreaCity has {listed}; no short name")
    current = {(str(r["code"])[:2], r["name"]): r for r in rows if r["last"] is None}
    for row in rows:
        name = str(row["name"])
        same = current.get((str(row["code"])[:2], name))
        if row["last"] is not None and same is not None:
            row["short"], row["english"] = same["short"], same["english"]
        elif row["last"] is not None:
            for ending in _ENDINGS:
                if name.endswith(ending) and len(name) - len(ending) >= 2 and "族" not in name:
                    row["short"] = name[: -len(ending)]
                    break
            found = pinyin.get((str(row["code"])[:2], str(row["short"])), set())
            row["english"] = next(iter(found)) if len(found) == 1 else ""
        row["traditional"] = TRADITIONAL.get(name) or to_traditional.convert(name)
    return notes


TRADITIONAL = {
    "江干区": "江干區",
    "湖里区": "湖里區",
    "湾里区": "灣里區",
    "浚县": "浚縣",
    "澄江县": "澄江縣",
    "澄江市": "澄江市",
}
"""Names OpenCC's ``s2t`` gets wrong: 干, 里, 浚 and 澄 in these place names are the
characters themselves (it writes 江乾區, 湖裏區, 灣裏區, 濬縣, 澂江縣)."""


def mark_partial(rows: list[Row]) -> None:
    """A province no list divides (台湾省, 香港, 澳门) is partial: its sum is never whole."""
    parents = {str(r["parent"]) for r in rows}
    for row in rows:
        row["partial"] = row["level"] == "province" and row["code"] not in parents


def statistical_units(
    rows: list[Row], lists: dict[int, dict[str, str]], nbs: dict[str, dict[str, str]]
) -> list[tuple[str, ...]]:
    """Codes of the statistics bureau's lists that no Ministry list ever held, except
    the grouping lines: development zones, new areas, management areas and the like."""
    ever = {code for listed in lists.values() for code in listed}
    current = lists[LAST]
    found: dict[str, tuple[str, str, list[str]]] = {}
    for label, listed in nbs.items():
        for code, name in listed.items():
            if code in ever or name in PLACEHOLDERS:
                continue
            parent = code[:4] + "00" if code[:4] + "00" in current else code[:2] + "0000"
            entry = found.setdefault(code, (name, parent, []))
            entry[2].append(label if entry[0] == name else f"{label} ({name})")
    return [(code, n, p, "; ".join(lists_)) for code, (n, p, lists_) in sorted(found.items())]


def row_line(row: Row) -> tuple[str, ...]:
    last = row["last"]
    return (
        *(str(row[k]) for k in ("code", "name", "short", "traditional", "english")),
        str(row["level"]),
        str(row["parent"]),
        "" if row["first"] == FIRST else list_day(int(row["first"])),
        "" if last is None else list_day(int(last) + 1),
        "1" if row["partial"] else "",
    )


def write(path: Path, header: str, lines: list[tuple[str, ...]]) -> None:
    for line in lines:
        assert not any(("\t" in cell or "\n" in cell) for cell in line), line
    text = "\t".join(header.split()) + "\n" + "".join("\t".join(x) + "\n" for x in lines)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areacodes", type=Path, required=True)
    parser.add_argument("--gb2260", type=Path, required=True)
    parser.add_argument("--nbs2023", type=Path, required=True)
    parser.add_argument("--areacity", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=Path("src/policyline"))
    parser.add_argument("--report", type=Path)
    args = parser.parse_args(argv)
    lists = read_lists(args.areacodes)
    rows = runs(lists)
    areacity = read_areacity(args.areacity)
    notes = names(rows, areacity)
    mark_partial(rows)
    rank = {"province": 0, "prefecture": 1, "county": 2}
    rows.sort(key=lambda r: (r["code"][:2], rank[r["level"]], r["code"], r["first"]))
    nbs2023 = read_nbs2023(args.nbs2023)
    nbs = {"NBS 2018": read_gb2260(args.gb2260 / "stats" / "201810.tsv"), "NBS 2023": nbs2023}
    write(args.out / "regions.tsv", REGION_COLUMNS, [NATION, *map(row_line, rows)])
    write(
        args.out / "region_changes.tsv",
        CHANGE_COLUMNS,
        changes(rows, args.areacodes / "codes.json"),
    )
    write(args.out / "statistical_units.tsv", UNIT_COLUMNS, statistical_units(rows, lists, nbs))
    report = crosscheck(lists, args.areacodes, args.gb2260, nbs2023, areacity)
    report += ["", "## Names", *(f"- {n}" for n in notes)]
    text = "\n".join(report) + "\n"
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
