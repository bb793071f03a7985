"""`doraMetrics` latency on a large embedded store, in-process, with where the time goes.

Run:  python bench/bench_dora.py [--events 1000000] [--store PATH] [--reuse] [--days 1,7,90]
                                 [--runs 3]

Builds (or with --reuse, reuses) a store of `--events` events of demo traffic
(`lineage.demo.demo_events`: a delivery chain every 1 to 5 minutes, each promoted to prod, a
third of them rolled back after an incident), then, in a fresh process, for a window of each
`--days` ending at the store's newest event:

- runs the GraphQL query below in-process through the schema the server runs, `--runs` times,
  and prints p50 / max;
- runs the service's phases once more, timed apart: reading the history (the delivery events
  ingest derived: deployments, rollbacks, incidents; and the incidents' producer links),
  judging outcomes (attribution, failure, recovery, rework), and lead times (the commits each
  deployment shipped and each commit's first production deployment, from the upstream-commit
  rows ingest derived; by graph walks on a store not yet through `lineage db derive`).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from demo_store import build_demo_store  # bench/ is on sys.path when a bench runs

from lineage.graphql_api.context import make_context
from lineage.graphql_api.schema import build_schema
from lineage.model import format_timestamp, parse_timestamp
from lineage.model.delivery import UpstreamCommits
from lineage.model.derivation import Derivation
from lineage.services.dora.facts import read_history
from lineage.services.dora.lead_time import lead_times
from lineage.services.dora.outcomes import ATTRIBUTION_WINDOW, attribute, outcomes
from lineage.services.dora.production import ProductionEnvironments
from lineage.store.embedded import EmbeddedStore

QUERY = """
query ($since: DateTime!, $until: DateTime!) {
  doraMetrics(since: $since, until: $until) {
    deploymentCount deploymentsPerDay deployDaysPerWeekMedian
    leadTime { medianSeconds p90Seconds meanSeconds count }
    changeFailureRate
    failedDeploymentRecoveryTime { medianSeconds p90Seconds count }
    incidentTimeToRestore { medianSeconds count }
    reworkRate
  }
}
"""


def main() -> None:
    """Build or reuse the store, then measure in a fresh process."""
    args = _arguments()
    if args.measure:
        measure(args)
        return
    if not (args.reuse and args.store.exists()):
        build_demo_store(args.store, args.events, args.seed)
    command = [sys.executable, __file__, "--measure", "--store", str(args.store),
               "--days", args.days, "--runs", str(args.runs)]  # fmt: skip
    subprocess.run(command, check=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument("--store", type=Path, default=Path("bench-dora.db"), help="store file")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--days", default="1,7,90", help="window lengths in days, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="GraphQL runs per window")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def measure(args: argparse.Namespace) -> None:
    """Time the GraphQL query and the service's phases for each window."""
    store = EmbeddedStore(args.store)
    stats = store.stats()
    newest = store._reader.execute("SELECT max(ts) FROM events").fetchone()[0]  # bench only
    until = parse_timestamp(newest) + timedelta(seconds=1)
    rows = bool(store.fact_digests(Derivation.kind, [UpstreamCommits.kind]))
    source = "upstream-commit rows" if rows else "graph walks (run lineage db derive)"
    print(f"store: {stats.events:,} events, {stats.links:,} links; newest {newest}; "
          f"lead times from {source}")  # fmt: skip
    schema = build_schema()
    context = make_context(store)
    loop = asyncio.new_event_loop()
    for days in (int(d) for d in args.days.split(",")):
        since = until - timedelta(days=days)
        variables = {"since": format_timestamp(since), "until": format_timestamp(until)}
        times: list[float] = []
        data = None
        for _ in range(args.runs):
            started = time.perf_counter()
            result = loop.run_until_complete(
                schema.execute(QUERY, variable_values=variables, context_value=context)
            )
            times.append(time.perf_counter() - started)
            assert result.errors is None, result.errors
            data = result.data
        assert data is not None
        metrics = data["doraMetrics"]
        print(f"\n{days}-day window: GraphQL doraMetrics p50 {statistics.median(times):.3f} s, "
              f"max {max(times):.3f} s over {args.runs} runs")  # fmt: skip
        print(f"  deployments {metrics['deploymentCount']:,}, commits with a lead time "
              f"{metrics['leadTime']['count']:,}, change failure rate "
              f"{metrics['changeFailureRate']}")  # fmt: skip
        _phases(store, since, until)
    loop.close()
    store.close()


def _phases(store: EmbeddedStore, since: datetime, until: datetime) -> None:
    """The service's phases timed apart (the lookback read is part of the first when needed)."""
    production = ProductionEnvironments(store)
    started = time.perf_counter()
    history = read_history(store, production, since - ATTRIBUTION_WINDOW, until)
    read = time.perf_counter() - started
    started = time.perf_counter()
    fates = outcomes(history, attribute(history))
    judged = time.perf_counter() - started
    counted = [d for d in history.deployments if since <= d.deployed_at < until]
    started = time.perf_counter()
    commits = lead_times(store, counted, production, history)
    lead = time.perf_counter() - started
    print(f"  phases: read history {read:.3f} s ({len(history.deployments):,} deployments, "
          f"{len(history.rollbacks):,} rollbacks, {len(history.incidents):,} incidents) · "
          f"outcomes {judged:.3f} s ({len(fates):,}) · lead times {lead:.3f} s "
          f"({len(commits):,} commits)")  # fmt: skip


if __name__ == "__main__":
    main()
