"""Store queries on a large embedded store: open time, 100-event chain latency, RSS while serving.

Run:  python bench/bench_store_queries.py [--events 1000000] [--store PATH] [--reuse]

Builds (or with --reuse, reuses) a store of `--events` events: demo traffic from
`lineage.demo.demo_records` (chains of ~15 events) with `--long-chains` chains of exactly 100
events mixed in, spread over the whole stream so a long chain's rows are scattered through the
file like a real long-running chain's would be. Then a fresh process opens the store and times,
per query, `chain_events(id)` + `chain_links(id)` (what the `chain` resolver needs) and
`links_touching(the chain's event ids, BOTH)`; it reports percentiles and that process's RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

from lineage.demo import demo_events
from lineage.ingest import Ingestor, SourceRecord
from lineage.model import Direction
from lineage.store.embedded import EmbeddedStore

LONG_CHAIN_EVENTS = 100
_LONG_TYPES = (
    "dev.cdevents.pipelinerun.started.0.3.0",
    "dev.cdevents.taskrun.started.0.3.0",
    "dev.cdevents.build.started.0.3.0",
    "dev.cdevents.build.finished.0.3.0",
    "dev.cdevents.testsuiterun.finished.0.3.0",
    "dev.cdevents.artifact.packaged.0.3.0",
    "dev.cdevents.taskrun.finished.0.3.0",
    "dev.cdevents.service.deployed.0.3.0",
)


def main() -> None:
    """Build or reuse the store, then measure in a fresh process."""
    args = _arguments()
    if args.serve:
        serve(args)
        return
    if not (args.reuse and args.store.exists()):
        build(args.store, args.events, args.long_chains, args.seed)
    command = [sys.executable, __file__, "--serve", "--store", str(args.store),
               "--queries", str(args.queries), "--seed", str(args.seed),
               "--threads", str(args.threads)]  # fmt: skip
    subprocess.run(command, check=True)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument(
        "--store",
        type=Path,
        help="store file (default: bench/results/store-EVENTS.db, git-ignored)",
    )
    parser.add_argument("--reuse", action="store_true", help="reuse --store if it exists")
    parser.add_argument("--long-chains", type=int, default=200, help="chains of 100 events")
    parser.add_argument("--queries", type=int, default=3000, help="chain queries to time")
    parser.add_argument("--threads", type=int, default=32, help="reader threads for the RSS check")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store is None:
        args.store = Path(__file__).resolve().parent / "results" / f"store-{args.events}.db"
    args.store.parent.mkdir(parents=True, exist_ok=True)
    return args


def build(path: Path, events: int, long_chains: int, seed: int) -> None:
    """Ingest `events` events (demo traffic plus the long chains) into a new store at `path`."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    long_events = long_chains * LONG_CHAIN_EVENTS
    if long_events > events:
        sys.exit("--events must hold the long chains (long-chains x 100)")
    store = EmbeddedStore(path)
    stream = mixed_records(events - long_events, long_chains, seed)
    sources = (SourceRecord(f"bench:{n}", raw) for n, raw in enumerate(stream, start=1))
    wall, cpu = time.perf_counter(), time.process_time()
    report = Ingestor(store).ingest(sources)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    store.close()
    stored = sum(report.counts.values())
    print(
        f"built {path}: {stored:,} records in {wall:.0f}s wall / {cpu:.0f}s cpu "
        f"(generation included), {path.stat().st_size / 1e6:.0f} MB"
    )
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")


def mixed_records(demo_count: int, long_chains: int, seed: int) -> Iterator[dict[str, Any]]:
    """Demo records holding `demo_count` events, with the long chains' records spread through."""
    demo = demo_events(demo_count, seed)
    long_records = LongChains(long_chains, seed)
    every = max(1, demo_count // max(1, long_records.remaining))
    seen = 0
    for record in demo:
        yield record
        if "context" in record:
            seen += 1
            if seen % every == 0 and long_records.remaining:
                yield from long_records.next_records(record["context"]["timestamp"])
    while long_records.remaining:
        yield from long_records.next_records("2027-01-01T00:00:00.000Z")


class LongChains:
    """Chains of exactly 100 events (a START link, PATH links, an END), emitted round-robin."""

    def __init__(self, count: int, seed: int) -> None:
        self._rng = random.Random(f"{seed}:long-chains")
        self.chain_ids = [_uuid(self._rng) for _ in range(count)]
        self._position = [0] * count
        self._last: list[str | None] = [None] * count
        self._next_chain = 0
        self.remaining = count * LONG_CHAIN_EVENTS

    def next_records(self, timestamp: str) -> list[dict[str, Any]]:
        """The next event of the next chain in turn (after a START link when it is the first)."""
        index = self._next_chain
        self._next_chain = (index + 1) % len(self.chain_ids)
        chain_id, position, previous = (
            self.chain_ids[index],
            self._position[index],
            self._last[index],
        )
        event_id = _uuid(self._rng)
        context: dict[str, Any] = {
            "specversion": "0.5.1", "id": event_id, "chainId": chain_id, "source": "/ci/long",
            "type": _LONG_TYPES[position % len(_LONG_TYPES)], "timestamp": timestamp,
        }  # fmt: skip
        links: list[dict[str, Any]] = []
        if previous is not None:
            links.append({"linkType": "PATH", "from": {"contextId": previous}})
        if position == LONG_CHAIN_EVENTS - 1:
            links.append({"linkType": "END", "from": {"contextId": previous}})
        if links:
            context["links"] = links
        subject = {
            "id": f"long-{index}-{position}",
            "source": "/ci/long",
            "content": {"step": position, "uri": f"https://ci.example.com/long/{index}"},
        }
        records: list[dict[str, Any]] = []
        if position == 0:
            records.append(
                {
                    "chainId": chain_id,
                    "linkType": "START",
                    "timestamp": timestamp,
                    "start": {"contextId": event_id},
                    "tags": {"producer": "bench"},
                }
            )
        records.append({"context": context, "subject": subject})
        self._position[index] += 1
        self._last[index] = event_id
        self.remaining -= 1
        if self._position[index] == LONG_CHAIN_EVENTS:
            self._drop(index)
        return records

    def _drop(self, index: int) -> None:
        for items in (self.chain_ids, self._position, self._last):
            del items[index]
        if self.chain_ids:
            self._next_chain = index % len(self.chain_ids)


def _uuid(rng: random.Random) -> str:
    h = f"{(rng.getrandbits(128) & ~(0xF << 76) & ~(0x3 << 62)) | (0x4 << 76) | (0x2 << 62):032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def serve(args: argparse.Namespace) -> None:
    """Open the store, time chain queries on the long and the demo chains, report RSS."""
    long_ids, demo_ids = _chain_ids(args.store)
    if not long_ids:
        sys.exit("no 100-event chains in this store; build it with this script")
    rss_before = _rss_kb()
    wall = time.perf_counter()
    store = EmbeddedStore(args.store)
    open_s = time.perf_counter() - wall
    print(f"open EmbeddedStore: {open_s * 1000:.1f} ms")
    rng = random.Random(args.seed)
    first = _time_chain(store, long_ids[0])
    print(f"first chain query after open (cold): {first[0] * 1000:.2f} ms wall")
    results = {
        "100-event chains": _measure(store, long_ids, args.queries, rng),
        "demo chains (~15 events)": _measure(store, demo_ids, args.queries, rng),
    }
    for label, (times, sizes) in results.items():
        print(f"\n{label}: {len(times)} queries, {statistics.mean(sizes):.1f} events each")
        for column, name in enumerate(
            (
                "chain_events + chain_links wall",
                "                            cpu",
                "links_touching(ids, BOTH)  wall",
                "                            cpu",
            )
        ):
            _print_percentiles(f"  {name}", [t[column] for t in times])
    rss = _rss_kb()
    print(
        f"\nRSS after the queries: {rss / 1024:.0f} MB ({rss_before / 1024:.0f} MB before opening)"
    )
    # As under a server: every thread reads through its own connection (and page cache).
    with ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(lambda i: _time_chain(store, long_ids[i % len(long_ids)]),
                      range(args.queries)))  # fmt: skip
    threaded_rss, peak = _rss_kb(), _rss_kb("VmHWM:")
    print(
        f"RSS after {args.queries} more queries from {args.threads} threads: "
        f"{threaded_rss / 1024:.0f} MB (peak {peak / 1024:.0f} MB)"
    )
    store.close()
    print(json.dumps({"open_ms": round(open_s * 1000, 2), "rss_mb": round(threaded_rss / 1024)}))


def _chain_ids(path: Path) -> tuple[list[str], list[str]]:
    """Ids of the 100-event chains and of as many other complete chains (read before timing)."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        long_ids = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM chains WHERE event_count = ? ORDER BY id", (LONG_CHAIN_EVENTS,)
            )
        ]
        demo_ids = [row[0] for row in connection.execute(
            "SELECT id FROM chains WHERE event_count != ? AND complete ORDER BY id LIMIT ?",
            (LONG_CHAIN_EVENTS, max(200, len(long_ids))))]  # fmt: skip
    return long_ids, demo_ids


def _time_chain(store: EmbeddedStore, chain_id: str) -> tuple[float, float, float, float, int]:
    """Wall and CPU (this thread) seconds of the chain queries, then of `links_touching`."""
    wall, cpu = time.perf_counter(), time.thread_time()
    events = store.chain_events(chain_id)
    store.chain_links(chain_id)
    chain_wall, chain_cpu = time.perf_counter() - wall, time.thread_time() - cpu
    wall, cpu = time.perf_counter(), time.thread_time()
    store.links_touching([e.id for e in events], Direction.BOTH)
    touching_wall, touching_cpu = time.perf_counter() - wall, time.thread_time() - cpu
    return chain_wall, chain_cpu, touching_wall, touching_cpu, len(events)


def _measure(
    store: EmbeddedStore, chain_ids: list[str], queries: int, rng: random.Random
) -> tuple[list[tuple[float, ...]], list[int]]:
    """Per query: (chain wall, chain cpu, links_touching wall, links_touching cpu); sizes."""
    times, sizes = [], []
    for _ in range(queries):
        *seconds, size = _time_chain(store, rng.choice(chain_ids))
        times.append(tuple(seconds))
        sizes.append(size)
    return times, sizes


def _print_percentiles(label: str, seconds: list[float]) -> None:
    ordered = sorted(seconds)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    print(
        f"{label}  p50 {pick(0.50):.3f} ms  p95 {pick(0.95):.3f} ms  "
        f"p99 {pick(0.99):.3f} ms  max {ordered[-1] * 1000:.3f} ms"
    )


def _rss_kb(field: str = "VmRSS:") -> int:
    """This process's resident set (or, with "VmHWM:", its peak) in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


if __name__ == "__main__":
    main()
