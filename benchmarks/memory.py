"""The peak memory of a process, as the benchmarks' children report it."""

from __future__ import annotations

import resource


def peak_kib() -> int:
    """The peak resident set of this process's own memory since it started, in KiB.

    Linux's ``VmHWM``: ``getrusage``'s ``ru_maxrss`` carries the peak of the process that
    spawned this one across ``exec``, so a child of a big parent would report the
    parent's peak. Elsewhere, ``ru_maxrss`` (KiB on Linux, bytes on macOS: not used here).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
