"""Kill the real `lineage ingest` with SIGKILL, rerun it, and look at the store it left: the
helpers shared by tests/cli/test_ingest_kill.py and bench/crash_cli_ingest.py."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import orjson

LINEAGE = [sys.executable, "-m", "lineage.cli.main"]


def ingest_json(records: Path, store: Path, batch: int) -> dict[str, Any]:
    """Run `lineage ingest --json` to the end and return its summary."""
    args = ["ingest", str(records), "--store", str(store), "--batch", str(batch), "--json"]
    done = subprocess.run([*LINEAGE, *args], capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    report: dict[str, Any] = orjson.loads(done.stdout)
    return report


def killed_ingest(
    records: Path, store: Path, batch: int, *, after_events: int = 0, then_seconds: float = 0.0
) -> int:
    """Start `lineage ingest`, wait until `after_events` events are committed (none: not at
    all), then `then_seconds` more, SIGKILL it and return its exit status (-9 if killed)."""
    args = ["ingest", str(records), "--store", str(store), "--batch", str(batch)]
    process = subprocess.Popen(
        [*LINEAGE, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while after_events > 0 and process.poll() is None and time.monotonic() < deadline:
        if stored_events(store) >= after_events:
            break
        time.sleep(0.005)
    time.sleep(then_seconds)
    process.send_signal(signal.SIGKILL)
    return process.wait()


def stored_events(store: Path) -> int:
    """Events committed so far, read without creating the file (the CLI must make it)."""
    if not store.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True)) as connection:
            return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.OperationalError:  # no tables yet, or the file is still being made
        return 0


def integrity(store: Path) -> str:
    """`PRAGMA integrity_check` of the store ("ok", or what is wrong)."""
    with closing(sqlite3.connect(store, timeout=30)) as connection:
        return "; ".join(str(row[0]) for row in connection.execute("PRAGMA integrity_check"))


def contents(store: Path) -> tuple[object, ...]:
    """Everything ingest decides, comparable between stores: events, links, facts and chains."""
    with closing(sqlite3.connect(store, timeout=30)) as connection:
        return tuple(
            sorted(connection.execute(sql).fetchall())
            for sql in (
                "SELECT id, digest FROM events",
                "SELECT id, digest FROM links",
                "SELECT kind, id, digest FROM facts",
                "SELECT id, event_count, started_at, ended_at, complete, start_id, end_id "
                "FROM chains",
                "SELECT count(*), count(DISTINCT id) FROM events",
            )
        )
