"""`stageStats` (and `flakyTests`) over a 90-day window of a large embedded store, in-process.

Run:  python bench/bench_stage_stats.py [--events 1000000] [--store PATH] [--reuse] [--runs 5]
          [--days 90] [--pipeline NAME]

Builds (or with --reuse, reuses) a store of `--events` events of demo traffic
(`lineage.demo.demo_events`: delivery chains with timed task runs, retries, flaky unit tests,
fan-out releases), then, in a fresh process, times `--runs` times each:

- `stage_stats(store, since, until)` over the last `--days` days of the store's events (every
  pipeline), and with `--pipeline` (default: the busiest pipeline) for one pipeline;
- `flaky_tests(store, since, until)` over the same window.

Stage rows are derived at ingest (the build includes that cost); `stage_stats` reads the window's
rows in one range seek and aggregates them. The first call of the fresh process is reported apart
(cold: SQLite's page cache and the OS cache of the file not yet warm for those pages). A store
built before stage rows existed gets them with `lineage db derive --store PATH` (timed by
`--derive`, which runs it first).

Prints p50 / min / max of wall and CPU time (of the measuring thread) of each, and the size
of the window (pipeline runs, stage runs).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from demo_store import build_demo_store  # bench/ is on sys.path when a bench runs

from lineage.ingest.stage_rows import backfill_stage_rows
from lineage.services.flaky_tests import flaky_tests
from lineage.services.stage_stats import stage_stats
from lineage.store.embedded import EmbeddedStore
from lineage.store.protocol import EventFilter


def main() -> None:
    """Build or reuse the store, then measure in a fresh process."""
    args = _arguments()
    if args.measure:
        measure(args)
        return
    if not (args.reuse and args.store.exists()):
        build_demo_store(args.store, args.events, args.seed)
    command = [sys.executable, __file__, "--measure", "--store", str(args.store),
               "--runs", str(args.runs), "--days", str(args.days)]  # fmt: skip
    if args.pipeline:
        command += ["--pipeline", args.pipeline]
    if args.derive:
        command.append("--derive")
    subprocess.run(command, check=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument("--store", type=Path, default=Path("bench-stages.db"), help="store file")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per question")
    parser.add_argument("--days", type=int, default=90, help="window: the store's last N days")
    parser.add_argument("--pipeline", default=None, help="pipeline for the one-pipeline run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--derive", action="store_true", help="backfill stage rows first (a store built before)"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _last_instant(store: EmbeddedStore) -> datetime:
    """The time of the store's latest event (binary search over the time-ordered listing)."""
    page = store.find_events(EventFilter(), 1, None)
    if not page.items:
        sys.exit("empty store")
    low = page.items[0].timestamp
    high = low + timedelta(days=3650)
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if store.find_events(EventFilter(since=middle), 1, None).items:
            low = middle
        else:
            high = middle
    return high


def measure(args: argparse.Namespace) -> None:
    """Time stage_stats (all pipelines, one pipeline) and flaky_tests over the window."""
    store = EmbeddedStore(args.store)
    if args.derive:
        wall, cpu = time.perf_counter(), time.thread_time()
        chains = backfill_stage_rows(store)
        _report(f"lineage db derive: stage rows of {chains:,} chains",
                [(time.perf_counter() - wall, time.thread_time() - cpu)])  # fmt: skip
    stats = store.stats()
    until = _last_instant(store)
    since = until - timedelta(days=args.days)
    print(f"store: {stats.events:,} events, {stats.links:,} links; window {since:%Y-%m-%d} .. "
          f"{until:%Y-%m-%d} ({args.days} days)")  # fmt: skip
    wall, cpu = time.perf_counter(), time.thread_time()
    report = stage_stats(store, since, until)
    _report("stage_stats, every pipeline, first call of the process (cold)",
            [(time.perf_counter() - wall, time.thread_time() - cpu)])  # fmt: skip
    busiest = max(report.stages, key=lambda s: s.runs).pipeline_name if report.stages else None
    pipeline = args.pipeline or busiest
    stage_runs = sum(s.runs for s in report.stages)
    print(f"window: {report.pipeline_runs:,} pipeline runs, {stage_runs:,} stage runs, "
          f"{len(report.stages)} stages")  # fmt: skip
    every = _timed(args.runs, lambda: stage_stats(store, since, until))
    _report("stage_stats, every pipeline, repeated (warm)", every)
    one = stage_stats(store, since, until, pipeline)
    print(f"{pipeline}: {one.pipeline_runs:,} pipeline runs")
    _report(f"stage_stats, pipeline {pipeline}, warm",
            _timed(args.runs, lambda: stage_stats(store, since, until, pipeline)))  # fmt: skip
    _report("flaky_tests", _timed(max(1, args.runs // 5), lambda: flaky_tests(store, since, until)))
    store.close()


def _timed(runs: int, question: Callable[[], Any]) -> list[tuple[float, float]]:
    """Wall and CPU time (of this thread: other processes on a busy machine do not count) of
    each run of `question`."""
    times = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.thread_time()
        question()
        times.append((time.perf_counter() - wall, time.thread_time() - cpu))
    return times


def _report(label: str, times: list[tuple[float, float]]) -> None:
    walls = [wall * 1000 for wall, _ in times]
    cpus = [cpu * 1000 for _, cpu in times]
    print(f"{label}: wall p50 {statistics.median(walls):,.0f} ms (min {min(walls):,.0f}, max "
          f"{max(walls):,.0f}); CPU p50 {statistics.median(cpus):,.0f} ms (min {min(cpus):,.0f}, "
          f"max {max(cpus):,.0f}); {len(times)} runs")  # fmt: skip


if __name__ == "__main__":
    main()
