"""Several processes at once, and a writer killed with SIGKILL in the middle of a batch."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

import policyline as pl
from policyline import errors
from policyline._stores import files
from policyline._stores.sql import SQLStore
from tests.store_backends import KINDS, store_url

SOURCE = pl.Source("t.txt", "原文")
WAIT = 120.0
"""Seconds to wait for a child before calling the test broken (a bound, not a timing check)."""
FORK = multiprocessing.get_context("fork")


def program(event_id: str) -> pl.Event:
    """A plain fact with the given id."""
    return pl.ProgramLaunched(
        id=event_id,
        region="330100",
        effective="2020",
        recorded="2021",
        source=SOURCE,
        name=f"programme {event_id}",
    )


def _append_many(url: str, writer: str, batches: int) -> None:
    """Append batches of two events; every other batch with optimistic retries."""
    with pl.open(url) as store:
        for number in range(batches):
            batch = [program(f"{writer}-{number}-{i}") for i in range(2)]
            if number % 2:
                store.append(batch)
                continue
            while True:
                try:
                    store.append(batch, expected_version=store.version)
                    break
                except errors.ConcurrencyError:
                    continue


@pytest.mark.parametrize("kind", KINDS)
def test_concurrent_writers_lose_and_duplicate_nothing(kind: str, tmp_path: Path) -> None:
    """Two processes appending at once: every event is stored once, and each writer's
    events keep their order."""
    batches = 30
    with store_url(kind, tmp_path) as url:
        pl.open(url).close()  # create the tables before the race
        workers = [FORK.Process(target=_append_many, args=(url, name, batches)) for name in "xy"]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(WAIT)
            assert worker.exitcode == 0
        with pl.open(url) as store:
            ids = [e.id for e in store.read()]
    assert len(ids) == len(set(ids)) == 2 * 2 * batches
    for name in "xy":
        mine = [i for i in ids if i.startswith(f"{name}-")]
        assert mine == [f"{name}-{n}-{i}" for n in range(batches) for i in range(2)]


def _stall(conn: Connection) -> None:
    conn.send("stalled")
    while True:
        time.sleep(60)


def _stall_jsonl_write(conn: Connection, store: pl.Store) -> None:
    """Make the next large file write stop halfway (data on disk) and wait to be killed."""
    write_all = files.write_all

    def half_then_stall(fd: int, data: bytes) -> None:
        if len(data) < 10_000:
            write_all(fd, data)
            return
        write_all(fd, data[: len(data) // 2])
        os.fsync(fd)
        _stall(conn)

    files.write_all = half_then_stall


def _stall_sql_insert(conn: Connection, store: pl.Store) -> None:
    """Make the next large insert stop halfway through its rows and wait to be killed."""
    assert isinstance(store, SQLStore)
    cls = type(store)
    insert = cls._insert

    def half_then_stall(self: SQLStore, sql: str, rows: Sequence[Sequence[object]]) -> None:
        if len(rows) < 1000:
            insert(self, sql, rows)
            return
        insert(self, sql, rows[: len(rows) // 2])
        _stall(conn)

    cls._insert = half_then_stall  # type: ignore[method-assign]


def _doomed_writer(
    url: str, conn: Connection, stall: Callable[[Connection, pl.Store], None]
) -> None:
    with pl.open(url) as store:
        for number in range(3):
            version = store.append([program(f"small-{number}-{i}") for i in range(3)])
            conn.send(version)
        stall(conn, store)
        store.append([program(f"big-{i}") for i in range(3000)])
        conn.send("finished")


@pytest.mark.parametrize("kind", KINDS)
def test_writer_killed_mid_batch_leaves_no_part_of_it(kind: str, tmp_path: Path) -> None:
    """SIGKILL in the middle of a large append: every append that returned is there, and
    not one event of the interrupted batch is."""
    stall = _stall_jsonl_write if kind == "jsonl" else _stall_sql_insert
    with store_url(kind, tmp_path) as url:
        receiver, sender = FORK.Pipe(duplex=False)
        child = FORK.Process(target=_doomed_writer, args=(url, sender, stall))
        child.start()
        returned = []
        while True:
            assert receiver.poll(WAIT), "the writer neither returned nor stalled"
            message = receiver.recv()
            if message == "stalled":
                break
            assert message != "finished", "the large append was not interrupted"
            returned.append(message)
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join(WAIT)
        assert child.exitcode == -signal.SIGKILL
        with pl.open(url) as store:
            ids = [e.id for e in store.read()]
            assert store.version == returned[-1] == 9
    assert ids == [f"small-{n}-{i}" for n in range(3) for i in range(3)]
