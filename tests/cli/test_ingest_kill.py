"""`lineage ingest` killed with SIGKILL mid-file, then rerun: the rest is stored, the first part
reported as duplicates, the file intact, nothing stored twice: the same store as one clean run."""

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

from lineage.demo import demo_events, write_jsonl

LINEAGE = [sys.executable, "-m", "lineage.cli.main"]
EVENTS = 4000
BATCH = "500"


def lineage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*LINEAGE, *args], capture_output=True, text=True, timeout=240)


def ingest_json(records: Path, store: Path) -> dict[str, Any]:
    done = lineage("ingest", str(records), "--store", str(store), "--batch", BATCH, "--json")
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = orjson.loads(done.stdout)
    return report


def query(store: Path, sql: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(store, timeout=30)) as connection:
        return connection.execute(sql).fetchall()


def stored_events(store: Path) -> int:
    """Events committed so far, read without creating the file (the CLI must make it)."""
    if not store.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True)) as connection:
            return int(connection.execute("SELECT count(*) FROM events").fetchone()[0])
    except sqlite3.OperationalError:  # no tables yet
        return 0


def contents(store: Path) -> tuple[object, ...]:
    return tuple(
        sorted(query(store, sql))
        for sql in (
            "SELECT id, digest FROM events",
            "SELECT id, digest FROM links",
            "SELECT kind, id, digest FROM facts",
            "SELECT id, event_count, started_at, ended_at, complete, start_id, end_id FROM chains",
        )
    )


def test_killed_ingest_resumes_by_rerunning(tmp_path: Path) -> None:
    records = tmp_path / "big.jsonl"
    lines = write_jsonl(records, demo_events(EVENTS))
    store, clean = tmp_path / "killed.db", tmp_path / "clean.db"

    process = subprocess.Popen(
        [*LINEAGE, "ingest", str(records), "--store", str(store), "--batch", BATCH],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while stored_events(store) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL, "ingest ended before it could be killed"

    before = stored_events(store)
    assert query(store, "PRAGMA integrity_check") == [("ok",)]
    assert 0 < before < EVENTS
    rerun = ingest_json(records, store)
    once = ingest_json(records, clean)

    assert query(store, "PRAGMA integrity_check") == [("ok",)]
    assert rerun["duplicates"] >= before and rerun["stored"] > 0
    assert rerun["stored"] + rerun["duplicates"] == once["stored"] + once["duplicates"] == lines
    assert rerun["conflicts"] == rerun["rejected"] == once["conflicts"] == 0
    assert query(store, "SELECT count(*), count(DISTINCT id) FROM events") == [(EVENTS, EVENTS)]
    assert contents(store) == contents(clean)
