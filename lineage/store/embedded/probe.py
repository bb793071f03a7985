"""What a path holds, looked at without creating or changing it; and the mark of a demo store."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

#: The `meta` row that marks a store `lineage demo` built (and so may replace).
DEMO_KEY = "demo"


class FileKind(Enum):
    """What is at a store path."""

    MISSING = "missing"
    DIRECTORY = "a directory"
    EMPTY = "empty"
    NOT_SQLITE = "not an SQLite database"
    OTHER_SQLITE = "an SQLite database of another program"
    UNREADABLE = "unreadable"
    STORE = "a lineage store"


@dataclass(frozen=True, slots=True)
class StoreFile:
    """The verdict on a path: its kind, whether it is a demo store, and any OS error text."""

    kind: FileKind
    demo: bool = False
    detail: str | None = None


def inspect_store_file(path: Path) -> StoreFile:
    """Say what `path` holds; opening it neither creates the file nor changes its content."""
    try:
        if path.is_dir():
            return StoreFile(FileKind.DIRECTORY)
        size = path.stat().st_size
    except FileNotFoundError:
        return StoreFile(FileKind.MISSING)
    except OSError as exc:
        return StoreFile(FileKind.UNREADABLE, detail=exc.strerror)
    if size == 0:
        return StoreFile(FileKind.EMPTY)
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                return StoreFile(FileKind.EMPTY)  # e.g. a store whose creation was cut short
            rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.OperationalError as exc:
        if str(exc).startswith("no such table"):
            return StoreFile(FileKind.OTHER_SQLITE)
        return StoreFile(FileKind.UNREADABLE, detail=str(exc))
    except sqlite3.DatabaseError:
        return StoreFile(FileKind.NOT_SQLITE)
    if "schema_version" not in rows:
        return StoreFile(FileKind.OTHER_SQLITE)
    return StoreFile(FileKind.STORE, demo=rows.get(DEMO_KEY) == "1")


def mark_demo_store(path: Path) -> None:
    """Mark the store at `path` as a demo store, which `lineage demo` may replace."""
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (DEMO_KEY,))
