"""The statistics read model (:mod:`policyline._read_model`) in the SQL stores' tables.

``policyline_statistic_heads`` holds the heads, keyed by (model, root, written) and
indexed by (model, region, metric, kind, rank); ``policyline_statistics`` each statistic
reported; how far the model of each version reaches is a ``model`` link at the position
of the last event folded into it. A writer keeps the model of its version up to date in
the same transaction as the events (a read never sees the one without the other). A
reader, in one snapshot, seeks each statistic's last heads by rank certain by the day
(one index seek each, whatever the store's size), keeps those that are current (no later
head of the same root), and breaks ties by id as the replay order does.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from policyline import _read_model
from policyline._events import Event
from policyline._read_model import Upkeep, last_rank, latest_root
from policyline._scope import chunks

if TYPE_CHECKING:
    from policyline._stores.sql import SQLStore

MODEL_LINK = "model"
"""The kind of link that marks, for a model's version (its value), how far it reaches."""

MODEL_TABLES = (
    """CREATE TABLE IF NOT EXISTS policyline_statistic_heads (
        model TEXT NOT NULL,
        root TEXT NOT NULL,
        written {position} NOT NULL,
        position {position} NOT NULL,
        region TEXT,
        metric TEXT,
        kind TEXT,
        rank BIGINT,
        PRIMARY KEY (model, root, written)
    ){options}""",
    """CREATE INDEX IF NOT EXISTS policyline_statistic_heads_by_statistic
        ON policyline_statistic_heads (model, region, metric, kind, rank)""",
    """CREATE TABLE IF NOT EXISTS policyline_statistics (
        model TEXT NOT NULL,
        region TEXT NOT NULL,
        metric TEXT NOT NULL,
        kind TEXT NOT NULL,
        PRIMARY KEY (model, region, metric, kind)
    ){options}""",
)
"""The heads, and each (region, folded metric, kind) reported (what a read seeks in)."""
_INSERT_HEAD = (
    "INSERT INTO policyline_statistic_heads (model, root, written, position, region, metric,"
    " kind, rank) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_STATISTIC = (
    "INSERT INTO policyline_statistics (model, region, metric, kind) VALUES (?, ?, ?, ?)"
    " ON CONFLICT DO NOTHING"
)
_INSERT_MARK = (
    "INSERT INTO policyline_links (kind, value, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
)
_LATEST = """WITH top AS (
        SELECT s.model, s.region, s.metric, s.kind, (
            SELECT MAX(x.rank) FROM policyline_statistic_heads x WHERE x.model = s.model
            AND x.region = s.region AND x.metric = s.metric AND x.kind = s.kind AND x.rank <= ?
        ) AS rank
        FROM policyline_statistics s WHERE s.model = ?{regions}
    )
    SELECT h.region, h.metric, h.kind, h.root, h.written
    FROM top CROSS JOIN policyline_statistic_heads h
    WHERE h.model = top.model AND h.region = top.region AND h.metric = top.metric
    AND h.kind = top.kind AND h.rank = top.rank"""
"""Each statistic's heads last in replay order by a rank, one index seek per statistic
(current or not: a head superseded by a later one of its root is rare, and checked)."""
_CURRENT = (
    "SELECT root, MAX(written) FROM policyline_statistic_heads"
    " WHERE model = ? AND root IN ({marks}) GROUP BY root"
)
_ONE_STATISTIC = (
    "SELECT root, written, rank FROM policyline_statistic_heads"
    " WHERE model = ? AND region = ? AND metric = ? AND kind = ? AND rank <= ?"
)


def model_through(store: SQLStore) -> int:
    """The position of the last event the current model's version is up to date with."""
    found = store._fetch(
        "SELECT COALESCE(MAX(position), 0) FROM policyline_links WHERE kind = ? AND value = ?",
        [MODEL_LINK, _read_model.MODEL],
    )
    return int(found[0][0])


def keep(store: SQLStore, upkeep: Upkeep, written: Sequence[tuple[int, Event]]) -> None:
    """Fold events just written (their links too) into the model, inside the write
    transaction; first catch up with any stored before them that it does not reach."""
    if not written:
        return
    before = written[0][0] - 1
    through = model_through(store)
    if through < before:
        fold_between(store, upkeep, through, before)
    _add(store, upkeep, written)


def _add(store: SQLStore, upkeep: Upkeep, written: Sequence[tuple[int, Event]]) -> None:
    last = written[-1][0]
    heads = upkeep.heads(store.indexed(last), written)
    if heads:
        model = _read_model.MODEL
        store._insert(_INSERT_HEAD, [(model, *h) for h in heads])
        statistics = {(model, *h[3:6]) for h in heads if h[3] is not None}
        store._insert(_INSERT_STATISTIC, sorted(statistics))
    store._insert(_INSERT_MARK, [(MODEL_LINK, _read_model.MODEL, last)])


def fold_between(store: SQLStore, upkeep: Upkeep, after: int, last: int) -> None:
    """Fold the stored events after ``after`` up to ``last`` into the model, a slice at a
    time (inside a write transaction)."""
    for stored in store.stored_between(after, last):
        _add(store, upkeep, stored)


def rebuild(store: SQLStore) -> None:
    """Drop every version's model and fold every stored event into the current one
    (inside a write transaction)."""
    store._execute("DELETE FROM policyline_statistic_heads")
    store._execute("DELETE FROM policyline_statistics")
    store._execute(f"DELETE FROM policyline_links WHERE kind = '{MODEL_LINK}'")
    fold_between(store, Upkeep(), 0, store.version)


def latest_reports(store: SQLStore, day: int, codes: Collection[str] | None) -> list[str]:
    """The ids of each statistic's latest report certain by ``day`` in each of ``codes``
    (None: every region), as the store stands (read in one snapshot)."""
    limit = last_rank(day)
    if codes is None:
        rows = store._fetch(_LATEST.format(regions=""), [limit, _read_model.MODEL])
    else:
        rows = []
        for part in chunks(sorted(codes), 500):
            marks = ", ".join("?" for _ in part)
            query = _LATEST.format(regions=f" AND s.region IN ({marks})")
            rows.extend(store._fetch(query, [limit, _read_model.MODEL, *part]))
    current = _current(store, [row[3] for row in rows])
    tied: dict[tuple[str, str, str], list[str]] = {}
    for region, metric, kind, root, written in rows:
        standing = tied.setdefault((region, metric, kind), [])
        if current[root] == written:
            standing.append(root)
    found = []
    for statistic, roots in tied.items():
        latest = latest_root(roots) if roots else _latest_standing(store, statistic, limit)
        if latest is not None:
            found.append(latest)
    return found


def _current(store: SQLStore, roots: Sequence[str]) -> dict[str, int]:
    """The last written head of each of ``roots``."""
    current: dict[str, int] = {}
    for part in chunks(sorted(set(roots)), 500):
        marks = ", ".join("?" for _ in part)
        rows = store._fetch(_CURRENT.format(marks=marks), [_read_model.MODEL, *part])
        current.update((str(root), int(written)) for root, written in rows)
    return current


def _latest_standing(store: SQLStore, statistic: tuple[str, str, str], limit: int) -> str | None:
    """A statistic's latest current head up to rank ``limit``, when its last ones by rank
    are all superseded (every head of the statistic is looked at)."""
    rows = store._fetch(_ONE_STATISTIC, [_read_model.MODEL, *statistic, limit])
    current = _current(store, [row[0] for row in rows])
    standing = [
        (int(order), str(root)) for root, written, order in rows if current[root] == written
    ]
    return max(standing)[1] if standing else None
