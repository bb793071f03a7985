"""Build a benchmark store of demo events: the one builder the store benchmarks share."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from lineage.demo import demo_events
from lineage.ingest import Ingestor, SourceRecord
from lineage.store.embedded import EmbeddedStore


def build_demo_store(path: Path, events: int, seed: int) -> None:
    """Ingest `events` demo events into a new embedded store at `path`, replacing any there."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = EmbeddedStore(path)
    records = demo_events(events, seed)
    sources = (SourceRecord(f"bench:{n}", raw) for n, raw in enumerate(records, 1))
    wall = time.perf_counter()
    report = Ingestor(store).ingest(sources)
    wall = time.perf_counter() - wall
    store.close()
    print(f"built {path}: {events:,} events, {report.total:,} records in {wall:.0f}s "
          f"({events / wall:,.0f} events/s, every derivation included), "
          f"{path.stat().st_size / 1e6:.0f} MB")  # fmt: skip
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")
