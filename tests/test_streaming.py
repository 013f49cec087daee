"""Streaming: every door takes its input chunk by chunk, and the answer never depends on
where the chunks are cut.

The laws: the integrity check fed in chunks of any size gives exactly the new positions
and the issues of the check over the whole batch; a store fed in chunks of two takes a
batch exactly when ``load`` takes its lines, and a batch refused after chunks of it were
written leaves the store byte for byte as it was. Then examples for the places where a
chunk boundary matters: a repeat across chunks (read again from the file, standard input
included), a JSON Lines store that grows, and what the check keeps in memory.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyline as pl
from policyline import _reading
from policyline._cli.main import main
from policyline._integrity import Check, check, nothing_stored
from policyline._pointing import references
from policyline._wire import encode_line
from policyline.errors import ConcurrencyError
from tests.bad_input import line
from tests.store_backends import KINDS, store_url
from tests.test_integrity import batch_sequences
from tests.test_store_schema import stored_bodies


@contextlib.contextmanager
def chunks_of(size: int) -> Iterator[None]:
    """Every door streams in chunks of ``size`` events inside the block."""
    saved = _reading.CHUNK
    _reading.CHUNK = size
    try:
        yield
    finally:
        _reading.CHUNK = saved


@st.composite
def batches_with_repeats(draw: st.DrawFn) -> list[pl.Event]:
    """A batch (perhaps with a mistake in it) with identical repeats of some of its events
    and different events under some of its ids, anywhere."""
    events = [e for batch in draw(batch_sequences()) for e in batch]
    for _ in range(draw(st.integers(0, 3)) if events else 0):
        victim = draw(st.sampled_from(events))
        copy = victim if draw(st.booleans()) else pl.Retracted(
            id=victim.id, region=victim.region, effective=victim.effective,
            recorded=victim.recorded, source=victim.source, target=victim.id, reason="x",
        )  # fmt: skip
        events.insert(draw(st.integers(0, len(events))), copy)
    return events


@settings(max_examples=300)
@given(batches_with_repeats(), st.integers(1, 7), st.data())
def test_a_batch_checked_in_chunks_is_checked_as_one(
    events: list[pl.Event], size: int, data: st.DataObject
) -> None:
    """Same new positions, same issues, in the same order, whatever the chunk size, with
    or without stored events (a repeat across chunks is read again by position)."""
    stored_part = data.draw(st.lists(st.sampled_from(events), max_size=4)) if events else []
    stored = {e.id: e for e in stored_part}

    def lookup(ids: Collection[str]) -> dict[str, pl.Event]:
        return {i: stored[i] for i in ids if i in stored}

    stored_lookup = lookup if stored else nothing_stored
    whole = check(events, stored_lookup)
    checking = Check(stored_lookup, recall=events.__getitem__)
    new: list[int] = []
    for start in range(0, len(events), size):
        new += checking.feed(events[start : start + size])
    assert new == list(whole.new)
    assert checking.finish() == whole.issues
    assert checking.new_count == len(whole.new)


@settings(max_examples=300)
@given(batches_with_repeats(), st.integers(1, 7), st.data())
def test_a_check_that_leaves_the_batch_to_the_store_is_the_same_check(
    events: list[pl.Event], size: int, data: st.DataObject
) -> None:
    """A store's write session holds each chunk once it is taken, so the check forgets
    the chunks and resolves references as soon as what they lead to exists: still the
    same new positions and the same issues, in the same order, as the check of the whole
    batch. Unless something points ahead, nothing before the last chunk is held."""
    drawn = data.draw(st.lists(st.sampled_from(events), max_size=4)) if events else []
    stored = {e.id: e for e in drawn}

    def lookup(ids: Collection[str]) -> dict[str, pl.Event]:
        return {i: stored[i] for i in ids if i in stored}

    whole = check(events, lookup if stored else nothing_stored)
    session = dict(stored)  # what the store holds: the stored events, then each chunk's new
    checking = Check(
        lambda ids: {i: session[i] for i in ids if i in session}, store_holds_batch=True
    )
    new: list[int] = []
    for start in range(0, len(events), size):
        fed = checking.feed(events[start : start + size])
        session.update((events[p].id, events[p]) for p in fed)
        new += fed
    held = [p for p in range(checking.count) if checking.event(p) is not None]
    assert new == list(whole.new)
    assert checking.finish() == whole.issues
    seen = set(stored)
    ahead = False
    for start in range(0, len(events), size):
        chunk = events[start : start + size]
        seen.update(e.id for e in chunk)
        ahead |= any(t not in seen for e in chunk for _, t in references(e))
    last_chunk = range(size * ((len(events) - 1) // size), len(events)) if events else range(0)
    assert ahead or set(held) <= set(last_chunk)


@given(batches_with_repeats(), st.integers(1, 4))
def test_the_check_keeps_whole_only_the_events_that_point(
    events: list[pl.Event], size: int
) -> None:
    """Once its chunk is gone an event is kept whole only if it points at others (an
    amendment, a list of covered events): memory holds ids and types, not the batch."""
    checking = Check(recall=events.__getitem__)
    for start in range(0, len(events), size):
        checking.feed(events[start : start + size])
    held = [p for p in range(checking.count) if checking.event(p) is not None]
    last_chunk = range(size * ((len(events) - 1) // size), len(events)) if events else range(0)
    for position in held:
        if position not in last_chunk:
            assert references(events[position]), events[position]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=40, deadline=None)
@given(batches=batch_sequences())
def test_a_store_fed_in_chunks_of_two_takes_a_batch_exactly_when_load_does(
    kind: str, batches: list[list[pl.Event]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The store law of ``tests/test_integrity.py`` with chunks of two: lines, Python
    events and a copied file each go in whole or not at all, and a refused batch leaves
    the stored text exactly as it was."""
    scratch = tmp_path_factory.mktemp("chunks")
    with chunks_of(2), store_url(kind, scratch) as url, pl.open(url) as store:
        taken: list[pl.Event] = []
        for number, batch in enumerate(batches):
            try:
                expected: pl.Timeline | None = pl.Timeline([*taken, *batch])
            except pl.DecodeError:
                expected = None
            before = stored_bodies(kind, url)
            door = number % 3
            try:
                if door == 0:
                    store.append_lines([encode_line(e).decode() for e in batch], file="b.jsonl")
                elif door == 1:
                    store.append(iter(batch))
                else:
                    path = scratch / f"batch-{number}.jsonl"
                    path.write_bytes(b"".join(encode_line(e) + b"\n" for e in batch))
                    pl.copy(path, store)
            except pl.DecodeError:
                assert expected is None, batch
                assert stored_bodies(kind, url) == before
                continue
            assert expected is not None, batch
            taken += batch
            assert pl.load(store).events == expected.events


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "last",
    [
        '{"id": "broken", ',
        line(id="e0", note="a different event under the id of line 1"),
        line(id="dangling", type="Retracted", payload={"target": "nowhere", "reason": "x"}),
    ],
    ids=["bad line", "conflicting repeat", "dangling reference"],
)
def test_a_refusal_after_chunks_were_written_undoes_them(
    tmp_path: Path, kind: str, last: str
) -> None:
    """Chunks of a copy are written before its last line is read; a bad last line, a
    different event under an id used chunks before, or a reference to nothing found only
    at the end undoes every chunk: the store holds exactly what it held."""
    source = tmp_path / "import.jsonl"
    source.write_text("".join(f"{line(id=f'e{i}')}\n" for i in range(9)) + last + "\n")
    with chunks_of(2), store_url(kind, tmp_path) as url:
        with pl.open(url) as store:
            store.append_lines([line(id="kept")])
        before = stored_bodies(kind, url)
        with pytest.raises(pl.DecodeError, match=r"import\.jsonl:10"):
            pl.copy(source, url)
        assert stored_bodies(kind, url) == before
        with pl.open(url) as store:
            assert store.version == 1
            store.append_lines([line(id="after")])  # and the store still takes appends
            assert [e.id for e in store.read()] == ["kept", "after"]


def test_validate_reads_a_repeat_across_chunks_again_to_compare(tmp_path: Path) -> None:
    """validate keeps ids, not events: a repeat of an id from an earlier chunk is read
    again from its line; identical is fine, different names both lines."""
    path = tmp_path / "many.jsonl"
    lines = [line(id=f"e{i}") for i in range(7)]
    path.write_text("\n".join([*lines, lines[1], line(id="e2", note="other")]) + "\n")
    with chunks_of(2):
        status, out, _ = _run("validate", str(path))
    assert status == 1
    assert out.splitlines() == [f"{path}:9: $.id: 'e2' is the id of a different event at {path}:3"]


def test_validate_and_append_stream_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-`` reads standard input once (spooled, so a repeat can be read again) and
    names it ``<stdin>``; append takes it whole."""
    text = "\n".join([line(id="a"), line(id="b"), line(id="c"), line(id="a", note="x")])

    def stdin(data: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))

    stdin(text)
    with chunks_of(1):
        status, out, _ = _run("validate", "-")
    assert (status, out.strip()) == (
        1,
        "<stdin>:4: $.id: 'a' is the id of a different event at <stdin>:1",
    )
    stdin("\n".join([line(id="a"), line(id="b"), line(id="a"), line(id="c")]))
    store = f"sqlite:///{tmp_path / 's.db'}"
    with chunks_of(1):
        status, out, _ = _run("append", "-", "--store", store)
    assert status == 0, out
    assert pl.open(store, read_only=True).version == 3
    assert not list(Path(tempfile.gettempdir()).glob("policyline-stdin-*"))


def test_a_json_lines_store_in_chunks_reads_what_load_reads(tmp_path: Path) -> None:
    """A store indexed in chunks of two: repeats skipped, reads and lookups as ``load``;
    lines added by another writer are read without reading the rest again; a rewritten
    file is read afresh."""
    path = tmp_path / "store.jsonl"
    lines = [line(id=f"e{i}") for i in range(5)]
    path.write_text("\n".join([*lines, lines[0], lines[3]]) + "\n")
    with chunks_of(2), pl.open(path) as store:
        assert store.version == 5
        assert [e.id for e in store.read()] == [e.id for e in pl.load(path).events]
        assert store.append_lines([lines[2], line(id="e5")]) == 6  # a repeat is skipped
        with pytest.raises(pl.DecodeError, match=r"new\.jsonl:1: \$\.id: 'e1' is the id"):
            store.append_lines([line(id="e1", note="other")], file="new.jsonl")
        with path.open("a", encoding="utf-8") as handle:  # another writer, under no lock
            handle.write(line(id="e6") + "\n")
        assert store.version == 7
        path.write_text(line(id="only") + "\n")
        assert [e.id for e in store.read()] == ["only"]


def _run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_a_python_batch_refused_in_a_later_chunk_is_refused_whole(
    tmp_path: Path, kind: str
) -> None:
    """``append`` takes any iterable chunk by chunk: a non-event, or a stale expected
    version, refuses the whole batch even after chunks of it were written."""
    source = pl.Source("t.txt", "q")

    def events() -> Iterator[object]:
        for number in range(5):
            yield pl.ProgramLaunched(
                id=f"p{number}", region="330100", effective="2020", recorded="2021",
                source=source, name="n",
            )  # fmt: skip
        yield "not an event"

    with chunks_of(2), store_url(kind, tmp_path) as url, pl.open(url) as store:
        with pytest.raises(TypeError, match="Event instances"):
            store.append(events())  # type: ignore[arg-type]
        assert store.version == 0
        assert stored_bodies(kind, url) == []
        good = [e for e in events() if isinstance(e, pl.Event)]
        with pytest.raises(ConcurrencyError):
            store.append(good, expected_version=3)
        assert store.append(good, expected_version=0) == 5


def test_a_json_lines_store_whose_files_went_away_is_empty(tmp_path: Path) -> None:
    """Files removed under an open store: it holds nothing, as a new store would."""
    directory = tmp_path / "store"
    directory.mkdir()
    (directory / "a.jsonl").write_text(line(id="a") + "\n")
    with pl.open(directory) as store:
        assert store.version == 1
        (directory / "a.jsonl").unlink()
        assert store.version == 0
        assert list(store.read()) == []


def test_a_file_rewritten_in_place_is_read_afresh(tmp_path: Path) -> None:
    """A file rewritten under the same inode and bigger than before is not taken for one
    that grew: the store reads it again, and lookups agree with reads."""
    path = tmp_path / "store.jsonl"
    path.write_text(line(id="a") + "\n")
    with pl.open(path) as store:
        assert store.version == 1
        with path.open("r+", encoding="utf-8") as handle:  # same inode, new content
            handle.write(line(id="z") + "\n" + line(id="y") + "\n")
        assert [e.id for e in store.read()] == ["z", "y"]
        assert store.append_lines([line(id="a")]) == 3  # 'a' is new again


def test_an_item_with_a_line_break_inside_is_refused(tmp_path: Path) -> None:
    """``append_lines`` stores each item as one line: an item spread over several lines
    would be several lines in the file, so it is refused, naming it."""
    with store_url("jsonl", tmp_path) as url, pl.open(url) as store:
        spread = line(id="a").replace(", ", ",\n")
        with pytest.raises(pl.DecodeError, match=r"<lines>:1: \$: expected one line"):
            store.append_lines([spread])
        assert stored_bodies("jsonl", url) == []


def test_a_directory_named_like_an_event_file_is_not_read(tmp_path: Path) -> None:
    """A subdirectory called ``x.jsonl`` is neither loaded nor part of a store."""
    directory = tmp_path / "events"
    (directory / "x.jsonl").mkdir(parents=True)
    (directory / "a.jsonl").write_text(line(id="a") + "\n")
    assert len(pl.load(directory).events) == 1
    with pl.open(directory) as store:
        assert store.version == 1


def test_validate_names_a_repeated_id_in_a_damaged_store(tmp_path: Path) -> None:
    """A SQLite row edited by hand to repeat another row's id, chunks apart: validate
    names both events of the store, with no traceback."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    with pl.open(url) as store:
        store.append_lines([line(id=f"e{i}") for i in range(6)])
    import sqlite3

    with sqlite3.connect(tmp_path / "s.db") as connection:
        connection.execute(
            "UPDATE policyline_events SET body = ? WHERE position = 6",
            (line(id="e0", note="edited"),),
        )
    with chunks_of(2):
        status, out, err = _run("validate", url)
    assert status == 1
    assert f"{url} event 6: $.id: 'e0' is the id of a different event at {url} event 1" in out
    assert "Traceback" not in out + err


def test_sigterm_unwinds_a_command_and_removes_the_spool(tmp_path: Path) -> None:
    """``policyline validate -`` stopped by SIGTERM while reading: status 143, and the
    spool of standard input is gone."""
    import signal
    import subprocess
    import time

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "policyline", "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert process.stdin is not None
    process.stdin.write((line(id="a") + "\n").encode())
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while not list(scratch.glob("policyline-stdin-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(scratch.glob("policyline-stdin-*")), "the spool was never made"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert b"Traceback" not in err
    assert not list(scratch.glob("policyline-stdin-*"))
