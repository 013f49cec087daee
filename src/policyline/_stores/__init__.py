"""Durable event stores: JSON Lines files, SQLite (the embedded default), PostgreSQL.

Every store keeps one contract (:class:`~policyline._stores.base.Store`); open one by URL
with :func:`open`, and move events between them with :func:`copy`.
"""

from policyline._stores.base import Store
from policyline._stores.jsonl import JSONLinesStore, TornLine, TornLineWarning
from policyline._stores.sqlite import SQLiteStore
from policyline._stores.urls import copy, open

__all__ = ["JSONLinesStore", "SQLiteStore", "Store", "TornLine", "TornLineWarning", "copy", "open"]
