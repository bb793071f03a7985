"""`deploymentTrace` latency on a large embedded store, in-process.

Run:  python bench/bench_trace.py [--events 1000000] [--store PATH] [--reuse] [--queries 1000]

Builds (or with --reuse, reuses) a store of `--events` events of demo traffic
(`lineage.demo.demo_records`: delivery chains whose change.merged carries `commitHash` in
customData, artifact.packaged names the change, service.* name the artifact and environment),
then, in a fresh process, times for random commits of the store:

- the service (`commit_trace`: resolve, commit details, deployments with their paths, in one
  store call), by full hash and by 7-digit prefix;
- the GraphQL query `deploymentTrace(commitHash) { … deployments { … path { id type } } }` executed
  in-process through the schema the server runs (one schema, one event loop).

Prints p50 / p95 / p99 of each and how many deployments a trace had on average.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from demo_store import build_demo_store  # bench/ is on sys.path when a bench runs

from lineage.graphql_api.context import make_context
from lineage.graphql_api.schema import build_schema
from lineage.services.traces import commit_trace
from lineage.store.embedded import EmbeddedStore

QUERY = """
query ($hash: String!) {
  deploymentTrace(commitHash: $hash) {
    commitHash title author commitUrl createdAt updatedAt
    deployments {
      id origin application environment status artifactId startedAt traceCommitHash
      path { id type }
    }
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
               "--queries", str(args.queries), "--seed", str(args.seed)]  # fmt: skip
    subprocess.run(command, check=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument("--store", type=Path, default=Path("bench-trace.db"), help="store file")
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--queries", type=int, default=1000, help="traces to time per variant")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def _commits(store: EmbeddedStore, count: int, seed: int) -> list[str]:
    """Random commit hashes of the store (read from its commit index)."""
    rows = store._reader.execute(  # the benchmark picks its sample straight from the index
        "SELECT hash FROM commits WHERE listed = 1"
    ).fetchall()
    hashes = [row[0] for row in rows]
    if not hashes:
        sys.exit("no commits in this store; build it with this script")
    rng = random.Random(seed)
    return [rng.choice(hashes) for _ in range(count)]


def measure(args: argparse.Namespace) -> None:
    """Time the services and the GraphQL query for random commits."""
    store = EmbeddedStore(args.store)
    stats = store.stats()
    hashes = _commits(store, args.queries, args.seed)
    print(f"store: {stats.events:,} events, {stats.links:,} links; {len(hashes)} traces each")

    sizes: list[int] = []

    def service(commit: str) -> None:
        trace = commit_trace(store, commit)
        assert trace is not None and trace.deployments is not None
        sizes.append(len(trace.deployments))

    def by_prefix(length: int) -> Callable[[str], None]:
        return lambda commit: service(commit[:length])

    for label, length in (("full hash", 40), ("7-digit prefix", 7)):
        _report(f"services, {label}", _timed(hashes, by_prefix(length)))
    schema = build_schema()
    context = make_context(store)
    loop = asyncio.new_event_loop()

    def graphql(commit: str) -> None:
        result = loop.run_until_complete(
            schema.execute(QUERY, variable_values={"hash": commit}, context_value=context)
        )
        assert result.errors is None, result.errors
        assert result.data is not None and result.data["deploymentTrace"] is not None

    graphql(hashes[0])  # warm the parse and validation caches
    _report("GraphQL deploymentTrace in-process", _timed(hashes, graphql))
    print(f"deployments per trace: mean {statistics.mean(sizes):.2f}, max {max(sizes)}")
    loop.close()
    store.close()


def _timed(hashes: list[str], run: Callable[[str], None]) -> list[float]:
    times = []
    for commit in hashes:
        started = time.perf_counter()
        run(commit)
        times.append(time.perf_counter() - started)
    return times


def _report(label: str, times: list[float]) -> None:
    ordered = sorted(times)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    print(f"{label:40s} p50 {pct(0.50):6.2f} ms  p95 {pct(0.95):6.2f} ms  p99 {pct(0.99):6.2f} ms")


if __name__ == "__main__":
    main()
