"""Neo4j backend reads: chain views and traversals in one statement, against what they replace.

Run:  python bench/bench_neo4j_reads.py [--chains 200] [--queries 300] [--depth 5]

Without `NEO4J_URI` the store talks to a real Neo4j 5.26 started by the test tooling
(`tests/support/neo4j_server.py`, a child JVM). With `NEO4J_URI` (plus `NEO4J_USERNAME`,
`NEO4J_PASSWORD`, `NEO4J_DATABASE`) it uses that server, whose database it CLEARS first. The store
gets `--chains` demo chains (`lineage.demo`, ~15 events each, with inferred edges); then, for
`--queries` random chains, it times (wall, p50 and p95, ms) and counts the Bolt statements of:

- a chain view's fetch: `chain_graph(id)` (one statement) against what `chain_view` sent before
  it existed: `chain_events` + `chain_links` + `links_touching(members, BOTH)`;
- a traverse `--depth` levels downstream, both directions, from the chain's first event:
  `walk` (one statement, events included) against one `links_touching` per level, then
  `get_events` of the ids reached.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the Neo4j launcher lives with the tests

from lineage.demo import demo_records  # noqa: E402
from lineage.ingest import Ingestor, SourceRecord  # noqa: E402
from lineage.model import Direction  # noqa: E402
from lineage.store import ChainFilter  # noqa: E402
from lineage.store.neo4j import Neo4jStore  # noqa: E402

#: Statements sent since the last reset (every read runs in a managed transaction).
SENT: list[int] = [0]


def main() -> None:
    """Build the store, then time each pair of ways to fetch the same answer."""
    args = _arguments()
    uri = os.environ.get("NEO4J_URI")
    if uri:
        measure(f"neo4j {uri}", Neo4jStore.from_environment(uri), args)
        return
    from tests.support.neo4j_server import neo4j_server

    with neo4j_server(heap="2g", page_cache="512m") as server:
        store = Neo4jStore(server.uri, server.username, server.password, server.database)
        measure("neo4j backend, Neo4j 5.26 (child JVM)", store, args)


def measure(label: str, store: Neo4jStore, args: argparse.Namespace) -> None:
    """Load the demo chains, then print one line per way of fetching."""
    _count_statements()
    store.clear()
    records = [SourceRecord(f"demo:{i}", r) for i, r in enumerate(demo_records(args.chains))]
    Ingestor(store).ingest(records)
    chains = [c.id for c in store.find_chains(ChainFilter(), 500, None).items]
    rng = random.Random(7)
    picks = [rng.choice(chains) for _ in range(args.queries)]
    roots = {chain: store.chain_events(chain)[0].id for chain in set(picks)}
    print(f"{label}: {len(records):,} records, {len(chains)} chains, {args.queries} queries each")

    def chain_before(chain: str) -> None:
        events = store.chain_events(chain)
        links = store.chain_links(chain)
        members = {e.id for e in events} | {end for link in links for end in link.endpoints()}
        store.links_touching(sorted(members), Direction.BOTH)

    def walk_before(chain: str) -> None:
        seen = {roots[chain]}
        frontier = [roots[chain]]
        for _ in range(args.depth):
            if not frontier:
                break
            links = store.links_touching(frontier, Direction.BOTH)
            found = {end for link in links for end in link.endpoints()} - seen
            seen |= found
            frontier = sorted(found)
        store.get_events(sorted(seen))

    def chain_now(chain: str) -> None:
        store.chain_graph(chain)

    def walk_now(chain: str) -> None:
        store.walk([roots[chain]], Direction.BOTH, args.depth, 10_000)

    rows = [
        ("chain view, before: chain_events + chain_links + links_touching", chain_before),
        ("chain view, now: chain_graph", chain_now),
        (f"traverse depth {args.depth} BOTH, before: links_touching per level", walk_before),
        (f"traverse depth {args.depth} BOTH, now: walk", walk_now),
    ]
    for name, fetch in rows:
        report(name, fetch, picks)
    store.close()


def report(name: str, fetch: Callable[[str], Any], picks: list[str]) -> None:
    """Time `fetch` over `picks` and print p50, p95 and statements per call."""
    fetch(picks[0])  # warm the statement caches
    timings = []
    SENT[0] = 0
    for chain in picks:
        started = time.perf_counter()
        fetch(chain)
        timings.append((time.perf_counter() - started) * 1000)
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    statements = SENT[0] / len(picks)
    print(f"  {name:<66} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  {statements:4.1f} statements")


def _count_statements() -> None:
    """Count every statement run in a managed transaction."""
    run = ManagedTransaction.run

    def counted(self: ManagedTransaction, *args: Any, **kwargs: Any) -> Any:
        SENT[0] += 1
        return run(self, *args, **kwargs)

    ManagedTransaction.run = counted  # type: ignore[method-assign,assignment]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=200, help="demo chains to load")
    parser.add_argument("--queries", type=int, default=300, help="queries per measurement")
    parser.add_argument("--depth", type=int, default=5, help="traverse depth (1 to 10)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
