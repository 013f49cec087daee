"""The commands that draw: plot (PNG or SVG) and report (one HTML page)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from policyline._cli.progress import Progress
from policyline._cli.source import open_timeline


def run_plot(args: argparse.Namespace, out: TextIO) -> int:
    """Draw a region's timeline to a .png, .svg or .pdf file."""
    from policyline._render.plot import plot_timeline

    timeline = open_timeline(args.store, args.region)
    width, height = args.size
    with Progress(f"drawing {args.output}"):
        picture = plot_timeline(
            timeline,
            args.region,
            args.output,
            statistics=args.statistic or (),
            rollup=args.rollup,
            on=args.on,
            after=args.after,
            width=width,
            height=height,
        )
    if picture.missing_glyphs:
        sys.stderr.write(
            f"policyline: warning: no glyph in {picture.font.family} for "
            f"{picture.missing_glyphs!r}; they show as boxes\n"
        )
    out.write(f"wrote {picture.path} ({width}x{height}, font {picture.font.family})\n")
    return 0


def run_report(args: argparse.Namespace, out: TextIO) -> int:
    """Write one self-contained HTML page: picture, state on a day, every source."""
    from policyline._render.html import render_report

    timeline = open_timeline(args.store, args.region)
    with Progress(f"writing {args.output}"):
        page = render_report(
            timeline,
            on=args.on,
            region_name=args.region,
            known=args.known,
            rollup=args.rollup,
            after=args.after,
        )
        Path(args.output).write_text(page, encoding="utf-8")
    out.write(f"wrote {args.output}\n")
    return 0
