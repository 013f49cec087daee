"""The Python code blocks of the README and of every page in docs/ run, in order, against
the real corpus, and their documented commands print what they show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
PAGES = ["README.md", *(f"docs/{p.name}" for p in sorted((ROOT / "docs").glob("*.md")))]
"""The pages whose examples are checked: the README, then each page of docs/."""


@pytest.mark.parametrize("page", PAGES)
def test_every_python_block_runs(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    """Each ```python block of a page executes without error (their asserts included), in
    order, in one namespace per page (a page's first block sets up what the rest use)."""
    blocks = BLOCK.findall((ROOT / page).read_text(encoding="utf-8"))
    if page == "README.md":
        assert len(blocks) >= 8
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, start=1):
        code = compile(block, f"{page} python block {number}", "exec")
        exec(code, namespace)
    assert os.getcwd() == str(ROOT)


CONSOLE = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _sessions(text: str) -> list[tuple[str, str]]:
    """Each ``$ command`` of the README's console blocks with the output shown after it."""
    sessions: list[tuple[str, list[str]]] = []
    for block in CONSOLE.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                sessions.append((line[2:], []))
            elif sessions:
                sessions[-1][1].append(line)
    return [(command, "\n".join(shown).strip("\n")) for command, shown in sessions]


def test_every_documented_command_runs_and_prints_what_the_readme_shows(
    tmp_path: Path,
) -> None:
    """Each ``$ policyline …`` line of the README runs (from a scratch directory holding the
    corpus, so the files it writes land there) and exits 0, printing exactly the output
    the README shows under it, if any."""
    sessions = [
        session
        for page in PAGES
        for session in _sessions((ROOT / page).read_text(encoding="utf-8"))
    ]
    assert len(sessions) >= 8
    (tmp_path / "events").symlink_to(ROOT / "events")
    environment = os.environ | {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    }
    for command, shown in sessions:
        assert command.startswith("policyline "), command
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=environment | {"COLUMNS": "200"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (command, done.stderr)
        if shown:
            printed = "\n".join(line.rstrip() for line in done.stdout.strip("\n").splitlines())
            assert printed == shown, command


def test_every_row_of_the_chinese_date_table_reads_as_shown() -> None:
    """Each example in docs/command.md's table of date phrases reads, relative to
    2021-09-15, as the table says, with the meaning it says."""
    import policyline as pl

    text = (ROOT / "docs" / "command.md").read_text(encoding="utf-8")
    section = text[text.index("## Chinese date phrases") :]
    rows = re.findall(r"^\| [^|]+ \| `([^`]+)` \| `([^`]+)` \| `(\w+)` \|$", section, re.M)
    assert len(rows) >= 20
    for example, reading, meaning in rows:
        found = pl.read_date_zh(example, relative_to="2021-09-15")
        assert (found.date.text, found.meaning) == (reading, meaning), example
