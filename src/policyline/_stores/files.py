"""Durable file operations for the JSON Lines store: locks, full writes, fsyncs, a journal.

A batch is appended under an exclusive ``flock`` on the data file, with a rollback
journal beside it (``<file>.pending``, holding the size before the batch): the journal is
made durable, the batch written and fsynced, then the journal removed. A journal found on
open means a writer died mid-batch; the file is cut back to the size it names, so no part
of an unfinished batch is ever read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from policyline.errors import StoreError


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


def _lock(fd: int) -> None:
    """An exclusive ``flock``: POSIX only, so ``fcntl`` is imported here, where it is
    needed, and ``import policyline`` works where it does not exist."""
    try:
        import fcntl
    except ImportError:
        raise StoreError(
            "a JSON Lines store needs POSIX file locks (fcntl), which this platform lacks;"
            " pl.load() still reads .jsonl files, and sqlite:///file.db stores events"
        ) from None
    fcntl.flock(fd, fcntl.LOCK_EX)


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
        _lock(fd)
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


class Batch:
    """An append to a locked file as one batch: all of it, durably, or none.

    The journal is written (and made durable) before the first byte of the batch; the
    data may then be written in pieces; :meth:`commit` fsyncs it and removes the journal,
    :meth:`abort` cuts the file back and removes the journal. A batch that wrote nothing
    leaves no trace.
    """

    def __init__(self, fd: int, path: Path) -> None:
        self._fd = fd
        self._path = path
        self._size: int | None = None  # the file's size before the batch, once begun

    def write(self, data: bytes) -> None:
        """Append ``data`` (not yet durable: :meth:`commit` makes it so)."""
        if self._size is None:
            self._size = os.fstat(self._fd).st_size
            journal_fd = os.open(journal(self._path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                write_all(journal_fd, f"{self._size}\n".encode("ascii"))
                os.fsync(journal_fd)
            finally:
                os.close(journal_fd)
            fsync_directory(self._path.parent)
        write_all(self._fd, data)

    def commit(self) -> None:
        """Make the batch durable and forget the journal."""
        if self._size is None:
            return
        os.fsync(self._fd)
        self._finish()

    def abort(self) -> None:
        """Undo the batch: cut the file back to its size before it."""
        if self._size is None:
            return
        os.ftruncate(self._fd, self._size)
        os.fsync(self._fd)
        self._finish()

    def _finish(self) -> None:
        journal(self._path).unlink()
        fsync_directory(self._path.parent)
        self._size = None
