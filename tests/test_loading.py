"""pl.load: a directory, a file or a glob; every problem listed; all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import policyline as pl
from policyline import errors

GOOD = {
    "id": "x1",
    "type": "PlatformLaunched",
    "schema_version": 3,
    "region": "330100",
    "effective": "2020-09",
    "recorded": "2021-09-15",
    "inferred": True,
    "source": {"document": "000.txt", "quote": "搭建了线下企业首席质量官交流平台", "url": None},
    "note": None,
    "payload": {"name": "线下企业首席质量官交流平台", "operator": None},
}


def _line(**changes: object) -> str:
    return json.dumps({**GOOD, **changes}, ensure_ascii=False)


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_directory_file_and_glob_load_the_same_events(tmp_path: Path) -> None:
    """A directory, its file and a glob give the same timeline."""
    _write(tmp_path / "a.jsonl", _line(), _line(id="x2", effective="2021"))
    by_dir = pl.load(tmp_path)
    assert len(by_dir) == 2
    assert pl.load(tmp_path / "a.jsonl").events == by_dir.events
    assert pl.load(str(tmp_path / "*.jsonl")).events == by_dir.events


def test_problems_in_several_files_are_all_listed(tmp_path: Path) -> None:
    """Two bad lines in two files: both reported with file, line and field; nothing loads."""
    _write(tmp_path / "a.jsonl", _line(), _line(id="x2", region="339999"))
    _write(tmp_path / "b.jsonl", "", "", _line(id="x3", effective="2021-13"))
    with pytest.raises(pl.DecodeError) as caught:
        pl.load(tmp_path)
    where = [(Path(p.file).name, p.line, p.path) for p in caught.value.problems]
    assert where == [("a.jsonl", 2, "$.region"), ("b.jsonl", 3, "$.effective")]


def test_a_file_that_is_not_utf8_is_a_located_problem(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported by line, not raised as a crash."""
    (tmp_path / "a.jsonl").write_bytes(_line().encode() + b"\n" + "温州".encode("gbk") + b"\n")
    with pytest.raises(pl.DecodeError) as caught:
        pl.load(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, "not UTF-8" in problem.message) == (2, True)


def test_a_conflicting_duplicate_is_located(tmp_path: Path) -> None:
    """The same id with different content, across files, is refused naming a file and line."""
    _write(tmp_path / "a.jsonl", _line())
    _write(tmp_path / "b.jsonl", _line(note="different"))
    with pytest.raises(pl.DecodeError, match="x1") as caught:
        pl.load(tmp_path)
    assert caught.value.problems[0].file.endswith(".jsonl")
    assert caught.value.problems[0].line == 1


def test_a_missing_path_says_so(tmp_path: Path) -> None:
    """A path that names nothing raises FileNotFoundError with the path."""
    with pytest.raises(errors.NoEventFiles, match="nothing-here"):
        pl.load(tmp_path / "nothing-here" / "*.jsonl")


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """A file saved as UTF-8 with a BOM (as Windows editors do) loads like one without."""
    (tmp_path / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + (_line() + "\n").encode())
    assert [e.id for e in pl.load(tmp_path)] == ["x1"]


def test_an_empty_directory_is_an_error_not_an_empty_timeline(tmp_path: Path) -> None:
    """Loading a directory with no event files is almost always a wrong path: say so."""
    with pytest.raises(errors.NoEventFiles, match=r"no \.jsonl event files") as caught:
        pl.load(tmp_path)
    assert isinstance(caught.value, FileNotFoundError)
