"""Ingest throughput: JSONL -> embedded store, beside a raw sqlite3 executemany of the same lines.

Run:  python bench/bench_ingest.py [--events 200000] [--store PATH] [--jsonl PATH] [--breakdown]
                                  [--floor]

Both runs start from the same JSONL file (demo data from `lineage.demo`) and a fresh SQLite file
with the same journal settings (WAL, synchronous=NORMAL), commit every `--batch` records and
include reading and splitting the file. Wall time is `time.perf_counter`; CPU time is
`time.process_time` of this process (SQLite runs in-process, so its work is included; other
load on the machine shows up in wall time only).
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from lineage.demo import demo_events, write_jsonl
from lineage.ingest import Ingestor, read_records
from lineage.ingest import ingestor as ingestor_module
from lineage.ingest.ingestor import DEFAULT_BATCH
from lineage.ingest.records import parse_record, record_kind
from lineage.ingest.wire import WireLink, validate_event
from lineage.model import Event, Link
from lineage.store.embedded import EmbeddedStore, schema
from lineage.store.embedded.rows import Row, event_row, link_row


@dataclass(frozen=True, slots=True)
class Timing:
    """Wall and CPU seconds of one measured run."""

    wall: float
    cpu: float


def main() -> None:
    """Parse arguments, prepare the data, run both measurements and print them."""
    args = _arguments()
    workdir = Path(tempfile.mkdtemp(prefix="lineage-bench-"))
    jsonl = args.jsonl or workdir / "events.jsonl"
    if args.jsonl is None or not jsonl.exists():
        started = time.perf_counter()
        records, events = write_demo_jsonl(jsonl, args.events)
        print(
            f"wrote {records:,} records ({events:,} events) to {jsonl} "
            f"in {time.perf_counter() - started:.1f}s"
        )
    lines, events = count_lines(jsonl)
    store_path = args.store or workdir / "lineage.db"
    raw_path = workdir / "raw.db"
    print(
        f"input: {jsonl} ({jsonl.stat().st_size / 1e6:.0f} MB, {lines:,} records, "
        f"{events:,} events), batch {args.batch}"
    )

    if args.breakdown:
        breakdown(jsonl, store_path, args.batch, events)
    if args.floor:
        floor(jsonl, workdir / "floor.db", args.batch, events)
    ours = ingest(jsonl, store_path, args.batch)
    raw = raw_executemany(jsonl, raw_path, args.batch)
    print()
    print(
        f"{'':34}{'wall':>10}{'cpu':>10}{'events/s wall':>16}{'events/s cpu':>15}"
        f"{'us/event cpu':>14}"
    )
    for label, timing in (("lineage ingest (validated)", ours), ("raw sqlite3 executemany", raw)):
        print(
            f"{label:34}{timing.wall:>9.2f}s{timing.cpu:>9.2f}s{events / timing.wall:>16,.0f}"
            f"{events / timing.cpu:>15,.0f}{timing.cpu / events * 1e6:>14.1f}"
        )
    print(f"\nlineage ingest / raw executemany (cpu): {ours.cpu / raw.cpu:.1f}x")
    kept = args.keep or args.store is not None
    print(
        f"store file: {store_path} ({_size(store_path) / 1e6:.0f} MB incl. WAL)"
        + ("" if kept else ", removed (--keep keeps it)")
    )
    if not args.keep:
        for path in (raw_path, *([store_path] if args.store is None else [])):
            _remove_db(path)
        if args.jsonl is None:
            jsonl.unlink(missing_ok=True)
        if not any(workdir.iterdir()):
            workdir.rmdir()


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000, help="events to generate")
    parser.add_argument("--store", type=Path, help="store file to create (must not exist)")
    parser.add_argument("--jsonl", type=Path, help="reuse (or create) this JSONL input file")
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="records per commit")
    parser.add_argument("--breakdown", action="store_true", help="also time each stage (extra run)")
    parser.add_argument(
        "--floor", action="store_true", help="also time the least work the issue requires"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary store files")
    args = parser.parse_args()
    if args.store is not None and args.store.exists():
        parser.error(f"{args.store} exists; give a new path so the ingest starts empty")
    return args


def write_demo_jsonl(path: Path, events: int) -> tuple[int, int]:
    """Write demo records holding exactly `events` events; return (records, events) written."""
    written = write_jsonl(path, demo_events(events))
    return written, count_lines(path)[1]


def count_lines(path: Path) -> tuple[int, int]:
    """Non-empty lines of a JSONL file, and how many of them are events."""
    lines = events = 0
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                lines += 1
                events += b'"context"' in line
    return lines, events


def ingest(jsonl: Path, store_path: Path, batch: int) -> Timing:
    """Time `Ingestor.ingest(read_records(file))` into a new embedded store."""
    _remove_db(store_path)
    store = EmbeddedStore(store_path)
    wall, cpu = time.perf_counter(), time.process_time()
    report = Ingestor(store, batch_size=batch).ingest(read_records(jsonl))
    store.close()  # included: closing checkpoints what is still only in the WAL
    timing = Timing(time.perf_counter() - wall, time.process_time() - cpu)
    counts = {status.value: count for status, count in report.counts.items()}
    print(f"lineage ingest: {counts}")
    if report.problems:
        sys.exit(f"unexpected problems: {report.problems[:3]}")
    return timing


def raw_executemany(jsonl: Path, db_path: Path, batch: int) -> Timing:
    """Time inserting (line number, line) into a plain table, `batch` lines per transaction."""
    _remove_db(db_path)
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE raw (id INTEGER PRIMARY KEY, line TEXT NOT NULL)")
    wall, cpu = time.perf_counter(), time.process_time()
    lines = jsonl.read_bytes().decode().split("\n")
    rows = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    for start in range(0, len(rows), batch):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO raw (id, line) VALUES (?, ?)", rows[start : start + batch]
        )
        connection.execute("COMMIT")
    connection.close()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def breakdown(jsonl: Path, store_path: Path, batch: int, events: int) -> None:
    """CPU per event of each stage, from one extra ingest run with timers around the stages.

    Stages: reading and JSON decoding (`read_records`), validation and normalization
    (`parse_record`), the store's identity look-ups, derivations other features add to a batch
    (`lineage.ingest.ingestor.derive`, if present), and `store.write` (rows, SQLite, chains).
    The rest is the ingest loop itself (judging, outcomes, counting). Indented stages are part
    of the stage above them.
    """
    spent: dict[str, float] = {}

    def timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.process_time() - started

        return run

    def decoded() -> Iterator[Any]:
        records = iter(read_records(jsonl))
        next_record = timed("read + JSON decode", lambda: next(records, None))
        while (record := next_record()) is not None:
            yield record

    _remove_db(store_path)
    store = EmbeddedStore(store_path)
    for name in ("event_digests", "link_digests", "fact_digests"):
        if hasattr(store, name):
            setattr(store, name, timed("identity look-ups", getattr(store, name)))
    store.write = timed("store.write (rows, SQLite, chains)", store.write)  # type: ignore[method-assign]
    patched = {"parse_record": "validate + normalize"}
    if hasattr(ingestor_module, "derive"):
        patched["derive"] = "derivations (other features)"
    originals = {name: getattr(ingestor_module, name) for name in patched}
    for name, stage in patched.items():
        setattr(ingestor_module, name, timed(stage, originals[name]))
    facts_module: Any = sys.modules.get("lineage.store.embedded.facts")
    write_facts = getattr(facts_module, "write_facts", None)
    if write_facts is not None:  # part of store.write: shown apart, and taken out of it below
        facts_module.write_facts = timed("  of which facts (other features)", write_facts)
    try:
        cpu = time.process_time()
        Ingestor(store, batch_size=batch).ingest(decoded())
        close = time.process_time()
        store.close()
        spent["close (final checkpoint)"] = time.process_time() - close
        total = time.process_time() - cpu
    finally:
        for name, original in originals.items():
            setattr(ingestor_module, name, original)
        if write_facts is not None:
            facts_module.write_facts = write_facts
    nested = sum(seconds for stage, seconds in spent.items() if stage.startswith("  "))
    spent["ingest loop (judging, outcomes)"] = total - sum(spent.values()) + nested
    print("breakdown, cpu us per event (an instrumented run; timers add a little):")
    order = [*(stage for stage in spent if not stage.startswith("  "))]
    nested_at = order.index("store.write (rows, SQLite, chains)") + 1
    order[nested_at:nested_at] = [stage for stage in spent if stage.startswith("  ")]
    for stage in order:
        print(f"  {stage:40}{spent[stage] / events * 1e6:8.1f}")
    print(f"  {'total':40}{total / events * 1e6:8.1f}")


def floor(jsonl: Path, db_path: Path, batch: int, events: int) -> None:
    """CPU per event of the least work any validated ingest into these indexes must do.

    Three stages, each timed alone over the same file, with nothing of the product's own logic
    between them: decoding every line with orjson; validating each decoded record against the
    pydantic wire model of its kind (no normalization, no digests, no links built); and inserting
    rows built beforehand (untimed) into the embedded store's own tables and indexes with its
    own statements: one row per event, one per link the records carry (embedded and
    standalone), nothing derived, no chains, no facts, in `batch`-record transactions (events
    and links each into a new file, timed apart). Their sum is a floor: whatever the code around
    them, an ingest can be no faster on this machine. The event rows alone carry the indexes the
    issue names (id, chainId, subject id, type, time).
    """
    gc.disable()  # as `Ingestor` does per batch: else collections of what is held dominate
    cpu = time.process_time()
    decoded = [orjson.loads(line) for line in jsonl.read_bytes().split(b"\n") if line.strip()]
    decode = time.process_time() - cpu
    cpu = time.process_time()
    for record in decoded:
        if record_kind(record) == "event":
            validate_event(record)
        else:
            WireLink.model_validate(record)
    validate = time.process_time() - cpu
    batches: list[tuple[list[Row], list[Row]]] = []
    seen_links: set[str] = set()
    event_count = link_count = 0
    for first in range(0, len(decoded), batch):
        event_rows: list[Row] = []
        link_rows: list[Row] = []
        for record in decoded[first : first + batch]:
            item = parse_record(record)
            links = (
                item.links if isinstance(item, Event) else (item,) if isinstance(item, Link) else ()
            )
            if isinstance(item, Event):
                event_count += 1
                event_rows.append((event_count, *event_row(item)))
            for link in links:
                if link.id not in seen_links:
                    seen_links.add(link.id)
                    link_count += 1
                    link_rows.append((link_count, *link_row(link, {})))
        batches.append((event_rows, link_rows))
    insert_events = _insert_batches(db_path, schema.INSERT_EVENT, [b[0] for b in batches])
    insert_links = _insert_batches(db_path, schema.INSERT_LINK, [b[1] for b in batches])
    gc.enable()
    print(f"floor, cpu us per event ({event_count:,} event rows, {link_count:,} link rows):")
    for stage, seconds in (
        ("read + JSON decode (orjson)", decode),
        ("validate (pydantic wire models only)", validate),
        ("insert prebuilt event rows", insert_events),
        ("insert prebuilt link rows", insert_links),
        ("sum", decode + validate + insert_events + insert_links),
    ):
        print(f"  {stage:40}{seconds / events * 1e6:8.1f}")
    total = decode + validate + insert_events + insert_links
    print(f"  at most {events / total:,.0f} events/s on this machine, on one core")
    bare = decode + validate + insert_events
    print(f"  (and with no link rows at all, at most {events / bare:,.0f} events/s)")


def _insert_batches(db_path: Path, statement: str, batches: list[list[Row]]) -> float:
    """CPU seconds to insert the batches into a new store file, one transaction each."""
    _remove_db(db_path)
    EmbeddedStore(db_path).close()  # the store's own schema, indexes and page size
    connection = sqlite3.connect(db_path, isolation_level=None)
    for pragma in (*schema.PRAGMAS, *schema.WRITER_PRAGMAS):
        connection.execute(pragma)
    cpu = time.process_time()
    for rows in batches:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(statement, rows)
        connection.execute("COMMIT")
    connection.close()
    seconds = time.process_time() - cpu
    _remove_db(db_path)
    return seconds


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _size(path: Path) -> int:
    return sum(os.path.getsize(f"{path}{s}") for s in ("", "-wal") if Path(f"{path}{s}").exists())


if __name__ == "__main__":
    main()
