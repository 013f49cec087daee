"""PostgreSQL connection strings: which locations are one, and how messages show them.

A connection string is a URL (``postgresql://…``, ``postgres://…``) or libpq's key=value
form (``host=db dbname=policy user=alice``). Anything policyline prints shows it through
:func:`redacted`: psycopg's own conninfo parser reads it, so a password in the user part
of a URL, in ``?password=`` or in ``password=`` is found wherever libpq would find it.
"""

from __future__ import annotations

import re
from pathlib import Path

_SCHEMES = ("postgresql://", "postgres://")
_KEY_VALUE = re.compile(r"^\s*[A-Za-z_]+\s*=")


def is_conninfo(location: str) -> bool:
    """Does ``location`` name a PostgreSQL database (a URL or key=value pairs)?"""
    if location.startswith(_SCHEMES):
        return True
    return bool(_KEY_VALUE.match(location)) and not Path(location).exists()


def redacted(location: str) -> str:
    """``location`` as a message may show it: a PostgreSQL password replaced by ``***``
    (other locations as they are)."""
    if not is_conninfo(location):
        return location
    from psycopg.conninfo import conninfo_to_dict, make_conninfo  # loads only when used

    try:
        parameters = conninfo_to_dict(location)
    except Exception:  # psycopg's parse errors carry the string itself
        return "<a PostgreSQL connection string that cannot be parsed>"
    if "password" not in parameters:
        return location
    parameters["password"] = "***"
    return make_conninfo("", **parameters)
