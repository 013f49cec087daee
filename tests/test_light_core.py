"""A light core: ``import policyline`` loads no optional library, the core works where
``fcntl`` does not exist, and a missing extra is named where it is needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import policyline as pl
from policyline.errors import MissingExtra
from tests.bad_input import line

ROOT = Path(__file__).resolve().parent.parent
OPTIONAL = ("numpy", "matplotlib", "psycopg", "pandas", "pyarrow", "duckdb")


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_import_policyline_loads_no_optional_library(tmp_path: Path) -> None:
    """Not NumPy (imported at the first batch as-of), nor matplotlib, psycopg, pandas or
    pyarrow: each is imported only when used."""
    done = _python(
        f"import sys, policyline\nprint(sorted(m for m in {OPTIONAL!r} if m in sys.modules))",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_fcntl_the_library_imports_and_sqlite_works(tmp_path: Path) -> None:
    """Where fcntl does not exist (Windows), policyline imports, loads files, and stores
    in SQLite; only a JSON Lines store's append, which needs the file lock, is refused
    with a clear message."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.jsonl").write_text(line(id="a") + "\n", encoding="utf-8")
    code = f"""
import sys
sys.modules["fcntl"] = None  # importing it now raises ImportError
import policyline as pl
assert len(pl.load("events").events) == 1
store = pl.open("sqlite:///s.db")
store.append_lines([{line(id="b")!r}])
assert [e.id for e in pl.load(store).events] == ["b"]
try:
    pl.copy("events", "copy.jsonl")
except pl.PolicylineError as error:
    print(error)
"""
    done = _python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "needs POSIX file locks (fcntl)" in done.stdout


def test_a_missing_extra_is_named_where_it_is_needed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Opening a PostgreSQL store without psycopg, drawing without matplotlib: the error
    names the extra to install; connection strings are still shown without passwords."""
    for name in ("psycopg", "psycopg.conninfo", "matplotlib"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "policyline._stores.postgres", raising=False)
    with pytest.raises(MissingExtra, match=r"pip install 'policyline\[postgres\]'"):
        pl.open("postgresql://alice:S3cret@localhost/db")
    timeline = pl.load(ROOT / "events")
    from policyline._render.plot import plot_timeline

    with pytest.raises(MissingExtra, match=r"pip install 'policyline\[plot\]'"):
        plot_timeline(timeline, "杭州", tmp_path / "x.png")
    from policyline._stores import redacted

    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    assert redacted("postgresql://a@h/db?password=S3cret") == "postgresql://a@h/db?password=***"
