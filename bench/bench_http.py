"""Benchmark the HTTP API on a large store: `chain` (~100 events) and `traverse` (depth 5).

    python bench/bench_http.py                     # 1,000,000 demo events
    python bench/bench_http.py --events 100000     # smaller
    python bench/bench_http.py --store big.db      # reuse (or build once into) a store file

Builds an embedded store of N events from `lineage.demo.demo_records` plus one ~100-event chain
(a release that fans out to 8 shards of 12 steps and joins again), serves it with uvicorn in a
subprocess, and times over real HTTP, from one keep-alive client, sequentially: the chain with
the fields issue 3 lists, the full example `graphql/queries/chain.graphql` (which adds every
event's links), and `graphql/queries/traverse.graphql` at depth 5 from 50 chain starts.
Prints p50/p95 per operation and the server's RSS.
"""

from __future__ import annotations

import argparse
import math
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lineage.demo import demo_records, events_per_chain_estimate  # noqa: E402
from lineage.ingest import Ingestor, SourceRecord  # noqa: E402
from lineage.store import ChainFilter, EventFilter, Store  # noqa: E402
from lineage.store.embedded import EmbeddedStore  # noqa: E402

QUERIES = ROOT / "graphql" / "queries"
#: The chain fields issue 3 lists, without the per-event links the full example also asks for.
CHAIN_CONTRACT_QUERY = """
query ($id: ID!) {
  chain(id: $id) {
    id complete eventCount startedAt endedAt duration
    start { id } end { id }
    events { id type timestamp placeholder }
    links { type fromId toId }
    islands { id }
    fanGroups { complete source { id } sink { id } branches { events { id } } }
  }
}
"""
BENCH_CHAIN = "bench-chain-100"
SHARDS, STEPS_PER_SHARD = 8, 12  # 1 + 8 * 12 + 3 = 100 events


def bench_chain_records() -> Iterator[dict[str, Any]]:
    """A ~100-event chain: checkout, 8 shards x 12 steps, merge, publish, deploy (with END)."""

    def event(
        event_id: str, minute: int, after: list[str], end: str | None = None
    ) -> dict[str, Any]:
        links = [{"linkType": "PATH", "from": {"contextId": a}} for a in after]
        if end:
            links.append({"linkType": "END", "from": {"contextId": end}})
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_900_000_000 + minute * 60))
        return {
            "context": {
                "specversion": "0.5.1", "id": event_id, "source": "/ci/bench",
                "type": "dev.cdevents.taskrun.finished.0.2.0", "timestamp": stamp,
                "chainId": BENCH_CHAIN, "links": links,
            },
            "subject": {"id": f"task-{event_id}", "content": {"taskName": event_id}},
        }  # fmt: skip

    yield {"chainId": BENCH_CHAIN, "linkType": "START", "start": {"contextId": "checkout"}}
    yield event("checkout", 0, [])
    for shard in range(SHARDS):
        previous = "checkout"
        for step in range(STEPS_PER_SHARD):
            current = f"shard-{shard}-step-{step}"
            yield event(current, 1 + step, [previous])
            previous = current
    yield event("merge", 20, [f"shard-{s}-step-{STEPS_PER_SHARD - 1}" for s in range(SHARDS)])
    yield event("publish", 21, ["merge"])
    yield event("deploy", 22, ["publish"], end="publish")


def build_store(path: Path, events: int, seed: int) -> None:
    """Ingest ~`events` demo events plus the benchmark chain into a new store at `path`."""
    chains = math.ceil(events / events_per_chain_estimate())
    store = EmbeddedStore(path)
    ingestor = Ingestor(store)
    started = time.perf_counter()
    seen = 0

    def progress(count: int) -> None:
        nonlocal seen
        seen += count
        if seen % 200_000 < count:
            elapsed = time.perf_counter() - started
            print(f"  ingested {seen:,} records ({elapsed:.0f} s)", flush=True)

    records = (SourceRecord(f"demo:{i}", r) for i, r in enumerate(demo_records(chains, seed)))
    report = ingestor.ingest(records, progress=progress)
    ingestor.ingest(SourceRecord(f"bench:{i}", r) for i, r in enumerate(bench_chain_records()))
    print(f"built {path} in {time.perf_counter() - started:.0f} s: {dict(report.counts)}")
    store.close()


def event_count(store: Store) -> int:
    """How many events the store holds."""
    return store.find_events(EventFilter(), 0, None).total_count


def traverse_roots(store: Store, count: int) -> list[str]:
    """Start events of the most recent demo chains (each has a few hops downstream)."""
    page = store.find_chains(ChainFilter(), count + 1, None)
    return [c.start_id for c in page.items if c.start_id and c.id != BENCH_CHAIN][:count]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def serve(path: Path, port: int) -> None:
    """Server mode (run in the subprocess): serve the store with uvicorn."""
    import uvicorn

    from lineage.http import create_app

    store = EmbeddedStore(path)
    uvicorn.run(create_app(store), host="127.0.0.1", port=port, log_level="warning")


def rss_mib(pid: int) -> float:
    """Resident set size of a process in MiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(client: httpx.Client, query: str, variables: dict[str, Any]) -> float:
    """Seconds for one GraphQL POST, checked for errors."""
    started = time.perf_counter()
    response = client.post("/graphql", json={"query": query, "variables": variables})
    elapsed = time.perf_counter() - started
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise SystemExit(f"request failed: {response.status_code} {body}")
    return elapsed


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def main() -> None:
    """Build or reuse the store, serve it, time the operations, print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="demo events to generate")
    parser.add_argument("--store", type=Path, help="store file to reuse or build (default: temp)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per operation")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        serve(args.serve, args.port)
        return

    workdir = tempfile.TemporaryDirectory(prefix="bench-http-")
    path: Path = args.store or Path(workdir.name) / "bench.db"
    if not path.exists():
        print(f"building a store of ~{args.events:,} demo events at {path} ...", flush=True)
        build_store(path, args.events, args.seed)
    store = EmbeddedStore(path)
    total, roots = event_count(store), traverse_roots(store, 50)
    bench_chain = store.chain_summaries([BENCH_CHAIN])[BENCH_CHAIN]
    store.close()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(path), "--port", str(port)], cwd=ROOT
    )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start")
                time.sleep(0.1)
            chain_query = (QUERIES / "chain.graphql").read_text()
            traverse_query = (QUERIES / "traverse.graphql").read_text()
            operations: dict[str, tuple[str, Callable[[int], dict[str, Any]]]] = {
                f"chain ({bench_chain.event_count} events, issue-3 fields)": (
                    CHAIN_CONTRACT_QUERY, lambda i: {"id": BENCH_CHAIN}),
                f"chain ({bench_chain.event_count} events, full example query)": (
                    chain_query, lambda i: {"id": BENCH_CHAIN}),
                "traverse (depth 5, downstream)": (
                    traverse_query, lambda i: {"from": roots[i % len(roots)], "maxDepth": 5}),
            }  # fmt: skip
            print(f"\nstore: {path} ({total:,} events), server pid {server.pid}")
            print(f"{'operation':<48} {'p50 ms':>8} {'p95 ms':>8}")
            for name, (query, variables) in operations.items():
                for i in range(args.warmup):
                    timed(client, query, variables(i))
                samples = [timed(client, query, variables(i)) for i in range(args.requests)]
                p50, p95 = percentiles(samples)
                print(f"{name:<48} {p50:>8.2f} {p95:>8.2f}")
            print(f"server RSS after the run: {rss_mib(server.pid):.0f} MiB")
    finally:
        server.terminate()
        server.wait(30)
        workdir.cleanup()


if __name__ == "__main__":
    main()
