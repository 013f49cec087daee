"""The ``policyline`` command, run as a subprocess on a small corpus written by the tests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from policyline._render.text import table, width
from tests.cli_corpus import EVENTS, run, write_corpus

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = (
    "validate",
    "asof",
    "history",
    "diff",
    "timeline",
    "explain",
    "append",
    "copy",
    "init",
    "plot",
    "report",
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory holding the test corpus."""
    return write_corpus(tmp_path / "events")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help_with_examples(command: str) -> None:
    """``policyline COMMAND --help`` exits 0 and shows examples."""
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "examples:" in result.stdout
    assert f"policyline {command}" in result.stdout


def test_no_command_is_a_usage_error() -> None:
    """Without a command the exit status is 2 and the usage is shown."""
    result = run()
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_validate_accepts_a_good_corpus(corpus: Path) -> None:
    """A valid corpus: exit 0 and the number of events."""
    result = run("validate", str(corpus))
    assert result.returncode == 0, result.stderr
    assert f"ok: {len(EVENTS)} events" in result.stdout


def test_validate_refuses_a_directory_without_events(tmp_path: Path) -> None:
    """An empty directory is a problem (a wrong path, most likely), not "ok: 0 events"."""
    result = run("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"{tmp_path}: $: no .jsonl event files" in result.stdout + result.stderr


def test_validate_lists_every_problem_with_file_line_and_field(tmp_path: Path) -> None:
    """Every bad line is listed as file:line: field: expected/got; exit 1."""
    bad = dict(EVENTS[0], effective="2006-13")
    worse = dict(EVENTS[1], region="999999")
    write_corpus(tmp_path / "bad", (EVENTS[2], bad, worse))
    result = run("validate", str(tmp_path / "bad"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    file = str(tmp_path / "bad" / "t1.jsonl")
    assert any(line.startswith(f"{file}:2: $.effective: expected") for line in lines), lines
    assert any(line.startswith(f"{file}:3: $.region: expected") for line in lines), lines
    assert "'999999'" in result.stdout
    assert "2 problems" in result.stderr


def test_validate_names_a_dangling_reference(tmp_path: Path) -> None:
    """A repeal of a policy that is not there is a problem at its own line."""
    repeal = dict(EVENTS[0], id="t-repeal", type="PolicyRepealed", payload={"policy": "nope"})
    write_corpus(tmp_path / "bad", (EVENTS[1], repeal))
    result = run("validate", str(tmp_path / "bad"))
    assert result.returncode == 1
    assert ":2: $.payload.policy: points at 'nope'" in result.stdout


def test_validate_events_directory_when_present() -> None:
    """The committed corpus validates."""
    result = run("validate", "events", cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_default_store_is_the_events_directory(corpus: Path) -> None:
    """Without --store the command reads ./events."""
    result = run("asof", "2010-12-31", "--region", "温州", cwd=corpus.parent)
    assert result.returncode == 0, result.stderr
    assert "温州市质量与品牌发展规划" in result.stdout


def test_no_store_anywhere_is_a_clear_error(tmp_path: Path) -> None:
    """With no --store and no ./events the error says what to do; exit 1."""
    result = run("asof", "2010", cwd=tmp_path)
    assert result.returncode == 1
    assert "--store" in result.stderr


def test_asof_keeps_certain_and_possible_apart(corpus: Path) -> None:
    """A platform dated 2010-06/2010-12 is possible, not certain, on 2010-09-01."""
    result = run("asof", "2010-09-01", "--region", "溫州", "--store", str(corpus))
    assert result.returncode == 0, result.stderr
    certain, _, possible = result.stdout.partition("POSSIBLE by 2010-09-01")
    assert "温州市质量与品牌发展规划" in certain
    assert "质量信息平台" not in certain
    assert "质量信息平台" in possible
    assert "30" in certain  # the 2008 statistic; the 2010-11 one is not yet certain


def test_asof_aligns_chinese_columns_by_display_width(corpus: Path) -> None:
    """In every table the id column starts at the same display column on every row."""
    result = run("asof", "2010-12-31", "--region", "温州", "--store", str(corpus))
    rows = [line for line in result.stdout.splitlines() if line.rstrip().endswith("t-plan")]
    header = next(line for line in result.stdout.splitlines() if line.startswith("date "))
    assert rows
    assert width(rows[0][: rows[0].index("t-plan")]) == header.index("id")


def test_table_pads_by_display_width() -> None:
    """Wide characters count two columns: both rows put the last column at one offset."""
    lines = table(["name", "n"], [["温州", "1"], ["ab", "2"]]).splitlines()
    assert [width(line) for line in lines[2:]] == [7, 7]


def test_asof_json_with_rollup_and_known(corpus: Path) -> None:
    """JSON output: the rolled-up city includes its district; known-time hides later facts."""
    result = run(
        "asof", "2021-12-31", "--region", "浙江", "--rollup", "--json", "--store", str(corpus)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (zhejiang,) = data["regions"]
    assert zhejiang["rollup"] is True
    assert [e["id"] for e in zhejiang["certain"]["cqos"]] == ["t-yuhang-cqo"]
    early = run("asof", "2021-12-31", "--known", "2009", "--json", "--store", str(corpus))
    assert json.loads(early.stdout)["regions"] == []


def test_history_table_and_csv_carry_sources(corpus: Path) -> None:
    """Each point of the series names its date, value and source quote."""
    table_result = run("history", "温州", "中国名牌", "--store", str(corpus))
    assert table_result.returncode == 0, table_result.stderr
    assert "中国名牌38个" in table_result.stdout
    csv_result = run("history", "330300", "中国名牌", "--csv", "--store", str(corpus))
    rows = list(csv.DictReader(io.StringIO(csv_result.stdout)))
    assert [(r["date_start"], r["date_end"], r["value"], r["source_ids"]) for r in rows] == [
        ("2008-12-31", "2008-12-31", "30", "t-brands-2008"),
        ("2010-11-01", "2010-11-30", "38", "t-brands-2010"),
    ]
    assert rows[0]["quotes"] == "中国名牌30个"
    assert rows[0]["bound"] == "exact"


def test_history_of_an_unknown_statistic_lists_the_known_ones(corpus: Path) -> None:
    """Asking for a statistic that was never reported: exit 1, naming what was."""
    result = run("history", "温州", "不存在", "--store", str(corpus))
    assert result.returncode == 1
    assert "中国名牌" in result.stderr


def test_diff_shows_appeared_and_changed(corpus: Path) -> None:
    """From 2009 to 2011 the award appeared and the statistic changed from 30 to 38."""
    result = run("diff", "2009", "2011", "--region", "温州", "--store", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "+ appeared" in result.stdout
    assert "t-award" in result.stdout
    assert "~ changed   中国名牌: 30 个" in result.stdout
    assert "→ 38 个" in result.stdout


def test_timeline_lists_events_in_replay_order_with_sources(corpus: Path) -> None:
    """Region filter includes districts; --from/--to keep overlapping dates."""
    result = run(
        "timeline", "--region", "温州", "--from", "2008", "--to", "2010", "--store", str(corpus)
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    ids = [line.rsplit("[", 1)[1].rstrip("]") for line in lines if line.endswith("]")]
    assert ids == ["t-brands-2008", "t-award", "t-brands-2010", "t-platform"]  # not t-plan: 2006
    assert "t-yuhang-cqo" not in result.stdout
    assert "source: t1.txt" in result.stdout
    jsonl = run("timeline", "--region", "余杭", "--jsonl", "--store", str(corpus))
    assert [json.loads(line)["id"] for line in jsonl.stdout.splitlines()] == ["t-yuhang-cqo"]


def test_explain_exit_status_says_whether_it_holds(corpus: Path) -> None:
    """Exit 0 with the quote when the fact holds, 1 when it does not (yet)."""
    holds = run("explain", "温州", "质量奖", "--on", "2010-12-31", "--store", str(corpus))
    assert holds.returncode == 0, holds.stderr
    assert "holds" in holds.stdout
    assert "正泰集团获得首届浙江省政府质量奖" in holds.stdout
    before = run("explain", "温州", "质量奖", "--on", "2009", "--store", str(corpus))
    assert before.returncode == 1
    assert "not found" in before.stdout


def test_unknown_region_is_an_error_with_suggestions(corpus: Path) -> None:
    """A misspelt region: exit 1 and a suggestion."""
    result = run("asof", "2010", "--region", "温洲", "--store", str(corpus))
    assert result.returncode == 1
    assert "unknown region" in result.stderr


def test_copy_into_sqlite_then_query_it(corpus: Path, tmp_path: Path) -> None:
    """copy moves every event into a SQLite store, which every command then reads."""
    url = f"sqlite:///{tmp_path / 'pl.db'}"
    copied = run("copy", str(corpus), url)
    assert copied.returncode == 0, copied.stderr
    assert f"holds {len(EVENTS)} events" in copied.stdout
    assert run("validate", url).returncode == 0
    asof = run("asof", "2010-12-31", "--region", "温州", "--store", url)
    assert "温州市质量与品牌发展规划" in asof.stdout


def test_append_is_all_or_nothing(corpus: Path, tmp_path: Path) -> None:
    """A good file is appended (again: a no-op); a file with a bad line adds nothing."""
    url = f"sqlite:///{tmp_path / 'pl.db'}"
    file = corpus / "t1.jsonl"
    first = run("append", str(file), "--store", url)
    assert first.returncode == 0, first.stderr
    assert f"appended {len(EVENTS)} new event(s)" in first.stdout
    again = run("append", str(file), "--store", url)
    assert "appended 0 new event(s)" in again.stdout
    bad = tmp_path / "bad.jsonl"
    good_line = json.dumps(dict(EVENTS[0], id="t-new"), ensure_ascii=False)
    bad.write_text(good_line + "\n" + '{"id": "x"}\n', encoding="utf-8")
    rejected = run("append", str(bad), "--store", url)
    assert rejected.returncode == 1
    assert f"{bad}:2:" in rejected.stderr
    count = run("validate", url)
    assert f"ok: {len(EVENTS)} events" in count.stdout


def test_reading_a_sqlite_store_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    """A mistyped store path answers with an error, and creates no empty database."""
    missing = tmp_path / "typo.db"
    result = run("asof", "2021", "--store", f"sqlite:///{missing}")
    assert result.returncode == 1
    assert "no SQLite store at" in result.stderr
    assert not missing.exists()


def test_version_prints_the_library_version() -> None:
    """``policyline --version`` says which policyline this is."""
    import policyline

    result = run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"policyline {policyline.__version__}")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """``policyline timeline | head -1``: the command stops quietly when the pipe closes,
    with no "Broken pipe" message and exit status 0."""
    import subprocess
    import sys

    lines = []
    for number in range(3000):
        event = dict(EVENTS[0], id=f"many-{number}")
        lines.append(json.dumps(event, ensure_ascii=False))
    store = tmp_path / "many.jsonl"
    store.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = f"'{sys.executable}' -m policyline timeline --store '{store}' | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(done.stdout.splitlines()) == 1
