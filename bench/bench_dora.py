"""`doraMetrics` latency on a large embedded store, in-process, with where the time goes.

Run:  python bench/bench_dora.py [--events 1000000] [--store PATH] [--reuse] [--days 1,7,90]
                                 [--runs 3] [--answers FILE]

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
  rows ingest derived; by graph walks on a store not yet through `lineage db derive`), as the
  query runs them: it asks no evidence list, so lead times are seconds only (`lead_time_seconds`).

Times are wall and CPU (`time.process_time`: what this process used, whatever the machine's
load; the load average is printed). With `--answers FILE`, each window's answer (every field the
query asks for) is written to FILE if it does not exist, else compared with the one there, and
the bench says whether they are identical: run it once with the code before a change and once
after, on the same store (or a copy brought up to date).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from demo_store import build_demo_store  # bench/ is on sys.path when a bench runs

from lineage.gc_pause import cyclic_gc_paused
from lineage.graphql_api.context import make_context
from lineage.graphql_api.schema import build_schema
from lineage.model import format_timestamp, parse_timestamp
from lineage.model.delivery import UpstreamCommits
from lineage.model.derivation import Derivation
from lineage.services.dora.facts import read_history
from lineage.services.dora.lead_time import lead_time_seconds
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
    if args.answers is not None:
        command += ["--answers", str(args.answers)]
    subprocess.run(command, check=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument("--store", type=Path, default=Path("bench-dora.db"), help="store file")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--days", default="1,7,90", help="window lengths in days, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="GraphQL runs per window")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--answers", type=Path, help="write the answers here, or compare with them")
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
    answers: dict[str, object] = {}
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for days in (int(d) for d in args.days.split(",")):
        since = until - timedelta(days=days)
        variables = {"since": format_timestamp(since), "until": format_timestamp(until)}
        times: list[float] = []
        cpu: list[float] = []
        data = None
        for _ in range(args.runs):
            started, used = time.perf_counter(), time.process_time()
            result = loop.run_until_complete(
                schema.execute(QUERY, variable_values=variables, context_value=context)
            )
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - used)
            assert result.errors is None, result.errors
            data = result.data
        assert data is not None
        metrics = data["doraMetrics"]
        answers[f"{days} days"] = metrics
        print(f"\n{days}-day window: GraphQL doraMetrics p50 {statistics.median(times):.3f} s "
              f"(CPU {statistics.median(cpu):.3f} s), max {max(times):.3f} s over {args.runs} "
              "runs")  # fmt: skip
        print(f"  deployments {metrics['deploymentCount']:,}, commits with a lead time "
              f"{metrics['leadTime']['count']:,}, change failure rate "
              f"{metrics['changeFailureRate']}")  # fmt: skip
        _phases(store, since, until)
    loop.close()
    store.close()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.answers is not None:
        _compare(args.answers, answers)


def _compare(path: Path, answers: dict[str, object]) -> None:
    """Write the answers to `path`, or say whether they are those already there."""
    if not path.exists():
        path.write_text(json.dumps(answers, indent=1, sort_keys=True))
        print(f"answers written to {path}")
        return
    before = json.loads(path.read_text())
    for window, answer in answers.items():
        if window not in before:
            print(f"{window}: not in {path}")
        elif before[window] == answer:
            print(f"{window}: answer identical to {path}")
        else:
            print(f"{window}: answer DIFFERS from {path}:")
            print(f"  before {before[window]}\n  now    {answer}")


def _phases(store: EmbeddedStore, since: datetime, until: datetime) -> None:
    """The service's phases timed apart (the lookback read is part of the first when needed)."""
    production = ProductionEnvironments(store)
    with cyclic_gc_paused():  # as dora_metrics runs them
        started, used = time.perf_counter(), time.process_time()
        history = read_history(store, production, since - ATTRIBUTION_WINDOW, until)
        read, read_cpu = time.perf_counter() - started, time.process_time() - used
        started, used = time.perf_counter(), time.process_time()
        fates = outcomes(history, attribute(history))
        judged, judged_cpu = time.perf_counter() - started, time.process_time() - used
        counted = [d for d in history.deployments if since <= d.deployed_at < until]
        started, used = time.perf_counter(), time.process_time()
        commits = lead_time_seconds(store, counted, production, history)
        lead, lead_cpu = time.perf_counter() - started, time.process_time() - used
    print(f"  phases (wall / CPU): read history {read:.3f} / {read_cpu:.3f} s "
          f"({len(history.deployments):,} deployments, {len(history.rollbacks):,} rollbacks, "
          f"{len(history.incidents):,} incidents) · outcomes {judged:.3f} / {judged_cpu:.3f} s "
          f"({len(fates):,}) · lead times {lead:.3f} / {lead_cpu:.3f} s "
          f"({len(commits):,} counted, seconds only: the query asks no evidence)")  # fmt: skip


if __name__ == "__main__":
    main()
