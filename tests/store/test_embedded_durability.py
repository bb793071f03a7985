"""The embedded store syncs every commit: WAL with synchronous=FULL (NORMAL may lose acknowledged
commits on power loss, as SQLite documents)."""

from __future__ import annotations

from pathlib import Path

from lineage.store.embedded import EmbeddedStore

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_the_writer_commits_with_full_sync_in_wal_mode(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "durable.db")
    try:
        writer = store._writer
        assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert writer.execute("PRAGMA synchronous").fetchone()[0] == FULL
        store.get_events(["x"])  # opens this thread's reader
        reader = store._reader
        assert reader.execute("PRAGMA synchronous").fetchone()[0] == FULL
    finally:
        store.close()


def test_a_reopened_writer_keeps_full_sync(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "durable.db")
    try:
        store._reopen_writer()
        assert store._writer.execute("PRAGMA synchronous").fetchone()[0] == FULL
    finally:
        store.close()
