"""Progress for slow work, on a terminal only.

``with Progress("loading events/"):`` shows nothing for work that ends within a second.
Past a second, and only when the stream is a terminal, a line on stderr says what is being
done and for how long, and when the work ends it says how long it took. Piped or
redirected output stays quiet, so scripts see only the command's own output.
"""

from __future__ import annotations

import sys
import threading
import time
import types
from typing import Self, TextIO

DELAY = 1.0
"""Seconds of work before progress is shown."""

_TICK = 0.2
_SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Progress:
    """A context manager showing ``label`` with a spinner and the time spent, on a terminal."""

    def __init__(self, label: str, *, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.label = label
        self.stream = sys.stderr if stream is None else stream
        self.delay = delay
        self.shown = False
        self._start = 0.0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        """Progress is shown only on a terminal."""
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty is not None and isatty())

    def __enter__(self) -> Self:
        self._start = time.monotonic()
        if self.enabled:
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        return self

    def _spin(self) -> None:
        if self._done.wait(self.delay):
            return
        frame = 0
        while not self._done.is_set():
            elapsed = time.monotonic() - self._start
            self._write(f"\r{_SPINNER[frame % len(_SPINNER)]} {self.label} … {elapsed:.1f}s")
            frame += 1
            self._done.wait(_TICK)

    def _write(self, text: str) -> None:
        self.shown = True
        self.stream.write(text)
        self.stream.flush()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: types.TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        elapsed = time.monotonic() - self._start
        if self.enabled and elapsed >= self.delay:
            outcome = "done" if kind is None else "failed"
            self._write(f"\r\033[K{self.label}: {outcome} in {elapsed:.1f}s\n")
