"""The HTML report: self-contained, escaped, and read back by a real browser."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_corpus import INJECTED, run, write_corpus

CHROMIUM = "/usr/bin/chromium"


def _chromium_or_skip() -> str:
    """Debian's chromium; skip locally (never on CI) if it is not installed."""
    found = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def _dump_dom(page: Path, profile: Path) -> str:
    """The DOM headless Chromium builds from ``page``, after any script would have run."""
    command = [
        _chromium_or_skip(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A report on the test corpus for 温州 on 2010-12-31."""
    corpus = write_corpus(tmp_path / "events")
    output = tmp_path / "report.html"
    result = run(
        "report",
        "--region",
        "温州",
        "--on",
        "2010-12-31",
        "-o",
        str(output),
        "--store",
        str(corpus),
    )
    assert result.returncode == 0, result.stderr
    return output


def test_report_is_self_contained_and_escaped(report: Path) -> None:
    """One file: an embedded PNG, no external resources, the injected quote escaped."""
    page = report.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert not re.search(r"(src|href)=[\"'](?!data:|#)", page)  # anchors in the page only
    assert "<script" not in page
    assert html.escape(INJECTED) in page


def test_chromium_shows_the_text_and_runs_no_injected_script(report: Path, tmp_path: Path) -> None:
    """In a real browser: the title is ours, the quote shows its <script> as text."""
    dom = _dump_dom(report, tmp_path / "profile")
    title = re.search(r"<title>(.*?)</title>", dom, re.DOTALL)
    assert title is not None
    assert "pwned" not in title.group(1)
    assert "policyline report — 温州市 as of 2010-12-31" in title.group(1)
    assert "<script>document.title" not in dom  # no script element was created
    assert html.escape("<script>document.title='pwned'</script>", quote=False) in dom
    for text in ("温州市质量与品牌发展规划", "正泰集团", "Platforms (1)", "中国名牌"):
        assert text in dom, text
    assert "《溫州市質量與品牌發展規劃(2006-2020)》" in dom  # every source quote


def test_report_for_every_region(tmp_path: Path) -> None:
    """Without --region the page covers every region with facts, district included."""
    corpus = write_corpus(tmp_path / "events")
    output = tmp_path / "all.html"
    result = run("report", "--on", "2021-12-31", "-o", str(output), "--store", str(corpus))
    assert result.returncode == 0, result.stderr
    page = output.read_text(encoding="utf-8")
    assert "余杭区" in page
    assert "温州市" in page


def test_the_report_honours_its_day(tmp_path: Path) -> None:
    """As of a day: the sources are the facts shown, none recorded as beginning later;
    every id links to its source row; the contents list links to sections that exist;
    --rollup adds the regions below, as on the other commands."""
    import policyline as pl

    corpus = write_corpus(tmp_path / "events")
    timeline = pl.load(corpus)
    output = tmp_path / "day.html"
    result = run("report", "--region", "杭州", "--on", "2020-12-31", "-o", str(output),
                 "--store", str(corpus))  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = output.read_text(encoding="utf-8")
    state = timeline.as_of("2020-12-31").region("杭州")
    shown = {e.id for e in (*state.events, *state.possible)}
    later = {e.id for e in timeline.events if e.effective.earliest > state.day}
    sources = set(re.findall(r"<tr id='source-\d+'><td><code>([^<]+)</code>", page))
    assert sources == {html.escape(i) for i in shown}
    assert not sources & {html.escape(i) for i in later}
    targets = set(re.findall(r"id='([^']+)'", page))
    for link in re.findall(r"href=[\"']#([^\"']+)[\"']", page):
        assert link in targets, link
    assert "<nav><h2>Contents</h2>" in page
    rolled = tmp_path / "rolled.html"
    run("report", "--region", "杭州", "--rollup", "--on", "2021-12-31", "-o", str(rolled),
        "--store", str(corpus))  # fmt: skip
    alone = tmp_path / "alone.html"
    run("report", "--region", "杭州", "--on", "2021-12-31", "-o", str(alone),
        "--store", str(corpus))  # fmt: skip
    yuhang = [e.id for e in timeline.facts() if e.region == "330110"]
    assert yuhang
    assert html.escape(yuhang[0]) in rolled.read_text(encoding="utf-8")
    assert html.escape(yuhang[0]) not in alone.read_text(encoding="utf-8")
    assert "(with the regions below it)" not in alone.read_text(encoding="utf-8")
