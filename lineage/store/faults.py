"""Which store errors are faults of the storage (full disk, read-only file, lock held, database
down) rather than bugs: a caller answers them with "try again later", never as its own failure.
"""

from __future__ import annotations

import sqlite3

from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError

#: SQLite primary result codes of a storage that cannot take the write now.
_SQLITE_FAULTS = {
    5: "the store is locked by another writer",  # SQLITE_BUSY
    6: "the store is locked by another writer",  # SQLITE_LOCKED
    8: "the store is read-only",  # SQLITE_READONLY
    10: "the store had an I/O error",  # SQLITE_IOERR
    13: "the store is full (disk or size limit)",  # SQLITE_FULL
    14: "the store file cannot be opened",  # SQLITE_CANTOPEN
    15: "the store is locked by another writer",  # SQLITE_PROTOCOL
}


class StoreUnavailableError(RuntimeError):
    """The storage cannot serve the call now; the message says why (safe to show a client)."""


def storage_fault(exc: BaseException) -> str | None:
    """Why the store is unavailable, if `exc` is a storage fault; None for any other error."""
    if isinstance(exc, StoreUnavailableError):
        return str(exc)
    if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            return _SQLITE_FAULTS.get(code & 0xFF)
        return None
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        return "the Neo4j database is unreachable"
    if isinstance(exc, TransientError):
        return "the Neo4j database is temporarily unavailable"
    return None


def is_read_only(exc: BaseException) -> bool:
    """Whether `exc` says the SQLite file could only be opened read-only."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and code is not None and code & 0xFF == 8
