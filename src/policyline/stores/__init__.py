"""Durable event stores: JSON Lines files, SQLite (the embedded default), PostgreSQL.

Every store keeps one contract (:class:`~policyline.stores.base.Store`); open one by URL
with :func:`open`, and move events between them with :func:`copy`.
"""

from policyline.stores.base import Store
from policyline.stores.jsonl import JSONLinesStore, TornLine, TornLineWarning
from policyline.stores.sqlite import SQLiteStore
from policyline.stores.urls import copy, open

__all__ = ["JSONLinesStore", "SQLiteStore", "Store", "TornLine", "TornLineWarning", "copy", "open"]
