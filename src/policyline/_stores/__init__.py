"""Durable event stores: JSON Lines files, SQLite (the embedded default), PostgreSQL.

Every store keeps one contract (:class:`~policyline._stores.base.Store`); open one by URL
with :func:`open`, and move events into one with :func:`copy`.
"""

from policyline._stores.base import Store
from policyline._stores.conninfo import redacted
from policyline._stores.urls import copy, is_ephemeral, is_url, open

__all__ = ["Store", "copy", "is_ephemeral", "is_url", "open", "redacted"]
