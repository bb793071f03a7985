"""Ingest throughput of the Neo4j backend: demo records -> `Ingestor` -> `Neo4jStore` over Bolt.

Run:  python bench/bench_neo4j_ingest.py [--events 20000] [--batch 5000] [--runs 2] [--embedded]
                                        [--floor] [--jvm-pid PID]

Without `NEO4J_URI` the store talks to a real Neo4j 5.26 started by the test tooling
(`tests/support/neo4j_server.py`, a child JVM sharing the machine's CPUs with the ingest). With
`NEO4J_URI` (plus `NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`) it uses that server, whose
database it CLEARS first. The records (demo data from `lineage.demo`, events with embedded links
plus standalone START/PATH links) are generated before timing; the timed part is
`Ingestor.ingest(records)`: parsing, judging against stored digests and writing every batch in one
transaction. `--runs` repeats that ingest into the emptied database: the first run meets a cold
JVM (interpreted code, JIT compiling), the later ones a warm one; each is reported. Besides wall
time it prints the CPU time of this process and, when the bench started the JVM itself, of the
Neo4j JVM (its own threads: Bolt workers, commit, GC, JIT), so the figures say where the time
went even on a machine shared with other work. `--embedded` also runs the same records into a
fresh embedded store. `--floor` first measures what the server alone can do (see `floor`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import neo4j

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the Neo4j launcher lives with the tests

from lineage.demo import demo_events  # noqa: E402
from lineage.ingest import Ingestor, SourceRecord  # noqa: E402
from lineage.ingest.ingestor import DEFAULT_BATCH  # noqa: E402
from lineage.ingest.records import parse_record  # noqa: E402
from lineage.model import Event, Link, LinkType  # noqa: E402
from lineage.store import Store  # noqa: E402
from lineage.store.codec import event_record, link_record  # noqa: E402
from lineage.store.embedded import EmbeddedStore  # noqa: E402
from lineage.store.neo4j import Neo4jStore, queries  # noqa: E402
from lineage.store.neo4j.store import (  # noqa: E402
    EVENT_WRITER_STATEMENTS,
    LINK_WRITER_STATEMENTS,
    link_write_row,
    subject_label,
)


def main() -> None:
    """Generate the records, run the timed ingest(s), print events per second."""
    args = _arguments()
    records, events = demo_source_records(args.events)
    print(f"input: {len(records):,} records ({events:,} events), batch {args.batch}")
    uri = os.environ.get("NEO4J_URI")
    if uri:
        store = Neo4jStore.from_environment(uri)
        outside = JvmClock(args.jvm_pid) if args.jvm_pid else None
        if args.floor:
            auth = (os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
            database = os.environ.get("NEO4J_DATABASE", "neo4j")
            floor(store, uri, auth, database, records, args.batch, args.runs, outside)
        neo4j_rate = runs("neo4j " + uri, store, records, events, args.batch, args.runs, outside)
    else:
        from tests.support.neo4j_server import neo4j_server

        with neo4j_server(heap="4g", page_cache="1g") as server:
            store = Neo4jStore(server.uri, server.username, server.password, server.database)
            jvm = JvmClock.child_of(os.getpid())
            if args.floor:
                auth = (server.username, server.password)
                floor(store, server.uri, auth, server.database, records, args.batch, args.runs,
                      jvm)  # fmt: skip
            label = "neo4j backend, Neo4j 5.26 (child JVM)"
            neo4j_rate = runs(label, store, records, events, args.batch, args.runs, jvm)
    if args.embedded:
        with tempfile.TemporaryDirectory(prefix="lineage-neo4j-bench-") as workdir:
            embedded = EmbeddedStore(Path(workdir) / "lineage.db")
            try:
                embedded_rate = run(
                    "embedded backend (SQLite)", embedded, records, events, args.batch
                )
            finally:
                embedded.close()
        print(f"\nneo4j / embedded: {neo4j_rate / embedded_rate:.2f}x")


class JvmClock:
    """CPU seconds used so far by the Neo4j JVM this process started (all its threads)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    @classmethod
    def child_of(cls, parent: int) -> JvmClock | None:
        """The clock of the `java` child process of `parent`, if there is one (Linux /proc)."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().split(b"\0")[0]
            except OSError:
                continue
            if int(fields[1]) == parent and command.endswith(b"java"):
                return cls(int(entry.name))
        return None

    def seconds(self) -> float:
        """User + system CPU seconds of the JVM so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def runs(
    label: str,
    store: Store,
    records: list[SourceRecord],
    events: int,
    batch: int,
    count: int,
    jvm: JvmClock | None,
) -> float:
    """Time `count` ingests, each into the emptied store; return the last one's events/s."""
    rate = 0.0
    try:
        for number in range(1, count + 1):
            temperature = "cold JVM" if number == 1 else "warm JVM"
            rate = run(f"{label}, run {number} ({temperature})", store, records, events, batch, jvm)
    finally:
        store.close()
    return rate


def run(
    label: str,
    store: Store,
    records: list[SourceRecord],
    events: int,
    batch: int,
    jvm: JvmClock | None = None,
) -> float:
    """Time one ingest into an empty store; print and return events per second (wall)."""
    if isinstance(store, Neo4jStore):
        store.init_schema()
        store.clear()
    server = jvm.seconds() if jvm else 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    report = Ingestor(store, batch_size=batch).ingest(records)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server = jvm.seconds() - server if jvm else 0.0
    stats = store.stats()
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")
    counts = {status.value: count for status, count in report.counts.items()}
    rate = events / wall
    print(f"\n{label}")
    print(f"  outcomes: {counts}")
    print(f"  stored:   {stats}")
    per_event = cpu / events * 1e6
    line = f"  wall {wall:.2f}s, cpu of this process {cpu:.2f}s ({per_event:,.0f} µs/event)"
    if jvm:
        line += f", cpu of the Neo4j JVM {server:.2f}s ({server / events * 1e6:,.0f} µs/event)"
    print(line)
    print(f"  {rate:,.0f} events/s ({len(records) / wall:,.0f} records/s)")
    return rate


def floor(
    store: Neo4jStore,
    uri: str,
    auth: tuple[str, str],
    database: str,
    records: list[SourceRecord],
    batch: int,
    repeats: int,
    jvm: JvmClock | None = None,
) -> None:
    """What the server alone does, `repeats` times (the first on a colder JVM), two ways.

    1. The store's own write statements fed rows built beforehand: into an emptied database with
       the store's constraints and indexes, every event through its label's `write_events_*`
       statement (MERGE on the event id constraint), then every PATH link between two of those
       events through `write_links_path` (two index seeks and a MERGE), `batch` rows per
       transaction, nothing else (no placeholders, chains or facts). Parsing and row building
       are not timed.
    2. Nodes and links made inside the server (`bench/cypher/floor_*.cypher`): as many event
       nodes, with a real event's properties and the same schema, and two PATH links per event,
       from a template, so nothing crosses Bolt: Neo4j's own cost per event and per link.

    Whatever the code around them, an ingest of these records can go no faster than (1), and no
    client can make Neo4j go faster than (2).
    """
    store.init_schema()
    events: dict[str, Event] = {}
    links: dict[str, Link] = {}
    for record in records:
        item = parse_record(record.raw)
        if isinstance(item, Event):
            events.setdefault(item.id, item)
            for link in item.links:
                links.setdefault(link.id, link)
        elif isinstance(item, Link):
            links.setdefault(item.id, item)
    by_label: dict[str, list[dict[str, Any]]] = {}
    for event in events.values():
        label = subject_label(event.subject_type)
        by_label.setdefault(label, []).append({"id": event.id, "props": event_record(event)})
    paths = []
    for link in links.values():
        if link.type is LinkType.PATH and link.from_id in events and link.to_id in events:
            paths.append(link_write_row(link_record(link)))
    work = [
        (queries.load(EVENT_WRITER_STATEMENTS[label]), rows[start : start + batch])
        for label, rows in sorted(by_label.items())
        for start in range(0, len(rows), batch)
    ]
    link_work = [
        (queries.load(LINK_WRITER_STATEMENTS[LinkType.PATH]), paths[start : start + batch])
        for start in range(0, len(paths), batch)
    ]
    template = {k: v for k, v in next(iter(by_label.values()))[0]["props"].items() if k != "id"}
    link_template = paths[0]["props"] if paths else {}
    count = len(events)
    made_events = [
        (_bench_statement("floor_create_events"),
         {"from": start, "to": min(count, start + batch), "template": template})
        for start in range(0, count, batch)
    ]  # fmt: skip
    made_links = [
        (_bench_statement("floor_create_links"),
         {"from": start, "to": min(count - 2, start + batch), "template": link_template})
        for start in range(0, count - 2, batch)
    ]  # fmt: skip
    print("\nfloor: the server alone (1: the store's statements fed rows built beforehand;"
          " 2: nodes and links made inside the server)")  # fmt: skip
    with (
        neo4j.GraphDatabase.driver(uri, auth=auth) as driver,
        driver.session(database=database) as session,
    ):
        for number in range(1, repeats + 1):
            store.clear()
            fed = (
                ("1 events (MERGE)", len(events), [(q, {"rows": r}) for q, r in work]),
                ("1 PATH links (2 seeks + MERGE)", len(paths),
                 [(q, {"rows": r}) for q, r in link_work]),
            )  # fmt: skip
            _time_stages(session, fed, number, jvm)
            store.clear()
            made = (
                ("2 events made in the server", count, made_events),
                ("2 PATH links made in the server", 2 * max(0, count - 2), made_links),
            )
            _time_stages(session, made, number, jvm)
    store.clear()


def _time_stages(
    session: neo4j.Session,
    stages: tuple[tuple[str, int, list[tuple[Any, dict[str, Any]]]], ...],
    number: int,
    jvm: JvmClock | None,
) -> None:
    """Run each stage's statements (one write transaction each) and print rows/s and JVM µs."""
    for label, count, chunks in stages:
        server = jvm.seconds() if jvm else 0.0
        wall = time.perf_counter()
        for statement, params in chunks:
            session.execute_write(_run_statement, statement, params)
        wall = time.perf_counter() - wall
        used = f", JVM {(jvm.seconds() - server) / count * 1e6:,.0f} µs/row" if jvm else ""
        print(f"  run {number}: {label:32} {count:>8,} rows  {count / wall:>10,.0f} rows/s{used}")


def _bench_statement(name: str) -> str:
    """A bench-only statement (`bench/cypher/<name>.cypher`), never one the product sends."""
    return (Path(__file__).resolve().parent / "cypher" / f"{name}.cypher").read_text("utf-8")


def _run_statement(tx: neo4j.ManagedTransaction, statement: Any, params: dict[str, Any]) -> None:
    tx.run(statement, params).consume()


def demo_source_records(events: int) -> tuple[list[SourceRecord], int]:
    """Demo records holding exactly `events` events, as the ingestor's source records."""
    records = [SourceRecord(f"demo:{i}", raw) for i, raw in enumerate(demo_events(events), start=1)]
    return records, sum(1 for record in records if "context" in record.raw)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000, help="events to generate")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="records per write")
    parser.add_argument("--runs", type=int, default=2, help="ingests into Neo4j (first: cold)")
    parser.add_argument("--embedded", action="store_true", help="also time the embedded store")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time the server alone, --runs times (see `floor`)",
    )
    parser.add_argument(
        "--jvm-pid",
        type=int,
        default=None,
        help="with NEO4J_URI: the server JVM's pid, to report its CPU time",
    )
    return parser.parse_args()


if __name__ == "__main__":
    main()
