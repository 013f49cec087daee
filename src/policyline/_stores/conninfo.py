"""PostgreSQL connection strings: which locations are one, and how messages show them.

A connection string is a URL (``postgresql://…``, ``postgres://…``) or libpq's key=value
form (``host=db dbname=policy user=alice``). Anything policyline prints shows it through
:func:`redacted`: psycopg's own conninfo parser reads it, so a password in the user part
of a URL, in ``?password=`` or in ``password=`` is found wherever libpq would find it.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_SCHEMES = ("postgresql://", "postgres://")
_KEY_VALUE = re.compile(r"^\s*[A-Za-z_]+\s*=")
_USER_PASSWORD = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9+.-]*://[^/@:?#]*):[^@/?#]*@")
_PASSWORD_VALUE = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^&\s]*)", re.IGNORECASE)
UNREADABLE = "<a PostgreSQL connection string that cannot be parsed>"


def is_conninfo(location: str) -> bool:
    """Does ``location`` name a PostgreSQL database (a URL or key=value pairs)?"""
    if location.startswith(_SCHEMES):
        return True
    return bool(_KEY_VALUE.match(location)) and not Path(location).exists()


def redacted(location: str) -> str:
    """``location`` as a message may show it: a password replaced by ``***`` (in any
    URL's user part, and wherever libpq would read one in a PostgreSQL string)."""
    shown = _USER_PASSWORD.sub(r"\1:***@", location)
    if not is_conninfo(location):
        return shown
    if importlib.util.find_spec("psycopg") is None:  # no parser: hide every password= value
        return _PASSWORD_VALUE.sub(r"\1***", shown)
    password = _password(location)
    if password is None:
        return UNREADABLE
    if not password:
        return shown
    from psycopg.conninfo import conninfo_to_dict, make_conninfo  # loads only when used

    return make_conninfo("", **(conninfo_to_dict(location) | {"password": "***"}))


def scrubbed(message: str, location: str) -> str:
    """A driver's message about ``location`` without anything secret from it: the
    string itself, or its password, wherever the message quotes them."""
    password = _password(location)
    if password is None:
        return "the connection string cannot be parsed"
    message = message.replace(location, redacted(location))
    return message.replace(password, "***") if password else message


def _password(location: str) -> str | None:
    """The password in a PostgreSQL string ("" if none); None if it cannot be parsed."""
    from psycopg.conninfo import conninfo_to_dict  # loads only when used

    try:
        return str(conninfo_to_dict(location).get("password") or "")
    except Exception:  # psycopg's parse errors quote the string itself
        return None
