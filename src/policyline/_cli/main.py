"""The ``policyline`` command: dispatch to the subcommands (their arguments are in
:mod:`policyline._cli.parser`), dates read, output escaped, errors and signals handled.

Exit status: 0 success; 1 the data says no (validation problems, a fact that does not
hold, an error in the data or store); 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import TextIO, cast

from policyline._cli.formats import is_machine
from policyline._cli.parser import build_parser
from policyline._dates import imprecise
from policyline._render.text import escape_controls
from policyline._zh_dates import parse_date_zh
from policyline.errors import PolicylineError

_HAN = re.compile("[\u3400-\u9fff]")

DATE_ARGUMENTS = ("date", "start", "end", "known", "on")
"""The arguments that take a date: EDTF, or a Chinese date phrase."""


def _read_dates(args: argparse.Namespace) -> None:
    """Turn each date argument into EDTF text: a Chinese phrase is read relative to
    ``--published`` (or today), by the same rules as :func:`policyline.parse_date_zh`."""
    published = getattr(args, "published", None) or dt.date.today().isoformat()
    imprecise(published)  # a bad --published is an error even where no phrase needs it
    for name in DATE_ARGUMENTS:
        given = getattr(args, name, None)
        if isinstance(given, str) and _HAN.search(given):
            setattr(args, name, parse_date_zh(given, relative_to=published).text)


class EscapedOutput(io.TextIOBase):
    """Standard output for people: control and bidi characters from the data are shown
    escaped (JSON, JSON Lines and CSV output keep them exact)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()


class Terminated(BaseException):
    """SIGTERM arrived: raised where the command was, so that every ``with`` block
    unwinds (a transaction rolls back, the spool of standard input is removed)."""


@contextlib.contextmanager
def _terminated_unwinds() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` inside the block (main thread only: a signal
    handler cannot be set elsewhere, and there the default stays)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    machine = is_machine(args)
    try:
        _read_dates(args)
    except PolicylineError as error:
        sys.stderr.write(escape_controls(f"policyline: error: {error}") + "\n")
        return 1
    out = sys.stdout if machine else cast(TextIO, EscapedOutput(sys.stdout))
    try:
        with _terminated_unwinds():
            status: int = args.run(args, out)
    except Terminated:
        return 128 + signal.SIGTERM
    except BrokenPipeError:
        # The reader went away (``policyline timeline | head``): stop quietly, and keep
        # the interpreter from complaining when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (PolicylineError, LookupError, OSError, ValueError) as error:
        sys.stderr.write(escape_controls(f"policyline: error: {error}") + "\n")
        return 1
    except KeyboardInterrupt:
        return 130
    return status
