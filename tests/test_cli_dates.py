"""The command line reads a Chinese date phrase wherever it takes a date, relative to
``--published``, by the rules of ``parse_date_zh``."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

import policyline as pl
from policyline._cli.main import main

EVENTS = str(Path(__file__).resolve().parents[1] / "events")


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main([*args, "--store", EVENTS])
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("phrase", "published"),
    [("去年9月", "2021-09-15"), ("今年以来", "2021-09-15"), ("2010年底", "2011-01-05")],
)
def test_a_phrase_answers_as_its_reading_does(phrase: str, published: str) -> None:
    """``asof 去年9月 --published 2021-09-15`` prints what ``asof`` of the phrase's
    reading prints, for each command that takes a date."""
    reading = pl.parse_date_zh(phrase, relative_to=published).text
    for command in (
        ("asof", "{}", "--region", "杭州", "--json"),
        ("explain", "杭州", "首席质量官", "--on", "{}"),
        ("diff", "2006", "{}", "--region", "温州"),
        ("timeline", "--to", "{}", "--region", "温州"),
        ("asof", "2021-09-15", "--known", "{}", "--region", "杭州"),
    ):
        by_phrase = _run(*(a.format(phrase) for a in command), "--published", published)
        by_reading = _run(*(a.format(reading) for a in command))
        assert by_phrase == by_reading, command


@pytest.mark.parametrize(
    ("phrase", "words"),
    [("年底前", "deadline"), ("春天", "seasons are not supported"), ("农历八月", "lunar")],
)
def test_a_phrase_without_a_date_is_refused_by_name(phrase: str, words: str) -> None:
    """A deadline, a season or a lunar date is refused, saying which, with exit 1."""
    status, out, err = _run("asof", phrase, "--published", "2021-09-15")
    assert status == 1
    assert out == ""
    assert words in err
