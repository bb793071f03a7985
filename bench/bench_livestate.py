"""Live-state ingest: sustained `ApplicationLiveState` reports per second, with pruning running.

Run:  python bench/bench_livestate.py [--reports 60000] [--per-request 1,100] [--neo4j]

A fleet of `--apps` applications x `--targets` deploy targets reports every `--every` seconds
(simulated time), each report with `--resources` resources (one carrying an image version that
changes now and then). Retention is set to `--retention` of simulated time, so history is pruned
continuously while the benchmark runs, as in production.

Each `--per-request` value is one run into a fresh store: reports go through the same path as
`POST /livestate` (`Runtime.ingest`: parse, judge against stored digests, one durable write per
request) in requests of that many reports, one after the other. The rate is reports / wall time
over the whole run; the last tenth of the run is also reported on its own, to show the rate does
not decay as history grows and is pruned; latency is per request. Records are generated before
timing. `--neo4j` also runs the first `--neo4j-reports` reports at each request size against the
real Neo4j 5.26 the tests start (`tests/support/neo4j_server.py`), or `NEO4J_URI` (whose
database it CLEARS).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the Neo4j launcher lives with the tests

from lineage.config import livestate_settings  # noqa: E402
from lineage.ingest import SourceRecord  # noqa: E402
from lineage.services.runtime import Runtime  # noqa: E402
from lineage.store import Store  # noqa: E402
from lineage.store.embedded import EmbeddedStore  # noqa: E402
from lineage.store.neo4j import Neo4jStore  # noqa: E402

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HEALTH = ("Healthy", "Healthy", "Healthy", "Progressing", "Degraded")


def main() -> None:
    """Generate the reports, run each request size into a fresh store, print the rates."""
    args = _arguments()
    os.environ["LINEAGE_LIVESTATE_RETENTION"] = args.retention
    livestate_settings.cache_clear()
    reports = fleet_reports(args)
    pairs = args.apps * args.targets
    span = timedelta(seconds=args.every * (len(reports) // pairs))
    print(
        f"input: {len(reports):,} reports from {pairs:,} (application, target) pairs, "
        f"{args.resources} resources each, {span} of simulated reporting, retention "
        f"{args.retention}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="lineage-livestate-bench-"))
    sizes = [int(size) for size in args.per_request.split(",")]
    for size in sizes:
        store = EmbeddedStore(workdir / f"embedded-{size}.db")
        run(f"embedded (SQLite), {size} report(s) per request", store, reports, size)
    if args.neo4j:
        neo4j_runs(reports[: args.neo4j_reports], sizes, workdir)


def fleet_reports(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The reports of the fleet, in arrival order (every pair once per `--every` seconds)."""
    rng = random.Random(7)
    pairs = [(f"app-{a:04d}", f"target-{t}") for a in range(args.apps) for t in range(args.targets)]
    versions = {pair: 1 for pair in pairs}
    reports: list[dict[str, Any]] = []
    tick = 0
    while len(reports) < args.reports:
        moment = START + timedelta(seconds=tick * args.every)
        for pair in pairs:
            if rng.random() < 0.01:
                versions[pair] += 1
            reports.append(report(pair, moment + timedelta(milliseconds=rng.randrange(1000)),
                                  versions[pair], args.resources, rng))  # fmt: skip
            if len(reports) == args.reports:
                break
        tick += 1
    return reports


def report(
    pair: tuple[str, str], moment: datetime, version: int, count: int, rng: random.Random
) -> dict[str, Any]:
    """One `ApplicationLiveState` report as a reporter sends it."""
    app, target = pair
    resources = [
        {"kind": "Deployment", "name": app, "namespace": f"{app}-{target}",
         "health": HEALTH[rng.randrange(len(HEALTH))],
         "version": f"registry.example.com/fleet/{app}:1.{version}.0"},
    ]  # fmt: skip
    resources += [
        {"kind": kind, "name": f"{app}-{n}", "namespace": f"{app}-{target}", "health": "Healthy"}
        for n, kind in enumerate(("Service", "ConfigMap", "Secret", "HorizontalPodAutoscaler"))
    ][: max(0, count - 1)]
    return {
        "kind": "ApplicationLiveState",
        "applicationId": app,
        "deployTarget": target,
        "reportedAt": moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "resources": resources,
    }


def run(label: str, store: Store, reports: list[dict[str, Any]], per_request: int) -> float:
    """Ingest `reports` in requests of `per_request`; print and return reports per second."""
    runtime = Runtime.for_store(store)
    requests = [
        [SourceRecord(f"reports[{i}]", raw) for i, raw in enumerate(reports[at : at + per_request])]
        for at in range(0, len(reports), per_request)
    ]
    latencies: list[float] = []
    tail_from = len(requests) - max(1, len(requests) // 10)
    tail_started = 0.0
    stored = 0
    try:
        started = time.perf_counter()
        cpu = time.process_time()
        for number, request in enumerate(requests):
            if number == tail_from:
                tail_started = time.perf_counter()
            sent = time.perf_counter()
            outcome = runtime.ingest(request)
            latencies.append(time.perf_counter() - sent)
            if outcome.problems:
                sys.exit(f"unexpected problems: {outcome.problems[:3]}")
            stored += outcome.total
        finished = time.perf_counter()
        cpu = time.process_time() - cpu
        history = sum(
            store.live_state_history(f"app-{a:04d}", "target-0", 1, None).total_count
            for a in range(3)
        )
    finally:
        store.close()
    wall = finished - started
    tail = sum(len(r) for r in requests[tail_from:]) / (finished - tail_started)
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    rate = stored / wall
    print(f"\n{label}")
    print(f"  {stored:,} reports in {wall:.2f}s wall ({cpu:.2f}s cpu of this process)")
    print(f"  {rate:,.0f} reports/s sustained; last tenth of the run {tail:,.0f} reports/s")
    print(f"  per request: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    print(f"  history kept for app-0000..0002/target-0 after pruning: {history} reports")
    return rate


def neo4j_runs(reports: list[dict[str, Any]], sizes: list[int], workdir: Path) -> None:
    """The same measurements on the Neo4j backend (the tests' Neo4j unless `NEO4J_URI` is set)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        for size in sizes:
            store = Neo4jStore.from_environment(uri)
            store.clear()
            run(f"neo4j {uri}, {size} report(s) per request", store, reports, size)
        return
    from tests.support.neo4j_server import neo4j_server

    with neo4j_server(heap="2g", page_cache="512m") as server:  # one Neo4j per process
        for size in sizes:
            store = Neo4jStore(server.uri, server.username, server.password, server.database)
            store.clear()
            label = f"neo4j backend, Neo4j 5.26 (child JVM), {size} report(s) per request"
            run(label, store, reports, size)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=60_000, help="reports to ingest per run")
    parser.add_argument("--apps", type=int, default=200, help="applications in the fleet")
    parser.add_argument("--targets", type=int, default=3, help="deploy targets per application")
    parser.add_argument("--resources", type=int, default=5, help="resources per report")
    parser.add_argument("--every", type=int, default=10, help="seconds between a pair's reports")
    parser.add_argument("--retention", default="15m", help="history kept (simulated time)")
    parser.add_argument(
        "--per-request", default="1,100", help="reports per request, one run each (comma list)"
    )
    parser.add_argument("--neo4j", action="store_true", help="also run the Neo4j backend")
    parser.add_argument(
        "--neo4j-reports", type=int, default=5_000, help="reports of the Neo4j run"
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
