"""Durable file operations for the JSON Lines store: locks, full writes, fsyncs, a journal.

A batch is appended under an exclusive ``flock`` on the data file, with a rollback
journal beside it (``<file>.pending``, holding the size before the batch): the journal is
made durable, the batch written and fsynced, then the journal removed. A journal found on
open means a writer died mid-batch; the file is cut back to the size it names, so no part
of an unfinished batch is ever read.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Make a file's creation, rename or removal in ``directory`` durable."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` (``os.write`` may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def journal(path: Path) -> Path:
    """The rollback journal of a data file."""
    return path.with_name(path.name + ".pending")


@contextmanager
def locked(path: Path, *, create: bool) -> Iterator[int | None]:
    """Hold an exclusive lock on ``path`` and yield its descriptor (opened for appending).

    Without ``create``, a missing file yields ``None`` and takes no lock. A new file's
    directory entry is fsynced before the lock is handed over.
    """
    flags = os.O_RDWR | os.O_APPEND
    existed = path.exists()
    if create:
        if not path.parent.is_dir():
            path.parent.mkdir(parents=True)
            fsync_directory(path.parent.parent)
        flags |= os.O_CREAT
    elif not existed:
        yield None
        return
    fd = os.open(path, flags, 0o644)
    try:
        if not existed:
            fsync_directory(path.parent)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield fd
    finally:
        os.close(fd)


def recover(fd: int, path: Path) -> bool:
    """Undo a batch whose writer died before finishing it; True if there was one.

    The caller holds the lock. A journal that is empty or unreadable was itself cut short,
    before any of its batch was written: it is simply removed.
    """
    pending = journal(path)
    try:
        text = pending.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return False
    if text.isdigit() and os.fstat(fd).st_size > int(text):
        os.ftruncate(fd, int(text))
        os.fsync(fd)
    pending.unlink()
    fsync_directory(path.parent)
    return True


def append_durably(fd: int, path: Path, data: bytes) -> None:
    """Append ``data`` to the locked file as one batch: all of it, durably, or none."""
    size = os.fstat(fd).st_size
    pending = journal(path)
    journal_fd = os.open(pending, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        write_all(journal_fd, f"{size}\n".encode("ascii"))
        os.fsync(journal_fd)
    finally:
        os.close(journal_fd)
    fsync_directory(path.parent)
    try:
        write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.ftruncate(fd, size)
        os.fsync(fd)
        pending.unlink()
        raise
    pending.unlink()
    fsync_directory(path.parent)


def cut(fd: int, size: int) -> None:
    """Cut the locked file back to ``size`` bytes, durably (to drop a torn last line)."""
    os.ftruncate(fd, size)
    os.fsync(fd)
