"""Issue 13's read targets on a large real Neo4j: `chain`, `traverse` and `deploymentTrace`.

Run:  python bench/bench_neo4j_graphql.py [--events 1000000] [--data /tmp/neo4j-1m] [--reuse]
                                          [--heap 3g] [--page-cache 3g] [--queries 300]

Loads `--events` events into a real Neo4j 5.26 Community (`tests/support/neo4j_server.py`, a
child JVM with `--heap` and `--page-cache`) through the product's own ingest path
(`Ingestor(Neo4jStore)`, default batch): the data shape of the embedded 1M benchmarks
(`bench_store_queries.mixed_records`: demo traffic from `lineage.demo`, so commits, deployments
and traces exist, with `--long-chains` chains of exactly 100 events spread through the stream).
The data folder `--data` is kept; with `--reuse` a complete load there is used as it is, and an
interrupted one is continued where its last committed batch ended (`bench-load.json` in the
folder records the progress; the record stream is deterministic).

Then Neo4j is restarted on that folder and a fresh Python process executes, in-process through
the schema the server runs (a new context per operation, as the server makes per request):

- `chain(id)` of a 100-event chain with the fields issue 3 lists (`bench_http.py`'s query);
- `graphql/queries/traverse.graphql`, depth 5 downstream from demo chain starts;
- `deploymentTrace(commitHash)` of random listed commits (`bench_trace.py`'s query);

and prints p50 / p95 / p99 of each, with the load average. `--profile` also prints, for one
operation of each kind, every statement it sent with Neo4j's PROFILE (operators, rows, db hits).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from bench_http import CHAIN_CONTRACT_QUERY  # bench/ is on sys.path when a bench runs
from bench_store_queries import LONG_CHAIN_EVENTS, LongChains, mixed_records
from bench_trace import QUERY as TRACE_QUERY
from neo4j import ManagedTransaction

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the Neo4j launcher lives with the tests

from lineage.graphql_api.context import make_context  # noqa: E402
from lineage.graphql_api.schema import build_schema  # noqa: E402
from lineage.ingest import Ingestor, SourceRecord  # noqa: E402
from lineage.model import Direction  # noqa: E402
from lineage.services.chains import chain_view  # noqa: E402
from lineage.services.commits import AMBIGUOUS_SHOWN  # noqa: E402
from lineage.services.limits import DEFAULT_TRAVERSE_LIMIT  # noqa: E402
from lineage.services.reach import TRACE_WALK  # noqa: E402
from lineage.services.runtime import Runtime  # noqa: E402
from lineage.services.traces import commit_trace  # noqa: E402
from lineage.services.traversal import traverse  # noqa: E402
from lineage.store import ChainFilter, Store  # noqa: E402
from lineage.store.embedded import EmbeddedStore  # noqa: E402
from lineage.store.neo4j import Neo4jStore  # noqa: E402
from tests.support.neo4j_server import neo4j_server  # noqa: E402

TRAVERSE_QUERY = (ROOT / "graphql" / "queries" / "traverse.graphql").read_text(encoding="utf-8")
PROGRESS_FILE = "bench-load.json"
Variables = Callable[[int], dict[str, Any]]


def main() -> None:
    """Load (or reuse) the Neo4j data folder, then measure in a fresh process."""
    args = _arguments()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)  # unknown-label hints
    if args.measure:
        measure(args)
        return
    load(args)
    if args.embedded is not None and not args.embedded.exists():
        build_embedded(args)
    with neo4j_server(data=args.data, heap=args.heap, page_cache=args.page_cache) as server:
        print(f"Neo4j restarted on {args.data} (heap {args.heap}, page cache {args.page_cache})",
              flush=True)  # fmt: skip
        env = {**os.environ, "NEO4J_URI": server.uri, "NEO4J_USERNAME": server.username,
               "NEO4J_PASSWORD": server.password, "NEO4J_DATABASE": server.database}  # fmt: skip
        command = [sys.executable, __file__, "--measure", "--queries", str(args.queries),
                   "--warmup", str(args.warmup), "--seed", str(args.seed),
                   "--long-chains", str(args.long_chains)]  # fmt: skip
        if args.profile:
            command.append("--profile")
        if args.embedded is not None:
            command += ["--embedded", str(args.embedded)]
        subprocess.run(command, check=True, env=env)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events to load")
    parser.add_argument("--data", type=Path, default=Path("/tmp/lineage-neo4j-bench"),
                        help="Neo4j data folder (kept)")  # fmt: skip
    parser.add_argument("--reuse", action="store_true",
                        help="use (or continue) the load already in --data")  # fmt: skip
    parser.add_argument("--heap", default="3g", help="JVM heap of Neo4j")
    parser.add_argument("--page-cache", default="3g", help="Neo4j page cache")
    parser.add_argument("--long-chains", type=int, default=200, help="chains of 100 events")
    parser.add_argument("--queries", type=int, default=300, help="timed operations per query")
    parser.add_argument("--warmup", type=int, default=30, help="untimed operations first")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--embedded", type=Path, default=None,
                        help="also time an embedded store of the same records (built if missing)")
    parser.add_argument("--profile", action="store_true", help="PROFILE one operation of each")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# -- load -----------------------------------------------------------------------------------------


def _progress(data: Path) -> dict[str, Any]:
    """What an earlier load into `data` recorded (empty when none)."""
    path = data / PROGRESS_FILE
    if not path.exists():
        return {}
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def load(args: argparse.Namespace) -> None:
    """Ingest the records into Neo4j in `--data`, continuing a load of the same shape."""
    shape = {"events": args.events, "long_chains": args.long_chains, "seed": args.seed}
    done = _progress(args.data) if args.reuse else {}
    if done and {key: done.get(key) for key in shape} != shape:
        sys.exit(f"{args.data} holds another load ({done}); drop --reuse or pick another --data")
    if done.get("complete"):
        print(f"reusing {args.data}: {done}", flush=True)
        return
    if not done:
        shutil.rmtree(args.data, ignore_errors=True)
    args.data.mkdir(parents=True, exist_ok=True)
    skip = int(done.get("records", 0))
    seconds = float(done.get("seconds", 0.0))
    sources = _sources(args)
    if skip:
        print(f"continuing the load in {args.data} after {skip:,} records", flush=True)
        next(islice(sources, skip - 1, skip), None)
    with neo4j_server(data=args.data, heap=args.heap, page_cache=args.page_cache) as server:
        store = Neo4jStore(server.uri, server.username, server.password, server.database)
        store.init_schema()
        records, started = skip, time.perf_counter()
        last_print = started

        def progress(batch: int) -> None:
            nonlocal records, last_print
            records += batch
            now = time.perf_counter()
            _save(args.data, {**shape, "records": records, "seconds": seconds + now - started,
                              "complete": False})  # fmt: skip
            if now - last_print > 60:
                last_print = now
                rate = (records - skip) / (now - started)
                print(f"  {records:,} records ({rate:,.0f} records/s, load average "
                      f"{os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip

        report = Ingestor(store).ingest(sources, progress=progress)
        wall = time.perf_counter() - started
        stats = store.stats()
        store.close()
    total = seconds + wall
    _save(args.data, {**shape, "records": records, "seconds": total, "complete": True,
                      "stored_events": stats.events, "links": stats.links})  # fmt: skip
    print(f"loaded {args.data}: {stats.events:,} events, {stats.links:,} links, {records:,} "
          f"records in {total:,.0f} s ({args.events / total:,.0f} events/s; this run "
          f"{wall:,.0f} s), {_size_mb(args.data):,.0f} MB", flush=True)  # fmt: skip
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")


def _sources(args: argparse.Namespace) -> Iterator[SourceRecord]:
    """The deterministic record stream of the load (the same for both backends)."""
    demo = args.events - args.long_chains * LONG_CHAIN_EVENTS
    stream = mixed_records(demo, args.long_chains, args.seed)
    return (SourceRecord(f"bench:{n}", raw) for n, raw in enumerate(stream, start=1))


def build_embedded(args: argparse.Namespace) -> None:
    """Ingest the same records into a new embedded store at `--embedded`."""
    store = EmbeddedStore(args.embedded)
    started = time.perf_counter()
    report = Ingestor(store).ingest(_sources(args))
    wall = time.perf_counter() - started
    store.close()
    print(f"built {args.embedded}: {args.events:,} events in {wall:,.0f} s", flush=True)
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")


def _save(data: Path, progress: dict[str, Any]) -> None:
    """Record the load's progress (written after the batch it counts has committed)."""
    path = data / PROGRESS_FILE
    path.with_suffix(".tmp").write_text(json.dumps(progress), encoding="utf-8")
    path.with_suffix(".tmp").replace(path)


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


# -- measure ------------------------------------------------------------------------------------


def measure(args: argparse.Namespace) -> None:
    """Time the three operations in this (fresh) process: GraphQL and the service on Neo4j, and
    GraphQL on the embedded store of the same records (`--embedded`), interleaved."""
    store = Neo4jStore.from_environment(os.environ["NEO4J_URI"])
    stats = store.stats()
    long_chains = LongChains(args.long_chains, args.seed).chain_ids
    summaries = store.chain_summaries(long_chains)
    sizes = sorted({summary.event_count for summary in summaries.values()})
    roots = _traverse_roots(store, set(long_chains), 50)
    rng = random.Random(args.seed)
    listed = _listed_commits(store)
    hashes = [rng.choice(listed) for _ in range(args.warmup + args.queries)]
    print(f"store: {stats.events:,} events, {stats.links:,} links, {stats.chains:,} chains; "
          f"{len(summaries)} long chains of {sizes} events, {len(roots)} traverse roots, "
          f"{len(listed):,} listed commits", flush=True)  # fmt: skip
    schema = build_schema()
    loop = asyncio.new_event_loop()
    stores: dict[str, Store] = {"neo4j": store}
    if args.embedded is not None:
        stores["embedded"] = EmbeddedStore(args.embedded)
    runtimes = {name: Runtime.for_store(each) for name, each in stores.items()}

    def graphql(backend: str, query: str, variables: dict[str, Any]) -> None:
        context = make_context(stores[backend], runtimes[backend])
        result = loop.run_until_complete(
            schema.execute(query, variable_values=variables, context_value=context))
        assert result.errors is None, result.errors
        assert result.data is not None and None not in result.data.values(), result.data

    def chain_vars(i: int) -> dict[str, Any]:
        return {"id": long_chains[i % len(long_chains)]}

    def walk_vars(i: int) -> dict[str, Any]:
        return {"from": roots[i % len(roots)], "maxDepth": 5}

    def trace_vars(i: int) -> dict[str, Any]:
        return {"hash": hashes[i]}

    operations: list[tuple[str, float, str, Variables, Callable[[int], Any], Callable[[int], Any]]]
    operations = [
        ("chain (100 events, issue-3 fields)", 20.0, CHAIN_CONTRACT_QUERY, chain_vars,
         lambda i: chain_view(store, chain_vars(i)["id"]),
         lambda i: store.chain_graph(chain_vars(i)["id"])),
        ("traverse (depth 5, downstream)", 20.0, TRAVERSE_QUERY, walk_vars,
         lambda i: traverse(store, walk_vars(i)["from"], max_depth=5),
         lambda i: store.walk([walk_vars(i)["from"]], Direction.DOWNSTREAM, 5,
                              DEFAULT_TRAVERSE_LIMIT)),
        ("deploymentTrace", 30.0, TRACE_QUERY, trace_vars,
         lambda i: commit_trace(store, trace_vars(i)["hash"]),
         lambda i: store.commit_trace(trace_vars(i)["hash"], AMBIGUOUS_SHOWN + 1, TRACE_WALK)),
    ]  # fmt: skip
    print(f"load average before: {_load()}")
    print(f"{'operation':<56} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name, target, query, variables, service, store_call in operations:
        ways: dict[str, Callable[[int], Any]] = {
            f"{name}, GraphQL, neo4j (target p50 {target:.0f} ms)":
                _through(graphql, "neo4j", query, variables),
            "  the service alone, neo4j": service,
            "  its store call alone (one Bolt statement), neo4j": store_call,
        }  # fmt: skip
        if "embedded" in stores:
            ways["  GraphQL, embedded (same records)"] = _through(
                graphql, "embedded", query, variables)
        times: dict[str, list[float]] = {way: [] for way in ways}
        for i in range(args.warmup + args.queries):
            for way, run in ways.items():  # interleaved: the machine's load hits all alike
                started = time.perf_counter()
                run(i)
                if i >= args.warmup:
                    times[way].append((time.perf_counter() - started) * 1000)
        for way, samples in times.items():
            p50, p95, p99 = (_percentile(samples, p) for p in (0.50, 0.95, 0.99))
            print(f"{way:<56} {p50:8.2f} {p95:8.2f} {p99:8.2f}", flush=True)
    print(f"load average after: {_load()}")
    if args.profile:
        for name, _, query, variables, _, _ in operations:
            _profile(store, name, partial(_through(graphql, "neo4j", query, variables), 0))
    loop.close()
    for each in stores.values():
        each.close()


def _through(
    graphql: Callable[[str, str, dict[str, Any]], None], backend: str, query: str,
    variables: Variables,
) -> Callable[[int], None]:
    """The i-th operation of `query` on `backend` through GraphQL."""
    return lambda i: graphql(backend, query, variables(i))


def _traverse_roots(store: Neo4jStore, long_chains: set[str], count: int) -> list[str]:
    """Start events of the most recently active demo chains (as `bench_http.py` picks them)."""
    page = store.find_chains(ChainFilter(), count + len(long_chains), None)
    starts = [c.start_id for c in page.items if c.start_id and c.id not in long_chains]
    return starts[:count]


def _listed_commits(store: Neo4jStore) -> list[str]:
    """Every listed commit hash of the store, page by page."""
    hashes: list[str] = []
    after: str | None = None
    while True:
        page = store.find_commits(None, 1000, after)
        hashes.extend(entry.hash for entry in page.items)
        if not page.has_next or page.end_cursor is None:
            return hashes
        after = page.end_cursor


def _percentile(times: list[float], p: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def _profile(store: Neo4jStore, name: str, run: Callable[[], Any]) -> None:
    """Print the PROFILE of every statement one operation sends (the statements it ran, again)."""
    sent: list[tuple[str, dict[str, Any]]] = []
    original = ManagedTransaction.run

    def recording(self: ManagedTransaction, query: Any, parameters: Any = None,
                  **kwargs: Any) -> Any:  # fmt: skip
        sent.append((str(query), {**(parameters or {}), **kwargs}))
        return original(self, query, parameters, **kwargs)

    ManagedTransaction.run = recording  # type: ignore[method-assign,assignment]
    try:
        run()
    finally:
        ManagedTransaction.run = original  # type: ignore[method-assign]
    print(f"\n== {name}: {len(sent)} statements")
    for statement, parameters in sent:
        first = next(line for line in statement.splitlines() if not line.startswith("//"))
        with store._driver.session(database=store.database) as session:  # a bench diagnostic
            summary = session.run("PROFILE " + statement, parameters).consume()
        plan = summary.profile or {}
        print(f"-- {first[:90]} … total db hits {_db_hits(plan):,}")
        for line in _operators(plan):
            print(f"   {line}")


def _db_hits(plan: dict[str, Any]) -> int:
    hits = int(plan.get("dbHits", 0))
    return hits + sum(_db_hits(child) for child in plan.get("children", []))


def _operators(plan: dict[str, Any], depth: int = 0) -> list[str]:
    """The plan's operators, leaves first: rows, db hits, details."""
    lines: list[str] = []
    for child in plan.get("children", []):
        lines.extend(_operators(child, depth + 1))
    details = plan.get("args", {}).get("Details", "")
    lines.append(f"{'  ' * depth}{plan['operatorType'].split('@')[0]} rows={plan.get('rows')} "
                 f"hits={plan.get('dbHits')}  {details[:140]}")  # fmt: skip
    return lines


if __name__ == "__main__":
    main()
