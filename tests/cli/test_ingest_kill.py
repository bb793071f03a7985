"""`lineage ingest` killed with SIGKILL mid-file, then rerun: the rest is stored, the first part
reported as duplicates, the file intact, nothing stored twice: the same store as one clean run.

bench/crash_cli_ingest.py repeats this at random moments for as many iterations as asked."""

from __future__ import annotations

import signal
from pathlib import Path

from lineage.demo import demo_events, write_jsonl
from tests.support.ingest_kill import (
    contents,
    ingest_json,
    integrity,
    killed_ingest,
    stored_events,
)

EVENTS = 4000
BATCH = 500


def test_killed_ingest_resumes_by_rerunning(tmp_path: Path) -> None:
    records = tmp_path / "big.jsonl"
    lines = write_jsonl(records, demo_events(EVENTS))
    store, clean = tmp_path / "killed.db", tmp_path / "clean.db"

    status = killed_ingest(records, store, BATCH, after_events=1)

    assert status == -signal.SIGKILL, "ingest ended before it could be killed"
    before = stored_events(store)
    assert integrity(store) == "ok"
    assert 0 < before < EVENTS
    rerun = ingest_json(records, store, BATCH)
    once = ingest_json(records, clean, BATCH)

    assert integrity(store) == "ok"
    assert rerun["duplicates"] >= before and rerun["stored"] > 0
    assert rerun["stored"] + rerun["duplicates"] == once["stored"] + once["duplicates"] == lines
    assert rerun["conflicts"] == rerun["rejected"] == once["conflicts"] == 0
    assert stored_events(store) == EVENTS
    assert contents(store) == contents(clean)
