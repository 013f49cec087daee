"""Progress: shown on a terminal for slow work, never when output is piped."""

from __future__ import annotations

import io
from pathlib import Path

from policyline._cli.progress import Progress
from tests.cli_corpus import run, write_corpus


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_reports_the_work_and_its_outcome() -> None:
    """With no delay, a terminal sees the label and 'done' when the work ends."""
    stream = _Terminal()
    with Progress("loading events/", stream=stream, delay=0.0):
        pass
    assert "loading events/: done in" in stream.getvalue()


def test_progress_says_failed_when_the_work_raises() -> None:
    """An exception inside is reported as failed and still propagates."""
    stream = _Terminal()
    try:
        with Progress("replaying", stream=stream, delay=0.0):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert "replaying: failed in" in stream.getvalue()


def test_progress_is_quiet_off_a_terminal() -> None:
    """A stream that is not a terminal gets nothing, however long the work."""
    stream = io.StringIO()
    with Progress("loading", stream=stream, delay=0.0):
        pass
    assert stream.getvalue() == ""


def test_progress_is_quiet_for_quick_work_on_a_terminal() -> None:
    """Work that ends before the delay shows nothing (the delay here is an hour)."""
    stream = _Terminal()
    with Progress("loading", stream=stream, delay=3600.0):
        pass
    assert stream.getvalue() == ""


def test_piped_commands_write_no_progress(tmp_path: Path) -> None:
    """A command whose stderr is a pipe writes nothing to it on success."""
    corpus = write_corpus(tmp_path / "events")
    result = run("asof", "2010", "--store", str(corpus))
    assert result.returncode == 0
    assert result.stderr == ""
