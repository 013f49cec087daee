"""The ``policyline`` command's arguments: every subcommand, its options and examples."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable
from typing import TextIO

from policyline import __version__
from policyline._cli.formats import add_format
from policyline._cli.pictures import run_plot, run_report
from policyline._cli.query import (
    run_asof,
    run_diff,
    run_explain,
    run_history,
    run_regions,
    run_statistics,
    run_timeline,
)
from policyline._cli.source import DEFAULT_CORPUS, ENVIRONMENT
from policyline._cli.storage import (
    run_append,
    run_copy,
    run_init,
    run_rebuild,
    run_schema,
    run_validate,
)

Command = Callable[[argparse.Namespace, TextIO], int]

STORE_HELP = (
    f"a store URL (sqlite:///file.db, postgresql://…) or a path (a directory of .jsonl files, "
    f"a .jsonl file, a glob); default: ${ENVIRONMENT}, else ./{DEFAULT_CORPUS}"
)


def _size(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"(\d+)[xX×](\d+)", text)
    if found is None or not all(16 <= int(n) <= 10000 for n in found.groups()):
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT in pixels, e.g. 1400x800, got {text!r}"
        )
    return int(found.group(1)), int(found.group(2))


def _add(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    run: Command,
    summary: str,
    examples: str,
    *,
    store: bool = True,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=summary,
        epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)
    if store:
        parser.add_argument("--store", metavar="URL", help=STORE_HELP)
    return parser


def _known(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--known", metavar="K", help="count only facts recorded by K (known-time), e.g. 2020-12-31"
    )
    parser.add_argument(
        "--published",
        metavar="DATE",
        help="the day Chinese date phrases (去年9月, 今年以来) are read from (default: today)",
    )


def _after(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--after",
        choices=("hide", "grey"),
        default="hide",
        help="what began after the as-of day: left out of the picture (default) or greyed",
    )


def _init(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--init",
        action="store_true",
        help="add policyline's tables to a SQLite database that holds other tables",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="policyline",
        description="Ask a policy timeline what held where and when, and where each fact is from.",
        epilog=(
            "Dates are EDTF-style: 2021-09-15, 2020-09, 2006, 2006/2020 (a month or a year\n"
            "stands for its last day). Regions are codes or names: 330300, 温州, 溫州市, Wenzhou.\n"
            f"Events come from --store; without it from ${ENVIRONMENT}, else ./{DEFAULT_CORPUS}."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policyline {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    validate = _add(
        commands,
        "validate",
        run_validate,
        "check a corpus or store; list every problem as file:line: field: message",
        "  policyline validate events/\n"
        "  policyline validate events/*.jsonl new.jsonl\n"
        "  policyline validate sqlite:///policyline.db",
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, directories, globs or URLs"
    )
    add_format(validate, what="json is {ok, events, problems}; jsonl and csv one problem a row")

    asof = _add(
        commands,
        "asof",
        run_asof,
        "the state as of a day: certain facts, statistics, and possible facts apart",
        "  policyline asof 2021-09-15 --region 杭州\n"
        "  policyline asof 2021 --region 温州 --rollup\n"
        "  policyline asof 2021-09-15 --known 2020-12-31 --json",
    )
    asof.add_argument("date", metavar="DATE")
    asof.add_argument("--region", metavar="R", help="one region (default: every region with facts)")
    asof.add_argument("--rollup", action="store_true", help="include the regions below")
    _known(asof)
    add_format(
        asof, aliases=("json",), what="json is each region's state; jsonl and csv its figures"
    )

    history = _add(
        commands,
        "history",
        run_history,
        "every report of a statistic (rolled up: every change of its figure), with sources",
        "  policyline history 杭州 首席质量官平台成员单位\n"
        "  policyline history 浙江 浙江省政府质量奖 --rollup\n"
        "  policyline history 330300 中国名牌 --csv > series.csv",
    )
    history.add_argument("region", metavar="REGION")
    history.add_argument("statistic", metavar="STATISTIC")
    history.add_argument("--kind", choices=("total", "increment", "rate"))
    history.add_argument(
        "--rollup", action="store_true", help="the figure with the regions below it added up"
    )
    _known(history)
    add_format(
        history, aliases=("json", "csv"), what="csv and jsonl have typed columns (value, bound)"
    )

    diff = _add(
        commands,
        "diff",
        run_diff,
        "what appeared, ended and changed between two days",
        "  policyline diff 2019 2021 --region 杭州\n  policyline diff 2010-01-01 2010-12-31",
    )
    diff.add_argument("start", metavar="D1")
    diff.add_argument("end", metavar="D2")
    diff.add_argument("--region", metavar="R", help="one region (default: every region with facts)")
    diff.add_argument("--rollup", action="store_true", help="include the regions below")
    _known(diff)
    add_format(diff, what="one row (or object) per change")

    regions = _add(
        commands,
        "regions",
        run_regions,
        "the regions a store has facts in, with how many facts and statistics each",
        "  policyline regions\n  policyline regions --format csv --store sqlite:///policyline.db",
    )
    _known(regions)
    add_format(regions)

    statistics = _add(
        commands,
        "statistics",
        run_statistics,
        "the statistics reported (in a region, or everywhere), with how many reports each",
        "  policyline statistics 温州\n  policyline statistics 浙江 --rollup --format json",
    )
    statistics.add_argument("region", metavar="REGION", nargs="?", help="default: every region")
    statistics.add_argument("--rollup", action="store_true", help="include the regions below")
    _known(statistics)
    add_format(statistics)

    timeline = _add(
        commands,
        "timeline",
        run_timeline,
        "facts in replay order, with their sources",
        "  policyline timeline --region 温州 --from 2006 --to 2010\n"
        "  policyline timeline --region 温州 --from 2006 --to 2006 --overlapping\n"
        "  policyline timeline --region 余杭 --jsonl > yuhang.jsonl",
    )
    timeline.add_argument("--region", metavar="R", help="a region and the regions below it")
    timeline.add_argument(
        "--from", dest="start", metavar="D", help="facts dated wholly on or after D's first day"
    )
    timeline.add_argument(
        "--to", dest="end", metavar="D", help="facts dated wholly on or before D's last day"
    )
    timeline.add_argument(
        "--overlapping",
        action="store_true",
        help="keep facts whose dates merely overlap --from/--to (that may have happened then)",
    )
    _known(timeline)
    add_format(
        timeline, aliases=("jsonl",), what="jsonl is each fact as stored; csv the flat table"
    )

    explain = _add(
        commands,
        "explain",
        run_explain,
        "why a fact holds or not: the events, dates and quotes behind it (exit 1 if not)",
        "  policyline explain 杭州 首席质量官 --on 2021-09-15\n"
        "  policyline explain 温州 003-wenzhou-quality-brand-development-plan --on 2008",
    )
    explain.add_argument("region", metavar="REGION")
    explain.add_argument(
        "what", metavar="WHAT", help="an event id or words of a title, award, metric…"
    )
    explain.add_argument("--on", required=True, metavar="DATE")
    explain.add_argument("--rollup", action="store_true", help="include the regions below")
    _known(explain)
    add_format(explain, aliases=("json",), what="jsonl and csv: one row per event or figure")

    append = _add(
        commands,
        "append",
        run_append,
        "append a JSON Lines file's events to a store, all or nothing",
        "  policyline append new.jsonl --store sqlite:///policyline.db\n"
        "  policyline append new.jsonl --store events/new.jsonl\n"
        "  cat new.jsonl | policyline append - --store sqlite:///policyline.db",
    )
    append.add_argument("file", metavar="FILE", help="a .jsonl file, a directory, a glob, or -")
    _init(append)

    copy = _add(
        commands,
        "copy",
        run_copy,
        "copy every event from one store to another",
        "  policyline copy events/ sqlite:///policyline.db\n"
        "  policyline copy sqlite:///policyline.db backup.jsonl",
        store=False,
    )
    copy.add_argument("source", metavar="SRC")
    copy.add_argument("target", metavar="DST")
    _init(copy)

    init = _add(
        commands,
        "init",
        run_init,
        "set up a store: create policyline's tables, or migrate a PostgreSQL store's schema",
        "  policyline init postgresql://owner@db.example/policy\n"
        "  policyline init sqlite:///other_app.db",
        store=False,
    )
    init.add_argument("url", metavar="URL")

    _add(
        commands,
        "rebuild",
        run_rebuild,
        "make a store's read model (every statistic's standing reports) again from its events",
        "  policyline rebuild --store sqlite:///policyline.db",
    )

    _add(
        commands,
        "schema",
        run_schema,
        "print the JSON Schema (2020-12) of one event line, for editors and other tools",
        "  policyline schema > event-schema.json",
        store=False,
    )

    plot = _add(
        commands,
        "plot",
        run_plot,
        "draw a region's timeline: events by kind, statistics as step lines",
        "  policyline plot 温州 -o wenzhou.png\n"
        "  policyline plot 杭州 --statistic 首席质量官平台成员单位 -o hangzhou.svg\n"
        "  policyline plot 浙江 --rollup --size 1800x1000 -o zhejiang.png",
    )
    plot.add_argument("region", metavar="REGION")
    plot.add_argument(
        "--statistic", action="append", metavar="S", help="a statistic to draw (repeatable)"
    )
    plot.add_argument("--rollup", action="store_true", help="include the regions below")
    plot.add_argument("--on", metavar="DATE", help="mark this day; leave out what began after it")
    _after(plot)
    plot.add_argument(
        "--size", type=_size, default=(1400, 800), metavar="WxH", help="pixels (1400x800)"
    )
    plot.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="a .png, .svg or .pdf file"
    )

    report = _add(
        commands,
        "report",
        run_report,
        "one self-contained HTML page: picture, state on a day, every source quote",
        "  policyline report --region 温州 --on 2010-12-31 -o wenzhou.html\n"
        "  policyline report -o everything.html",
    )
    report.add_argument("--region", metavar="R", help="one region (default: every region)")
    report.add_argument("--rollup", action="store_true", help="include the regions below")
    report.add_argument(
        "--on", default=dt.date.today().isoformat(), metavar="DATE", help="default: today"
    )
    _after(report)
    _known(report)
    report.add_argument("-o", "--output", required=True, metavar="FILE", help="an .html file")
    return parser
