"""Pictures: real images of the requested size, with Chinese drawn in a real CJK font."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_corpus import run, write_corpus


def _cjk_font_or_skip() -> tuple[str, str]:
    """The CJK font plot would use; skip locally (never on CI) if none is installed."""
    from policyline._render.fonts import find_cjk_font
    from policyline.errors import MissingFont

    try:
        font = find_cjk_font()
    except MissingFont as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no CJK font installed (apt-get install fonts-noto-cjk): {error}")
    return font.family, font.path


def _render(text: str, family: str) -> bytes:
    """A PNG of ``text`` drawn alone in ``family`` (and nothing else)."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 1), dpi=100)
    figure.text(0.05, 0.3, text, family=[family], fontsize=24)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _render_noting_missing(text: str, family: str) -> tuple[bytes, list[str]]:
    """The pixels of ``text`` in ``family`` and matplotlib's missing-glyph warnings."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pixels = _render(text, family)
    return pixels, [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_cjk_text_is_drawn_with_glyphs_not_boxes() -> None:
    """温州质量 in the chosen font has every glyph (no missing-glyph warning) and looks
    unlike the boxes a font without CJK falls back to (which does warn)."""
    family, _ = _cjk_font_or_skip()
    blank = _render("", family)
    for char in "温州质量":
        drawn, missing = _render_noting_missing(char, family)
        assert missing == [], missing
        assert drawn != blank
        boxes, fallback_missing = _render_noting_missing(char, "DejaVu Sans")
        assert fallback_missing, "a font without CJK should report the missing glyph"
        assert drawn != boxes, char


def test_plot_png_is_an_image_of_the_requested_size(tmp_path: Path) -> None:
    """plot -o x.png --size 900x500 writes a 900x500 PNG and warns of no missing glyph."""
    from PIL import Image

    family, _ = _cjk_font_or_skip()
    corpus = write_corpus(tmp_path / "events")
    output = tmp_path / "wenzhou.png"
    result = run("plot", "温州", "--size", "900x500", "-o", str(output), "--store", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "no glyph" not in result.stderr
    assert family in result.stdout
    with Image.open(output) as image:
        assert image.format == "PNG"
        assert image.size == (900, 500)
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50  # drawn, not blank


def test_plot_svg_and_statistic(tmp_path: Path) -> None:
    """An SVG with a chosen statistic; an unknown statistic is an error (exit 1)."""
    _cjk_font_or_skip()
    corpus = write_corpus(tmp_path / "events")
    output = tmp_path / "w.svg"
    result = run(
        "plot", "温州", "--statistic", "中国名牌", "-o", str(output), "--store", str(corpus)
    )
    assert result.returncode == 0, result.stderr
    assert output.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    missing = run("plot", "温州", "--statistic", "没有", "-o", str(output), "--store", str(corpus))
    assert missing.returncode == 1
    assert "没有" in missing.stderr


def test_plot_refuses_other_formats_and_bad_sizes(tmp_path: Path) -> None:
    """-o must be .png, .svg or .pdf (exit 1); --size must be WxH (exit 2)."""
    corpus = write_corpus(tmp_path / "events")
    wrong = run("plot", "温州", "-o", str(tmp_path / "x.jpg"), "--store", str(corpus))
    assert wrong.returncode == 1
    assert ".png, .svg or .pdf" in wrong.stderr
    assert run("plot", "温州", "--size", "big", "-o", "x.png").returncode == 2


def test_import_policyline_does_not_import_matplotlib() -> None:
    """matplotlib is loaded only when a picture is drawn, even by the CLI module."""
    code = "import sys, policyline, policyline._cli; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("after", ["hide", "grey"])
def test_a_picture_as_of_a_day_leaves_out_or_greys_what_came_later(
    tmp_path: Path, after: str
) -> None:
    """With ``on``, a statistic's figures that only began after the day are not drawn
    (``hide``) or drawn under a veil (``grey``); the picture is written either way."""
    import policyline as pl
    from policyline._dates import day_number
    from policyline._render.plot import plot_timeline

    root = Path(__file__).resolve().parent.parent
    timeline = pl.load(root / "events")
    day = day_number("2000-12-31")
    picture = plot_timeline(
        timeline,
        "温州",
        tmp_path / "w.png",
        on="2000-12-31",
        after=after,  # type: ignore[arg-type]
    )
    assert picture.path.stat().st_size > 0
    drawn = [a for s in picture.series for a in s.answers]
    later = [a for a in drawn if a.date.earliest > day]
    if after == "hide":
        assert later == []
    else:
        assert later  # Wenzhou's 2010 figures, under the veil


def test_a_picture_draws_only_the_lanes_of_the_kinds_it_has(tmp_path: Path) -> None:
    """No empty lanes: Wenzhou's picture has a lane for each kind of event it holds, in
    the usual order, and no other."""
    import policyline as pl
    from policyline._render.plot import LANES, plot_timeline

    root = Path(__file__).resolve().parent.parent
    timeline = pl.load(root / "events")
    picture = plot_timeline(timeline, "温州", tmp_path / "w.png")
    kinds = {
        e.type_name for e in timeline.select(pl.Selection.of(region="330300", subregions=False))
    }
    assert picture.lanes == tuple(label for name, label in LANES if name in kinds)
    assert all(drawn.answers[0].region == "330300" for drawn in picture.series)
