"""Embedded store files as an older version of this program left them (migration tests)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

#: What version 7 added: the mentions' time columns and the upstream commits' environment index.
VERSION_7_ADDED = (
    "DROP INDEX ix_upstream_commits_environment",
    "ALTER TABLE commit_mentions DROP COLUMN commit_ts",
    "ALTER TABLE commit_mentions DROP COLUMN event_kind",
)


def as_version(path: Path, version: int, statements: Iterable[str] = ()) -> None:
    """Make the closed store file at `path` one of schema `version`: run `statements` (taking
    away what later versions added), then mark the version."""
    with sqlite3.connect(path) as old:
        for statement in statements:
            old.execute(statement)
        old.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    old.close()
