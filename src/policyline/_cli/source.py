"""Where the events come from: ``--store URL`` or a path, with a sensible default.

A store is named by a URL (``sqlite:///file.db``, ``postgresql://…``) or by a path (a
directory of ``.jsonl`` files, one ``.jsonl`` file, or a glob). Without ``--store`` the
command uses ``$POLICYLINE_STORE`` if set, else ``./events`` if that directory exists.
"""

from __future__ import annotations

import os
from pathlib import Path

from policyline._cli.progress import Progress
from policyline._dates import DateLike
from policyline._loading import figures, load
from policyline._results import Answers
from policyline._stores import is_url, redacted
from policyline._timeline import Timeline
from policyline.errors import StoreError

DEFAULT_CORPUS = "events"
ENVIRONMENT = "POLICYLINE_STORE"


def default_location() -> str:
    """``$POLICYLINE_STORE``, else ``./events`` if it exists; otherwise a clear error."""
    configured = os.environ.get(ENVIRONMENT)
    if configured:
        return configured
    if Path(DEFAULT_CORPUS).is_dir():
        return DEFAULT_CORPUS
    raise StoreError(
        f"no store given: pass --store URL or PATH, set ${ENVIRONMENT}, "
        f"or run where ./{DEFAULT_CORPUS}/ exists"
    )


def open_timeline(location: str | None, region: str | None = None) -> Timeline:
    """The timeline of every event at ``location`` (or the default), with progress:
    ``policyline.load``, which reads a store URL without creating anything, and names the
    file and line of every problem in files. With ``region``, a store is read only for
    what questions about that region and those below it need (its scope, by index);
    files are read whole either way."""
    where = location or default_location()
    with Progress(f"loading {redacted(where)}"):
        return load(where, region=region if is_url(where) else None)


def load_figures(
    location: str | None,
    on: DateLike,
    region: str | None,
    rollup: bool,
    known: DateLike | None,
) -> Answers:
    """Every figure as of ``on`` (:func:`policyline.figures`), with progress: from the
    store's read model where it has one, else from the events."""
    where = location or default_location()
    with Progress(f"reading the figures in {redacted(where)}"):
        return figures(where, on, region=region, rollup=rollup, known=known)
