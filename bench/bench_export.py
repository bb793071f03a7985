"""`lineage export` of a time window: throughput and peak Python memory of the streaming writers.

Run:  python bench/bench_export.py [--events 200000] [--store PATH] [--reuse]

Builds (or reuses) an embedded store of `--events` demo events, then, each in a fresh process
so nothing is shared, writes the whole store's time span in every format to a counting sink
(bytes counted, nothing kept), and once collects the same window into an in-memory
`MultiDiGraph` (`to_networkx`) for comparison. Prints wall/CPU seconds and events/s of a plain
run, output size, and the peak of Python allocations (`tracemalloc`) of a second, traced run:
the streaming exports should stay flat as the window grows, the in-memory graph should not.
(Peak RSS would mostly measure SQLite's page cache and memory-mapped file, not the export.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from lineage.analytics.elements import window_elements
from lineage.analytics.export import write_export
from lineage.analytics.graph import collect
from lineage.analytics.schema import Format
from lineage.demo import demo_events
from lineage.ingest import Ingestor, SourceRecord
from lineage.store import EventFilter
from lineage.store.embedded import EmbeddedStore


class CountingSink:
    """A text stream that counts what is written and keeps nothing."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        """Count `text`."""
        self.chars += len(text)
        return len(text)

    def flush(self) -> None:
        """Nothing to flush."""


def main() -> None:
    """Build or reuse the store, then measure each format in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/bench-export.db"))
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.store, args.measure)
        return
    if not (args.reuse and args.store.exists()):
        build(args.store, args.events)
    header = ("what", "wall s", "CPU s", "events/s", "MB out", "peak heap MB")
    print("{:<14} {:>8} {:>8} {:>10} {:>8} {:>12}".format(*header))
    for what in [*(f.value for f in Format), "to_networkx"]:
        command = [sys.executable, __file__, "--store", str(args.store), "--measure", what]
        subprocess.run(command, check=True)


def build(path: Path, events: int) -> None:
    """A fresh store of `events` demo events."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    store = EmbeddedStore(path)
    started = time.perf_counter()
    Ingestor(store).ingest(SourceRecord(f"bench:{i}", r) for i, r in enumerate(demo_events(events)))
    store.close()
    print(f"built {path} with {events} events in {time.perf_counter() - started:.0f} s")


def run(store: EmbeddedStore, what: str, since: datetime, until: datetime, count: int) -> float:
    """One export (or collection) of the window; the MB written."""
    if what == "to_networkx":
        graph = collect(window_elements(store, since, until))
        assert graph.number_of_nodes() >= count
        return 0.0
    sink = CountingSink()
    write_export(window_elements(store, since, until), Format(what), sink)  # type: ignore[arg-type]
    return sink.chars / 1e6


def measure(path: Path, what: str) -> None:
    """Export (or collect) the store's whole span once; print one result row."""
    store = EmbeddedStore(path)
    first = store.find_events(EventFilter(), 1, None).items[0].timestamp
    since = first.replace(hour=0, minute=0, second=0, microsecond=0)
    until = datetime(2100, 1, 1, tzinfo=UTC)
    count = store.stats().events
    wall, cpu = time.perf_counter(), time.process_time()
    size = run(store, what, since, until, count)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tracemalloc.start()
    run(store, what, since, until, count)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"{what:<14} {wall:8.1f} {cpu:8.1f} {count / wall:10,.0f} {size:8.1f} {peak:12.1f}")
    store.close()


if __name__ == "__main__":
    main()
